import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/tx.ts';
import { documents } from '../documents/documents.schema.ts';
import { nzDateOf } from '../law/calendar.ts';
import { requests } from '../requests/requests.schema.ts';
import { sendMail, type OutgoingMail } from '../mail/mail.ts';
import { auditSince, startRegister, type RegisterFixture } from '../requests/testing-requests.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { countRows, lastAuditSeq, type SignedIn } from '../testing/http.ts';
import { releases } from './release.schema.ts';
import { addDecisionLetter, addDocument, build, decidedRequest } from './testing-release.ts';

const NAME = 'Ngaire Pōtae';
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(testDatabaseKinds())('sending a release and the disclosure log on %s', (kind) => {
  let f: RegisterFixture;

  beforeAll(async () => {
    f = await startRegister(kind, ['officer', 'southOfficer', 'decisionMaker', 'manager', 'auditor']);
  });
  afterAll(async () => {
    await f.close();
  });

  const send = (releaseId: string, body: Record<string, unknown>, session: SignedIn = f.sessions.officer) =>
    f.t.request('POST', `/api/releases/${releaseId}/send`, { session, body });

  /** A decided request with a partial document, a withheld one and a decision letter, built. */
  async function builtRelease(options: { contact?: string; prn?: string } = {}) {
    const request = await decidedRequest(f, options);
    const report = await addDocument(
      f,
      request.id,
      'Incident report',
      [[`${NAME} was in the yard.`], ['Page two.']],
      {
        disposition: 'partial',
        marks: [{ page: 1, text: NAME, ground: 's53(b)' }],
      },
    );
    const note = await addDocument(f, request.id, 'Intelligence note', [['Secret.']], {
      disposition: 'withhold-in-full',
      withholdGround: 's49(1)(d)',
    });
    const letter = await addDecisionLetter(f, request.id, request.decisionId);
    const release = await build(f, request.id);
    return { request, report, note, letter, release };
  }

  async function mailJobs(): Promise<OutgoingMail[]> {
    const rows = await queryRows<{ payload: OutgoingMail }>(
      f.t.db,
      sql`select payload from jobs where kind = 'mail.send' order by id`,
    );
    return rows.map((r) => r.payload);
  }

  it('e-mails the package and the decision letter, logs each document, and releases the request', async () => {
    const { request, report, note, letter, release } = await builtRelease();
    const jobsBefore = (await mailJobs()).length;
    const seq = await lastAuditSeq(f.t.db);

    const response = await send(release.id, { method: 'email' });
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({
      id: release.id,
      status: 'sent',
      method: 'email',
      recipient: 'aroha@example.nz',
    });
    expect(response.json.sentAt).toEqual(expect.any(String));
    expect(response.json.letterId).toBe(letter.id);

    const actions = (await auditSince(f.t, seq)).map((a) => a.action);
    expect(actions).toEqual(['request.changed', 'release.sent']);

    const jobs = await mailJobs();
    expect(jobs).toHaveLength(jobsBefore + 1);
    const mail = jobs[jobs.length - 1];
    if (!mail) throw new Error('no mail queued');
    expect(mail.to).toBe('aroha@example.nz');
    expect(mail.text).toContain(`release-${request.reference}.pdf`);
    expect(mail.text).toContain('right to complain to the Privacy Commissioner');

    // The job sends it: with no SMTP server, an .eml in the outbox carries both PDFs.
    const outbox = f.t.config.TIAKI_OUTBOX_DIR ?? '';
    rmSync(outbox, { recursive: true, force: true });
    await sendMail(mail, f.t.config);
    const [file] = readdirSync(outbox);
    const message = await PostalMime.parse(readFileSync(path.join(outbox, file ?? '')));
    expect(message.attachments.map((a) => [a.filename, a.mimeType])).toEqual([
      [`release-${request.reference}.pdf`, 'application/pdf'],
      [`decision-${request.reference}.pdf`, 'application/pdf'],
    ]);
    const [stored] = await f.t.db.select().from(releases).where(eq(releases.id, release.id));
    expect(sha(new Uint8Array(message.attachments[0]?.content as ArrayBuffer))).toBe(stored?.packageSha256);
    expect(sha(new Uint8Array(message.attachments[1]?.content as ArrayBuffer))).toBe(letter.sha256);

    const log = await f.t.request('GET', `/api/requests/${request.id}/disclosures`, {
      session: f.sessions.officer,
    });
    expect(log.status).toBe(200);
    const entries = log.json.entries as Array<Record<string, unknown>>;
    expect(
      entries
        .map((e) => [
          e.documentId,
          e.outcome,
          e.pagesReleased,
          e.pagesWithheld,
          e.grounds,
          e.recipient,
          e.method,
          e.reference,
        ])
        .sort(),
    ).toEqual(
      [
        [report.id, 'withheld-in-part', 2, 0, ['s53(b)'], 'aroha@example.nz', 'email', request.reference],
        [note.id, 'withheld', 0, 1, ['s49(1)(d)'], 'aroha@example.nz', 'email', request.reference],
      ].sort(),
    );

    const detail = await f.t.request('GET', `/api/requests/${request.id}`, { session: f.sessions.officer });
    expect(detail.json.status).toBe('released');
  });

  it('sends a release once: a second send is refused (409) and writes nothing', async () => {
    const { request, release } = await builtRelease();
    expect((await send(release.id, { method: 'post', recipient: '12 Queen Street, Auckland' })).status).toBe(
      200,
    );
    const logRows = await countRows(f.t.db, 'disclosure_log');
    const again = await send(release.id, { method: 'email' });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('already sent');
    expect(await countRows(f.t.db, 'disclosure_log')).toBe(logRows);
    const rebuild = await f.t.request('POST', `/api/requests/${request.id}/release/build`, {
      session: f.sessions.officer,
    });
    expect(rebuild.status).toBe(409);
    expect(rebuild.json.error.message).toContain('The request has already been released');
  });

  it('records inspection as made available, supervised (C.09), with the requester as recipient', async () => {
    const { release } = await builtRelease();
    const seq = await lastAuditSeq(f.t.db);
    const response = await send(release.id, { method: 'inspection' });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      status: 'made-available',
      method: 'inspection',
      recipient: 'Aroha Pōtae',
    });
    const sent = (await auditSince(f.t, seq)).find((a) => a.action === 'release.sent');
    expect(sent?.details.handling).toContain('never left unsupervised with a file');
  });

  it('needs an e-mail address to e-mail: the field is named (400) when the contact is a phone number', async () => {
    const { release } = await builtRelease({ contact: '021 555 0199' });
    const response = await send(release.id, { method: 'email' });
    expect(response.status).toBe(400);
    expect(response.json.error.fields).toEqual([
      { path: 'recipient', message: expect.stringContaining('e-mail address') },
    ]);
    const bad = await send(release.id, { method: 'email', recipient: 'not an address' });
    expect(bad.status).toBe(400);
    expect((await send(release.id, { method: 'fax' })).status).toBe(400);
    expect((await send(release.id, { method: 'email', recipient: 'aroha@example.nz' })).status).toBe(200);
  });

  it('refuses to send a package built before the marks changed (409)', async () => {
    const { request, release } = await builtRelease();
    await addDocument(f, request.id, 'Late document', [['Found later.']], { disposition: 'release-in-full' });
    const response = await send(release.id, { method: 'post', recipient: '1 Queen St' });
    expect(response.status).toBe(409);
    expect(response.json.error.message).toContain('build it again');
  });

  it('lets only officers send: a manager is refused (403); managers and auditors read the log', async () => {
    const { request, release } = await builtRelease();
    for (const account of ['manager', 'auditor', 'decisionMaker'] as const)
      expect(
        (await send(release.id, { method: 'post', recipient: 'x' }, f.sessions[account])).status,
        account,
      ).toBe(403);
    expect((await send(release.id, { method: 'post', recipient: '1 Queen St' })).status).toBe(200);
    const seq = await lastAuditSeq(f.t.db);
    const read = await f.t.request('GET', `/api/requests/${request.id}/disclosures`, {
      session: f.sessions.auditor,
    });
    expect(read.status).toBe(200);
    expect(read.json.entries).toHaveLength(2);
    expect((await auditSince(f.t, seq)).map((a) => a.action)).toEqual(['disclosure-log.read']);
    expect(
      (
        await f.t.request('GET', `/api/requests/${request.id}/disclosures`, {
          session: f.sessions.southOfficer,
        })
      ).status,
    ).toBe(404);
  });

  it('gives a person’s log across their requests, and what was gathered since their last release', async () => {
    const prn = `P${Date.now().toString(36)}`;
    const first = await builtRelease({ prn });
    expect((await send(first.release.id, { method: 'email' })).status).toBe(200);
    const sentAt = new Date();

    const second = await decidedRequest(f, { prn });
    expect(second.personId).toBe(first.request.personId);
    const before = await addDocument(f, second.id, 'Old case note', [['Old note.']], {
      gatheredAt: new Date(sentAt.getTime() - 86_400_000),
    });
    const after = await addDocument(f, second.id, 'New case note', [['New note.']], {
      gatheredAt: new Date(sentAt.getTime() + 60_000),
    });
    void before;

    const seq = await lastAuditSeq(f.t.db);
    const since = await f.t.request('GET', `/api/requests/${second.id}/since-last-release`, {
      session: f.sessions.officer,
    });
    expect(since.status).toBe(200);
    expect(since.json.lastRelease).toEqual({
      releaseId: first.release.id,
      reference: first.request.reference,
      sentAt: expect.any(String),
    });
    expect(since.json.documents.map((d: { documentId: string }) => d.documentId)).toEqual([after.id]);
    expect(since.json.documents[0]).toMatchObject({
      requestId: second.id,
      reference: second.reference,
      title: 'New case note',
    });
    expect((await auditSince(f.t, seq)).map((a) => a.action)).toEqual(['disclosure-log.read']);

    const person = await f.t.request('GET', `/api/people/${first.request.personId}/disclosures`, {
      session: f.sessions.manager,
    });
    expect(person.status).toBe(200);
    expect(person.json.entries).toHaveLength(2);
    expect(person.json.entries[0].reference).toBe(first.request.reference);
    expect(
      (
        await f.t.request('GET', `/api/people/${first.request.personId}/disclosures`, {
          session: f.sessions.southOfficer,
        })
      ).status,
    ).toBe(404);

    // Before any release reaches a person, everything of theirs is new.
    const fresh = await decidedRequest(f);
    await addDocument(f, fresh.id, 'Only note', [['x']]);
    const none = await f.t.request('GET', `/api/requests/${fresh.id}/since-last-release`, {
      session: f.sessions.officer,
    });
    expect(none.json.lastRelease).toBeNull();
    expect(none.json.documents.map((d: { title: string }) => d.title)).toEqual(['Only note']);
    await f.t.db.update(documents).set({ removedAt: new Date() }).where(eq(documents.requestId, fresh.id));
    const removed = await f.t.request('GET', `/api/requests/${fresh.id}/since-last-release`, {
      session: f.sessions.officer,
    });
    expect(removed.json.documents).toEqual([]);
  });

  it('counts a release the earlier case system recorded (no package here), the date the request page shows', async () => {
    const prn = `Q${Date.now().toString(36)}`;
    const releasedAt = new Date(Date.now() - 10 * 86_400_000);
    const earlierSystem = await decidedRequest(f, { prn });
    // As imported history arrives: the request marked released, its package never held here.
    await f.t.db
      .update(requests)
      .set({ status: 'released', releasedAt })
      .where(eq(requests.id, earlierSystem.id));
    const repeat = await decidedRequest(f, { prn });
    await addDocument(f, repeat.id, 'Released before', [['a']], {
      gatheredAt: new Date(releasedAt.getTime() - 86_400_000),
    });
    const newer = await addDocument(f, repeat.id, 'Gathered since', [['b']], {
      gatheredAt: new Date(releasedAt.getTime() + 86_400_000),
    });
    const since = await f.t.request('GET', `/api/requests/${repeat.id}/since-last-release`, {
      session: f.sessions.officer,
    });
    expect(since.status, since.text).toBe(200);
    expect(since.json.lastRelease).toEqual({
      releaseId: null,
      reference: earlierSystem.reference,
      sentAt: releasedAt.toISOString(),
    });
    expect(since.json.documents.map((d: { documentId: string }) => d.documentId)).toEqual([newer.id]);
    const page = await f.t.request('GET', `/api/requests/${repeat.id}`, { session: f.sessions.officer });
    expect(page.json.lastReleaseDate).toBe(nzDateOf(releasedAt));
  });
});
