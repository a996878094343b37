/**
 * ToUnicode CMaps (pure): the mapping from a font's character codes to Unicode text, as written in
 * the PDF. Only what text extraction needs: code-space ranges (code lengths), bfchar and bfrange.
 */
import { tokenize, utf16, type Token } from './pdf-syntax.ts';

export interface ToUnicode {
  /** Splits a shown string into codes and maps each to its text ('' when unmapped). */
  decode(bytes: Uint8Array): string[];
}

interface Range {
  low: number;
  high: number;
  length: number;
}

function bytesToNumber(bytes: Uint8Array): number {
  let v = 0;
  for (const b of bytes) v = v * 256 + b;
  return v;
}

/**
 * Parses a ToUnicode CMap program.
 *
 * @example
 * const cmap = parseToUnicode(new TextEncoder().encode('1 begincodespacerange <00><FF> endcodespacerange 1 beginbfchar <41> <014D> endbfchar'));
 * cmap.decode(Uint8Array.from([0x41])) // ['ō']
 */
export function parseToUnicode(program: Uint8Array, defaultLength = 1): ToUnicode {
  const ranges: Range[] = [];
  const map = new Map<number, string>();
  const tokens: Token[] = [...tokenize(program)];
  let mode: 'space' | 'char' | 'range' | undefined;
  let operands: Token[] = [];
  for (const token of tokens) {
    if (token.kind === 'op') {
      switch (token.value) {
        case 'begincodespacerange':
          mode = 'space';
          operands = [];
          continue;
        case 'beginbfchar':
          mode = 'char';
          operands = [];
          continue;
        case 'beginbfrange':
          mode = 'range';
          operands = [];
          continue;
        case 'endcodespacerange':
        case 'endbfchar':
        case 'endbfrange':
          mode = undefined;
          continue;
        default:
          continue;
      }
    }
    if (!mode) continue;
    operands.push(token);
    if (mode === 'space' && operands.length === 2) {
      const [a, b] = operands;
      if (a?.kind === 'string' && b?.kind === 'string') {
        ranges.push({ low: bytesToNumber(a.bytes), high: bytesToNumber(b.bytes), length: a.bytes.length });
      }
      operands = [];
    } else if (mode === 'char' && operands.length === 2) {
      const [a, b] = operands;
      if (a?.kind === 'string' && b?.kind === 'string') map.set(key(a.bytes), utf16(b.bytes, true));
      operands = [];
    } else if (mode === 'range') {
      // <lo> <hi> <dst>  or  <lo> <hi> [ <dst> <dst> ... ]
      const [a, b, c] = operands;
      if (operands.length === 3 && c?.kind === 'open-array') continue;
      if (operands.length >= 3 && operands[2]?.kind === 'open-array') {
        if (token.kind !== 'close-array') continue;
        if (a?.kind === 'string' && b?.kind === 'string') {
          const lo = bytesToNumber(a.bytes);
          const items = operands.slice(3, -1);
          items.forEach((item, k) => {
            if (item.kind === 'string') map.set(codeKey(lo + k, a.bytes.length), utf16(item.bytes, true));
          });
        }
        operands = [];
      } else if (operands.length === 3) {
        if (a?.kind === 'string' && b?.kind === 'string' && c?.kind === 'string') {
          const lo = bytesToNumber(a.bytes);
          const hi = Math.min(bytesToNumber(b.bytes), lo + 65535);
          const dst = utf16(c.bytes, true);
          const last = dst.charCodeAt(dst.length - 1);
          for (let code = lo; code <= hi; code++) {
            map.set(
              codeKey(code, a.bytes.length),
              dst.slice(0, -1) + String.fromCharCode(last + (code - lo)),
            );
          }
        }
        operands = [];
      }
    }
  }
  const lengths = [...new Set(ranges.map((r) => r.length))].sort((x, y) => x - y);
  return {
    decode(bytes: Uint8Array): string[] {
      const out: string[] = [];
      let i = 0;
      while (i < bytes.length) {
        let length = 0;
        for (const len of lengths) {
          if (i + len > bytes.length) break;
          const code = bytesToNumber(bytes.subarray(i, i + len));
          if (ranges.some((r) => r.length === len && code >= r.low && code <= r.high)) {
            length = len;
            break;
          }
        }
        if (length === 0) length = Math.min(lengths[0] ?? defaultLength, bytes.length - i);
        out.push(map.get(key(bytes.subarray(i, i + length))) ?? '');
        i += length;
      }
      return out;
    },
  };
}

function key(bytes: Uint8Array): number {
  return bytesToNumber(bytes) * 8 + bytes.length;
}

function codeKey(code: number, length: number): number {
  return code * 8 + length;
}
