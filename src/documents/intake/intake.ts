import { decodeText } from '../extract/file-type.ts';
import { emailDocument } from './email.ts';
import { imageFrames } from './image-header.ts';
import { imageToPdf } from './image-pdf.ts';
import { megabytes, type IntakeLimits } from './limits.ts';
import { readPages, type PageText } from './pages.ts';
import { inspectPdf } from './pdf-inspect.ts';
import { UploadRefusal } from './refusal.ts';
import { sniffUpload, type SourceType, type WordType } from './sniff.ts';
import { textToPdf } from './text-pdf.ts';
import { checkZipBomb } from './zip-directory.ts';
import { conversionUnavailable, convertWithSoffice, findSoffice } from './word.ts';

export interface IntakeOptions {
  limits: IntakeLimits;
  /** Read pages without a text layer with OCR (off for demo data, where every page has text). */
  ocr: boolean;
  /** SOFFICE_PATH from configuration; PATH is searched when unset. */
  sofficePath: string | undefined;
}

/** An upload read, checked and converted, ready to store: nothing has been stored yet. */
export interface PreparedDocument {
  sourceType: SourceType;
  original: Uint8Array;
  /** The PDF review and redaction work on. */
  pdf: Uint8Array;
  pages: PageText[];
  /** A title the content suggests (an e-mail's subject), when the uploader gave none. */
  suggestedTitle: string | null;
}

function checkFrames(bytes: Uint8Array, type: 'png' | 'jpeg' | 'tiff', limits: IntakeLimits): void {
  const frames = imageFrames(bytes, type, limits.maxPages);
  if (frames.length > limits.maxPages)
    throw new UploadRefusal(
      'too-many-pages',
      `The image has more than ${limits.maxPages} frames (pages); the limit is ${limits.maxPages}`,
    );
  for (const { width, height } of frames) {
    if (width === 0 || height === 0) throw new UploadRefusal('malformed', 'The image has no pixels');
    if (width > limits.maxImageSide || height > limits.maxImageSide || width * height > limits.maxImagePixels)
      throw new UploadRefusal(
        'bomb',
        `The image is ${width} × ${height} pixels, far larger than any real scan ` +
          `(the limit is ${Math.round(limits.maxImagePixels / 1e6)} million pixels)`,
      );
  }
}

async function convertWord(bytes: Uint8Array, type: WordType, options: IntakeOptions): Promise<Uint8Array> {
  const soffice = await findSoffice(options.sofficePath);
  if (!soffice) throw conversionUnavailable(type);
  return convertWithSoffice(bytes, type, soffice);
}

async function workingPdf(
  bytes: Uint8Array,
  options: IntakeOptions,
): Promise<{ type: SourceType; pdf: Uint8Array; title: string | null }> {
  const { limits } = options;
  const sniffed = sniffUpload(bytes);
  switch (sniffed.type) {
    case 'pdf':
      return { type: 'pdf', pdf: inspectPdf(bytes, limits).pdf, title: null };
    case 'png':
    case 'jpeg':
    case 'tiff':
      checkFrames(bytes, sniffed.type, limits);
      return { type: sniffed.type, pdf: imageToPdf(bytes, sniffed.type), title: null };
    case 'text':
      return {
        type: 'text',
        pdf: await textToPdf({ body: decodeText(bytes) ?? '' }, limits.maxPages),
        title: null,
      };
    case 'eml': {
      const email = await emailDocument(bytes);
      return { type: 'eml', pdf: await textToPdf(email, limits.maxPages), title: email.subject };
    }
    case 'docx':
    case 'odt':
      // The sizes come from the central directory, before LibreOffice inflates anything.
      checkZipBomb(sniffed.zip ?? [], limits);
      return { type: sniffed.type, pdf: await convertWord(bytes, sniffed.type, options), title: null };
    case 'doc':
    case 'rtf':
      return { type: sniffed.type, pdf: await convertWord(bytes, sniffed.type, options), title: null };
  }
}

/**
 * Reads an upload and makes everything that will be stored for it: the type (from the content), the
 * working PDF (the upload itself, or a conversion), and each page's text. Every check runs here, before
 * anything is stored: size, type, pages, encryption, damage and decompression bombs. Conversions are
 * checked again as PDFs (a converter can be fed a file that makes a monstrous PDF).
 *
 * @example const prepared = await prepareUpload(bytes, { limits, ocr: true, sofficePath: undefined })
 */
export async function prepareUpload(bytes: Uint8Array, options: IntakeOptions): Promise<PreparedDocument> {
  if (bytes.length === 0) throw new UploadRefusal('empty', 'The file is empty');
  if (bytes.length > options.limits.maxBytes)
    throw new UploadRefusal(
      'too-large',
      `The file is ${megabytes(bytes.length)}; the upload limit is ${megabytes(options.limits.maxBytes)}`,
    );
  const made = await workingPdf(bytes, options);
  const pdf = made.type === 'pdf' ? made.pdf : inspectPdf(made.pdf, options.limits).pdf;
  const pages = await readPages(pdf, { ocr: options.ocr });
  return { sourceType: made.type, original: bytes, pdf, pages, suggestedTitle: made.title };
}
