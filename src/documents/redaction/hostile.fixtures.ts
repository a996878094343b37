/**
 * Hostile PDFs for the redaction tests, each hiding a withheld name in one of the places listed in
 * ../shared/reference/redaction.md, written by hand with MuPDF's low-level PDF API; and an
 * independent leak check (MuPDF's plain text plus pdf-lib's reading of every object) that shares no
 * code with the redaction module.
 */
import * as mupdf from 'mupdf';
import {
  PDFArray,
  PDFDict,
  PDFDocument as LibDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
  decodePDFRawStream,
} from 'pdf-lib';

export const NAME = 'Ngaire Pōtae';
export const BEFORE = 'Reported by';
export const AFTER = 'at the unit';

/** Codes 0x80… of the test font, beyond WinAnsi: macron vowels and the typographic apostrophe. */
const EXTRA = [
  'omacron',
  'Omacron',
  'amacron',
  'Amacron',
  'emacron',
  'Emacron',
  'imacron',
  'Imacron',
  'umacron',
  'Umacron',
  'quoteright',
];
const EXTRA_CHARS = 'ōŌāĀēĒīĪūŪ’';

/** A PDF literal string for the test font (Helvetica, WinAnsi plus macron vowels at 0x80…). */
export function lit(text: string): string {
  let out = '(';
  for (const ch of text) {
    const extra = EXTRA_CHARS.indexOf(ch);
    if (extra >= 0) out += `\\${(0o200 + extra).toString(8)}`;
    else if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else out += ch;
  }
  return `${out})`;
}

export interface Built {
  doc: mupdf.PDFDocument;
  font: mupdf.PDFObject;
}

/** A new document with the test font. */
export function newDoc(): Built {
  const doc = new mupdf.PDFDocument();
  const font = doc.addObject({
    Type: 'Font',
    Subtype: 'Type1',
    BaseFont: 'Helvetica',
    Encoding: {
      Type: 'Encoding',
      BaseEncoding: 'WinAnsiEncoding',
      Differences: [128, ...EXTRA.map((n) => doc.newName(n))],
    },
  });
  return { doc, font };
}

/** Adds a page (Letter) with the given content stream(s) and extra resources. */
export function addPage(
  built: Built,
  contents: string | string[],
  resources: Record<string, unknown> = {},
  box: [number, number, number, number] = [0, 0, 612, 792],
): mupdf.PDFObject {
  const { doc, font } = built;
  const list = Array.isArray(contents) ? contents : [contents];
  const page = doc.addPage(box, 0, { Font: { F1: font }, ...resources }, list[0] ?? '');
  if (list.length > 1) {
    const arr = doc.newArray();
    for (const c of list) arr.push(doc.addStream(c, {}));
    page.put('Contents', arr);
  }
  doc.insertPage(-1, page);
  return page;
}

/** A line of text at (x, y) in PDF space. */
export function line(x: number, y: number, text: string, size = 12): string {
  return `BT /F1 ${size} Tf ${x} ${y} Td ${lit(text)} Tj ET\n`;
}

/** The usual page: the name between neighbouring words, plus a second line. */
export function sentence(name = NAME): string {
  return line(72, 700, `${BEFORE} ${name} ${AFTER}.`) + line(72, 680, 'Nothing else of note happened.');
}

export function save(doc: mupdf.PDFDocument, options = ''): Uint8Array {
  return doc.saveToBuffer(options).asUint8Array().slice();
}

/** An opaque grey image object. */
export function greyImage(doc: mupdf.PDFDocument): mupdf.PDFObject {
  const pixmap = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, [0, 0, 16, 16], false);
  pixmap.clear(180);
  return doc.addImage(new mupdf.Image(pixmap));
}

/**
 * A scanned page: the sentence rendered to pixels (big, clear type) and placed as the only content
 * of the page, so no text extractor can see it.
 */
export function scannedPdf(text: string): Uint8Array {
  // The "scan" is a band of 612 × 180 pt at the top of the page: enough for two lines, quick to read.
  const source = newDoc();
  addPage(
    source,
    `BT /F1 28 Tf 40 130 Td ${lit(text)} Tj ET BT /F1 28 Tf 40 70 Td ${lit('The second line is plain.')} Tj ET`,
    {},
    [0, 0, 612, 180],
  );
  const scale = 150 / 72;
  const pixmap = source.doc
    .loadPage(0)
    .toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceGray, false);
  const built = newDoc();
  const image = built.doc.addImage(new mupdf.Image(pixmap));
  addPage(built, 'q 612 0 0 180 0 600 cm /Im1 Do Q\n', { XObject: { Im1: image } });
  return save(built.doc);
}

/** Folds like a careful reader would (case, diacritics, whitespace, hyphens, apostrophes): test-only, independent. */
export function plainFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\u00ad\u200b-\u200f\u2060\ufeff\u2010-\u2015-]/gu, '')
    .replace(/[\u2018\u2019\u02bc]/gu, "'");
}

/** What an independent reader finds of `text` in a PDF: MuPDF's plain text of each page, and pdf-lib's reading of every object. */
export async function independentFinds(pdf: Uint8Array, text: string): Promise<string[]> {
  const needle = plainFold(text);
  const finds: string[] = [];
  const doc = new mupdf.PDFDocument(pdf);
  for (let i = 0; i < doc.countPages(); i++) {
    const page = doc.loadPage(i);
    for (const options of ['preserve-whitespace', 'preserve-whitespace,clip=no,ignore-actualtext']) {
      if (plainFold(page.toStructuredText(options).asText()).includes(needle))
        finds.push(`mupdf text page ${i + 1}`);
    }
  }
  // Earlier revisions, as a reader would open them: the file cut at each earlier %%EOF.
  const raw0 = Buffer.from(pdf).toString('latin1');
  for (
    let at = raw0.indexOf('%%EOF');
    at >= 0 && at + 5 < raw0.trimEnd().length;
    at = raw0.indexOf('%%EOF', at + 5)
  ) {
    const old = new mupdf.PDFDocument(pdf.subarray(0, at + 5));
    for (let i = 0; i < old.countPages(); i++) {
      const text = old.loadPage(i).toStructuredText('preserve-whitespace,clip=no').asText();
      if (plainFold(text).includes(needle)) finds.push(`earlier revision page ${i + 1}`);
    }
  }
  const lib = await LibDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false });
  for (const [ref, obj] of lib.context.enumerateIndirectObjects()) {
    const texts: string[] = [];
    collectStrings(obj, texts, 0);
    if (obj instanceof PDFRawStream) {
      let bytes: Uint8Array;
      try {
        bytes = decodePDFRawStream(obj).decode();
      } catch {
        bytes = obj.getContents();
      }
      texts.push(Buffer.from(bytes).toString('latin1'), Buffer.from(bytes).toString('utf8'));
    }
    if (texts.some((t) => plainFold(t).includes(needle))) finds.push(`pdf-lib object ${ref.toString()}`);
  }
  const raw = Buffer.from(pdf).toString('latin1');
  if (plainFold(raw).includes(needle)) finds.push('raw bytes');
  return finds;
}

function collectStrings(obj: unknown, out: string[], depth: number): void {
  if (depth > 32) return;
  if (obj instanceof PDFString || obj instanceof PDFHexString) out.push(obj.decodeText());
  else if (obj instanceof PDFName) out.push(obj.decodeText());
  else if (obj instanceof PDFArray) for (const item of obj.asArray()) collectStrings(item, out, depth + 1);
  else if (obj instanceof PDFDict)
    for (const [key, value] of obj.entries()) {
      out.push(key.decodeText());
      collectStrings(value, out, depth + 1);
    }
  else if (obj instanceof PDFRawStream) collectStrings(obj.dict, out, depth + 1);
}

/** MuPDF's text of every page, folded: to prove the neighbouring words survived. */
export function pageTexts(pdf: Uint8Array): string[] {
  const doc = new mupdf.PDFDocument(pdf);
  const out: string[] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    out.push(doc.loadPage(i).toStructuredText('preserve-whitespace,clip=no').asText());
  }
  return out;
}

export function pageCount(pdf: Uint8Array): number {
  return new mupdf.PDFDocument(pdf).countPages();
}
