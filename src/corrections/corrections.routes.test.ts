import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/tx.ts';
import { decisions } from '../decisions/decisions.schema.ts';
import { disclosureLog, releases } from '../release/release.schema.ts';
import {
  auditSince,
  fieldPaths,
  lifecycleMove,
  move,
  record,
  startRegister,
  type FixtureAccount,
  type RegisterFixture,
} from '../requests/testing-requests.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { countRows, lastAuditSeq } from '../testing/http.ts';

const ACCOUNTS: FixtureAccount[] = [
  'intake',
  'officer',
  'southOfficer',
  'decisionMaker',
  'manager',
  'auditor',
];

describe.each(testDatabaseKinds())('statements of correction on %s (IPP 7, ss 59–65)', (kind) => {
  let f: RegisterFixture;
  /** Aroha's correction request, refused by an approved decision; taken by the officer. */
  let refused: string;
  let refusedReference: string;
  /** Aroha's earlier access request, now awaiting decision (so the decision maker sees it). */
  let access: string;
  /** Hemi's correction request, corrected in full. */
  let correctedInFull: string;
  /** Wiremu's correction request: an approved refusal, then a newer draft. */
  let redrafted: string;
  /** Wiremu's second correction request, with no decision at all. */
  let undecided: string;
  /** Mele's correction request, corrected in part. */
  let inPart: string;
  let arohaId: string;
  let hemiId: string;
  let statementId: string;

  const personOf = async (requestId: string) => {
    const [row] = await queryRows<{ subject_person_id: string }>(
      f.t.db,
      sql`select subject_person_id from requests where id = ${requestId}`,
    );
    return row!.subject_person_id;
  };

  const decide = (requestId: string, outcome: string, status: string, draftedAt = new Date()) =>
    f.t.db.insert(decisions).values({
      requestId,
      outcome,
      status,
      grounds: [],
      reasons: 'The record is an accurate account of what staff saw.',
      correction: { information: 'Incident report', correctionSought: 'Remove it', correctionMade: null },
      draftedBy: f.users.officer.id,
      draftedAt,
      ...(status === 'approved' ? { approvedBy: f.users.decisionMaker.id, approvedAt: draftedAt } : {}),
    });

  /** A correction request for `name`, triaged and so taken by the officer. */
  const correctionRequest = async (name: string, prn: string) => {
    const created = await record(f.t, f.sessions.intake, { kind: 'correction', subject: { name, prn } });
    await move(f.t, f.sessions.officer, created.id, { type: 'triage', track: 'privacy-correction' });
    return created;
  };

  const post = (requestId: string, account: FixtureAccount, body: Record<string, unknown>) =>
    f.t.request('POST', `/api/requests/${requestId}/correction-statements`, {
      session: f.sessions[account],
      body,
    });
  const notify = (id: string, account: FixtureAccount, recipient: unknown) =>
    f.t.request('POST', `/api/correction-statements/${id}/notify`, {
      session: f.sessions[account],
      body: { recipient },
    });
  const mailJobs = () =>
    queryRows<{ payload: { to: string; subject: string; text: string } }>(
      f.t.db,
      sql`select payload from jobs where kind = 'mail.send' order by id`,
    );

  const statementBody = {
    information: 'Incident report of 3 May 2026, unit B',
    statement: 'I was in the library at the time, not in the yard. The librarian can confirm this.',
  };

  beforeAll(async () => {
    f = await startRegister(kind, ACCOUNTS);
    const aroha = { name: 'Aroha Pōtae', prn: 'PRN-2001' };
    access = (await record(f.t, f.sessions.intake, { subject: aroha })).id;
    await move(f.t, f.sessions.officer, access, { type: 'triage', track: 'privacy-access' });
    await lifecycleMove(f, 'officer', access, { type: 'submit-for-decision' });
    await decide(access, 'refused', 'approved');

    const created = await correctionRequest(aroha.name, aroha.prn);
    refused = created.id;
    refusedReference = created.reference;
    await lifecycleMove(f, 'officer', refused, { type: 'submit-for-decision' });
    await lifecycleMove(f, 'decisionMaker', refused, {
      type: 'decide',
      outcome: 'correction-refused',
      reason: 'The report is accurate.',
    });
    await decide(refused, 'correction-refused', 'approved');
    arohaId = await personOf(refused);

    correctedInFull = (await correctionRequest('Hemi Kāretu', 'PRN-2002')).id;
    await decide(correctedInFull, 'corrected', 'approved');
    hemiId = await personOf(correctedInFull);

    redrafted = (await correctionRequest('Wiremu Tane', 'PRN-2003')).id;
    await decide(redrafted, 'correction-refused', 'approved', new Date(Date.now() - 60_000));
    await decide(redrafted, 'correction-refused', 'draft');
    undecided = (
      await record(f.t, f.sessions.intake, {
        kind: 'correction',
        subject: { name: 'Wiremu Tane', prn: 'PRN-2003' },
      })
    ).id;
    await move(f.t, f.sessions.officer, undecided, { type: 'triage', track: 'privacy-correction' });

    inPart = (await correctionRequest('Mele Tupou', 'PRN-2004')).id;
    await decide(inPart, 'corrected-in-part', 'approved');

    // Aroha's information went to a health provider twice and to her by post; Hemi's to someone else.
    const [release] = await f.t.db
      .insert(releases)
      .values({
        requestId: access,
        packageSha256: 'ab'.repeat(32),
        pageCount: 2,
        schedule: [],
        status: 'sent',
      })
      .returning({ id: releases.id });
    const log = (personId: string, recipient: string, disclosedAt: string) => ({
      releaseId: release!.id,
      requestId: access,
      personId,
      title: 'Incident report',
      outcome: 'released',
      pagesReleased: 1,
      pagesWithheld: 0,
      grounds: [],
      recipient,
      method: recipient.includes('@') ? 'email' : 'post',
      disclosedAt: new Date(disclosedAt),
    });
    await f.t.db
      .insert(disclosureLog)
      .values([
        log(arohaId, 'health@example.nz', '2026-01-10T01:00:00Z'),
        log(arohaId, 'Aroha Pōtae (post)', '2026-01-10T02:00:00Z'),
        log(arohaId, 'health@example.nz', '2026-02-10T01:00:00Z'),
        log(hemiId, 'other@example.nz', '2026-02-11T01:00:00Z'),
      ]);
  });
  afterAll(async () => {
    await f.close();
  });

  describe('recording (IPP 7: if not corrected, the right to attach a statement of correction)', () => {
    it('IPP 7: refused when the decision corrected the information in full (409, reason in words)', async () => {
      const response = await post(correctedInFull, 'officer', statementBody);
      expect(response.status).toBe(409);
      expect(response.json.error.message).toMatch(/corrected in full.*IPP 7/);
    });

    it('IPP 7, C.09.05: refused when there is no decision, or the latest one is not approved', async () => {
      const none = await post(undecided, 'officer', statementBody);
      expect(none.status).toBe(409);
      expect(none.json.error.message).toMatch(/no decision yet/);
      const draft = await post(redrafted, 'officer', statementBody);
      expect(draft.status).toBe(409);
      expect(draft.json.error.message).toMatch(/draft, not approved/);
    });

    it('ss 59–65: refused on a request that is not a correction request, even with an approved refusal', async () => {
      const response = await post(access, 'officer', statementBody);
      expect(response.status).toBe(409);
      expect(response.json.error.message).toMatch(/not on the correction track/);
    });

    it('intake, manager, auditor and decision maker cannot record a statement (403)', async () => {
      for (const account of ['intake', 'manager', 'auditor', 'decisionMaker'] as const) {
        expect((await post(refused, account, statementBody)).status, account).toBe(403);
      }
    });

    it('an officer who cannot see the request gets 404, as for a request that does not exist', async () => {
      expect((await post(refused, 'southOfficer', statementBody)).status).toBe(404);
      expect((await post(randomUUID(), 'officer', statementBody)).status).toBe(404);
    });

    it('bad input is refused naming the field', async () => {
      expect(fieldPaths(await post(refused, 'officer', { information: 'Incident report' }))).toEqual([
        'statement',
      ]);
      expect(fieldPaths(await post(refused, 'officer', { ...statementBody, information: '   ' }))).toEqual([
        'information',
      ]);
      expect(
        fieldPaths(await post(refused, 'officer', { ...statementBody, information: 'x'.repeat(2001) })),
      ).toEqual(['information']);
      expect(
        fieldPaths(await post(refused, 'officer', { ...statementBody, statement: 'x'.repeat(10_001) })),
      ).toEqual(['statement']);
    });

    it('refusals store nothing and audit nothing', async () => {
      expect(await countRows(f.t.db, 'correction_statements')).toBe(0);
      const seq = await lastAuditSeq(f.t.db);
      await post(correctedInFull, 'officer', statementBody);
      expect(await lastAuditSeq(f.t.db)).toBe(seq);
    });

    it('IPP 7: recorded on an approved refusal, earlier recipients pre-filled from the disclosure log', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const response = await post(refused, 'officer', statementBody);
      expect(response.status, response.text).toBe(201);
      statementId = response.json.id;
      expect(response.json).toEqual({
        id: expect.any(String),
        personId: arohaId,
        requestId: refused,
        reference: refusedReference,
        ...statementBody,
        recipients: [
          {
            recipient: 'Aroha Pōtae (post)',
            disclosedAt: '2026-01-10T02:00:00.000Z',
            notifiedAt: null,
            notifiedBy: null,
          },
          {
            recipient: 'health@example.nz',
            disclosedAt: '2026-02-10T01:00:00.000Z',
            notifiedAt: null,
            notifiedBy: null,
          },
        ],
        recordedAt: expect.any(String),
        recordedBy: { id: f.users.officer.id, name: 'Olivia Officer' },
      });
      expect(await auditSince(f.t, seq)).toMatchObject([
        {
          action: 'correction-statement.recorded',
          actor_id: f.users.officer.id,
          entity_id: statementId,
          person_id: arohaId,
        },
      ]);
    });

    it('IPP 7, s 63: recorded on a correction made only in part; nobody to tell when nothing was disclosed', async () => {
      const response = await post(inPart, 'officer', {
        information: 'Case note of 1 June',
        statement: 'The date of my transfer is wrong too.',
      });
      expect(response.status, response.text).toBe(201);
      expect(response.json.recipients).toEqual([]);
    });
  });

  describe('telling earlier recipients (IPP 7: where practicable)', () => {
    it('an e-mail recipient is marked told and sent the statement with the information it relates to', async () => {
      const before = (await mailJobs()).length;
      const seq = await lastAuditSeq(f.t.db);
      const response = await notify(statementId, 'officer', 'health@example.nz');
      expect(response.status, response.text).toBe(200);
      expect(response.json.recipients[1]).toEqual({
        recipient: 'health@example.nz',
        disclosedAt: '2026-02-10T01:00:00.000Z',
        notifiedAt: expect.any(String),
        notifiedBy: 'Olivia Officer',
      });
      expect(response.json.recipients[0].notifiedAt).toBeNull();
      const jobs = await mailJobs();
      expect(jobs).toHaveLength(before + 1);
      const mail = jobs[jobs.length - 1]!.payload;
      expect(mail.to).toBe('health@example.nz');
      expect(mail.subject).toContain(refusedReference);
      expect(mail.text).toContain(statementBody.information);
      expect(mail.text).toContain(statementBody.statement);
      expect(await auditSince(f.t, seq)).toMatchObject([
        {
          action: 'correction-recipient.notified',
          actor_id: f.users.officer.id,
          entity_id: statementId,
          person_id: arohaId,
          details: { recipient: 'health@example.nz', emailed: true },
        },
      ]);
    });

    it('telling the same recipient twice is refused (409) and sends nothing more', async () => {
      const before = (await mailJobs()).length;
      const response = await notify(statementId, 'officer', 'Health@Example.nz');
      expect(response.status).toBe(409);
      expect(response.json.error.message).toMatch(/already told/);
      expect(await mailJobs()).toHaveLength(before);
    });

    it('a recipient who is not an e-mail address is marked told without any e-mail', async () => {
      const before = (await mailJobs()).length;
      const response = await notify(statementId, 'officer', 'Aroha Pōtae (post)');
      expect(response.status, response.text).toBe(200);
      expect(response.json.recipients[0].notifiedAt).not.toBeNull();
      expect(await mailJobs()).toHaveLength(before);
    });

    it('an unknown recipient is refused naming the field (400)', async () => {
      const response = await notify(statementId, 'officer', 'other@example.nz');
      expect(response.status).toBe(400);
      expect(fieldPaths(response)).toEqual(['recipient']);
      expect(fieldPaths(await notify(statementId, 'officer', ''))).toEqual(['recipient']);
    });

    it('only an officer who can see the request tells recipients (403 other roles, 404 not visible or missing)', async () => {
      for (const account of ['intake', 'manager', 'auditor', 'decisionMaker'] as const) {
        expect((await notify(statementId, account, 'health@example.nz')).status, account).toBe(403);
      }
      expect((await notify(statementId, 'southOfficer', 'health@example.nz')).status).toBe(404);
      expect((await notify(randomUUID(), 'officer', 'health@example.nz')).status).toBe(404);
    });
  });

  describe('reading, and the statement shown wherever the information is displayed (IPP 7)', () => {
    const viaRequest = (id: string, account: FixtureAccount) =>
      f.t.request('GET', `/api/requests/${id}/correction-statements`, { session: f.sessions[account] });
    const viaPerson = (id: string, account: FixtureAccount) =>
      f.t.request('GET', `/api/people/${id}/correction-statements`, { session: f.sessions[account] });

    it('through a request: officer, manager and auditor read the person’s statements; each read is audited', async () => {
      for (const account of ['officer', 'manager', 'auditor'] as const) {
        const seq = await lastAuditSeq(f.t.db);
        const response = await viaRequest(refused, account);
        expect(response.status, account).toBe(200);
        expect(response.json.statements).toMatchObject([
          { id: statementId, statement: statementBody.statement },
        ]);
        expect(await auditSince(f.t, seq)).toMatchObject([
          { action: 'correction-statement.read', actor_id: f.users[account].id, person_id: arohaId },
        ]);
      }
    });

    it('the decision maker reads them through a request awaiting or past their decision, not through one still being worked', async () => {
      const response = await viaRequest(access, 'decisionMaker');
      expect(response.status).toBe(200);
      expect(response.json.statements).toMatchObject([{ id: statementId, reference: refusedReference }]);
      expect((await viaRequest(refused, 'decisionMaker')).status).toBe(200);
      expect((await viaRequest(undecided, 'decisionMaker')).status).toBe(404);
    });

    it('through a request: intake is refused (403); an officer who cannot see it gets 404 and nothing is audited', async () => {
      expect((await viaRequest(refused, 'intake')).status).toBe(403);
      const seq = await lastAuditSeq(f.t.db);
      expect((await viaRequest(refused, 'southOfficer')).status).toBe(404);
      expect(await lastAuditSeq(f.t.db)).toBe(seq);
    });

    it('through a person: the same rule as reading the person’s record', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const response = await viaPerson(arohaId, 'officer');
      expect(response.status).toBe(200);
      expect(response.json.statements.map((s: { id: string }) => s.id)).toEqual([statementId]);
      expect(await auditSince(f.t, seq)).toMatchObject([
        { action: 'correction-statement.read', actor_id: f.users.officer.id, person_id: arohaId },
      ]);
      expect((await viaPerson(arohaId, 'manager')).status).toBe(200);
      expect((await viaPerson(arohaId, 'auditor')).status).toBe(200);
      expect((await viaPerson(arohaId, 'intake')).status).toBe(403);
      expect((await viaPerson(arohaId, 'decisionMaker')).status).toBe(403);
      expect((await viaPerson(arohaId, 'southOfficer')).status).toBe(404);
      expect((await viaPerson(randomUUID(), 'manager')).status).toBe(404);
      expect((await viaPerson(hemiId, 'manager')).json.statements).toEqual([]);
    });

    const shown = () => ({
      id: statementId,
      information: statementBody.information,
      statement: statementBody.statement,
      recordedAt: expect.any(String),
      reference: refusedReference,
    });

    it('the person’s record shows the statement', async () => {
      const response = await f.t.request('GET', `/api/people/${arohaId}`, { session: f.sessions.manager });
      expect(response.status).toBe(200);
      expect(response.json.correctionStatements).toEqual([shown()]);
    });

    it('every request about the person shows it (the correction request and the earlier access request)', async () => {
      for (const id of [refused, access]) {
        const response = await f.t.request('GET', `/api/requests/${id}`, { session: f.sessions.manager });
        expect(response.status).toBe(200);
        expect(response.json.correctionStatements).toEqual([shown()]);
      }
      const other = await f.t.request('GET', `/api/requests/${correctedInFull}`, {
        session: f.sessions.manager,
      });
      expect(other.json.correctionStatements).toEqual([]);
    });
  });
});
