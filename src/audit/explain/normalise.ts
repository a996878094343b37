/**
 * Folds a name for comparison: compatibility-decomposed, accents and macrons removed, lower case, and
 * everything but letters and digits dropped, so "Ngātā", "NGATA" and "Nga-ta" compare equal.
 *
 * @example normaliseSurname("O'Brien") === normaliseSurname('OBRIEN') // true
 */
export function normaliseSurname(surname: string | null): string {
  if (!surname) return '';
  return surname
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

// NZ Post's street-type abbreviations, applied to whole words.
const STREET_TYPES: Record<string, string> = {
  street: 'st',
  road: 'rd',
  avenue: 'ave',
  av: 'ave',
  drive: 'dr',
  place: 'pl',
  crescent: 'cres',
  cr: 'cres',
  terrace: 'tce',
  lane: 'ln',
  court: 'ct',
  grove: 'gr',
  highway: 'hwy',
  parade: 'pde',
  boulevard: 'blvd',
  close: 'cl',
  square: 'sq',
  esplanade: 'esp',
  mount: 'mt',
  saint: 'st',
};

/**
 * Folds a postal address for comparison: accents removed, lower case, punctuation to spaces, street
 * types abbreviated, "Flat 2, 10 …" written "2/10 …", country and a trailing 4-digit postcode dropped.
 * Empty for a missing address, which never matches anything.
 *
 * @example normaliseAddress('Flat 2, 10 Kauri Street, Ponsonby, Auckland 1011') // '2/10 kauri st ponsonby auckland'
 * @example normaliseAddress('2/10 KAURI ST PONSONBY AUCKLAND') // '2/10 kauri st ponsonby auckland'
 */
export function normaliseAddress(address: string | null): string {
  if (!address) return '';
  let text = address
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\b(?:flat|unit|apartment|apt)\s*(\w+)[\s,]+(\d+\w?)\b/gu, '$1/$2')
    .replace(/\s*\/\s*/g, '/')
    .replace(/[^\p{L}\p{N}/]+/gu, ' ')
    .trim();
  text = text
    .split(' ')
    .map((word) => STREET_TYPES[word] ?? word)
    .join(' ')
    .replace(/(?:\s+(?:new zealand|nz|aotearoa))+$/u, '')
    .replace(/^(.+\s\S+)\s\d{4}$/u, '$1');
  return text;
}
