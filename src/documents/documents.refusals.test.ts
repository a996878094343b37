import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/databases.ts';
import { countRows } from '../testing/http.ts';
import { move, record } from '../requests/testing-requests.ts';
import {
  docxOf,
  encryptedPdf,
  hugePng,
  linesPdf,
  pdfWithFlateBomb,
  pdfWithHugeImage,
  startDocumentsApp,
  tiffOf,
  upload,
  zipOf,
  type DocumentsFixture,
} from './intake/testing-uploads.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe.each(testDatabaseKinds())('refused uploads on %s', (kind) => {
  let f: DocumentsFixture;
  let requestId: string;

  beforeAll(async () => {
    f = await startDocumentsApp(kind, ['officer', 'southOfficer', 'manager'], {
      UPLOAD_MAX_BYTES: '200000',
      UPLOAD_MAX_PAGES: '3',
      // A path with nothing there: this server has no LibreOffice, whatever the machine has.
      SOFFICE_PATH: '/nonexistent/libreoffice/soffice',
    });
    requestId = (await record(f.t, f.sessions.officer)).id;
  });
  afterAll(async () => {
    // Nothing half-stored: no refusal left a document or a page behind.
    expect(await countRows(f.t.db, 'documents')).toBe(0);
    expect(await countRows(f.t.db, 'document_pages')).toBe(0);
    await f.close();
  });

  const refused = async (bytes: Uint8Array, status: number, message: RegExp, filename = 'file.pdf') => {
    const response = await upload(f.t, f.sessions.officer, requestId, bytes, filename);
    expect(response.status, response.text).toBe(status);
    expect(response.json.error.message).toMatch(message);
    expect(response.json.error.fields?.[0]?.path).toBe('file');
    return response;
  };

  it('refuses a type it cannot take, judged by content not name (415)', async () => {
    const response = await refused(
      new Uint8Array([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00]),
      415,
      /not a type we can take/,
    );
    expect(response.json.error.code).toBe('unsupported-media-type');
    await refused(
      zipOf([{ name: 'xl/workbook.xml', data: utf8('<w/>') }]),
      415,
      /ZIP archive but not a Word/,
      'a.docx',
    );
  });

  it('refuses a file over UPLOAD_MAX_BYTES with 413 naming the limit', async () => {
    const big = new Uint8Array(250_000).fill(0x41);
    const response = await upload(f.t, f.sessions.officer, requestId, big, 'big.txt');
    expect(response.status).toBe(413);
    expect(response.json.error).toMatchObject({ code: 'payload-too-large' });
    expect(response.json.error.message).toMatch(/upload limit of 0\.2 MB/);
  });

  it('refuses more pages than UPLOAD_MAX_PAGES, for a PDF and a TIFF', async () => {
    await refused(linesPdf([['1'], ['2'], ['3'], ['4']]), 400, /4 pages; the limit is 3/);
    await refused(tiffOf(linesPdf([['1'], ['2'], ['3'], ['4']], 8, [40, 40])), 400, /more than 3 frames/);
  });

  it('refuses an encrypted PDF', async () => {
    await refused(encryptedPdf(linesPdf([['secret']])), 400, /encrypted with a password/);
  });

  it('refuses malformed files', async () => {
    await refused(utf8('%PDF-1.7\ngarbage'), 400, /PDF.*(damaged|no pages)/);
    await refused(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), 400, /JPEG image is damaged/);
    await refused(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 400, /ZIP-based file is damaged/);
  });

  it('refuses bombs: a docx that inflates a thousandfold, an image with absurd dimensions, PDF image and stream bombs', async () => {
    const bomb = docxOf('', new Uint8Array(8 * 1024 * 1024).fill(0x20));
    expect(bomb.length).toBeLessThan(200_000);
    await refused(bomb, 400, /"word\/document\.xml" in the archive expands \d+ times/, 'cv.docx');
    await refused(hugePng(60_000, 60_000), 400, /60000 × 60000 pixels/, 'scan.png');
    await refused(pdfWithHugeImage(100_000, 100_000), 400, /image of 100000 × 100000 pixels/);
    await refused(pdfWithFlateBomb(65), 400, /expands to more than 64 MB/);
  });

  it('refuses Word files when LibreOffice is not installed, saying how to convert them (415)', async () => {
    const response = await refused(
      docxOf('Kia ora'),
      415,
      /Save As > PDF\) .* and upload the PDF/,
      'letter.docx',
    );
    expect(response.json.error.message).toMatch(/LibreOffice is not installed/);
    await refused(utf8('{\\rtf1\\ansi Kia ora}'), 415, /Rich Text/, 'letter.txt');
  });

  it('refuses an empty file and a missing file name', async () => {
    await refused(new Uint8Array(), 400, /empty/);
    const response = await upload(f.t, f.sessions.officer, requestId, linesPdf([['x']]), '');
    expect(response.status).toBe(400);
    expect(response.json.error.fields.map((p: { path: string }) => p.path)).toEqual(['filename']);
  });

  it('refuses a manager (403) and a request the officer cannot see (404)', async () => {
    expect((await upload(f.t, f.sessions.manager, requestId, linesPdf([['x']]), 'x.pdf')).status).toBe(403);
    const theirs = (await record(f.t, f.sessions.officer)).id;
    // Triage by an officer assigns the request to them: it leaves the pool the south team can see.
    await move(f.t, f.sessions.officer, theirs, { type: 'triage', track: 'privacy-access' });
    const response = await upload(f.t, f.sessions.southOfficer, theirs, linesPdf([['x']]), 'x.pdf');
    expect(response.status).toBe(404);
  });
});
