/**
 * Test fixtures for uploads: the app with signed-in staff, a raw-bytes upload helper, and files of every
 * kind built in memory (PDF, PNG, JPEG, multi-frame TIFF, e-mail, ZIP/docx, hostile variants). Only tests
 * import this.
 */
import { deflateRawSync, deflateSync } from 'node:zlib';
import * as mupdf from 'mupdf';
import { expect } from 'vitest';
import type { PublicUser } from '../../auth/auth.service.ts';
import { FIXTURE_ACCOUNTS, type FixtureAccount } from '../../requests/testing-requests.ts';
import type { TestDatabaseKind } from '../../testing/databases.ts';
import {
  createStaff,
  send,
  startTestApp,
  type SignedIn,
  type TestApp,
  type TestResponse,
} from '../../testing/http.ts';

export interface DocumentsFixture {
  t: TestApp;
  users: Record<FixtureAccount, PublicUser>;
  sessions: Record<FixtureAccount, SignedIn>;
  close(): Promise<void>;
}

/** The app on a fresh database with `env` configuration and the named fixture accounts signed in. */
export async function startDocumentsApp(
  kind: TestDatabaseKind,
  accounts: FixtureAccount[],
  env: Record<string, string> = {},
): Promise<DocumentsFixture> {
  const t = await startTestApp(kind, env);
  const users = {} as Record<FixtureAccount, PublicUser>;
  const sessions = {} as Record<FixtureAccount, SignedIn>;
  for (const key of accounts) {
    const spec = FIXTURE_ACCOUNTS[key];
    users[key] = await createStaff(t.db, spec.role, {
      name: spec.name,
      ...('team' in spec ? { team: spec.team } : {}),
    });
    sessions[key] = await t.signIn(users[key].email);
  }
  return { t, users, sessions, close: () => t.close() };
}

/** POSTs raw bytes as a document of a request (`send` only takes strings, so this uses fetch itself). */
export async function upload(
  t: TestApp,
  session: SignedIn,
  requestId: string,
  bytes: Uint8Array,
  filename: string,
  title?: string,
): Promise<TestResponse> {
  const query = new URLSearchParams({ filename, ...(title ? { title } : {}) });
  const response = await fetch(new URL(`/api/requests/${requestId}/documents?${query}`, t.baseUrl), {
    method: 'POST',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/octet-stream',
    },
    body: new Uint8Array(bytes),
  });
  const text = await response.text();
  const json: unknown =
    response.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : undefined;
  return { status: response.status, headers: response.headers, text, json };
}

/** Uploads and insists on 201. */
export async function uploadOk(
  t: TestApp,
  session: SignedIn,
  requestId: string,
  bytes: Uint8Array,
  filename: string,
  title?: string,
) {
  const response = await upload(t, session, requestId, bytes, filename, title);
  expect(response.status, response.text).toBe(201);
  return response.json;
}

/** GETs a path and gives the body as bytes. */
export async function getBytes(t: TestApp, session: SignedIn, path: string) {
  const response = await fetch(new URL(path, t.baseUrl), { headers: { cookie: session.cookie } });
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

export { send };

const copy = (buffer: mupdf.Buffer) => buffer.asUint8Array().slice(); // the WASM view can be detached

/** A PDF with one small page per entry, lines in big Helvetica (easy for OCR), text layer included. */
export function linesPdf(pages: string[][], size = 18, box: [number, number] = [360, 140]): Uint8Array {
  const doc = new mupdf.PDFDocument();
  const font = doc.addSimpleFont(new mupdf.Font('Helvetica'));
  const resources = doc.addObject({ Font: { F1: font } });
  for (const lines of pages) {
    const ops = lines
      .map((line, i) => `BT /F1 ${size} Tf 20 ${box[1] - 30 - i * size * 1.5} Td (${line}) Tj ET`)
      .join('\n');
    doc.insertPage(-1, doc.addPage([0, 0, box[0], box[1]], 0, resources, ops));
  }
  return copy(doc.saveToBuffer('compress'));
}

function pixmapOf(pdf: Uint8Array, pageIndex: number, gray: boolean): mupdf.Pixmap {
  const page = mupdf.Document.openDocument(pdf, 'application/pdf').loadPage(pageIndex);
  const space = gray ? mupdf.ColorSpace.DeviceGray : mupdf.ColorSpace.DeviceRGB;
  return page.toPixmap(mupdf.Matrix.scale(2, 2), space, false, true);
}

/** The first page of a PDF as a PNG at 144 dpi. */
export const pngOf = (pdf: Uint8Array) => copy(new mupdf.Buffer(pixmapOf(pdf, 0, false).asPNG()));

/** The first page of a PDF as a JPEG at 144 dpi. */
export const jpegOf = (pdf: Uint8Array) => copy(new mupdf.Buffer(pixmapOf(pdf, 0, false).asJPEG(90, false)));

/** Every page of a PDF as one frame of an uncompressed 8-bit greyscale TIFF (little-endian). */
export function tiffOf(pdf: Uint8Array): Uint8Array {
  const count = mupdf.Document.openDocument(pdf, 'application/pdf').countPages();
  const frames = Array.from({ length: count }, (_, i) => {
    const pixmap = pixmapOf(pdf, i, true);
    const width = pixmap.getWidth();
    const height = pixmap.getHeight();
    const stride = pixmap.getStride();
    const pixels = pixmap.getPixels();
    const rows = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) rows.set(pixels.subarray(y * stride, y * stride + width), y * width);
    return { width, height, rows };
  });
  const tags = (f: { width: number; height: number }, stripAt: number): Array<[number, number, number]> => [
    [256, 4, f.width],
    [257, 4, f.height],
    [258, 3, 8],
    [259, 3, 1],
    [262, 3, 1],
    [273, 4, stripAt],
    [277, 3, 1],
    [278, 4, f.height],
    [279, 4, f.width * f.height],
  ];
  const ifdSize = 2 + 9 * 12 + 4;
  const total = 8 + frames.reduce((sum, f) => sum + f.rows.length + ifdSize + (f.rows.length % 2), 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 0x2a, 0x00]);
  let at = 8;
  let link = 4;
  for (const frame of frames) {
    const stripAt = at;
    out.set(frame.rows, at);
    at += frame.rows.length + (frame.rows.length % 2); // IFDs start on a word boundary
    view.setUint32(link, at, true);
    view.setUint16(at, 9, true);
    tags(frame, stripAt).forEach(([tag, type, value], i) => {
      const entry = at + 2 + i * 12;
      view.setUint16(entry, tag, true);
      view.setUint16(entry + 2, type, true);
      view.setUint32(entry + 4, 1, true);
      if (type === 3) view.setUint16(entry + 8, value, true);
      else view.setUint32(entry + 8, value, true);
    });
    link = at + 2 + 9 * 12;
    at += ifdSize;
  }
  return out;
}

/** A PDF that needs a password to open. */
export function encryptedPdf(pdf: Uint8Array): Uint8Array {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf').asPDF()!;
  return copy(doc.saveToBuffer('encrypt=aes-256,user-password=kiwi,owner-password=kea'));
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A ZIP archive of the given files, each deflated unless `stored` (as ODF keeps its mimetype). */
export function zipOf(files: Array<{ name: string; data: Uint8Array; stored?: boolean }>): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const file of files) {
    const name = new TextEncoder().encode(file.name);
    const packed = file.stored ? file.data : deflateRawSync(file.data);
    const method = file.stored ? 0 : 8;
    const crc = crc32(file.data);
    const local = new Uint8Array(30 + name.length + packed.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, packed.length, true);
    lv.setUint32(22, file.data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(packed, 30 + name.length);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, packed.length, true);
    cv.setUint32(24, file.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directorySize = centrals.reduce((sum, c) => sum + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, files.length, true);
  ev.setUint16(10, files.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A minimal .docx: content types and a one-paragraph document. */
export function docxOf(text: string, documentXml?: Uint8Array): Uint8Array {
  return zipOf([
    { name: '[Content_Types].xml', data: utf8('<?xml version="1.0"?><Types/>') },
    {
      name: 'word/document.xml',
      data:
        documentXml ??
        utf8(
          `<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
        ),
    },
  ]);
}

/** A PNG whose header claims `width` × `height` pixels (with almost no pixel data). */
export function hugePng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(utf8(type), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  const iv = new DataView(ihdr.buffer);
  iv.setUint32(0, width);
  iv.setUint32(4, height);
  ihdr[8] = 8;
  return new Uint8Array(
    Buffer.concat([
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateRawSync(new Uint8Array(64))),
      chunk('IEND', new Uint8Array()),
    ]),
  );
}

/** An e-mail with an HTML body, a macron in the subject and a PDF attachment. */
export const sampleEmail = [
  'From: "Hemi Walker" <hemi.walker@corrections.govt.nz>',
  'To: Aroha Ngata <aroha.ngata@example.nz>',
  'Cc: records@corrections.govt.nz',
  'Subject: =?UTF-8?Q?Visit_booking_for_H=C4=93mi?=',
  'Date: Tue, 3 Mar 2026 10:00:00 +1300',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Kia ora Aroha,</p><p>The visit with Wiremu Tane is booked for <b>Thursday</b> &amp; confirmed.</p>',
  '--b1',
  'Content-Type: application/pdf; name="visit-form.pdf"',
  'Content-Disposition: attachment; filename="visit-form.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  'JVBERi0xLjcK',
  '--b1--',
  '',
].join('\r\n');

/** A PDF holding an image object that claims `width` × `height` pixels. */
export function pdfWithHugeImage(width: number, height: number): Uint8Array {
  const doc = mupdf.Document.openDocument(linesPdf([['cover']]), 'application/pdf').asPDF()!;
  doc.addRawStream(new Uint8Array(16), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    BitsPerComponent: 8,
    ColorSpace: 'DeviceGray',
  });
  return copy(doc.saveToBuffer(''));
}

/** A PDF with a Flate stream of `megabytes` MiB of spaces that compresses to a few kilobytes. */
export function pdfWithFlateBomb(megabytes: number): Uint8Array {
  const doc = mupdf.Document.openDocument(linesPdf([['cover']]), 'application/pdf').asPDF()!;
  const packed = deflateSync(new Uint8Array(megabytes * 1024 * 1024).fill(0x20), { level: 9 });
  doc.addRawStream(packed, { Filter: 'FlateDecode' });
  return copy(doc.saveToBuffer(''));
}

/** A file to attach to an e-mail built by {@link emailWithAttachments}. */
export interface EmailAttachmentSpec {
  /** Left out: a part without a file name. */
  filename?: string;
  contentType: string;
  bytes: Uint8Array;
  /** `attachment` unless given. */
  disposition?: 'attachment' | 'inline';
}

/**
 * An .eml (multipart/mixed) with a plain-text body and each attachment as a base64 part.
 *
 * @example emailWithAttachments('Visit report', 'See attached.', [{ filename: 'a.pdf', contentType: 'application/pdf', bytes }])
 */
export function emailWithAttachments(
  subject: string,
  body: string,
  attachments: EmailAttachmentSpec[],
): Uint8Array {
  const boundary = 'tiaki-test-boundary';
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/.{76}/g, '$&\r\n');
  const parts = attachments.map((a) => {
    const name = a.filename === undefined ? '' : `; filename="${a.filename}"`;
    return [
      `--${boundary}`,
      `Content-Type: ${a.contentType}${a.filename === undefined ? '' : `; name="${a.filename}"`}`,
      `Content-Disposition: ${a.disposition ?? 'attachment'}${name}`,
      'Content-Transfer-Encoding: base64',
      '',
      base64(a.bytes),
    ].join('\r\n');
  });
  return utf8(
    [
      'From: "Hemi Walker" <hemi.walker@corrections.govt.nz>',
      'To: records@corrections.govt.nz',
      `Subject: ${/^[\x20-\x7e]*$/.test(subject) ? subject : `=?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`}`,
      'Date: Wed, 4 Mar 2026 09:30:00 +1300',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      ...parts,
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}
