import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, queryRows } from '../db/tx.ts';
import { nzDateOf } from '../law/calendar.ts';
import { findOrCreatePerson } from '../people/people.repo.ts';
import { auditSince } from '../requests/testing-requests.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { lastAuditSeq } from '../testing/http.ts';
import { appendAuditEvent } from './audit.repo.ts';
import { isoWeekOf, weekBounds } from './audit-monitoring.rules.ts';
import { evaluateAccesses } from './evaluation.service.ts';
import { sendWeeklyReports } from './reports.service.ts';
import { startAuditFixture, type AuditAccount, type AuditFixture } from './testing-audit-app.ts';

describe.each(testDatabaseKinds())('the access audit API on %s (issue 5: explained or flagged)', (kind) => {
  let f: AuditFixture;
  const people: Record<string, string> = {};
  const week = isoWeekOf(nzDateOf(new Date()));
  const bounds = weekBounds(week);
  let teammateSeq: number;
  let southSeq: number;
  let managerSeq: number;
  let reasonSeq: number;

  const read = (account: AuditAccount, personId: string) =>
    inTransaction(f.t.db, (tx) =>
      appendAuditEvent(tx, {
        action: 'person.read',
        actorId: f.users[account].id,
        actorRole: f.users[account].role,
        entityType: 'person',
        entityId: personId,
        personId,
      }),
    );
  const evaluate = () =>
    inTransaction(f.t.db, (tx) =>
      evaluateAccesses(tx, { from: bounds.from, to: new Date(Date.now() + 60_000) }),
    );

  beforeAll(async () => {
    f = await startAuditFixture(kind);
    for (const [key, name, unit] of [
      ['aroha', 'Aroha Pōtae', 'Kōwhai'],
      ['hemi', 'Hemi Walker', 'Rātā'],
      ['mere', 'Mere Kahu', 'Kōwhai'],
    ] as const) {
      const { person } = await findOrCreatePerson(f.t.db, {
        name,
        prn: `PRN-${key}`,
        site: 'Rimutaka',
        unit,
      });
      people[key] = person.id;
    }
    for (let i = 0; i < 45; i++) {
      const { person } = await findOrCreatePerson(f.t.db, { name: `Bulk Person${i}`, prn: `PRN-bulk-${i}` });
      people[`bulk${i}`] = person.id;
    }
  });
  afterAll(async () => {
    await f.close();
  });

  describe('POST /api/audit/relationships', () => {
    const body = () => ({
      relationships: [
        {
          staffId: f.users.officer.id,
          personId: people.aroha!,
          kind: 'case-manager',
          from: '2025-01-01',
          unit: 'Kōwhai',
        },
        {
          staffId: f.users.teammate.id,
          personId: people.hemi!,
          kind: 'unit-roster',
          from: '2025-01-01',
          to: '2025-06-30',
        },
      ],
    });

    it('admins and managers load relationships (201), audited', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const admin = await f.t.request('POST', '/api/audit/relationships', {
        session: f.sessions.admin,
        body: body(),
      });
      expect(admin.status, admin.text).toBe(201);
      expect(admin.json).toEqual({ loaded: 2 });
      const manager = await f.t.request('POST', '/api/audit/relationships', {
        session: f.sessions.manager,
        body: body(),
      });
      expect(manager.json).toEqual({ loaded: 2 }); // the same relationships again: updated, not duplicated
      const [count] = await queryRows<{ n: string | number }>(
        f.t.db,
        sql`select count(*) as n from work_relationships`,
      );
      expect(Number(count!.n)).toBe(2);
      expect((await auditSince(f.t, seq)).map((e) => e.action)).toEqual([
        'audit.relationships-loaded',
        'audit.relationships-loaded',
      ]);
    });

    it('other roles are refused (403), without a session 401, without the CSRF header 403', async () => {
      for (const account of ['officer', 'auditor', 'intake', 'decisionMaker'] as const) {
        const response = await f.t.request('POST', '/api/audit/relationships', {
          session: f.sessions[account],
          body: body(),
        });
        expect(response.status, account).toBe(403);
      }
      expect((await f.t.request('POST', '/api/audit/relationships', { body: body() })).status).toBe(401);
      const noCsrf = await f.t.request('POST', '/api/audit/relationships', {
        session: f.sessions.manager,
        body: body(),
        csrf: null,
      });
      expect(noCsrf.json.error.code).toBe('csrf-failed');
    });

    it('an unknown person, a bad kind or dates are a 400 naming the field; nothing is written', async () => {
      const unknown = await f.t.request('POST', '/api/audit/relationships', {
        session: f.sessions.manager,
        body: {
          relationships: [
            {
              staffId: f.users.officer.id,
              personId: '00000000-0000-4000-8000-000000000000',
              kind: 'health',
              from: '2025-01-01',
            },
          ],
        },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.json.error.fields).toEqual([
        { path: 'relationships.0.personId', message: 'No person has this id' },
      ]);
      const bad = await f.t.request('POST', '/api/audit/relationships', {
        session: f.sessions.manager,
        body: {
          relationships: [
            { staffId: f.users.officer.id, personId: people.aroha, kind: 'friend', from: '2025-02-30' },
          ],
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.json.error.fields.map((field: { path: string }) => field.path).sort()).toEqual([
        'relationships.0.from',
        'relationships.0.kind',
      ]);
    });
  });

  describe('the interruption card: access check and stated reasons', () => {
    it('access-check tells the web app whether to ask; a relationship in force needs no reason', async () => {
      const check = (account: AuditAccount, personId: string) =>
        f.t.request('GET', `/api/audit/access-check?personId=${personId}`, { session: f.sessions[account] });
      expect((await check('officer', people.aroha!)).json).toEqual({
        needsReason: false,
        reasons: ['case-manager'],
        reasonGiven: false,
      });
      // The teammate's roster on Hemi's unit ended in June 2025.
      expect((await check('teammate', people.hemi!)).json).toEqual({
        needsReason: true,
        reasons: [],
        reasonGiven: false,
      });
      expect((await check('admin', people.hemi!)).status).toBe(403);
    });

    it('a reason is stored, audited, linked to the read it was asked for, and then not asked again', async () => {
      teammateSeq = await read('teammate', people.hemi!);
      const seq = await lastAuditSeq(f.t.db);
      const response = await f.t.request('POST', '/api/audit/access-reasons', {
        session: f.sessions.teammate,
        body: { personId: people.hemi, reason: 'Covering the Rātā unit roster today for a sick colleague' },
      });
      expect(response.status, response.text).toBe(201);
      expect(response.json).toMatchObject({ eventSeq: teammateSeq });
      const events = await auditSince(f.t, seq);
      expect(events).toMatchObject([
        {
          action: 'audit.access-reason-given',
          actor_id: f.users.teammate.id,
          person_id: people.hemi,
          details: { eventSeq: teammateSeq },
        },
      ]);
      reasonSeq = events[0]!.seq;
      const check = await f.t.request('GET', `/api/audit/access-check?personId=${people.hemi}`, {
        session: f.sessions.teammate,
      });
      expect(check.json).toEqual({ needsReason: false, reasons: ['stated-reason'], reasonGiven: true });
    });

    it('a reason needs words, a real person, and a role that reads records', async () => {
      const post = (account: AuditAccount, body: unknown) =>
        f.t.request('POST', '/api/audit/access-reasons', { session: f.sessions[account], body });
      expect((await post('teammate', { personId: people.hemi, reason: '' })).status).toBe(400);
      expect(
        (await post('teammate', { personId: '00000000-0000-4000-8000-000000000000', reason: 'Checking' }))
          .status,
      ).toBe(404);
      expect((await post('admin', { personId: people.hemi, reason: 'Just looking' })).status).toBe(403);
      expect(
        (
          await f.t.request('POST', '/api/audit/access-reasons', {
            body: { personId: people.hemi, reason: 'x' },
          })
        ).status,
      ).toBe(401);
    });
  });

  describe('weekly reports, outcomes and the usage figure', () => {
    beforeAll(async () => {
      await read('officer', people.aroha!); // explained: case manager
      southSeq = await read('southOfficer', people.mere!); // unexplained, team south
      managerSeq = await read('manager', people.hemi!); // the manager's own: never in their report
      // A spike: the teammate opens 45 records in a day (their peers open one or two).
      for (let i = 0; i < 45; i++) await read('teammate', people[`bulk${i}`]!);
      const result = await evaluate();
      expect(result.flagged).toBeGreaterThan(40);
    });

    const report = (account: AuditAccount, w = week) =>
      f.t.request('GET', `/api/audit/reports/weekly?week=${w}`, { session: f.sessions[account] });

    it('a manager sees their team’s flagged accesses with reasons in words, not their own nor another team’s', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const response = await report('manager');
      expect(response.status, response.text).toBe(200);
      expect(response.json).toMatchObject({ week, scope: 'team' });
      const items = response.json.items as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON from the answer
      const staff = new Set(items.map((item) => item.staff.name));
      expect([...staff]).toEqual(['Tama Teammate']);
      expect(items.some((item) => item.seq === southSeq || item.seq === managerSeq)).toBe(false);
      const hemi = items.find((item) => item.seq === teammateSeq)!;
      expect(hemi).toMatchObject({
        person: { name: 'Hemi Walker' },
        flags: [],
        reasons: [{ code: 'stated-reason', words: 'they recorded a reason (for review)' }],
        statedReason: 'Covering the Rātā unit roster today for a sick colleague',
        outcome: null,
      });
      expect(hemi.summary).toContain('Explained only by a reason they stated.');
      const spike = items.filter((item) =>
        item.flags.some((flag: { code: string }) => flag.code === 'volume'),
      );
      expect(spike.length).toBeGreaterThan(40);
      expect(spike[0]!.flags).toContainEqual({
        code: 'volume',
        words: 'far more records than their usual day and their peers’',
      });
      expect(spike[0]!.flags).toContainEqual({
        code: 'unexplained',
        words: 'no work relationship, shared unit or stated reason explains it',
      });
      expect(await auditSince(f.t, seq)).toMatchObject([
        { action: 'audit.report-read', actor_id: f.users.manager.id },
      ]);
    });

    it('an auditor sees everyone’s, the manager’s own included; the other team’s manager sees only theirs', async () => {
      const all = await report('auditor');
      expect(all.json.scope).toBe('all');
      const seqs = new Set((all.json.items as Array<{ seq: number }>).map((item) => item.seq));
      expect(seqs.has(southSeq) && seqs.has(managerSeq) && seqs.has(teammateSeq)).toBe(true);
      const south = await report('southManager');
      expect((south.json.items as Array<{ seq: number }>).map((item) => item.seq)).toEqual([southSeq]);
    });

    it('other roles are refused (403); a week that does not exist is a 400', async () => {
      for (const account of ['officer', 'intake', 'decisionMaker', 'admin'] as const) {
        expect((await report(account)).status, account).toBe(403);
      }
      expect((await report('auditor', '2026-W60')).status).toBe(400);
      expect((await report('auditor', 'last week')).status).toBe(400);
    });

    it('only an auditor marks a flagged access justified or a breach; the outcome is recorded and audited', async () => {
      const mark = (account: AuditAccount, seq: number, body: unknown) =>
        f.t.request('POST', `/api/audit/flags/${seq}/outcome`, { session: f.sessions[account], body });
      for (const account of ['manager', 'officer', 'admin'] as const) {
        expect((await mark(account, southSeq, { outcome: 'breach', note: 'x' })).status, account).toBe(403);
      }
      const seq = await lastAuditSeq(f.t.db);
      const response = await mark('auditor', southSeq, {
        outcome: 'breach',
        note: 'Looked up a neighbour; referred to HR',
      });
      expect(response.status, response.text).toBe(200);
      expect(response.json).toMatchObject({ seq: southSeq, outcome: 'breach', reviewedBy: 'Aldo Auditor' });
      expect(await auditSince(f.t, seq)).toMatchObject([
        {
          action: 'audit.flag-reviewed',
          actor_id: f.users.auditor.id,
          person_id: people.mere,
          details: { seq: southSeq, outcome: 'breach' },
        },
      ]);
      expect((await mark('auditor', southSeq, { outcome: 'maybe' })).status).toBe(400);
      expect((await mark('auditor', 999_999, { outcome: 'justified' })).status).toBe(404);
      // Re-evaluation keeps the outcome.
      await evaluate();
      const south = await report('southManager');
      expect(south.json.items[0]).toMatchObject({
        seq: southSeq,
        outcome: 'breach',
        note: 'Looked up a neighbour; referred to HR',
      });
    });

    it('usage: per team per week, the share of staff with volume flags not justified, and the counts', async () => {
      const response = await f.t.request('GET', '/api/audit/usage?weeks=3', { session: f.sessions.auditor });
      expect(response.status, response.text).toBe(200);
      const points = response.json.points as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON from the answer
      expect(new Set(points.map((p) => p.week)).size).toBe(3);
      const north = points.find((p) => p.week === week && p.team === 'north')!;
      expect(north).toMatchObject({
        staffInTeam: 3,
        staffWithVolume: 1,
        staffWithUnjustifiedVolume: 1,
        breaches: 0,
      });
      expect(north.share).toBeCloseTo(1 / 3);
      expect(north.volumeAccesses).toBeGreaterThan(40);
      expect(points.find((p) => p.week === week && p.team === 'south')).toMatchObject({
        share: 0,
        staffWithVolume: 0,
      });
      // A manager sees their own team; another team's is refused.
      const mine = await f.t.request('GET', '/api/audit/usage', { session: f.sessions.manager });
      expect(new Set((mine.json.points as Array<{ team: string }>).map((p) => p.team))).toEqual(
        new Set(['north']),
      );
      expect(mine.json.points).toHaveLength(12);
      expect(
        (await f.t.request('GET', '/api/audit/usage?team=south', { session: f.sessions.manager })).status,
      ).toBe(403);
      for (const account of ['officer', 'intake', 'admin'] as const) {
        expect(
          (await f.t.request('GET', '/api/audit/usage', { session: f.sessions[account] })).status,
          account,
        ).toBe(403);
      }
    });

    it('the weekly e-mail: each manager once a week, their staff and reasons in words, no names of people looked at', async () => {
      const nextWeek = new Date(bounds.to.getTime() + 3_600_000);
      const sent = await inTransaction(f.t.db, (tx) => sendWeeklyReports(tx, nextWeek));
      expect(sent).toBe(2);
      expect(await inTransaction(f.t.db, (tx) => sendWeeklyReports(tx, nextWeek))).toBe(0);
      const mails = await queryRows<{ payload: { to: string; subject: string; text: string } }>(
        f.t.db,
        sql`select payload from jobs where kind = 'mail.send' order by id`,
      );
      const toManager = mails.find((mail) => mail.payload.to === f.users.manager.email)!.payload;
      expect(toManager.subject).toMatch(new RegExp(`^Tiaki access audit: week ${week}, \\d+ flagged$`));
      expect(toManager.text).toContain('Tama Teammate (officer)');
      expect(toManager.text).toContain('far more records than their usual day and their peers’');
      expect(toManager.text).not.toContain('Hemi');
      expect(toManager.text).not.toContain('Covering the Rātā unit');
      expect(toManager.text).not.toContain('Sione South');
      const toSouth = mails.find((mail) => mail.payload.to === f.users.southManager.email)!.payload;
      expect(toSouth.text).toContain('Sione South (officer)');
    });
  });

  describe('erasure through the API', () => {
    it('an auditor erases an event with a reason (audited); others are refused', async () => {
      expect(
        (
          await f.t.request('POST', `/api/audit/events/${reasonSeq}/erase`, {
            session: f.sessions.manager,
            body: { reason: 'x' },
          })
        ).status,
      ).toBe(403);
      const response = await f.t.request('POST', `/api/audit/events/${reasonSeq}/erase`, {
        session: f.sessions.auditor,
        body: { reason: 'Privacy Commissioner direction 2026/17' },
      });
      expect(response.status, response.text).toBe(200);
      expect(response.json).toMatchObject({ seq: reasonSeq });
      const [row] = await queryRows<{ reason: string | null; details: unknown }>(
        f.t.db,
        sql`select reason, details from audit_events where seq = ${reasonSeq}`,
      );
      expect(row).toEqual({ reason: null, details: {} });
      const again = await f.t.request('POST', `/api/audit/events/${reasonSeq}/erase`, {
        session: f.sessions.auditor,
        body: { reason: 'again' },
      });
      expect(again.status).toBe(409);
    });
  });

  it('every endpoint is in the OpenAPI document', async () => {
    const paths = Object.keys((await f.t.request('GET', '/api/openapi.json')).json.paths);
    for (const path of [
      '/api/audit/relationships',
      '/api/audit/access-check',
      '/api/audit/access-reasons',
      '/api/audit/reports/weekly',
      '/api/audit/flags/{seq}/outcome',
      '/api/audit/usage',
      '/api/audit/events/{seq}/erase',
      '/api/people/{id}',
      '/api/people/{id}/access-log',
    ]) {
      expect(paths).toContain(path);
    }
  });
});
