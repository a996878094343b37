import { describe, expect, it } from 'vitest';
import * as mupdf from 'mupdf';
import { redactPdf } from './redact.ts';
import { verifyReleaseCopy } from './verify.ts';
import {
  AFTER,
  BEFORE,
  NAME,
  addPage,
  greyImage,
  independentFinds,
  line,
  lit,
  newDoc,
  pageCount,
  pageTexts,
  plainFold,
  save,
  sentence,
} from './hostile.fixtures.ts';

/** Redacts NAME and proves, with our verifier and an independent reader, that nothing of it survives. */
async function redactAndProve(input: Uint8Array, find: string[] = [NAME]) {
  expect(
    (await verifyReleaseCopy(input, find)).length,
    'the hostile file does hide the name',
  ).toBeGreaterThan(0);
  const result = await redactPdf(input, { find }, 's53(b)', { ocr: 'never' });
  for (const text of find) {
    expect(await verifyReleaseCopy(result.pdf, [text])).toEqual([]);
    expect(await independentFinds(result.pdf, text)).toEqual([]);
  }
  expect(result.pages).toBe(pageCount(input));
  expect(pageCount(result.pdf)).toBe(pageCount(input));
  expect(result.notFound).toEqual([]);
  const texts = pageTexts(result.pdf).map(plainFold);
  return { result, texts, all: texts.join('\n') };
}

const neighbours = (all: string) => {
  expect(all).toContain(plainFold(BEFORE));
  expect(all).toContain(plainFold(AFTER));
};

describe('true redaction of page content', () => {
  it('removes the name and keeps the words around it, with a labelled box', async () => {
    const b = newDoc();
    addPage(b, sentence());
    const { result, all } = await redactAndProve(save(b.doc));
    neighbours(all);
    expect(all).toContain('s53(b)');
    expect(all).toContain(plainFold('Nothing else of note happened.'));
    expect(result.redactions).toBe(1);
  });

  it('finds the name in any letter case and Unicode form (NGAIRE PŌTAE, decomposed ō)', async () => {
    const b = newDoc();
    // A font whose ToUnicode map gives "o" + combining macron for code 0x80: NFD text.
    const nfdFont = b.doc.addObject({
      Type: 'Font',
      Subtype: 'Type1',
      BaseFont: 'Helvetica',
      Encoding: {
        Type: 'Encoding',
        BaseEncoding: 'WinAnsiEncoding',
        Differences: [128, b.doc.newName('omacron')],
      },
      ToUnicode: b.doc.addStream(
        '/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FF> endcodespacerange ' +
          '1 beginbfchar <80> <006F0304> endbfchar 1 beginbfrange <20> <7E> <0020> endbfrange endcmap end end',
        {},
      ),
    });
    addPage(
      b,
      line(72, 700, `${BEFORE} NGAIRE PŌTAE ${AFTER}.`) +
        `BT /F2 12 Tf 72 660 Td (Later: Ngaire P\\200tae left) Tj ET\n` +
        line(72, 620, 'Seen with ngaire pōtae, then Ngāire.'),
      { Font: { F1: b.font, F2: nfdFont } },
    );
    const { result, all } = await redactAndProve(save(b.doc));
    neighbours(all);
    expect(all).toContain(plainFold('Later:'));
    expect(all).toContain(plainFold('left'));
    expect(all).toContain(plainFold('Ngāire.'));
    expect(result.redactions).toBe(3);
  });

  it('finds a name with any apostrophe style', async () => {
    const b = newDoc();
    addPage(b, line(72, 700, `${BEFORE} Hemi O’Brien ${AFTER}.`) + line(72, 680, "and HEMI O'BRIEN again."));
    const { all, result } = await redactAndProve(save(b.doc), ["Hemi O'Brien"]);
    neighbours(all);
    expect(all).toContain('again');
    expect(result.redactions).toBe(2);
  });

  it('finds text split across Tj/TJ operators and across content streams', async () => {
    const b = newDoc();
    addPage(b, [
      `BT /F1 12 Tf 72 700 Td ${lit(`${BEFORE} Nga`)} Tj`,
      `${lit('ire P')} Tj [${lit('ō')} -20 ${lit('t')} 15 ${lit('ae')}] TJ ${lit(` ${AFTER}.`)} Tj ET`,
    ]);
    neighbours((await redactAndProve(save(b.doc))).all);
  });

  it('finds text drawn one glyph at a time, kerned, and out of order', async () => {
    const b = newDoc();
    const glyphs = [...NAME];
    const widths = glyphs.map((ch) => (ch === ' ' ? 3.3 : ch === 'i' || ch === 't' ? 3 : 6.7));
    let x = 150;
    // Drawn from the last glyph to the first, each on its own.
    const placed = glyphs.map((ch, k) => {
      const at = x;
      x += widths[k] ?? 6;
      return `BT /F1 12 Tf 1 0 0 1 ${at.toFixed(2)} 700 Tm ${lit(ch)} Tj ET\n`;
    });
    addPage(
      b,
      line(72, 700, BEFORE) +
        placed.reverse().join('') +
        line(x + 4, 700, `${AFTER}.`) +
        `BT /F1 12 Tf 72 650 Td [${lit('Seen by')} -250 ${lit('N')} 40 ${lit('ga')} -30 ${lit('ire')} -250 ${lit('Pō')} 60 ${lit('tae')}] TJ ET\n`,
    );
    const { all, result } = await redactAndProve(save(b.doc));
    neighbours(all);
    expect(all).toContain('seenby');
    expect(result.redactions).toBe(2);
  });

  it('finds a name wrapped across lines, hyphenated, and across two columns', async () => {
    const b = newDoc();
    addPage(
      b,
      line(72, 700, `${BEFORE} Ngaire`) +
        line(72, 686, `Pōtae ${AFTER}.`) +
        line(72, 640, 'Then Ngaire Pō-') +
        line(72, 626, 'tae signed the form.') +
        // Two columns: the left ends with the first name, the right starts with the surname.
        line(72, 500, 'Left column text, first.') +
        line(72, 486, 'Statement taken from Ngaire') +
        line(320, 500, 'Pōtae, in the right column.') +
        line(320, 486, 'Right column continues.'),
    );
    const { all, result } = await redactAndProve(save(b.doc));
    neighbours(all);
    for (const kept of ['Then', 'signed the form.', 'Statement taken from', 'in the right column.']) {
      expect(all).toContain(plainFold(kept));
    }
    expect(result.redactions).toBe(3);
  });

  it('removes only the rotated glyphs of the name, not their rotated neighbours', async () => {
    const b = newDoc();
    addPage(
      b,
      `BT /F1 12 Tf 0.7071 0.7071 -0.7071 0.7071 150 200 Tm ${lit(`${BEFORE} ${NAME} ${AFTER}`)} Tj ET\n` +
        `BT /F1 12 Tf 0 1 -1 0 500 100 Tm ${lit(`Up: ${NAME} went`)} Tj ET\n`,
    );
    const { all } = await redactAndProve(save(b.doc));
    neighbours(all);
    expect(all).toContain('up:');
    expect(all).toContain('went');
  });

  it('keeps every neighbouring word on tightly spaced lines', async () => {
    const b = newDoc();
    addPage(
      b,
      `BT /F1 12 Tf 8 TL 72 700 Td ${lit('alpha beta gamma delta epsilon')} Tj T* ${lit(`zeta ${NAME} theta`)} Tj T* ${lit('iota kappa lambda mu nu')} Tj ET\n` +
        line(72, 600, `${BEFORE} x ${AFTER}`),
    );
    const { all } = await redactAndProve(save(b.doc));
    expect(all).toContain('alphabetagammadeltaepsilon');
    expect(all).toContain('iotakappalambdamunu');
    expect(all).toContain('zeta');
    expect(all).toContain('theta');
  });

  it('finds white, invisible (render mode 3), tiny, clipped and off-page text', async () => {
    const b = newDoc();
    addPage(
      b,
      sentence() +
        `BT 1 1 1 rg /F1 12 Tf 72 560 Td ${lit(`white ${NAME} text`)} Tj ET\n` +
        `BT 3 Tr /F1 12 Tf 72 540 Td ${lit(`invisible ${NAME} text`)} Tj ET\n` +
        `BT /F1 0.5 Tf 72 520 Td ${lit(`tiny ${NAME} text`)} Tj ET\n` +
        `q 0 0 10 10 re W n BT /F1 12 Tf 72 500 Td ${lit(`clipped ${NAME} text`)} Tj ET Q\n` +
        `BT /F1 12 Tf 700 400 Td ${lit(`off page ${NAME}`)} Tj ET\n` +
        `BT /F1 12 Tf -400 380 Td ${lit(`left of page ${NAME}`)} Tj ET\n`,
    );
    const { all, result } = await redactAndProve(save(b.doc));
    neighbours(all);
    expect(result.redactions).toBe(7);
    for (const kept of ['white', 'invisible', 'tiny', 'clipped', 'offpage']) expect(all).toContain(kept);
  });

  it('finds text hidden under an image and text outside the crop box', async () => {
    const b = newDoc();
    const image = greyImage(b.doc);
    const page = addPage(
      b,
      sentence() +
        line(72, 400, `Under ${NAME} cover`) +
        'q 200 0 0 40 60 390 cm /Im1 Do Q\n' +
        line(400, 100, `Cropped ${NAME} away`),
      { XObject: { Im1: image } },
    );
    page.put('CropBox', [0, 300, 612, 792]);
    const { all } = await redactAndProve(save(b.doc));
    neighbours(all);
    expect(all).toContain('under');
  });

  it('redacts a form XObject shared by two pages on both, keeping the page count', async () => {
    const b = newDoc();
    const form = b.doc.addStream(`BT /F1 12 Tf 0 0 Td ${lit(`Header: ${NAME}, case 41`)} Tj ET`, {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, 400, 20],
      Resources: { Font: { F1: b.font } },
    });
    addPage(b, 'q 1 0 0 1 72 740 cm /Hd Do Q\n' + sentence(), { XObject: { Hd: form } });
    addPage(b, 'q 1 0 0 1 72 740 cm /Hd Do Q\n' + line(72, 700, 'Second page body.'), {
      XObject: { Hd: form },
    });
    const { texts, result } = await redactAndProve(save(b.doc));
    expect(texts[0]).toContain('header:');
    expect(texts[1]).toContain('header:');
    expect(texts[1]).toContain('case41');
    expect(texts[1]).toContain('secondpagebody.');
    expect(result.redactions).toBe(3);
  });

  it('finds text in a composite (Identity-H) font with glyph-id codes', async () => {
    const b = newDoc();
    const font = new mupdf.Font('Helvetica');
    const cid = b.doc.addFont(font);
    const hex = (text: string) =>
      `<${[...text]
        .map((ch) =>
          font
            .encodeCharacter(ch.codePointAt(0) ?? 32)
            .toString(16)
            .padStart(4, '0'),
        )
        .join('')}>`;
    addPage(
      b,
      `BT /F9 12 Tf 72 700 Td ${hex(`${BEFORE} `)} Tj ${hex('Ngaire Pō')} Tj ${hex(`tae ${AFTER}`)} Tj ET`,
      {
        Font: { F1: b.font, F9: cid },
      },
    );
    neighbours((await redactAndProve(save(b.doc))).all);
  });

  it('finds a name given only as marked-content replacement text (ActualText)', async () => {
    const b = newDoc();
    addPage(
      b,
      sentence() +
        `/Span <</ActualText ${lit(`Witness ${NAME}`)}>> BDC BT /F1 12 Tf 72 600 Td (Witness XXXXXX XXXXX) Tj ET EMC\n`,
    );
    neighbours((await redactAndProve(save(b.doc))).all);
  });

  it('withholds a whole page as a labelled blank page and redacts an area, keeping the page count', async () => {
    const b = newDoc();
    addPage(b, sentence());
    addPage(b, line(72, 700, `Private: ${NAME} medical notes.`));
    addPage(b, line(72, 700, 'Signature block below.') + line(72, 600, 'SIGNED Hemi Walker'));
    const input = save(b.doc);
    const result = await redactPdf(
      input,
      {
        find: [NAME],
        pages: [{ page: 2, ground: 's49(1)(b)' }],
        areas: [{ page: 3, rect: [60, 180, 300, 200] }],
      },
      's53(b)',
      { ocr: 'never' },
    );
    expect(result.pages).toBe(3);
    expect(pageCount(result.pdf)).toBe(3);
    expect(await independentFinds(result.pdf, NAME)).toEqual([]);
    expect(await independentFinds(result.pdf, 'medical notes')).toEqual([]);
    expect(await independentFinds(result.pdf, 'Hemi Walker')).toEqual([]);
    const texts = pageTexts(result.pdf).map(plainFold);
    expect(texts[1]).toContain(plainFold('Page withheld in full: s49(1)(b)'));
    expect(texts[2]).toContain(plainFold('Signature block below.'));
  });
});
