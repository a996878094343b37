import { describe, expect, it } from 'vitest';
import * as mupdf from 'mupdf';
import { redactPdf, type RedactResult } from './redact.ts';
import { verifyReleaseCopy } from './verify.ts';
import {
  NAME,
  addPage,
  independentFinds,
  line,
  lit,
  newDoc,
  pageCount,
  pageTexts,
  plainFold,
  save,
  type Built,
} from './hostile.fixtures.ts';

const BODY = 'Reported by the duty officer at the unit.';

/** A one-page document whose page does not show the name; `hide` puts it somewhere else. */
function hostile(hide: (b: Built, page: mupdf.PDFObject) => void): Uint8Array {
  const b = newDoc();
  const page = addPage(b, line(72, 700, BODY));
  hide(b, page);
  return save(b.doc);
}

async function redactAndProve(input: Uint8Array): Promise<RedactResult> {
  expect(
    (await verifyReleaseCopy(input, [NAME])).length,
    'the hostile file does hide the name',
  ).toBeGreaterThan(0);
  expect(await independentFinds(input, NAME), 'an independent reader sees it too').not.toEqual([]);
  const result = await redactPdf(input, { find: [NAME] }, 's53(b)', { ocr: 'never' });
  expect(await verifyReleaseCopy(result.pdf, [NAME])).toEqual([]);
  expect(await independentFinds(result.pdf, NAME)).toEqual([]);
  expect(pageCount(result.pdf)).toBe(pageCount(input));
  expect(result.notFound).toEqual([]);
  expect(result.redactions).toBeGreaterThan(0);
  expect(plainFold(pageTexts(result.pdf)[0] ?? '')).toContain(plainFold(BODY));
  return result;
}

describe('true redaction of the hiding places outside page content', () => {
  it('drops an earlier revision kept by an incremental save', async () => {
    const b = newDoc();
    addPage(b, line(72, 700, BODY) + line(72, 680, `Witness: ${NAME}.`));
    const first = save(b.doc);
    const doc = new mupdf.PDFDocument(first);
    doc.findPage(0).put('Contents', doc.addStream(line(72, 700, BODY), {}));
    const incremental = doc.saveToBuffer('incremental').asUint8Array().slice();
    expect(Buffer.from(incremental.subarray(0, first.length)).equals(Buffer.from(first))).toBe(true);
    const result = await redactAndProve(incremental);
    expect(result.places.map((p) => p.where)).toEqual(['hidden']);
    expect(new mupdf.PDFDocument(result.pdf).countVersions()).toBe(1);
  });

  it('removes the Info dictionary, custom keys included, and the XMP packet', async () => {
    const input = hostile(({ doc }) => {
      doc
        .getTrailer()
        .put('Info', { Title: doc.newString('Incident 41'), TiakiWitness: doc.newString(NAME) });
      const xmp =
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
        `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${NAME}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
      doc
        .getTrailer()
        .get('Root')
        .put('Metadata', doc.addStream(xmp, { Type: 'Metadata', Subtype: 'XML' }));
    });
    const result = await redactAndProve(input);
    expect(result.places.filter((p) => p.where === 'metadata')).toHaveLength(2);
    const out = new mupdf.PDFDocument(result.pdf);
    expect(out.getTrailer().get('Info').isNull()).toBe(true);
    expect(out.getTrailer().get('Root').get('Metadata').isNull()).toBe(true);
  });

  it('deletes text notes and free-text annotations', async () => {
    const b = newDoc();
    addPage(b, line(72, 700, BODY));
    const page = b.doc.loadPage(0);
    const note = page.createAnnotation('Text');
    note.setRect([300, 100, 320, 120]);
    note.setContents(`Call ${NAME} about this`);
    note.setAuthor(NAME);
    const free = page.createAnnotation('FreeText');
    free.setRect([72, 300, 400, 330]);
    free.setContents(`Reviewer note: ${NAME} disputes the times`);
    free.update();
    page.update();
    const result = await redactAndProve(save(b.doc));
    expect(result.places.filter((p) => p.where === 'annotation')).toHaveLength(2);
    expect(new mupdf.PDFDocument(result.pdf).loadPage(0).getAnnotations()).toHaveLength(0);
  });

  it('bakes a filled form into the page, redacting the field value and dropping hidden values', async () => {
    const input = hostile(({ doc, font }, page) => {
      const appearance = doc.addStream(`/Tx BMC BT /F1 12 Tf 2 6 Td ${lit(`${NAME} (witness)`)} Tj ET EMC`, {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, 300, 20],
        Resources: { Font: { F1: font } },
      });
      const visible = doc.addObject({
        Type: 'Annot',
        Subtype: 'Widget',
        FT: 'Tx',
        T: doc.newString('witness'),
        V: doc.newString(`${NAME} (witness)`),
        Rect: [72, 600, 372, 620],
        F: 4,
        DA: doc.newString('/F1 12 Tf 0 g'),
        P: page,
        AP: { N: appearance },
      });
      const hidden = doc.addObject({
        Type: 'Annot',
        Subtype: 'Widget',
        FT: 'Tx',
        T: doc.newString('secret'),
        V: doc.newString(`Informant ${NAME}`),
        Rect: [0, 0, 0, 0],
        F: 2,
        P: page,
      });
      page.put('Annots', [visible, hidden]);
      doc
        .getTrailer()
        .get('Root')
        .put('AcroForm', {
          Fields: [visible, hidden],
          DA: doc.newString('/F1 12 Tf 0 g'),
          DR: { Font: { F1: font } },
        });
    });
    const result = await redactAndProve(input);
    const out = new mupdf.PDFDocument(result.pdf);
    expect(out.getTrailer().get('Root').get('AcroForm').isNull()).toBe(true);
    expect(plainFold(pageTexts(result.pdf)[0] ?? '')).toContain('(witness)');
  });

  it('rewrites a bookmark title, keeping the rest of it and its destination', async () => {
    const input = hostile(({ doc }, page) => {
      const outlines = doc.addObject({ Type: 'Outlines', Count: 2 });
      const first = doc.addObject({
        Title: doc.newString(`Statement of ${NAME}`),
        Parent: outlines,
        Dest: [page, doc.newName('Fit')],
      });
      const second = doc.addObject({
        Title: doc.newString('Timeline'),
        Parent: outlines,
        Prev: first,
        Dest: [page, doc.newName('Fit')],
      });
      first.put('Next', second);
      outlines.put('First', first);
      outlines.put('Last', second);
      doc.getTrailer().get('Root').put('Outlines', outlines);
    });
    const result = await redactAndProve(input);
    const outline = new mupdf.PDFDocument(result.pdf).loadOutline() ?? [];
    expect(outline.map((o) => o.title)).toEqual(['Statement of [s53(b)]', 'Timeline']);
    expect(outline[0]?.page).toBe(0);
  });

  it('deletes embedded files and file-attachment annotations', async () => {
    const b = newDoc();
    addPage(b, line(72, 700, BODY));
    const when = new Date('2025-03-01T00:00:00Z');
    const embedded = b.doc.addEmbeddedFile(
      'statement.txt',
      'text/plain',
      `Statement made by ${NAME}.`,
      when,
      when,
    );
    b.doc.insertEmbeddedFile('statement.txt', embedded);
    const attached = b.doc.addEmbeddedFile(
      'photo-notes.txt',
      'text/plain',
      `Photo shows ${NAME}`,
      when,
      when,
    );
    const page = b.doc.loadPage(0);
    const clip = page.createAnnotation('FileAttachment');
    clip.setRect([500, 700, 520, 720]);
    clip.setFileSpec(attached);
    page.update();
    const result = await redactAndProve(save(b.doc));
    expect(result.places.map((p) => p.where).sort()).toEqual(['attachment', 'attachment']);
    expect(Object.keys(new mupdf.PDFDocument(result.pdf).getEmbeddedFiles())).toEqual([]);
  });

  it('searches a switched-off layer and content behind an AllOff membership, and shows them redacted', async () => {
    const b = newDoc();
    const layer = b.doc.addObject({ Type: 'OCG', Name: 'Investigator notes' });
    const membership = b.doc.addObject({ Type: 'OCMD', OCGs: [layer], P: b.doc.newName('AllOff') });
    addPage(
      b,
      line(72, 700, BODY) +
        `/OC /L1 BDC ${line(72, 650, `Layer: ${NAME} was present`)} EMC\n` +
        `/OC /M1 BDC ${line(72, 620, `Membership: ${NAME} again`)} EMC\n`,
      { Properties: { L1: layer, M1: membership } },
    );
    b.doc
      .getTrailer()
      .get('Root')
      .put('OCProperties', { OCGs: [layer], D: { ON: [], OFF: [layer], Order: [layer] } });
    const result = await redactAndProve(save(b.doc));
    const text = plainFold(pageTexts(result.pdf)[0] ?? '');
    expect(text).toContain('layer:');
    expect(text).toContain('waspresent');
    expect(text).toContain('membership:');
    expect(result.places.filter((p) => p.where === 'text')).toHaveLength(2);
  });

  it('removes JavaScript, open actions and the structure tree with its alternate text', async () => {
    const input = hostile(({ doc }) => {
      const root = doc.getTrailer().get('Root');
      const js = doc.addObject({ S: doc.newName('JavaScript'), JS: doc.newString(`app.alert("${NAME}")`) });
      root.put('OpenAction', js);
      root.put('Names', { JavaScript: { Names: [doc.newString('greeting'), js] } });
      root.put(
        'StructTreeRoot',
        doc.addObject({
          Type: 'StructTreeRoot',
          K: doc.addObject({ S: 'Figure', Alt: doc.newString(`Photo of ${NAME}`) }),
        }),
      );
    });
    await redactAndProve(input);
  });
});
