import { describe, expect, it } from 'vitest';
import { containsFolded, findAll, foldChar, foldText, foldUnits, redactString } from './fold.ts';

describe('folding text for withheld-text search', () => {
  it('makes letter case irrelevant, non-ASCII included', () => {
    expect(foldText('NGAIRE PŌTAE')).toBe(foldText('ngaire pōtae'));
    expect(foldText('ΣΟΦΊΑ')).toBe(foldText('σοφία'));
    expect(foldText('STRAẞE')).toBe(foldText('strasse'));
  });

  it('makes Unicode form and diacritics irrelevant (NFC, NFD, macron dropped)', () => {
    const nfc = 'Pōtae'.normalize('NFC');
    const nfd = 'Pōtae'.normalize('NFD');
    expect(nfc).not.toBe(nfd);
    expect(foldText(nfc)).toBe(foldText(nfd));
    expect(foldText('Potae')).toBe(foldText('Pōtae'));
    expect(foldText('Ngāti Pōneke')).toBe('ngatiponeke');
  });

  it('makes apostrophe style irrelevant', () => {
    for (const variant of ["O'Brien", 'O’Brien', 'OʼBrien', 'O‘Brien'])
      expect(foldText(variant)).toBe("o'brien");
  });

  it('drops whitespace, line breaks, hyphenation and invisible characters', () => {
    expect(foldText('Ngaire\n  Pō-\ntae')).toBe('ngairepotae');
    expect(foldText('Nga\u200bire\u00adPō\u2011tae')).toBe('ngairepotae');
  });

  it('expands ligatures and compatibility forms', () => {
    expect(foldChar('ﬁ')).toBe('fi');
    expect(foldText('Ｎｇａｉｒｅ')).toBe('ngaire');
  });

  it('keeps the owner of every key character', () => {
    const folded = foldUnits(['P', 'ō', ' ', 'ﬁ', '-', 't']);
    expect(folded.key).toBe('pofit');
    expect([...folded.owner]).toEqual([0, 1, 3, 3, 5]);
  });

  it('finds every occurrence, overlapping ones too', () => {
    expect(findAll('aaa', 'aa')).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(findAll('abc', '')).toEqual([]);
    expect(containsFolded('Seen with NGAIRE  PO\u0304-\nTAE today', 'Ngaire Pōtae')).toBe(true);
    expect(containsFolded('Seen with Ngaire today', 'Ngaire Pōtae')).toBe(false);
  });

  it('redacts a short text in place, keeping the words around it', () => {
    expect(redactString('Statement of NGAIRE PŌTAE, 3 May', ['Ngaire Pōtae'], '[s53(b)]')).toBe(
      'Statement of [s53(b)], 3 May',
    );
    expect(redactString('Po\u0304tae and Pōtae', ['Pōtae'], 'X')).toBe('X and X');
    expect(redactString('Nothing here', ['Pōtae'], 'X')).toBe('Nothing here');
  });
});
