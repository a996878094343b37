/**
 * True redaction of a PDF with MuPDF: the withheld text and the image pixels under it are removed
 * from the file, not covered. Every hiding place of ../shared/reference/redaction.md is dealt with:
 *
 * - hidden layers: optional content is removed before anything is read, so everything is visible
 *   (an "off" layer, or content behind an AllOff membership, is searched and released as shown);
 * - form fields are baked into the page (their text is then redacted like any other) and the form
 *   (values, XFA) is removed; every annotation (notes, free text, attachments, links, stamps) is
 *   deleted;
 * - metadata (the Info dictionary with its custom keys, XMP packets on the catalog and on any object,
 *   page-piece data, thumbnails, the structure tree with its alternate texts), embedded and associated
 *   files, JavaScript and other actions are removed; bookmark titles lose the withheld words;
 * - page content, including form XObjects shared between pages, is searched glyph by glyph (any
 *   case, Unicode form, diacritics, apostrophe, across lines, columns and hyphenation) and each glyph
 *   of an occurrence is removed by a redaction aimed at its centre, so neighbouring words stay;
 * - pixels (scanned pages, images, text drawn as outlines) are read by OCR with the text layer left
 *   out, and the pixels under each matching word are blanked;
 * - the file is rewritten from scratch (`garbage=4`, never incremental), dropping earlier revisions
 *   and unused objects; the page count is kept (a page withheld in full is blanked);
 * - each redacted area gets a black box labelled with its ground;
 * - finally the copy is verified (verify.ts) and refused on any hit.
 */
import * as mupdf from 'mupdf';
import { takeBytes } from './bytes.ts';
import { redactString } from './fold.ts';
import { pageText, scanPage } from './glyphs.ts';
import { ocrPageRegion, startOcr, type OcrEngine, type OcrWord } from './ocr.ts';
import { planRedactions, type Glyph, type PlannedRedaction, type Quad, type WithheldText } from './plan.ts';
import { decodeTextString } from './pdf-syntax.ts';
import { matchText, needlesOf, textsOfBytes, type Needle } from './scan.ts';
import { readStreamSafe } from './content-text.ts';
import { verifyReleaseCopy, type LeakHit } from './verify.ts';

export type Rect = [number, number, number, number];

/** A string to withhold wherever it occurs, with its own ground (the call's ground otherwise). */
export interface FindMark {
  text: string;
  ground?: string;
}

/** An area of a page to redact (page from 1; rect in points from the page's top-left, y down). */
export interface AreaMark {
  page: number;
  rect: Rect;
  ground?: string;
}

/** What to redact. */
export interface RedactionMarks {
  find?: ReadonlyArray<string | FindMark>;
  areas?: readonly AreaMark[];
  /** Pages (from 1) withheld in full: blanked and labelled, never removed. */
  pages?: ReadonlyArray<number | { page: number; ground?: string }>;
}

export interface RedactOptions {
  /**
   * OCR: 'auto' reads the pixels of pages with images (text objects left out); 'always' reads every
   * whole page as rendered, text included (for a text layer that cannot be trusted); 'never'.
   */
  ocr?: 'auto' | 'always' | 'never';
  /** A running OCR engine to use (and leave running); one is started and stopped otherwise. */
  ocrEngine?: OcrEngine;
  /** More strings the release copy must not contain (checked, not searched for redaction). */
  alsoVerify?: readonly string[];
}

/** Where an occurrence was found and dealt with. */
export interface RedactedPlace {
  text: string;
  ground: string;
  /** 1-based page, for occurrences on a page. */
  page?: number;
  where:
    | 'text'
    | 'pixels'
    | 'area'
    | 'page'
    | 'metadata'
    | 'annotation'
    | 'form'
    | 'bookmark'
    | 'attachment'
    | 'hidden';
  /** Which one, for places outside page content (e.g. `Info /Author`, `XMP`, `Text annotation 2`). */
  detail?: string;
}

export interface RedactResult {
  pdf: Uint8Array;
  /** Occurrences redacted on pages plus hiding places cleaned that held a withheld string. */
  redactions: number;
  pages: number;
  /** Withheld strings found nowhere in the file. */
  notFound: string[];
  places: RedactedPlace[];
}

/** The input cannot be read as a PDF (malformed, or encrypted with a password). */
export class UnreadablePdfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadablePdfError';
  }
}

/** The release copy still contains withheld text: it must not be released. */
export class RedactionLeakError extends Error {
  constructor(readonly hits: readonly LeakHit[]) {
    super(
      `release copy refused: withheld text still readable (${[...new Set(hits.map((h) => `${h.source}: ${h.where}`))].slice(0, 8).join('; ')})`,
    );
    this.name = 'RedactionLeakError';
  }
}

/** Images smaller than this (points) are not read by OCR in 'auto' mode. */
const MIN_OCR_IMAGE = { width: 20, height: 8 };

/**
 * Produces a truly redacted, verified, single-revision release copy.
 *
 * @example
 * const { pdf, redactions } = await redactPdf(bytes, { find: ['Ngaire Pōtae'] }, 's53(b)');
 */
export async function redactPdf(
  bytes: Uint8Array,
  marks: RedactionMarks,
  ground: string,
  options: RedactOptions = {},
): Promise<RedactResult> {
  const withheld: WithheldText[] = (marks.find ?? []).map((m) =>
    typeof m === 'string' ? { text: m, ground } : { text: m.text, ground: m.ground ?? ground },
  );
  for (const w of withheld) {
    if (needlesOf([w.text]).length === 0) throw new RangeError('a text to find is blank');
  }
  const needles = needlesOf(withheld.map((w) => w.text));
  const groundOf = new Map(withheld.map((w) => [w.text, w.ground]));

  const original = openPdf(bytes);
  const pageCount = original.countPages();
  const places: RedactedPlace[] = surveyHiddenPlaces(original, needles).map((p) => ({
    ...p,
    ground: groundOf.get(p.text) ?? ground,
  }));

  // Hidden layers: without OCProperties nothing is optional, so all content is searched and shown.
  original.getTrailer().get('Root').delete('OCProperties');
  const doc = openPdf(takeBytes(original.saveToBuffer('encrypt=none')));
  original.destroy();

  let ownOcr: OcrEngine | undefined;
  const ocrPages: number[] = [];
  try {
    stripHiddenPlaces(doc, withheld);
    const labelFont = doc.addObject({
      Type: 'Font',
      Subtype: 'Type1',
      BaseFont: 'Helvetica',
      Encoding: 'WinAnsiEncoding',
    });
    const wholePages = new Map<number, string>();
    for (const p of marks.pages ?? []) {
      const n = typeof p === 'number' ? p : p.page;
      const g = typeof p === 'number' ? ground : (p.ground ?? ground);
      if (!Number.isInteger(n) || n < 1 || n > pageCount)
        throw new RangeError(`page ${n} is not in the document`);
      wholePages.set(n, g);
    }
    for (const area of marks.areas ?? []) {
      if (!Number.isInteger(area.page) || area.page < 1 || area.page > pageCount) {
        throw new RangeError(`page ${area.page} is not in the document`);
      }
    }

    for (let index = 0; index < pageCount; index++) {
      const pageNumber = index + 1;
      const page = doc.loadPage(index);
      const wholeGround = wholePages.get(pageNumber);
      // Search even a page withheld in full, so that a withheld string on it counts as found.
      const drawn = scanPage(page, false);
      // Marked-content replacement text (ActualText) is searched too, glyph by glyph, when a page has any.
      const drawnText = drawn.glyphs.map((g) => g.c).join('');
      const replaced = sameWords(pageText(page, true), drawnText) ? undefined : scanPage(page, true);
      const hits = dedupeHits([
        ...planRedactions([{ page: pageNumber, glyphs: drawn.glyphs }], withheld).redactions,
        ...(replaced
          ? planRedactions([{ page: pageNumber, glyphs: replaced.glyphs }], withheld).redactions
          : []),
      ]);
      const ocrRegion =
        options.ocr === 'never' ? undefined : ocrRegionOf(page, drawn.images, options.ocr === 'always');
      let ocrHits: Array<{ hit: PlannedRedaction; rects: Rect[] }> = [];
      if (ocrRegion && withheld.length > 0) {
        ownOcr ??= options.ocrEngine ? undefined : await startOcr();
        const engine = options.ocrEngine ?? ownOcr;
        if (engine) {
          ocrPages.push(pageNumber);
          ocrHits = planOcr(
            pageNumber,
            await ocrPageRegion(page, ocrRegion, engine, options.ocr === 'always'),
            withheld,
          );
        }
      }
      for (const h of hits) places.push({ text: h.text, ground: h.ground, page: pageNumber, where: 'text' });
      for (const { hit } of ocrHits)
        places.push({ text: hit.text, ground: hit.ground, page: pageNumber, where: 'pixels' });

      if (wholeGround !== undefined) {
        places.push({ text: '', ground: wholeGround, page: pageNumber, where: 'page' });
        page.destroy();
        blankPage(doc, index, labelFont, wholeGround);
        continue;
      }
      const areas = (marks.areas ?? []).filter((a) => a.page === pageNumber);
      for (const a of areas)
        places.push({ text: '', ground: a.ground ?? ground, page: pageNumber, where: 'area' });
      const quads: Quad[] = [
        ...hits.flatMap((h) => h.targets),
        ...ocrHits.flatMap((o) => o.rects.map(rectQuad)),
        ...areas.map((a) => rectQuad(normaliseRect(a.rect))),
      ];
      if (quads.length === 0) {
        page.destroy();
        continue;
      }
      const annot = page.createAnnotation('Redact');
      annot.setQuadPoints(quads);
      page.applyRedactions(
        false,
        mupdf.PDFPage.REDACT_IMAGE_PIXELS,
        mupdf.PDFPage.REDACT_LINE_ART_REMOVE_IF_COVERED,
        mupdf.PDFPage.REDACT_TEXT_REMOVE,
      );
      const boxes: LabelledBox[] = [
        ...hits.flatMap((h) => h.boxes.map((quad) => ({ quad, label: h.ground }))),
        ...ocrHits.flatMap((o) => o.rects.map((r) => ({ quad: rectQuad(r), label: o.hit.ground }))),
        ...areas.map((a) => ({ quad: rectQuad(normaliseRect(a.rect)), label: a.ground ?? ground })),
      ];
      drawBoxes(doc, page, labelFont, boxes, needles);
      // Anything MuPDF left behind on the page (the applied Redact annotation) goes too.
      for (const leftover of page.getAnnotations()) page.deleteAnnotation(leftover);
      page.destroy();
    }

    const pdf = takeBytes(doc.saveToBuffer('garbage=4,compress,sanitize,encrypt=none'));
    const check = openPdf(pdf);
    const outPages = check.countPages();
    check.destroy();
    if (outPages !== pageCount)
      throw new Error(`release copy has ${outPages} pages, the original ${pageCount}`);

    const verifyTexts = [...withheld.map((w) => w.text), ...(options.alsoVerify ?? [])];
    const leaks = await verifyReleaseCopy(pdf, verifyTexts, {
      ocrPages,
      ocrWithText: options.ocr === 'always',
      ocr: options.ocrEngine ?? ownOcr,
    });
    if (leaks.length > 0) throw new RedactionLeakError(leaks);

    const foundTexts = new Set(places.map((p) => p.text));
    let missing = withheld.map((w) => w.text).filter((t) => !foundTexts.has(t));
    if (missing.length > 0) {
      // Not on any page nor in a known hiding place: perhaps in an earlier revision or an orphaned
      // object (now gone). Such a string was found, and removed by the rewrite.
      const elsewhere = new Set((await verifyReleaseCopy(bytes, missing)).map((h) => h.text));
      for (const text of elsewhere)
        places.push({ text, ground: groundOf.get(text) ?? ground, where: 'hidden' });
      missing = missing.filter((t) => !elsewhere.has(t));
    }
    return {
      pdf,
      redactions: places.length,
      pages: outPages,
      notFound: [...new Set(missing)],
      places,
    };
  } finally {
    doc.destroy();
    if (ownOcr) await ownOcr.close();
  }
}

function openPdf(bytes: Uint8Array): mupdf.PDFDocument {
  let doc: mupdf.PDFDocument;
  try {
    doc = new mupdf.PDFDocument(bytes);
  } catch (error) {
    throw new UnreadablePdfError(
      `not a readable PDF: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (doc.needsPassword()) {
    doc.destroy();
    throw new UnreadablePdfError('the PDF is encrypted with a password');
  }
  return doc;
}

function sameWords(a: string, b: string): boolean {
  return a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
}

/** The same glyphs found through two readings (drawn glyphs and replacement text) are one occurrence. */
function dedupeHits(hits: readonly PlannedRedaction[]): PlannedRedaction[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = h.targets.map((q) => `${Math.round(q[0] * 10)},${Math.round(q[1] * 10)}`).join(';');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function rectQuad(r: Rect): Quad {
  return [r[0], r[1], r[2], r[1], r[0], r[3], r[2], r[3]];
}

function normaliseRect(r: Rect): Rect {
  return [Math.min(r[0], r[2]), Math.min(r[1], r[3]), Math.max(r[0], r[2]), Math.max(r[1], r[3])];
}

/** The part of the page to read by OCR: around its images ('auto'), or the whole page. */
function ocrRegionOf(page: mupdf.PDFPage, images: readonly Rect[], always: boolean): Rect | undefined {
  const bounds = page.getBounds();
  if (always) return bounds;
  let region: Rect | undefined;
  for (const img of images) {
    const r: Rect = [
      Math.max(img[0], bounds[0]),
      Math.max(img[1], bounds[1]),
      Math.min(img[2], bounds[2]),
      Math.min(img[3], bounds[3]),
    ];
    if (r[2] - r[0] < MIN_OCR_IMAGE.width || r[3] - r[1] < MIN_OCR_IMAGE.height) continue;
    region = region
      ? [
          Math.min(region[0], r[0]),
          Math.min(region[1], r[1]),
          Math.max(region[2], r[2]),
          Math.max(region[3], r[3]),
        ]
      : r;
  }
  return region;
}

/** Occurrences among OCR words; each is redacted by the whole boxes of the words it touches. */
function planOcr(
  pageNumber: number,
  words: readonly OcrWord[],
  withheld: readonly WithheldText[],
): Array<{ hit: PlannedRedaction; rects: Rect[] }> {
  const glyphs: Glyph[] = [];
  const wordOf: number[] = [];
  words.forEach((word, w) => {
    for (const g of word.glyphs) {
      glyphs.push(g);
      wordOf.push(w);
    }
    glyphs.push({ c: ' ', quad: word.glyphs[word.glyphs.length - 1]?.quad ?? rectQuad(word.box) });
    wordOf.push(w);
  });
  const plan = planRedactions([{ page: pageNumber, glyphs }], withheld);
  return plan.redactions.map((hit) => {
    const touched = [...new Set(hit.glyphs.filter((g) => glyphs[g]?.c.trim()).map((g) => wordOf[g] ?? 0))];
    const rects = touched.map((w) => {
      const box = words[w]?.box ?? [0, 0, 0, 0];
      // A margin for anti-aliased edges; narrower across than up and down, to spare the next word.
      const height = box[3] - box[1];
      const padX = height * 0.06 + 0.5;
      const padY = height * 0.15 + 1;
      return [box[0] - padX, box[1] - padY, box[2] + padX, box[3] + padY] as Rect;
    });
    return { hit, rects };
  });
}

/**
 * Where withheld strings sit outside page content, before anything is removed: counted as places
 * redacted, and so that a string hidden only there counts as found.
 */
function surveyHiddenPlaces(
  doc: mupdf.PDFDocument,
  needles: readonly Needle[],
): Array<Omit<RedactedPlace, 'ground'>> {
  const places: Array<Omit<RedactedPlace, 'ground'>> = [];
  if (needles.length === 0) return places;
  const add = (
    texts: readonly string[],
    where: RedactedPlace['where'],
    detail: string,
    page?: number,
  ): void => {
    for (const text of matchTexts(texts, needles))
      places.push(page === undefined ? { text, where, detail } : { text, where, detail, page });
  };
  const trailer = doc.getTrailer();
  const root = trailer.get('Root');
  const info = trailer.get('Info');
  if (info.isDictionary()) {
    info.forEach((value, key) => add([deepText(value, new Set(), 0)], 'metadata', `Info /${String(key)}`));
  }
  const metadata = root.get('Metadata');
  if (metadata.isStream()) add(textsOfBytes(readStreamSafe(metadata)), 'metadata', 'XMP');
  const count = doc.countPages();
  const widgetTexts = new Set<string>();
  for (let i = 0; i < count; i++) {
    const annots = doc.findPage(i).get('Annots');
    if (!annots.isArray()) continue;
    for (let k = 0; k < annots.length; k++) {
      const annot = annots.get(k);
      const subtype = annot.get('Subtype').asName();
      const where =
        subtype === 'Widget' ? 'form' : subtype === 'FileAttachment' ? 'attachment' : 'annotation';
      const texts = [deepText(annot, new Set(), 0, ['P', 'Parent', 'Popup'])];
      if (where === 'form') for (const t of matchTexts(texts, needles)) widgetTexts.add(t);
      add(texts, where, `${subtype} annotation ${k + 1}`, i + 1);
    }
  }
  const form = root.get('AcroForm');
  if (form.isDictionary()) {
    const rest = needles.filter((n) => !widgetTexts.has(n.text));
    for (const text of matchTexts([deepText(form, new Set(), 0, ['P', 'Parent', 'DR'])], rest)) {
      places.push({ text, where: 'form', detail: 'form fields' });
    }
  }
  const outlines = root.get('Outlines');
  if (outlines.isDictionary()) add(outlineTitles(outlines), 'bookmark', 'bookmarks');
  const names = root.get('Names');
  if (names.isDictionary())
    add([deepText(names.get('EmbeddedFiles'), new Set(), 0)], 'attachment', 'EmbeddedFiles');
  return dedupePlaces(places);
}

function dedupePlaces<T extends { text: string; where: string; page?: number; detail?: string }>(
  places: T[],
): T[] {
  const seen = new Set<string>();
  return places.filter((p) => {
    const key = `${p.text}\u0000${p.where}\u0000${p.page ?? ''}\u0000${p.detail ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function matchTexts(texts: readonly string[], needles: readonly Needle[]): string[] {
  return [...new Set(texts.flatMap((t) => matchText(t, needles)))];
}

/** All text reachable from an object (strings, names, decompressed streams), skipping the given keys. */
function deepText(
  obj: mupdf.PDFObject,
  visited: Set<number>,
  depth: number,
  skip: readonly string[] = [],
): string {
  if (depth > 24 || obj.isNull()) return '';
  if (obj.isIndirect()) {
    const num = obj.asIndirect();
    if (visited.has(num)) return '';
    visited.add(num);
  }
  if (obj.isString()) return `${obj.asString()}\n${decodeTextString(obj.asByteString())}\n`;
  if (obj.isName()) return `${obj.asName()}\n`;
  const parts: string[] = [];
  if (obj.isArray() || obj.isDictionary()) {
    obj.forEach((value, key) => {
      if (typeof key === 'string' && skip.includes(key)) return;
      parts.push(deepText(value, visited, depth + 1, skip));
    });
  }
  if (obj.isStream()) parts.push(...textsOfBytes(readStreamSafe(obj)));
  return parts.join('\n');
}

function outlineTitles(outlines: mupdf.PDFObject): string[] {
  const titles: string[] = [];
  const visited = new Set<number>();
  const walk = (item: mupdf.PDFObject, depth: number): void => {
    let node = item;
    while (node.isDictionary() && depth < 64) {
      const num = node.isIndirect() ? node.asIndirect() : -1;
      if (num >= 0 && visited.has(num)) return;
      if (num >= 0) visited.add(num);
      const title = node.get('Title');
      if (title.isString()) titles.push(title.asString());
      walk(node.get('First'), depth + 1);
      node = node.get('Next');
    }
  };
  walk(outlines.get('First'), 0);
  return titles;
}

/** Page keys that can hold hidden text or actions, removed from every page. */
const PAGE_KEYS_REMOVED = [
  'Annots',
  'AA',
  'Thumb',
  'PieceInfo',
  'Metadata',
  'B',
  'AF',
  'StructParents',
  'Trans',
];
/** Catalog keys that can hold hidden text, files or actions. */
const ROOT_KEYS_REMOVED = [
  'Metadata',
  'OpenAction',
  'AA',
  'AcroForm',
  'StructTreeRoot',
  'MarkInfo',
  'PieceInfo',
  'Threads',
  'SpiderInfo',
  'Collection',
  'AF',
  'URI',
  'Legal',
  'Perms',
  'OCProperties',
  'DPartRoot',
  'Extensions',
];

/** Removes or cleans every place outside page content that can hold withheld text. */
function stripHiddenPlaces(doc: mupdf.PDFDocument, withheld: readonly WithheldText[]): void {
  // Form fields become page content (and are redacted with it); their values and the form go.
  try {
    doc.bake(false, true);
  } catch {
    // a form MuPDF cannot bake is removed below all the same
  }
  const count = doc.countPages();
  for (let i = 0; i < count; i++) {
    const page = doc.loadPage(i);
    for (const annot of page.getAnnotations()) page.deleteAnnotation(annot);
    for (const widget of page.getWidgets()) page.deleteAnnotation(widget);
    page.destroy();
    const pageObj = doc.findPage(i);
    for (const key of PAGE_KEYS_REMOVED) pageObj.delete(key);
  }
  const trailer = doc.getTrailer();
  const root = trailer.get('Root');
  trailer.delete('Info');
  rewriteOutline(doc, root.get('Outlines'), withheld);
  for (const key of ROOT_KEYS_REMOVED) root.delete(key);
  const names = root.get('Names');
  if (names.isDictionary()) {
    const dests = names.get('Dests');
    root.put('Names', dests.isNull() ? doc.newDictionary() : { Dests: dests });
  }
  // XMP and application data can hang off any object (images, forms, fonts); and any string in any
  // object (page labels, alternate texts, private keys) loses the withheld words.
  const needles = needlesOf(withheld.map((w) => w.text));
  const total = doc.countObjects();
  for (let num = 1; num < total; num++) {
    const obj = doc.newIndirect(num).resolve();
    if (obj.isDictionary()) {
      if (!obj.get('Metadata').isNull()) obj.delete('Metadata');
      if (!obj.get('PieceInfo').isNull()) obj.delete('PieceInfo');
    }
    scrubStrings(doc, obj, withheld, needles, 0);
  }
  scrubStrings(doc, trailer, withheld, needles, 0);
}

/** Rewrites, in place, every string of an object (not following references) that holds withheld text. */
function scrubStrings(
  doc: mupdf.PDFDocument,
  obj: mupdf.PDFObject,
  withheld: readonly WithheldText[],
  needles: readonly Needle[],
  depth: number,
): void {
  if (depth > 32 || obj.isIndirect() || !(obj.isDictionary() || obj.isArray())) return;
  const replace: Array<[string | number, string]> = [];
  obj.forEach((value, key) => {
    if (value.isIndirect()) return;
    if (value.isString()) {
      const text = value.asString();
      if (matchText(text, needles).length === 0) return;
      let clean = text;
      for (const w of withheld) clean = redactString(clean, [w.text], `[${labelText(w.ground)}]`);
      // A string MuPDF reads back differently from its bytes (odd encodings) is emptied instead.
      replace.push([key, matchText(clean, needles).length === 0 ? clean : '']);
    } else {
      scrubStrings(doc, value, withheld, needles, depth + 1);
    }
  });
  for (const [key, text] of replace) obj.put(key, doc.newString(text));
}

/** Bookmark titles keep their words except the withheld ones; only in-document jumps stay as actions. */
function rewriteOutline(
  doc: mupdf.PDFDocument,
  outlines: mupdf.PDFObject,
  withheld: readonly WithheldText[],
): void {
  if (!outlines.isDictionary()) return;
  const visited = new Set<number>();
  const walk = (item: mupdf.PDFObject, depth: number): void => {
    let node = item;
    while (node.isDictionary() && depth < 64) {
      const num = node.isIndirect() ? node.asIndirect() : -1;
      if (num >= 0 && visited.has(num)) return;
      if (num >= 0) visited.add(num);
      const title = node.get('Title');
      if (title.isString()) {
        let text = title.asString();
        for (const w of withheld) text = redactString(text, [w.text], `[${labelText(w.ground)}]`);
        if (text !== title.asString()) node.put('Title', doc.newString(text));
      }
      const action = node.get('A');
      if (!action.isNull() && action.get('S').asName() !== 'GoTo') node.delete('A');
      node.delete('SE');
      walk(node.get('First'), depth + 1);
      node = node.get('Next');
    }
  };
  walk(outlines.get('First'), 0);
}

/** Replaces a page withheld in full by a blank page that says so. */
function blankPage(doc: mupdf.PDFDocument, index: number, font: mupdf.PDFObject, ground: string): void {
  const pageObj = doc.findPage(index);
  const page = doc.loadPage(index);
  const bounds = page.getBounds();
  const inverse = mupdf.Matrix.invert(page.getTransform());
  page.destroy();
  const label = `Page withheld in full: ${labelText(ground)}`;
  const size = Math.max(6, Math.min(18, ((bounds[2] - bounds[0]) * 0.8) / (label.length * 0.55)));
  const cx = (bounds[0] + bounds[2]) / 2 - (label.length * 0.5 * size) / 2;
  const cy = (bounds[1] + bounds[3]) / 2;
  const content = `q 0 g BT /TiakiLabel ${fmt(size)} Tf ${uprightMatrix(inverse, [cx, cy + size / 3])} Tm (${pdfEscape(label)}) Tj ET Q\n`;
  pageObj.put('Contents', doc.addStream(content, {}));
  pageObj.put('Resources', { Font: { TiakiLabel: font } });
  pageObj.delete('Group');
}

interface LabelledBox {
  quad: Quad;
  label: string | undefined;
}

/** Black boxes over the redacted areas, each labelled with its ground where the label fits. */
function drawBoxes(
  doc: mupdf.PDFDocument,
  page: mupdf.PDFPage,
  font: mupdf.PDFObject,
  boxes: readonly LabelledBox[],
  needles: readonly Needle[],
): void {
  if (boxes.length === 0) return;
  const inverse = mupdf.Matrix.invert(page.getTransform());
  const toPdf = (x: number, y: number): [number, number] => [
    x * inverse[0] + y * inverse[2] + inverse[4],
    x * inverse[1] + y * inverse[3] + inverse[5],
  ];
  let ops = 'q 0 g\n';
  const labels: string[] = [];
  for (const { quad, label } of boxes) {
    const ul = toPdf(quad[0], quad[1]);
    const ur = toPdf(quad[2], quad[3]);
    const ll = toPdf(quad[4], quad[5]);
    const lr = toPdf(quad[6], quad[7]);
    ops += `${fmt(ll[0])} ${fmt(ll[1])} m ${fmt(lr[0])} ${fmt(lr[1])} l ${fmt(ur[0])} ${fmt(ur[1])} l ${fmt(ul[0])} ${fmt(ul[1])} l h f\n`;
    if (label === undefined) continue;
    const text = labelText(label);
    // A label must never spell a withheld string itself.
    if (text === '' || matchText(text, needles).length > 0) continue;
    const width = Math.hypot(lr[0] - ll[0], lr[1] - ll[1]);
    const height = Math.hypot(ul[0] - ll[0], ul[1] - ll[1]);
    if (width < 1e-3 || height < 1e-3) continue;
    const size = Math.min(height * 0.72, (width * 0.92) / helveticaWidth(text));
    if (size < 3) continue;
    const ux = (lr[0] - ll[0]) / width;
    const uy = (lr[1] - ll[1]) / width;
    const vx = (ul[0] - ll[0]) / height;
    const vy = (ul[1] - ll[1]) / height;
    const pad = (width - size * helveticaWidth(text)) / 2;
    const rise = (height - size * 0.7) / 2;
    const x = ll[0] + ux * pad + vx * rise;
    const y = ll[1] + uy * pad + vy * rise;
    labels.push(
      `BT /TiakiLabel ${fmt(size)} Tf ${fmt(ux)} ${fmt(uy)} ${fmt(vx)} ${fmt(vy)} ${fmt(x)} ${fmt(y)} Tm (${pdfEscape(text)}) Tj ET`,
    );
  }
  if (labels.length > 0) ops += `1 g\n${labels.join('\n')}\n`;
  ops += 'Q\n';
  const pageObj = page.getObject();
  const contents = pageObj.get('Contents');
  const list = doc.newArray();
  list.push(doc.addStream('q\n', {}));
  if (contents.isArray()) for (let k = 0; k < contents.length; k++) list.push(contents.get(k));
  else if (!contents.isNull()) list.push(contents);
  list.push(doc.addStream(`Q\n${ops}`, {}));
  pageObj.put('Contents', list);
  let resources = pageObj.get('Resources');
  if (!resources.isDictionary()) {
    const inherited = pageObj.getInheritable('Resources');
    const copy = doc.newDictionary();
    if (inherited.isDictionary()) {
      inherited.forEach((value, key) => {
        copy.put(key, value);
      });
    }
    pageObj.put('Resources', copy);
    resources = pageObj.get('Resources');
  }
  let fonts = resources.get('Font');
  if (!fonts.isDictionary()) {
    resources.put('Font', doc.newDictionary());
    fonts = resources.get('Font');
  }
  fonts.put('TiakiLabel', font);
}

/** A text matrix at a point (page space) that reads upright on screen whatever the page's rotation. */
function uprightMatrix(inverse: mupdf.Matrix, at: [number, number]): string {
  const x = at[0] * inverse[0] + at[1] * inverse[2] + inverse[4];
  const y = at[0] * inverse[1] + at[1] * inverse[3] + inverse[5];
  const across = Math.hypot(inverse[0], inverse[1]) || 1;
  const up = Math.hypot(inverse[2], inverse[3]) || 1;
  const a = [inverse[0] / across, inverse[1] / across];
  const b = [-inverse[2] / up, -inverse[3] / up];
  return [a[0], a[1], b[0], b[1]].map((v) => fmt(v ?? 0)).join(' ') + ` ${fmt(x)} ${fmt(y)}`;
}

/** The label printed on a box: printable ASCII only (a ground code). */
function labelText(ground: string): string {
  return ground.replace(/[^\x20-\x7e]/g, '').slice(0, 40);
}

const HELVETICA: Record<string, number> = {
  '(': 0.333,
  ')': 0.333,
  ' ': 0.278,
  i: 0.222,
  l: 0.222,
  f: 0.278,
  t: 0.278,
  s: 0.5,
  ':': 0.278,
};

function helveticaWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += HELVETICA[ch] ?? (/[A-Z]/.test(ch) ? 0.667 : 0.556);
  return w;
}

function pdfEscape(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

function fmt(n: number): string {
  return Number.isFinite(n) ? (Math.round(n * 1000) / 1000).toString() : '0';
}
