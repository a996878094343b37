import { readdirSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisions } from '../decisions/decisions.schema.ts';
import { documentPages, documents, redactionMarks, staffNameReviews } from '../documents/documents.schema.ts';
import { verifyReleaseCopy } from '../documents/redaction/index.ts';
import { auditSince, record, startRegister, type RegisterFixture } from '../requests/testing-requests.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { countRows, lastAuditSeq, type SignedIn } from '../testing/http.ts';
import {
  addDocument,
  addStatement,
  addStaffNameReview,
  build,
  decidedRequest,
  pdfPageTexts,
} from './testing-release.ts';

const NAME = 'Ngaire Pōtae';

describe.each(testDatabaseKinds())('building a release package on %s', (kind) => {
  let f: RegisterFixture;

  beforeAll(async () => {
    f = await startRegister(kind, [
      'officer',
      'southOfficer',
      'decisionMaker',
      'manager',
      'auditor',
      'intake',
    ]);
  });
  afterAll(async () => {
    await f.close();
  });

  const overview = (requestId: string, session: SignedIn = f.sessions.officer) =>
    f.t.request('GET', `/api/requests/${requestId}/release`, { session });
  const tryBuild = (requestId: string, session: SignedIn = f.sessions.officer) =>
    f.t.request('POST', `/api/requests/${requestId}/release/build`, { session });

  async function download(
    url: string,
    session: SignedIn,
  ): Promise<{ status: number; bytes: Uint8Array; type: string | null }> {
    const response = await fetch(new URL(url, f.t.baseUrl), { headers: { cookie: session.cookie } });
    return {
      status: response.status,
      bytes: new Uint8Array(await response.arrayBuffer()),
      type: response.headers.get('content-type'),
    };
  }

  function storedFiles(): number {
    const walk = (dir: string): number => {
      let n = 0;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return 0;
      }
      for (const e of entries) n += e.isDirectory() ? walk(path.join(dir, e.name)) : 1;
      return n;
    };
    return walk(f.t.config.TIAKI_STORAGE_DIR ?? '');
  }

  /** A build that must be refused with 409 naming `reason`; nothing is stored. */
  async function refused(requestId: string, reason: string) {
    const releases = await countRows(f.t.db, 'releases');
    const files = storedFiles();
    const response = await tryBuild(requestId);
    expect(response.status, response.text).toBe(409);
    expect(response.json.error.code).toBe('conflict');
    expect(response.json.error.message).toContain(reason);
    expect(await countRows(f.t.db, 'releases')).toBe(releases);
    expect(storedFiles()).toBe(files);
    return response.json.error.message as string;
  }

  it('refuses a request that is not decided and has no approved decision', async () => {
    const created = await record(f.t, f.sessions.officer);
    const response = await overview(created.id);
    expect(response.status).toBe(200);
    expect(response.json.readiness.ready).toBe(false);
    expect(response.json.readiness.blockers).toEqual([
      'The request is awaiting triage; a release needs a decided request',
      'No decision has been approved yet',
      'No documents are in scope of the request',
    ]);
    await refused(created.id, 'a release needs a decided request');
  });

  it('refuses each blocker in turn, with its reason, then builds once all are cleared', async () => {
    const request = await decidedRequest(f);
    const doc = await addDocument(f, request.id, 'Incident report', [[`${NAME} was in the yard.`]], {
      disposition: 'partial',
      marks: [{ page: 1, text: NAME }],
    });

    // A decision not yet approved (C.09.05).
    await f.t.db.update(decisions).set({ status: 'submitted' }).where(eq(decisions.id, request.decisionId));
    await refused(request.id, 'No decision has been approved yet');
    // An approved decision that releases nothing (s 44).
    await f.t.db
      .update(decisions)
      .set({ status: 'approved', outcome: 'refused' })
      .where(eq(decisions.id, request.decisionId));
    await refused(request.id, 'The approved decision (refused) releases no information');
    await f.t.db
      .update(decisions)
      .set({ outcome: 'granted-in-part' })
      .where(eq(decisions.id, request.decisionId));

    // A suggested mark nobody decided.
    const [suggested] = await f.t.db
      .insert(redactionMarks)
      .values({
        documentId: doc.id,
        page: 1,
        kind: 'text',
        text: 'yard',
        source: 'detector',
        status: 'suggested',
      })
      .returning({ id: redactionMarks.id });
    await refused(request.id, '“Incident report” has 1 suggested mark not yet accepted or rejected');
    await f.t.db
      .update(redactionMarks)
      .set({ status: 'rejected' })
      .where(eq(redactionMarks.id, suggested?.id ?? ''));

    // A staff name not yet determined (C.09.04).
    const review = await addStaffNameReview(f, request.id, 'Officer Ruiz', 'awaiting-determination');
    await refused(
      request.id,
      'The staff-name review of Officer Ruiz is not finished (awaiting-determination; C.09.04)',
    );
    await f.t.db.update(staffNameReviews).set({ status: 'done' }).where(eq(staffNameReviews.id, review));

    // A document withheld in full without its ground.
    const other = await addDocument(f, request.id, 'Intelligence note', [['Secret.']], {
      disposition: 'withhold-in-full',
    });
    await refused(request.id, '“Intelligence note” is withheld in full without a ground');
    await f.t.db.update(documents).set({ withholdGround: 's49(1)(d)' }).where(eq(documents.id, other.id));

    const ready = await overview(request.id);
    expect(ready.json.readiness).toEqual({ ready: true, blockers: [] });
    const built = await build(f, request.id);
    expect(built.status).toBe('built');
    expect(built.schedule.map((e) => e.outcome)).toEqual(['withheld-in-part', 'withheld']);
  });

  it('builds a partial release: withheld name gone everywhere, pages kept, labels, schedule, statement (s 44, IPP 7)', async () => {
    const request = await decidedRequest(f);
    const report = await addDocument(
      f,
      request.id,
      'Incident report IR-4001',
      [
        ['Incident report IR-4001', `At 9:15 ${NAME} was seen in the yard with Hemi Walker.`],
        ['Hemi Walker asked for the nurse; NGAIRE PŌTAE left.'],
      ],
      { disposition: 'partial', marks: [{ page: 1, text: NAME, ground: 's53(b)' }] },
    );
    const note = await addDocument(
      f,
      request.id,
      'Intelligence note',
      [['Source Tama Rua reports.'], ['Page two.']],
      {
        disposition: 'withhold-in-full',
        withholdGround: 's49(1)(d)',
      },
    );
    const log = await addDocument(f, request.id, 'Unit log', [['Unit log: muster at 7:00, all present.']], {
      disposition: 'release-in-full',
    });
    await addStatement(
      f,
      request.personId,
      request.id,
      'the incident report of 12 March',
      'I was not in the yard that day.',
    );

    const seq = await lastAuditSeq(f.t.db);
    const built = await build(f, request.id);
    expect(built.url).toBe(`/api/releases/${built.id}/pdf`);
    const schedulePages = (built.schedule[0]?.fromPage ?? 0) - 1;
    expect(schedulePages).toBeGreaterThanOrEqual(1);
    expect(built.pageCount).toBe(schedulePages + 2 + 2 + 1 + 1);
    expect(
      built.schedule.map((e) => [e.documentId, e.outcome, e.grounds, e.toPage - e.fromPage + 1]),
    ).toEqual([
      [report.id, 'withheld-in-part', ['s53(b)'], 2],
      [note.id, 'withheld', ['s49(1)(d)'], 2],
      [log.id, 'released', [], 1],
    ]);
    const audit = await auditSince(f.t, seq);
    expect(audit.map((a) => a.action)).toEqual(['release.built']);
    expect(audit[0]?.person_id).toBe(request.personId);
    expect(audit[0]?.entity_id).toBe(built.id);

    const seqBeforeRead = await lastAuditSeq(f.t.db);
    const pdf = await download(built.url, f.sessions.officer);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect((await auditSince(f.t, seqBeforeRead)).map((a) => a.action)).toEqual(['release.read']);

    const texts = pdfPageTexts(pdf.bytes);
    expect(texts).toHaveLength(built.pageCount);
    const all = texts.join('\n');
    expect(all).toContain('was seen in the yard with Hemi Walker');
    expect(all).toContain('Hemi Walker asked for the nurse');
    expect(all).toContain('Unit log: muster at 7:00, all present.');
    expect(all).not.toMatch(/ngaire|p[oō]tae|tama rua/i);
    expect(Buffer.from(pdf.bytes).toString('latin1')).not.toMatch(/ngaire|tama rua/i);
    expect(await verifyReleaseCopy(pdf.bytes, [NAME, 'Tama Rua'])).toEqual([]);

    const schedule = texts.slice(0, schedulePages).join('\n').replace(/\s+/g, ' ');
    expect(schedule).toContain(request.reference);
    for (const words of [
      'Incident report IR-4001',
      'Withheld in part',
      'Intelligence note',
      'Withheld',
      'Unit log',
      'Released',
    ])
      expect(schedule).toContain(words);
    expect(schedule).toContain(
      's53(b): Would involve the unwarranted disclosure of the affairs of another individual',
    );
    expect(schedule).toContain(
      's49(1)(d): Would prejudice the safe custody or the rehabilitation of a person in custody',
    );

    expect(texts[schedulePages]).toContain('s53(b)');
    expect(texts[schedulePages + 1]).toContain('s53(b)');
    for (const blank of [texts[schedulePages + 2] ?? '', texts[schedulePages + 3] ?? '']) {
      expect(blank).toContain('s49(1)(d)');
      expect(blank).not.toContain('Source');
    }
    expect(texts[schedulePages + 1]?.replace(/\s+/g, ' ')).toContain(
      `${request.reference} page ${schedulePages + 2} of ${built.pageCount}`,
    );
    const statement = (texts[texts.length - 1] ?? '').replace(/\s+/g, ' ');
    expect(statement).toContain(
      'Statement of correction provided by the person on 1 October 2026 about the incident report of 12 March:',
    );
    expect(statement).toContain('I was not in the yard that day.');

    const listed = await overview(request.id, f.sessions.auditor);
    expect(listed.json.releases.map((r: { id: string }) => r.id)).toEqual([built.id]);
  });

  it('redacts area marks, and text marks given by offsets into the page text', async () => {
    const request = await decidedRequest(f);
    const doc = await addDocument(
      f,
      request.id,
      'File note',
      [['Cell search of unit 4 found nothing.', 'Informant Mere Tawhiri called the office.']],
      { disposition: 'partial' },
    );
    const [page] = await f.t.db.select().from(documentPages).where(eq(documentPages.documentId, doc.id));
    const start = [...(page?.text ?? '')].join('').indexOf('Mere Tawhiri');
    expect(start).toBeGreaterThan(0);
    await f.t.db.insert(redactionMarks).values([
      // The first line (baseline 62 pt from the top): the whole line goes.
      {
        documentId: doc.id,
        page: 1,
        kind: 'area',
        rect: [50, 46, 545, 67],
        source: 'officer',
        status: 'accepted',
        ground: 's53(c)',
      },
      {
        documentId: doc.id,
        page: 1,
        kind: 'text',
        text: null,
        startOffset: start,
        endOffset: start + 'Mere Tawhiri'.length,
        source: 'officer',
        status: 'accepted',
        ground: 's49(1)(a)(i)',
      },
    ]);
    const built = await build(f, request.id);
    expect(built.schedule[0]?.grounds).toEqual(['s49(1)(a)(i)', 's53(c)']);
    const pdf = await download(built.url, f.sessions.officer);
    const text = pdfPageTexts(pdf.bytes)[built.schedule[0]!.fromPage - 1] ?? '';
    expect(text).not.toContain('Cell search');
    expect(text).not.toContain('Mere Tawhiri');
    expect(text).toContain('called the office.');
    expect(text).toContain('s53(c)');
  });

  it('refuses a package in which a withheld string is readable in another document, and stores nothing', async () => {
    const request = await decidedRequest(f);
    await addDocument(f, request.id, 'Incident report', [[`${NAME} was in the yard.`]], {
      disposition: 'partial',
      marks: [{ page: 1, text: NAME }],
    });
    await addDocument(
      f,
      request.id,
      'Visits register',
      [['Visitors on Monday.'], [`Ngaire Potae visited at noon.`]],
      {
        disposition: 'release-in-full',
      },
    );
    const message = await refused(request.id, '“Visits register” (released in full), page 2 of the document');
    expect(message).toContain(NAME);
    expect(message).toContain('mark it in that document too');
  });

  it('lets only officers build; managers, auditors and intake are refused (403)', async () => {
    const request = await decidedRequest(f);
    await addDocument(f, request.id, 'Unit log', [['Unit log.']], { disposition: 'release-in-full' });
    const before = await countRows(f.t.db, 'releases');
    for (const account of ['manager', 'auditor', 'decisionMaker'] as const) {
      const response = await tryBuild(request.id, f.sessions[account]);
      expect(response.status, account).toBe(403);
    }
    expect((await overview(request.id, f.sessions.intake)).status).toBe(403);
    expect(await countRows(f.t.db, 'releases')).toBe(before);
  });

  it('answers 404 to an officer of another team, for the request and the package alike', async () => {
    const request = await decidedRequest(f);
    await addDocument(f, request.id, 'Unit log', [['Unit log.']], { disposition: 'release-in-full' });
    const built = await build(f, request.id);
    expect((await overview(request.id, f.sessions.southOfficer)).status).toBe(404);
    expect((await tryBuild(request.id, f.sessions.southOfficer)).status).toBe(404);
    const seq = await lastAuditSeq(f.t.db);
    expect((await download(built.url, f.sessions.southOfficer)).status).toBe(404);
    expect(await auditSince(f.t, seq)).toEqual([]);
    const send = await f.t.request('POST', `/api/releases/${built.id}/send`, {
      session: f.sessions.southOfficer,
      body: { method: 'post', recipient: '1 Queen St' },
    });
    expect(send.status).toBe(404);
    expect((await download(built.url, f.sessions.manager)).status).toBe(200);
  });
});
