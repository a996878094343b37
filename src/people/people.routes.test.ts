import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuditFixture, type AuditAccount, type AuditFixture } from '../audit/testing-audit-app.ts';
import { queryRows } from '../db/tx.ts';
import { auditSince, move, record } from '../requests/testing-requests.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { lastAuditSeq } from '../testing/http.ts';

describe.each(testDatabaseKinds())(
  'reading a person’s record on %s (issue 5: every access recorded)',
  (kind) => {
    let f: AuditFixture;
    let personId: string;
    let requestId: string;
    let otherPersonId: string;

    beforeAll(async () => {
      f = await startAuditFixture(kind);
      // An access request by Aroha, taken by the officer at triage; another person nobody works with.
      const created = await record(f.t, f.sessions.intake, {
        subject: { name: 'Aroha Pōtae', prn: 'PRN-1001' },
      });
      requestId = created.id;
      await move(f.t, f.sessions.officer, requestId, { type: 'triage', track: 'privacy-access' });
      const [row] = await queryRows<{ subject_person_id: string }>(
        f.t.db,
        sql`select subject_person_id from requests where id = ${requestId}`,
      );
      personId = row!.subject_person_id;
      const other = await record(f.t, f.sessions.intake, {
        subject: { name: 'Hemi Other', prn: 'PRN-1002' },
      });
      const [otherRow] = await queryRows<{ subject_person_id: string }>(
        f.t.db,
        sql`select subject_person_id from requests where id = ${other.id}`,
      );
      otherPersonId = otherRow!.subject_person_id;
    });
    afterAll(async () => {
      await f.close();
    });

    const read = (id: string, account: AuditAccount) =>
      f.t.request('GET', `/api/people/${id}`, { session: f.sessions[account] });

    it('a manager reads the record; the read is an audit event naming actor, role and person, written before the answer', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const response = await read(personId, 'manager');
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({
        id: personId,
        name: 'Aroha Pōtae',
        prn: 'PRN-1001',
        requests: [{ id: requestId, kind: 'access' }],
        access: { needsReason: true, reasons: [], reasonGiven: false },
      });
      expect(await auditSince(f.t, seq)).toMatchObject([
        { action: 'person.read', actor_id: f.users.manager.id, entity_id: personId, person_id: personId },
      ]);
    });

    it('an auditor reads it too', async () => {
      expect((await read(personId, 'auditor')).status).toBe(200);
    });

    it('the officer assigned a request about the person reads it; the relationship explains it (no reason asked)', async () => {
      const response = await read(personId, 'officer');
      expect(response.status).toBe(200);
      expect(response.json.access).toEqual({
        needsReason: false,
        reasons: ['assigned-request'],
        reasonGiven: false,
      });
    });

    it('an officer with no relationship gets 404 (not yours looks like not found), and nothing is audited', async () => {
      const seq = await lastAuditSeq(f.t.db);
      expect((await read(personId, 'southOfficer')).status).toBe(404);
      expect((await read(otherPersonId, 'officer')).status).toBe(404);
      expect(await lastAuditSeq(f.t.db)).toBe(seq);
    });

    it('an officer given a case-manager relationship through the API then reads it', async () => {
      const loaded = await f.t.request('POST', '/api/audit/relationships', {
        session: f.sessions.manager,
        body: {
          relationships: [
            {
              staffId: f.users.southOfficer.id,
              personId: otherPersonId,
              kind: 'case-manager',
              from: '2020-01-01',
            },
          ],
        },
      });
      expect(loaded.status, loaded.text).toBe(201);
      const response = await read(otherPersonId, 'southOfficer');
      expect(response.status).toBe(200);
      expect(response.json.access.reasons).toEqual(['case-manager']);
    });

    it('intake, decision makers and admins are refused (403); without a session 401; a bad id 400', async () => {
      for (const account of ['intake', 'decisionMaker', 'admin'] as const) {
        const response = await read(personId, account);
        expect(response.status, account).toBe(403);
        expect(response.json.error.code).toBe('forbidden');
      }
      expect((await f.t.request('GET', `/api/people/${personId}`)).status).toBe(401);
      expect((await read('not-a-uuid', 'manager')).status).toBe(400);
    });

    describe('a read that cannot be audited is refused', () => {
      // Stop the audit trail: the sequence that numbers events can hand out no more.
      const stopAudit = async () => {
        const [row] = await queryRows<{ last_value: string | number }>(
          f.t.db,
          sql`select last_value from audit_events_seq`,
        );
        await f.t.db.execute(sql.raw(`alter sequence audit_events_seq maxvalue ${Number(row!.last_value)}`));
      };
      const restartAudit = () => f.t.db.execute(sql`alter sequence audit_events_seq no maxvalue`);

      it('GET /api/people/:id answers 500 with no personal information when the audit event cannot be written', async () => {
        const events = await lastAuditSeq(f.t.db);
        await stopAudit();
        try {
          const response = await read(personId, 'manager');
          expect(response.status).toBe(500);
          expect(response.json).toEqual({ error: { code: 'internal', message: expect.any(String) } });
          expect(response.text).not.toContain('Aroha');
          expect(response.text).not.toContain('PRN-1001');
          const request = await f.t.request('GET', `/api/requests/${requestId}`, {
            session: f.sessions.manager,
          });
          expect(request.status).toBe(500);
          expect(request.text).not.toContain('Aroha');
          const log = await f.t.request('GET', `/api/people/${personId}/access-log`, {
            session: f.sessions.manager,
          });
          expect(log.status).toBe(500);
        } finally {
          await restartAudit();
        }
        expect(await lastAuditSeq(f.t.db)).toBe(events);
        expect((await read(personId, 'manager')).status).toBe(200);
      });
    });

    describe('who looked at my record', () => {
      const log = (id: string, account: AuditAccount) =>
        f.t.request('GET', `/api/people/${id}/access-log`, { session: f.sessions[account] });

      it('the officer handling the person’s access request gets staff roles and dates, never names or ids', async () => {
        const seq = await lastAuditSeq(f.t.db);
        const response = await log(personId, 'officer');
        expect(response.status).toBe(200);
        const accesses = response.json.accesses as Array<{
          date: string;
          role: string;
          action: string;
          count: number;
        }>;
        expect(accesses.map((a) => `${a.role} ${a.action}`)).toEqual(
          expect.arrayContaining([
            'manager person.read',
            'auditor person.read',
            'officer person.read',
            'intake request.created',
          ]),
        );
        for (const access of accesses) {
          expect(access.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(Object.keys(access).sort()).toEqual(['action', 'count', 'date', 'role']);
        }
        for (const name of ['Mere', 'Olivia', 'Aldo', 'Ina']) expect(response.text).not.toContain(name);
        for (const user of Object.values(f.users)) expect(response.text).not.toContain(user.id);
        expect(await auditSince(f.t, seq)).toMatchObject([
          { action: 'person.access-log-read', actor_id: f.users.officer.id, person_id: personId },
        ]);
      });

      it('managers and auditors may read it; an officer not handling the access request gets 404; others 403', async () => {
        expect((await log(personId, 'manager')).status).toBe(200);
        expect((await log(personId, 'auditor')).status).toBe(200);
        expect((await log(personId, 'southOfficer')).status).toBe(404);
        expect((await log(personId, 'teammate')).status).toBe(404);
        for (const account of ['intake', 'decisionMaker', 'admin'] as const) {
          expect((await log(personId, account)).status, account).toBe(403);
        }
        expect((await f.t.request('GET', `/api/people/${personId}/access-log`)).status).toBe(401);
      });
    });
  },
);
