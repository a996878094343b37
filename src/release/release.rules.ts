/**
 * Release rules (pure): when a request's documents may be released, what each document becomes in the
 * package (released, withheld in part, withheld), and how a release is sent (s 56 forms).
 */
import { groundByCode } from '../law/grounds.ts';
import { RELEASING_OUTCOMES, type DecisionOutcome } from '../law/lifecycle.ts';
import type { ScheduleEntry } from './release.schema.ts';

export type Disposition = 'undecided' | 'release-in-full' | 'withhold-in-full' | 'partial';
export type ReleaseOutcome = ScheduleEntry['outcome'];

/** What readiness needs to know about one document in scope. */
export interface DocumentForRelease {
  id: string;
  title: string;
  pageCount: number;
  disposition: string;
  withholdGround: string | null;
  /** Marks by status; `accepted` lists each accepted mark's ground (null when it has none). */
  suggestedMarks: number;
  acceptedGrounds: ReadonlyArray<string | null>;
  rejectedMarks: number;
}

export interface ReadinessFacts {
  requestStatus: string;
  /** Every decision on the request (any status). */
  decisions: ReadonlyArray<{ id: string; status: string; outcome: string; approvedAt: Date | null }>;
  documents: readonly DocumentForRelease[];
  staffNames: ReadonlyArray<{ name: string; status: string }>;
}

export interface Readiness {
  ready: boolean;
  blockers: string[];
  /** The approved decision the release carries out, when there is one. */
  decisionId: string | null;
}

/** The decision in force: the latest approved one. */
export function decisionInForce<T extends { status: string; approvedAt: Date | null }>(
  decisions: readonly T[],
): T | undefined {
  return decisions
    .filter((d) => d.status === 'approved')
    .sort((a, b) => (b.approvedAt?.getTime() ?? 0) - (a.approvedAt?.getTime() ?? 0))[0];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * A document nobody has looked at: no disposition and no marks at all. Its contents would otherwise go
 * out in full by default, so someone must at least release it in full on purpose.
 */
function notReviewed(doc: DocumentForRelease): boolean {
  return (
    doc.disposition === 'undecided' &&
    doc.suggestedMarks === 0 &&
    doc.acceptedGrounds.length === 0 &&
    doc.rejectedMarks === 0
  );
}

/**
 * Whether a package can be built: the request is decided, the decision in force is approved and
 * releases information (s 44: grant, grant in part, or release with conditions, s 54), every
 * document has been reviewed, every suggested mark has been accepted or rejected, every staff name has been determined (C.09.04), and
 * every withheld document or part has its ground (s 44(2)(b): the reason for each withholding).
 *
 * @example releaseReadiness({ requestStatus: 'open', decisions: [], documents: [], staffNames: [] }).blockers
 * // ['The request is open; a release needs a decided request', 'No decision has been approved yet', …]
 */
export function releaseReadiness(facts: ReadinessFacts): Readiness {
  const blockers: string[] = [];
  if (facts.requestStatus === 'released') blockers.push('The request has already been released');
  else if (facts.requestStatus !== 'decided')
    blockers.push(
      `The request is ${facts.requestStatus.replace(/-/g, ' ')}; a release needs a decided request`,
    );

  const decision = decisionInForce(facts.decisions);
  if (!decision) blockers.push('No decision has been approved yet');
  else if (!RELEASING_OUTCOMES.includes(decision.outcome as DecisionOutcome))
    blockers.push(
      `The approved decision (${decision.outcome}) releases no information; only a grant, a grant in part or a release with conditions is released`,
    );

  if (facts.documents.length === 0) blockers.push('No documents are in scope of the request');
  for (const doc of facts.documents) {
    if (notReviewed(doc))
      blockers.push(
        `“${doc.title}” has not been reviewed: run the suggestions and decide them, mark what is withheld, or release it in full`,
      );
    if (doc.suggestedMarks > 0)
      blockers.push(
        `“${doc.title}” has ${plural(doc.suggestedMarks, 'suggested mark')} not yet accepted or rejected`,
      );
    if (doc.disposition === 'withhold-in-full' && !doc.withholdGround)
      blockers.push(`“${doc.title}” is withheld in full without a ground`);
    if (doc.disposition === 'release-in-full' && doc.acceptedGrounds.length > 0)
      blockers.push(
        `“${doc.title}” is marked released in full but has ${plural(doc.acceptedGrounds.length, 'accepted mark')}: release it in part or reject the marks`,
      );
    const noGround = doc.acceptedGrounds.filter((g) => !g).length;
    if (noGround > 0 && doc.disposition !== 'withhold-in-full')
      blockers.push(`“${doc.title}” has ${plural(noGround, 'accepted mark')} without a ground`);
  }
  for (const review of facts.staffNames) {
    if (review.status !== 'done')
      blockers.push(`The staff-name review of ${review.name} is not finished (${review.status}; C.09.04)`);
  }
  return { ready: blockers.length === 0, blockers, decisionId: decision?.id ?? null };
}

/** What a document becomes in the package, and the grounds it is withheld on. */
export interface DocumentPlan {
  outcome: ReleaseOutcome;
  grounds: string[];
  /** How the working PDF is treated: cleaned only, redacted by its marks, or every page blanked. */
  treatment: 'clean' | 'redact' | 'blank';
}

/**
 * A document withheld in full keeps its pages, blanked; one released in full is cleaned only; any
 * other with accepted marks is redacted by them, and released in full when it has none.
 *
 * @example planDocument({ disposition: 'partial', withholdGround: null, acceptedGrounds: ['s53(b)', 's53(b)'] })
 * // { outcome: 'withheld-in-part', grounds: ['s53(b)'], treatment: 'redact' }
 */
export function planDocument(doc: {
  disposition: string;
  withholdGround: string | null;
  acceptedGrounds: ReadonlyArray<string | null>;
}): DocumentPlan {
  if (doc.disposition === 'withhold-in-full')
    return {
      outcome: 'withheld',
      grounds: doc.withholdGround ? [doc.withholdGround] : [],
      treatment: 'blank',
    };
  if (doc.disposition === 'release-in-full' || doc.acceptedGrounds.length === 0)
    return { outcome: 'released', grounds: [], treatment: 'clean' };
  const grounds = [...new Set(doc.acceptedGrounds.filter((g): g is string => !!g))].sort();
  return { outcome: 'withheld-in-part', grounds, treatment: 'redact' };
}

/**
 * Page ranges of each document in a package that opens with `firstPage - 1` pages of schedule.
 *
 * @example layoutSchedule([{ documentId: 'a', title: 'A', pages: 3, outcome: 'released', grounds: [] }], 2)
 * // [{ documentId: 'a', title: 'A', fromPage: 2, toPage: 4, pages: 3, outcome: 'released', grounds: [] }]
 */
export function layoutSchedule(
  documents: ReadonlyArray<Omit<ScheduleEntry, 'fromPage' | 'toPage'>>,
  firstPage: number,
): ScheduleEntry[] {
  let next = firstPage;
  return documents.map((doc) => {
    const entry = { ...doc, fromPage: next, toPage: next + doc.pages - 1 };
    next += doc.pages;
    return entry;
  });
}

/** Pages released and withheld, for the disclosure log: a withheld document's pages are blanked. */
export function pageCounts(entry: Pick<ScheduleEntry, 'outcome' | 'pages'>): {
  pagesReleased: number;
  pagesWithheld: number;
} {
  return entry.outcome === 'withheld'
    ? { pagesReleased: 0, pagesWithheld: entry.pages }
    : { pagesReleased: entry.pages, pagesWithheld: 0 };
}

/** A ground's code with its plain-English label, for the schedule. */
export function groundLine(code: string): string {
  const ground = groundByCode(code);
  return ground ? `${code}: ${ground.label} (${ground.citation})` : code;
}

/** How a release reaches the person (s 56 forms as they are carried out). */
export const RELEASE_METHODS = [
  'email',
  'post',
  'inspection',
  'supervised-viewing',
  'copy-collected',
] as const;
export type ReleaseMethod = (typeof RELEASE_METHODS)[number];

/**
 * The release's status once sent: mailed or posted copies are `sent`; inspection, supervised viewing
 * and a copy collected in person are `made-available`.
 *
 * @example statusAfterSending('inspection') // 'made-available'
 */
export function statusAfterSending(method: ReleaseMethod): 'sent' | 'made-available' {
  return method === 'email' || method === 'post' ? 'sent' : 'made-available';
}

/** What the officer must do when the package is made available in person (C.09). */
export function handlingNote(method: ReleaseMethod): string | null {
  if (method === 'inspection' || method === 'supervised-viewing')
    return 'Supervise the person throughout: they are never left unsupervised with a file (C.09).';
  if (method === 'copy-collected')
    return 'Check the identity of the person collecting the copy before handing it over.';
  return null;
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/**
 * Whether a contact is an e-mail address (the requester's contact may be a phone number or a postal
 * address).
 *
 * @example isEmailAddress('aroha@example.nz') // true
 * @example isEmailAddress('021 555 0199') // false
 */
export function isEmailAddress(contact: string | null | undefined): contact is string {
  return !!contact && EMAIL.test(contact.trim());
}

/** Who the person complains to about the decision: the Privacy Commissioner (s 46), or the Ombudsman (OIA s 28). */
export function complaintBody(track: string | null): string {
  return track === 'official-information'
    ? 'the Ombudsman (ombudsman.parliament.nz, 0800 802 602) under section 28 of the Official Information Act 1982'
    : 'the Privacy Commissioner (privacy.org.nz, 0800 803 909) under the Privacy Act 2020';
}

/**
 * The plain-text body of the release e-mail: what is attached and the right to complain.
 *
 * @example releaseEmailText({ reference: 'PR-2026-000123', name: 'Aroha', pageCount: 12, letter: true, track: 'privacy-access', statements: 0 })
 */
export function releaseEmailText(facts: {
  reference: string;
  name: string | null;
  pageCount: number;
  letter: boolean;
  track: string | null;
  statements: number;
}): string {
  const attached = [
    `- release-${facts.reference}.pdf: the information released to you (${plural(facts.pageCount, 'page')}), with a schedule on the first page listing each document, what was released or withheld and why`,
    ...(facts.letter ? [`- decision-${facts.reference}.pdf: our decision letter`] : []),
  ];
  return [
    `Kia ora${facts.name ? ` ${facts.name}` : ''},`,
    '',
    `This e-mail carries our release for your request ${facts.reference}. Attached:`,
    ...attached,
    ...(facts.statements > 0
      ? [
          '',
          'Your statement of correction is included at the end of the release, with the information it is about.',
        ]
      : []),
    '',
    'Where information was withheld, the schedule and the decision letter give the ground for each part. There is no charge.',
    '',
    `If you are not satisfied with our decision or with how we handled your request, you have the right to complain to ${complaintBody(facts.track)}.`,
    '',
    `Please quote ${facts.reference} if you contact us about this release.`,
    '',
    'Ngā mihi,',
    'Privacy office',
  ].join('\n');
}

/**
 * Whether the package built earlier still matches what the documents now say (same documents,
 * outcomes, grounds and pages); a stale package must be built again before it is sent.
 */
export function scheduleMatches(
  built: ReadonlyArray<Pick<ScheduleEntry, 'documentId' | 'outcome' | 'grounds' | 'pages'>>,
  now: ReadonlyArray<Pick<ScheduleEntry, 'documentId' | 'outcome' | 'grounds' | 'pages'>>,
): boolean {
  const key = (e: Pick<ScheduleEntry, 'documentId' | 'outcome' | 'grounds' | 'pages'>) =>
    `${e.documentId}|${e.outcome}|${[...e.grounds].sort().join(',')}|${e.pages}`;
  const a = built.map(key).sort();
  const b = now.map(key).sort();
  return a.length === b.length && a.every((k, i) => k === b[i]);
}
