import { describe, expect, it } from 'vitest';
import * as mupdf from 'mupdf';
import { htmlToText } from './email.ts';
import { imageFrames } from './image-header.ts';
import { intakeLimits } from './limits.ts';
import { looksLikeEmail, sniffUpload } from './sniff.ts';
import { textToPdf } from './text-pdf.ts';
import { checkZipBomb, readZipDirectory } from './zip-directory.ts';
import { docxOf, hugePng, jpegOf, linesPdf, sampleEmail, tiffOf, zipOf } from './testing-uploads.ts';

const limits = intakeLimits({ maxBytes: 1_000_000, maxPages: 5 });
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('reading what an upload is', () => {
  it('tells every type apart from its content', () => {
    const pdf = linesPdf([['x']]);
    expect(sniffUpload(pdf).type).toBe('pdf');
    expect(sniffUpload(jpegOf(pdf)).type).toBe('jpeg');
    expect(sniffUpload(tiffOf(pdf)).type).toBe('tiff');
    expect(sniffUpload(utf8(sampleEmail)).type).toBe('eml');
    expect(sniffUpload(utf8('Subject: my notes\n\nnot an e-mail')).type).toBe('text');
    expect(sniffUpload(utf8('{\\rtf1 hi}')).type).toBe('rtf');
    expect(sniffUpload(docxOf('hi')).type).toBe('docx');
    const odt = zipOf([
      { name: 'mimetype', data: utf8('application/vnd.oasis.opendocument.text'), stored: true },
      { name: 'content.xml', data: utf8('<office:document-content/>') },
    ]);
    expect(sniffUpload(odt).type).toBe('odt');
  });

  it('recognises an e-mail header block only when it has From and a mail-only header', () => {
    expect(looksLikeEmail('From: a@b.nz\r\nTo: c@d.nz\r\n\r\nHi')).toBe(true);
    expect(looksLikeEmail('From a@b Mon Jan 1\nFrom: a@b.nz\nDate: x\n\nHi')).toBe(true); // mbox line
    expect(looksLikeEmail('From: a@b.nz\nNot a header line\nTo: c@d.nz\n\nHi')).toBe(false);
    expect(looksLikeEmail('To: c@d.nz\nSubject: x\n\nHi')).toBe(false);
  });

  it('reads image sizes from headers, every TIFF frame, without decoding pixels', () => {
    expect(imageFrames(hugePng(70_000, 3), 'png', 5)).toEqual([{ width: 70_000, height: 3 }]);
    const tiff = tiffOf(linesPdf([['1'], ['2'], ['3']], 8, [20, 30]));
    expect(imageFrames(tiff, 'tiff', 5)).toEqual(Array(3).fill({ width: 40, height: 60 }));
    expect(imageFrames(tiff, 'tiff', 1)).toHaveLength(2); // stops one past the limit
    expect(() => imageFrames(new Uint8Array([0x49, 0x49, 0x2a, 0, 0xff, 0xff, 0, 0]), 'tiff', 5)).toThrow(
      /damaged/,
    );
  });

  it('reads a ZIP directory and refuses ratios and totals no real document has', () => {
    const entries = readZipDirectory(docxOf('hello'));
    expect(entries.map((e) => e.name)).toEqual(['[Content_Types].xml', 'word/document.xml']);
    expect(() => checkZipBomb(entries, limits)).not.toThrow();
    const big = { name: 'word/document.xml', compressedSize: 10_000, uncompressedSize: 5_000_000 };
    expect(() => checkZipBomb([big], limits)).toThrow(/expands 500 times/);
    const many = Array.from({ length: 400 }, (_, i) => ({
      name: `${i}`,
      compressedSize: 900_000,
      uncompressedSize: 1_000_000,
    }));
    expect(() => checkZipBomb(many, limits)).toThrow(/expands to 381 MB; the limit is 300 MB/);
    expect(() => checkZipBomb([{ ...big, uncompressedSize: 0xffffffff }], limits)).toThrow(/ZIP64/);
  });

  it('turns HTML mail into readable text', () => {
    expect(
      htmlToText('<style>p{}</style><p>Kia ora</p><ul><li>one</li></ul>Tēnā&nbsp;koe &#257; &#x101;'),
    ).toBe('Kia ora\n\n• one\n\nTēnā koe ā ā');
  });

  it('paginates text and refuses text that would take too many pages before drawing it', async () => {
    const pdf = await textToPdf({ heading: ['Subject: x'], body: 'line\n'.repeat(120) }, 5);
    expect(mupdf.Document.openDocument(pdf, 'application/pdf').countPages()).toBe(3);
    await expect(textToPdf({ body: 'line\n'.repeat(1000) }, 5)).rejects.toThrow(
      /would fill 19 pages; the limit is 5/,
    );
  });
});
