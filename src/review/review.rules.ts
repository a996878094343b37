/**
 * The rules of document review, pure: which Act's grounds apply, what the detector may suggest, where an
 * officer's mark sits on a page, the staff-name review (C.09.04) and when a request's review is finished.
 */
import { parseGroundCode, STAFF_NAME_GROUND, staffNameDecision, type GroundAct } from '../law/grounds.ts';
import type { KnownPerson, PiiType } from '../documents/pii/types.ts';

export const MARK_STATUSES = ['suggested', 'accepted', 'rejected'] as const;
export type MarkStatus = (typeof MARK_STATUSES)[number];

export const DISPOSITIONS = ['undecided', 'release-in-full', 'withhold-in-full', 'partial'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const REQUESTER_KNOWS = ['yes', 'no', 'unclear'] as const;
export type RequesterKnows = (typeof REQUESTER_KNOWS)[number];

export const STAFF_NAME_STATUSES = [
  'open',
  'awaiting-staff-reply',
  'awaiting-determination',
  'done',
] as const;
export type StaffNameStatus = (typeof STAFF_NAME_STATUSES)[number];

export type Determination = 'withhold' | 'release';

/** A refusal of a rule: the field it concerns (for a 400) or none (a 409 about the record's state). */
export type RuleResult<T> = { ok: true; value: T } | { ok: false; field?: string; message: string };

const ok = <T>(value: T): RuleResult<T> => ({ ok: true, value });
const refuse = <T>(message: string, field?: string): RuleResult<T> =>
  field === undefined ? { ok: false, message } : { ok: false, field, message };

/**
 * The Act whose grounds a request is decided under: the OIA catalogue (ss 6, 9, 18) for the official
 * information track, the Privacy Act's (ss 49–53) for every other track.
 * @example actForTrack('official-information') // 'oia'
 * @example actForTrack('privacy-access') // 'privacy'
 */
export function actForTrack(track: string | null): GroundAct {
  return track === 'official-information' ? 'oia' : 'privacy';
}

const ACT_NAMES: Record<GroundAct, string> = {
  privacy: 'the Privacy Act 2020 (ss 49–53)',
  oia: 'the Official Information Act 1982 (ss 6, 9, 18)',
};

/**
 * A ground an officer typed, as its canonical code, checked against the request's Act.
 * @example checkGround('s53b', 'privacy') // { ok: true, value: 's53(b)' }
 * @example checkGround('s9(2)(a)', 'privacy').ok // false: an OIA ground on a privacy request
 */
export function checkGround(
  input: string | null | undefined,
  act: GroundAct,
  field = 'ground',
): RuleResult<string> {
  if (input === null || input === undefined || input.trim() === '')
    return refuse(`Give the ground for withholding, from ${ACT_NAMES[act]}`, field);
  const code = parseGroundCode(input, act);
  if (code) return ok(code);
  const other: GroundAct = act === 'privacy' ? 'oia' : 'privacy';
  const elsewhere = parseGroundCode(input, other);
  return refuse(
    elsewhere
      ? `${elsewhere} is a ground of ${ACT_NAMES[other]}; this request is decided under ${ACT_NAMES[act]}`
      : `“${input}” is not a ground of ${ACT_NAMES[act]}`,
    field,
  );
}

/**
 * The ground a detector suggestion is proposed on: another person's information is s 53(b) on a privacy
 * request and s 9(2)(a) on an OIA request; a staff name is proposed on s 49(1)(a)(i), the only ground
 * C.09.04 allows (s 9(2)(a) on an OIA request, where C.09.04's Privacy Act ground is not available).
 * @example suggestedGround('privacy', false) // 's53(b)'
 * @example suggestedGround('privacy', true) // 's49(1)(a)(i)'
 */
export function suggestedGround(act: GroundAct, staffName: boolean): string {
  if (act === 'oia') return 's9(2)(a)';
  return staffName ? STAFF_NAME_GROUND : 's53(b)';
}

/**
 * The mark's piiType for a detector span type ('name' for a person).
 * @example piiTypeOf('DRIVER_LICENCE') // 'driver-licence'
 */
export function piiTypeOf(type: PiiType): string {
  return type === 'PERSON' ? 'name' : type.toLowerCase().replace(/_/g, '-');
}

/** Suggestions under this confidence are noise more often than not and cost the officer time. */
export const MIN_SUGGESTION_SCORE = 0.5;

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
]; // prettier-ignore

/**
 * The ISO date a written date means (d/m/yyyy, d.m.yy, d-m-yyyy, yyyy-mm-dd, '3 March 1985',
 * 'March 3, 1985'), or null. New Zealand writes the day first.
 * @example isoDateOf('3/03/1985') // '1985-03-03'
 * @example isoDateOf('12 Mar 1985') // '1985-03-12'
 */
export function isoDateOf(written: string): string | null {
  const text = written.trim().toLowerCase();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (y < 100) y += y > 30 ? 1900 : 2000;
  } else if ((match = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/.exec(text))) {
    [d, m, y] = [Number(match[1]), monthOf(match[2] ?? ''), Number(match[3])];
  } else if ((match = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(text))) {
    [d, m, y] = [Number(match[2]), monthOf(match[1] ?? ''), Number(match[3])];
  } else return null;
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function monthOf(word: string): number {
  if (word.length < 3) return 0;
  return MONTHS.findIndex((month) => month.startsWith(word)) + 1;
}

/** What the request says about the people in it, for deciding whose information is the requester's own. */
export interface RequestPeople {
  track: string | null;
  subject: { name: string; prn: string | null; dateOfBirth: string | null; contact: string | null };
  requesterName: string | null;
  requesterContact: string | null;
}

/**
 * The people the detector should know from the request itself. On an access or correction request the
 * person (or their agent) asks for their own information: the subject's name, PRN, date of birth and
 * contact are the requester's own and are not suggested. On an OIA request the subject is someone else,
 * so only the requester's own name and contact are theirs.
 * @example requestKnownPeople({ track: 'privacy-access', subject: { name: 'Aroha Pōtae', prn: '12345678', dateOfBirth: null, contact: null }, requesterName: 'Aroha Pōtae', requesterContact: null })
 * // [{ name: 'Aroha Pōtae', kind: 'requester', prn: '12345678', identifiers: [] }]
 */
export function requestKnownPeople(people: RequestPeople): KnownPerson[] {
  const ownRequest = actForTrack(people.track) === 'privacy';
  const subject: KnownPerson = {
    name: people.subject.name,
    kind: ownRequest ? 'requester' : 'person',
    ...(people.subject.prn ? { prn: people.subject.prn } : {}),
    identifiers: [
      ...(people.subject.contact ? [people.subject.contact] : []),
      ...(people.subject.dateOfBirth ? writtenDates(people.subject.dateOfBirth) : []),
    ],
  };
  const known = [subject];
  const requester = people.requesterName?.trim();
  if (requester && requester.toLowerCase() !== people.subject.name.trim().toLowerCase()) {
    known.push({
      name: requester,
      kind: 'requester',
      identifiers: people.requesterContact ? [people.requesterContact] : [],
    });
  } else if (people.requesterContact && ownRequest) {
    subject.identifiers?.push(people.requesterContact);
  }
  return known;
}

/**
 * Register people other than the requester, minus namesakes of the requester: in a request for one's own
 * information the requester's name is theirs, even when someone else in the register shares it, so the
 * namesake must not turn the requester's own name into a suggestion to withhold.
 * @example withoutNamesakes([{ name: 'Isla Williams', kind: 'person' }], [{ name: 'Isla Williams', kind: 'requester' }]) // []
 */
export function withoutNamesakes(
  register: readonly KnownPerson[],
  own: readonly KnownPerson[],
): KnownPerson[] {
  const fold = (name: string) =>
    name.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/\s+/g, ' ');
  const requesters = new Set(own.filter((p) => p.kind === 'requester').map((p) => fold(p.name)));
  return register.filter((person) => !requesters.has(fold(person.name)));
}

/** Common ways of writing an ISO date, so the detector can recognise the requester's own date of birth. */
function writtenDates(iso: string): string[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return [];
  const [, y = '', m = '', d = ''] = match;
  const month = MONTHS[Number(m) - 1] ?? '';
  const day = String(Number(d));
  const mon = String(Number(m));
  return [
    iso,
    `${d}/${m}/${y}`,
    `${day}/${mon}/${y}`,
    `${day} ${month} ${y}`,
    `${day} ${month.slice(0, 3)} ${y}`,
    `${month} ${day} ${y}`,
  ];
}

/** A detector span, in the terms review needs. */
export interface Candidate {
  type: PiiType;
  text: string;
  score: number;
  staff?: boolean | undefined;
  own?: boolean | undefined;
}

/**
 * Whether a span is suggested for withholding: not the requester's own information (by the detector's
 * own marking or, for a date of birth written some other way, by the date itself) and confident enough.
 * @example isSuggestion({ type: 'DOB', text: '12 March 1985', score: 0.95 }, '1985-03-12') // false: the requester's own
 */
export function isSuggestion(span: Candidate, requesterDob: string | null): boolean {
  if (span.own) return false;
  if (span.score < MIN_SUGGESTION_SCORE) return false;
  if (span.type === 'DOB' && requesterDob !== null && isoDateOf(span.text) === requesterDob) return false;
  return true;
}

/** A mark already on the document, for telling whether a suggestion repeats it. */
export interface ExistingTextMark {
  page: number;
  text: string | null;
  startOffset: number | null;
  endOffset: number | null;
}

/**
 * Whether a suggestion repeats a mark already there: the same page and offsets, or the same text on the
 * same page given without offsets (an officer's mark by text). A rejected mark counts too, so running
 * the detector again never brings back what the officer turned down.
 * @example repeatsMark({ page: 1, text: 'Mere', startOffset: 4, endOffset: 8 }, [{ page: 1, text: 'Mere', startOffset: 4, endOffset: 8 }]) // true
 */
export function repeatsMark(candidate: ExistingTextMark, existing: readonly ExistingTextMark[]): boolean {
  return existing.some(
    (mark) =>
      mark.page === candidate.page &&
      ((mark.startOffset === candidate.startOffset && mark.endOffset === candidate.endOffset) ||
        (mark.startOffset === null && mark.text !== null && mark.text === candidate.text)),
  );
}

/**
 * Where an officer's text mark sits on a page, in code-point offsets: given by offsets (the text, if
 * given too, must be what is there), or by the text alone (its first occurrence, in any letter case).
 * @example locateText('Mere Tāne rang', { text: 'tāne' }) // { ok: true, value: { text: 'Tāne', start: 5, end: 9 } }
 */
export function locateText(
  pageText: string,
  input: { text?: string | undefined; startOffset?: number | undefined; endOffset?: number | undefined },
): RuleResult<{ text: string; start: number; end: number }> {
  const chars = Array.from(pageText);
  const hasOffsets = input.startOffset !== undefined || input.endOffset !== undefined;
  if (hasOffsets) {
    const { startOffset: start, endOffset: end } = input;
    if (start === undefined) return refuse('Give startOffset with endOffset', 'startOffset');
    if (end === undefined) return refuse('Give endOffset with startOffset', 'endOffset');
    if (start < 0 || start >= chars.length)
      return refuse(`Must be within the page's text (0–${Math.max(0, chars.length - 1)})`, 'startOffset');
    if (end <= start || end > chars.length)
      return refuse(`Must be after startOffset and at most ${chars.length}`, 'endOffset');
    const text = chars.slice(start, end).join('');
    if (input.text !== undefined && input.text !== text)
      return refuse(`The page has “${text}” at those offsets, not “${input.text}”`, 'text');
    if (text.trim() === '') return refuse('The span holds only spaces', 'startOffset');
    return ok({ text, start, end });
  }
  const wanted = input.text?.trim();
  if (!wanted) return refuse('Give the text to withhold, or its startOffset and endOffset', 'text');
  let index = pageText.indexOf(wanted);
  if (index < 0) index = pageText.toLowerCase().indexOf(wanted.toLowerCase());
  // Lower-casing can change a string's length (e.g. 'İ'); only trust an index that still lines up.
  if (index < 0 || pageText.slice(index, index + wanted.length).toLowerCase() !== wanted.toLowerCase())
    return refuse('This text is not on that page', 'text');
  const start = Array.from(pageText.slice(0, index)).length;
  const text = pageText.slice(index, index + wanted.length);
  return ok({ text, start, end: start + Array.from(text).length });
}

/**
 * Whether an area mark's rectangle [x0, y0, x1, y1] (points, top-left origin) lies within the page.
 * @example checkRect([10, 10, 100, 50], 595, 842) // { ok: true, value: [10, 10, 100, 50] }
 */
export function checkRect(
  rect: readonly number[],
  width: number,
  height: number,
): RuleResult<[number, number, number, number]> {
  const [x0, y0, x1, y1] = rect;
  if (rect.length !== 4 || x0 === undefined || y0 === undefined || x1 === undefined || y1 === undefined)
    return refuse('Must be four numbers [x0, y0, x1, y1]', 'rect');
  if (!rect.every(Number.isFinite)) return refuse('Must be four finite numbers', 'rect');
  if (x1 <= x0 || y1 <= y0) return refuse('x1 must be greater than x0 and y1 greater than y0', 'rect');
  if (x0 < 0 || y0 < 0 || x1 > width || y1 > height)
    return refuse(`Must lie within the page (0–${width} by 0–${height} points)`, 'rect');
  return ok([x0, y0, x1, y1]);
}

/** What is known about a staff-name review when one of its marks is accepted. */
export interface StaffReviewState {
  status: StaffNameStatus;
  determination: Determination | null;
}

/**
 * Whether a mark may be accepted on a ground. A staff name (C.09.04) may be withheld only on
 * s 49(1)(a)(i) on a privacy request, and only once the decision maker has determined that the name is
 * withheld; after a determination to release it, never. `field` set: bad input (400); not set: the
 * review's state (409).
 * @example checkAcceptance({ ground: 's53(b)', act: 'privacy', staffName: true, review: null }).ok // false
 */
export function checkAcceptance(input: {
  ground: string | null | undefined;
  act: GroundAct;
  staffName: boolean;
  review: StaffReviewState | null;
}): RuleResult<string> {
  const ground = checkGround(input.ground, input.act);
  if (!ground.ok || !input.staffName) return ground;
  if (input.act === 'privacy' && ground.value !== STAFF_NAME_GROUND) {
    const decision = staffNameDecision({ proposedGround: ground.value, requesterKnowsName: 'no' });
    return refuse(decision.reason, 'ground');
  }
  if (input.review === null)
    return refuse('This staff name has no staff-name review yet; run the suggestions to open one (C.09.04)');
  if (input.review.determination === 'release')
    return refuse(
      'The decision maker determined that this staff name is released; it cannot be withheld (C.09.04)',
    );
  if (input.review.determination !== 'withhold')
    return refuse(
      'A staff name may be withheld only after the decision maker has determined it is withheld (C.09.04); ' +
        'the staff-name review is ' +
        input.review.status,
    );
  return ground;
}

/**
 * Whether a document may be given a disposition. Release in full is refused while the document has
 * accepted marks (reject them first: a release in full would release what they withhold); withholding
 * in full needs a ground of the request's Act.
 * @example checkDisposition({ disposition: 'release-in-full', ground: undefined, act: 'privacy', acceptedMarks: 2 }).ok // false
 */
export function checkDisposition(input: {
  disposition: Exclude<Disposition, 'undecided'>;
  ground: string | null | undefined;
  act: GroundAct;
  acceptedMarks: number;
}): RuleResult<string | null> {
  switch (input.disposition) {
    case 'release-in-full':
      if (input.acceptedMarks > 0)
        return refuse(
          `The document has ${input.acceptedMarks} accepted withholding mark${input.acceptedMarks === 1 ? '' : 's'}; ` +
            'reject them before releasing it in full, or release it in part',
        );
      return ok(null);
    case 'withhold-in-full':
      return checkGround(input.ground, input.act);
    case 'partial':
      return ok(null);
  }
}

/**
 * What a document's disposition amounts to. An 'undecided' document whose marks are all decided counts
 * as released in part when some are accepted, or in full when none are; with suggestions still to
 * review it stays undecided. A set disposition stands as it is.
 * @example effectiveDisposition('undecided', { suggested: 0, accepted: 2 }) // 'partial'
 * @example effectiveDisposition('undecided', { suggested: 0, accepted: 0 }) // 'release-in-full'
 */
export function effectiveDisposition(
  disposition: Disposition,
  marks: { suggested: number; accepted: number },
): Disposition {
  if (disposition !== 'undecided') return disposition;
  if (marks.suggested > 0) return 'undecided';
  return marks.accepted > 0 ? 'partial' : 'release-in-full';
}

/** One document, for the review readiness check. */
export interface ReadinessDocument {
  title: string;
  disposition: Disposition;
  withholdGround: string | null;
  marks: { suggested: number; accepted: number; rejected: number };
}

export interface ReviewReadiness {
  documents: number;
  /** Documents whose disposition is still undecided after the rule of {@link effectiveDisposition}. */
  undecidedDocuments: number;
  /** Suggested marks not yet accepted or rejected, on every document in scope. */
  suggestedMarks: number;
  /** Staff-name reviews not yet done. */
  openStaffNames: number;
  ready: boolean;
  blockers: string[];
  /** Facts worth knowing that do not block (e.g. no documents in scope). */
  notes: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const STAFF_STATUS_WORDS: Record<StaffNameStatus, string> = {
  open: 'waiting for the officer',
  'awaiting-staff-reply': "waiting for the staff member's reply",
  'awaiting-determination': "waiting for the decision maker's determination",
  done: 'done',
};

/**
 * Whether a request's review is finished, and what stands in the way in words: suggested marks not yet
 * accepted or rejected (on any document: a whole-document decision does not review them), documents
 * not reviewed at all (no marks and no disposition), documents
 * withheld in full without a ground, documents released in full with accepted marks, and staff-name
 * reviews not done (C.09.04). No documents is not a blocker (a refusal or neither-confirm-nor-deny may
 * have none) but is noted.
 * @example reviewReadiness([], []).ready // true, with the note 'No documents in scope'
 */
export function reviewReadiness(
  documents: readonly ReadinessDocument[],
  staffNames: ReadonlyArray<{ status: StaffNameStatus }>,
): ReviewReadiness {
  const blockers: string[] = [];
  const notes: string[] = [];
  let undecided = 0;
  let suggested = 0;
  if (documents.length === 0) notes.push('No documents in scope');
  for (const doc of documents) {
    suggested += doc.marks.suggested;
    const effective = effectiveDisposition(doc.disposition, doc.marks);
    const marked = doc.marks.suggested + doc.marks.accepted + doc.marks.rejected > 0;
    if (doc.disposition === 'undecided' && !marked) {
      // Nobody has looked at it: without this it would count as released in full.
      undecided++;
      blockers.push(
        `“${doc.title}” has not been reviewed: run the suggestions and decide them, mark what is withheld, or release it in full`,
      );
    } else if (effective === 'undecided') {
      undecided++;
      blockers.push(
        `“${doc.title}” is undecided and has ${plural(doc.marks.suggested, 'suggested mark')} not yet accepted or rejected`,
      );
    } else if (doc.marks.suggested > 0) {
      blockers.push(
        `“${doc.title}” has ${plural(doc.marks.suggested, 'suggested mark')} not yet accepted or rejected`,
      );
    }
    if (doc.disposition === 'withhold-in-full' && !doc.withholdGround)
      blockers.push(`“${doc.title}” is withheld in full without a ground`);
    if (doc.disposition === 'release-in-full' && doc.marks.accepted > 0)
      blockers.push(
        `“${doc.title}” is released in full but has ${plural(doc.marks.accepted, 'accepted mark')}`,
      );
    if (doc.disposition === 'undecided' && marked && effective !== 'undecided')
      notes.push(
        `“${doc.title}” has no disposition set; with its marks decided it counts as ${
          effective === 'partial' ? 'released in part' : 'released in full'
        }`,
      );
  }
  const open = staffNames.filter((review) => review.status !== 'done');
  const byStatus = new Map<StaffNameStatus, number>();
  for (const review of open) byStatus.set(review.status, (byStatus.get(review.status) ?? 0) + 1);
  for (const [status, count] of byStatus)
    blockers.push(`${plural(count, 'staff-name review')} ${STAFF_STATUS_WORDS[status]} (C.09.04)`);
  return {
    documents: documents.length,
    undecidedDocuments: undecided,
    suggestedMarks: suggested,
    openStaffNames: open.length,
    ready: blockers.length === 0,
    blockers,
    notes,
  };
}

/** A staff-name review's facts, for its rules. */
export interface StaffNameFacts {
  status: StaffNameStatus;
  requesterKnows: RequesterKnows | null;
  proposedGround: string | null;
  consulted: boolean;
  replied: boolean;
  determination: Determination | null;
}

/**
 * The C.09.04 rule's answer for a review, in words. On an OIA request the Privacy Act ground is not
 * available, so only the rule's question about the requester's knowledge is asked.
 * @example staffNameRuling({ requesterKnows: 'yes', proposedGround: 's49(1)(a)(i)' }, 'privacy') // 'The requester already knows … (C.09.04)'
 */
export function staffNameRuling(
  review: Pick<StaffNameFacts, 'requesterKnows' | 'proposedGround'>,
  act: GroundAct,
): string {
  if (review.requesterKnows === null)
    return 'Record whether the requester already knows this name: a staff name may be withheld only on s 49(1)(a)(i), and not if the requester knows it (C.09.04)';
  const decision = staffNameDecision({
    proposedGround: act === 'oia' ? STAFF_NAME_GROUND : review.proposedGround,
    requesterKnowsName: review.requesterKnows,
  });
  return decision.outcome === 'consult-staff-member'
    ? `${decision.reason}. ${decision.nextStep}`
    : decision.reason;
}

/**
 * The status after the officer records whether the requester knows the name: a known or unknown name
 * goes to the decision maker; an unclear one waits for the staff member to be consulted (C.09.04),
 * unless the consultation has already been answered.
 * @example statusAfterAnswer({ status: 'open', consulted: false, replied: false }, 'unclear') // 'open'
 */
export function statusAfterAnswer(
  review: Pick<StaffNameFacts, 'status' | 'consulted' | 'replied'>,
  requesterKnows: RequesterKnows,
): StaffNameStatus {
  if (review.status === 'awaiting-staff-reply') return review.status;
  if (requesterKnows === 'unclear' && !review.replied) return 'open';
  return 'awaiting-determination';
}

/** Whether the officer may still record an answer or consult: not once the determination is made. */
export function checkStillOpen(review: Pick<StaffNameFacts, 'status'>): RuleResult<null> {
  return review.status === 'done'
    ? refuse('The decision maker has already determined this staff name (C.09.04)')
    : ok(null);
}

/** Whether the staff member may be consulted now. */
export function checkConsult(
  review: Pick<StaffNameFacts, 'status'>,
  staffMemberKnown: boolean,
): RuleResult<null> {
  const open = checkStillOpen(review);
  if (!open.ok) return open;
  if (review.status === 'awaiting-staff-reply')
    return refuse('The staff member has been consulted and has not replied yet');
  if (!staffMemberKnown)
    return refuse(
      'This name is not in the staff directory, so there is no one to consult; record whether the requester knows it instead',
    );
  return ok(null);
}

/**
 * Whether the decision maker may determine now, and on what (C.09.04): a name the requester already
 * knows cannot be withheld on s 49(1)(a)(i); when it is unclear whether they know it, the staff member
 * is consulted and has replied first.
 * @example checkDetermination({ status: 'awaiting-determination', requesterKnows: 'yes', proposedGround: 's49(1)(a)(i)', consulted: false, replied: false, determination: null }, 'withhold').ok // false
 */
export function checkDetermination(review: StaffNameFacts, determination: Determination): RuleResult<null> {
  if (review.status === 'done') return refuse('This staff name has already been determined (C.09.04)');
  if (review.requesterKnows === null)
    return refuse('The officer has not yet recorded whether the requester knows this name (C.09.04)');
  if (review.status === 'awaiting-staff-reply')
    return refuse(
      'The staff member has been consulted and has not replied yet; determine after their reply (C.09.04)',
    );
  if (review.requesterKnows === 'unclear' && !(review.consulted && review.replied))
    return refuse(
      'It is unclear whether the requester knows this name: consult the staff member and wait for their reply before determining (C.09.04)',
    );
  if (determination === 'withhold' && review.requesterKnows === 'yes') {
    const decision = staffNameDecision({ proposedGround: STAFF_NAME_GROUND, requesterKnowsName: 'yes' });
    return refuse(decision.reason, 'determination');
  }
  return ok(null);
}

/**
 * A name as stored on a review: its words joined by single spaces (line breaks in a page's text do not
 * make a different name).
 * @example normaliseName(' Wiremu\nWalker ') // 'Wiremu Walker'
 */
export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** The user a staff name refers to, from the directory. */
export interface DirectoryEntry {
  id: string;
  name: string;
}

/**
 * The staff member a name found in a document refers to: the one whose full name it is, or else the
 * only one whose name contains all its words ('Walker' for 'Wiremu Walker'); null when none or several.
 * `fold` compares words (without macrons and case).
 * @example matchStaff('Walker', [{ id: 'u1', name: 'Wiremu Walker' }], (w) => w.toLowerCase())?.id // 'u1'
 */
export function matchStaff(
  name: string,
  directory: readonly DirectoryEntry[],
  fold: (word: string) => string,
): DirectoryEntry | null {
  const words = (value: string) => value.split(/\s+/).filter(Boolean).map(fold);
  const wanted = words(name);
  if (wanted.length === 0) return null;
  const exact = directory.filter((user) => words(user.name).join(' ') === wanted.join(' '));
  if (exact.length === 1) return exact[0] ?? null;
  if (exact.length > 1) return null;
  const partial = directory.filter((user) => {
    const have = words(user.name);
    return wanted.every((word) => have.includes(word));
  });
  return partial.length === 1 ? (partial[0] ?? null) : null;
}

/** What ties a staff-name review to the names found in documents: its name and its staff member. */
export interface StaffReviewKey {
  name: string;
  staffUserId: string | null;
}

/**
 * The staff-name review a staff name found in a document belongs to (C.09.04): the review of the same
 * name (as {@link normaliseName} writes it, in any letter case), or else the review of the staff member
 * the name refers to ({@link matchStaff}), so 'Wiremu' in an e-mail joins the review of 'Wiremu Walker'.
 * A name that refers to no staff member, or to none with a review, has none: it gets its own review.
 * @example reviewForStaffName('Wiremu', [{ name: 'Wiremu Walker', staffUserId: 'u1' }], [{ id: 'u1', name: 'Wiremu Walker' }], (w) => w.toLowerCase())?.name // 'Wiremu Walker'
 * @example reviewForStaffName('Bartholomew', [{ name: 'Wiremu Walker', staffUserId: 'u1' }], [{ id: 'u1', name: 'Wiremu Walker' }], (w) => w.toLowerCase()) // null
 */
export function reviewForStaffName<R extends StaffReviewKey>(
  name: string,
  reviews: readonly R[],
  directory: readonly DirectoryEntry[],
  fold: (word: string) => string,
): R | null {
  const key = normaliseName(name).toLowerCase();
  if (key === '') return null;
  const same = reviews.find((review) => normaliseName(review.name).toLowerCase() === key);
  if (same) return same;
  const user = matchStaff(name, directory, fold);
  if (!user) return null;
  return reviews.find((review) => review.staffUserId === user.id) ?? null;
}

/**
 * Whether `candidate` is a fuller form of a staff member's name than `current`, for naming a review
 * opened from several forms at once: the directory's own name first, then more words, then more letters.
 * @example fullerStaffName('Olivia Hart', 'Olivia', 'Olivia Hart', (w) => w.toLowerCase()) // true
 * @example fullerStaffName('Olivia', 'Olivia Hart', 'Olivia Hart', (w) => w.toLowerCase()) // false
 */
export function fullerStaffName(
  candidate: string,
  current: string,
  directoryName: string,
  fold: (word: string) => string,
): boolean {
  const words = (value: string) => value.split(/\s+/).filter(Boolean).map(fold);
  const rank = (value: string): [number, number, number] => {
    const w = words(value);
    return [w.join(' ') === words(directoryName).join(' ') ? 1 : 0, w.length, w.join('').length];
  };
  const [a, b] = [rank(candidate), rank(current)];
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return false;
}

/** The statuses of a request in which its documents may still be reviewed. */
export const REVIEWABLE_REQUEST_STATUSES: readonly string[] = [
  'awaiting-triage',
  'open',
  'awaiting-clarification',
  'awaiting-decision',
];

/**
 * Whether the request's review may still change: once decided, released or closed, what was decided
 * stands (a returned decision puts the request back to open).
 */
export function checkReviewable(requestStatus: string): RuleResult<null> {
  return REVIEWABLE_REQUEST_STATUSES.includes(requestStatus)
    ? ok(null)
    : refuse(`The request is ${requestStatus}; its review can no longer change`);
}
