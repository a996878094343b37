import * as mupdf from 'mupdf';
import { UploadRefusal } from './refusal.ts';

const MIME = { png: 'image/png', jpeg: 'image/jpeg', tiff: 'image/tiff' } as const;

/**
 * A PDF with one page per image (one per TIFF frame), each page the image's size at its own resolution.
 * MuPDF opens the image as a document and replays each page into its PDF writer, which embeds the image
 * (a JPEG keeps its original compressed data).
 *
 * @example imageToPdf(scanPng, 'png') // Uint8Array of a one-page PDF
 */
export function imageToPdf(bytes: Uint8Array, type: keyof typeof MIME): Uint8Array {
  let doc: mupdf.Document | undefined;
  const output = new mupdf.Buffer();
  try {
    doc = mupdf.Document.openDocument(bytes, MIME[type]);
    const writer = new mupdf.DocumentWriter(output, 'pdf', 'compress');
    const pages = doc.countPages();
    for (let i = 0; i < pages; i++) {
      const page = doc.loadPage(i);
      try {
        const device = writer.beginPage(page.getBounds());
        page.run(device, mupdf.Matrix.identity);
        writer.endPage();
      } finally {
        page.destroy();
      }
    }
    writer.close();
    return output.asUint8Array().slice(); // a copy: the view into WASM memory can be detached
  } catch (error) {
    throw new UploadRefusal(
      'malformed',
      `The ${type.toUpperCase()} image is damaged and cannot be read (${error instanceof Error ? error.message : String(error)})`,
    );
  } finally {
    doc?.destroy();
    output.destroy();
  }
}
