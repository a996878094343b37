/**
 * The release package as one PDF: the schedule first (what each document is, where it sits in the
 * package, released / withheld in part / withheld, and the grounds in plain English), then the
 * redacted documents, then any statements of correction of the person (IPP 7: released with the
 * information they are about). The schedule and statements are drawn with pdf-lib in DejaVu Sans
 * (macrons print); the pages are put together with MuPDF's page grafting and written from scratch.
 */
import * as mupdf from 'mupdf';
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { newLetterDocument } from '../letters/pdf-text.ts';
import { layoutSchedule, groundLine } from './release.rules.ts';
import type { ScheduleEntry } from './release.schema.ts';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const INK = rgb(0.04, 0.05, 0.05);
const RULE = rgb(0.55, 0.57, 0.6);

/** One document as it goes into the package, already redacted. */
export interface PackageDocument extends Omit<ScheduleEntry, 'fromPage' | 'toPage'> {
  pdf: Uint8Array;
}

/** A statement of correction to print with the information (IPP 7). */
export interface PackageStatement {
  /** NZ date the person provided it (YYYY-MM-DD). */
  providedOn: string;
  information: string;
  statement: string;
}

export interface PackageFacts {
  reference: string;
  /** NZ date of the package (YYYY-MM-DD). */
  date: string;
  /** The decision's outcome in words, e.g. "granted in part". */
  decision: string;
  documents: readonly PackageDocument[];
  statements: readonly PackageStatement[];
}

export interface AssembledPackage {
  pdf: Uint8Array;
  pageCount: number;
  schedulePages: number;
  schedule: ScheduleEntry[];
  /** Pages of the statements of correction, when there are any. */
  statementPages: { fromPage: number; toPage: number } | null;
}

export const longDate = (iso: string) =>
  new Intl.DateTimeFormat('en-NZ', { dateStyle: 'long', timeZone: 'Pacific/Auckland' }).format(
    new Date(`${iso}T12:00:00+12:00`),
  );

const OUTCOME_WORDS: Record<ScheduleEntry['outcome'], string> = {
  released: 'Released',
  'withheld-in-part': 'Withheld in part',
  withheld: 'Withheld',
};

/**
 * Builds the package. The schedule is laid out again until its own page count settles, so the page
 * ranges it prints are the ones in the file.
 *
 * @example const { pdf, schedule } = await assemblePackage({ reference, date, decision: 'granted in part', documents, statements: [] });
 */
export async function assemblePackage(facts: PackageFacts): Promise<AssembledPackage> {
  const statementsPdf = facts.statements.length > 0 ? await renderStatements(facts) : null;
  const statementCount = statementsPdf ? countPages(statementsPdf) : 0;
  const documentPages = facts.documents.reduce((n, d) => n + d.pages, 0);

  let schedulePages = 1;
  let schedulePdf: Uint8Array | undefined;
  let schedule: ScheduleEntry[] = [];
  let statementPages: AssembledPackage['statementPages'] = null;
  for (let attempt = 0; attempt < 6; attempt++) {
    schedule = layoutSchedule(
      facts.documents.map(({ pdf: _pdf, ...entry }) => entry),
      schedulePages + 1,
    );
    statementPages =
      statementCount > 0
        ? {
            fromPage: schedulePages + documentPages + 1,
            toPage: schedulePages + documentPages + statementCount,
          }
        : null;
    schedulePdf = await renderSchedule(facts, schedule, statementPages, facts.statements.length);
    const rendered = countPages(schedulePdf);
    if (rendered === schedulePages) break;
    schedulePages = rendered;
  }
  if (!schedulePdf) throw new Error('schedule not rendered');

  const pdf = mergePdfs(
    [schedulePdf, ...facts.documents.map((d) => d.pdf), ...(statementsPdf ? [statementsPdf] : [])],
    `Release ${facts.reference}`,
    facts.reference,
  );
  const pageCount = countPages(pdf);
  const expected = schedulePages + documentPages + statementCount;
  if (pageCount !== expected) throw new Error(`the package has ${pageCount} pages, ${expected} expected`);
  return { pdf, pageCount, schedulePages, schedule, statementPages };
}

/** Pages of a PDF. */
export function countPages(pdf: Uint8Array): number {
  const doc = new mupdf.PDFDocument(pdf);
  try {
    return doc.countPages();
  } finally {
    doc.destroy();
  }
}

/**
 * One PDF of the pages of each input in order, written from scratch (no incremental revision, no
 * unused objects), with only a title and producer as metadata. With `stamp`, every page is numbered
 * "STAMP page N of M" in its bottom margin, so a printed copy can be followed from the schedule.
 */
export function mergePdfs(inputs: readonly Uint8Array[], title: string, stamp?: string): Uint8Array {
  const out = new mupdf.PDFDocument();
  try {
    for (const bytes of inputs) {
      const source = new mupdf.PDFDocument(bytes);
      try {
        // One graft map per source: fonts and images shared by its pages are copied once.
        const map = out.newGraftMap();
        for (let i = 0; i < source.countPages(); i++) map.graftPage(-1, source, i);
      } finally {
        source.destroy();
      }
    }
    if (stamp !== undefined) stampPageNumbers(out, stamp);
    out.getTrailer().put('Info', { Title: out.newString(title), Producer: out.newString('Tiaki') });
    const buffer = out.saveToBuffer('garbage=4,compress');
    const bytes = buffer.asUint8Array().slice();
    buffer.destroy();
    return bytes;
  } finally {
    out.destroy();
  }
}

/** Numbers every page in its bottom-right margin; the page's own content is wrapped in q/Q first. */
function stampPageNumbers(doc: mupdf.PDFDocument, label: string): void {
  const font = doc.addObject({
    Type: 'Font',
    Subtype: 'Type1',
    BaseFont: 'Helvetica',
    Encoding: 'WinAnsiEncoding',
  });
  const total = doc.countPages();
  const safe = label.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, (c) => `\\${c}`);
  for (let i = 0; i < total; i++) {
    const page = doc.findPage(i);
    const crop = page.get('CropBox');
    const box = crop.isArray() ? crop : page.get('MediaBox');
    const right = box.isArray() ? box.get(2).asNumber() : 595;
    const bottom = box.isArray() ? box.get(1).asNumber() : 0;
    let resources = page.get('Resources');
    if (!resources.isDictionary()) {
      resources = doc.newDictionary();
      page.put('Resources', resources);
    }
    let fonts = resources.get('Font');
    if (!fonts.isDictionary()) {
      fonts = doc.newDictionary();
      resources.put('Font', fonts);
    }
    fonts.put('TiakiPageNo', font);
    const text = `${safe}  page ${i + 1} of ${total}`;
    const contents = page.get('Contents');
    const streams = doc.newArray();
    streams.push(doc.addStream('q\n', {}));
    if (contents.isArray()) for (let k = 0; k < contents.length; k++) streams.push(contents.get(k));
    else if (!contents.isNull()) streams.push(contents);
    streams.push(
      doc.addStream(
        `\nQ q 0.35 g BT /TiakiPageNo 7 Tf ${(right - 48 - text.length * 3.6).toFixed(1)} ${(bottom + 14).toFixed(1)} Td (${text}) Tj ET Q\n`,
        {},
      ),
    );
    page.put('Contents', streams);
  }
}

/** Breaks text into lines no wider than `width` (a word longer than the width is split). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** A top-down writer over as many A4 pages as the text needs. */
class PageWriter {
  page!: PDFPage;
  y = 0;
  constructor(private readonly pdf: PDFDocument) {
    this.newPage();
  }

  get width(): number {
    return A4[0] - MARGIN * 2;
  }

  newPage(): void {
    this.page = this.pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  /** Makes room for `height` points, starting a page when there is none left. */
  need(height: number): void {
    if (this.y - height < MARGIN + 20) this.newPage();
  }

  text(text: string, font: PDFFont, size = 10.5, gapAfter = 4, x = MARGIN, width = this.width): void {
    for (const line of wrapText(text, font, size, width)) {
      this.need(size * 1.35);
      this.page.drawText(line, { x, y: this.y - size, size, font, color: INK });
      this.y -= size * 1.35;
    }
    this.y -= gapAfter;
  }

  rule(): void {
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4[0] - MARGIN, y: this.y },
      thickness: 0.5,
      color: RULE,
    });
  }
}

const COLUMNS = [
  { title: 'No.', width: 28 },
  { title: 'Document', width: 170 },
  { title: 'Pages', width: 56 },
  { title: 'Outcome', width: 96 },
  { title: 'Grounds', width: 0 },
] as const;

async function renderSchedule(
  facts: PackageFacts,
  schedule: readonly ScheduleEntry[],
  statementPages: AssembledPackage['statementPages'],
  statementCount: number,
): Promise<Uint8Array> {
  const { pdf, regular, bold } = await newLetterDocument(`Release schedule ${facts.reference}`);
  const w = new PageWriter(pdf);
  const widths = COLUMNS.map((c) => c.width || w.width - COLUMNS.reduce((n, k) => n + k.width, 0));
  const size = 9.5;
  const lineHeight = size * 1.3;

  let inTable = false;
  const row = (cells: readonly string[], font: PDFFont) => {
    const wrapped = cells.map((cell, i) => wrapText(cell, font, size, (widths[i] ?? 0) - 6));
    const height = Math.max(...wrapped.map((lines) => lines.length)) * lineHeight + 6;
    if (w.y - height < MARGIN + 20) {
      w.newPage();
      // A row that moves to a new page carries the column headings with it.
      if (inTable) header();
    }
    let x = MARGIN;
    wrapped.forEach((lines, i) => {
      lines.forEach((line, k) =>
        w.page.drawText(line, { x, y: w.y - 3 - size - k * lineHeight, size, font, color: INK }),
      );
      x += widths[i] ?? 0;
    });
    w.y -= height;
    w.rule();
  };
  function header(): void {
    inTable = false;
    w.rule();
    row(
      COLUMNS.map((c) => c.title),
      bold,
    );
    inTable = true;
  }

  w.text('Release schedule', bold, 18, 2);
  w.text('Rārangi o ngā tuhinga kua tukuna', regular, 12, 10);
  w.text(`Request: ${facts.reference}`, bold, 11, 2);
  w.text(`Date: ${longDate(facts.date)}`, regular, 11, 2);
  w.text(`Decision: ${facts.decision}`, regular, 11, 8);
  w.text(
    'This package holds the information released in answer to the request. Each document is listed with the pages where it ' +
      'appears in this package, whether it is released in full, released with parts withheld, or withheld, and the grounds. ' +
      'A withheld part is removed and shown as a black box labelled with its ground; a withheld page is kept, blank, with its ground.',
    regular,
    10,
    10,
  );

  header();
  schedule.forEach((entry, index) => {
    row(
      [
        String(index + 1),
        entry.title,
        entry.fromPage === entry.toPage ? `${entry.fromPage}` : `${entry.fromPage}–${entry.toPage}`,
        OUTCOME_WORDS[entry.outcome],
        entry.grounds.length > 0 ? entry.grounds.join(', ') : '—',
      ],
      regular,
    );
  });
  inTable = false;
  w.y -= 10;

  const used = [...new Set(schedule.flatMap((e) => e.grounds))].sort();
  if (used.length > 0) {
    w.need(40);
    w.text('Grounds for withholding', bold, 12, 4);
    for (const code of used) w.text(groundLine(code), regular, 9.5, 3);
    w.y -= 6;
  }
  if (statementPages) {
    w.need(40);
    w.text('Statements of correction', bold, 12, 4);
    w.text(
      `${pageRange(statementPages)}: ${statementCount === 1 ? 'the statement' : `${statementCount} statements`} of correction ` +
        'provided by the person, released with the information they are about (Privacy Act 2020, information privacy principle 7).',
      regular,
      9.5,
      6,
    );
  }
  w.need(30);
  w.text(
    'There is no charge. If you are not satisfied with the decision, the decision letter says how to complain.',
    regular,
    9.5,
    0,
  );
  footers(pdf, regular, `Release ${facts.reference} — schedule`);
  return pdf.save();
}

async function renderStatements(facts: PackageFacts): Promise<Uint8Array> {
  const { pdf, regular, bold } = await newLetterDocument(`Statements of correction ${facts.reference}`);
  for (const s of facts.statements) {
    const w = new PageWriter(pdf);
    w.text('Statement of correction', bold, 16, 2);
    w.text('Privacy Act 2020, information privacy principle 7', regular, 10, 10);
    w.text(
      `Statement of correction provided by the person on ${longDate(s.providedOn)} about ${s.information}:`,
      bold,
      11,
      8,
    );
    w.text(s.statement, regular, 11, 0);
  }
  footers(pdf, regular, `Release ${facts.reference} — statement of correction`);
  return pdf.save();
}

function pageRange(range: { fromPage: number; toPage: number }): string {
  return range.fromPage === range.toPage
    ? `Page ${range.fromPage}`
    : `Pages ${range.fromPage}–${range.toPage}`;
}

function footers(pdf: PDFDocument, font: PDFFont, label: string): void {
  const pages = pdf.getPages();
  pages.forEach((page, i) => {
    page.drawText(`${label} ${i + 1} of ${pages.length}`, { x: MARGIN, y: 28, size: 8, font, color: RULE });
  });
}
