/**
 * OCR of the pixels of a page (scanned pages, photos, text turned into images or outlines): the page
 * is rendered WITHOUT its text layer, so every word the OCR engine reads exists only as pixels or
 * vector art and must be removed from the image. Tesseract (tesseract.js) with the English data
 * shipped in the npm package `@tesseract.js-data/eng`; nothing is downloaded at run time.
 */
import { createRequire } from 'node:module';
import * as mupdf from 'mupdf';
import Tesseract from 'tesseract.js';
import type { Glyph, Quad } from './plan.ts';

/** A word read from the page's pixels, in page space (points, y down). */
export interface OcrWord {
  text: string;
  box: [number, number, number, number];
  confidence: number;
  /** One glyph per symbol, with its own box, for search. */
  glyphs: Glyph[];
}

/** A running OCR engine; `close` ends its worker. */
export interface OcrEngine {
  readWords(png: Uint8Array): Promise<
    Array<{
      text: string;
      box: [number, number, number, number];
      confidence: number;
      symbols: Array<{ text: string; box: [number, number, number, number] }>;
    }>
  >;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

/**
 * Where the English data lives (a folder with eng.traineddata.gz), resolved inside node_modules.
 *
 * @example englishDataPath() // '…/node_modules/@tesseract.js-data/eng/4.0.0'
 */
export function englishDataPath(): string {
  const data = require('@tesseract.js-data/eng') as { langPath: string };
  return data.langPath;
}

/**
 * Starts an OCR engine (about 0.3 s).
 *
 * @example const ocr = await startOcr(); try { ... } finally { await ocr.close(); }
 */
export async function startOcr(): Promise<OcrEngine> {
  const worker = await Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, {
    langPath: englishDataPath(),
    gzip: true,
    cacheMethod: 'none',
  });
  return {
    async readWords(png) {
      const result = await worker.recognize(Buffer.from(png), {}, { blocks: true, text: false });
      const words: Awaited<ReturnType<OcrEngine['readWords']>> = [];
      for (const block of result.data.blocks ?? []) {
        for (const paragraph of block.paragraphs) {
          for (const line of paragraph.lines) {
            for (const word of line.words) {
              words.push({
                text: word.text,
                confidence: word.confidence,
                box: [word.bbox.x0, word.bbox.y0, word.bbox.x1, word.bbox.y1],
                symbols: word.symbols.map((s) => ({
                  text: s.text,
                  box: [s.bbox.x0, s.bbox.y0, s.bbox.x1, s.bbox.y1],
                })),
              });
            }
          }
        }
      }
      return words;
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** Rendering resolution for OCR, in dots per inch. */
export const OCR_DPI = 200;

/**
 * Reads the words drawn within `region` of a page (e.g. `await ocrPageRegion(page, page.getBounds(), ocr)`). Text objects are left out of the rendering
 * unless `withText` (for files whose text layer cannot be trusted: glyphs mapped to the wrong
 * characters read right only as pixels). Boxes come back in page space.
 */
export async function ocrPageRegion(
  page: mupdf.Page,
  region: [number, number, number, number],
  ocr: OcrEngine,
  withText = false,
  dpi = OCR_DPI,
): Promise<OcrWord[]> {
  const scale = dpi / 72;
  const x0 = Math.floor(region[0] * scale);
  const y0 = Math.floor(region[1] * scale);
  const x1 = Math.ceil(region[2] * scale);
  const y1 = Math.ceil(region[3] * scale);
  if (x1 - x0 < 8 || y1 - y0 < 8) return [];
  const pixmap = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, [x0, y0, x1, y1], false);
  let png: Uint8Array;
  try {
    pixmap.clear(255);
    const draw = new mupdf.DrawDevice(mupdf.Matrix.identity, pixmap);
    const device = withText ? undefined : textlessDevice(draw);
    try {
      page.run(device ?? draw, mupdf.Matrix.scale(scale, scale));
      device?.close();
      draw.close();
    } finally {
      device?.destroy();
      draw.destroy();
    }
    png = pixmap.asPNG();
  } finally {
    pixmap.destroy();
  }
  const words = await ocr.readWords(png);
  const toPage = (b: [number, number, number, number]): [number, number, number, number] => [
    (b[0] + x0) / scale,
    (b[1] + y0) / scale,
    (b[2] + x0) / scale,
    (b[3] + y0) / scale,
  ];
  return words
    .filter((w) => w.text.trim() !== '')
    .map((w) => {
      const box = toPage(w.box);
      const symbols = w.symbols.length > 0 ? w.symbols : [{ text: w.text, box: w.box }];
      return {
        text: w.text,
        confidence: w.confidence,
        box,
        glyphs: symbols.map((s) => {
          const [sx0, sy0, sx1, sy1] = toPage(s.box);
          const quad: Quad = [sx0, sy0, sx1, sy0, sx0, sy1, sx1, sy1];
          return { c: s.text, quad, size: box[3] - box[1] };
        }),
      };
    });
}

/** A device that draws everything but text (text clips are kept so the clip stack stays balanced). */
function textlessDevice(target: mupdf.Device): mupdf.Device {
  return new mupdf.Device({
    fillPath: (path, evenOdd, ctm, cs, color, alpha) =>
      target.fillPath(path, evenOdd, ctm, cs, color as mupdf.Color, alpha),
    strokePath: (path, stroke, ctm, cs, color, alpha) =>
      target.strokePath(path, stroke, ctm, cs, color as mupdf.Color, alpha),
    clipPath: (path, evenOdd, ctm) => target.clipPath(path, evenOdd, ctm),
    clipStrokePath: (path, stroke, ctm) => target.clipStrokePath(path, stroke, ctm),
    clipText: (text, ctm) => target.clipText(text, ctm),
    clipStrokeText: (text, stroke, ctm) => target.clipStrokeText(text, stroke, ctm),
    fillShade: (shade, ctm, alpha) => target.fillShade(shade, ctm, alpha),
    fillImage: (image, ctm, alpha) => target.fillImage(image, ctm, alpha),
    fillImageMask: (image, ctm, cs, color, alpha) =>
      target.fillImageMask(image, ctm, cs, color as mupdf.Color, alpha),
    clipImageMask: (image, ctm) => target.clipImageMask(image, ctm),
    popClip: () => target.popClip(),
    beginMask: (area, luminosity, cs, color) => target.beginMask(area, luminosity, cs, color as mupdf.Color),
    endMask: () => target.endMask(),
    beginGroup: (area, cs, isolated, knockout, blend, alpha) =>
      target.beginGroup(area, cs, isolated, knockout, blend, alpha),
    endGroup: () => target.endGroup(),
    beginTile: (area, view, xstep, ystep, ctm, id, docId) =>
      target.beginTile(area, view, xstep, ystep, ctm, id, docId),
    endTile: () => target.endTile(),
  });
}
