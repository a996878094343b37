import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nzDateOf } from '../law/calendar.ts';
import { dueDate } from '../law/working-days.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { countRows, createStaff, lastAuditSeq, type TestResponse } from '../testing/http.ts';
import { drafted, expectStatus, step, withheldDocument } from '../decisions/testing-decisions.ts';
import { applyRequestEvent, type PublicRequestEventInput } from './requests.service.ts';
import {
  auditSince,
  fieldPaths,
  lifecycleMove,
  move,
  record,
  sendEvent,
  startRegister,
  type FixtureAccount,
  type RegisterFixture,
} from './testing-requests.ts';

describe.each(testDatabaseKinds())('the lifecycle through the API on %s', (kind) => {
  let f: RegisterFixture;

  beforeAll(async () => {
    f = await startRegister(kind);
  });
  afterAll(async () => {
    await f.close();
  });

  const counts = async () => ({
    events: await countRows(f.t.db, 'request_events'),
    audit: await countRows(f.t.db, 'audit_events'),
  });

  /** A request received an hour ago, recorded by intake; triaged by the officer (who takes it) unless not. */
  async function fresh(options: { triage?: boolean; overrides?: Record<string, unknown> } = {}) {
    const created = await record(f.t, f.sessions.intake, options.overrides);
    if (options.triage !== false)
      await move(f.t, f.sessions.officer, created.id, { type: 'triage', track: 'privacy-access' });
    return created;
  }

  /** A request received on 8 January 2021 (decision due 15 Feb, transfer by 29 Jan 2021), triaged by the officer. */
  const old = () => fresh({ overrides: { receivedAt: '2021-01-08T09:00:00+13:00' } });

  /** Sends an event that must be refused with `status`, and proves the refusal wrote nothing. */
  async function refusedMove(
    id: string,
    event: Record<string, unknown>,
    status: number,
    account: FixtureAccount = 'officer',
  ): Promise<TestResponse> {
    const before = await counts();
    const statusBefore = (await get(id)).status as string;
    const afterRead = await counts();
    const response = await sendEvent(f.t, f.sessions[account], id, event);
    expect(response.status, response.text).toBe(status);
    expect(await counts()).toEqual(afterRead);
    expect(afterRead.events).toBe(before.events);
    const again = await get(id);
    expect(again.status).toBe(statusBefore);
    return response;
  }

  const get = async (id: string) => {
    const response = await f.t.request('GET', `/api/requests/${id}`, { session: f.sessions.manager });
    expect(response.status, response.text).toBe(200);
    return response.json;
  };

  /** The request as `account` sees it, insisting on `status`. */
  const getAs = async (id: string, account: FixtureAccount, status = 200) => {
    const response = await f.t.request('GET', `/api/requests/${id}`, { session: f.sessions[account] });
    expect(response.status, response.text).toBe(status);
    return response.json;
  };

  describe('triage and assignment', () => {
    it('C.09: an officer who triages an unassigned request takes it; one request.changed audit row and one timeline event', async () => {
      const created = await fresh({ triage: false });
      const seq = await lastAuditSeq(f.t.db);
      const before = await counts();
      const response = await move(f.t, f.sessions.officer, created.id, {
        type: 'triage',
        track: 'privacy-access',
      });
      expect(response.json).toMatchObject({
        status: 'open',
        track: 'privacy-access',
        officer: { id: f.users.officer.id, name: 'Olivia Officer' },
      });
      const last = response.json.timeline.at(-1);
      expect(last).toMatchObject({
        type: 'triage',
        actor: { id: f.users.officer.id, name: 'Olivia Officer' },
      });
      expect(last.summary).toMatch(/Triaged to the Privacy Act access track/);
      expect(last.summary).toMatch(/Privacy Act 2020 s 44/);
      const after = await counts();
      expect(after.events).toBe(before.events + 1);
      const audit = await auditSince(f.t, seq);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'request.changed',
        actor_id: f.users.officer.id,
        entity_id: created.id,
        person_id: response.json.subject.id,
        details: { event: 'triage', from: 'awaiting-triage', to: 'open' },
      });
    });

    it('intake may triage; the request then waits in the unassigned pool', async () => {
      const created = await fresh({ triage: false });
      const response = await move(f.t, f.sessions.intake, created.id, {
        type: 'triage',
        track: 'privacy-correction',
      });
      expect(response.json).toMatchObject({ status: 'open', track: 'privacy-correction', officer: null });
    });

    it('a request is triaged once: the second is refused with a reason in words', async () => {
      const created = await fresh();
      const response = await refusedMove(created.id, { type: 'triage', track: 'complaint' }, 409);
      expect(response.json.error).toEqual({
        code: 'conflict',
        message: expect.stringMatching(/This request is open, so it cannot be triaged/),
      });
    });

    it('assigns to another active officer, and the timeline says who it was with before', async () => {
      const created = await fresh();
      const response = await move(f.t, f.sessions.officer, created.id, {
        type: 'assign',
        officerId: f.users.teammate.id,
      });
      expect(response.json.officer).toEqual({ id: f.users.teammate.id, name: 'Tama Teammate' });
      expect(response.json.timeline.at(-1).summary).toBe('Assigned to Tama Teammate (was Olivia Officer).');
      const byManager = await move(f.t, f.sessions.manager, created.id, {
        type: 'assign',
        officerId: f.users.officer.id,
      });
      expect(byManager.json.officer.id).toBe(f.users.officer.id);
    });

    it('assigns to an active officer only: 400 naming officerId otherwise, nothing written', async () => {
      const created = await fresh();
      const disabled = await createStaff(f.t.db, 'officer', { name: 'Gone Officer' });
      const patched = await f.t.request('PATCH', `/api/users/${disabled.id}`, {
        session: f.sessions.admin,
        body: { disabled: true },
      });
      expect(patched.status, patched.text).toBe(200);
      for (const officerId of [
        disabled.id,
        f.users.intake.id,
        f.users.decisionMaker.id,
        f.users.admin.id,
        '00000000-0000-4000-8000-000000000000',
      ]) {
        const response = await refusedMove(created.id, { type: 'assign', officerId }, 400);
        expect(fieldPaths(response)).toEqual(['officerId']);
      }
      const notUuid = await refusedMove(created.id, { type: 'assign', officerId: 'olivia' }, 400);
      expect(fieldPaths(notUuid)).toEqual(['officerId']);
    });

    it('403 for a role that may not make the move (intake assigning, auditor closing)', async () => {
      const created = await fresh();
      const byIntake = await refusedMove(
        created.id,
        { type: 'assign', officerId: f.users.teammate.id },
        403,
        'intake',
      );
      expect(byIntake.json.error.code).toBe('forbidden');
      await refusedMove(created.id, { type: 'close' }, 403, 'auditor');
    });

    it('404 for a request the officer cannot see (another team’s), nothing written', async () => {
      const created = await fresh();
      await refusedMove(created.id, { type: 'set-urgency', granted: true, reason: 'x' }, 404, 'southOfficer');
    });
  });

  describe('clarification and urgency', () => {
    it('asks for clarification, records the answer, and refuses a second question while waiting', async () => {
      const created = await fresh();
      const asked = await move(f.t, f.sessions.officer, created.id, {
        type: 'ask-clarification',
        question: 'Which years do you mean?',
      });
      expect(asked.json.status).toBe('awaiting-clarification');
      expect(asked.json.clarification).toMatchObject({ question: 'Which years do you mean?', answer: null });
      const again = await refusedMove(created.id, { type: 'ask-clarification', question: 'And?' }, 409);
      expect(again.json.error.message).toMatch(/waiting for the requester to clarify it/);
      const answered = await move(f.t, f.sessions.intake, created.id, {
        type: 'clarification-answered',
        answer: '2023 and 2024',
      });
      expect(answered.json.status).toBe('open');
      expect(answered.json.clarification).toMatchObject({
        question: 'Which years do you mean?',
        answer: '2023 and 2024',
        answeredAt: expect.any(String),
      });
    });

    it('grants or refuses urgency with a reason', async () => {
      const created = await fresh({ overrides: { urgent: true, urgencyReason: 'Court date' } });
      const granted = await move(f.t, f.sessions.officer, created.id, {
        type: 'set-urgency',
        granted: true,
        reason: 'Hearing on Friday',
      });
      expect(granted.json.urgent).toBe(true);
      expect(granted.json.urgency).toMatchObject({
        requested: true,
        decision: 'granted',
        decisionReason: 'Hearing on Friday',
      });
      const refusedUrgency = await move(f.t, f.sessions.officer, created.id, {
        type: 'set-urgency',
        granted: false,
        reason: 'The hearing was adjourned',
      });
      expect(refusedUrgency.json.urgent).toBe(false);
      const noReason = await refusedMove(created.id, { type: 'set-urgency', granted: true }, 400);
      expect(fieldPaths(noReason)).toEqual(['reason']);
    });
  });

  describe('extension (Privacy Act 2020 s 48)', () => {
    it('s 48: extends once, before the original due date, on a ground, to a later working day', async () => {
      const created = await fresh();
      const newDueDate = dueDate(created.decisionDueDate, 10);
      const response = await move(f.t, f.sessions.officer, created.id, {
        type: 'extend',
        ground: 'large-quantity',
        newDueDate,
        reason: 'Twelve boxes of files to search',
      });
      expect(response.json).toMatchObject({
        decisionDueDate: newDueDate,
        originalDueDate: created.decisionDueDate,
        extension: {
          ground: 'large-quantity',
          newDueDate,
          noticeDate: nzDateOf(new Date()),
          workingDays: 10,
          reason: 'Twelve boxes of files to search',
        },
      });
      expect(response.json.dueExplanation).toMatchObject({
        from: created.decisionDueDate,
        workingDays: 10,
        due: newDueDate,
        rule: expect.stringMatching(/s 48/),
      });
      expect(response.json.timeline.at(-1).summary).toMatch(/extended from .* to .*10 working days/);
    });

    it('s 48: a second extension is refused with 409 saying it may be extended only once', async () => {
      const created = await fresh();
      const first = dueDate(created.decisionDueDate, 5);
      await move(f.t, f.sessions.officer, created.id, {
        type: 'extend',
        ground: 'consultations',
        newDueDate: first,
        reason: 'Consulting the health provider',
      });
      const response = await refusedMove(
        created.id,
        {
          type: 'extend',
          ground: 'consultations',
          newDueDate: dueDate(first, 5),
          reason: 'More consultations',
        },
        409,
      );
      expect(response.json.error.message).toMatch(/only once/);
      expect(response.json.error.message).toMatch(/s 48/);
    });

    it('s 48(3): notice given after the original due date is too late (received 2021-01-08, due 2021-02-15): 409', async () => {
      const created = await old();
      const response = await refusedMove(
        created.id,
        { type: 'extend', ground: 'large-quantity', newDueDate: '2021-03-08', reason: 'Large' },
        409,
      );
      expect(response.json.error.message).toMatch(/before the original due date, 2021-02-15/);
      expect(response.json.error.message).toMatch(/too late/);
      expect(response.json.error.message).toMatch(/s 48/);
    });

    it('s 48: the Ombudsman’s case: notice on 10 Feb 2021 extending to 8 Mar 2021 is 15 working days', async () => {
      const created = await old();
      const response = await move(f.t, f.sessions.officer, created.id, {
        type: 'extend',
        ground: 'large-quantity',
        newDueDate: '2021-03-08',
        noticeDate: '2021-02-10',
        reason: 'Large quantity',
      });
      expect(response.json.extension).toMatchObject({ noticeDate: '2021-02-10', workingDays: 15 });
      expect(response.json.decisionDueDate).toBe('2021-03-08');
    });

    it('s 48(1): the ground is required and must be one the Act allows (400 naming ground)', async () => {
      const created = await fresh();
      const newDueDate = dueDate(created.decisionDueDate, 5);
      const missing = await refusedMove(created.id, { type: 'extend', newDueDate, reason: 'x' }, 400);
      expect(fieldPaths(missing)).toEqual(['ground']);
      const wrong = await refusedMove(
        created.id,
        { type: 'extend', ground: 'busy', newDueDate, reason: 'x' },
        400,
      );
      expect(fieldPaths(wrong)).toEqual(['ground']);
    });

    it('s 48: the new date must be after the original due date', async () => {
      const created = await fresh();
      const response = await refusedMove(
        created.id,
        { type: 'extend', ground: 'large-quantity', newDueDate: created.decisionDueDate, reason: 'x' },
        409,
      );
      expect(response.json.error.message).toMatch(/must be after the original due date/);
    });

    it('a request awaiting triage cannot be extended yet', async () => {
      const created = await fresh({ triage: false });
      const response = await refusedMove(
        created.id,
        {
          type: 'extend',
          ground: 'large-quantity',
          newDueDate: dueDate(created.decisionDueDate, 5),
          reason: 'x',
        },
        409,
      );
      expect(response.json.error.message).toMatch(/awaiting triage/);
    });
  });

  describe('transfer (Privacy Act 2020 s 43)', () => {
    it('s 43: transfers within 10 working days, recording the agency and the notice', async () => {
      const created = await fresh();
      const response = await move(f.t, f.sessions.officer, created.id, {
        type: 'transfer',
        agency: 'Ministry of Health',
        reason: 'The records are held by the hospital',
      });
      expect(response.json.status).toBe('transferred');
      expect(response.json.transfer).toEqual({
        agency: 'Ministry of Health',
        noticeDate: nzDateOf(new Date()),
        reason: 'The records are held by the hospital',
      });
      expect(response.json.timeline.at(-1).summary).toMatch(/Transferred to Ministry of Health.*s 43/);
      expect(response.json.allowedActions).toEqual([]);
    });

    it('s 43: a transfer after 10 working days is refused with 409 (received 2021-01-08: by 2021-01-29)', async () => {
      const created = await old();
      const today = await refusedMove(created.id, { type: 'transfer', agency: 'ACC', reason: 'x' }, 409);
      expect(today.json.error.message).toMatch(/within 10 working days.*by 2021-01-29/);
      expect(today.json.error.message).toMatch(/s 43/);
      const lateNotice = await refusedMove(
        created.id,
        { type: 'transfer', agency: 'ACC', reason: 'x', noticeDate: '2021-02-01' },
        409,
      );
      expect(lateNotice.json.error.message).toMatch(/2021-02-01 is too late/);
    });

    it('s 43: notice on the 10th working day (2021-01-29) is in time', async () => {
      const created = await old();
      const response = await move(f.t, f.sessions.officer, created.id, {
        type: 'transfer',
        agency: 'ACC',
        reason: 'Held by ACC',
        noticeDate: '2021-01-29',
      });
      expect(response.json.status).toBe('transferred');
    });
  });

  describe('routing, withdrawal, decision, release, close', () => {
    it('C.09.02.3: routes a triaged request to the OIA track, with the reason; not twice', async () => {
      const created = await fresh();
      const response = await move(f.t, f.sessions.officer, created.id, {
        type: 'route-to-oia',
        reason: 'The requester asks about another prisoner',
      });
      expect(response.json.track).toBe('official-information');
      expect(response.json.routingReason).toBe('The requester asks about another prisoner');
      expect(response.json.timeline.at(-1).summary).toMatch(/Official Information Act/);
      const again = await refusedMove(created.id, { type: 'route-to-oia', reason: 'again' }, 409);
      expect(again.json.error.message).toMatch(/already on the Official Information Act track/);
    });

    it('withdraws, after which nothing more can happen', async () => {
      const created = await fresh();
      const response = await move(f.t, f.sessions.intake, created.id, {
        type: 'withdraw',
        reason: 'The person told the unit officer they no longer want it',
      });
      expect(response.json.status).toBe('withdrawn');
      expect(response.json.dueState).toBe('closed');
      const late = await refusedMove(created.id, { type: 'close' }, 409);
      expect(late.json.error.message).toMatch(/withdrawn/);
    });

    it('going for decision, deciding and releasing are refused here with 400 naming type: they need a decision record or a verified release package', async () => {
      const created = await fresh({ overrides: { formOfRelease: 'copy' } });
      const seq = await lastAuditSeq(f.t.db);
      const submit = await refusedMove(created.id, { type: 'submit-for-decision' }, 400);
      expect(fieldPaths(submit)).toEqual(['type']);
      expect(submit.json.error.fields[0].message).toMatch(/decision page/);

      const decision = await drafted(f, created.id, {
        outcome: 'refused',
        grounds: ['s53(b)'],
        reasons: 'The file is about another prisoner.',
      });
      expectStatus(await step(f, decision.id, 'submit', 'officer'), 200);
      for (const event of [
        { type: 'decide', outcome: 'granted', reason: 'All of it' },
        { type: 'decide' },
        { type: 'return-to-officer', note: 'Say which pages' },
      ]) {
        const refused = await refusedMove(created.id, event, 400, 'decisionMaker');
        expect(fieldPaths(refused), event.type).toEqual(['type']);
        expect(refused.json.error.fields[0].message).toMatch(/decision page/);
      }
      expectStatus(await step(f, decision.id, 'approve', 'decisionMaker'), 200);

      const release = await refusedMove(created.id, { type: 'release' }, 400);
      expect(fieldPaths(release)).toEqual(['type']);
      expect(release.json.error.message).toMatch(/^Check these fields: type$/);
      expect(release.json.error.fields[0].message).toMatch(/release page/);
      // An unknown type is still refused the ordinary way.
      const unknown = await refusedMove(created.id, { type: 'publish' }, 400);
      expect(fieldPaths(unknown)).toEqual(['type']);

      // Nor can a caller of the use case slip one past the types.
      await expect(
        applyRequestEvent(f.t.db, f.actor('officer'), created.id, {
          type: 'release',
        } as unknown as PublicRequestEventInput),
      ).rejects.toMatchObject({ code: 'invalid', fields: [{ path: 'type' }] });
      const moves = (await auditSince(f.t, seq)).filter((row) => row.action === 'request.changed');
      expect(moves.map((row) => row.details.event)).toEqual(['submit-for-decision', 'decide']);
    });

    it('C.09.05: submit and approve a decision, release, close: each event with who and when, and each role led to its next step', async () => {
      const created = await fresh({ triage: false, overrides: { formOfRelease: 'copy' } });
      await move(f.t, f.sessions.intake, created.id, { type: 'triage', track: 'privacy-access' });
      // Unassigned: nobody can take it for decision yet.
      expect((await getAs(created.id, 'officer')).caseSteps).toEqual([]);
      await move(f.t, f.sessions.manager, created.id, { type: 'assign', officerId: f.users.officer.id });

      const open = await getAs(created.id, 'officer');
      expect(open.caseSteps).toEqual(['draft-decision']);
      expect(open.allowedActions).not.toContain('submit-for-decision');
      expect((await getAs(created.id, 'decisionMaker', 404)).error.code).toBe('not-found');

      await withheldDocument(f, created.id, 'Incident report', { markGrounds: ['s53(b)'] });
      const decision = await drafted(f, created.id, {
        outcome: 'granted-in-part',
        grounds: ['s53(b)'],
        reasons: 'Another prisoner is named.',
      });
      expectStatus(await step(f, decision.id, 'submit', 'officer'), 200);
      const awaiting = await getAs(created.id, 'decisionMaker');
      expect(awaiting).toMatchObject({ status: 'awaiting-decision', caseSteps: ['approve-decision'] });
      expect(awaiting.allowedActions).not.toContain('decide');
      expect((await getAs(created.id, 'officer')).caseSteps).toEqual([]);

      expectStatus(await step(f, decision.id, 'approve', 'decisionMaker'), 200);
      const decided = await getAs(created.id, 'officer');
      expect(decided).toMatchObject({
        status: 'decided',
        decisionOutcome: 'granted-in-part',
        caseSteps: ['release'],
      });
      expect(decided.allowedActions).not.toContain('release');
      expect((await getAs(created.id, 'decisionMaker')).caseSteps).toEqual([]);

      // What the release service does once the verified package is sent (src/release).
      await lifecycleMove(f, 'officer', created.id, { type: 'release' });
      expect((await getAs(created.id, 'officer')).caseSteps).toEqual([]);
      const closed = await move(f.t, f.sessions.officer, created.id, { type: 'close' });
      expect(closed.json.status).toBe('closed');
      expect(closed.json.allowedActions).toEqual([]);
      expect(closed.json.caseSteps).toEqual([]);
      const reopen = await refusedMove(created.id, { type: 'close' }, 409);
      expect(reopen.json.error.message).toMatch(/This request is closed/);

      const timeline = (await get(created.id)).timeline as Array<{
        type: string;
        at: string;
        actor: { name: string } | null;
      }>;
      expect(timeline.map((event) => [event.type, event.actor?.name])).toEqual([
        ['received', 'Ina Intake'],
        ['triage', 'Ina Intake'],
        ['assign', 'Mere Manager'],
        ['submit-for-decision', 'Olivia Officer'],
        ['decide', 'Dana Decider'],
        ['release', 'Olivia Officer'],
        ['close', 'Olivia Officer'],
      ]);
      const times = timeline.map((event) => Date.parse(event.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Date.now() - times[0]!).toBeLessThan(60_000);
    });

    it('every change is a request.changed audit row with the move, from and to; refusals write none', async () => {
      const created = await fresh({ triage: false, overrides: { formOfRelease: 'copy' } });
      const seq = await lastAuditSeq(f.t.db);
      await move(f.t, f.sessions.officer, created.id, { type: 'triage', track: 'privacy-access' });
      await refusedMove(created.id, { type: 'close' }, 409);
      const decision = await drafted(f, created.id, {
        outcome: 'refused',
        grounds: ['s53(h)'],
        reasons: 'x',
      });
      expectStatus(await step(f, decision.id, 'submit', 'officer'), 200);
      expectStatus(await step(f, decision.id, 'approve', 'decisionMaker'), 200);
      // A refusal releases nothing: the officer is not led to the release page, only to close.
      const decided = await getAs(created.id, 'officer');
      expect(decided.caseSteps).toEqual([]);
      expect(decided.allowedActions).toContain('close');
      await move(f.t, f.sessions.officer, created.id, { type: 'close' });
      const changes = (await auditSince(f.t, seq)).filter((row) => row.action === 'request.changed');
      expect(changes.map((row) => row.details)).toEqual([
        { event: 'triage', from: 'awaiting-triage', to: 'open' },
        { event: 'submit-for-decision', from: 'open', to: 'awaiting-decision' },
        { event: 'decide', from: 'awaiting-decision', to: 'decided' },
        { event: 'close', from: 'decided', to: 'closed' },
      ]);
      expect(changes.every((row) => row.entity_id === created.id)).toBe(true);
    });

    it('two officers triaging at once: one wins, the other is told why (the row is locked)', async () => {
      const created = await fresh({ triage: false });
      const answers = await Promise.all([
        sendEvent(f.t, f.sessions.officer, created.id, { type: 'triage', track: 'privacy-access' }),
        sendEvent(f.t, f.sessions.teammate, created.id, { type: 'triage', track: 'complaint' }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const detail = await get(created.id);
      expect(detail.timeline.filter((e: { type: string }) => e.type === 'triage')).toHaveLength(1);
    });
  });

  describe('repeat requests (C.09.07.6)', () => {
    it('C.09.07.6: a second request for the same PRN shows the first, and the last release date once released', async () => {
      const subject = { name: 'Hēmi Walker', prn: 'PRN-REPEAT-1' };
      const first = await record(f.t, f.sessions.intake, { subject });
      const second = await record(f.t, f.sessions.intake, { subject: { ...subject, name: 'Hemi Walker' } });
      const before = await get(second.id);
      expect(before.earlierRequests).toEqual([
        {
          id: first.id,
          reference: first.reference,
          receivedAt: expect.any(String),
          status: 'awaiting-triage',
        },
      ]);
      expect(before.lastReleaseDate).toBeNull();
      expect(before.subject.id).toBe((await get(first.id)).subject.id);
      expect(before.timeline[0].summary).toMatch(/name given differs/);

      await move(f.t, f.sessions.officer, first.id, { type: 'triage', track: 'privacy-access' });
      await lifecycleMove(f, 'officer', first.id, { type: 'submit-for-decision' });
      await lifecycleMove(f, 'decisionMaker', first.id, {
        type: 'decide',
        outcome: 'granted',
        reason: 'All',
      });
      await lifecycleMove(f, 'officer', first.id, { type: 'release' });

      const after = await get(second.id);
      expect(after.earlierRequests[0]).toMatchObject({ id: first.id, status: 'released' });
      expect(after.lastReleaseDate).toBe(nzDateOf(new Date()));
    });

    it('C.09.07.6: two requests for a new PRN recorded at the same moment are one person', async () => {
      const subject = { name: 'Mere Tūhoe', prn: 'PRN-RACE-1' };
      const [a, b] = await Promise.all([
        f.t.request('POST', '/api/requests', {
          session: f.sessions.intake,
          body: {
            kind: 'access',
            channel: 'paper',
            receivedAt: new Date().toISOString(),
            subject,
            description: 'a',
          },
        }),
        f.t.request('POST', '/api/requests', {
          session: f.sessions.officer,
          body: {
            kind: 'access',
            channel: 'oral',
            receivedAt: new Date().toISOString(),
            subject,
            description: 'b',
          },
        }),
      ]);
      expect([a.status, b.status], `${a.text} ${b.text}`).toEqual([201, 201]);
      const first = await get(a.json.id);
      const second = await get(b.json.id);
      expect(first.subject.id).toBe(second.subject.id);
    });

    it('a request without a PRN is a new person (a name alone does not identify anyone)', async () => {
      const one = await record(f.t, f.sessions.intake, { subject: { name: 'John Smith' } });
      const two = await record(f.t, f.sessions.intake, { subject: { name: 'John Smith' } });
      const detail = await get(two.id);
      expect(detail.earlierRequests).toEqual([]);
      expect(detail.subject.id).not.toBe((await get(one.id)).subject.id);
    });
  });
});
