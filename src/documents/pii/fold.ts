/**
 * The comparison form of a word: no diacritics (so 'Pōtae' = 'Potae'), lower case, and without
 * apostrophes, ʻokina and hyphens (so "Fa'asavalu" = 'Faʻasavalu' = 'Faasavalu', 'Jae-won' = 'Jaewon').
 *
 * @example foldWord('Pōtae') // 'potae'
 * @example foldWord('Faʻasavalu') // 'faasavalu'
 */
export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\p{M}'’‘ʻ`´\-‐–]/gu, '')
    .toLowerCase();
}

/** A word of the text with its place and comparison form. */
export interface Token {
  start: number;
  end: number;
  text: string;
  folded: string;
  /** What lies between the previous token and this one ('' for the first). */
  gap: string;
}

// A word is letters (with combining marks), joined by internal apostrophes, ʻokina or hyphens.
const WORD = /[\p{L}\p{M}]+(?:['’‘ʻ\-‐][\p{L}\p{M}]+)*/gu;

const POSSESSIVE = /\p{L}{2}['’]s$/u;

/**
 * The words of a text, in order, with the gaps between them (names are matched across gaps made
 * only of spaces, a comma, or an initial's full stop).
 *
 * @example tokenize('Pōtae, Hēmi').map((t) => t.folded) // ['potae', 'hemi']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    // An English possessive is not part of the name: "Isla Williams's partner" names Isla Williams.
    const word = POSSESSIVE.test(m[0]) ? m[0].slice(0, -2) : m[0];
    const end = start + word.length;
    tokens.push({ start, end, text: word, folded: foldWord(word), gap: text.slice(last, start) });
    last = end;
  }
  return tokens;
}

/**
 * The joint used in lookup keys for the gap before a token: ' ' for one space or one line break,
 * ',' for a comma, '.' for an initial's full stop; `undefined` when the gap breaks a name.
 *
 * @example gapJoint(', ') // ','
 * @example gapJoint(' (') // undefined
 */
export function gapJoint(gap: string): string | undefined {
  // One space, or one line break (a name wrapped in extracted text); wider gaps are table columns.
  if (/^(?:[ \u00a0]|\r?\n)$/.test(gap)) return ' ';
  if (/^ ?, ?$/.test(gap)) return ',';
  if (/^\. ?$/.test(gap)) return '.';
  return undefined;
}
