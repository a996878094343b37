/**
 * The glyphs of a page through MuPDF's structured text, with every filter that could hide text
 * turned off: clipped text and text outside the page are kept, invisible text (render mode 3) is
 * kept (MuPDF reports it), and ligatures and whitespace are preserved. With `actualText` false the
 * glyphs drawn are reported; with true, marked-content replacement text replaces them.
 */
import type * as mupdf from 'mupdf';
import type { Glyph } from './plan.ts';

export interface PageScan {
  glyphs: Glyph[];
  /** Bounding boxes of the images drawn on the page (page space). */
  images: Array<[number, number, number, number]>;
}

/** Structured-text options: nothing dropped (e.g. `page.toStructuredText(STEXT_OPTIONS)`). */
export const STEXT_OPTIONS = 'preserve-whitespace,preserve-ligatures,preserve-images,clip=no';

/**
 * Reads a page's glyphs and image boxes.
 *
 * @example const { glyphs } = scanPage(doc.loadPage(0), false);
 */
export function scanPage(page: mupdf.Page, actualText: boolean): PageScan {
  const glyphs: Glyph[] = [];
  const images: PageScan['images'] = [];
  const options = actualText ? STEXT_OPTIONS : `${STEXT_OPTIONS},ignore-actualtext`;
  const stext = page.toStructuredText(options);
  try {
    stext.walk({
      onChar(c, origin, _font, size, quad) {
        glyphs.push({ c, quad, origin, size });
      },
      endLine() {
        glyphs.push(LINE_BREAK);
      },
      onImageBlock(bbox) {
        images.push([bbox[0], bbox[1], bbox[2], bbox[3]]);
      },
    });
  } finally {
    stext.destroy();
  }
  return { glyphs, images };
}

/** A line break between lines of structured text (blank, so search folds it away). */
const LINE_BREAK: Glyph = { c: '\n', quad: [0, 0, 0, 0, 0, 0, 0, 0] };

/**
 * The plain text of a page, in extraction order (much cheaper than walking its glyphs).
 *
 * @example pageText(doc.loadPage(0), true) // the text with marked-content replacement text applied
 */
export function pageText(page: mupdf.Page, actualText: boolean): string {
  const stext = page.toStructuredText(actualText ? STEXT_OPTIONS : `${STEXT_OPTIONS},ignore-actualtext`);
  try {
    return stext.asText();
  } finally {
    stext.destroy();
  }
}
