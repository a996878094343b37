import { describe, expect, it } from 'vitest';
import * as mupdf from 'mupdf';
import { RedactionLeakError, redactPdf } from './redact.ts';
import { earlierRevisions, verifyReleaseCopy } from './verify.ts';
import { NAME, addPage, line, newDoc, save, sentence } from './hostile.fixtures.ts';

describe('verifying a release copy before it leaves', () => {
  it('catches a fake redaction that only draws a black box over the name', async () => {
    const b = newDoc();
    // The name is drawn, then covered: it looks redacted, but every extractor still reads it.
    addPage(b, sentence() + '0 g 150 695 75 16 re f\n');
    for (const options of ['', 'compress']) {
      const hits = await verifyReleaseCopy(save(b.doc, options), [NAME]);
      const sources = new Set(hits.map((h) => h.source));
      expect(sources.has('mupdf-text')).toBe(true);
      expect(sources.has('content-streams')).toBe(true);
      expect(hits.every((h) => h.text === NAME)).toBe(true);
    }
  });

  it('finds nothing in a clean copy and does not confuse a different name', async () => {
    const b = newDoc();
    addPage(b, line(72, 700, 'Reported by Ngaire Smith and by Pōtae Whānau Trust.'));
    expect(await verifyReleaseCopy(save(b.doc, 'compress'), [NAME])).toEqual([]);
    expect(await verifyReleaseCopy(save(b.doc), [])).toEqual([]);
  });

  it('catches the name in a UTF-16 string, in an unused compressed stream and inside an object stream', async () => {
    const b = newDoc();
    addPage(b, line(72, 700, 'Body text.'));
    const utf16 = Buffer.from(`\ufeffSubject ${NAME}`, 'utf16le').swap16();
    b.doc.findPage(0).put('TiakiSubject', b.doc.newByteString([...utf16]));
    const first = await verifyReleaseCopy(save(b.doc, 'compress'), [NAME]);
    expect(first.map((h) => h.source)).toContain('objects');

    const c = newDoc();
    addPage(c, line(72, 700, 'Body text.'));
    const unused = c.doc.addStream(`BT /F1 12 Tf 0 0 Td (Spare Ngaire Potae) Tj ET`, {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, 1, 1],
    });
    c.doc.findPage(0).put('TiakiSpare', unused);
    for (const options of ['compress', 'compress,objstms']) {
      const hits = await verifyReleaseCopy(save(c.doc, options), ['Ngaire Potae']);
      expect(hits.map((h) => h.source)).toContain('objects');
      expect(hits.map((h) => h.source)).toContain('file-bytes');
    }
  });

  it('reads earlier revisions the file still carries', async () => {
    const b = newDoc();
    addPage(b, line(72, 700, `Witness ${NAME}`));
    const first = save(b.doc, 'compress');
    expect(earlierRevisions(first)).toEqual([]);
    const doc = new mupdf.PDFDocument(first);
    doc.findPage(0).put('Contents', doc.addStream(line(72, 700, 'Witness withheld'), {}));
    const second = doc.saveToBuffer('incremental').asUint8Array().slice();
    expect(earlierRevisions(second)).toHaveLength(1);
    const hits = await verifyReleaseCopy(second, [NAME]);
    expect(hits.some((h) => h.source === 'earlier-revision')).toBe(true);
  });

  it('reports a file that cannot be opened as unreadable', async () => {
    const hits = await verifyReleaseCopy(new TextEncoder().encode('not a pdf at all'), [NAME]);
    expect(hits.map((h) => h.source)).toContain('unreadable');
  });

  it('makes redactPdf refuse a copy it could not clean (a private stream holding the name)', async () => {
    const b = newDoc();
    addPage(b, sentence());
    const notes = b.doc.addStream(`Private notes about ${NAME}`, {});
    b.doc.findPage(0).put('TiakiNotes', notes);
    const refused = redactPdf(save(b.doc), { find: [NAME] }, 's53(b)', { ocr: 'never' });
    await expect(refused).rejects.toThrow(RedactionLeakError);
    await expect(refused).rejects.toMatchObject({ name: 'RedactionLeakError' });
  });

  it('cleans withheld words out of strings kept in any object (page labels, private keys)', async () => {
    const b = newDoc();
    const page = addPage(b, sentence());
    page.put('TiakiPrivate', b.doc.newString(`Owner: ${NAME}`));
    b.doc
      .getTrailer()
      .get('Root')
      .put('PageLabels', { Nums: [0, { S: b.doc.newName('D'), P: b.doc.newString(`${NAME}-`) }] });
    const result = await redactPdf(save(b.doc), { find: [NAME] }, 's53(b)', { ocr: 'never' });
    expect(await verifyReleaseCopy(result.pdf, [NAME])).toEqual([]);
    const out = new mupdf.PDFDocument(result.pdf);
    expect(out.findPage(0).get('TiakiPrivate').asString()).toBe('Owner: [s53(b)]');
  });
});
