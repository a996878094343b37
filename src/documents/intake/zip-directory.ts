import { megabytes, type IntakeLimits } from './limits.ts';
import { UploadRefusal } from './refusal.ts';

/** One file of a ZIP archive as its central directory describes it. */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const EOCD_SIZE = 22;
const ZIP64_MARK = 0xffffffff;

const malformed = (why: string) => new UploadRefusal('malformed', `The ZIP-based file is damaged: ${why}`);

/**
 * The entries of a ZIP archive, read from its central directory only (nothing is decompressed), so the
 * sizes an archive claims can be checked before any tool inflates it.
 *
 * @example readZipDirectory(docxBytes).map((e) => e.name) // ['[Content_Types].xml', 'word/document.xml', …]
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  // The end record sits in the last 22 bytes plus a comment of up to 65,535 bytes.
  for (let at = bytes.length - EOCD_SIZE; at >= Math.max(0, bytes.length - EOCD_SIZE - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw malformed('it has no central directory (truncated or not a ZIP archive)');
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || size === ZIP64_MARK || offset === ZIP64_MARK)
    throw new UploadRefusal('bomb', 'The file is a ZIP64 archive, far larger than any real document');
  if (offset + size > end) throw malformed('its central directory points outside the file');

  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) throw malformed('a directory entry is broken');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > end) throw malformed('a file name runs past the directory');
    entries.push({
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Refuses an archive that would expand to something absurd: too many entries, too much in total, an
 * entry with a ZIP64 size, or a big entry compressed far more than real documents ever are.
 *
 * @example checkZipBomb([{ name: 'word/document.xml', compressedSize: 10_000, uncompressedSize: 4e9 }], limits) // throws
 */
export function checkZipBomb(entries: readonly ZipEntry[], limits: IntakeLimits): void {
  if (entries.length > limits.maxZipEntries)
    throw new UploadRefusal(
      'bomb',
      `The archive holds ${entries.length} files; a document never needs more than ${limits.maxZipEntries}`,
    );
  let total = 0;
  for (const entry of entries) {
    if (entry.uncompressedSize === ZIP64_MARK || entry.compressedSize === ZIP64_MARK)
      throw new UploadRefusal('bomb', `"${entry.name}" in the archive claims a ZIP64 (over 4 GB) size`);
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > limits.zipRatioFloorBytes && ratio > limits.maxZipEntryRatio)
      throw new UploadRefusal(
        'bomb',
        `"${entry.name}" in the archive expands ${Math.round(ratio)} times (to ${megabytes(entry.uncompressedSize)}); ` +
          `more than ${limits.maxZipEntryRatio} times is the mark of a decompression bomb`,
      );
  }
  if (total > limits.maxZipUncompressedBytes)
    throw new UploadRefusal(
      'bomb',
      `The archive expands to ${megabytes(total)}; the limit is ${megabytes(limits.maxZipUncompressedBytes)}`,
    );
}
