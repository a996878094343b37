import nlp from 'compromise';
import { foldWord, gapJoint, tokenize, type Token } from './fold.ts';
import { AMBIGUOUS, GIVEN_NAMES, NOT_NAMES, PLACES, RELATION_WORDS, SURNAMES, TITLES } from './names.data.ts';
import type { KnownPerson, Span } from './types.ts';

/** A PERSON suggestion before overlaps are settled. */
export type NameSpan = Span & { type: 'PERSON' };

// compromise's lexicon (~25k words with their part of speech) tells ordinary words from names and
// adds ~3,000 given names and ~900 surnames from around the world to our NZ lists.
const lexicon = (
  nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }
).model().one.lexicon;
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Honorific']);
const lexiconTags = (word: string): string[] => {
  const tag = lexicon[word];
  return tag === undefined ? [] : Array.isArray(tag) ? tag : [tag];
};
/** Our NZ given names: trusted alone (a capitalised 'Hēmi' mid-sentence is a name). */
const nzGiven = new Set(GIVEN_NAMES.map(foldKey));
const given = new Set([...nzGiven]);
const surname = new Set(SURNAMES.map(foldKey));
for (const word of Object.keys(lexicon)) {
  const tags = lexiconTags(word);
  if (word.includes(' ')) continue;
  if (tags.some((t) => t === 'FirstName' || t === 'MaleName' || t === 'FemaleName'))
    given.add(foldWord(word));
  if (tags.includes('LastName')) surname.add(foldWord(word));
}
const ambiguous = new Set(AMBIGUOUS.map(foldKey));
const notName = new Set([...NOT_NAMES, ...PLACES.flatMap((p) => p.split(/\s+/))].map(foldKey));
// A word that is not a name even next to one ('The', 'Prison', 'March'); names that are also places or
// words ('Hamilton', 'Aroha') stay usable next to another name.
// Title and role words ('Detective', 'Case Manager') never start or continue a name either.
const titleWords = TITLES.flatMap((t) => t.words.split(' '));
const hardStop = new Set([...notName, ...titleWords].filter((w) => !given.has(w) && !surname.has(w)));
const relation = new Set(RELATION_WORDS.map(foldKey));
const titles = TITLES.map((t) => ({ words: t.words.split(' '), staff: t.staff }));
const maxTitleWords = Math.max(...titles.map((t) => t.words.length));
// Surnames of two or more words ('Te Whata', 'Dela Cruz'), found by their first word.
const multiword = new Map<string, string[][]>();
for (const name of [...SURNAMES, ...GIVEN_NAMES]) {
  const parts = name.split(/\s+/).map(foldWord);
  if (parts.length < 2) continue;
  const first = parts[0] ?? '';
  multiword.set(first, [...(multiword.get(first) ?? []), parts]);
}
const PARTICLES = new Set([
  'te',
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'dela',
  'delos',
  'da',
  'di',
  'du',
  'la',
  'le',
  'bin',
  'binti',
  'ah',
  'ap',
]);
const GREETINGS =
  /(?:^|\n)[ \t]*(?:dear|hi|hello|kia ora|tēnā koe|tena koe|talofa(?: lava)?|mālō e lelei|malo e lelei|kia orana|ni sa bula|fakaalofa lahi atu)[ \t,]*$/i;
const HEADERS =
  /(?:^|\n)[ \t]*(?:from|to|cc|bcc|attention|attn|name|full name|prisoner|prisoner name|offender|patient|staff member|officer|reported by|completed by|prepared by|signed|author|requester|complainant|witness|visitor|next of kin|nok|contact person|emergency contact)[ \t]*:[ \t]*$/i;
const SIGNOFF =
  /(?:ngā mihi|nga mihi|nāku noa,? nā|naku noa,? na|regards|kind regards|thanks|thank you|cheers|yours sincerely|yours faithfully|mauri ora|noho ora mai)[ \t,.]*\r?\n[ \t]*$/i;

// Any form label at the start of a line ('Accused: ', 'Driver: '): weaker than the known headers.
const LABEL = /(?:^|\n)[ \t]*\p{Lu}[\p{L} ]{1,30}:[ \t]*$/u;

// A staff role right after a name ('Aroha Te Whata, Case Manager'; a signature's next line).
const STAFF_ROLES = TITLES.filter(
  (t) =>
    t.staff && (t.words.includes(' ') || ['nurse', 'psychologist', 'chaplain', 'officer'].includes(t.words)),
).map((t) => t.words.replace(/ /g, String.raw`\s+`));
const STAFF_ROLE_AFTER = new RegExp(
  String.raw`^[ \t]*(?:,[ \t]*|\(|\r?\n[ \t]*)(?:${STAFF_ROLES.join('|')})\b`,
  'i',
);

/** Whether a folded word is an ordinary English word rather than a name ('later' yes, 'owen' no). */
function isWord(folded: string): boolean {
  const tags = lexiconTags(folded);
  return tags.length > 0 && !tags.some((t) => NAME_TAGS.has(t));
}

function foldKey(name: string): string {
  return name.split(/\s+/).map(foldWord).join(' ');
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

function isAllCaps(word: string): boolean {
  return word.length >= 2 && word === word.toUpperCase() && /\p{Lu}/u.test(word);
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The end of the title or role word(s) right before token `i`, if any ('CO', 'Corrections Officer', 'Mr.'). */
function titleBefore(tokens: Token[], i: number): { staff: boolean; start: number } | undefined {
  let best: { staff: boolean; start: number; len: number } | undefined;
  for (const t of titles) {
    const n = t.words.length;
    if (n > maxTitleWords || i - n < 0) continue;
    let ok = true;
    for (let k = 0; k < n; k++) {
      const tok = tokens[i - n + k];
      const gap = tokens[i - n + k + 1]?.gap ?? '';
      const joint = gapJoint(gap);
      // A title is on the name's own line: 'PRISONER' ending a heading does not name the next line.
      if (!tok || tok.folded !== t.words[k] || (joint !== ' ' && joint !== '.') || gap.includes('\n'))
        ok = false;
    }
    // Lower-case 'co' is a word fragment, not a title: only 'CO'/'Co' count.
    const first = tokens[i - n];
    if (ok && first && n === 1 && t.words[0] === 'co' && !isCapitalised(first.text)) ok = false;
    if (ok && first && (!best || n > best.len)) best = { staff: t.staff, start: first.start, len: n };
  }
  return best ? { staff: best.staff, start: best.start } : undefined;
}

/** Context on the same line before `start`: a greeting, a 'Name:' header, a sign-off line, a kin word. */
function contextBefore(
  text: string,
  tokens: Token[],
  i: number,
): 'greeting' | 'header' | 'label' | 'relation' | undefined {
  const tok = tokens[i];
  if (!tok) return undefined;
  const before = text.slice(Math.max(0, tok.start - 60), tok.start);
  if (GREETINGS.test(before)) return 'greeting';
  if (HEADERS.test(before)) return 'header';
  if (LABEL.test(before)) return 'label';
  if (SIGNOFF.test(text.slice(Math.max(0, tok.start - 40), tok.start))) return 'header';
  const prev = tokens[i - 1];
  if (prev && relation.has(prev.folded) && tok.gap === ' ' && !isCapitalised(prev.text)) return 'relation';
  return undefined;
}

function sentenceInitial(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 6), start);
  return /(?:^|[.!?:;"“(•\-–*]|\n)[ \t]*$/.test(before);
}

/** A name unit: one word, or a multi-word surname taken whole ('Te Whata'). */
interface Unit {
  first: number;
  last: number;
  folded: string;
}

function unitsOf(tokens: Token[], from: number, to: number): Unit[] {
  const units: Unit[] = [];
  let i = from;
  while (i <= to) {
    const tok = tokens[i];
    if (!tok) break;
    let taken = false;
    for (const parts of multiword.get(tok.folded) ?? []) {
      const end = i + parts.length - 1;
      if (end > to) continue;
      if (parts.every((p, k) => tokens[i + k]?.folded === p)) {
        units.push({ first: i, last: end, folded: parts.join(' ') });
        i = end + 1;
        taken = true;
        break;
      }
    }
    if (!taken) {
      units.push({ first: i, last: i, folded: tok.folded });
      i++;
    }
  }
  return units;
}

function listHit(u: Unit): 'given' | 'surname' | undefined {
  if (given.has(u.folded)) return 'given';
  if (surname.has(u.folded)) return 'surname';
  return undefined;
}

/** Names from titles, context and the name lists. */
function heuristicNames(text: string, tokens: Token[]): NameSpan[] {
  const out: NameSpan[] = [];
  const canStart = (t: Token, k: number): boolean => {
    if (!isCapitalised(t.text)) return false;
    // 'Te Rangi Whaanga', 'Mr Te Huki', 'Van der Berg': a capitalised particle starts a name before another capitalised word.
    const next = tokens[k + 1];
    if (PARTICLES.has(t.folded))
      return next !== undefined && next.gap === ' ' && isCapitalised(next.text) && !hardStop.has(next.folded);
    return (
      !hardStop.has(t.folded) &&
      !(isAllCaps(t.text) && t.text.length <= 3 && !given.has(t.folded) && !surname.has(t.folded))
    );
  };
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i];
    if (!first || !canStart(first, i)) {
      i++;
      continue;
    }
    // Extend over capitalised words (and name particles such as 'te', 'van') joined by spaces.
    let j = i;
    while (j + 1 < tokens.length && j - i < 4) {
      const next = tokens[j + 1];
      const cur = tokens[j];
      if (!next || !cur) break;
      const joint = gapJoint(next.gap);
      const initialDot = joint === '.' && cur.text.length === 1;
      if (joint !== ' ' && !initialDot) break;
      // Across a line break only into a listed name: form labels and headings start lines too.
      if (
        next.gap.includes('\n') &&
        !given.has(next.folded) &&
        !surname.has(next.folded) &&
        !multiword.has(next.folded)
      )
        break;
      const particle =
        PARTICLES.has(next.folded) && tokens[j + 2] && isCapitalised(tokens[j + 2]?.text ?? '');
      if (
        !(isCapitalised(next.text) && !hardStop.has(next.folded)) &&
        !particle &&
        !multiword.has(next.folded)
      )
        break;
      if (multiword.has(next.folded) && !isCapitalised(next.text) && !particle) break;
      j++;
    }
    // A capitalised sentence opener that is an ordinary word ('Later Hemi said') is not part of the name.
    let from = i;
    if (
      j > i &&
      sentenceInitial(text, first.start) &&
      !given.has(first.folded) &&
      !surname.has(first.folded) &&
      isWord(first.folded)
    )
      from = i + 1;
    const units = unitsOf(tokens, from, j);
    const span = scoreRun(text, tokens, from, j, units);
    if (span) out.push(span);
    i = j + 1;
  }
  return out;
}

function scoreRun(text: string, tokens: Token[], i: number, j: number, units: Unit[]): NameSpan | undefined {
  const first = tokens[i];
  const last = tokens[j];
  if (!first || !last) return undefined;
  const hits = units.map(listHit);
  const named = units.filter((u, k) => hits[k] !== undefined && tokens[u.first]?.text.length !== 1);
  const title = titleBefore(tokens, i);
  const roleAfter = STAFF_ROLE_AFTER.test(text.slice(last.end, last.end + 60));
  const ctx = title ? undefined : (contextBefore(text, tokens, i) ?? (roleAfter ? 'header' : undefined));
  const firstHit = hits[0];
  const lastHit = hits[hits.length - 1];
  const soft = (u: Unit): boolean => ambiguous.has(u.folded) || notName.has(u.folded);
  const headingCaps = tokens.slice(i, j + 1).every((t) => isAllCaps(t.text));
  const lineStart = sentenceInitial(text, first.start);
  let score = 0;
  // Scores below 0.7 are not used to find later mentions (see laterMentions), so weak guesses stay local.
  if (title) score = named.length > 0 ? 0.92 : headingCaps ? 0 : 0.85;
  else if (ctx === 'header' || ctx === 'greeting')
    score = named.length > 0 ? 0.88 : units.length >= 2 ? 0.6 : 0;
  // After a form label, a name needs a listed word that is not also a place or unit ('Unit: Kōwhai West').
  else if (ctx === 'label') {
    const person = named.filter((u) => !notName.has(u.folded));
    score = person.length > 0 && !person.every(soft) ? 0.8 : person.length > 0 && units.length >= 2 ? 0.7 : 0;
  } else if (ctx === 'relation')
    score = named.length > 0 ? 0.82 : units.length >= 2 ? 0.72 : lineStart ? 0 : 0.6;
  else if (units.length >= 2) {
    if (firstHit === 'given' && lastHit === 'surname') score = 0.86;
    else if (named.length >= 2) score = 0.8;
    else if (named.length === 1 && !soft(named[0] as Unit)) score = 0.7;
  } else if (
    nzGiven.has(units[0]?.folded ?? '') &&
    !soft(units[0] as Unit) &&
    !sentenceInitial(text, first.start) &&
    !isAllCaps(first.text)
  ) {
    score = 0.55;
  }
  if (score === 0) return undefined;
  return {
    start: first.start,
    end: last.end,
    type: 'PERSON',
    text: text.slice(first.start, last.end),
    score,
    staff: title?.staff === true || roleAfter ? true : undefined,
    source: title ? 'title' : ctx ? 'context' : 'list',
  };
}

/** 'POTAE, Hemi' and 'Tuilagi, Sione' (surname first, comma, given names). */
function surnameFirstNames(text: string, tokens: Token[]): NameSpan[] {
  const out: NameSpan[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i];
    const b = tokens[i + 1];
    if (
      !a ||
      !b ||
      gapJoint(b.gap) !== ',' ||
      !isCapitalised(b.text) ||
      hardStop.has(a.folded) ||
      hardStop.has(b.folded)
    )
      continue;
    const caps = isAllCaps(a.text) && a.text.length >= 2 && !isAllCaps(b.text);
    const listed = surname.has(a.folded) && given.has(b.folded);
    if (!caps && !listed) continue;
    if (caps && !surname.has(a.folded) && !given.has(b.folded)) continue;
    // A multi-word surname before the comma: 'Ah Chong, Iosefa', 'Te Whata, Aroha'.
    let from = a;
    const prev = tokens[i - 1];
    if (
      prev &&
      a.gap === ' ' &&
      (multiword.get(prev.folded) ?? []).some((parts) => parts.length === 2 && parts[1] === a.folded)
    )
      from = prev;
    // 'Hinewai Tapsell, Nikau Tapsell' is a list of names, not 'Tapsell, Nikau'.
    const after = tokens[i + 2];
    if (!caps && from === a && prev && a.gap === ' ' && isCapitalised(prev.text) && given.has(prev.folded))
      continue;
    if (!caps && after && after.gap === ' ' && isCapitalised(after.text) && surname.has(after.folded))
      continue;
    let end = b;
    const next = tokens[i + 2];
    if (next && gapJoint(next.gap) === ' ' && isCapitalised(next.text) && given.has(next.folded)) end = next;
    out.push({
      start: from.start,
      end: end.end,
      type: 'PERSON',
      text: text.slice(from.start, end.end),
      score: listed ? 0.88 : 0.78,
      source: 'list',
    });
  }
  return out;
}

/** One way of writing a known person's name, as a lookup key of folded words and joints. */
function nameVariants(name: string): { key: string; full: boolean }[] {
  const words = name
    .trim()
    .split(/\s+/)
    .map(foldWord)
    .filter((w) => w !== '');
  if (words.length === 0) return [];
  if (words.length === 1) return [{ key: words[0] ?? '', full: true }];
  // The surname keeps its particle: 'Aroha Te Whata' → given 'aroha', surname 'te whata'.
  let split = words.length - 1;
  while (split > 1 && PARTICLES.has(words[split - 1] ?? '')) split--;
  const givens = words.slice(0, split);
  const sur = words.slice(split).join(' ');
  const firstGiven = givens[0] ?? '';
  const keys = new Set<string>([
    words.join(' '),
    `${firstGiven} ${sur}`,
    `${sur},${givens.join(' ')}`,
    `${sur},${firstGiven}`,
    `${sur} ${givens.join(' ')}`,
    `${sur} ${firstGiven}`,
  ]);
  const initials = new Set([`${firstGiven.charAt(0)}.${sur}`, `${firstGiven.charAt(0)} ${sur}`]);
  return [
    ...[...keys].map((key) => ({ key, full: true })),
    ...[...initials].map((key) => ({ key, full: false })),
  ];
}

interface KnownEntry {
  person: KnownPerson;
  full: boolean;
}

function keyAt(tokens: Token[], i: number, n: number): string | undefined {
  let key = tokens[i]?.folded ?? '';
  for (let k = 1; k < n; k++) {
    const tok = tokens[i + k];
    if (!tok) return undefined;
    const joint = gapJoint(tok.gap);
    if (joint === undefined) return undefined;
    key += joint + tok.folded;
  }
  return key;
}

interface KnownIndex {
  index: Map<string, KnownEntry[]>;
  surnames: Map<string, KnownPerson[]>;
  longest: number;
}

// A register of thousands is indexed once per array, not once per page.
const knownIndexes = new WeakMap<readonly KnownPerson[], KnownIndex>();

function indexKnown(known: readonly KnownPerson[]): KnownIndex {
  const cached = knownIndexes.get(known);
  if (cached) return cached;
  const index = new Map<string, KnownEntry[]>();
  const surnames = new Map<string, KnownPerson[]>();
  let longest = 1;
  for (const person of known) {
    for (const v of nameVariants(person.name)) {
      const list = index.get(v.key) ?? [];
      list.push({ person, full: v.full });
      index.set(v.key, list);
      longest = Math.max(longest, v.key.split(/[ ,.]/).length);
    }
    const words = person.name.trim().split(/\s+/).map(foldWord);
    const last = words[words.length - 1];
    if (words.length >= 2 && last) surnames.set(last, [...(surnames.get(last) ?? []), person]);
  }
  const built = { index, surnames, longest };
  knownIndexes.set(known, built);
  return built;
}

/** Names of people in the register, staff directory and the requester, in every common written form. */
function knownNames(text: string, tokens: Token[], known: readonly KnownPerson[]): NameSpan[] {
  if (known.length === 0) return [];
  const { index, surnames, longest } = indexKnown(known);
  const out: NameSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let matched = false;
    for (let n = Math.min(longest, tokens.length - i); n >= 1 && !matched; n--) {
      const key = keyAt(tokens, i, n);
      const entries = key === undefined ? undefined : index.get(key);
      const first = tokens[i];
      const last = tokens[i + n - 1];
      if (!entries || !first || !last) continue;
      // A lone given name is only this person after a title (see below) or an earlier mention.
      if (n === 1 && !(entries[0]?.person.name.trim().split(/\s+/).length === 1)) continue;
      out.push(knownSpan(text, first.start, last.end, entries, entries.some((e) => e.full) ? 0.97 : 0.9));
      i += n - 1;
      matched = true;
    }
    if (matched) continue;
    // 'Mr Potae', 'CO Smith': a title then a known surname.
    const tok = tokens[i];
    const people = tok ? surnames.get(tok.folded) : undefined;
    if (tok && people && isCapitalised(tok.text) && titleBefore(tokens, i)) {
      out.push(
        knownSpan(
          text,
          tok.start,
          tok.end,
          people.map((person) => ({ person, full: false })),
          0.9,
        ),
      );
    }
  }
  return out;
}

function knownSpan(text: string, start: number, end: number, entries: KnownEntry[], score: number): NameSpan {
  const kinds = new Set(entries.map((e) => e.person.kind));
  return {
    start,
    end,
    type: 'PERSON',
    text: text.slice(start, end),
    score,
    staff: kinds.has('staff') ? true : undefined,
    // Only the requester's own name is theirs: a namesake in the register keeps the span suggested.
    own: kinds.size === 1 && kinds.has('requester') ? true : undefined,
    source: 'register',
  };
}

/** Names the `compromise` model finds on lines that still hold an unexplained capitalised word. */
function modelNames(
  text: string,
  tokens: Token[],
  found: readonly NameSpan[],
  covered: ReadonlyArray<{ start: number; end: number }>,
): NameSpan[] {
  const out: NameSpan[] = [];
  // compromise is slow (~0.1–0.2 MB/s): it reads only the lines where the cheap recognisers left doubt,
  // i.e. a capitalised word mid-sentence that is not an ordinary word, a known non-name, or inside a
  // confident name or another kind of span.
  const lines: Array<[number, number]> = [];
  for (const tok of tokens) {
    if (
      !isCapitalised(tok.text) ||
      notName.has(tok.folded) ||
      hardStop.has(tok.folded) ||
      isAllCaps(tok.text) ||
      isWord(tok.folded)
    )
      continue;
    if (
      sentenceInitial(text, tok.start) ||
      found.some((f) => f.score >= 0.7 && overlaps(f, tok)) ||
      covered.some((c) => overlaps(c, tok))
    )
      continue;
    const lineStart = text.lastIndexOf('\n', tok.start - 1) + 1;
    if (lines.length > 0 && lines[lines.length - 1]?.[0] === lineStart) continue;
    const nl = text.indexOf('\n', tok.end);
    lines.push([lineStart, nl < 0 ? text.length : nl]);
  }
  for (const [start, end] of lines) {
    const matches = nlp(text.slice(start, end)).people().json({ offset: true }) as Array<{
      offset: { start: number; length: number };
    }>;
    for (const m of matches) {
      const s = trimName(text, start + m.offset.start, start + m.offset.start + m.offset.length);
      if (!s) continue;
      const inner = tokenize(text.slice(s.start, s.end));
      if (
        inner.length === 0 ||
        inner.every((w) => hardStop.has(w.folded)) ||
        !isCapitalised(inner[0]?.text ?? '')
      )
        continue;
      const anyListed = inner.some((w) => given.has(w.folded) || surname.has(w.folded));
      if (inner.length === 1 && !anyListed) continue;
      out.push({
        ...s,
        type: 'PERSON',
        text: text.slice(s.start, s.end),
        score: anyListed ? 0.7 : 0.6,
        source: 'model',
      });
    }
  }
  return out;
}

/** Drops leading titles and trailing punctuation from a model match. */
function trimName(text: string, start: number, end: number): { start: number; end: number } | undefined {
  const all = tokenize(text.slice(start, end)).map((w) => ({
    ...w,
    start: w.start + start,
    end: w.end + start,
  }));
  // The model reads across table columns ('Carl Stevens    Escort'): keep to words a name could join.
  const cut = all.findIndex((w, k) => k > 0 && gapJoint(w.gap) === undefined);
  const words = cut < 0 ? all : all.slice(0, cut);
  let a = 0;
  while (
    a < words.length &&
    (titles.some((t) => t.words.length === 1 && t.words[0] === words[a]?.folded) ||
      hardStop.has(words[a]?.folded ?? ''))
  )
    a++;
  let b = words.length - 1;
  while (b >= a && hardStop.has(words[b]?.folded ?? '')) b--;
  const first = words[a];
  const last = words[b];
  if (!first || !last || b < a) return undefined;
  return { start: first.start, end: last.end };
}

/** Later mentions of a name found in full ('Hemi' after 'Hemi Pōtae'), inheriting its staff/own marks. */
function laterMentions(
  text: string,
  tokens: Token[],
  found: readonly NameSpan[],
  elsewhere: readonly NameSpan[] = [],
): NameSpan[] {
  const parts = new Map<string, NameSpan>();
  for (const f of [...found, ...elsewhere]) {
    // The model's guesses are not trusted to name anyone else in the text.
    if (f.score < 0.7 || f.source === 'model') continue;
    const words = tokenize(f.text);
    if (words.length < 2) continue;
    for (const w of words) {
      if (w.text.length < 2 || hardStop.has(w.folded) || PARTICLES.has(w.folded)) continue;
      const prev = parts.get(w.folded);
      if (!prev || f.score > prev.score) parts.set(w.folded, f);
    }
  }
  const out: NameSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const origin = tok ? parts.get(tok.folded) : undefined;
    if (!tok || !origin || !isCapitalised(tok.text)) continue;
    if (notName.has(tok.folded) && !titleBefore(tokens, i)) continue;
    out.push({
      start: tok.start,
      end: tok.end,
      type: 'PERSON',
      text: tok.text,
      score: 0.75,
      staff: origin.staff,
      own: origin.own,
      source: 'mention',
    });
  }
  return out;
}

/**
 * Candidate people's names in a text: the known people first (register, staff, requester; exact,
 * case- and diacritic-insensitive, surname-first and initial forms), then titles and context with the
 * NZ name lists, then the `compromise` model, then later mentions of a name already found. Overlapping
 * candidates are all returned; `detect` keeps the best.
 *
 * @example findNames('Prisoner Hēmi Pōtae spoke to CO Smith.', []) // [{ text: 'Hēmi Pōtae', … }, { text: 'Smith', staff: true, … }]
 */
export function findNames(
  text: string,
  known: readonly KnownPerson[] = [],
  opts: {
    model?: boolean | undefined;
    covered?: ReadonlyArray<{ start: number; end: number }>;
    /** Full names found on the document's other pages, lending their mentions here. */
    namesElsewhere?: readonly NameSpan[] | undefined;
  } = {},
): NameSpan[] {
  const tokens = tokenize(text);
  const found = [
    ...knownNames(text, tokens, known),
    ...heuristicNames(text, tokens),
    ...surnameFirstNames(text, tokens),
  ];
  const mentions = laterMentions(text, tokens, found, opts.namesElsewhere);
  if (opts.model === false) return [...found, ...mentions];
  const model = modelNames(text, tokens, [...found, ...mentions], opts.covered ?? []);
  return [...found, ...mentions, ...model];
}
