import * as mupdf from 'mupdf';
import { afterAll, describe, expect, it } from 'vitest';
import { extractPages, ExtractError } from './extract.ts';
import { sniffType } from './file-type.ts';
import { terminateOcr } from './ocr.ts';

/** A PDF whose pages carry the given lines of text (Helvetica; big type so OCR reads it easily). */
function textPdf(pages: string[][], size = 12): Uint8Array {
  const doc = new mupdf.PDFDocument();
  const font = doc.addSimpleFont(new mupdf.Font('Helvetica'));
  const resources = doc.addObject({ Font: { F1: font } });
  for (const lines of pages) {
    const ops = lines
      .map((line, i) => `BT /F1 ${size} Tf 40 ${780 - i * size * 1.6} Td (${line}) Tj ET`)
      .join('\n');
    doc.insertPage(-1, doc.addPage([0, 0, 595, 842], 0, resources, ops));
  }
  return doc.saveToBuffer('').asUint8Array().slice(); // a copy: the view into WASM memory can be detached
}

/** A "scanned" PDF: one page that is only a picture of the given PDF's first page. */
function scannedPdf(source: Uint8Array): Uint8Array {
  const page = mupdf.Document.openDocument(source, 'application/pdf').loadPage(0);
  const png = page.toPixmap(mupdf.Matrix.scale(1.5, 1.5), mupdf.ColorSpace.DeviceRGB, false, true).asPNG();
  const doc = new mupdf.PDFDocument();
  const image = doc.addImage(new mupdf.Image(png));
  const resources = doc.addObject({ XObject: { Im0: image } });
  doc.insertPage(-1, doc.addPage([0, 0, 595, 842], 0, resources, 'q 595 0 0 842 0 0 cm /Im0 Do Q'));
  return doc.saveToBuffer('').asUint8Array().slice(); // a copy: the view into WASM memory can be detached
}

afterAll(async () => {
  await terminateOcr();
});

describe('file type from content', () => {
  it('recognises PDF, PNG, JPEG, TIFF and text by their bytes, whatever the name', () => {
    expect(sniffType(textPdf([['x']]))).toBe('pdf');
    expect(sniffType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffType(new Uint8Array([0x49, 0x49, 0x2a, 0x00]))).toBe('tiff');
    expect(sniffType(new Uint8Array([0x4d, 0x4d, 0x00, 0x2a]))).toBe('tiff');
    expect(sniffType(new TextEncoder().encode('From: a@b.nz\r\nSubject: Kia ora Hēmi\r\n\r\nBody'))).toBe(
      'text',
    );
    expect(sniffType(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]))).toBeUndefined();
  });
});

describe('extractPages', () => {
  it('gives a text file (or .eml) as page 1, BOM dropped', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Prisoner Hēmi Pōtae')]);
    expect(await extractPages(bytes)).toEqual({
      type: 'text',
      pages: [{ page: 1, text: 'Prisoner Hēmi Pōtae', ocr: false }],
    });
  });

  it('gives the text of each PDF page with MuPDF', async () => {
    const pdf = textPdf([
      ['Incident report', 'Prisoner Hemi Potae PRN 12345678'],
      ['Page two: CO Sione Tuilagi'],
    ]);
    const { type, pages } = await extractPages(pdf);
    expect(type).toBe('pdf');
    expect(pages.map((p) => [p.page, p.ocr])).toEqual([
      [1, false],
      [2, false],
    ]);
    expect(pages[0]?.text).toContain('Prisoner Hemi Potae PRN 12345678');
    expect(pages[1]?.text).toContain('CO Sione Tuilagi');
  });

  it('reads a scanned PDF page (no text layer) with OCR, from the bundled English data', async () => {
    const pdf = scannedPdf(textPdf([['PRISONER HEMI POTAE', 'PRN 12345678']], 30));
    const { pages } = await extractPages(pdf);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.ocr).toBe(true);
    expect(pages[0]?.text).toContain('HEMI POTAE');
    expect(pages[0]?.text).toContain('12345678');
  });

  it('reads a PNG image with OCR', async () => {
    const page = mupdf.Document.openDocument(textPdf([['NHI ZZZ0016']], 36), 'application/pdf').loadPage(0);
    const png = page.toPixmap(mupdf.Matrix.scale(1, 1), mupdf.ColorSpace.DeviceRGB, false, true).asPNG();
    const result = await extractPages(png);
    expect(result.type).toBe('image');
    expect(result.pages[0]?.ocr).toBe(true);
    expect(result.pages[0]?.text).toContain('ZZZ0016');
  });

  it('leaves pages without text empty when OCR is off', async () => {
    const pdf = scannedPdf(textPdf([['HELLO']], 30));
    expect((await extractPages(pdf, { ocr: false })).pages).toEqual([{ page: 1, text: '', ocr: false }]);
  });

  it('refuses unsupported, malformed and over-long files with a clear error', async () => {
    await expect(extractPages(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]))).rejects.toThrow(
      ExtractError,
    );
    await expect(extractPages(new TextEncoder().encode('%PDF-1.7\ngarbage'))).rejects.toThrow(ExtractError);
    await expect(extractPages(textPdf([['a'], ['b'], ['c']]), { maxPages: 2 })).rejects.toThrow(
      /3 pages; the limit is 2/,
    );
  });
});
