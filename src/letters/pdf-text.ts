import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

const fontPath = (file: string) => fileURLToPath(new URL(`../../assets/fonts/${file}`, import.meta.url));
let fonts: Promise<[Uint8Array, Uint8Array]> | undefined;

/** A new A4 PDF with DejaVu Sans embedded (subsetted), so macrons print. */
export async function newLetterDocument(title: string) {
  fonts ??= Promise.all([readFile(fontPath('DejaVuSans.ttf')), readFile(fontPath('DejaVuSans-Bold.ttf'))]);
  const [regularBytes, boldBytes] = await fonts;
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(title);
  pdf.setProducer('Tiaki');
  pdf.setCreator('Tiaki');
  const regular = await pdf.embedFont(regularBytes, { subset: true });
  const bold = await pdf.embedFont(boldBytes, { subset: true });
  return { pdf, regular, bold };
}

/** Writes wrapped lines down an A4 page from the top margin; returns the next free y. */
export class TextFlow {
  y: number;
  constructor(
    private readonly page: PDFPage,
    private readonly margin = 56,
  ) {
    this.y = page.getHeight() - margin;
  }

  write(text: string, font: PDFFont, size = 11, gapAfter = 6) {
    const width = this.page.getWidth() - this.margin * 2;
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) > width && line) {
          this.line(line, font, size);
          line = word;
        } else line = candidate;
      }
      this.line(line, font, size);
    }
    this.y -= gapAfter;
  }

  private line(text: string, font: PDFFont, size: number) {
    this.page.drawText(text, { x: this.margin, y: this.y - size, size, font, color: rgb(0.04, 0.05, 0.05) });
    this.y -= size * 1.35;
  }
}
