import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/databases.ts';
import { countRows, lastAuditSeq } from '../testing/http.ts';
import {
  auditSince,
  lifecycleMove,
  move,
  record,
  startRegister,
  type FixtureAccount,
  type RegisterFixture,
} from './testing-requests.ts';

type Case =
  | 'triageQueue'
  | 'ownTriaged'
  | 'pool'
  | 'southAssigned'
  | 'recordedByIntake'
  | 'awaitingDecision'
  | 'decided'
  | 'closedUndecided';

/**
 * Who sees what (issue 3, "Who sees what"): every role against eight requests in different states.
 * - triageQueue: recorded by otherIntake, awaiting triage
 * - ownTriaged: recorded by otherIntake, triaged (and so taken) by officer (team north)
 * - pool: recorded by otherIntake, triaged by otherIntake, nobody assigned
 * - southAssigned: recorded by otherIntake, taken by southOfficer (team south)
 * - recordedByIntake: recorded by intake, taken by southOfficer
 * - awaitingDecision: recorded by otherIntake, taken by southOfficer and submitted for decision
 * - decided: recorded by otherIntake, taken by southOfficer, submitted and decided
 * - closedUndecided: recorded by otherIntake, taken by southOfficer, closed with no decision (as a complaint
 *   escalated from the kiosk may be)
 */
const everything: Case[] = [
  'triageQueue',
  'ownTriaged',
  'pool',
  'southAssigned',
  'recordedByIntake',
  'awaitingDecision',
  'decided',
  'closedUndecided',
];
const visible: Record<Exclude<FixtureAccount, 'admin'>, Case[]> = {
  intake: ['triageQueue', 'recordedByIntake'],
  otherIntake: everything.filter((name) => name !== 'recordedByIntake'),
  officer: ['triageQueue', 'ownTriaged', 'pool'],
  teammate: ['triageQueue', 'ownTriaged', 'pool'],
  southOfficer: everything.filter((name) => name !== 'ownTriaged'),
  decisionMaker: ['awaitingDecision', 'decided'],
  manager: everything,
  auditor: everything,
};

describe.each(testDatabaseKinds())('reading requests on %s', (kind) => {
  let f: RegisterFixture;
  const ids = {} as Record<Case, string>;

  beforeAll(async () => {
    f = await startRegister(kind);
    const { t, sessions } = f;
    const subject = (name: string) => ({ subject: { name, prn: `PRN-${name.replace(/\W/g, '')}` } });
    ids.triageQueue = (await record(t, sessions.otherIntake, subject('Tia Queue'))).id;
    ids.ownTriaged = (await record(t, sessions.otherIntake, subject('Own Triaged'))).id;
    await move(t, sessions.officer, ids.ownTriaged, { type: 'triage', track: 'privacy-access' });
    ids.pool = (await record(t, sessions.otherIntake, subject('Pool Person'))).id;
    await move(t, sessions.otherIntake, ids.pool, { type: 'triage', track: 'privacy-access' });
    ids.southAssigned = (await record(t, sessions.otherIntake, subject('South Person'))).id;
    await move(t, sessions.southOfficer, ids.southAssigned, { type: 'triage', track: 'privacy-access' });
    ids.recordedByIntake = (await record(t, sessions.intake, subject('Intake Own'))).id;
    await move(t, sessions.southOfficer, ids.recordedByIntake, { type: 'triage', track: 'privacy-access' });
    ids.awaitingDecision = (await record(t, sessions.otherIntake, subject('Awaiting Decision'))).id;
    await move(t, sessions.southOfficer, ids.awaitingDecision, { type: 'triage', track: 'privacy-access' });
    await lifecycleMove(f, 'southOfficer', ids.awaitingDecision, { type: 'submit-for-decision' });
    ids.decided = (await record(t, sessions.otherIntake, subject('Decided Person'))).id;
    await move(t, sessions.southOfficer, ids.decided, { type: 'triage', track: 'privacy-access' });
    await lifecycleMove(f, 'southOfficer', ids.decided, { type: 'submit-for-decision' });
    await lifecycleMove(f, 'decisionMaker', ids.decided, {
      type: 'decide',
      outcome: 'granted-in-part',
      reason: 'Other people’s information withheld',
    });
    ids.closedUndecided = (await record(t, sessions.otherIntake, subject('Closed Complaint'))).id;
    await move(t, sessions.southOfficer, ids.closedUndecided, { type: 'triage', track: 'complaint' });
    // The lifecycle closes an undecided request only as an escalated complaint; the state is what matters here.
    await t.db.execute(sql`update requests set status = 'closed' where id = ${ids.closedUndecided}`);
  });
  afterAll(async () => {
    await f.close();
  });

  const read = (id: string, account: FixtureAccount) =>
    f.t.request('GET', `/api/requests/${id}`, { session: f.sessions[account] });

  describe('who sees what: each refusal proved on read and on list', () => {
    const cases = Object.keys(visible) as Array<keyof typeof visible>;
    it.each(cases)('%s reads exactly the requests it may see; the rest are 404', async (account) => {
      for (const [name, id] of Object.entries(ids) as Array<[Case, string]>) {
        const response = await read(id, account);
        const expected = visible[account].includes(name) ? 200 : 404;
        expect(response.status, `${account} reading ${name}`).toBe(expected);
      }
    });

    it.each(cases)('%s lists exactly the requests it may see', async (account) => {
      const response = await f.t.request('GET', '/api/requests?limit=200', { session: f.sessions[account] });
      expect(response.status).toBe(200);
      const listed = new Set((response.json.items as Array<{ id: string }>).map((item) => item.id));
      const seen = (Object.entries(ids) as Array<[Case, string]>)
        .filter(([, id]) => listed.has(id))
        .map(([name]) => name);
      expect(seen.sort()).toEqual([...visible[account]].sort());
    });

    it('intake: sees what they recorded after someone else triaged it, and the triage queue, but not another’s triaged request', async () => {
      expect((await read(ids.recordedByIntake, 'intake')).status).toBe(200);
      expect((await read(ids.triageQueue, 'intake')).status).toBe(200);
      expect((await read(ids.ownTriaged, 'intake')).status).toBe(404);
      expect((await read(ids.pool, 'intake')).status).toBe(404);
    });

    it('officer: sees the team’s requests, the triage queue and the unassigned pool, not another team’s assigned request', async () => {
      expect((await read(ids.ownTriaged, 'teammate')).status).toBe(200); // assigned to a teammate
      expect((await read(ids.pool, 'officer')).status).toBe(200);
      expect((await read(ids.triageQueue, 'officer')).status).toBe(200);
      expect((await read(ids.southAssigned, 'officer')).status).toBe(404);
      expect((await read(ids.ownTriaged, 'southOfficer')).status).toBe(404);
    });

    it('decision maker: sees requests awaiting decision and decided ones; no work in progress, nothing closed undecided', async () => {
      expect((await read(ids.awaitingDecision, 'decisionMaker')).status).toBe(200);
      expect((await read(ids.decided, 'decisionMaker')).status).toBe(200);
      for (const name of ['triageQueue', 'ownTriaged', 'pool', 'southAssigned', 'closedUndecided'] as const) {
        expect((await read(ids[name], 'decisionMaker')).status, name).toBe(404);
      }
    });

    it('admin: 403 on list and on read (admins manage accounts, not requests)', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const list = await f.t.request('GET', '/api/requests', { session: f.sessions.admin });
      expect(list.status).toBe(403);
      expect(list.json.error.code).toBe('forbidden');
      const one = await read(ids.triageQueue, 'admin');
      expect(one.status).toBe(403);
      expect(await lastAuditSeq(f.t.db)).toBe(seq);
    });

    it('401 without a session, on list and on read', async () => {
      expect((await f.t.request('GET', '/api/requests')).status).toBe(401);
      expect((await f.t.request('GET', `/api/requests/${ids.pool}`)).status).toBe(401);
    });

    it('"not found" and "not yours" answer the same body, and write nothing', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const missing = await read(randomUUID(), 'officer');
      const hidden = await read(ids.southAssigned, 'officer');
      expect(missing.status).toBe(404);
      expect(hidden.status).toBe(404);
      expect(hidden.json).toEqual(missing.json);
      expect(hidden.json.error.code).toBe('not-found');
      expect(await lastAuditSeq(f.t.db)).toBe(seq);
    });
  });

  describe('the detail', () => {
    it('has the timeline with who and when, the due explanation and the routing', async () => {
      const response = await read(ids.ownTriaged, 'manager');
      const detail = response.json;
      expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual(['received', 'triage']);
      expect(detail.timeline[0].actor).toEqual({ id: f.users.otherIntake.id, name: 'Oti Intake' });
      expect(detail.timeline[1].actor).toEqual({ id: f.users.officer.id, name: 'Olivia Officer' });
      for (const event of detail.timeline) expect(Date.parse(event.at)).not.toBeNaN();
      expect(detail.timeline[1].summary).toMatch(/Taken by Olivia Officer/);
      expect(detail.officer).toEqual({ id: f.users.officer.id, name: 'Olivia Officer' });
      expect(detail.dueExplanation).toMatchObject({ workingDays: 20, due: detail.decisionDueDate });
      expect(Array.isArray(detail.dueExplanation.skipped)).toBe(true);
      expect(detail.subject).toMatchObject({ name: 'Own Triaged', prn: 'PRN-OwnTriaged' });
      expect(detail.subjectPrn).toBe('PRN-OwnTriaged');
    });

    it('allowedActions depend on the role as well as the state', async () => {
      const actions = async (id: string, account: FixtureAccount) =>
        (await read(id, account)).json.allowedActions as string[];
      expect(await actions(ids.triageQueue, 'intake')).toEqual(['triage', 'withdraw']);
      expect(await actions(ids.triageQueue, 'officer')).toEqual([
        'triage',
        'route-to-oia',
        'assign',
        'set-urgency',
        'transfer',
        'withdraw',
      ]);
      expect(await actions(ids.triageQueue, 'manager')).toEqual(['assign']);
      expect(await actions(ids.triageQueue, 'auditor')).toEqual([]);
      // Deciding has its own page: the detail leads there instead of offering a generic action.
      expect(await actions(ids.awaitingDecision, 'decisionMaker')).toEqual([]);
      expect((await read(ids.awaitingDecision, 'decisionMaker')).json.caseSteps).toEqual([
        'approve-decision',
      ]);
      expect((await read(ids.awaitingDecision, 'southOfficer')).json.caseSteps).toEqual([]);
      expect((await read(ids.southAssigned, 'southOfficer')).json.caseSteps).toEqual(['draft-decision']);
      expect((await read(ids.decided, 'southOfficer')).json.caseSteps).toEqual(['release']);
      expect(await actions(ids.decided, 'southOfficer')).toEqual(['assign', 'close']);
      expect((await read(ids.decided, 'decisionMaker')).json.caseSteps).toEqual([]);
      expect(await actions(ids.decided, 'decisionMaker')).toEqual([]);
      expect(await actions(ids.awaitingDecision, 'southOfficer')).toEqual([
        'assign',
        'set-urgency',
        'extend',
        'withdraw',
      ]);
    });
  });

  describe('every read is audited', () => {
    it('a read writes request.read with the person it is about, in the same transaction', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const response = await read(ids.pool, 'auditor');
      expect(response.status).toBe(200);
      const audit = await auditSince(f.t, seq);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'request.read',
        actor_id: f.users.auditor.id,
        entity_id: ids.pool,
        person_id: response.json.subject.id,
      });
    });

    it('a list writes request.listed naming the requests and people shown', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const response = await f.t.request('GET', '/api/requests?limit=200', {
        session: f.sessions.decisionMaker,
      });
      const audit = await auditSince(f.t, seq);
      expect(audit.map((row) => row.action)).toEqual(['request.listed']);
      expect(audit[0]?.actor_id).toBe(f.users.decisionMaker.id);
      expect((audit[0]?.details.requestIds as string[]).sort()).toEqual(
        [ids.awaitingDecision, ids.decided].sort(),
      );
      expect(response.json.items).toHaveLength(2);
      const personIds = audit[0]?.details.personIds as string[];
      expect(personIds).toHaveLength(2);
    });

    it('an empty list writes no audit row (no personal information left the server)', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const response = await f.t.request('GET', '/api/requests?q=nobodyhasthisname', {
        session: f.sessions.manager,
      });
      expect(response.json.items).toEqual([]);
      expect(await lastAuditSeq(f.t.db)).toBe(seq);
    });

    it('the receipt is a read too', async () => {
      const before = await countRows(f.t.db, 'audit_events');
      const response = await f.t.request('GET', `/api/requests/${ids.pool}/receipt.pdf`, {
        session: f.sessions.manager,
      });
      expect(response.status).toBe(200);
      expect(await countRows(f.t.db, 'audit_events')).toBe(before + 1);
    });
  });
});
