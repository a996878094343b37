import { findNames } from './names.ts';
import {
  DEFAULT_PRN_PATTERN,
  DEFAULT_PRN_SHAPE,
  findAddresses,
  findBankAccounts,
  findDob,
  findEmails,
  findIrd,
  findKnownPrns,
  findLicencesAndPassports,
  findNhi,
  findPhones,
  findPlates,
  findPrn,
  findPrnInTables,
} from './recognisers.ts';
import type { DetectContext, KnownPerson, Span } from './types.ts';

/**
 * Spans that win any overlap, whatever their score: the checksummed identifiers (run first, so an IRD
 * number is never taken for a phone number), the agency's PRN, e-mail addresses and the passport's
 * machine-readable zone.
 */
function firstTier(s: Span): boolean {
  return s.source === 'checksum' || s.source === 'mrz' || s.type === 'PRN' || s.type === 'EMAIL';
}

function normaliseId(value: string): string {
  return value.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
}

/** Merges candidates with the same place and type: several recognisers agreeing raise the score a little. */
function mergeSame(spans: Span[]): Span[] {
  const byKey = new Map<string, Span>();
  for (const s of spans) {
    const key = `${s.start}:${s.end}:${s.type}`;
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, { ...s });
      continue;
    }
    const best = s.score > prev.score ? { ...s } : prev;
    // Only name recognisers count as independent evidence; identifier scores already say it all.
    if (s.type === 'PERSON' && s.source !== prev.source)
      best.score = Math.min(0.99, Math.max(s.score, prev.score) + 0.05);
    if (s.staff || prev.staff) best.staff = true;
    if (s.own || prev.own) best.own = true;
    byKey.set(key, best);
  }
  return [...byKey.values()];
}

/**
 * A name inside a longer name candidate ('Owen' inside 'Owen Pritchard') gives way to it unless it is
 * much more certain (by over 0.2): the longer span's score is raised to the shorter one's.
 */
function preferWholeNames(spans: Span[]): void {
  const people = spans.filter((s) => s.type === 'PERSON').sort((a, b) => b.end - b.start - (a.end - a.start));
  for (const outer of people) {
    for (const inner of people) {
      if (
        inner === outer ||
        inner.start < outer.start ||
        inner.end > outer.end ||
        inner.end - inner.start === outer.end - outer.start
      )
        continue;
      if (inner.score - outer.score > 0.2 || outer.score < 0.55) continue;
      // Only the score carries over: 'Pōtae' may be the requester's surname inside a brother's full name.
      outer.score = Math.max(outer.score, inner.score);
    }
  }
}

/** Keeps the best of overlapping spans: first tier, then higher score, then longer, then earlier. */
function resolveOverlaps(spans: Span[]): Span[] {
  preferWholeNames(spans);
  const ordered = [...spans].sort(
    (a, b) =>
      Number(firstTier(b)) - Number(firstTier(a)) ||
      b.score - a.score ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const kept: Span[] = [];
  for (const s of ordered) {
    if (!kept.some((k) => k.start < s.end && s.start < k.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Marks the requester's own identifiers (their PRN and any listed identifier). */
function markOwnIdentifiers(spans: Span[], known: readonly KnownPerson[]): void {
  const own = new Set<string>();
  for (const p of known) {
    if (p.kind !== 'requester') continue;
    if (p.prn) own.add(normaliseId(p.prn));
    for (const id of p.identifiers ?? []) own.add(normaliseId(id));
  }
  if (own.size === 0) return;
  for (const s of spans) if (s.type !== 'PERSON' && own.has(normaliseId(s.text))) s.own = true;
}

/**
 * Personal information in a text, as suggested spans (UTF-16 offsets into `text`), in text order and
 * without overlaps. Known people (`ctx.knownPeople`) are matched first; staff names carry
 * `staff: true`; the requester's own name and identifiers are dropped unless `ctx.includeOwn`.
 *
 * @example
 * detect('Prisoner Hēmi Pōtae (PRN 12345678), NHI ZZZ0016, spoke to CO Smith on 021 345 6789.')
 * // PERSON 'Hēmi Pōtae', PRN '12345678', NHI 'ZZZ0016', PERSON 'Smith' (staff), PHONE '021 345 6789'
 */
export function detect(text: string, ctx: DetectContext = {}): Span[] {
  const known = ctx.knownPeople ?? [];
  const others: Span[] = [
    ...findNhi(text),
    ...findIrd(text),
    ...findBankAccounts(text),
    ...findPrn(text, ctx.prnPattern ?? DEFAULT_PRN_PATTERN),
    ...findPrnInTables(text, ctx.prnShape ?? DEFAULT_PRN_SHAPE),
    ...findKnownPrns(text, known),
    ...findEmails(text),
    ...findLicencesAndPassports(text),
    ...findPhones(text),
    ...findDob(text),
    ...findPlates(text),
    ...findAddresses(text),
  ];
  // Words inside an address or e-mail are not sent to the (slow) name model.
  const covered = others.filter((s) => s.score >= 0.8);
  const candidates = [...others, ...findNames(text, known, { model: ctx.model, covered })];
  markOwnIdentifiers(candidates, known);
  const spans = resolveOverlaps(mergeSame(candidates));
  for (const s of spans) {
    s.score = Math.round(s.score * 100) / 100;
    if (!s.staff) delete s.staff;
    if (!s.own) delete s.own;
  }
  return ctx.includeOwn ? spans : spans.filter((s) => !s.own);
}
