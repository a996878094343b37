/**
 * Scanning bytes and objects for withheld strings: the part of verification that does not trust any
 * text extractor. Every object of the file is read (dictionaries' strings and names, streams after
 * decompression), and the file's raw bytes are read too, including each stream found by its
 * `stream`…`endstream` keywords and inflated, so objects outside the cross-reference table (old
 * revisions, orphans) are seen as well.
 */
import { inflateSync, inflateRawSync } from 'node:zlib';
import type * as mupdf from 'mupdf';
import { foldText } from './fold.ts';
import { decodeTextString, latin1, tokenize, utf16 } from './pdf-syntax.ts';
import { readStreamSafe } from './content-text.ts';

/** A withheld string prepared for scanning. */
export interface Needle {
  text: string;
  key: string;
}

/**
 * Prepares withheld strings (blank ones are dropped).
 *
 * @example needlesOf(['Ngaire Pōtae', ' ']) // [{ text: 'Ngaire Pōtae', key: 'ngairepotae' }]
 */
export function needlesOf(withheld: readonly string[]): Needle[] {
  return [...new Set(withheld)].map((text) => ({ text, key: foldText(text) })).filter((n) => n.key !== '');
}

/**
 * The withheld strings found in a piece of text (already decoded).
 *
 * @example matchText('Seen by NGAIRE PŌTAE', needlesOf(['Ngaire Pōtae'])) // ['Ngaire Pōtae']
 */
export function matchText(text: string, needles: readonly Needle[]): string[] {
  if (text === '' || needles.length === 0) return [];
  const key = foldText(text);
  return needles.filter((n) => key.includes(n.key)).map((n) => n.text);
}

/**
 * Ways the same bytes may spell text: single-byte, UTF-8, UTF-16 either way, and PDF strings inside them.
 *
 * @example textsOfBytes(new TextEncoder().encode('Pōtae')).some((t) => t === 'Pōtae') // true (as UTF-8)
 */
export function textsOfBytes(bytes: Uint8Array): string[] {
  if (bytes.length === 0) return [];
  const texts = [latin1(bytes), new TextDecoder('utf-8', { fatal: false }).decode(bytes)];
  let zeros = 0;
  const sample = Math.min(bytes.length, 65536);
  for (let i = 0; i < sample; i++) if (bytes[i] === 0) zeros++;
  if (zeros > sample / 16) {
    texts.push(utf16(bytes, true, 0), utf16(bytes, true, 1), utf16(bytes, false, 0), utf16(bytes, false, 1));
  }
  if (looksLikeText(bytes)) texts.push(pdfStringsOf(bytes));
  return texts;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = Math.min(bytes.length, 4096);
  let printable = 0;
  for (let i = 0; i < sample; i++) {
    const b = bytes[i] as number;
    if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) printable++;
  }
  return printable > sample * 0.85;
}

/**
 * Every PDF string token in the bytes (literal with escapes, or hex), decoded, joined in order: so a
 * name split over several strings (`(Nga) Tj (ire) Tj`, `<4E6761>`) reads whole.
 *
 * @example pdfStringsOf(new TextEncoder().encode('(Nga) Tj <6972> Tj (e) Tj')) // 'Ngaire'
 */
export function pdfStringsOf(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (const token of tokenize(bytes)) {
    if (token.kind !== 'string') continue;
    parts.push(decodeTextString(token.bytes));
    if (token.bytes.length % 2 === 0 && token.bytes.length >= 4) parts.push(utf16(token.bytes, true));
  }
  return parts.join('');
}

/** Where a withheld string was found. */
export interface ObjectHit {
  text: string;
  /** e.g. `object 12 (stream)`, `trailer`, `file bytes at 1024`. */
  where: string;
}

/**
 * Scans every object of an open document: the trailer, then objects 1…n, each dictionary's strings
 * and names and each stream's decompressed bytes.
 *
 * @example scanObjects(doc, needlesOf(['Ngaire Pōtae'])) // [{ text: 'Ngaire Pōtae', where: 'object 7 (stream)' }]
 */
export function scanObjects(doc: mupdf.PDFDocument, needles: readonly Needle[]): ObjectHit[] {
  const hits: ObjectHit[] = [];
  const add = (texts: readonly string[], where: string): void => {
    const found = new Set<string>();
    for (const t of texts) for (const m of matchText(t, needles)) found.add(m);
    for (const text of found) hits.push({ text, where });
  };
  add(stringsOf(doc.getTrailer(), 0), 'trailer');
  const count = doc.countObjects();
  for (let num = 1; num < count; num++) {
    let obj: mupdf.PDFObject;
    const ref = doc.newIndirect(num);
    try {
      obj = ref.resolve();
    } catch {
      continue;
    }
    if (obj.isNull()) continue;
    add(stringsOf(obj, 0), `object ${num}`);
    // A stream is known as such through its reference, not through the resolved dictionary.
    if (ref.isStream()) add(textsOfBytes(readStreamSafe(ref)), `object ${num} (stream)`);
  }
  return hits;
}

/** The strings and names of an object, without following indirect references (each is visited on its own). */
function stringsOf(obj: mupdf.PDFObject, depth: number): string[] {
  const out: string[] = [];
  if (depth > 64) return out;
  if (obj.isIndirect()) return out;
  if (obj.isString()) {
    const bytes = obj.asByteString();
    out.push(obj.asString(), decodeTextString(bytes), latin1(bytes));
    if (bytes.length >= 4 && bytes.length % 2 === 0) out.push(utf16(bytes, true));
  } else if (obj.isName()) {
    out.push(obj.asName());
  } else if (obj.isArray() || obj.isDictionary()) {
    const parts: string[] = [];
    obj.forEach((value, key) => {
      if (typeof key === 'string') parts.push(key);
      for (const s of stringsOf(value, depth + 1)) parts.push(s);
    });
    // One by one (a value on its own) and joined (a value split over an array of strings).
    out.push(...parts, parts.join(''));
  }
  return out;
}

/**
 * Scans a file's raw bytes: the whole file as text, and every stream between `stream` and
 * `endstream` inflated when it is Flate-compressed. Reaches what the cross-reference table no longer
 * points to (earlier revisions, orphaned objects).
 *
 * @example scanFileBytes(bytes, needlesOf(['Ngaire Pōtae'])) // [] for a clean copy
 */
export function scanFileBytes(bytes: Uint8Array, needles: readonly Needle[]): ObjectHit[] {
  const hits: ObjectHit[] = [];
  const add = (texts: readonly string[], where: string): void => {
    const found = new Set<string>();
    for (const t of texts) for (const m of matchText(t, needles)) found.add(m);
    for (const text of found) hits.push({ text, where });
  };
  const text = latin1(bytes);
  add([...textsOfBytes(bytes), pdfStringsOf(bytes)], 'file bytes');
  let from = 0;
  for (;;) {
    const at = text.indexOf('stream', from);
    if (at < 0) break;
    from = at + 6;
    if (text.startsWith('endstream', at - 3)) continue;
    let start = at + 6;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const raw = bytes.subarray(start, end);
    const inflated = inflateLoose(raw);
    if (inflated) add(textsOfBytes(inflated), `file bytes at ${start} (inflated stream)`);
    from = end + 9;
  }
  return hits;
}

function inflateLoose(raw: Uint8Array): Uint8Array | undefined {
  for (const f of [inflateSync, inflateRawSync]) {
    try {
      return new Uint8Array(f(raw, { finishFlush: 2 }));
    } catch {
      // not Flate data, or not from the start: try the next way
    }
  }
  return undefined;
}
