import { describe, expect, it } from 'vitest';
import { parseToUnicode } from './cmap.ts';
import { baseEncoding, decodeTextString, glyphNameToUnicode, tokenize } from './pdf-syntax.ts';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('reading PDF syntax for the second text engine', () => {
  it('tokenizes literal strings with escapes, hex strings, names, numbers and operators', () => {
    const tokens = [
      ...tokenize(bytes('/F1 12 Tf (Nga\\151re \\(P\\)\\\\) Tj <4E67 61> Tj [(a) -20 (b)] TJ /Na#6De')),
    ];
    const strings = tokens
      .filter((t) => t.kind === 'string')
      .map((t) => (t.kind === 'string' ? Buffer.from(t.bytes).toString('latin1') : ''));
    expect(strings).toEqual(['Ngaire (P)\\', 'Nga', 'a', 'b']);
    expect(tokens[0]).toEqual({ kind: 'name', value: 'F1' });
    expect(tokens[1]).toEqual({ kind: 'number', value: 12 });
    expect(tokens.at(-1)).toEqual({ kind: 'name', value: 'Name' });
  });

  it('steps over inline image data', () => {
    const tokens = [...tokenize(bytes('BI /W 2 /H 1 ID \x00(\xff EI (after) Tj'))];
    expect(tokens.filter((t) => t.kind === 'string')).toHaveLength(1);
  });

  it('decodes text strings: UTF-16BE with its mark, PDFDocEncoding otherwise', () => {
    expect(decodeTextString(Uint8Array.from([0xfe, 0xff, 0x00, 0x50, 0x01, 0x4d]))).toBe('Pō');
    expect(decodeTextString(Uint8Array.from([0x4f, 0x90, 0x73]))).toBe('O’s');
  });

  it('knows the base encodings and glyph names', () => {
    expect(baseEncoding('WinAnsiEncoding')[0x92]).toBe('’');
    expect(baseEncoding('StandardEncoding')[0x27]).toBe('’');
    expect(baseEncoding('MacRomanEncoding')[0x80]).toBe('Ä');
    expect(glyphNameToUnicode('omacron')).toBe('ō');
    expect(glyphNameToUnicode('uni014D')).toBe('ō');
    expect(glyphNameToUnicode('u1F600')).toBe('😀');
    expect(glyphNameToUnicode('g123')).toBe('');
  });

  it('maps codes through a ToUnicode CMap (bfchar, bfrange, arrays, two-byte codes)', () => {
    const cmap = parseToUnicode(
      bytes(
        '1 begincodespacerange <0000> <FFFF> endcodespacerange ' +
          '1 beginbfchar <0001> <004E> endbfchar ' +
          '2 beginbfrange <0002> <0004> <0061> <0005> <0006> [<014D> <006F0304>] endbfrange',
      ),
      2,
    );
    expect(cmap.decode(Uint8Array.from([0, 1, 0, 2, 0, 4, 0, 5, 0, 6, 0, 9]))).toEqual([
      'N',
      'a',
      'c',
      'ō',
      'o\u0304',
      '',
    ]);
  });
});
