import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import { isValidIrd, isValidNhi, isValidNzBankAccount } from './checks.ts';
import type { PiiType, Span } from './types.ts';

function span(text: string, start: number, end: number, type: PiiType, score: number, source: string): Span {
  return { start, end, type, text: text.slice(start, end), score, source };
}

/** Whether `re` matches within `before` characters before the span or `after` characters after it. */
function near(text: string, start: number, end: number, re: RegExp, before = 40, after = 0): boolean {
  if (re.test(text.slice(Math.max(0, start - before), start))) return true;
  return after > 0 && re.test(text.slice(end, end + after));
}

const NHI_CONTEXT = /\bNHI\b|national health index/i;

/**
 * NHI numbers with a valid check character (old `AAANNNC` and new `AAANNAX`); a wrong check
 * character still counts, with a low score, right after the word 'NHI' (a mistyped NHI is still one).
 *
 * @example findNhi('NHI ZZZ0016') // [{ type: 'NHI', text: 'ZZZ0016', score: 0.99, … }]
 */
export function findNhi(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(
    /(?<![\p{L}\p{N}])([A-HJ-NP-Z]{3}\d{4}|[A-HJ-NP-Z]{3}\d{2}[A-HJ-NP-Z]{2})(?![\p{L}\p{N}])/giu,
  )) {
    const s = m.index;
    const e = s + m[0].length;
    if (isValidNhi(m[0])) out.push(span(text, s, e, 'NHI', 0.99, 'checksum'));
    else if (m[0] === m[0].toUpperCase() && near(text, s, e, NHI_CONTEXT, 20))
      out.push(span(text, s, e, 'NHI', 0.6, 'context'));
  }
  return out;
}

const IRD_CONTEXT = /\bIRD\b|\bIR\s*(?:no|number)|inland revenue|\btax\b|\bGST\b/i;

/**
 * IRD numbers that pass the check digit and range; more certain next to 'IRD' or 'tax'.
 *
 * @example findIrd('IRD number 049-091-850') // [{ type: 'IRD', text: '049-091-850', score: 0.99, … }]
 */
export function findIrd(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(/(?<![\d\-/.])\d{2,3}[- ]?\d{3}[- ]?\d{3}(?![\d/]|[-.]\d|\s\d)/g)) {
    const s = m.index;
    const e = s + m[0].length;
    if (!isValidIrd(m[0])) continue;
    out.push(span(text, s, e, 'IRD', near(text, s, e, IRD_CONTEXT, 40) ? 0.99 : 0.85, 'checksum'));
  }
  return out;
}

const BANK_CONTEXT =
  /\bbank\b|account|\bacc(?:t)?\b|\ba\/c\b|deposit|paid into|kiwibank|\bANZ\b|\bASB\b|\bBNZ\b|westpac|\bTSB\b/i;

/**
 * NZ bank account numbers that pass the bank/branch table and check algorithm.
 *
 * @example findBankAccounts('Acc 01-0902-0068389-00') // [{ type: 'BANK_ACCOUNT', score: 0.99, … }]
 */
export function findBankAccounts(text: string): Span[] {
  const out: Span[] = [];
  const re = /(?<![\d-])(?:\d{2}([- ])\d{4}\1\d{7}\1\d{2,3}|\d{15,16})(?![\d]|[- ]\d)/g;
  for (const m of text.matchAll(re)) {
    const s = m.index;
    const e = s + m[0].length;
    const compact = !/[- ]/.test(m[0]);
    if (compact && !near(text, s, e, BANK_CONTEXT, 40)) continue;
    if (isValidNzBankAccount(m[0])) out.push(span(text, s, e, 'BANK_ACCOUNT', 0.99, 'checksum'));
    else if (!compact && near(text, s, e, BANK_CONTEXT, 40))
      out.push(span(text, s, e, 'BANK_ACCOUNT', 0.6, 'context'));
  }
  return out;
}

/** The default PRN: 'PRN', 'prisoner (record) number' or 'person record number', then 6–10 digits. */
export const DEFAULT_PRN_PATTERN =
  /\b(?:PRN|P\.R\.N\.?|prisoner\s+(?:record\s+)?(?:number|no\.?)|person\s+record\s+number)(?:\s*(?:no\.?|number|#))?\s*[:#]?\s*(\d{6,10})\b/gi;

/**
 * The agency's person record numbers: matches of `pattern` (its first capture group, else the whole
 * match). The pattern carries its own context words, as the default does.
 *
 * @example findPrn('PRN 12345678') // [{ type: 'PRN', text: '12345678', score: 0.97, … }]
 */
export function findPrn(text: string, pattern: RegExp = DEFAULT_PRN_PATTERN): Span[] {
  const flags = new Set([...pattern.flags, 'g', 'd']);
  const re = new RegExp(pattern.source, [...flags].join(''));
  const out: Span[] = [];
  for (const m of text.matchAll(re)) {
    const [s, e] = m.indices?.[1] ?? [m.index, m.index + m[0].length];
    if (e > s) out.push(span(text, s, e, 'PRN', 0.97, 'pattern'));
  }
  return out;
}

/** A bare PRN in a table: digits of this shape under or after a 'PRN' column heading. */
export const DEFAULT_PRN_SHAPE = /(?<![\d-])\d{8}(?![\d-])/g;

/**
 * Bare numbers of the PRN's shape in the same block of lines (no blank line between) as a 'PRN'
 * heading earlier on (tables and lists where the label is the column's), or followed by '(PRN)'.
 *
 * @example findPrnInTables('Prisoner / PRN\nHemi Potae 12345678') // [{ type: 'PRN', text: '12345678', score: 0.75, … }]
 */
export function findPrnInTables(text: string, shape: RegExp = DEFAULT_PRN_SHAPE): Span[] {
  const out: Span[] = [];
  const re = new RegExp(shape.source, shape.flags.includes('g') ? shape.flags : `${shape.flags}g`);
  for (const m of text.matchAll(re)) {
    const s = m.index;
    const before = text.slice(Math.max(0, s - 400), s);
    const block = before.slice(before.lastIndexOf('\n\n') + 1);
    const labelledAfter = /^\s*\(?PRN\b/.test(text.slice(s + m[0].length, s + m[0].length + 12));
    if (/\bPRNs?\b/.test(block) || labelledAfter)
      out.push(span(text, s, s + m[0].length, 'PRN', 0.75, 'context'));
  }
  return out;
}

/**
 * The PRNs of known people wherever they appear, with or without a label.
 *
 * @example findKnownPrns('ref 12345678', [{ name: 'Hemi Potae', kind: 'person', prn: '12345678' }]) // [{ type: 'PRN', … }]
 */
export function findKnownPrns(text: string, known: ReadonlyArray<{ prn?: string }>): Span[] {
  const prns = new Set(
    known.map((p) => p.prn?.trim()).filter((p): p is string => p !== undefined && p.length >= 4),
  );
  if (prns.size === 0) return [];
  const out: Span[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])[\p{L}\p{N}-]{4,}(?![\p{L}\p{N}])/gu)) {
    if (prns.has(m[0])) out.push(span(text, m.index, m.index + m[0].length, 'PRN', 0.95, 'register'));
  }
  return out;
}

/**
 * E-mail addresses.
 *
 * @example findEmails('hemi.potae@example.co.nz') // [{ type: 'EMAIL', … }]
 */
export function findEmails(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(
    /(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g,
  )) {
    out.push(span(text, m.index, m.index + m[0].length, 'EMAIL', 0.99, 'pattern'));
  }
  return out;
}

const PHONE_CONTEXT =
  /\b(?:ph|phone[ds]?|tel|telephone|mobile|mob|cell|cellphone|contact(?:ed)?|call(?:ed|s)?|txt|text(?:ed)?|fax|landline|number|rang|ring)\b/i;

type FoundPhone = ReturnType<typeof findPhoneNumbersInText>[number];

/**
 * Corrects libphonenumber-js's span where it reads too much: a list number before the phone number
 * ('2. (09) 263 7745' read as 2092637745) or the house number after a comma ('022 317 6620, 14').
 */
function tidyPhone(text: string, m: FoundPhone): FoundPhone | undefined {
  const raw = text.slice(m.startsAt, m.endsAt);
  const comma = raw.search(/\s*[,;]/);
  // An opening bracket with no closing one belongs to the sentence: '(021 223 4459)'.
  const start = raw.startsWith('(') && !raw.includes(')') ? raw.search(/[0+]/) : raw.search(/[0+(]/);
  if (comma < 0 && start <= 0) return m;
  const from = m.startsAt + Math.max(0, start);
  const to = comma >= 0 ? m.startsAt + comma : m.endsAt;
  if (to <= from) return undefined;
  const again = findPhoneNumbersInText(text.slice(from, to), { defaultCountry: 'NZ' })[0];
  if (!again) return start > 0 ? undefined : m;
  return { ...again, startsAt: from + again.startsAt, endsAt: from + again.endsAt };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Whether text[s, e) is glued to letters or digits before or after it, directly or by a hyphen. (Not by a
 * slash: "021 555 0142/021 555 0143" is two phone numbers.)
 */
function insideIdentifier(text: string, s: number, e: number): boolean {
  const before = text.charAt(s - 1);
  const after = text.charAt(e);
  if (WORD_CHAR.test(before) || WORD_CHAR.test(after)) return true;
  if (before === '-' && WORD_CHAR.test(text.charAt(s - 2))) return true;
  return after === '-' && WORD_CHAR.test(text.charAt(e + 1));
}

/**
 * Phone numbers that libphonenumber-js (full metadata, NZ by default) accepts as valid.
 *
 * @example findPhones('ph 021 345 6789') // [{ type: 'PHONE', text: '021 345 6789', … }]
 */
export function findPhones(text: string): Span[] {
  const out: Span[] = [];
  for (const found of findPhoneNumbersInText(text, { defaultCountry: 'NZ' })) {
    const m = tidyPhone(text, found);
    if (!m) continue;
    const s = m.startsAt;
    const e = m.endsAt;
    const raw = text.slice(s, e);
    // Digits run on from a reference or record number ('TK-2026-000026', 'IR-2026-4101') are not a phone.
    if (insideIdentifier(text, s, e)) continue;
    // Freephone and premium numbers (0800, 0508, 0900) belong to organisations, not people.
    if (m.number.countryCallingCode === '64' && /^(?:800|508|900)/.test(m.number.nationalNumber)) continue;
    const context = near(text, s, e, PHONE_CONTEXT, 30);
    // People write NZ numbers with the trunk 0, a + or an area code in brackets; a bare run of digits
    // without a phone word is more likely a record number.
    const dialled = /^[0+(]/.test(raw);
    if (!dialled && !context) continue;
    out.push(span(text, s, e, 'PHONE', dialled ? (context ? 0.9 : 0.8) : 0.6, 'phone'));
  }
  return out;
}

const MONTHS =
  'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const DATE_RE = new RegExp(
  [
    String.raw`(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-]?\d)`,
    String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTHS})\.?,?\s+(\d{4})\b`,
    String.raw`\b(${MONTHS})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`,
    String.raw`\b(\d{4})-(\d{2})-(\d{2})\b`,
  ].join('|'),
  'gi',
);
const DOB_CONTEXT =
  /(?:\bd\.?\s?o\.?\s?b\b\.?|date\s+of\s+birth|birth\s*date|\bborn\b|birthday|\bb\.\s*$)[^\n\d]{0,25}$/i;

/**
 * Dates of birth: a date (d/m/yyyy, d.m.yy, '3 March 1985', 'March 3, 1985', yyyy-mm-dd) right after
 * 'DOB', 'date of birth', 'born'. Other dates (an incident's) are not personal information by themselves.
 *
 * @example findDob('DOB: 3/03/1985') // [{ type: 'DOB', text: '3/03/1985', … }]
 */
export function findDob(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(DATE_RE)) {
    const s = m.index;
    const e = s + m[0].length;
    if (!plausibleDate(m[0])) continue;
    if (DOB_CONTEXT.test(text.slice(Math.max(0, s - 40), s)))
      out.push(span(text, s, e, 'DOB', 0.95, 'context'));
  }
  return out;
}

function plausibleDate(date: string): boolean {
  const nums = (date.match(/\d+/g) ?? []).map(Number);
  if (/^\d{4}-/.test(date)) {
    const [y = 0, mo = 0, d = 0] = nums;
    return y >= 1900 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
  }
  if (/^\d{1,2}[/.-]/.test(date)) {
    const [d = 0, mo = 0] = nums;
    return d >= 1 && d <= 31 && mo >= 1 && mo <= 12;
  }
  const day = nums.find((n) => n <= 31) ?? 0;
  return day >= 1;
}

const LICENCE_CONTEXT = /licen[cs]e|\bdriver|\bdriving\b|\bDL\b|\b5a\b/gi;
const PASSPORT_CONTEXT = /passport/gi;

function lastIndexOf(re: RegExp, s: string): number {
  let last = -1;
  for (const m of s.matchAll(re)) last = m.index;
  return last;
}

/**
 * Driver licence and passport numbers: both are two letters and six digits, so the nearest of the
 * words 'licence'/'driver' and 'passport' decides; without either it is a low-score licence. The
 * machine-readable zone of an NZ passport (`P<NZL…`) gives the passport number, name and birth date.
 *
 * @example findLicencesAndPassports('Driver licence DL123456') // [{ type: 'DRIVER_LICENCE', … }]
 */
export function findLicencesAndPassports(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])([A-Z]{1,2})(\d{6,7})(?![\p{L}\p{N}])/gu)) {
    const s = m.index;
    const e = s + m[0].length;
    const before = text.slice(Math.max(0, s - 60), s);
    const after = text.slice(e, e + 40);
    // A label usually comes before its value: the nearest keyword before the number decides, and only
    // without one do the words after it count.
    const lic = lastIndexOf(LICENCE_CONTEXT, before);
    const pass = lastIndexOf(PASSPORT_CONTEXT, before);
    let kind: 'licence' | 'passport' | undefined;
    if (lic >= 0 || pass >= 0) kind = pass > lic ? 'passport' : 'licence';
    else if (/passport/i.test(after)) kind = 'passport';
    else if (/licen[cs]e|driver/i.test(after)) kind = 'licence';
    const standard = (m[1] ?? '').length === 2 && (m[2] ?? '').length === 6;
    if (kind === 'passport') out.push(span(text, s, e, 'PASSPORT', 0.92, 'context'));
    else if (kind === 'licence' && standard) out.push(span(text, s, e, 'DRIVER_LICENCE', 0.92, 'context'));
    else if (standard) out.push(span(text, s, e, 'DRIVER_LICENCE', 0.4, 'shape'));
  }
  // ICAO 9303 TD3: line 1 'P<NZLSURNAME<<GIVEN<NAMES', line 2 'NUMBER…C NZL YYMMDD…'.
  for (const m of text.matchAll(/P<NZL([A-Z]+(?:<[A-Z]+)*)<<([A-Z]+(?:<[A-Z]+)*)/g)) {
    const s = m.index + 5;
    out.push(span(text, s, s + (m[1] ?? '').length + 2 + (m[2] ?? '').length, 'PERSON', 0.9, 'mrz'));
  }
  for (const m of text.matchAll(/(?<![A-Z0-9<])([A-Z0-9]{1,9})(<*)\dNZL(\d{6})\d[MF<]/g)) {
    const s = m.index;
    out.push(span(text, s, s + (m[1] ?? '').length, 'PASSPORT', 0.97, 'mrz'));
    const dob = s + (m[1] ?? '').length + (m[2] ?? '').length + 4;
    out.push(span(text, dob, dob + 6, 'DOB', 0.9, 'mrz'));
  }
  return out;
}

const PLATE_CONTEXT =
  /\b(?:rego|registration|reg(?:\.|\s+no)|plates?|number\s*plate|vehicle|car|ute|van|truck|motor\s*bike|motorcycle|sedan|hatchback|wagon|SUV|toyota|holden|ford|nissan|mazda|honda|subaru|mitsubishi|suzuki|hyundai|kia|volkswagen|VW|BMW|audi|corolla|hilux|commodore|falcon|ranger|demio|civic|legacy|outlander|swift|tucson|golf)\b/i;
const PLATE_WORDS = /\b(?:rego|registration|reg(?:\.|\s+no)|plates?|number\s*plate|personalised)\b/i;

/**
 * Vehicle registration plates: NZ shapes (ABC123, AB1234) next to words about vehicles, and other
 * 2–6 character plates only right after 'plate'/'rego'/'registration'.
 *
 * @example findPlates('a white Toyota Corolla, rego LKJ482') // [{ type: 'PLATE', text: 'LKJ482', … }]
 */
export function findPlates(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(
    /(?<![\p{L}\p{N}-])(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,6}(?![\p{L}\p{N}]|-\d)/gu,
  )) {
    const s = m.index;
    const e = s + m[0].length;
    const standard = /^[A-Z]{2,3}\d{1,4}$/.test(m[0]) && m[0].length <= 6;
    if (standard && near(text, s, e, PLATE_CONTEXT, 50, 30))
      out.push(span(text, s, e, 'PLATE', 0.85, 'context'));
    else if (near(text, s, e, PLATE_WORDS, 20)) out.push(span(text, s, e, 'PLATE', 0.7, 'context'));
  }
  return out;
}

const STREET_TYPES = [
  'Street',
  'St',
  'Road',
  'Rd',
  'Avenue',
  'Ave',
  'Place',
  'Pl',
  'Drive',
  'Dr',
  'Crescent',
  'Cres',
  'Terrace',
  'Tce',
  'Lane',
  'Ln',
  'Way',
  'Grove',
  'Close',
  'Court',
  'Ct',
  'Parade',
  'Pde',
  'Highway',
  'Hwy',
  'Boulevard',
  'Quay',
  'Rise',
  'Heights',
  'Mews',
  'Square',
  'Esplanade',
  'Track',
  'Glade',
  'View',
  'Loop',
  'Row',
  'Walk',
  'Crest',
  'Mall',
  'Promenade',
  'Strand',
  'Circle',
  'Ridge',
  'Gardens',
  'Valley',
  'Green',
];
const STREET_TYPE = `(?:${STREET_TYPES.flatMap((t) => [t, t.toLowerCase()]).join('|')})`;
const CAP = String.raw`[\p{Lu}][\p{L}\p{M}'’-]*`;
const STREET_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}/])(?:(?:Flat|Unit|Apartment|Apt)\s+\d+[A-Za-z]?,?\s+)?\d{1,5}[A-Za-z]?(?:\s*[/-]\s*\d{1,5}[A-Za-z]?)?,?\s+` +
    String.raw`(?:(?:St|Mt|Te|Saint|Mount)\.?\s+)?${CAP}(?:\s+${CAP}){0,2}\s+${STREET_TYPE}\.?(?:\s+(?:North|South|East|West|Extension))?(?:(?<=Highway|Hwy)\s+\d{1,3}(?![\d/]))?(?![\p{L}])`,
  'gu',
);
const BOX_RE =
  /\b(?:P\.?\s?O\.?\s*Box|PO\s*Box|Post\s+Office\s+Box|Private\s+Bag|Locked\s+Bag)\s+(?:[A-Z]{1,4}\s*)?\d{1,6}(?:\s\d{3}(?=,))?\b/gi;
const TAIL_PART = new RegExp(
  String.raw`^(,[ \t]*|[ \t]*\r?\n[ \t]*)(RD[ \t]*\d{1,2}|${CAP}(?:[ \t]+${CAP}){0,2})(?=[ \t]*(?:,|\r?\n|$|\d{4}\b|\.|;|\)))`,
  'u',
);
const POSTCODE = /^(,?[ \t]*)(\d{4})(?!\d)/;
const NOT_PLACE =
  /^(?:Phone|Ph|Mobile|Mob|Tel|Email|E-mail|DOB|NHI|IRD|PRN|Date|The|He|She|They|I|We|It|Prisoner|Officer|Nurse|Dear|Kia|Regards|Subject|Re|Ref|Name|Signed|Next|Contact|Tēnā|Ngā)\b/u;

/**
 * Suburb, town, RD and postcode after a street or box: ', Ōtāhuhu, Auckland 1062'. Parts on following
 * lines count only when the address ends in a postcode, so a heading on the next line is not taken.
 */
function addressTail(text: string, end: number): number {
  let pos = end;
  let safe = end;
  for (let parts = 0; parts < 3; parts++) {
    const m = TAIL_PART.exec(text.slice(pos, pos + 80));
    if (!m || NOT_PLACE.test(m[2] ?? '')) break;
    pos += m[0].length;
    if (!(m[1] ?? '').includes('\n')) safe = pos;
    const post = POSTCODE.exec(text.slice(pos, pos + 8));
    if (post) return pos + post[0].length;
  }
  const post = POSTCODE.exec(text.slice(pos, pos + 8));
  if (post && (pos > end || (post[1] ?? '').includes(','))) return pos + post[0].length;
  return safe;
}

/**
 * NZ postal addresses: number + street + street type (with flat/unit), PO Box, Private Bag, followed
 * by suburb, town or RD and a postcode when present.
 *
 * @example findAddresses('lives at 2/14 Kōwhai Street, Ōtāhuhu, Auckland 1062.') // [{ text: '2/14 Kōwhai Street, Ōtāhuhu, Auckland 1062', … }]
 */
export function findAddresses(text: string): Span[] {
  const out: Span[] = [];
  for (const re of [STREET_RE, BOX_RE]) {
    for (const m of text.matchAll(re)) {
      const s = m.index;
      const e = addressTail(text, s + m[0].length);
      out.push(span(text, s, e, 'ADDRESS', re === STREET_RE ? 0.9 : 0.92, 'pattern'));
    }
  }
  return out;
}
