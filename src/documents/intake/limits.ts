/**
 * The bounds an upload must stay within. The byte and page limits come from configuration; the rest
 * guard against files that are small on the wire but enormous once decoded ("bombs").
 */
export interface IntakeLimits {
  maxBytes: number;
  maxPages: number;
  /** Largest image, in pixels (width × height): a 600 dpi A3 scan is about 70 million. */
  maxImagePixels: number;
  /** Longest image side, in pixels. */
  maxImageSide: number;
  /** Total uncompressed size of a Word/OpenDocument archive, from its central directory. */
  maxZipUncompressedBytes: number;
  /** Most entries in such an archive. */
  maxZipEntries: number;
  /** An entry bigger than `zipRatioFloorBytes` may expand at most this many times. */
  maxZipEntryRatio: number;
  zipRatioFloorBytes: number;
  /** Decoded size of any one non-image PDF stream (content, font, form…). */
  maxPdfStreamBytes: number;
  /** Decoded size of all non-image PDF streams together. */
  maxPdfDecodedBytes: number;
}

const MiB = 1024 * 1024;

/** @example intakeLimits({ maxBytes: 50 * 1024 * 1024, maxPages: 2000 }).maxImagePixels // 150_000_000 */
export function intakeLimits(configured: { maxBytes: number; maxPages: number }): IntakeLimits {
  return {
    ...configured,
    maxImagePixels: 150_000_000,
    maxImageSide: 40_000,
    maxZipUncompressedBytes: 300 * MiB,
    maxZipEntries: 5000,
    maxZipEntryRatio: 200,
    zipRatioFloorBytes: 1 * MiB,
    maxPdfStreamBytes: 64 * MiB,
    maxPdfDecodedBytes: 512 * MiB,
  };
}

/** @example megabytes(52_428_800) // '50 MB' */
export function megabytes(bytes: number): string {
  const mb = bytes / MiB;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}
