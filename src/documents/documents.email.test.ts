import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/databases.ts';
import { countRows, lastAuditSeq } from '../testing/http.ts';
import { auditSince, record } from '../requests/testing-requests.ts';
import { storeDocuments, prepareForRequest } from './documents.service.ts';
import { terminateOcr } from './extract/ocr.ts';
import {
  docxOf,
  emailWithAttachments,
  encryptedPdf,
  linesPdf,
  pngOf,
  send,
  startDocumentsApp,
  upload,
  uploadOk,
  type DocumentsFixture,
} from './intake/testing-uploads.ts';

// A Windows program: "MZ", then bytes that are neither text nor any type the intake knows.
// Page text breaks long lines where the printed page wrapped them.
const flat = (text: string) => text.replace(/\s+/g, ' ');

const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x80, 0xc3]);

describe.each(testDatabaseKinds())('e-mail attachments become documents on %s', (kind) => {
  let f: DocumentsFixture;
  let requestId: string;

  const detail = async (id: string) => {
    const response = await send(f.t.baseUrl, 'GET', `/api/documents/${id}`, { session: f.sessions.officer });
    expect(response.status, response.text).toBe(200);
    return response.json;
  };
  const counts = async () => ({
    documents: await countRows(f.t.db, 'documents'),
    pages: await countRows(f.t.db, 'document_pages'),
  });

  beforeAll(async () => {
    f = await startDocumentsApp(kind, ['officer'], {
      UPLOAD_MAX_PAGES: '6',
      // This server has no LibreOffice, whatever the machine has: a Word attachment is refused.
      SOFFICE_PATH: '/nonexistent/libreoffice/soffice',
    });
    requestId = (await record(f.t, f.sessions.officer, { subject: { name: 'Aroha Pōtae' } })).id;
  });
  afterAll(async () => {
    await terminateOcr();
    await f.close();
  });

  it('adds a PDF and a scanned PNG as documents of their own, in one go with the e-mail; an .exe is named as not added', async () => {
    const seq = await lastAuditSeq(f.t.db);
    const eml = emailWithAttachments(
      'Incident at Tōtara unit',
      'Kia ora, the report and the scan are attached.',
      [
        {
          filename: 'report.pdf',
          contentType: 'application/pdf',
          bytes: linesPdf([['REPORT ONE'], ['REPORT TWO']]),
        },
        { filename: 'scan.png', contentType: 'image/png', bytes: pngOf(linesPdf([['CELL TOTARA 12']])) },
        { filename: 'setup.exe', contentType: 'application/octet-stream', bytes: EXE },
      ],
    );
    const created = await uploadOk(f.t, f.sessions.officer, requestId, eml, 'incident.eml');
    expect(created).toMatchObject({
      sourceType: 'eml',
      title: 'Incident at Tōtara unit',
      originalFilename: 'incident.eml',
      pageCount: 1,
    });
    expect(created.attachments).toHaveLength(2);
    expect(created.attachments[0]).toMatchObject({
      requestId,
      title: 'report.pdf (attached to “Incident at Tōtara unit”)',
      originalFilename: 'report.pdf',
      sourceType: 'pdf',
      pageCount: 2,
      addedBy: { id: f.users.officer.id },
    });
    expect(created.attachments[1]).toMatchObject({
      title: 'scan.png (attached to “Incident at Tōtara unit”)',
      originalFilename: 'scan.png',
      sourceType: 'png',
      pageCount: 1,
      ocrPages: 1,
    });
    expect(created.skippedAttachments).toEqual([
      { filename: 'setup.exe', reason: expect.stringMatching(/not a type we can take/) },
    ]);

    const emailText = flat((await detail(created.id)).pages[0].text);
    expect(emailText).toContain('the report and the scan are attached');
    expect(emailText).toContain('Attachments (added as separate documents): report.pdf, scan.png');
    expect(emailText).toMatch(
      /Attachments not added \(The file is not a type we can take: .* or a Word file\): setup\.exe/,
    );
    expect(emailText).not.toContain('not part of');
    const report = await detail(created.attachments[0].id);
    expect(report.pages.map((p: { text: string }) => p.text.trim())).toEqual(['REPORT ONE', 'REPORT TWO']);
    expect((await detail(created.attachments[1].id)).pages[0].text).toContain('TOTARA');

    const uploaded = (await auditSince(f.t, seq)).filter((e) => e.action === 'document.uploaded');
    expect(uploaded.map((e) => e.entity_id)).toEqual([
      created.id,
      created.attachments[0].id,
      created.attachments[1].id,
    ]);
    expect(uploaded[0]!.details).not.toHaveProperty('attachedTo');
    expect(uploaded[1]!.details).toMatchObject({ type: 'pdf', pages: 2, attachedTo: created.id });
    expect(uploaded[2]!.details).toMatchObject({ type: 'png', attachedTo: created.id });
    expect(new Set(uploaded.map((e) => e.person_id)).size).toBe(1);

    const list = await send(f.t.baseUrl, 'GET', `/api/requests/${requestId}/documents`, {
      session: f.sessions.officer,
    });
    expect(list.json.documents.map((d: { id: string }) => d.id)).toEqual(
      expect.arrayContaining([created.id, ...created.attachments.map((a: { id: string }) => a.id)]),
    );
  });

  it('stores the e-mail when an attachment is encrypted, damaged or needs a converter it lacks, and says why each was not added', async () => {
    const before = await counts();
    const eml = emailWithAttachments('Locked files', 'See attached.', [
      { filename: 'locked.pdf', contentType: 'application/pdf', bytes: encryptedPdf(linesPdf([['secret']])) },
      {
        filename: 'broken.pdf',
        contentType: 'application/pdf',
        bytes: new TextEncoder().encode('%PDF-1.7\n'),
      },
      { filename: 'notes.docx', contentType: 'application/octet-stream', bytes: docxOf('notes') },
    ]);
    const created = await uploadOk(f.t, f.sessions.officer, requestId, eml, 'locked.eml');
    expect(created).toMatchObject({ sourceType: 'eml', title: 'Locked files', attachments: [] });
    expect(created.skippedAttachments).toEqual([
      { filename: 'locked.pdf', reason: expect.stringMatching(/encrypted with a password/) },
      { filename: 'broken.pdf', reason: expect.stringMatching(/damaged/) },
      { filename: 'notes.docx', reason: expect.stringMatching(/Word/) },
    ]);
    const text = flat((await detail(created.id)).pages[0].text);
    expect(text).toMatch(
      /Attachments not added \(The PDF is encrypted with a password[^)]*\) and upload that\): locked\.pdf/,
    );
    expect(text).toMatch(
      /Attachments not added \(The PDF is damaged[^)]*\(no objects found\)\): broken\.pdf/,
    );
    expect(text).not.toContain('added as separate documents');
    expect(await counts()).toEqual({ documents: before.documents + 1, pages: before.pages + 1 });
  });

  it('adds an attached e-mail, naming its own attachments without adding them (one level only)', async () => {
    const inner = emailWithAttachments('Original complaint', 'Please see my letter.', [
      { filename: 'letter.pdf', contentType: 'application/pdf', bytes: linesPdf([['LETTER']]) },
    ]);
    const eml = emailWithAttachments('Fwd: Original complaint', 'Forwarding.', [
      { filename: 'complaint.eml', contentType: 'message/rfc822', bytes: inner },
      // An image the body shows, sent without a name: part of the layout, not a file.
      { contentType: 'image/png', bytes: pngOf(linesPdf([['LOGO']])), disposition: 'inline' },
    ]);
    const created = await uploadOk(f.t, f.sessions.officer, requestId, eml, 'fwd.eml');
    expect(created.skippedAttachments).toEqual([]);
    expect(created.attachments).toHaveLength(1);
    expect(created.attachments[0]).toMatchObject({
      sourceType: 'eml',
      title: 'complaint.eml (attached to “Fwd: Original complaint”)',
      pageCount: 1,
    });
    const innerText = flat((await detail(created.attachments[0].id)).pages[0].text);
    expect(innerText).toContain('Subject: Original complaint');
    expect(innerText).toMatch(
      /Attachments of this attached e-mail, not added \(add them by hand if they are in scope\): letter\.pdf/,
    );
  });

  it('refuses the whole upload when the attachments take it over the page limit, storing nothing', async () => {
    const before = await counts();
    const seq = await lastAuditSeq(f.t.db);
    const three = linesPdf([['1'], ['2'], ['3']]);
    const eml = emailWithAttachments('Too much', 'Attached.', [
      { filename: 'a.pdf', contentType: 'application/pdf', bytes: three },
      { filename: 'b.pdf', contentType: 'application/pdf', bytes: three },
    ]);
    const response = await upload(f.t, f.sessions.officer, requestId, eml, 'big.eml');
    expect(response.status, response.text).toBe(400);
    expect(response.json.error.fields[0]).toMatchObject({
      path: 'file',
      message: expect.stringMatching(/e-mail and its attachments together have more than 6 pages.*b\.pdf/),
    });
    expect(await counts()).toEqual(before);
    expect((await auditSince(f.t, seq)).filter((e) => e.action === 'document.uploaded')).toEqual([]);

    // Exactly at the limit (3 + 2 pages of attachments and the e-mail's one) is taken.
    const fits = emailWithAttachments('Just fits', 'Attached.', [
      { filename: 'a.pdf', contentType: 'application/pdf', bytes: three },
      { filename: 'b.pdf', contentType: 'application/pdf', bytes: linesPdf([['1'], ['2']]) },
    ]);
    const created = await uploadOk(f.t, f.sessions.officer, requestId, fits, 'fits.eml');
    expect(created.attachments.map((a: { pageCount: number }) => a.pageCount)).toEqual([3, 2]);
  });

  it('describes the attachments in the OpenAPI answer of the upload', async () => {
    const doc = (await f.t.request('GET', '/api/openapi.json')).json;
    const created = doc.paths['/api/requests/{requestId}/documents'].post.responses['201'];
    expect(Object.keys(created.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['id', 'title', 'attachments', 'skippedAttachments']),
    );
  });

  it('stores the documents of one upload all or not at all', async () => {
    const before = await counts();
    const prepared = await prepareForRequest(f.t.config, linesPdf([['kept?']]), { ocr: false });
    // The second document names an e-mail that is not before it: the transaction fails after the first insert.
    await expect(
      storeDocuments(f.t.db, f.t.config, null, requestId, [
        { prepared, names: { filename: 'one.pdf' } },
        { prepared, names: { filename: 'two.pdf' }, attachedTo: 1 },
      ]),
    ).rejects.toThrow(/must come after its e-mail/);
    expect(await counts()).toEqual(before);
  });
});
