import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/tx.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { countRows, lastAuditSeq } from '../testing/http.ts';
import { auditSince, record } from '../requests/testing-requests.ts';
import { terminateOcr } from './extract/ocr.ts';
import { makeTextPdf } from './testing-documents.ts';
import {
  jpegOf,
  linesPdf,
  pngOf,
  sampleEmail,
  send,
  startDocumentsApp,
  tiffOf,
  upload,
  uploadOk,
  type DocumentsFixture,
} from './intake/testing-uploads.ts';

describe.each(testDatabaseKinds())('uploading documents on %s', (kind) => {
  let f: DocumentsFixture;
  let requestId: string;
  let personId: string;

  const detail = async (id: string) => {
    const response = await send(f.t.baseUrl, 'GET', `/api/documents/${id}`, { session: f.sessions.officer });
    expect(response.status, response.text).toBe(200);
    return response.json;
  };

  beforeAll(async () => {
    f = await startDocumentsApp(kind, ['officer', 'intake', 'manager']);
    requestId = (await record(f.t, f.sessions.officer, { subject: { name: 'Aroha Pōtae' } })).id;
    const [row] = await queryRows<{ id: string }>(
      f.t.db,
      sql`select subject_person_id as id from requests where id = ${requestId}`,
    );
    personId = row!.id;
  });
  afterAll(async () => {
    await terminateOcr();
    await f.close();
  });

  it('takes a PDF as its own working PDF, with each page’s text and size, and audits the upload', async () => {
    const seq = await lastAuditSeq(f.t.db);
    const pdf = await makeTextPdf([['Incident report', 'Prisoner Aroha Pōtae was moved.'], ['Page two']]);
    const created = await uploadOk(f.t, f.sessions.officer, requestId, pdf, 'report.bin', 'Incident report');
    expect(created).toMatchObject({
      requestId,
      title: 'Incident report',
      originalFilename: 'report.bin',
      sourceType: 'pdf',
      pageCount: 2,
      ocrPages: 0,
      disposition: 'undecided',
      addedBy: { id: f.users.officer.id, name: f.users.officer.name },
      marks: { suggested: 0, accepted: 0, rejected: 0 },
    });
    const doc = await detail(created.id);
    expect(doc.pages).toHaveLength(2);
    expect(doc.pages[0]).toMatchObject({ page: 1, ocr: false, width: 595, height: 842 });
    expect(doc.pages[0].text).toContain('Prisoner Aroha Pōtae was moved.');
    const [uploaded] = (await auditSince(f.t, seq)).filter((e) => e.action === 'document.uploaded');
    expect(uploaded).toMatchObject({
      entity_id: created.id,
      person_id: personId,
      actor_id: f.users.officer.id,
    });
    expect(uploaded?.details).toMatchObject({ type: 'pdf', pages: 2 });
  });

  it('reads a scanned image (PNG) with OCR: the page text holds the words', async () => {
    const png = pngOf(linesPdf([['PRISONER HEMI WALKER', 'UNIT TOTARA']]));
    const created = await uploadOk(f.t, f.sessions.intake, requestId, png, 'scan.pdf');
    expect(created).toMatchObject({ sourceType: 'png', pageCount: 1, ocrPages: 1, title: 'scan' });
    const [page] = (await detail(created.id)).pages;
    expect(page.ocr).toBe(true);
    expect(page.text).toContain('HEMI WALKER');
    expect(page.text).toContain('TOTARA');
  });

  it('turns a JPEG into a one-page PDF and a TIFF into one page per frame', async () => {
    const jpeg = await uploadOk(f.t, f.sessions.officer, requestId, jpegOf(linesPdf([['CELL 12']])), 'a.png');
    expect(jpeg).toMatchObject({ sourceType: 'jpeg', pageCount: 1 });
    const tiff = await uploadOk(
      f.t,
      f.sessions.officer,
      requestId,
      tiffOf(linesPdf([['ONE'], ['TWO']])),
      'b.tif',
    );
    expect(tiff).toMatchObject({ sourceType: 'tiff', pageCount: 2, ocrPages: 2 });
    const pages = (await detail(tiff.id)).pages;
    expect(pages[1].text).toContain('TWO');
  });

  it('draws plain text in DejaVu Sans, wrapping long lines and adding pages as needed', async () => {
    const long = `Whānau visit note: ${'kōrero '.repeat(60)}end.`;
    const lines = Array.from({ length: 70 }, (_, i) => `Line ${i + 1} Hēmi`);
    const text = new TextEncoder().encode([long, ...lines].join('\n'));
    const created = await uploadOk(f.t, f.sessions.officer, requestId, text, 'note.pdf');
    expect(created).toMatchObject({ sourceType: 'text', pageCount: 2, ocrPages: 0 });
    const pages = (await detail(created.id)).pages;
    expect(pages[0].text).toContain('Whānau visit note');
    expect(pages[0].text.split('\n').length).toBeGreaterThan(5); // the long line was wrapped
    expect(pages[1].text).toContain('Line 70 Hēmi');
  });

  it('prints an e-mail: headers, the HTML body as text and the attachment names; the subject is the title', async () => {
    const created = await uploadOk(
      f.t,
      f.sessions.officer,
      requestId,
      new TextEncoder().encode(sampleEmail),
      'm.txt',
    );
    expect(created).toMatchObject({ sourceType: 'eml', title: 'Visit booking for Hēmi', pageCount: 1 });
    const [page] = (await detail(created.id)).pages;
    expect(page.text).toContain('From: Hemi Walker <hemi.walker@corrections.govt.nz>');
    expect(page.text).toContain('Subject: Visit booking for Hēmi');
    expect(page.text).toContain('Date: Tue, 3 Mar 2026 10:00:00 +1300');
    expect(page.text).toContain('The visit with Wiremu Tane is booked for Thursday & confirmed.');
    // The attached "PDF" is only a header: it is not added, and the e-mail says so and why.
    expect(page.text.replace(/\s+/g, ' ')).toMatch(
      /Attachments not added \(The PDF is damaged.*\): visit-form\.pdf/,
    );
  });

  it('refuses a manager (403) and stores nothing', async () => {
    const before = await countRows(f.t.db, 'documents');
    const response = await upload(f.t, f.sessions.manager, requestId, linesPdf([['x']]), 'x.pdf');
    expect(response.status).toBe(403);
    expect(await countRows(f.t.db, 'documents')).toBe(before);
  });
});
