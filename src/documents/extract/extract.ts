import * as mupdf from 'mupdf';
import { decodeText, MIME, sniffType } from './file-type.ts';
import { ocrImage } from './ocr.ts';

/** The text of one page; `ocr` says it was read from pixels, not from the file's text layer. */
export interface ExtractedPage {
  /** 1-based page number. */
  page: number;
  text: string;
  ocr: boolean;
}

export interface Extracted {
  type: 'pdf' | 'image' | 'text';
  pages: ExtractedPage[];
}

export interface ExtractOptions {
  /** Read pages without a text layer, and images, with OCR (default true). */
  ocr?: boolean;
  /** Refuse documents with more pages than this (default 5000). */
  maxPages?: number;
}

/** A file we cannot read: not a supported type, encrypted, malformed or too large. */
export class ExtractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractError';
  }
}

// PDF pages are rendered at 2x (144 dpi) for OCR: enough for typed reports, small enough to be quick.
const PDF_OCR_SCALE = 2;

function pageText(page: mupdf.Page): string {
  const stext = page.toStructuredText('preserve-whitespace');
  try {
    return stext.asText();
  } finally {
    stext.destroy();
  }
}

function renderPng(page: mupdf.Page, scale: number): Uint8Array {
  const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
  try {
    return pixmap.asPNG();
  } finally {
    pixmap.destroy();
  }
}

function openDocument(bytes: Uint8Array, mime: string): mupdf.Document {
  try {
    return mupdf.Document.openDocument(bytes, mime);
  } catch (error) {
    throw new ExtractError(`cannot open the file: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function extractDocument(
  doc: mupdf.Document,
  kind: 'pdf' | 'image',
  opts: Required<ExtractOptions>,
): Promise<ExtractedPage[]> {
  if (doc.needsPassword()) throw new ExtractError('the document is encrypted (password protected)');
  const count = doc.countPages();
  if (count > opts.maxPages)
    throw new ExtractError(`the document has ${count} pages; the limit is ${opts.maxPages}`);
  const pages: ExtractedPage[] = [];
  for (let i = 0; i < count; i++) {
    const page = doc.loadPage(i);
    try {
      // Images have no text layer at all; a PDF page gets OCR only when its text layer is empty.
      const text = kind === 'pdf' ? pageText(page) : '';
      if (text.trim() !== '' || !opts.ocr) {
        pages.push({ page: i + 1, text, ocr: false });
        continue;
      }
      const png = renderPng(page, kind === 'pdf' ? PDF_OCR_SCALE : 1);
      pages.push({ page: i + 1, text: await ocrImage(png), ocr: true });
    } finally {
      page.destroy();
    }
  }
  return pages;
}

/**
 * The text of each page of a PDF, image (PNG, JPEG, TIFF; OCR) or text file (.txt, .eml: one page),
 * with the type decided from the content. PDF text comes from MuPDF; PDF pages with no text and all
 * images are read with tesseract (English data from `@tesseract.js-data/eng`, nothing downloaded).
 * Call `terminateOcr()` when done so the process can exit.
 *
 * @example
 * const { type, pages } = await extractPages(await readFile('report.pdf'));
 * // type === 'pdf', pages[0] = { page: 1, text: 'Incident report …', ocr: false }
 */
export async function extractPages(bytes: Uint8Array, opts: ExtractOptions = {}): Promise<Extracted> {
  const options: Required<ExtractOptions> = { ocr: opts.ocr ?? true, maxPages: opts.maxPages ?? 5000 };
  const type = sniffType(bytes);
  switch (type) {
    case undefined:
      throw new ExtractError('unsupported file type: not a PDF, PNG, JPEG, TIFF or text file');
    case 'text':
      return { type: 'text', pages: [{ page: 1, text: decodeText(bytes) ?? '', ocr: false }] };
    case 'pdf':
    case 'png':
    case 'jpeg':
    case 'tiff': {
      const kind = type === 'pdf' ? 'pdf' : 'image';
      const doc = openDocument(bytes, MIME[type]);
      try {
        return { type: kind, pages: await extractDocument(doc, kind, options) };
      } catch (error) {
        if (error instanceof ExtractError) throw error;
        throw new ExtractError(
          `cannot read the file: ${error instanceof Error ? error.message : String(error)}`,
        );
      } finally {
        doc.destroy();
      }
    }
  }
}
