import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont } from 'pdf-lib';
import { UploadRefusal } from './refusal.ts';

const FONTS = path.resolve(import.meta.dirname, '../../../assets/fonts');
let fontBytes: Promise<[Uint8Array, Uint8Array]> | undefined;

const PAGE = { width: 595, height: 842, margin: 56 } as const;
const SIZE = 10;
const LEADING = 13.5;
const LINES_PER_PAGE = Math.floor((PAGE.height - 2 * PAGE.margin) / LEADING);
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

export interface TextDocument {
  /** Lines drawn in bold before the body (an e-mail's From, To, Date, Subject). */
  heading?: string[];
  body: string;
}

interface Line {
  text: string;
  bold: boolean;
}

// Control characters have no glyph; \n is kept as the line break, zero-width space and BOM are dropped too.
const isDropped = (code: number) =>
  (code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f) || code === 0x200b || code === 0xfeff;

/** Tabs to spaces, line ends to \n, other control characters dropped. */
export function cleanText(text: string): string {
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n').replace(/\t/g, '    '))
    if (!isDropped(char.codePointAt(0) ?? 0)) out += char;
  return out;
}

/** Breaks a word wider than the line into pieces that fit. */
function splitLongWord(word: string, font: PDFFont): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece && font.widthOfTextAtSize(piece + char, SIZE) > TEXT_WIDTH) {
      pieces.push(piece);
      piece = char;
    } else piece += char;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * Wraps one paragraph to the text width. Words are measured one at a time (not the growing line), so a
 * megabyte-long line costs linear time; runs of spaces are kept, so indentation survives.
 */
function wrap(paragraph: string, font: PDFFont): string[] {
  const space = font.widthOfTextAtSize(' ', SIZE);
  const lines: string[] = [];
  let line = '';
  let width = 0;
  let started = false;
  for (const word of paragraph.split(' ')) {
    const pieces = font.widthOfTextAtSize(word, SIZE) > TEXT_WIDTH ? splitLongWord(word, font) : [word];
    for (const piece of pieces) {
      const pieceWidth = font.widthOfTextAtSize(piece, SIZE);
      const next = started ? width + space + pieceWidth : pieceWidth;
      if (started && next > TEXT_WIDTH && line.trim() !== '') {
        lines.push(line);
        line = piece;
        width = pieceWidth;
      } else {
        line = started ? `${line} ${piece}` : piece;
        width = next;
      }
      started = true;
    }
  }
  lines.push(line);
  return lines;
}

/** DejaVu Sans, and its bold only when a heading needs it (each embedded font costs a few hundred ms). */
async function fonts(pdf: PDFDocument, withBold: boolean): Promise<{ regular: PDFFont; bold: PDFFont }> {
  fontBytes ??= Promise.all([
    readFile(path.join(FONTS, 'DejaVuSans.ttf')),
    readFile(path.join(FONTS, 'DejaVuSans-Bold.ttf')),
  ]);
  const [regularBytes, boldBytes] = await fontBytes;
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(regularBytes, { subset: true });
  return { regular, bold: withBold ? await pdf.embedFont(boldBytes, { subset: true }) : regular };
}

/**
 * A PDF of plain text on A4 pages in DejaVu Sans (so macrons and most scripts print), long lines wrapped,
 * as many pages as it takes. Refuses text that would need more than `maxPages` pages before drawing any.
 *
 * @example await textToPdf({ body: 'File note\nSpoke with Hēmi today.' }, 2000)
 */
export async function textToPdf(doc: TextDocument, maxPages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setProducer('Tiaki');
  pdf.setCreator('Tiaki');
  const { regular, bold } = await fonts(pdf, (doc.heading ?? []).length > 0);
  const lines: Line[] = [];
  for (const heading of doc.heading ?? [])
    for (const text of wrap(cleanText(heading).replace(/\n/g, ' '), bold)) lines.push({ text, bold: true });
  if (doc.heading?.length) lines.push({ text: '', bold: false });
  for (const paragraph of cleanText(doc.body).split('\n'))
    for (const text of wrap(paragraph, regular)) lines.push({ text, bold: false });

  const pageCount = Math.max(1, Math.ceil(lines.length / LINES_PER_PAGE));
  if (pageCount > maxPages)
    throw new UploadRefusal(
      'too-many-pages',
      `The text would fill ${pageCount} pages; the limit is ${maxPages}. Split it into smaller files`,
    );
  for (let p = 0; p < pageCount; p++) {
    const page = pdf.addPage([PAGE.width, PAGE.height]);
    lines.slice(p * LINES_PER_PAGE, (p + 1) * LINES_PER_PAGE).forEach((line, i) => {
      if (line.text.trim() === '') return;
      page.drawText(line.text, {
        x: PAGE.margin,
        y: PAGE.height - PAGE.margin - SIZE - i * LEADING,
        size: SIZE,
        font: line.bold ? bold : regular,
        color: rgb(0, 0, 0),
      });
    });
  }
  return pdf.save();
}
