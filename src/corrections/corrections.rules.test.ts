import { describe, expect, it } from 'vitest';
import {
  isEmailAddress,
  markNotified,
  recipientsFromDisclosures,
  statementMail,
  statementRefusal,
} from './corrections.rules.ts';

const decided = { status: 'decided', track: 'privacy-correction' };
const approved = (outcome: string) => ({ status: 'approved', outcome });

describe('when a statement of correction may be attached', () => {
  it('IPP 7, s 63: a refused correction lets the person attach a statement', () => {
    expect(statementRefusal(decided, approved('correction-refused'))).toBeNull();
  });

  it('IPP 7, s 63: a correction made only in part lets the person attach a statement about the rest', () => {
    expect(statementRefusal(decided, approved('corrected-in-part'))).toBeNull();
  });

  it('IPP 7: information corrected in full has nothing to attach a statement to', () => {
    expect(statementRefusal(decided, approved('corrected'))).toMatch(/corrected in full.*IPP 7/);
  });

  it('IPP 7: before any decision there is no refusal to attach a statement to', () => {
    expect(statementRefusal({ status: 'open', track: 'privacy-correction' }, null)).toMatch(
      /no decision yet.*IPP 7/,
    );
  });

  it('C.09.05: a refusal not yet approved by the decision maker does not count', () => {
    for (const status of ['draft', 'submitted', 'returned', 'superseded']) {
      expect(statementRefusal(decided, { status, outcome: 'correction-refused' })).toMatch(
        new RegExp(`${status}, not approved`),
      );
    }
  });

  it('ss 59–65: only a correction request carries a statement (access, OIA, complaint and untriaged refused)', () => {
    for (const track of ['privacy-access', 'official-information', 'complaint', null]) {
      expect(statementRefusal({ status: 'decided', track }, approved('correction-refused'))).toMatch(
        /not on the correction track/,
      );
    }
    // Routing proposes the correction track, but until triage nobody has accepted it.
    expect(
      statementRefusal(
        { status: 'awaiting-triage', track: 'privacy-correction' },
        approved('correction-refused'),
      ),
    ).toMatch(/not on the correction track/);
  });

  it('an outcome that is not a correction outcome is refused, not silently accepted', () => {
    expect(statementRefusal(decided, approved('granted'))).toMatch(
      /"granted" is not a decision on a correction/,
    );
  });
});

describe('earlier recipients (IPP 7: tell earlier recipients where practicable)', () => {
  const d = (iso: string) => new Date(iso);

  it('lists each recipient once with the last time they were given the information, oldest first', () => {
    expect(
      recipientsFromDisclosures([
        { recipient: 'health@example.nz', disclosedAt: d('2026-03-01T00:00:00Z') },
        { recipient: 'Aroha Pōtae (post)', disclosedAt: d('2026-02-01T00:00:00Z') },
        { recipient: ' Health@Example.nz ', disclosedAt: d('2026-04-01T00:00:00Z') },
        { recipient: '   ', disclosedAt: d('2026-05-01T00:00:00Z') },
      ]),
    ).toEqual([
      {
        recipient: 'Aroha Pōtae (post)',
        disclosedAt: '2026-02-01T00:00:00.000Z',
        notifiedAt: null,
        notifiedBy: null,
      },
      {
        recipient: 'health@example.nz',
        disclosedAt: '2026-04-01T00:00:00.000Z',
        notifiedAt: null,
        notifiedBy: null,
      },
    ]);
  });

  it('no disclosures, nobody to tell', () => {
    expect(recipientsFromDisclosures([])).toEqual([]);
  });

  const listed = recipientsFromDisclosures([
    { recipient: 'health@example.nz', disclosedAt: d('2026-03-01T00:00:00Z') },
    { recipient: 'Parole Board', disclosedAt: d('2026-03-02T00:00:00Z') },
  ]);
  const at = d('2026-06-01T01:02:03Z');

  it('marks the chosen recipient told, by whom and when, and leaves the others', () => {
    const result = markNotified(listed, 'HEALTH@example.nz', 'staff-1', at);
    expect(result).toMatchObject({
      ok: true,
      recipient: { recipient: 'health@example.nz', notifiedAt: at.toISOString(), notifiedBy: 'staff-1' },
    });
    expect(result.ok && result.recipients[1]).toEqual(listed[1]);
  });

  it('refuses a recipient not on the list', () => {
    expect(markNotified(listed, 'someone@else.nz', 'staff-1', at)).toMatchObject({
      ok: false,
      problem: 'unknown-recipient',
    });
  });

  it('refuses telling the same recipient twice, saying when they were told', () => {
    const first = markNotified(listed, 'Parole Board', 'staff-1', at);
    if (!first.ok) throw new Error('first notification refused');
    const second = markNotified(first.recipients, 'parole board', 'staff-2', at);
    expect(second).toMatchObject({ ok: false, problem: 'already-notified' });
    expect(!second.ok && second.message).toContain(at.toISOString());
  });
});

describe('the e-mail to an earlier recipient', () => {
  it('recognises e-mail addresses and nothing else', () => {
    expect(isEmailAddress('records@health.example.nz')).toBe(true);
    expect(isEmailAddress(' a.b@c.nz ')).toBe(true);
    for (const other of [
      'Aroha Pōtae (post)',
      'Parole Board',
      'a@b',
      '@b.nz',
      'a b@c.nz',
      'x@y.nz, z@w.nz',
    ]) {
      expect(isEmailAddress(other), other).toBe(false);
    }
  });

  it('IPP 7: carries the statement and the information it relates to, with the reference', () => {
    const mail = statementMail({
      reference: 'TK-2026-000012',
      personName: 'Aroha Pōtae',
      information: 'Incident report of 3 May 2026',
      statement: 'I was in the library at the time, not in the yard.',
      recordedAt: new Date('2026-06-01T00:00:00Z'),
    });
    expect(mail.subject).toBe('Statement of correction (TK-2026-000012)');
    expect(mail.text).toContain('Incident report of 3 May 2026');
    expect(mail.text).toContain('I was in the library at the time, not in the yard.');
    expect(mail.text).toContain('Aroha Pōtae');
    expect(mail.text).toContain('information privacy principle 7');
  });
});
