/**
 * Lays out a letter's marked-up text (see letter-text.ts) on A4 pages with DejaVu Sans embedded, so
 * macrons (ā ē ī ō ū) print; a new page starts whenever the text reaches the bottom margin.
 */
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { newLetterDocument } from './pdf-text.ts';
import { parseLetterLine } from './letter-text.ts';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = rgb(0.04, 0.05, 0.05);

class PagedFlow {
  private page: PDFPage;
  private y: number;

  constructor(private readonly pdf: PDFDocument) {
    this.page = pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  /** Writes a paragraph, wrapped to the page width, `indent` points in from the margin. */
  write(text: string, font: PDFFont, size: number, indent = 0, bullet?: string) {
    const width = A4[0] - MARGIN * 2 - indent;
    const lines = wrap(text, font, size, width);
    lines.forEach((line, index) => {
      if (this.y - size < MARGIN) this.newPage();
      if (bullet && index === 0) {
        this.page.drawText(bullet, { x: MARGIN + indent - 12, y: this.y - size, size, font, color: INK });
      }
      this.page.drawText(line, { x: MARGIN + indent, y: this.y - size, size, font, color: INK });
      this.y -= size * 1.35;
    });
  }

  gap(points: number) {
    this.y -= points;
  }

  /** Keeps a heading with at least the first lines of what follows it. */
  keepRoom(points: number) {
    if (this.y - points < MARGIN) this.newPage();
  }

  private newPage() {
    this.page = this.pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/[ \t\n]+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    // A word wider than the line (a long address or reference) is broken where it must be.
    while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  lines.push(line);
  return lines;
}

/** The letter as a PDF: title and headings in bold, list items with bullets, on as many pages as it needs. */
export async function letterPdf(title: string, marked: string): Promise<Uint8Array> {
  const { pdf, regular, bold } = await newLetterDocument(title);
  const flow = new PagedFlow(pdf);
  for (const raw of marked.split('\n')) {
    const line = parseLetterLine(raw);
    switch (line.kind) {
      case 'title':
        flow.write(line.text, bold, 17);
        flow.gap(4);
        break;
      case 'heading':
        flow.gap(4);
        flow.keepRoom(13 * 1.35 + 11 * 1.35 * 2);
        flow.write(line.text, bold, 13);
        flow.gap(2);
        break;
      case 'item':
        flow.write(line.text, regular, 11, 16, '•');
        flow.gap(2);
        break;
      case 'paragraph':
        flow.write(line.text, regular, 11);
        flow.gap(3);
        break;
      case 'gap':
        flow.gap(6);
        break;
    }
  }
  return pdf.save();
}
