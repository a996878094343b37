/**
 * A small, independent reader of PDF syntax (pure): content-stream tokens, string decoding and the
 * standard single-byte encodings. It is the basis of the second text engine used to verify a
 * release copy, so it deliberately shares no code with MuPDF's text extraction.
 */

export type Token =
  | { kind: 'number'; value: number }
  | { kind: 'name'; value: string }
  | { kind: 'string'; bytes: Uint8Array }
  | { kind: 'op'; value: string }
  | { kind: 'open-array' }
  | { kind: 'close-array' }
  | { kind: 'open-dict' }
  | { kind: 'close-dict' };

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

function isRegular(b: number | undefined): b is number {
  return b !== undefined && !WHITE.has(b) && !DELIM.has(b);
}

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

/**
 * Tokenizes PDF content (a content stream, or any PDF-syntax text). Tolerant: junk bytes are skipped,
 * and inline image data (between `ID` and `EI`) is stepped over.
 *
 * @example [...tokenize(new TextEncoder().encode('BT (Hi) Tj ET'))].map((t) => t.kind) // ['op', 'string', 'op', 'op']
 */
export function* tokenize(data: Uint8Array): Generator<Token> {
  const n = data.length;
  let i = 0;
  while (i < n) {
    const b = data[i] as number;
    if (WHITE.has(b)) {
      i++;
    } else if (b === 0x25) {
      while (i < n && data[i] !== 0x0a && data[i] !== 0x0d) i++;
    } else if (b === 0x28) {
      const [bytes, next] = readLiteral(data, i + 1);
      yield { kind: 'string', bytes };
      i = next;
    } else if (b === 0x3c && data[i + 1] === 0x3c) {
      yield { kind: 'open-dict' };
      i += 2;
    } else if (b === 0x3e && data[i + 1] === 0x3e) {
      yield { kind: 'close-dict' };
      i += 2;
    } else if (b === 0x3c) {
      const out: number[] = [];
      let high = -1;
      i++;
      while (i < n && data[i] !== 0x3e) {
        const v = hexValue(data[i] as number);
        i++;
        if (v < 0) continue;
        if (high < 0) high = v;
        else {
          out.push(high * 16 + v);
          high = -1;
        }
      }
      if (high >= 0) out.push(high * 16);
      i++;
      yield { kind: 'string', bytes: Uint8Array.from(out) };
    } else if (b === 0x5b) {
      yield { kind: 'open-array' };
      i++;
    } else if (b === 0x5d) {
      yield { kind: 'close-array' };
      i++;
    } else if (b === 0x2f) {
      let j = i + 1;
      let name = '';
      while (isRegular(data[j])) {
        const c = data[j] as number;
        if (c === 0x23 && j + 2 < n) {
          const v = hexValue(data[j + 1] as number) * 16 + hexValue(data[j + 2] as number);
          if (v >= 0) {
            name += String.fromCharCode(v);
            j += 3;
            continue;
          }
        }
        name += String.fromCharCode(c);
        j++;
      }
      yield { kind: 'name', value: name };
      i = j;
    } else if (b === 0x7b || b === 0x7d || b === 0x29 || b === 0x3e) {
      i++;
    } else {
      let j = i;
      while (isRegular(data[j])) j++;
      const word = latin1(data.subarray(i, j));
      i = j;
      const num = Number(word);
      if (word !== '' && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) && Number.isFinite(num)) {
        yield { kind: 'number', value: num };
      } else if (word === 'ID') {
        yield { kind: 'op', value: word };
        i = skipInlineImage(data, i);
      } else {
        yield { kind: 'op', value: word };
      }
    }
  }
}

function readLiteral(data: Uint8Array, start: number): [Uint8Array, number] {
  const out: number[] = [];
  let depth = 1;
  let i = start;
  const n = data.length;
  while (i < n) {
    const b = data[i] as number;
    if (b === 0x5c) {
      const e = data[i + 1];
      i += 2;
      switch (e) {
        case 0x6e:
          out.push(0x0a);
          break;
        case 0x72:
          out.push(0x0d);
          break;
        case 0x74:
          out.push(0x09);
          break;
        case 0x62:
          out.push(0x08);
          break;
        case 0x66:
          out.push(0x0c);
          break;
        case 0x0d:
          if (data[i] === 0x0a) i++;
          break;
        case 0x0a:
          break;
        case undefined:
          break;
        default:
          if (e >= 0x30 && e <= 0x37) {
            let v = e - 0x30;
            for (let k = 0; k < 2 && (data[i] ?? 0) >= 0x30 && (data[i] ?? 0) <= 0x37; k++) {
              v = v * 8 + ((data[i] as number) - 0x30);
              i++;
            }
            out.push(v & 0xff);
          } else {
            out.push(e);
          }
      }
      continue;
    }
    if (b === 0x28) depth++;
    if (b === 0x29) {
      depth--;
      if (depth === 0) return [Uint8Array.from(out), i + 1];
    }
    out.push(b);
    i++;
  }
  return [Uint8Array.from(out), n];
}

function skipInlineImage(data: Uint8Array, from: number): number {
  // The data ends at whitespace + "EI" + whitespace (or end); binary data may contain "EI" by chance,
  // which at worst makes us resume inside the image and skip a little junk.
  for (let i = from + 1; i + 1 < data.length; i++) {
    if (
      data[i] === 0x45 &&
      data[i + 1] === 0x49 &&
      WHITE.has(data[i - 1] as number) &&
      (i + 2 >= data.length || WHITE.has(data[i + 2] as number))
    ) {
      return i + 2;
    }
  }
  return data.length;
}

/** Bytes as ISO-8859-1 characters, one per byte (`latin1(Uint8Array.of(0x50, 0xf5))` is 'Põ'). */
export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** UTF-16 (big- or little-endian) code units from byte pairs starting at `offset` (`utf16(Uint8Array.of(1, 0x4d), true)` is 'ō'). */
export function utf16(bytes: Uint8Array, bigEndian: boolean, offset = 0): string {
  let s = '';
  const units: number[] = [];
  for (let i = offset; i + 1 < bytes.length; i += 2) {
    const a = bytes[i] as number;
    const b = bytes[i + 1] as number;
    units.push(bigEndian ? (a << 8) | b : (b << 8) | a);
    if (units.length === 8192) {
      s += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return s + String.fromCharCode(...units);
}

const PDF_DOC_HIGH: Record<number, number> = {
  0x18: 0x02d8,
  0x19: 0x02c7,
  0x1a: 0x02c6,
  0x1b: 0x02d9,
  0x1c: 0x02dd,
  0x1d: 0x02db,
  0x1e: 0x02da,
  0x1f: 0x02dc,
  0x80: 0x2022,
  0x81: 0x2020,
  0x82: 0x2021,
  0x83: 0x2026,
  0x84: 0x2014,
  0x85: 0x2013,
  0x86: 0x0192,
  0x87: 0x2044,
  0x88: 0x2039,
  0x89: 0x203a,
  0x8a: 0x2212,
  0x8b: 0x2030,
  0x8c: 0x201e,
  0x8d: 0x201c,
  0x8e: 0x201d,
  0x8f: 0x2018,
  0x90: 0x2019,
  0x91: 0x201a,
  0x92: 0x2122,
  0x93: 0xfb01,
  0x94: 0xfb02,
  0x95: 0x0141,
  0x96: 0x0152,
  0x97: 0x0160,
  0x98: 0x0178,
  0x99: 0x017d,
  0x9a: 0x0131,
  0x9b: 0x0142,
  0x9c: 0x0153,
  0x9d: 0x0161,
  0x9e: 0x017e,
  0xa0: 0x20ac,
};

/**
 * A PDF text string (in a dictionary: titles, metadata, field values) as Unicode: UTF-16BE or UTF-8
 * with their byte-order marks, PDFDocEncoding otherwise.
 *
 * @example decodeTextString(Uint8Array.from([0xfe, 0xff, 0x01, 0x4d])) // 'ō'
 */
export function decodeTextString(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, true, 2);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, false, 2);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder().decode(bytes.subarray(3));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(PDF_DOC_HIGH[b] ?? b);
  return s;
}

const WIN_ANSI_HIGH: Record<number, number> = {
  0x80: 0x20ac,
  0x82: 0x201a,
  0x83: 0x0192,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x88: 0x02c6,
  0x89: 0x2030,
  0x8a: 0x0160,
  0x8b: 0x2039,
  0x8c: 0x0152,
  0x8e: 0x017d,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x98: 0x02dc,
  0x99: 0x2122,
  0x9a: 0x0161,
  0x9b: 0x203a,
  0x9c: 0x0153,
  0x9e: 0x017e,
  0x9f: 0x0178,
};

/** The 256 characters of a base encoding, WinAnsi for unknown names (`baseEncoding('WinAnsiEncoding')[0x92]` is '’'). */
export function baseEncoding(name: string | undefined): string[] {
  const table: string[] = [];
  for (let b = 0; b < 256; b++) {
    let cp = b < 0x20 ? 0 : (WIN_ANSI_HIGH[b] ?? b);
    if (name === 'StandardEncoding') {
      if (b === 0x27) cp = 0x2019;
      if (b === 0x60) cp = 0x2018;
      if (b >= 0x80) cp = STANDARD_HIGH[b] ?? 0;
    } else if (name === 'MacRomanEncoding' && b >= 0x80) {
      cp = MAC_ROMAN_HIGH.codePointAt(b - 0x80) ?? 0;
    }
    table.push(cp === 0 ? '' : String.fromCodePoint(cp));
  }
  return table;
}

const STANDARD_HIGH: Record<number, number> = {
  0xa1: 0xa1,
  0xa2: 0xa2,
  0xa3: 0xa3,
  0xa5: 0xa5,
  0xa7: 0xa7,
  0xa9: 0x27,
  0xaa: 0x201c,
  0xab: 0xab,
  0xae: 0xfb01,
  0xaf: 0xfb02,
  0xb1: 0x2013,
  0xb7: 0x2022,
  0xb9: 0x201e,
  0xba: 0x201d,
  0xbb: 0xbb,
  0xbc: 0x2026,
  0xbf: 0xbf,
  0xd0: 0x2014,
  0xe1: 0xc6,
  0xe8: 0x141,
  0xe9: 0xd8,
  0xea: 0x152,
  0xf1: 0xe6,
  0xf5: 0x131,
  0xf8: 0x142,
  0xf9: 0xf8,
  0xfa: 0x153,
  0xfb: 0xdf,
};

const MAC_ROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

const ACCENTS: Record<string, string> = {
  acute: '\u0301',
  grave: '\u0300',
  circumflex: '\u0302',
  tilde: '\u0303',
  macron: '\u0304',
  dieresis: '\u0308',
  ring: '\u030a',
  cedilla: '\u0327',
  caron: '\u030c',
  breve: '\u0306',
  ogonek: '\u0328',
  dotaccent: '\u0307',
  hungarumlaut: '\u030b',
  commaaccent: '\u0326',
};

const GLYPH_NAMES: Record<string, string> = {
  space: ' ',
  exclam: '!',
  quotedbl: '"',
  numbersign: '#',
  dollar: '$',
  percent: '%',
  ampersand: '&',
  quotesingle: "'",
  parenleft: '(',
  parenright: ')',
  asterisk: '*',
  plus: '+',
  comma: ',',
  hyphen: '-',
  period: '.',
  slash: '/',
  colon: ':',
  semicolon: ';',
  less: '<',
  equal: '=',
  greater: '>',
  question: '?',
  at: '@',
  bracketleft: '[',
  backslash: '\\',
  bracketright: ']',
  asciicircum: '^',
  underscore: '_',
  grave: '`',
  braceleft: '{',
  bar: '|',
  braceright: '}',
  asciitilde: '~',
  quoteleft: '\u2018',
  quoteright: '\u2019',
  quotedblleft: '\u201c',
  quotedblright: '\u201d',
  endash: '\u2013',
  emdash: '\u2014',
  bullet: '\u2022',
  ellipsis: '\u2026',
  fi: 'fi',
  fl: 'fl',
  ff: 'ff',
  ffi: 'ffi',
  ffl: 'ffl',
  germandbls: 'ß',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  oslash: 'ø',
  Oslash: 'Ø',
  dotlessi: 'ı',
  lslash: 'ł',
  Lslash: 'Ł',
  eth: 'ð',
  Eth: 'Ð',
  thorn: 'þ',
  Thorn: 'Þ',
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  nbspace: '\u00a0',
  uni00A0: '\u00a0',
  minus: '\u2212',
  softhyphen: '\u00ad',
};

/**
 * The Unicode text of a glyph name (Adobe Glyph List conventions, the part that matters for names
 * and ordinary text): letters, digits, punctuation, accented letters ('omacron'), 'uniXXXX', 'uXXXXX'.
 *
 * @example glyphNameToUnicode('Omacron') // 'Ō'
 */
export function glyphNameToUnicode(name: string): string {
  const base = name.split('.')[0] ?? name;
  const known = GLYPH_NAMES[base];
  if (known !== undefined) return known;
  if (/^[A-Za-z]$/.test(base)) return base;
  const uni = /^uni([0-9A-Fa-f]{4})+$/.exec(base);
  if (uni) {
    let s = '';
    for (let k = 3; k < base.length; k += 4) s += String.fromCharCode(parseInt(base.slice(k, k + 4), 16));
    return s;
  }
  const u = /^u([0-9A-Fa-f]{4,6})$/.exec(base);
  if (u?.[1]) {
    const cp = parseInt(u[1], 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  }
  const accented =
    /^([A-Za-z])(acute|grave|circumflex|tilde|macron|dieresis|ring|cedilla|caron|breve|ogonek|dotaccent|hungarumlaut|commaaccent)$/.exec(
      base,
    );
  if (accented?.[1] && accented[2]) return (accented[1] + (ACCENTS[accented[2]] ?? '')).normalize('NFC');
  return '';
}
