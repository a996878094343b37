/**
 * Verifying a release copy before it leaves: the copy is read as an outsider would read it, and
 * every withheld string is looked for
 *  1. in MuPDF's text of each page (the glyphs drawn, in extraction and in geometric order, and the
 *     text with marked-content replacement text; clipped, invisible and off-page text included),
 *  2. in our own reading of the content streams (a second, independent engine: see content-text.ts),
 *  3. in every object of the file (strings, names, decompressed streams, as single-byte, UTF-8 and
 *     UTF-16 text and as PDF string tokens),
 *  4. in the file's raw bytes and every stream found in them, inflated,
 *  5. in every earlier revision the file still carries (each prefix ending at an earlier %%EOF is
 *     opened as the PDF it was, and read by engines 1–3),
 *  6. optionally, by OCR of the pixels of chosen pages.
 * Any hit means the copy must not be released.
 */
import * as mupdf from 'mupdf';
import { extractContentText } from './content-text.ts';
import { foldUnits } from './fold.ts';
import { pageText, scanPage } from './glyphs.ts';
import { readingOrders } from './plan.ts';
import { matchText, needlesOf, scanFileBytes, scanObjects, type Needle } from './scan.ts';
import { ocrPageRegion, type OcrEngine } from './ocr.ts';
import { latin1 } from './pdf-syntax.ts';

/** The engine or scan that found a withheld string. */
export type LeakSource =
  'mupdf-text' | 'content-streams' | 'objects' | 'file-bytes' | 'earlier-revision' | 'ocr' | 'unreadable';

/** A withheld string found in a copy (no excerpt: the report itself must not carry the text around it). */
export interface LeakHit {
  text: string;
  source: LeakSource;
  /** 1-based page, for page engines. */
  page?: number;
  where: string;
}

export interface VerifyOptions {
  /** Pages (1-based) to read with OCR too; needs `ocr`. */
  ocrPages?: readonly number[];
  /** OCR the pages as rendered with their text (default: pixels and vector art only). */
  ocrWithText?: boolean;
  ocr?: OcrEngine;
}

/**
 * Looks for every withheld string in a copy; an empty list means none was found by any engine.
 *
 * @example
 * const hits = await verifyReleaseCopy(copy, ['Ngaire Pōtae']);
 * if (hits.length > 0) throw new Error('not releasable');
 */
export async function verifyReleaseCopy(
  pdf: Uint8Array,
  withheld: readonly string[],
  options: VerifyOptions = {},
): Promise<LeakHit[]> {
  const needles = needlesOf(withheld);
  if (needles.length === 0) return [];
  const hits: LeakHit[] = [];
  for (const h of scanFileBytes(pdf, needles))
    hits.push({ text: h.text, source: 'file-bytes', where: h.where });
  let doc: mupdf.PDFDocument;
  try {
    doc = new mupdf.PDFDocument(pdf);
  } catch {
    // A copy nobody can open cannot be vouched for.
    return [...hits, ...needles.map((n) => ({ text: n.text, source: 'unreadable' as const, where: 'file' }))];
  }
  try {
    if (doc.needsPassword()) {
      return [
        ...hits,
        ...needles.map((n) => ({ text: n.text, source: 'unreadable' as const, where: 'encrypted' })),
      ];
    }
    hits.push(...readDocument(doc, needles));
    for (const { end, bytes } of earlierRevisions(pdf)) {
      let old: mupdf.PDFDocument | undefined;
      try {
        old = new mupdf.PDFDocument(bytes);
        if (old.needsPassword()) continue;
        for (const h of readDocument(old, needles)) {
          hits.push({
            text: h.text,
            source: 'earlier-revision',
            where: `revision ending at byte ${end}: ${h.where}`,
          });
        }
      } catch {
        // a prefix that does not open is still covered by the raw byte scan
      } finally {
        old?.destroy();
      }
    }
    if (options.ocr && options.ocrPages && options.ocrPages.length > 0) {
      for (const pageNumber of options.ocrPages) {
        if (pageNumber < 1 || pageNumber > doc.countPages()) continue;
        const page = doc.loadPage(pageNumber - 1);
        const words = await ocrPageRegion(page, page.getBounds(), options.ocr, options.ocrWithText ?? false);
        const glyphs = words.flatMap((w) => [
          ...w.glyphs,
          { c: ' ', quad: w.glyphs[0]?.quad ?? [0, 0, 0, 0, 0, 0, 0, 0] },
        ]);
        for (const text of matchInOrders(
          glyphs.map((g) => g.c),
          needles,
        )) {
          hits.push({ text, source: 'ocr', page: pageNumber, where: `page ${pageNumber} pixels` });
        }
      }
    }
  } finally {
    doc.destroy();
  }
  return hits;
}

/** Engines 1–3 over an open document. */
function readDocument(doc: mupdf.PDFDocument, needles: readonly Needle[]): LeakHit[] {
  const hits = mupdfTextHits(doc, needles);
  for (const page of extractContentText(doc)) {
    for (const text of matchText(page.text, needles)) {
      hits.push({ text, source: 'content-streams', page: page.page, where: `page ${page.page} content` });
    }
  }
  for (const h of scanObjects(doc, needles)) hits.push({ text: h.text, source: 'objects', where: h.where });
  return hits;
}

/**
 * The earlier revisions a file carries: an incremental update appends to the file, so each earlier
 * revision is the prefix that ends with its own %%EOF marker.
 *
 * @example earlierRevisions(singleRevisionPdf) // []
 */
export function earlierRevisions(pdf: Uint8Array): Array<{ end: number; bytes: Uint8Array }> {
  const text = latin1(pdf);
  const ends: number[] = [];
  let at = text.indexOf('%%EOF');
  while (at >= 0) {
    ends.push(at + 5);
    at = text.indexOf('%%EOF', at + 5);
  }
  // The last marker closes the current revision; anything after it is whitespace or junk.
  return ends.slice(0, -1).map((end) => ({ end, bytes: pdf.subarray(0, end) }));
}

function mupdfTextHits(doc: mupdf.PDFDocument, needles: readonly Needle[]): LeakHit[] {
  const hits: LeakHit[] = [];
  const count = doc.countPages();
  for (let i = 0; i < count; i++) {
    const page = doc.loadPage(i);
    const found = new Set<string>();
    // The glyphs drawn, in extraction and geometric order; and the text with marked-content
    // replacement text (ActualText) applied, in extraction order.
    const { glyphs } = scanPage(page, false);
    for (const order of readingOrders(glyphs)) {
      const units = order.map((k) => glyphs[k]?.c ?? '');
      for (const t of matchInOrders(units, needles)) found.add(t);
    }
    for (const t of matchText(pageText(page, true), needles)) found.add(t);
    // Annotations and form widgets as MuPDF presents them to a reader.
    for (const annot of page.getAnnotations()) {
      for (const t of matchText(`${annot.getContents()}\n${annot.getAuthor()}`, needles)) found.add(t);
    }
    for (const widget of page.getWidgets()) {
      for (const t of matchText(widget.getValue(), needles)) found.add(t);
    }
    page.destroy();
    for (const text of found)
      hits.push({ text, source: 'mupdf-text', page: i + 1, where: `page ${i + 1} text` });
  }
  for (const text of outlineTexts(doc)) {
    for (const t of matchText(text, needles))
      hits.push({ text: t, source: 'mupdf-text', where: 'bookmarks' });
  }
  return hits;
}

function matchInOrders(units: readonly string[], needles: readonly Needle[]): string[] {
  const { key } = foldUnits(units);
  return needles.filter((n) => key.includes(n.key)).map((n) => n.text);
}

function outlineTexts(doc: mupdf.PDFDocument): string[] {
  const out: string[] = [];
  const walk = (items: ReturnType<mupdf.PDFDocument['loadOutline']>): void => {
    for (const item of items ?? []) {
      out.push(item.title ?? '', item.uri ?? '');
      if (item.down) walk(item.down);
    }
  };
  try {
    walk(doc.loadOutline());
  } catch {
    // an unreadable outline is still scanned as objects
  }
  return out;
}
