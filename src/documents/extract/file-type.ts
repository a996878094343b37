/** What a file holds, decided from its bytes (never its name). */
export type FileType = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'text';

/** MIME type MuPDF expects for each binary kind. */
export const MIME: Record<Exclude<FileType, 'text'>, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
};

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

/**
 * The type of a file from its magic bytes; UTF-8 (or BOM-marked UTF-16) text otherwise; `undefined`
 * for anything else (binary we do not read).
 *
 * @example sniffType(new TextEncoder().encode('%PDF-1.7 …')) // 'pdf'
 * @example sniffType(new TextEncoder().encode('Kia ora Hēmi')) // 'text'
 */
export function sniffType(bytes: Uint8Array): FileType | undefined {
  // PDF readers accept the header anywhere in the first KiB; so do we, so a junk prefix cannot hide a PDF.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'tiff';
  return decodeText(bytes) === undefined ? undefined : 'text';
}

/**
 * The text of a UTF-8 file (BOM dropped), or of a UTF-16 file that starts with its BOM; `undefined`
 * when the bytes are not text (invalid UTF-8 or NUL bytes).
 *
 * @example decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69])) // 'hi'
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  try {
    let text: string;
    if (startsWith(bytes, [0xff, 0xfe]))
      text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    else if (startsWith(bytes, [0xfe, 0xff]))
      text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    else text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}
