import { decodeText } from '../extract/file-type.ts';
import { emailDocument, emailText, readEmail } from './email.ts';
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

function checkSize(bytes: Uint8Array, limits: IntakeLimits): void {
  if (bytes.length === 0) throw new UploadRefusal('empty', 'The file is empty');
  if (bytes.length > limits.maxBytes)
    throw new UploadRefusal(
      'too-large',
      `The file is ${megabytes(bytes.length)}; the upload limit is ${megabytes(limits.maxBytes)}`,
    );
}

/** The working PDF checked (conversions too: a converter can be fed a file that makes a monstrous PDF) and read. */
async function finish(
  made: { type: SourceType; pdf: Uint8Array; title: string | null },
  original: Uint8Array,
  options: IntakeOptions,
): Promise<PreparedDocument> {
  const pdf = made.type === 'pdf' ? made.pdf : inspectPdf(made.pdf, options.limits).pdf;
  const pages = await readPages(pdf, { ocr: options.ocr });
  return { sourceType: made.type, original, pdf, pages, suggestedTitle: made.title };
}

/**
 * Reads an upload and makes everything that will be stored for it: the type (from the content), the
 * working PDF (the upload itself, or a conversion), and each page's text. Every check runs here, before
 * anything is stored: size, type, pages, encryption, damage and decompression bombs. Conversions are
 * checked again as PDFs (a converter can be fed a file that makes a monstrous PDF). An e-mail's
 * attachments are only named here; {@link prepareUploadWithAttachments} adds them.
 *
 * @example const prepared = await prepareUpload(bytes, { limits, ocr: true, sofficePath: undefined })
 */
export async function prepareUpload(bytes: Uint8Array, options: IntakeOptions): Promise<PreparedDocument> {
  checkSize(bytes, options.limits);
  return finish(await workingPdf(bytes, options), bytes, options);
}

/** An attachment of an uploaded e-mail, prepared as a document of its own. */
export interface PreparedAttachment {
  filename: string;
  prepared: PreparedDocument;
}

/** An attachment of an uploaded e-mail that intake refused (its type, a password, damage…), and why. */
export interface SkippedAttachment {
  filename: string;
  reason: string;
}

/** An upload prepared: the document itself and, for an e-mail, its attachments. Nothing stored yet. */
export interface PreparedUpload {
  document: PreparedDocument;
  attachments: PreparedAttachment[];
  skipped: SkippedAttachment[];
}

const tooManyPagesInAll = (maxPages: number, where: string) =>
  new UploadRefusal(
    'too-many-pages',
    `The e-mail and its attachments together have more than ${maxPages} pages (the limit is reached at ${where}); ` +
      'the limit is for the whole upload. Upload the attachments separately',
  );

/**
 * Like {@link prepareUpload}, but an e-mail's attachments become documents too: each one goes through
 * the same intake (type, conversion, checks). One the intake refuses for what it is (a type we cannot
 * take, a password, damage, a bomb) does not stop the e-mail: it is listed as not added, with why, in
 * the e-mail's document and in `skipped`. The limits are for the whole upload: the e-mail's bytes hold
 * its attachments, so its size check covers them; the pages of the e-mail and every attachment are
 * counted together, and going over refuses the whole upload.
 *
 * One level only: an attached e-mail becomes a document, but its own attachments are just named in it
 * (an e-mail inside an e-mail inside an e-mail is rare, and each level multiplies the work).
 *
 * @example const { document, attachments, skipped } = await prepareUploadWithAttachments(emlBytes, options)
 */
export async function prepareUploadWithAttachments(
  bytes: Uint8Array,
  options: IntakeOptions,
): Promise<PreparedUpload> {
  checkSize(bytes, options.limits);
  if (sniffUpload(bytes).type !== 'eml')
    return { document: await prepareUpload(bytes, options), attachments: [], skipped: [] };
  const { maxPages } = options.limits;
  const email = await readEmail(bytes);
  const attachments: PreparedAttachment[] = [];
  const skipped: SkippedAttachment[] = [];
  let pages = 0;
  for (const { filename, bytes: content } of email.attachments) {
    // What is left of the page limit, keeping one page for the e-mail itself.
    const left = Math.max(maxPages - 1 - pages, 0);
    try {
      const prepared = await prepareUpload(content, {
        ...options,
        limits: { ...options.limits, maxPages: left },
      });
      pages += prepared.pages.length;
      attachments.push({ filename, prepared });
    } catch (error) {
      if (!(error instanceof UploadRefusal)) throw error;
      if (error.kind === 'too-many-pages') throw tooManyPagesInAll(maxPages, `the attachment ${filename}`);
      // Cannot happen (an attachment is smaller than the e-mail holding it), but a size limit is never skipped.
      if (error.kind === 'too-large') throw error;
      skipped.push({ filename, reason: error.message });
    }
  }
  const limits = { ...options.limits, maxPages: maxPages - pages };
  const printed = emailText(email, { added: attachments.map((a) => a.filename), notAdded: skipped });
  let pdf: Uint8Array;
  try {
    pdf = await textToPdf(printed, limits.maxPages);
  } catch (error) {
    if (pages > 0 && error instanceof UploadRefusal && error.kind === 'too-many-pages')
      throw tooManyPagesInAll(maxPages, 'the e-mail itself');
    throw error;
  }
  const document = await finish({ type: 'eml', pdf, title: email.subject }, bytes, { ...options, limits });
  return { document, attachments, skipped };
}
