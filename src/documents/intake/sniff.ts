import { decodeText, sniffType } from '../extract/file-type.ts';
import { readZipDirectory, type ZipEntry } from './zip-directory.ts';
import { UploadRefusal } from './refusal.ts';

/** Every kind of file a request's documents may start as. */
export const SOURCE_TYPES = [
  'pdf',
  'png',
  'jpeg',
  'tiff',
  'text',
  'eml',
  'docx',
  'doc',
  'odt',
  'rtf',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Word processor formats that only LibreOffice can turn into a PDF. */
export const WORD_TYPES = ['docx', 'doc', 'odt', 'rtf'] as const satisfies readonly SourceType[];
export type WordType = (typeof WORD_TYPES)[number];

export interface Sniffed {
  type: SourceType;
  /** The central directory, for ZIP-based types (docx, odt). */
  zip?: ZipEntry[];
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function latin1(bytes: Uint8Array, length: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(length, bytes.length)).toString('latin1');
}

const HEADER_LINE = /^[!-9;-~]+:/;
const MAIL_HEADERS =
  /^(date|to|cc|message-id|mime-version|received|return-path|subject|reply-to|delivered-to):/i;

/**
 * Whether text opens with an RFC 5322 header block that says it is a message: at least a From header and
 * another that only mail has, and nothing but header lines before the first blank line.
 *
 * @example looksLikeEmail('From: a@b.nz\nTo: c@d.nz\nSubject: Hi\n\nBody') // true
 * @example looksLikeEmail('Subject: my notes\n\nBody') // false
 */
export function looksLikeEmail(head: string): boolean {
  const lines = head.split(/\r?\n/);
  if (lines[0]?.startsWith('From ')) lines.shift(); // an mbox separator line
  let from = false;
  let other = false;
  let headers = 0;
  for (const line of lines) {
    if (line === '') return from && other && headers >= 2;
    if (/^[ \t]/.test(line) && headers > 0) continue; // a folded continuation
    if (!HEADER_LINE.test(line)) return false;
    headers++;
    if (/^from:/i.test(line)) from = true;
    else if (MAIL_HEADERS.test(line)) other = true;
  }
  return false;
}

function zipType(bytes: Uint8Array): Sniffed {
  const zip = readZipDirectory(bytes);
  const names = new Set(zip.map((entry) => entry.name));
  if (names.has('word/document.xml')) return { type: 'docx', zip };
  // ODF keeps its media type, stored uncompressed, as the archive's first file.
  if (names.has('content.xml') && latin1(bytes, 200).includes('application/vnd.oasis.opendocument.text'))
    return { type: 'odt', zip };
  throw new UploadRefusal(
    'unsupported-type',
    'The file is a ZIP archive but not a Word (.docx) or OpenDocument text (.odt) file; upload its documents one by one',
  );
}

/**
 * What an uploaded file is, from its bytes alone (never its name or the content type it was sent with).
 * Refuses with `unsupported-type` what we cannot take, naming what it looks like.
 *
 * @example sniffUpload(new TextEncoder().encode('%PDF-1.7 …')) // { type: 'pdf' }
 * @example sniffUpload(docxBytes) // { type: 'docx', zip: [...] }
 */
export function sniffUpload(bytes: Uint8Array): Sniffed {
  const basic = sniffType(bytes);
  if (basic && basic !== 'text') return { type: basic };
  if (startsWith(bytes, ZIP)) return zipType(bytes);
  if (startsWith(bytes, OLE)) {
    if (Buffer.from(bytes).includes(Buffer.from('WordDocument', 'utf16le'))) return { type: 'doc' };
    throw new UploadRefusal(
      'unsupported-type',
      'The file is an Office file other than Word (for example Excel or an Outlook .msg); save it as PDF and upload the PDF',
    );
  }
  const head = latin1(bytes, 64 * 1024);
  if (head.startsWith('{\\rtf')) return { type: 'rtf' };
  // Mail may carry 8-bit headers in any charset, so it is recognised before the strict UTF-8 check.
  if (looksLikeEmail(head)) return { type: 'eml' };
  if (basic === 'text' || decodeText(bytes) !== undefined) return { type: 'text' };
  throw new UploadRefusal(
    'unsupported-type',
    'The file is not a type we can take: upload a PDF, an image (PNG, JPEG, TIFF), plain text, an e-mail (.eml) or a Word file',
  );
}
