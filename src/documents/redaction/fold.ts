/**
 * Folding text for withheld-text search. A withheld string must be found however the document
 * spells it: any letter case (including non-ASCII, 'PŌTAE' = 'pōtae'), Unicode form (NFC or NFD),
 * with or without macrons and other diacritics (typists and OCR drop them), any apostrophe style,
 * and with whitespace, line breaks, hyphenation and invisible characters anywhere inside it.
 *
 * Folding maps a string to a "key" in which all of those variants are equal, and remembers, for each
 * key character, which source unit (a character, or a glyph of a page) it came from, so that a match
 * in the key can be traced back to the glyphs to remove.
 */

/** Characters dropped from the key: whitespace, hyphens and dashes, soft hyphen, invisible format characters (invisible combining marks go with all marks). */
const DROPPED =
  /[\s\p{Zs}\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\p{Cc}-]/u;

/** Apostrophe look-alikes, all folded to U+0027. */
const APOSTROPHES = /['\u2018\u2019\u201a\u201b\u02bc\u02bb\u02b9\u02bd\u0060\u00b4\u2032\u2035\uff07]/u;

const COMBINING = /\p{M}/u;

const cache = new Map<string, string>();

/**
 * The key of one character (a grapheme unit as it comes from a PDF glyph or a string): possibly
 * empty (whitespace, hyphen, combining mark on its own) or longer than one (ligature 'ﬁ' → 'fi').
 *
 * @example foldChar('Ō') // 'o'
 * @example foldChar('’') // "'"
 * @example foldChar('ﬁ') // 'fi'
 */
export function foldChar(ch: string): string {
  const hit = cache.get(ch);
  if (hit !== undefined) return hit;
  let out = '';
  for (const point of ch) {
    if (APOSTROPHES.test(point)) {
      out += "'";
      continue;
    }
    for (const part of point.normalize('NFKD')) {
      if (DROPPED.test(part) || COMBINING.test(part)) continue;
      // Lower, upper, lower: full case folding for the letters that matter ('ẞ' → 'ß' → 'SS' → 'ss', 'ı' → 'i').
      out += part.toLowerCase().toUpperCase().toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
    }
  }
  if (cache.size < 10_000) cache.set(ch, out);
  return out;
}

/**
 * Folds a whole string to its search key.
 *
 * @example foldText('NGAIRE PŌTAE') === foldText('Ngaire Po\u0304tae') // true: both 'ngairepotae'
 */
export function foldText(text: string): string {
  const table = smallTable();
  const parts: string[] = [];
  let plainFrom = -1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const cu = text.charCodeAt(i);
    if (cu < TABLE_SIZE) {
      const folded = table[cu] as string;
      // Runs of characters that fold to themselves are copied in one slice.
      if (folded.length === 1 && folded.charCodeAt(0) === cu) {
        if (plainFrom < 0) plainFrom = i;
        continue;
      }
      if (plainFrom >= 0) parts.push(text.slice(plainFrom, i));
      plainFrom = -1;
      parts.push(folded);
      continue;
    }
    if (plainFrom >= 0) parts.push(text.slice(plainFrom, i));
    plainFrom = -1;
    const cp = text.codePointAt(i) ?? cu;
    if (cp > 0xffff) i++;
    parts.push(foldChar(String.fromCodePoint(cp)));
  }
  if (plainFrom >= 0) parts.push(text.slice(plainFrom));
  return parts.join('');
}

/** Characters below this code (Latin, Greek, Cyrillic and their marks) are folded through a table. */
const TABLE_SIZE = 0x0600;
let table: string[] | undefined;

function smallTable(): string[] {
  table ??= Array.from({ length: TABLE_SIZE }, (_, cu) => foldChar(String.fromCharCode(cu)));
  return table;
}

/** A folded sequence of source units: `key[i]` came from unit `owner[i]`. */
export interface FoldedUnits {
  key: string;
  /** For each UTF-16 code unit of `key`, the index of the source unit it came from. */
  owner: Int32Array;
}

/**
 * Folds a sequence of units (glyphs of a page, in some reading order), keeping the owner of each key
 * character so that matches map back to units.
 *
 * @example foldUnits(['P', 'ō', ' ', '-', 't']).key // 'pot'
 */
export function foldUnits(units: readonly string[]): FoldedUnits {
  const parts: string[] = [];
  const owners: number[] = [];
  units.forEach((unit, index) => {
    const folded = foldChar(unit);
    if (folded === '') return;
    parts.push(folded);
    for (let k = 0; k < folded.length; k++) owners.push(index);
  });
  return { key: parts.join(''), owner: Int32Array.from(owners) };
}

/**
 * Every occurrence of `needleKey` in `haystackKey` (overlapping ones too), as [start, end) key offsets.
 *
 * @example findAll('abab', 'ab') // [[0, 2], [2, 4]]
 */
export function findAll(haystackKey: string, needleKey: string): Array<[number, number]> {
  const hits: Array<[number, number]> = [];
  if (needleKey === '') return hits;
  let from = 0;
  for (;;) {
    const at = haystackKey.indexOf(needleKey, from);
    if (at < 0) return hits;
    hits.push([at, at + needleKey.length]);
    from = at + 1;
  }
}

/**
 * Whether `text` contains `needle` once both are folded.
 *
 * @example containsFolded('Kōrero with NGAIRE  PO\u0304-TAE.', 'Ngaire Pōtae') // true
 */
export function containsFolded(text: string, needle: string): boolean {
  const key = foldText(needle);
  return key !== '' && foldText(text).includes(key);
}

/**
 * Replaces every occurrence of the withheld strings in a short text (a bookmark title, a label) by
 * `replacement`; the rest of the text is kept as it was.
 *
 * @example redactString('Statement of NGAIRE PŌTAE', ['Ngaire Pōtae'], '[s53(b)]') // 'Statement of [s53(b)]'
 */
export function redactString(text: string, withheld: readonly string[], replacement: string): string {
  const units = Array.from(text);
  const folded = foldUnits(units);
  const cut = new Array<boolean>(units.length).fill(false);
  for (const needle of withheld) {
    for (const [start, end] of findAll(folded.key, foldText(needle))) {
      const first = folded.owner[start] ?? 0;
      let last = folded.owner[end - 1] ?? first;
      while (last + 1 < units.length && COMBINING.test(units[last + 1] ?? '')) last++;
      for (let k = first; k <= last; k++) cut[k] = true;
    }
  }
  let out = '';
  for (let k = 0; k < units.length; k++) {
    if (!cut[k]) out += units[k];
    else if (k === 0 || !cut[k - 1]) out += replacement;
  }
  return out;
}
