import { inflateSync, constants as zlib } from 'node:zlib';
import * as mupdf from 'mupdf';
import { megabytes, type IntakeLimits } from './limits.ts';
import { UploadRefusal } from './refusal.ts';

const why = (error: unknown) => (error instanceof Error ? error.message : String(error));

function isFlateOnly(filter: mupdf.PDFObject): boolean {
  if (filter.isName()) return filter.asName() === 'FlateDecode';
  return (
    filter.isArray() &&
    filter.length === 1 &&
    filter.get(0).isName() &&
    filter.get(0).asName() === 'FlateDecode'
  );
}

/** The decoded size of a Flate stream, up to `cap` bytes; `cap + 1` when it is bigger. */
function inflatedSize(raw: Uint8Array, cap: number): number {
  try {
    // Z_SYNC_FLUSH: real PDFs often end a stream without the zlib trailer; MuPDF reads those too.
    return inflateSync(raw, { maxOutputLength: cap, finishFlush: zlib.Z_SYNC_FLUSH }).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return cap + 1;
    return 0; // a broken stream decodes to little or nothing; MuPDF deals with it when it reads the page
  }
}

/**
 * Refuses a PDF whose objects would blow up when read: an image with absurd pixel dimensions, or
 * Flate-compressed content, fonts or forms whose decoded size is far beyond any real document. Image
 * streams are judged by their declared size (a blank scanned page can legitimately compress a
 * thousandfold); embedded files are skipped because nothing here decodes them.
 */
function checkObjects(doc: mupdf.PDFDocument, limits: IntakeLimits): void {
  let decodedTotal = 0;
  const objects = doc.countObjects();
  for (let num = 1; num < objects; num++) {
    // Kept indirect: MuPDF only answers isStream() and reads stream data through the reference.
    const object = doc.newIndirect(num);
    if (!object.isStream()) continue;
    const subtype = object.get('Subtype');
    if (subtype.isName() && subtype.asName() === 'Image') {
      const width = object.get('Width').asNumber();
      const height = object.get('Height').asNumber();
      if (
        width > limits.maxImageSide ||
        height > limits.maxImageSide ||
        width * height > limits.maxImagePixels
      )
        throw new UploadRefusal(
          'bomb',
          `The PDF holds an image of ${width} × ${height} pixels, far larger than any real scan`,
        );
      continue;
    }
    const type = object.get('Type');
    if (type.isName() && type.asName() === 'EmbeddedFile') continue;
    if (!isFlateOnly(object.get('Filter'))) continue;
    const cap = Math.min(limits.maxPdfStreamBytes, limits.maxPdfDecodedBytes - decodedTotal);
    const raw = object.readRawStream();
    let size: number;
    try {
      size = inflatedSize(raw.asUint8Array(), cap);
    } finally {
      raw.destroy();
    }
    if (size > cap)
      throw new UploadRefusal(
        'bomb',
        cap < limits.maxPdfStreamBytes
          ? `The PDF's compressed streams expand to more than ${megabytes(limits.maxPdfDecodedBytes)} in all: the mark of a decompression bomb`
          : `A compressed stream in the PDF expands to more than ${megabytes(limits.maxPdfStreamBytes)}: the mark of a decompression bomb`,
      );
    decodedTotal += size;
  }
}

export interface InspectedPdf {
  /** The PDF to work on: the upload itself, or a decrypted copy when it only had permission locks. */
  pdf: Uint8Array;
  pageCount: number;
}

/**
 * Opens a PDF and refuses it when it is damaged, needs a password, has no pages or more than the limit,
 * or holds a decompression bomb. A PDF locked only by an owner password (permissions) opens without one:
 * it is kept as uploaded, and worked on as a decrypted copy so later steps see plain streams.
 *
 * @example inspectPdf(await readFile('report.pdf'), limits) // { pdf: Uint8Array, pageCount: 3 }
 */
export function inspectPdf(bytes: Uint8Array, limits: IntakeLimits): InspectedPdf {
  let doc: mupdf.Document;
  try {
    doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  } catch (error) {
    throw new UploadRefusal('malformed', `The PDF is damaged and cannot be read (${why(error)})`);
  }
  try {
    if (doc.needsPassword())
      throw new UploadRefusal(
        'encrypted',
        'The PDF is encrypted with a password; remove the password (print or save it as a new PDF) and upload that',
      );
    let pageCount: number;
    try {
      pageCount = doc.countPages();
    } catch (error) {
      throw new UploadRefusal('malformed', `The PDF is damaged and its pages cannot be read (${why(error)})`);
    }
    if (pageCount === 0) throw new UploadRefusal('malformed', 'The PDF has no pages');
    if (pageCount > limits.maxPages)
      throw new UploadRefusal(
        'too-many-pages',
        `The document has ${pageCount} pages; the limit is ${limits.maxPages}. Split it into smaller documents`,
      );
    const pdf = doc.asPDF();
    if (!pdf) throw new UploadRefusal('malformed', 'The file is not a PDF after all');
    try {
      checkObjects(pdf, limits);
    } catch (error) {
      if (error instanceof UploadRefusal) throw error;
      throw new UploadRefusal('malformed', `The PDF is damaged (${why(error)})`);
    }
    const encryption = doc.getMetaData('encryption');
    if (encryption && encryption !== 'None')
      return { pdf: pdf.saveToBuffer('decrypt').asUint8Array().slice(), pageCount };
    return { pdf: bytes, pageCount };
  } finally {
    doc.destroy();
  }
}
