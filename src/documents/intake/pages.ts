import * as mupdf from 'mupdf';
import { ocrImage } from '../extract/ocr.ts';
import { UploadRefusal } from './refusal.ts';

/** One page of the working PDF: its text (from the text layer, or OCR) and its size in points. */
export interface PageText {
  page: number;
  text: string;
  ocr: boolean;
  width: number;
  height: number;
}

// Pages are rendered at 2× (144 dpi) for OCR, as in extract.ts: enough for typed reports, quick enough.
const OCR_SCALE = 2;

function textOf(page: mupdf.Page): string {
  const stext = page.toStructuredText('preserve-whitespace');
  try {
    return stext.asText();
  } finally {
    stext.destroy();
  }
}

function renderForOcr(page: mupdf.Page): Uint8Array {
  const pixmap = page.toPixmap(
    mupdf.Matrix.scale(OCR_SCALE, OCR_SCALE),
    mupdf.ColorSpace.DeviceGray,
    false,
    true,
  );
  try {
    return pixmap.asPNG().slice();
  } finally {
    pixmap.destroy();
  }
}

/**
 * The text and size of every page of a PDF, read with MuPDF in the same way review and redaction read it
 * (so offsets agree). A page with no text layer is a scan: with `ocr` it is rendered and read by
 * tesseract (English data shipped locally).
 *
 * @example await readPages(pdf, { ocr: true }) // [{ page: 1, text: 'Incident report…', ocr: false, width: 595, height: 842 }]
 */
export async function readPages(pdf: Uint8Array, options: { ocr: boolean }): Promise<PageText[]> {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  try {
    const pages: PageText[] = [];
    const count = doc.countPages();
    for (let i = 0; i < count; i++) {
      const page = doc.loadPage(i);
      let read: Omit<PageText, 'text' | 'ocr'> & { text: string; scan: Uint8Array | null };
      try {
        const [x0, y0, x1, y1] = page.getBounds();
        const text = textOf(page);
        const scan = text.trim() === '' && options.ocr ? renderForOcr(page) : null;
        read = { page: i + 1, text, scan, width: x1 - x0, height: y1 - y0 };
      } catch (error) {
        throw new UploadRefusal(
          'malformed',
          `Page ${i + 1} of the document cannot be read (${error instanceof Error ? error.message : String(error)})`,
        );
      } finally {
        page.destroy();
      }
      const { scan, ...rest } = read;
      pages.push(scan ? { ...rest, text: await ocrImage(scan), ocr: true } : { ...rest, ocr: false });
    }
    return pages;
  } finally {
    doc.destroy();
  }
}
