import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/databases.ts';
import { countRows, lastAuditSeq } from '../testing/http.ts';
import {
  auditSince,
  fieldPaths,
  record,
  requestBody,
  startRegister,
  type FixtureAccount,
  type RegisterFixture,
} from './testing-requests.ts';

describe.each(testDatabaseKinds())('POST /api/requests on %s', (kind) => {
  let f: RegisterFixture;

  beforeAll(async () => {
    f = await startRegister(kind);
  });
  afterAll(async () => {
    await f.close();
  });

  const counts = async () => ({
    requests: await countRows(f.t.db, 'requests'),
    persons: await countRows(f.t.db, 'persons'),
    events: await countRows(f.t.db, 'request_events'),
    audit: await countRows(f.t.db, 'audit_events'),
  });

  /** Posts a body that must be refused, and proves nothing was written. */
  async function refused(
    body: unknown,
    status: number,
    account: FixtureAccount | null = 'intake',
    csrf?: null,
  ) {
    const before = await counts();
    const response = await f.t.request('POST', '/api/requests', {
      body,
      ...(account ? { session: f.sessions[account] } : {}),
      ...(csrf === null ? { csrf: null } : {}),
    });
    expect(response.status, response.text).toBe(status);
    expect(await counts()).toEqual(before);
    return response;
  }

  const get = async (id: string, account: FixtureAccount = 'manager') => {
    const response = await f.t.request('GET', `/api/requests/${id}`, { session: f.sessions[account] });
    expect(response.status, response.text).toBe(200);
    return response.json;
  };

  describe('the answer and the clocks', () => {
    it('answers 201 with exactly the CONTRACT fields', async () => {
      const response = await f.t.request('POST', '/api/requests', {
        session: f.sessions.intake,
        body: requestBody({ receivedAt: '2021-01-08T01:00:00+13:00' }),
      });
      expect(response.status).toBe(201);
      expect(Object.keys(response.json).sort()).toEqual(
        [
          'decisionDueDate',
          'id',
          'kind',
          'receivedAt',
          'reference',
          'status',
          'transferDueDate',
          'triageDueAt',
        ].sort(),
      );
      expect(response.json).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        reference: expect.stringMatching(/^TK-2021-\d{6}$/),
        status: 'awaiting-triage',
        kind: 'access',
      });
    });

    it('Privacy Act 2020 s 44 and s 7: received 2021-01-08 at 01:00 NZDT is that NZ date; the decision is due 2021-02-15', async () => {
      // 01:00 NZDT on 8 January is still 7 January in UTC: the NZ calendar date is what counts.
      const created = await record(f.t, f.sessions.intake, { receivedAt: '2021-01-08T01:00:00+13:00' });
      expect(created.decisionDueDate).toBe('2021-02-15');
      const detail = await get(created.id);
      expect(detail.dueExplanation).toMatchObject({
        received: '2021-01-08',
        workingDays: 20,
        due: '2021-02-15',
      });
      // s 7: 9–15 January are the summer holiday, and Waitangi Day (Sat 6 Feb 2021) is observed on Monday 8 Feb.
      const skipped = detail.dueExplanation.skipped as Array<{ date: string; reason: string }>;
      expect(skipped.map((day) => day.date)).toEqual(
        expect.arrayContaining(['2021-01-11', '2021-01-15', '2021-02-08']),
      );
      expect(skipped.find((day) => day.date === '2021-02-08')?.reason).toMatch(/Waitangi/);
      expect(skipped.find((day) => day.date === '2021-01-11')?.reason).toMatch(/25 Dec/);
    });

    it('s 44: received at 23:30 NZDT the day before is the day before (the NZ date, not the UTC date)', async () => {
      const created = await record(f.t, f.sessions.intake, { receivedAt: '2021-01-07T10:30:00Z' });
      // 2021-01-07T10:30Z is 23:30 on 7 January in Auckland; 7 January is in the summer period too, so the
      // count still starts on 18 January.
      expect(created.decisionDueDate).toBe('2021-02-15');
      const detail = await get(created.id);
      expect(detail.dueExplanation.received).toBe('2021-01-07');
    });

    it('C.09: triage is due 24 clock hours after receipt', async () => {
      const response = await f.t.request('POST', '/api/requests', {
        session: f.sessions.intake,
        body: requestBody({ receivedAt: '2021-01-08T01:00:00+13:00' }),
      });
      expect(response.json.receivedAt).toBe('2021-01-07T12:00:00.000Z');
      expect(response.json.triageDueAt).toBe('2021-01-08T12:00:00.000Z');
    });

    it('Privacy Act 2020 s 43: a transfer is due within 10 working days of receipt (2021-01-08 → 2021-01-29)', async () => {
      const created = await record(f.t, f.sessions.intake, { receivedAt: '2021-01-08T09:00:00+13:00' });
      expect(created.transferDueDate).toBe('2021-01-29');
    });

    it('s 7: a request received on a Saturday counts from the Monday', async () => {
      // Saturday 6 March 2021: the count starts on Monday 8 March.
      const created = await record(f.t, f.sessions.intake, { receivedAt: '2021-03-06T10:00:00+13:00' });
      const detail = await get(created.id);
      const skipped = (detail.dueExplanation.skipped as Array<{ date: string; reason: string }>).map(
        (d) => d.date,
      );
      expect(skipped).toEqual(expect.arrayContaining(['2021-03-07', '2021-04-02', '2021-04-05']));
      // 8 Mar–1 Apr is 19 working days; 2 Apr (Good Friday), 3–4 (weekend), 5 (Easter Monday) skipped: the 20th is 6 Apr.
      expect(created.decisionDueDate).toBe('2021-04-06');
    });

    it('C.09.03.4: for paper and oral requests the clock starts when the officer acknowledges the form', async () => {
      // The form was written days earlier; the officer acknowledged it at 09:15 on 8 January 2021.
      for (const channel of ['paper', 'oral'] as const) {
        const created = await record(f.t, f.sessions.intake, {
          channel,
          receivedAt: '2021-01-08T09:15:00+13:00',
          description: 'Form dated 2 January 2021, handed to the unit officer',
        });
        expect(created.decisionDueDate).toBe('2021-02-15');
        const detail = await get(created.id);
        expect(detail.receivedAt).toBe('2021-01-07T20:15:00.000Z');
        expect(detail.timeline[0]).toMatchObject({
          type: 'received',
          actor: { id: f.users.intake.id, name: 'Ina Intake' },
        });
        expect(detail.timeline[0].summary).toContain(`Received by ${channel} on 2021-01-08`);
      }
    });

    it('refuses a receipt time in the future: 400 naming receivedAt', async () => {
      const response = await refused(
        requestBody({ receivedAt: new Date(Date.now() + 3 * 3_600_000).toISOString() }),
        400,
      );
      expect(fieldPaths(response)).toEqual(['receivedAt']);
    });

    it('s 7: a receipt date before the known calendar (2014) is refused, never guessed: 400 naming receivedAt', async () => {
      const response = await refused(requestBody({ receivedAt: '2010-03-01T09:00:00+13:00' }), 400);
      expect(fieldPaths(response)).toEqual(['receivedAt']);
    });

    it('records the request, the received event and the audit rows (person.created, request.created) together', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const before = await counts();
      const created = await record(f.t, f.sessions.officer, {
        subject: { name: 'Rawiri Brown', prn: 'PRN-AUDIT-1' },
      });
      expect(await counts()).toEqual({
        requests: before.requests + 1,
        persons: before.persons + 1,
        events: before.events + 1,
        audit: before.audit + 2,
      });
      const audit = await auditSince(f.t, seq);
      expect(audit.map((row) => row.action)).toEqual(['person.created', 'request.created']);
      expect(audit[1]).toMatchObject({ entity_id: created.id, actor_id: f.users.officer.id });
      expect(audit[1]?.person_id).toBe(audit[0]?.entity_id);
    });
  });

  describe('routing (C.09.02.3)', () => {
    it('C.09.02.3: an agent whose authority is not confirmed is routed to the OIA track, with the reason', async () => {
      const created = await record(f.t, f.sessions.intake, {
        requester: { name: 'Sam Lawyer', relationship: 'agent' },
      });
      const detail = await get(created.id);
      expect(detail.proposedTrack).toBe('official-information');
      expect(detail.track).toBeNull(); // only a proposal until triage
      expect(detail.routingReason).toMatch(/authority is not uploaded or confirmed/);
      expect(detail.routingReason).toMatch(/Official Information Act/);
      expect(detail.routingReason).toMatch(/C\.09\.02\.3/);
    });

    it('C.09.02.3: a request for other people’s information is routed to the OIA track', async () => {
      const created = await record(f.t, f.sessions.intake, { aboutOtherPeople: true });
      const detail = await get(created.id);
      expect(detail.proposedTrack).toBe('official-information');
      expect(detail.routingReason).toMatch(/other people/);
    });

    it('C.09.02.2: an agent whose authority is confirmed stays on the Privacy Act access track', async () => {
      const created = await record(f.t, f.sessions.intake, {
        requester: {
          name: 'Sam Lawyer',
          relationship: 'agent',
          authorityConfirmed: true,
          authorityMethod: 'recorded-confirmation',
        },
      });
      const detail = await get(created.id);
      expect(detail.proposedTrack).toBe('privacy-access');
      expect(detail.requester).toMatchObject({
        name: 'Sam Lawyer',
        relationship: 'agent',
        authorityConfirmed: true,
        authorityMethod: 'recorded-confirmation',
      });
    });

    it('IPP 7, s 63: a correction by the person themselves goes to the correction track', async () => {
      const created = await record(f.t, f.sessions.intake, { kind: 'correction' });
      const detail = await get(created.id);
      expect(detail.proposedTrack).toBe('privacy-correction');
      expect(detail.kind).toBe('correction');
    });
  });

  describe('bad input: 400 naming each bad field by path, nothing written', () => {
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
      ['subject.name missing', { subject: { prn: 'A1234' } }, ['subject.name']],
      ['subject.name blank', { subject: { name: '   ' } }, ['subject.name']],
      ['a kind the register does not know', { kind: 'gossip' }, ['kind']],
      ['a channel the register does not know', { channel: 'pigeon' }, ['channel']],
      ['receivedAt not a date-time', { receivedAt: 'yesterday' }, ['receivedAt']],
      ['receivedAt without a time zone', { receivedAt: '2021-01-08T09:00:00' }, ['receivedAt']],
      ['an unknown field', { colour: 'blue' }, ['colour']],
      ['an unknown field inside subject', { subject: { name: 'A B', nickname: 'x' } }, ['subject.nickname']],
      [
        'dateOfBirth not a real date',
        { subject: { name: 'A B', dateOfBirth: '1990-02-30' } },
        ['subject.dateOfBirth'],
      ],
      [
        'dateOfBirth in the wrong form',
        { subject: { name: 'A B', dateOfBirth: '30/01/1990' } },
        ['subject.dateOfBirth'],
      ],
      [
        'requester relationship unknown',
        { requester: { name: 'X Y', relationship: 'friend' } },
        ['requester.relationship'],
      ],
      [
        'several at once',
        { kind: 'gossip', channel: 'pigeon', subject: { dateOfBirth: 'no' } },
        ['channel', 'kind', 'subject.dateOfBirth', 'subject.name'],
      ],
    ];
    it.each(cases)('%s', async (_name, overrides, paths) => {
      const response = await refused(requestBody(overrides), 400);
      expect(response.json.error.code).toBe('invalid');
      expect(fieldPaths(response)).toEqual(paths);
    });

    it('a missing required field (description) is named', async () => {
      const { description: _description, ...body } = requestBody();
      const response = await refused(body, 400);
      expect(fieldPaths(response)).toEqual(['description']);
    });

    it('an urgent request without a reason: 400 naming urgencyReason', async () => {
      const response = await refused(requestBody({ urgent: true }), 400);
      expect(fieldPaths(response)).toEqual(['urgencyReason']);
      const blank = await refused(requestBody({ urgent: true, urgencyReason: '' }), 400);
      expect(fieldPaths(blank)).toEqual(['urgencyReason']);
    });

    it('an urgent request with a reason is recorded with it', async () => {
      const created = await record(f.t, f.sessions.intake, {
        urgent: true,
        urgencyReason: 'Parole hearing on Friday',
      });
      const detail = await get(created.id);
      expect(detail.urgent).toBe(true);
      expect(detail.urgency).toMatchObject({
        requested: true,
        reason: 'Parole hearing on Friday',
        decision: null,
      });
    });
  });

  describe('who may record', () => {
    it('401 without a session', async () => {
      const response = await refused(requestBody(), 401, null);
      expect(response.json.error.code).toBe('unauthenticated');
    });

    it.each(['decisionMaker', 'manager', 'auditor', 'admin'] as const)('403 for %s', async (account) => {
      const response = await refused(requestBody(), 403, account);
      expect(response.json.error.code).toBe('forbidden');
    });

    it('intake and officers may record', async () => {
      await record(f.t, f.sessions.intake);
      await record(f.t, f.sessions.officer);
    });

    it('403 when the CSRF header is missing or wrong', async () => {
      const missing = await refused(requestBody(), 403, 'intake', null);
      expect(missing.json.error.code).toBe('csrf-failed');
      const before = await counts();
      const wrong = await f.t.request('POST', '/api/requests', {
        session: f.sessions.intake,
        csrf: 'not-the-token',
        body: requestBody(),
      });
      expect(wrong.status).toBe(403);
      expect(wrong.json.error.code).toBe('csrf-failed');
      expect(await counts()).toEqual(before);
    });
  });
});
