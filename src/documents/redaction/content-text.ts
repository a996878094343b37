/**
 * The second text engine: our own reading of page content streams, independent of MuPDF's text
 * device. It decodes every string shown by Tj, TJ, ' and " through the font's ToUnicode CMap or its
 * encoding, follows form XObjects and annotation appearances, and also collects marked-content
 * ActualText/Alt/E strings. Drawing order is kept and nothing is dropped for being invisible,
 * clipped, white, tiny or off the page: if a string is in the content, it is in this text.
 */
import type * as mupdf from 'mupdf';
import { takeBytes } from './bytes.ts';
import { parseToUnicode, type ToUnicode } from './cmap.ts';
import { baseEncoding, decodeTextString, glyphNameToUnicode, tokenize, type Token } from './pdf-syntax.ts';

type PDFObject = mupdf.PDFObject;

interface FontDecoder {
  decode(bytes: Uint8Array): string[];
}

/** Text of one page: its content, form XObjects and annotation appearances, in drawing order. */
export interface ContentText {
  page: number;
  text: string;
}

/**
 * Extracts the text of every page by walking the content streams (the second engine).
 *
 * @example extractContentText(new mupdf.PDFDocument(bytes)).map((p) => p.text)
 */
export function extractContentText(doc: mupdf.PDFDocument): ContentText[] {
  const fontCache = new Map<string, FontDecoder>();
  const out: ContentText[] = [];
  const count = doc.countPages();
  for (let i = 0; i < count; i++) {
    const pageObj = doc.findPage(i);
    const parts: string[] = [];
    const resources = pageObj.getInheritable('Resources');
    for (const stream of contentStreams(pageObj.get('Contents'))) {
      runContent(readStreamSafe(stream), resources, parts, fontCache, 0, new Set());
    }
    const annots = pageObj.get('Annots');
    if (annots.isArray()) {
      for (let k = 0; k < annots.length; k++) {
        const ap = annots.get(k).get('AP');
        if (!ap.isDictionary()) continue;
        ap.forEach((appearance) => {
          const streams: PDFObject[] = [];
          if (appearance.isStream()) streams.push(appearance);
          else if (appearance.isDictionary())
            appearance.forEach((state) => state.isStream() && streams.push(state));
          for (const s of streams)
            runContent(readStreamSafe(s), s.get('Resources'), parts, fontCache, 1, new Set());
        });
      }
    }
    out.push({ page: i + 1, text: parts.join('') });
  }
  return out;
}

function contentStreams(contents: PDFObject): PDFObject[] {
  if (contents.isArray()) {
    const list: PDFObject[] = [];
    for (let k = 0; k < contents.length; k++) {
      const s = contents.get(k);
      if (s.isStream()) list.push(s);
    }
    return list;
  }
  return contents.isStream() ? [contents] : [];
}

/**
 * The decompressed bytes of a stream; the raw bytes when a filter cannot be undone.
 *
 * @example readStreamSafe(doc.findPage(0).get('Contents')) // the page's content stream, inflated
 */
export function readStreamSafe(stream: PDFObject): Uint8Array {
  try {
    return takeBytes(stream.readStream());
  } catch {
    try {
      return takeBytes(stream.readRawStream());
    } catch {
      return new Uint8Array();
    }
  }
}

function runContent(
  data: Uint8Array,
  resources: PDFObject,
  parts: string[],
  fontCache: Map<string, FontDecoder>,
  depth: number,
  visiting: Set<number>,
): void {
  let font: FontDecoder = fallbackDecoder;
  const fontStack: FontDecoder[] = [];
  let operands: Token[] = [];
  let arrayDepth = 0;
  let dictDepth = 0;
  const show = (bytes: Uint8Array): void => {
    parts.push(font.decode(bytes).join(''));
  };
  for (const token of tokenize(data)) {
    if (token.kind === 'open-array') arrayDepth++;
    if (token.kind === 'close-array') arrayDepth = Math.max(0, arrayDepth - 1);
    if (token.kind === 'open-dict') dictDepth++;
    if (token.kind === 'close-dict') dictDepth = Math.max(0, dictDepth - 1);
    if (token.kind !== 'op' || arrayDepth > 0 || dictDepth > 0) {
      operands.push(token);
      continue;
    }
    switch (token.value) {
      case 'q':
        fontStack.push(font);
        break;
      case 'Q':
        font = fontStack.pop() ?? font;
        break;
      case 'Tf': {
        const name = operands.find((t) => t.kind === 'name');
        if (name?.kind === 'name') font = fontDecoder(resources.get('Font', name.value), fontCache);
        break;
      }
      case 'Tj':
      case "'":
      case '"':
      case 'TJ':
        for (const t of operands) if (t.kind === 'string') show(t.bytes);
        parts.push('\n');
        break;
      case 'BDC':
      case 'DP':
        // Marked-content properties may carry replacement text (ActualText, Alt, E) inline or by name.
        for (const t of operands) if (t.kind === 'string') parts.push(decodeTextString(t.bytes), '\n');
        for (const t of operands) {
          if (t.kind !== 'name') continue;
          const props = resources.get('Properties', t.value);
          if (props.isDictionary()) {
            for (const key of ['ActualText', 'Alt', 'E', 'T']) {
              const v = props.get(key);
              if (v.isString()) parts.push(v.asString(), '\n');
            }
          }
        }
        break;
      case 'Do': {
        const name = operands.find((t) => t.kind === 'name');
        if (name?.kind !== 'name' || depth > 12) break;
        const xobj = resources.get('XObject', name.value);
        if (!xobj.isStream() || xobj.get('Subtype').asName() !== 'Form') break;
        const num = xobj.isIndirect() ? xobj.asIndirect() : -1;
        if (visiting.has(num)) break;
        visiting.add(num);
        const inner = xobj.get('Resources');
        runContent(
          readStreamSafe(xobj),
          inner.isDictionary() ? inner : resources,
          parts,
          fontCache,
          depth + 1,
          visiting,
        );
        visiting.delete(num);
        break;
      }
      case 'BT':
      case 'ET':
        parts.push('\n');
        break;
      default:
        break;
    }
    operands = [];
  }
}

const fallbackTable = baseEncoding('WinAnsiEncoding');
const fallbackDecoder: FontDecoder = { decode: (bytes) => [...bytes].map((b) => fallbackTable[b] ?? '') };

function fontDecoder(font: PDFObject, cache: Map<string, FontDecoder>): FontDecoder {
  if (!font.isDictionary()) return fallbackDecoder;
  const id = font.isIndirect() ? `r${font.asIndirect()}` : undefined;
  const hit = id ? cache.get(id) : undefined;
  if (hit) return hit;
  const decoder = buildFontDecoder(font);
  if (id) cache.set(id, decoder);
  return decoder;
}

function buildFontDecoder(font: PDFObject): FontDecoder {
  const subtype = font.get('Subtype').asName();
  const composite = subtype === 'Type0';
  const toUnicode = font.get('ToUnicode');
  let cmap: ToUnicode | undefined;
  if (toUnicode.isStream()) {
    try {
      cmap = parseToUnicode(readStreamSafe(toUnicode), composite ? 2 : 1);
    } catch {
      cmap = undefined;
    }
  }
  if (composite) {
    const identity: FontDecoder = {
      // Without a ToUnicode map, a two-byte code is often the Unicode value itself (or the glyph id,
      // which cannot be read): keep what can be read.
      decode: (bytes) => {
        const out: string[] = [];
        for (let i = 0; i + 1 < bytes.length; i += 2) {
          const code = ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
          out.push(code >= 0x20 ? String.fromCharCode(code) : '');
        }
        return out;
      },
    };
    if (!cmap) return identity;
    const map = cmap;
    return { decode: (bytes) => map.decode(bytes) };
  }
  const table = simpleEncoding(font);
  if (!cmap) return { decode: (bytes) => [...bytes].map((b) => table[b] ?? '') };
  const map = cmap;
  return {
    decode: (bytes) =>
      map.decode(bytes).map((text, k) => (text !== '' ? text : (table[bytes[k] as number] ?? ''))),
  };
}

function simpleEncoding(font: PDFObject): string[] {
  const encoding = font.get('Encoding');
  if (encoding.isName()) return baseEncoding(encoding.asName());
  if (!encoding.isDictionary()) return baseEncoding(undefined);
  const base = encoding.get('BaseEncoding');
  const table = baseEncoding(base.isName() ? base.asName() : undefined);
  const differences = encoding.get('Differences');
  if (differences.isArray()) {
    let code = 0;
    for (let k = 0; k < differences.length; k++) {
      const item = differences.get(k);
      if (item.isNumber()) code = item.asNumber();
      else if (item.isName()) {
        if (code >= 0 && code < 256) table[code] = glyphNameToUnicode(item.asName());
        code++;
      }
    }
  }
  return table;
}
