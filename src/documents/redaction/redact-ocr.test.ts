import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as mupdf from 'mupdf';
import Tesseract from 'tesseract.js';
import { redactPdf } from './redact.ts';
import { verifyReleaseCopy } from './verify.ts';
import { englishDataPath, startOcr, type OcrEngine } from './ocr.ts';
import {
  AFTER,
  BEFORE,
  NAME,
  addPage,
  independentFinds,
  line,
  newDoc,
  pageCount,
  plainFold,
  save,
  scannedPdf,
} from './hostile.fixtures.ts';

let reader: Tesseract.Worker;
let engine: OcrEngine;

beforeAll(async () => {
  // The test reads pixels with a worker of its own, not through the redaction module's OCR code.
  reader = await Tesseract.createWorker('eng', 1, {
    langPath: englishDataPath(),
    gzip: true,
    cacheMethod: 'none',
  });
  engine = await startOcr();
});

afterAll(async () => {
  await reader.terminate();
  await engine.close();
});

/** The words an independent OCR reader sees on the first page. */
async function readPixels(pdf: Uint8Array): Promise<string> {
  const doc = new mupdf.PDFDocument(pdf);
  const page = doc.loadPage(0);
  const png = page.toPixmap(mupdf.Matrix.scale(1.5, 1.5), mupdf.ColorSpace.DeviceGray, false).asPNG();
  return (await reader.recognize(Buffer.from(png))).data.text;
}

describe('true redaction of a scanned page', () => {
  it('reads the pixels by OCR and blanks the pixels under the name, keeping the other words', async () => {
    const input = scannedPdf(`${BEFORE} ${NAME} ${AFTER}.`);
    // No text engine can see the name: it exists only as pixels.
    expect(await verifyReleaseCopy(input, [NAME])).toEqual([]);
    expect(plainFold(await readPixels(input))).toContain(plainFold('Ngaire Potae'));

    const result = await redactPdf(input, { find: [NAME] }, 's53(b)', { ocrEngine: engine });
    expect(result.places).toEqual([{ text: NAME, ground: 's53(b)', page: 1, where: 'pixels' }]);
    expect(result.notFound).toEqual([]);
    expect(pageCount(result.pdf)).toBe(1);
    expect(await independentFinds(result.pdf, NAME)).toEqual([]);

    const seen = plainFold(await readPixels(result.pdf));
    expect(seen).not.toContain('ngaire');
    expect(seen).not.toContain('potae');
    expect(seen).toContain(plainFold(BEFORE));
    expect(seen).toContain(plainFold(AFTER));
    expect(seen).toContain(plainFold('The second line is plain.'));
  });

  it("with ocr 'always', reads a page whose text layer lies (glyphs mapped to the wrong characters)", async () => {
    const b = newDoc();
    const pairs = Array.from({ length: 94 }, (_, k) => `<${(0x21 + k).toString(16)}> <0078>`).join(' ');
    const liar = b.doc.addObject({
      Type: 'Font',
      Subtype: 'Type1',
      BaseFont: 'Helvetica',
      Encoding: 'WinAnsiEncoding',
      ToUnicode: b.doc.addStream(
        `1 begincodespacerange <00> <FF> endcodespacerange 94 beginbfchar ${pairs} endbfchar`,
        {},
      ),
    });
    addPage(
      b,
      line(40, 700, `${BEFORE} and the rest.`, 28) + 'BT /F2 28 Tf 40 650 Td (Ngaire Potae) Tj ET\n',
      {
        Font: { F1: b.font, F2: liar },
      },
    );
    const input = save(b.doc);
    // Text engines read the lying map ('xxxxxx'); only the raw bytes still show the string.
    const before = await verifyReleaseCopy(input, ['Ngaire Potae']);
    expect(before.filter((h) => h.source === 'mupdf-text' || h.source === 'content-streams')).toEqual([]);
    const result = await redactPdf(input, { find: ['Ngaire Potae'] }, 's53(b)', {
      ocr: 'always',
      ocrEngine: engine,
    });
    expect(result.places.map((p) => p.where)).toEqual(['pixels']);
    const seen = plainFold(await readPixels(result.pdf));
    expect(seen).not.toContain('ngaire');
    expect(seen).not.toContain('potae');
    expect(seen).toContain(plainFold(BEFORE));
  });
});
