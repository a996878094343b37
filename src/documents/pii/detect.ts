import { tokenize } from './fold.ts';
import { findNames, type NameSpan } from './names.ts';
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
  const candidates = [
    ...others,
    ...findNames(text, known, {
      model: ctx.model,
      covered,
      namesElsewhere: ctx.namesElsewhere?.filter((s): s is NameSpan => s.type === 'PERSON'),
    }),
  ];
  markOwnIdentifiers(candidates, known);
  const spans = resolveOverlaps(mergeSame(candidates));
  for (const s of spans) {
    s.score = Math.round(s.score * 100) / 100;
    if (!s.staff) delete s.staff;
    if (!s.own) delete s.own;
  }
  return ctx.includeOwn ? spans : spans.filter((s) => !s.own);
}

/**
 * A name found in full, confidently and not by the model alone, that is not the requester's: it may name the
 * person on another page. The requester's own name lends nothing across pages, so that context from elsewhere
 * only ever adds a suggestion or a staff mark and never takes one away ('Williams' alone on page 4 may be her
 * brother).
 */
const lendsMentions = (s: Span): boolean =>
  s.type === 'PERSON' && !s.own && s.score >= 0.7 && s.source !== 'model' && /\S\s+\S/u.test(s.text.trim());

/**
 * `detect` over a document's pages, where a name found in full on one page makes a lone part of it on another
 * page a mention of the same person ('Olivia Hart' on page 1, 'Olivia' on page 3), with its staff mark, as on
 * a single page (the requester's own name excepted: see `lendsMentions`). A page is read again only when a
 * part of a name from another page occurs in it.
 *
 * @example
 * detectDocument(['Officer Olivia Hart attended.', 'Olivia wrote the report.'], { knownPeople })
 * // [[PERSON 'Olivia Hart' (staff)], [PERSON 'Olivia' (staff)]]
 */
export function detectDocument(pages: readonly string[], ctx: DetectContext = {}): Span[][] {
  const first = pages.map((text) => detect(text, { ...ctx, includeOwn: true }));
  // Each lending name once (the most certain of its spans), with the pages it is found on in full.
  const lenders = new Map<string, { span: Span; pages: Set<number> }>();
  first.forEach((spans, page) => {
    for (const span of spans.filter(lendsMentions)) {
      const key = `${span.text}\u0000${span.staff ? 'staff' : ''}`;
      const entry = lenders.get(key) ?? { span, pages: new Set<number>() };
      entry.pages.add(page);
      if (span.score > entry.span.score) entry.span = span;
      lenders.set(key, entry);
    }
  });
  const byPart = new Map<string, Set<{ span: Span; pages: Set<number> }>>();
  for (const entry of lenders.values()) {
    for (const part of tokenize(entry.span.text)) {
      if (part.folded.length < 2) continue;
      const entries = byPart.get(part.folded) ?? new Set();
      entries.add(entry);
      byPart.set(part.folded, entries);
    }
  }
  return pages.map((text, page) => {
    // Names found in full only on other pages (one on this page already lends its parts here).
    const elsewhere = new Set<Span>();
    for (const token of tokenize(text)) {
      for (const entry of byPart.get(token.folded) ?? []) {
        if (!entry.pages.has(page)) elsewhere.add(entry.span);
      }
    }
    const spans =
      elsewhere.size > 0
        ? detect(text, { ...ctx, includeOwn: true, namesElsewhere: [...elsewhere] })
        : first[page]!;
    return ctx.includeOwn ? spans : spans.filter((s) => !s.own);
  });
}
