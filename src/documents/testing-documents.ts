/**
 * Test fixtures for documents: a text PDF made from lines of text (DejaVu, so macrons survive), and a
 * document stored and inserted for a request without going through upload, so modules that build on
 * documents can test on their own. Only tests import this.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import * as mupdf from 'mupdf';
import { PDFDocument, rgb } from 'pdf-lib';
import type { Database } from '../db/client.ts';
import type { Config } from '../server/config.ts';
import { documentPages, documents } from './documents.schema.ts';
import { blobStoreFor } from './storage/index.ts';

const FONT = path.resolve(import.meta.dirname, '../../assets/fonts/DejaVuSans.ttf');

/**
 * A PDF with one page per entry; each page's lines are drawn top-down in 11 pt DejaVu Sans.
 * @example await makeTextPdf([['Incident report', 'Officer Hemi Walker attended.']])
 */
export async function makeTextPdf(pages: ReadonlyArray<ReadonlyArray<string>>): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(await readFile(FONT), { subset: true });
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((text, index) => {
      page.drawText(text, { x: 56, y: 780 - index * 18, size: 11, font, color: rgb(0, 0, 0) });
    });
  }
  return pdf.save();
}

/** Stores `pdf` in the app's blob store and inserts the document and its pages' text (read by MuPDF). */
export async function insertTestDocument(
  db: Database,
  config: Config,
  requestId: string,
  pdf: Uint8Array,
  options: { title?: string; addedBy?: string | null; gatheredAt?: Date } = {},
): Promise<{ id: string; pdfSha256: string; pageCount: number }> {
  const sha256 = await blobStoreFor(config).put(pdf);
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const pages: Array<{ page: number; text: string; width: number; height: number }> = [];
  try {
    for (let i = 0; i < doc.countPages(); i++) {
      const page = doc.loadPage(i);
      const [x0, y0, x1, y1] = page.getBounds();
      const stext = page.toStructuredText('preserve-whitespace');
      pages.push({ page: i + 1, text: stext.asText(), width: x1 - x0, height: y1 - y0 });
      stext.destroy();
      page.destroy();
    }
  } finally {
    doc.destroy();
  }
  const [row] = await db
    .insert(documents)
    .values({
      requestId,
      title: options.title ?? 'Test document',
      originalFilename: 'test.pdf',
      sourceType: 'pdf',
      originalSha256: sha256,
      originalSize: pdf.byteLength,
      pdfSha256: sha256,
      pageCount: pages.length,
      addedBy: options.addedBy ?? null,
      ...(options.gatheredAt ? { gatheredAt: options.gatheredAt } : {}),
    })
    .returning({ id: documents.id });
  if (!row) throw new Error('document not inserted');
  if (pages.length > 0) {
    await db.insert(documentPages).values(pages.map((p) => ({ documentId: row.id, ...p, ocr: false })));
  }
  return { id: row.id, pdfSha256: sha256, pageCount: pages.length };
}
