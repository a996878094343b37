// The baseline: npm `redact-pii` (SyncRedactor with its default built-ins). It returns redacted text,
// not spans: each built-in replaces what it finds with its own upper-case marker (PERSON_NAME,
// PHONE_NUMBER, …), and the spans are recovered by aligning the output with the input.
import type { Scored } from './score.ts';

/** redact-pii's markers and the nearest of our types ('OTHER' when none). */
const MARKERS: Record<string, string> = {
  PERSON_NAME: 'PERSON',
  EMAIL_ADDRESS: 'EMAIL',
  PHONE_NUMBER: 'PHONE',
  STREET_ADDRESS: 'ADDRESS',
  ZIPCODE: 'ADDRESS',
  CREDIT_CARD_NUMBER: 'BANK_ACCOUNT',
  US_SOCIAL_SECURITY_NUMBER: 'OTHER',
  IP_ADDRESS: 'OTHER',
  USERNAME: 'OTHER',
  PASSWORD: 'OTHER',
  CREDENTIALS: 'OTHER',
  DIGITS: 'OTHER',
  URL: 'OTHER',
};
const MARKER_RE = new RegExp(`(${Object.keys(MARKERS).join('|')})`, 'g');

interface Redactor {
  redact(text: string): string;
}

/** Loads redact-pii if it is installed; `undefined` otherwise. */
export async function loadRedactPii(): Promise<((text: string) => Scored[]) | undefined> {
  let mod: { SyncRedactor?: new () => Redactor; default?: { SyncRedactor: new () => Redactor } };
  try {
    // A variable specifier keeps TypeScript from needing the package while it is optional.
    const name = 'redact-pii';
    mod = (await import(name)) as typeof mod;
  } catch {
    return undefined;
  }
  const SyncRedactor = mod.SyncRedactor ?? mod.default?.SyncRedactor;
  if (!SyncRedactor) return undefined;
  const redactor = new SyncRedactor();
  return (text: string) => spansFromRedacted(text, redactor.redact(text));
}

/**
 * The spans a redactor replaced. The output is the input's kept pieces with a marker for each
 * replaced stretch, so a regular expression of the kept pieces with a lazy group per marker aligns
 * the two; adjacent markers (no kept text between) become one span of the first kind.
 *
 * @example spansFromRedacted('Hi Bob.', 'Hi PERSON_NAME.') // [{ start: 3, end: 6, type: 'PERSON' }]
 */
export function spansFromRedacted(input: string, output: string): Scored[] {
  const pieces: string[] = [];
  const types: string[] = [];
  let last = 0;
  for (const m of output.matchAll(MARKER_RE)) {
    const piece = output.slice(last, m.index);
    // Adjacent markers (nothing kept between them) are one stretch of input.
    if (piece !== '' || pieces.length === 0) {
      pieces.push(piece);
      types.push(MARKERS[m[1] ?? ''] ?? 'OTHER');
    }
    last = m.index + m[0].length;
  }
  if (types.length === 0) return [];
  pieces.push(output.slice(last));
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = `^${pieces.map(escape).join('([\\s\\S]+?)')}$`;
  const m = new RegExp(source, 'd').exec(input);
  if (!m?.indices) return [];
  const spans: Scored[] = [];
  for (let i = 1; i < m.indices.length; i++) {
    const range = m.indices[i];
    if (range) spans.push({ start: range[0], end: range[1], type: types[i - 1] ?? 'OTHER' });
  }
  return spans;
}
