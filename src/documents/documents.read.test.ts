import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/tx.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { lastAuditSeq } from '../testing/http.ts';
import { auditSince, move, record } from '../requests/testing-requests.ts';
import { redactionMarks } from './documents.schema.ts';
import { makeTextPdf } from './testing-documents.ts';
import {
  getBytes,
  send,
  startDocumentsApp,
  uploadOk,
  type DocumentsFixture,
} from './intake/testing-uploads.ts';

describe.each(testDatabaseKinds())('reading documents on %s', (kind) => {
  let f: DocumentsFixture;
  let requestId: string;
  let personId: string;
  let report: { id: string };
  let note: { id: string };
  let reportPdf: Uint8Array;

  const get = (path: string, who: keyof DocumentsFixture['sessions'] = 'officer') =>
    send(f.t.baseUrl, 'GET', path, { session: f.sessions[who] });

  /** The audit events since `seq` with this action. */
  const audited = async (seq: number, action: string) =>
    (await auditSince(f.t, seq)).filter((e) => e.action === action);

  beforeAll(async () => {
    f = await startDocumentsApp(kind, ['officer', 'southOfficer', 'intake', 'manager', 'auditor']);
    requestId = (await record(f.t, f.sessions.officer, { subject: { name: 'Aroha Pōtae' } })).id;
    // Triage by the officer assigns the request to them, out of the south team's sight.
    await move(f.t, f.sessions.officer, requestId, { type: 'triage', track: 'privacy-access' });
    const [row] = await queryRows<{ id: string }>(
      f.t.db,
      sql`select subject_person_id as id from requests where id = ${requestId}`,
    );
    personId = row!.id;
    reportPdf = await makeTextPdf([
      ['Incident report', 'Prisoner Aroha Pōtae refused to return to her cell.'],
      ['Officer Hemi Walker attended.', 'Whānau were told.'],
    ]);
    report = await uploadOk(f.t, f.sessions.officer, requestId, reportPdf, 'Pūrongo.pdf', 'Incident report');
    note = await uploadOk(
      f.t,
      f.sessions.officer,
      requestId,
      await makeTextPdf([['File note: POTAE seen']]),
      'n.pdf',
    );
    await f.t.db.insert(redactionMarks).values(
      (['suggested', 'suggested', 'accepted'] as const).map((status, i) => ({
        documentId: report.id,
        page: 1,
        kind: 'text',
        text: 'Aroha',
        startOffset: i,
        endOffset: i + 5,
        source: 'detector',
        status,
      })),
    );
  });
  afterAll(() => f.close());

  it('lists the documents with their mark counts (audited as document.listed)', async () => {
    const seq = await lastAuditSeq(f.t.db);
    const response = await get(`/api/requests/${requestId}/documents`);
    expect(response.status).toBe(200);
    expect(response.json.documents.map((d: { id: string }) => d.id)).toEqual([report.id, note.id]);
    expect(response.json.documents[0].marks).toEqual({ suggested: 2, accepted: 1, rejected: 0 });
    const [event] = await audited(seq, 'document.listed');
    expect(event).toMatchObject({ entity_id: requestId, person_id: personId, actor_id: f.users.officer.id });
  });

  it('gives a document with its reference and page text (audited as document.read)', async () => {
    const seq = await lastAuditSeq(f.t.db);
    const response = await get(`/api/documents/${report.id}`, 'manager');
    expect(response.status).toBe(200);
    expect(response.json.reference).toMatch(/^TK-\d{4}-\d{6}$/);
    expect(response.json.pages[1].text).toContain('Officer Hemi Walker attended.');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const [event] = await audited(seq, 'document.read');
    expect(event).toMatchObject({ entity_id: report.id, person_id: personId, actor_id: f.users.manager.id });
  });

  it('renders a page as a PNG (audited as document.page-viewed with the page), within the scale limit', async () => {
    const seq = await lastAuditSeq(f.t.db);
    const image = await getBytes(
      f.t,
      f.sessions.auditor,
      `/api/documents/${report.id}/pages/2/image?scale=1`,
    );
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect([...image.bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(new DataView(image.bytes.buffer).getUint32(16)).toBe(595); // width in pixels at scale 1
    const [event] = await audited(seq, 'document.page-viewed');
    expect(event).toMatchObject({ entity_id: report.id, person_id: personId, details: { page: 2 } });
    expect((await get(`/api/documents/${report.id}/pages/2/image?scale=4`)).status).toBe(400);
    expect((await get(`/api/documents/${report.id}/pages/3/image`)).status).toBe(404);
  });

  it('exports the original and the working PDF as attachments (audited as document.exported)', async () => {
    const seq = await lastAuditSeq(f.t.db);
    const original = await getBytes(f.t, f.sessions.officer, `/api/documents/${report.id}/original`);
    expect(Buffer.from(original.bytes).equals(Buffer.from(reportPdf))).toBe(true);
    expect(original.headers.get('content-disposition')).toBe(
      `attachment; filename="Purongo.pdf"; filename*=UTF-8''P%C5%ABrongo.pdf`,
    );
    const pdf = await getBytes(f.t, f.sessions.officer, `/api/documents/${report.id}/pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const events = await audited(seq, 'document.exported');
    expect(events.map((e) => e.details.which)).toEqual(['original', 'pdf']);
    expect(events.every((e) => e.person_id === personId)).toBe(true);
  });

  it('searches page text case- and accent-insensitively, with a snippet (audited as document.searched)', async () => {
    const seq = await lastAuditSeq(f.t.db);
    const response = await get(
      `/api/requests/${requestId}/documents/search?q=${encodeURIComponent('potae CELL')}`,
    );
    expect(response.status).toBe(200);
    expect(response.json.hits).toEqual([
      {
        documentId: report.id,
        title: 'Incident report',
        page: 1,
        snippet: expect.stringContaining('Aroha Pōtae refused to return to her cell'),
      },
    ]);
    const both = await get(`/api/requests/${requestId}/documents/search?q=p%C5%8Dtae`);
    expect(both.json.hits.map((h: { documentId: string }) => h.documentId)).toEqual([report.id, note.id]);
    const events = await audited(seq, 'document.searched');
    expect(events[0]).toMatchObject({
      entity_id: requestId,
      person_id: personId,
      details: { q: 'potae CELL', hits: 1 },
    });
    expect((await get(`/api/requests/${requestId}/documents/search?q=`)).status).toBe(400);
  });

  it('keeps content from those who may not see it: other team 404, intake 403 on content, 401 signed out', async () => {
    for (const path of [
      `/api/requests/${requestId}/documents`,
      `/api/documents/${report.id}`,
      `/api/documents/${report.id}/pages/1/image`,
      `/api/documents/${report.id}/original`,
      `/api/requests/${requestId}/documents/search?q=aroha`,
    ])
      expect((await get(path, 'southOfficer')).status, path).toBe(404);
    expect((await get(`/api/documents/${report.id}`, 'intake')).status).toBe(403);
    expect((await send(f.t.baseUrl, 'GET', `/api/documents/${report.id}`)).status).toBe(401);
  });

  it('takes a document out of scope with a reason (officer only; audited as document.removed)', async () => {
    const path = `/api/documents/${note.id}/remove`;
    expect(
      (await send(f.t.baseUrl, 'POST', path, { session: f.sessions.manager, body: { reason: 'x' } })).status,
    ).toBe(403);
    expect((await send(f.t.baseUrl, 'POST', path, { session: f.sessions.officer, body: {} })).status).toBe(
      400,
    );
    const seq = await lastAuditSeq(f.t.db);
    const reason = 'Duplicate of the incident report';
    expect(
      (await send(f.t.baseUrl, 'POST', path, { session: f.sessions.officer, body: { reason } })).status,
    ).toBe(204);
    const [event] = await audited(seq, 'document.removed');
    expect(event).toMatchObject({ entity_id: note.id, person_id: personId });
    const [row] = await queryRows<{ reason: string }>(
      f.t.db,
      sql`select reason from audit_events where seq = ${event!.seq}`,
    );
    expect(row?.reason).toBe(reason);
    const list = await get(`/api/requests/${requestId}/documents`);
    expect(list.json.documents.map((d: { id: string }) => d.id)).toEqual([report.id]);
    expect((await get(`/api/documents/${note.id}`)).status).toBe(404);
    expect(
      (await send(f.t.baseUrl, 'POST', path, { session: f.sessions.officer, body: { reason } })).status,
    ).toBe(404);
  });

  it('refuses a read that cannot be audited: no bytes leave without the audit row', async () => {
    await f.t.db.execute(sql`alter sequence audit_events_seq rename to audit_events_seq_away`);
    try {
      const pdf = await getBytes(f.t, f.sessions.officer, `/api/documents/${report.id}/pdf`);
      expect(pdf.status).toBe(500);
      expect(Buffer.from(pdf.bytes).includes(Buffer.from('%PDF'))).toBe(false);
    } finally {
      await f.t.db.execute(sql`alter sequence audit_events_seq_away rename to audit_events_seq`);
    }
  });
});
