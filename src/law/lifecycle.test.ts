import { describe, expect, it } from 'vitest';
import {
  EVENT_STATUSES,
  EVENT_TYPES,
  REQUEST_STATUSES,
  type LifecycleEvent,
  type LifecycleEventType,
  type RequestSnapshot,
  type Transition,
  allowedEvents,
  applyTransition,
  newRequestSnapshot,
  transition,
} from './lifecycle.ts';

// Received Friday 8 January 2021, 10:00 NZDT: the Ombudsman's case.
const receivedAt = new Date('2021-01-07T21:00:00Z');
const at = (nzIso: string): Date => new Date(`${nzIso}+13:00`);
const kiosk = newRequestSnapshot({ channel: 'kiosk', receivedAt });
const open: RequestSnapshot = { ...kiosk, status: 'open', track: 'privacy-access', assignedOfficerId: 'o-1' };
const feb10 = at('2021-02-10T10:00:00');

/** A valid example of each event, so that only the status decides whether it may happen. */
const sample: Record<LifecycleEventType, LifecycleEvent> = {
  triage: { type: 'triage', track: 'privacy-access' },
  'route-to-oia': { type: 'route-to-oia', reason: 'asks for other prisoners’ records' },
  assign: { type: 'assign', officerId: 'o-2' },
  'set-urgency': { type: 'set-urgency', granted: true, reason: 'parole hearing next week' },
  'ask-clarification': { type: 'ask-clarification', question: 'Which incident do you mean?' },
  'clarification-answered': { type: 'clarification-answered', answer: 'The one on 3 January.' },
  extend: { type: 'extend', ground: 'large-quantity', newDueDate: '2021-03-08', noticeDate: '2021-02-10' },
  transfer: { type: 'transfer', agency: 'Ara Poutama Aotearoa', noticeDate: '2021-01-20' },
  'submit-for-decision': { type: 'submit-for-decision' },
  decide: { type: 'decide', outcome: 'granted' },
  'return-to-officer': { type: 'return-to-officer', note: 'Say which parts of the report are withheld' },
  release: { type: 'release' },
  close: { type: 'close' },
  withdraw: { type: 'withdraw', reason: 'requester withdrew in writing' },
  'escalate-untriaged': { type: 'escalate-untriaged' },
};

function refused(t: Transition): { code: string; reason: string } {
  if (t.ok) throw new Error(`expected a refusal, got ${t.status}`);
  return t;
}

describe('request lifecycle', () => {
  it('a new request awaits triage with its clocks started from the NZ date of receipt (s 44, s 43)', () => {
    expect(kiosk).toMatchObject({
      status: 'awaiting-triage',
      receivedDate: '2021-01-08',
      decisionDueDate: '2021-02-15',
      transferDueDate: '2021-01-29',
      extensionCount: 0,
      track: null,
    });
  });

  it('every move not allowed in a status is refused, saying why and when it would be allowed', () => {
    for (const status of REQUEST_STATUSES) {
      const s: RequestSnapshot = { ...open, status, decisionOutcome: 'granted' };
      for (const type of EVENT_TYPES) {
        if (EVENT_STATUSES[type].includes(status)) continue;
        const t = refused(transition(s, sample[type], feb10));
        expect(t.code, `${type} from ${status}`).toBe('wrong-status');
        expect(t.reason).toMatch(/^This request is .+, so it cannot .+; that is possible only when it is .+/);
      }
    }
  });

  it('a closed request cannot be reopened or changed', () => {
    const closed = { ...open, status: 'closed' as const };
    expect(allowedEvents(closed, feb10)).toEqual([]);
    expect(refused(transition(closed, sample.triage, feb10)).reason).toBe(
      'This request is closed, so it cannot be triaged; that is possible only when it is awaiting triage',
    );
  });

  it('the whole happy path: triage, assign, submit, decide, release, close', () => {
    let s = kiosk;
    const lines: string[] = [];
    for (const e of [
      sample.triage,
      sample.assign,
      sample['submit-for-decision'],
      sample.decide,
      sample.release,
      sample.close,
    ]) {
      const t = transition(s, e, feb10);
      expect(t.ok, e.type).toBe(true);
      if (t.ok) lines.push(t.timeline);
      s = applyTransition(s, t);
    }
    expect(s).toMatchObject({
      status: 'closed',
      track: 'privacy-access',
      assignedOfficerId: 'o-2',
      decisionOutcome: 'granted',
    });
    expect(lines[0]).toBe(
      'Triaged to the Privacy Act access track. Decision due 2021-02-15 (Privacy Act 2020 s 44); transfer, if any, by 2021-01-29 (Privacy Act 2020 s 43).',
    );
  });

  it('clarification: asked from open, answered back to open', () => {
    const asked = transition(open, sample['ask-clarification'], feb10);
    expect(asked).toMatchObject({ ok: true, status: 'awaiting-clarification' });
    const waiting = applyTransition(open, asked);
    expect(transition(waiting, sample['clarification-answered'], feb10)).toMatchObject({
      ok: true,
      status: 'open',
    });
    expect(refused(transition(open, { type: 'ask-clarification', question: '  ' }, feb10)).code).toBe(
      'invalid',
    );
  });

  describe('extension (s 48)', () => {
    it('s 48: the Ombudsman case: extended to 2021-03-08, 15 working days; a second extension is refused', () => {
      const t = transition(open, sample.extend, feb10);
      expect(t).toMatchObject({
        ok: true,
        status: 'open',
        changes: { decisionDueDate: '2021-03-08', extensionCount: 1 },
      });
      if (t.ok) expect(t.timeline).toContain('15 working days');
      const extended = applyTransition(open, t);
      const again = refused(
        transition(
          extended,
          { type: 'extend', ground: 'consultations', newDueDate: '2021-03-22', noticeDate: '2021-03-01' },
          at('2021-03-01T10:00:00'),
        ),
      );
      expect(again.code).toBe('already-extended');
      expect(again.reason).toBe(
        'The time limit has already been extended (now 2021-03-08); it may be extended only once (Privacy Act 2020 s 48)',
      );
      expect(allowedEvents(extended, feb10)).not.toContain('extend');
    });

    it('s 48(3): an extension notified after the original due date is refused', () => {
      const late = refused(
        transition(
          open,
          { ...sample.extend, noticeDate: '2021-02-16' } as LifecycleEvent,
          at('2021-02-16T10:00:00'),
        ),
      );
      expect(late.code).toBe('too-late');
      expect(late.reason).toBe(
        'An extension must be notified before the original due date, 2021-02-15; notice given on 2021-02-16 is too late and the extension is invalid (Privacy Act 2020 s 48(3))',
      );
    });

    it('s 48(1): a ground other than large quantity or consultations is refused', () => {
      const bad = refused(
        transition(open, { ...sample.extend, ground: 'busy' } as unknown as LifecycleEvent, feb10),
      );
      expect(bad.code).toBe('invalid');
      expect(bad.reason).toContain('large quantity of information or because consultations are needed');
    });

    it('s 48: a notice dated in the future is refused', () => {
      expect(refused(transition(open, sample.extend, at('2021-02-09T10:00:00'))).code).toBe('invalid');
    });

    it('s 65 and OIA s 15A: the correction and OIA tracks cite their own sections', () => {
      const oia = { ...open, track: 'official-information' as const };
      const t = refused(
        transition(
          oia,
          { ...sample.extend, noticeDate: '2021-02-16' } as LifecycleEvent,
          at('2021-02-17T10:00:00'),
        ),
      );
      expect(t.reason).toContain('Official Information Act 1982 s 15A(3)');
    });

    it('an untriaged request or a complaint has no time limit to extend', () => {
      const untriaged = { ...open, track: null };
      expect(refused(transition(untriaged, sample.extend, feb10)).code).toBe('not-triaged');
      const complaint = { ...open, track: 'complaint' as const };
      expect(refused(transition(complaint, sample.extend, feb10)).code).toBe('wrong-track');
    });
  });

  describe('transfer (s 43)', () => {
    it('s 43: transfer within 10 working days of receipt records the agency and the notice', () => {
      const t = transition(kiosk, sample.transfer, at('2021-01-20T10:00:00'));
      expect(t).toMatchObject({ ok: true, status: 'transferred' });
      if (t.ok)
        expect(t.timeline).toBe(
          'Transferred to Ara Poutama Aotearoa; the requester was told on 2021-01-20 (Privacy Act 2020 s 43; Official Information Act 1982 s 14).',
        );
      expect(
        transition(open, { ...sample.transfer, noticeDate: '2021-01-29' } as LifecycleEvent, feb10).ok,
      ).toBe(true);
    });

    it('s 43: a transfer notified after the 10th working day is refused', () => {
      const t = refused(
        transition(open, { ...sample.transfer, noticeDate: '2021-02-01' } as LifecycleEvent, feb10),
      );
      expect(t.code).toBe('too-late');
      expect(t.reason).toBe(
        'A request may be transferred only within 10 working days after the day it was received, by 2021-01-29; notice on 2021-02-01 is too late (Privacy Act 2020 s 43). The agency must decide it itself',
      );
    });

    it('s 62: a correction request cites s 62', () => {
      const correction = { ...open, track: 'privacy-correction' as const };
      const t = refused(
        transition(correction, { ...sample.transfer, noticeDate: '2021-02-01' } as LifecycleEvent, feb10),
      );
      expect(t.reason).toContain('(Privacy Act 2020 s 62)');
    });

    it('a transfer needs an agency and a real notice date no later than today', () => {
      expect(
        refused(transition(open, { ...sample.transfer, agency: '' } as LifecycleEvent, feb10)).code,
      ).toBe('invalid');
      expect(
        refused(transition(open, { ...sample.transfer, noticeDate: '20-01-2021' } as LifecycleEvent, feb10))
          .code,
      ).toBe('invalid');
      expect(refused(transition(open, sample.transfer, at('2021-01-19T10:00:00'))).code).toBe('invalid');
      expect(
        refused(transition(open, { ...sample.transfer, noticeDate: '2021-01-07' } as LifecycleEvent, feb10))
          .code,
      ).toBe('invalid');
    });

    it('a complaint cannot be transferred', () => {
      expect(refused(transition({ ...open, track: 'complaint' }, sample.transfer, feb10)).code).toBe(
        'wrong-track',
      );
    });
  });

  describe('triage within 24 hours (C.09)', () => {
    it('C.09: an untriaged kiosk request becomes a complaint once 24 hours have passed', () => {
      const t = transition(kiosk, sample['escalate-untriaged'], new Date('2021-01-08T21:00:00Z'));
      expect(t).toMatchObject({
        ok: true,
        status: 'escalated-to-complaint',
        changes: { track: 'complaint' },
      });
      if (t.ok) expect(t.timeline).toContain('became a complaint automatically (C.09)');
    });

    it('C.09: not before the 24 hours are up', () => {
      const t = refused(transition(kiosk, sample['escalate-untriaged'], new Date('2021-01-08T20:59:59Z')));
      expect(t.code).toBe('too-early');
      expect(t.reason).toContain('2021-01-08T21:00:00.000Z');
      expect(allowedEvents(kiosk, new Date('2021-01-08T20:59:59Z'))).not.toContain('escalate-untriaged');
      expect(allowedEvents(kiosk, new Date('2021-01-08T21:00:00Z'))).toContain('escalate-untriaged');
    });

    it('C.09: only kiosk requests are escalated automatically', () => {
      const web = { ...kiosk, channel: 'web' as const };
      expect(refused(transition(web, sample['escalate-untriaged'], feb10)).code).toBe('wrong-channel');
    });

    it('C.09: once triaged, a request is no longer escalated', () => {
      expect(refused(transition(open, sample['escalate-untriaged'], feb10)).code).toBe('wrong-status');
    });

    it('an escalated complaint can be assigned and closed', () => {
      const complaint = { ...kiosk, status: 'escalated-to-complaint' as const, track: 'complaint' as const };
      expect(allowedEvents(complaint, feb10)).toEqual(['assign', 'close']);
    });

    it('triage refuses an unknown track', () => {
      const t = refused(
        transition(kiosk, { type: 'triage', track: 'other' } as unknown as LifecycleEvent, feb10),
      );
      expect(t.code).toBe('invalid');
    });
  });

  describe('routing to the OIA (C.09.02.3)', () => {
    it('C.09.02.3: routing says the OIA clock applies and changes nothing else', () => {
      const t = transition(kiosk, sample['route-to-oia'], feb10);
      expect(t).toMatchObject({
        ok: true,
        status: 'open',
        changes: { status: 'open', track: 'official-information' },
      });
      if (t.ok) {
        expect(t.timeline).toBe(
          'Routed to the Official Information Act track: asks for other prisoners’ records. The OIA clock applies: decision due 2021-02-15 (Official Information Act 1982 s 15); transfer, if any, by 2021-01-29 (Official Information Act 1982 s 14).',
        );
      }
    });

    it('C.09.02.3: an open request keeps its status; an OIA request or complaint cannot be routed again', () => {
      expect(transition(open, sample['route-to-oia'], feb10)).toMatchObject({ ok: true, status: 'open' });
      expect(
        refused(transition({ ...open, track: 'official-information' }, sample['route-to-oia'], feb10)).code,
      ).toBe('wrong-track');
      expect(refused(transition({ ...open, track: 'complaint' }, sample['route-to-oia'], feb10)).code).toBe(
        'wrong-track',
      );
      expect(refused(transition(open, { type: 'route-to-oia', reason: '' }, feb10)).code).toBe('invalid');
    });
  });

  describe('decision (s 44; C.09.05)', () => {
    const waiting = { ...open, status: 'awaiting-decision' as const };

    it('C.09.05: a request goes for decision only once triaged and assigned', () => {
      expect(
        refused(transition({ ...open, assignedOfficerId: null }, sample['submit-for-decision'], feb10)).code,
      ).toBe('not-assigned');
      expect(refused(transition({ ...open, track: null }, sample['submit-for-decision'], feb10)).code).toBe(
        'not-triaged',
      );
    });

    it('s 44, s 63: the outcome must fit the track', () => {
      const t = refused(transition(waiting, { type: 'decide', outcome: 'corrected' }, feb10));
      expect(t.code).toBe('invalid');
      expect(t.reason).toContain(
        'granted, granted-in-part, granted-with-conditions, refused or neither-confirm-nor-deny',
      );
      expect(
        transition(
          { ...waiting, track: 'privacy-correction' },
          { type: 'decide', outcome: 'correction-refused' },
          feb10,
        ).ok,
      ).toBe(true);
    });

    it('C.09.05: the decision maker may return a draft to the officer with a note; the request is open again', () => {
      const t = transition(waiting, sample['return-to-officer'], feb10);
      expect(t).toMatchObject({ ok: true, status: 'open', changes: { status: 'open' } });
      if (t.ok) {
        expect(t.timeline).toBe(
          'The decision maker returned the draft decision to the officer (C.09.05): Say which parts of the report are withheld',
        );
      }
      expect(refused(transition(waiting, { type: 'return-to-officer', note: ' ' }, feb10)).code).toBe(
        'invalid',
      );
      expect(refused(transition(open, sample['return-to-officer'], feb10)).code).toBe('wrong-status');
      expect(allowedEvents(waiting, feb10)).toContain('return-to-officer');
    });

    it('s 44: a decision after the due date is recorded as late', () => {
      const t = transition(waiting, { type: 'decide', outcome: 'refused' }, at('2021-02-16T09:00:00'));
      expect(t.ok && t.timeline).toContain('The decision is late: it was due 2021-02-15.');
    });

    it('a refusal or neither-confirm-nor-deny releases nothing: close, not release', () => {
      for (const outcome of ['refused', 'neither-confirm-nor-deny', 'correction-refused'] as const) {
        const decided = { ...open, status: 'decided' as const, decisionOutcome: outcome };
        const t = refused(transition(decided, sample.release, feb10));
        expect(t.code).toBe('nothing-to-release');
        expect(t.reason).toContain('close the request instead');
        expect(transition(decided, sample.close, feb10).ok).toBe(true);
      }
    });
  });

  it('urgency is granted or refused with a reason', () => {
    expect(transition(kiosk, sample['set-urgency'], feb10)).toMatchObject({
      ok: true,
      changes: { urgent: true },
    });
    const refusedUrgency = transition(
      kiosk,
      { type: 'set-urgency', granted: false, reason: 'no deadline given' },
      feb10,
    );
    expect(refusedUrgency).toMatchObject({
      ok: true,
      changes: { urgent: false },
      timeline: 'Urgency refused: no deadline given.',
    });
    expect(refused(transition(kiosk, { type: 'set-urgency', granted: true, reason: '' }, feb10)).code).toBe(
      'invalid',
    );
  });

  it('assignment: a reassignment names both officers; assigning the same officer again is refused', () => {
    expect(transition(open, sample.assign, feb10)).toMatchObject({
      ok: true,
      timeline: 'Reassigned from officer o-1 to officer o-2.',
    });
    expect(refused(transition(open, { type: 'assign', officerId: 'o-1' }, feb10)).code).toBe('invalid');
  });

  it('withdrawal records the reason and ends the request', () => {
    expect(transition(open, sample.withdraw, feb10)).toMatchObject({ ok: true, status: 'withdrawn' });
    expect(refused(transition(open, { type: 'withdraw', reason: ' ' }, feb10)).code).toBe('invalid');
  });

  it('allowedEvents lists exactly the event types that some event can perform', () => {
    expect(allowedEvents(kiosk, feb10)).toEqual([
      'triage',
      'route-to-oia',
      'assign',
      'set-urgency',
      'transfer',
      'withdraw',
      'escalate-untriaged',
    ]);
    expect(allowedEvents(open, feb10)).toEqual([
      'route-to-oia', 'assign', 'set-urgency', 'ask-clarification', 'extend', 'transfer', 'submit-for-decision', 'withdraw',
    ]); // prettier-ignore
    for (const status of REQUEST_STATUSES) {
      const s = { ...open, status, decisionOutcome: 'granted' as const };
      const allowed = allowedEvents(s, feb10);
      for (const type of EVENT_TYPES) {
        const t = transition(s, sample[type], feb10);
        if (t.ok) expect(allowed, `${type} from ${status}`).toContain(type);
        else if (t.code === 'wrong-status') expect(allowed).not.toContain(type);
      }
    }
  });
});
