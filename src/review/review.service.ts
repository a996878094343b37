/**
 * Use cases of document review: detector suggestions, withholding marks, a document's disposition, the
 * staff-name review (C.09.04) and the readiness check. One transaction each, audited in it.
 */
import type { Actor } from '../auth/actor.ts';
import { appendAuditEvent, type AuditEntry } from '../audit/audit.repo.ts';
import type { AuditAction } from '../audit/audit-actions.ts';
import type { Database } from '../db/client.ts';
import { inTransaction, type Executor } from '../db/tx.ts';
import { foldWord, tokenize } from '../documents/pii/fold.ts';
import { detectDocument, toCodePointOffsets, type KnownPerson } from '../documents/pii/index.ts';
import { groundByCode, STAFF_NAME_GROUND } from '../law/grounds.ts';
import { queueMail } from '../mail/mail.ts';
import { findPersonById } from '../people/people.repo.ts';
import { findRequest } from '../requests/requests.repo.ts';
import { loadVisibleRequest } from '../requests/requests.service.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../server/errors.ts';
import * as repo from './review.repo.ts';
import {
  actForTrack,
  checkAcceptance,
  checkConsult,
  checkDetermination,
  checkDisposition,
  checkGround,
  checkReviewable,
  checkRect,
  checkStillOpen,
  fullerStaffName,
  isSuggestion,
  locateText,
  matchStaff,
  normaliseName,
  piiTypeOf,
  repeatsMark,
  requestKnownPeople,
  reviewForStaffName,
  withoutNamesakes,
  reviewReadiness as readinessOf,
  staffNameRuling,
  statusAfterAnswer,
  suggestedGround,
  type Determination,
  type Disposition,
  type ExistingTextMark,
  type RequesterKnows,
  type ReviewReadiness,
  type RuleResult,
  type StaffNameStatus,
} from './review.rules.ts';

type RequestRow = Awaited<ReturnType<typeof loadVisibleRequest>>;

// ---------- shapes answered by the API (api.md Mark, StaffNameReview, DocumentSummary) ----------

export interface MarkView {
  id: string;
  documentId: string;
  page: number;
  kind: 'text' | 'area';
  text: string | null;
  startOffset: number | null;
  endOffset: number | null;
  rect: [number, number, number, number] | null;
  piiType: string | null;
  score: number | null;
  source: 'detector' | 'officer';
  status: 'suggested' | 'accepted' | 'rejected';
  ground: string | null;
  groundLabel: string | null;
  note: string | null;
  staffName: boolean;
  createdAt: string;
  decidedAt: string | null;
}

export function markView(row: repo.MarkRow): MarkView {
  return {
    id: row.id,
    documentId: row.documentId,
    page: row.page,
    kind: row.kind as MarkView['kind'],
    text: row.text,
    startOffset: row.startOffset,
    endOffset: row.endOffset,
    rect: row.rect ?? null,
    piiType: row.piiType,
    score: row.score,
    source: row.source as MarkView['source'],
    status: row.status as MarkView['status'],
    ground: row.ground,
    groundLabel: row.ground ? (groundByCode(row.ground)?.label ?? null) : null,
    note: row.note,
    staffName: row.staffName,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

export interface StaffNameReviewView {
  id: string;
  requestId: string;
  name: string;
  staffUser: { id: string; name: string } | null;
  requesterKnows: RequesterKnows | null;
  proposedGround: string | null;
  consultation: {
    question: string;
    askedAt: string;
    askedBy: string;
    reply: string | null;
    repliedAt: string | null;
    view: 'withhold' | 'release' | null;
  } | null;
  determination: Determination | null;
  determinationReason: string | null;
  determinedAt: string | null;
  status: StaffNameStatus;
  ruling: string;
  occurrences: number;
}

function staffReviewView(
  row: repo.StaffReviewWithUser,
  track: string | null,
  occurrences: number,
): StaffNameReviewView {
  const review = row.review;
  return {
    id: review.id,
    requestId: review.requestId,
    name: review.name,
    staffUser: review.staffUserId === null ? null : { id: review.staffUserId, name: row.staffUserName ?? '' },
    requesterKnows: review.requesterKnows as RequesterKnows | null,
    proposedGround: review.proposedGround,
    consultation: review.consultation ?? null,
    determination: review.determination as Determination | null,
    determinationReason: review.determinationReason,
    determinedAt: review.determinedAt?.toISOString() ?? null,
    status: review.status as StaffNameStatus,
    ruling: staffNameRuling(
      {
        requesterKnows: review.requesterKnows as RequesterKnows | null,
        proposedGround: review.proposedGround,
      },
      actForTrack(track),
    ),
    occurrences,
  };
}

const nameKey = (name: string | null) => normaliseName(name ?? '').toLowerCase();

/** A request's staff-name reviews and the staff directory: what ties a staff name to its review. */
interface StaffNameIndex {
  reviews: repo.StaffReviewWithUser[];
  staff: repo.StaffDirectoryRow[];
}

async function staffNameIndex(tx: Executor, requestId: string): Promise<StaffNameIndex> {
  return { reviews: await repo.listStaffReviews(tx, requestId), staff: await repo.activeStaff(tx) };
}

/**
 * The review a staff name belongs to (C.09.04): the one of the same name, or else the one of the staff
 * member it names ('Olivia' joins 'Olivia Hart'); see {@link reviewForStaffName}.
 */
function reviewOf(index: StaffNameIndex, name: string | null): repo.StaffReviewWithUser | undefined {
  if (name === null) return undefined;
  const found = reviewForStaffName(
    name,
    index.reviews.map((row) => row.review),
    index.staff,
    foldWord,
  );
  return found === null ? undefined : index.reviews.find((row) => row.review === found);
}

/** Suggested and accepted staff-name marks per review id, over the request's documents. */
async function staffOccurrences(
  tx: Executor,
  requestId: string,
  staff?: repo.StaffDirectoryRow[],
): Promise<Map<string, number>> {
  const index: StaffNameIndex = {
    reviews: await repo.listStaffReviews(tx, requestId),
    staff: staff ?? (await repo.activeStaff(tx)),
  };
  const counts = new Map<string, number>();
  for (const mark of await repo.liveStaffMarks(tx, requestId)) {
    const review = reviewOf(index, mark.text);
    if (review) counts.set(review.review.id, (counts.get(review.review.id) ?? 0) + 1);
  }
  return counts;
}

export interface DocumentSummaryView {
  id: string;
  requestId: string;
  title: string;
  originalFilename: string;
  sourceType: string;
  pageCount: number;
  ocrPages: number;
  disposition: Disposition;
  withholdGround: string | null;
  dispositionNote: string | null;
  addedAt: string;
  addedBy: { id: string; name: string } | null;
  marks: repo.MarkCounts;
}

function documentSummaryView(row: repo.DocumentSummaryRow): DocumentSummaryView {
  const doc = row.document;
  return {
    id: doc.id,
    requestId: doc.requestId,
    title: doc.title,
    originalFilename: doc.originalFilename,
    sourceType: doc.sourceType,
    pageCount: doc.pageCount,
    ocrPages: row.ocrPages,
    disposition: doc.disposition as Disposition,
    withholdGround: doc.withholdGround,
    dispositionNote: doc.dispositionNote,
    addedAt: doc.addedAt.toISOString(),
    addedBy: doc.addedBy === null ? null : { id: doc.addedBy, name: row.addedByName ?? '' },
    marks: row.marks,
  };
}

// ---------- helpers ----------

/** A rule's refusal as an API error: a named field is bad input (400), otherwise the state forbids it (409). */
function orThrow<T>(result: RuleResult<T>): T {
  if (result.ok) return result.value;
  if (result.field !== undefined) throw invalid([{ path: result.field, message: result.message }]);
  throw conflict(result.message);
}

async function audit(
  tx: Executor,
  actor: Actor,
  action: AuditAction,
  request: { subjectPersonId: string },
  entity: { type: string; id: string },
  details?: Record<string, unknown>,
): Promise<void> {
  const entry: AuditEntry = {
    action,
    actorId: actor.id,
    actorRole: actor.role,
    address: actor.address,
    entityType: entity.type,
    entityId: entity.id,
    personId: request.subjectPersonId,
  };
  if (details) entry.details = details;
  await appendAuditEvent(tx, entry);
}

/** The document and its request, if the actor may see the request; else "not found". */
async function loadDocument(
  tx: Executor,
  actor: Actor,
  documentId: string,
  forUpdate: boolean,
): Promise<{ document: repo.DocumentRow; request: RequestRow }> {
  const document = await repo.findDocument(tx, documentId);
  if (!document) throw notFound('Document');
  try {
    const request = await loadVisibleRequest(tx, actor, document.requestId, forUpdate);
    return { document, request };
  } catch (error) {
    // A document of a request the caller cannot see does not exist for them.
    if (error instanceof AppError && error.code === 'not-found') throw notFound('Document');
    throw error;
  }
}

/**
 * The request of a staff-name review, if the actor may see it. Besides the request's own visibility
 * rule, a decision maker sees a request while one of its staff names waits for their determination
 * (C.09.04 gives the determination to them, usually before the request reaches them for decision).
 */
async function loadReviewRequest(
  tx: Executor,
  actor: Actor,
  requestId: string,
  forUpdate: boolean,
): Promise<RequestRow> {
  try {
    return await loadVisibleRequest(tx, actor, requestId, forUpdate);
  } catch (error) {
    if (
      error instanceof AppError &&
      error.code === 'not-found' &&
      actor.role === 'decision-maker' &&
      (await repo.hasReviewAwaitingDetermination(tx, requestId))
    ) {
      const row = await findRequest(tx, requestId, forUpdate);
      if (row) return row;
    }
    throw error;
  }
}

async function loadStaffReview(
  tx: Executor,
  actor: Actor,
  reviewId: string,
): Promise<{ review: repo.StaffReviewWithUser; request: RequestRow }> {
  const review = await repo.findStaffReview(tx, reviewId, true);
  if (!review) throw notFound('Staff-name review');
  try {
    const request = await loadReviewRequest(tx, actor, review.review.requestId, true);
    return { review, request };
  } catch (error) {
    if (error instanceof AppError && error.code === 'not-found') throw notFound('Staff-name review');
    throw error;
  }
}

// ---------- suggestions ----------

/** The people the detector should know for this request: the requester, the register, the staff directory. */
async function knownPeopleFor(
  tx: Executor,
  request: RequestRow,
  pages: readonly repo.PageRow[],
): Promise<{ known: KnownPerson[]; requesterDob: string | null; staff: repo.StaffDirectoryRow[] }> {
  const subject = await findPersonById(tx, request.subjectPersonId);
  const own = requestKnownPeople({
    track: request.track,
    subject: {
      name: request.subjectName,
      prn: subject?.prn ?? null,
      dateOfBirth: subject?.dateOfBirth ?? null,
      contact: subject?.contact ?? null,
    },
    requesterName: request.requesterName,
    requesterContact: request.requesterContact,
  });
  const words = new Set<string>();
  const prns = new Set<string>();
  for (const page of pages) {
    for (const token of tokenize(page.text)) if (/^\p{Lu}/u.test(token.text)) words.add(token.folded);
    for (const match of page.text.matchAll(/[\p{L}\p{N}-]{4,}/gu))
      if (/\d/.test(match[0])) prns.add(match[0]);
  }
  const register = await repo.registerPeopleNamed(tx, [...words], [...prns], request.subjectPersonId);
  const staff = await repo.activeStaff(tx);
  const others = register.map((p): KnownPerson => ({
    name: p.name,
    kind: 'person',
    ...(p.prn ? { prn: p.prn } : {}),
  }));
  const known: KnownPerson[] = [
    ...own,
    ...withoutNamesakes(others, own),
    ...staff.map((u): KnownPerson => ({ name: u.name, kind: 'staff' })),
  ];
  const requesterDob = actForTrack(request.track) === 'privacy' ? (subject?.dateOfBirth ?? null) : null;
  return { known, requesterDob, staff };
}

/**
 * Runs the detector over every page of a document and stores what it finds as suggested marks, each
 * with a proposed ground; the requester's own information is left out, nothing already marked is
 * marked again, and each staff member named opens one staff-name review (C.09.04), whatever forms of
 * their name appear ('Olivia Hart', 'Olivia'): a name joins the review of the same name or of the staff
 * member it names, and a review opened in this run is named by the fullest form found. A name of no one
 * in the directory gets a review of its own.
 */
export async function suggestMarks(
  db: Database,
  actor: Actor,
  documentId: string,
): Promise<{ created: number; marks: MarkView[] }> {
  return inTransaction(db, async (tx) => {
    const { document, request } = await loadDocument(tx, actor, documentId, true);
    orThrow(checkReviewable(request.status));
    const act = actForTrack(request.track);
    const pages = await repo.listPages(tx, document.id);
    const { known, requesterDob, staff } = await knownPeopleFor(tx, request, pages);
    // The request's reviews and those this run opens, for tying each staff name to its review.
    const reviews: Array<{
      name: string;
      staffUserId: string | null;
      determination: string | null;
      opened?: repo.StaffReviewInsert;
    }> = (await repo.listStaffReviews(tx, request.id)).map(({ review }) => ({
      name: review.name,
      staffUserId: review.staffUserId,
      determination: review.determination,
    }));
    const seen: ExistingTextMark[] = (await repo.listMarks(tx, document.id)).map((m) => ({
      page: m.page,
      text: m.text,
      startOffset: m.startOffset,
      endOffset: m.endOffset,
    }));
    const now = new Date();
    const newMarks: repo.MarkInsert[] = [];
    // Across the document: 'Olivia' on page 3 is the 'Olivia Hart' named on page 1.
    const detected = detectDocument(
      pages.map((page) => page.text),
      { knownPeople: known },
    );
    for (const [index, page] of pages.entries()) {
      for (const span of detected[index]!) {
        if (!isSuggestion(span, requesterDob)) continue;
        const [start = 0, end = 0] = toCodePointOffsets(page.text, [span.start, span.end]);
        const candidate = { page: page.page, text: span.text, startOffset: start, endOffset: end };
        if (repeatsMark(candidate, seen)) continue;
        seen.push(candidate);
        const staffName = span.staff === true;
        const name = normaliseName(span.text);
        let review = staffName ? reviewForStaffName(name, reviews, staff, foldWord) : null;
        if (staffName) {
          const user = matchStaff(name, staff, foldWord);
          if (review === null) {
            const opened: repo.StaffReviewInsert = {
              requestId: request.id,
              name,
              staffUserId: user?.id ?? null,
              proposedGround: act === 'privacy' ? STAFF_NAME_GROUND : null,
              status: 'open',
            };
            review = { name, staffUserId: opened.staffUserId ?? null, determination: null, opened };
            reviews.push(review);
          } else if (
            review.opened &&
            user !== null &&
            review.staffUserId === user.id &&
            fullerStaffName(name, review.name, user.name, foldWord)
          ) {
            // Opened in this run under a shorter form ('Olivia' before 'Olivia Hart'): name it in full.
            review.name = name;
            review.opened.name = name;
          }
        }
        const released = review?.determination === 'release';
        newMarks.push({
          documentId: document.id,
          page: page.page,
          kind: 'text',
          text: span.text,
          startOffset: start,
          endOffset: end,
          piiType: piiTypeOf(span.type),
          score: span.score,
          source: 'detector',
          // A name the decision maker has determined released is recorded, already turned down.
          status: released ? 'rejected' : 'suggested',
          ground: released ? null : suggestedGround(act, staffName),
          note: released ? 'Released by the decision maker’s determination (C.09.04)' : null,
          staffName,
          createdBy: actor.id,
          ...(released ? { decidedAt: now } : {}),
        });
      }
    }
    await repo.insertMarks(tx, newMarks);
    const opened = await repo.insertStaffReviews(
      tx,
      reviews.flatMap((review) => (review.opened ? [review.opened] : [])),
    );
    await audit(
      tx,
      actor,
      'review.suggested',
      request,
      { type: 'document', id: document.id },
      {
        created: newMarks.length,
        staffNameReviewsOpened: opened,
      },
    );
    const marks = await repo.listMarks(tx, document.id);
    return { created: newMarks.length, marks: marks.map(markView) };
  });
}

// ---------- marks ----------

export async function listDocumentMarks(db: Database, actor: Actor, documentId: string): Promise<MarkView[]> {
  return inTransaction(db, async (tx) => {
    const { document, request } = await loadDocument(tx, actor, documentId, false);
    await audit(tx, actor, 'review.marks-read', request, { type: 'document', id: document.id });
    return (await repo.listMarks(tx, document.id)).map(markView);
  });
}

export type NewMark =
  | {
      page: number;
      kind: 'text';
      text?: string | undefined;
      startOffset?: number | undefined;
      endOffset?: number | undefined;
      ground?: string | undefined;
      note?: string | undefined;
    }
  | {
      page: number;
      kind: 'area';
      rect: number[];
      ground?: string | undefined;
      note?: string | undefined;
    };

/**
 * An officer's own mark, accepted at once on its ground: a span of a page's text (by offsets or by the
 * text itself, which must be on that page) or an area within the page. A span that is a staff name
 * under review follows C.09.04 like the detector's.
 */
export async function addMark(
  db: Database,
  actor: Actor,
  documentId: string,
  input: NewMark,
): Promise<MarkView> {
  return inTransaction(db, async (tx) => {
    const { document, request } = await loadDocument(tx, actor, documentId, true);
    orThrow(checkReviewable(request.status));
    const page = await repo.findPage(tx, document.id, input.page);
    if (!page) throw invalid([{ path: 'page', message: `The document has pages 1–${document.pageCount}` }]);
    const act = actForTrack(request.track);
    const now = new Date();
    const common = {
      documentId: document.id,
      page: page.page,
      source: 'officer',
      status: 'accepted',
      note: input.note ?? null,
      createdBy: actor.id,
      decidedBy: actor.id,
      decidedAt: now,
    };
    let values: repo.MarkInsert;
    if (input.kind === 'area') {
      const rect = orThrow(checkRect(input.rect, page.width, page.height));
      const ground = orThrow(checkAcceptance({ ground: input.ground, act, staffName: false, review: null }));
      values = { ...common, kind: 'area', rect, ground, staffName: false };
    } else {
      const span = orThrow(locateText(page.text, input));
      const review = reviewOf(await staffNameIndex(tx, request.id), span.text);
      const ground = orThrow(
        checkAcceptance({
          ground: input.ground,
          act,
          staffName: review !== undefined,
          review: reviewState(review),
        }),
      );
      values = {
        ...common,
        kind: 'text',
        text: span.text,
        startOffset: span.start,
        endOffset: span.end,
        ground,
        staffName: review !== undefined,
      };
    }
    const [row] = await repo.insertMarks(tx, [values]);
    if (!row) throw new Error('mark not inserted');
    await audit(
      tx,
      actor,
      'review.mark-added',
      request,
      { type: 'redaction-mark', id: row.id },
      {
        documentId: document.id,
        kind: row.kind,
        ground: row.ground,
      },
    );
    return markView(row);
  });
}

type MarkDecision = {
  status: 'accepted' | 'rejected';
  ground?: string | undefined;
  note?: string | null | undefined;
};

/** The state of a staff-name review the acceptance rule needs (C.09.04). */
function reviewState(review: repo.StaffReviewWithUser | undefined) {
  return review
    ? {
        status: review.review.status as StaffNameStatus,
        determination: review.review.determination as Determination | null,
      }
    : null;
}

/** The request's staff-name reviews and directory, read only when one of the marks is a staff name. */
async function reviewsForMarks(
  tx: Executor,
  requestId: string,
  marks: readonly repo.MarkRow[],
): Promise<StaffNameIndex> {
  return marks.some((mark) => mark.staffName) ? staffNameIndex(tx, requestId) : { reviews: [], staff: [] };
}

/**
 * The ground a mark is decided on: null when rejected; when accepted, the ground checked against the
 * request's Act and, for a staff name, against its review (C.09.04). Throws the rule's refusal.
 */
function decidedGround(
  mark: repo.MarkRow,
  input: MarkDecision,
  request: RequestRow,
  reviews: StaffNameIndex,
): string | null {
  if (input.status !== 'accepted') return null;
  return orThrow(
    checkAcceptance({
      ground: input.ground,
      act: actForTrack(request.track),
      staffName: mark.staffName,
      review: mark.staffName ? reviewState(reviewOf(reviews, mark.text)) : null,
    }),
  );
}

/** Records a checked decision on a mark, audited ('review.mark-decided', one event per mark). */
async function recordDecision(
  tx: Executor,
  actor: Actor,
  request: RequestRow,
  mark: repo.MarkRow,
  input: MarkDecision,
  ground: string | null,
  at: Date,
): Promise<repo.MarkRow> {
  const row = await repo.updateMark(tx, mark.id, {
    status: input.status,
    ground,
    note: input.note === undefined ? mark.note : input.note,
    decidedBy: actor.id,
    decidedAt: at,
  });
  await audit(
    tx,
    actor,
    'review.mark-decided',
    request,
    { type: 'redaction-mark', id: mark.id },
    {
      documentId: mark.documentId,
      status: input.status,
      ground,
    },
  );
  return row;
}

/** Accepts a mark on a ground of the request's Act (C.09.04 for staff names), or rejects it. */
export async function decideMark(
  db: Database,
  actor: Actor,
  markId: string,
  input: MarkDecision,
): Promise<MarkView> {
  return inTransaction(db, async (tx) => {
    const mark = await repo.findMark(tx, markId);
    if (!mark) throw notFound('Mark');
    let loaded;
    try {
      loaded = await loadDocument(tx, actor, mark.documentId, true);
    } catch (error) {
      if (error instanceof AppError && error.code === 'not-found') throw notFound('Mark');
      throw error;
    }
    const { request } = loaded;
    orThrow(checkReviewable(request.status));
    const ground = decidedGround(mark, input, request, await reviewsForMarks(tx, request.id, [mark]));
    return markView(await recordDecision(tx, actor, request, mark, input, ground, new Date()));
  });
}

/**
 * Decides at once every suggested mark of a document whose text is `text` (compared as names are:
 * whitespace and case do not matter), each as `decideMark` would. Every mark is checked before any
 * changes, so one refused (a staff name not yet determined, C.09.04) leaves them all as they were.
 * Audited per mark, as one decision each: the access log then counts the same events either way.
 */
export async function decideMatchingMarks(
  db: Database,
  actor: Actor,
  documentId: string,
  input: MarkDecision & { text: string },
): Promise<{ decided: number; marks: MarkView[] }> {
  return inTransaction(db, async (tx) => {
    const { document, request } = await loadDocument(tx, actor, documentId, true);
    orThrow(checkReviewable(request.status));
    const key = nameKey(input.text);
    const matching = (await repo.listMarks(tx, document.id)).filter(
      (mark) => mark.status === 'suggested' && mark.text !== null && nameKey(mark.text) === key,
    );
    if (matching.length === 0)
      throw conflict(
        `This document has no suggested mark of the text “${normaliseName(input.text)}” to decide`,
      );
    const reviews = await reviewsForMarks(tx, request.id, matching);
    const grounds = matching.map((mark) => decidedGround(mark, input, request, reviews));
    const now = new Date();
    for (const [index, mark] of matching.entries())
      await recordDecision(tx, actor, request, mark, input, grounds[index] ?? null, now);
    const marks = await repo.listMarks(tx, document.id);
    return { decided: matching.length, marks: marks.map(markView) };
  });
}

/** Releases a document in full, withholds it in full on a ground, or leaves it to its marks (partial). */
export async function setDocumentDisposition(
  db: Database,
  actor: Actor,
  documentId: string,
  input: {
    disposition: Exclude<Disposition, 'undecided'>;
    ground?: string | undefined;
    note?: string | null | undefined;
  },
): Promise<DocumentSummaryView> {
  return inTransaction(db, async (tx) => {
    const { document, request } = await loadDocument(tx, actor, documentId, true);
    orThrow(checkReviewable(request.status));
    const counts = (await repo.markCountsByDocument(tx, [document.id])).get(document.id);
    const ground = orThrow(
      checkDisposition({
        disposition: input.disposition,
        ground: input.ground,
        act: actForTrack(request.track),
        acceptedMarks: counts?.accepted ?? 0,
      }),
    );
    await repo.setDisposition(tx, document.id, {
      disposition: input.disposition,
      withholdGround: input.disposition === 'withhold-in-full' ? ground : null,
      dispositionNote: input.note ?? null,
    });
    await audit(
      tx,
      actor,
      'document.disposition-set',
      request,
      { type: 'document', id: document.id },
      {
        disposition: input.disposition,
        ground,
      },
    );
    const summary = await repo.findDocumentSummary(tx, document.id);
    if (!summary) throw notFound('Document');
    return documentSummaryView(summary);
  });
}

// ---------- staff names (C.09.04) ----------

export async function listStaffNames(
  db: Database,
  actor: Actor,
  requestId: string,
): Promise<StaffNameReviewView[]> {
  return inTransaction(db, async (tx) => {
    const request = await loadReviewRequest(tx, actor, requestId, false);
    const rows = await repo.listStaffReviews(tx, request.id);
    const occurrences = await staffOccurrences(tx, request.id);
    await audit(
      tx,
      actor,
      'staff-name.read',
      request,
      { type: 'request', id: request.id },
      {
        reviews: rows.length,
      },
    );
    return rows.map((row) => staffReviewView(row, request.track, occurrences.get(row.review.id) ?? 0));
  });
}

async function answerWith(tx: Executor, reviewId: string, request: RequestRow): Promise<StaffNameReviewView> {
  const row = await repo.findStaffReview(tx, reviewId);
  if (!row) throw notFound('Staff-name review');
  const occurrences = await staffOccurrences(tx, request.id);
  return staffReviewView(row, request.track, occurrences.get(row.review.id) ?? 0);
}

function facts(row: repo.StaffReviewRow) {
  return {
    status: row.status as StaffNameStatus,
    requesterKnows: row.requesterKnows as RequesterKnows | null,
    proposedGround: row.proposedGround,
    consulted: row.consultation !== null,
    replied: row.consultation?.repliedAt != null,
    determination: row.determination as Determination | null,
  };
}

/** The officer records whether the requester already knows the name, and the ground proposed. */
export async function answerStaffName(
  db: Database,
  actor: Actor,
  reviewId: string,
  input: { requesterKnows: RequesterKnows; proposedGround?: string | null | undefined },
): Promise<StaffNameReviewView> {
  return inTransaction(db, async (tx) => {
    const { review, request } = await loadStaffReview(tx, actor, reviewId);
    orThrow(checkReviewable(request.status));
    const current = facts(review.review);
    orThrow(checkStillOpen(current));
    let proposedGround = review.review.proposedGround;
    if (input.proposedGround === null) proposedGround = null;
    else if (input.proposedGround !== undefined) {
      proposedGround = orThrow(
        checkGround(input.proposedGround, actForTrack(request.track), 'proposedGround'),
      );
    }
    await repo.updateStaffReview(tx, review.review.id, {
      requesterKnows: input.requesterKnows,
      proposedGround,
      status: statusAfterAnswer(current, input.requesterKnows),
    });
    await audit(
      tx,
      actor,
      'staff-name.answered',
      request,
      { type: 'staff-name-review', id: review.review.id },
      {
        requesterKnows: input.requesterKnows,
        proposedGround,
      },
    );
    return answerWith(tx, review.review.id, request);
  });
}

/**
 * Asks the staff member for their view: an e-mail goes to them with the question and the request's
 * reference only (nothing about the requester), and the review waits for their reply.
 */
export async function consultStaffMember(
  db: Database,
  actor: Actor,
  reviewId: string,
  input: { question: string },
): Promise<StaffNameReviewView> {
  return inTransaction(db, async (tx) => {
    const { review, request } = await loadStaffReview(tx, actor, reviewId);
    orThrow(checkReviewable(request.status));
    const staffUser =
      review.review.staffUserId === null ? undefined : await repo.findUser(tx, review.review.staffUserId);
    orThrow(checkConsult(facts(review.review), staffUser !== undefined && staffUser.disabledAt === null));
    if (!staffUser) throw new Error('unreachable: checkConsult needs the staff member');
    await repo.updateStaffReview(tx, review.review.id, {
      consultation: {
        question: input.question,
        askedAt: new Date().toISOString(),
        askedBy: actor.name,
        reply: null,
        repliedAt: null,
        view: null,
      },
      status: 'awaiting-staff-reply',
    });
    await queueMail(tx, {
      to: staffUser.email,
      subject: `Tiaki: your view is needed on request ${request.reference}`,
      text:
        `Kia ora ${staffUser.name},\n\n` +
        `Your name appears in information gathered for request ${request.reference}. Before the privacy ` +
        `office decides whether your name is released, it asks for your view (agency rule C.09.04):\n\n` +
        `${input.question}\n\n` +
        `Please sign in to Tiaki and answer under "Staff names waiting for my reply". ` +
        `Do not reply to this e-mail with details of the request.\n`,
    });
    await audit(
      tx,
      actor,
      'staff-name.consulted',
      request,
      { type: 'staff-name-review', id: review.review.id },
      {
        staffUserId: staffUser.id,
      },
    );
    return answerWith(tx, review.review.id, request);
  });
}

/** The consulted staff member gives their view; only they may. */
export async function replyAsStaffMember(
  db: Database,
  actor: Actor,
  reviewId: string,
  input: { view: 'withhold' | 'release'; reply: string },
): Promise<StaffNameReviewView> {
  return inTransaction(db, async (tx) => {
    const row = await repo.findStaffReview(tx, reviewId, true);
    if (!row) throw notFound('Staff-name review');
    const request = await findRequest(tx, row.review.requestId, true);
    if (!request) throw notFound('Staff-name review');
    if (row.review.staffUserId !== actor.id || row.review.consultation === null) {
      // Someone who may see the request learns why they cannot reply; anyone else learns nothing.
      try {
        await loadVisibleRequest(tx, actor, request.id, false);
      } catch (error) {
        if (error instanceof AppError && error.code === 'not-found') throw notFound('Staff-name review');
        throw error;
      }
      throw forbidden('Only the staff member who was consulted may reply');
    }
    if (row.review.status !== 'awaiting-staff-reply')
      throw conflict('This consultation is not waiting for a reply');
    await repo.updateStaffReview(tx, row.review.id, {
      consultation: {
        ...row.review.consultation,
        reply: input.reply,
        repliedAt: new Date().toISOString(),
        view: input.view,
      },
      status: 'awaiting-determination',
    });
    await audit(
      tx,
      actor,
      'staff-name.replied',
      request,
      { type: 'staff-name-review', id: row.review.id },
      {
        view: input.view,
      },
    );
    return answerWith(tx, row.review.id, request);
  });
}

/**
 * The decision maker's determination (C.09.04). A name the requester knows cannot be withheld; an
 * unclear one needs the staff member's reply first. Releasing the name rejects its live marks in every
 * form: those tied to this review and any other naming its staff member ('Olivia' for 'Olivia Hart').
 */
export async function determineStaffName(
  db: Database,
  actor: Actor,
  reviewId: string,
  input: { determination: Determination; reason: string },
): Promise<StaffNameReviewView> {
  return inTransaction(db, async (tx) => {
    const { review, request } = await loadStaffReview(tx, actor, reviewId);
    orThrow(checkReviewable(request.status));
    orThrow(checkDetermination(facts(review.review), input.determination));
    const withhold = input.determination === 'withhold';
    await repo.updateStaffReview(tx, review.review.id, {
      determination: input.determination,
      determinationReason: input.reason,
      determinedBy: actor.id,
      determinedAt: new Date(),
      status: 'done',
      ...(withhold && actForTrack(request.track) === 'privacy' ? { proposedGround: STAFF_NAME_GROUND } : {}),
    });
    let rejected = 0;
    if (!withhold) {
      const index = await staffNameIndex(tx, request.id);
      const staffUserId = review.review.staffUserId;
      const ids = (await repo.liveStaffMarks(tx, request.id))
        .filter(
          (mark) =>
            reviewOf(index, mark.text)?.review.id === review.review.id ||
            (staffUserId !== null &&
              mark.text !== null &&
              matchStaff(mark.text, index.staff, foldWord)?.id === staffUserId),
        )
        .map((mark) => mark.id);
      await repo.rejectMarks(tx, ids, actor.id, 'Released by the decision maker’s determination (C.09.04)');
      rejected = ids.length;
    }
    await audit(
      tx,
      actor,
      'staff-name.determined',
      request,
      { type: 'staff-name-review', id: review.review.id },
      {
        determination: input.determination,
        marksRejected: rejected,
      },
    );
    return answerWith(tx, review.review.id, request);
  });
}

/** Consultations waiting for the caller's own reply, whatever their role. */
export async function myConsultations(
  db: Database,
  actor: Actor,
): Promise<Array<StaffNameReviewView & { reference: string }>> {
  return inTransaction(db, async (tx) => {
    const rows = await repo.consultationsAwaiting(tx, actor.id);
    const staff = rows.length > 0 ? await repo.activeStaff(tx) : [];
    const out: Array<StaffNameReviewView & { reference: string }> = [];
    for (const row of rows) {
      await audit(tx, actor, 'staff-name.read', row, { type: 'staff-name-review', id: row.review.id });
      const occurrences = await staffOccurrences(tx, row.review.requestId, staff);
      out.push({
        ...staffReviewView(row, row.track, occurrences.get(row.review.id) ?? 0),
        reference: row.reference,
      });
    }
    return out;
  });
}

// ---------- readiness ----------

/**
 * Whether the request's review is finished (see the rule in review.rules.ts), for the review-status
 * endpoint and for decisions and release to check. Reads counts only: no personal information.
 */
export async function reviewReadiness(tx: Executor, requestId: string): Promise<ReviewReadiness> {
  const documents = await repo.listRequestDocuments(tx, requestId);
  const counts = await repo.markCountsByDocument(
    tx,
    documents.map((d) => d.id),
  );
  const reviews = await repo.listStaffReviews(tx, requestId);
  return readinessOf(
    documents.map((d) => ({
      title: d.title,
      disposition: d.disposition as Disposition,
      withholdGround: d.withholdGround,
      marks: counts.get(d.id) ?? { suggested: 0, accepted: 0, rejected: 0 },
    })),
    reviews.map((r) => ({ status: r.review.status as StaffNameStatus })),
  );
}

export async function requestReviewStatus(
  db: Database,
  actor: Actor,
  requestId: string,
): Promise<ReviewReadiness> {
  return inTransaction(db, async (tx) => {
    const request = await loadReviewRequest(tx, actor, requestId, false);
    return reviewReadiness(tx, request.id);
  });
}
