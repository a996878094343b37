/**
 * All SQL of the release module. It reads the documents, marks, staff-name reviews, decisions and
 * letters tables itself, so a release depends only on what those tables hold.
 */
import { alias } from 'drizzle-orm/pg-core';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, ne, notExists, or } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import { users } from '../auth/auth.schema.ts';
import { decisions, letters } from '../decisions/decisions.schema.ts';
import { documentPages, documents, redactionMarks, staffNameReviews } from '../documents/documents.schema.ts';
import { requests } from '../requests/requests.schema.ts';
import { disclosureLog, releases } from './release.schema.ts';

export type ReleaseRow = typeof releases.$inferSelect;
export type ReleaseInsert = typeof releases.$inferInsert;
export type DisclosureInsert = typeof disclosureLog.$inferInsert;
export type DocumentRow = typeof documents.$inferSelect;
export type MarkRow = typeof redactionMarks.$inferSelect;

/** Documents in scope of a request (not removed), in the order they were added. */
export async function documentsInScope(db: Executor, requestId: string): Promise<DocumentRow[]> {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.requestId, requestId), isNull(documents.removedAt)))
    .orderBy(asc(documents.addedAt), asc(documents.id));
}

/** The suggested and accepted marks of the documents (rejected marks play no part in a release). */
export async function liveMarks(db: Executor, documentIds: readonly string[]): Promise<MarkRow[]> {
  if (documentIds.length === 0) return [];
  return db
    .select()
    .from(redactionMarks)
    .where(and(inArray(redactionMarks.documentId, [...documentIds]), ne(redactionMarks.status, 'rejected')))
    .orderBy(asc(redactionMarks.documentId), asc(redactionMarks.page), asc(redactionMarks.createdAt));
}

/** The latest moment a mark of these documents was added or decided (a package built before it is stale). */
export async function lastMarkChange(db: Executor, documentIds: readonly string[]): Promise<Date | null> {
  if (documentIds.length === 0) return null;
  const rows = await db
    .select({ createdAt: redactionMarks.createdAt, decidedAt: redactionMarks.decidedAt })
    .from(redactionMarks)
    .where(inArray(redactionMarks.documentId, [...documentIds]));
  let latest: Date | null = null;
  for (const row of rows) {
    for (const at of [row.createdAt, row.decidedAt]) if (at && (!latest || at > latest)) latest = at;
  }
  return latest;
}

/** Each page's text (and whether it was read by OCR), for the documents. */
export async function pageTexts(
  db: Executor,
  documentIds: readonly string[],
): Promise<Array<{ documentId: string; page: number; text: string; ocr: boolean }>> {
  if (documentIds.length === 0) return [];
  return db
    .select({
      documentId: documentPages.documentId,
      page: documentPages.page,
      text: documentPages.text,
      ocr: documentPages.ocr,
    })
    .from(documentPages)
    .where(inArray(documentPages.documentId, [...documentIds]));
}

export async function staffNameReviewsOf(db: Executor, requestId: string) {
  return db
    .select({ name: staffNameReviews.name, status: staffNameReviews.status })
    .from(staffNameReviews)
    .where(eq(staffNameReviews.requestId, requestId))
    .orderBy(asc(staffNameReviews.name));
}

export async function decisionsOf(db: Executor, requestId: string) {
  return db
    .select({
      id: decisions.id,
      status: decisions.status,
      outcome: decisions.outcome,
      approvedAt: decisions.approvedAt,
    })
    .from(decisions)
    .where(eq(decisions.requestId, requestId));
}

/** The latest decision letter of a request, if one was made. */
export async function latestDecisionLetter(db: Executor, requestId: string) {
  const [row] = await db
    .select({ id: letters.id, sha256: letters.sha256 })
    .from(letters)
    .where(and(eq(letters.requestId, requestId), eq(letters.kind, 'decision')))
    .orderBy(desc(letters.createdAt))
    .limit(1);
  return row;
}

export async function insertRelease(db: Executor, values: ReleaseInsert): Promise<ReleaseRow> {
  const [row] = await db.insert(releases).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function findRelease(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<ReleaseRow | undefined> {
  const query = db.select().from(releases).where(eq(releases.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function releasesOf(db: Executor, requestId: string): Promise<ReleaseRow[]> {
  return db
    .select()
    .from(releases)
    .where(eq(releases.requestId, requestId))
    .orderBy(desc(releases.builtAt), desc(releases.id));
}

export async function markReleaseSent(
  db: Executor,
  id: string,
  values: Pick<ReleaseInsert, 'status' | 'method' | 'recipient' | 'sentBy' | 'sentAt' | 'letterId'>,
): Promise<ReleaseRow> {
  const [row] = await db.update(releases).set(values).where(eq(releases.id, id)).returning();
  if (!row) throw new Error('update returned nothing');
  return row;
}

export async function insertDisclosures(db: Executor, rows: readonly DisclosureInsert[]): Promise<void> {
  if (rows.length > 0) await db.insert(disclosureLog).values([...rows]);
}

const disclosureColumns = {
  id: disclosureLog.id,
  releaseId: disclosureLog.releaseId,
  requestId: disclosureLog.requestId,
  reference: requests.reference,
  documentId: disclosureLog.documentId,
  title: disclosureLog.title,
  outcome: disclosureLog.outcome,
  pagesReleased: disclosureLog.pagesReleased,
  pagesWithheld: disclosureLog.pagesWithheld,
  grounds: disclosureLog.grounds,
  recipient: disclosureLog.recipient,
  method: disclosureLog.method,
  disclosedAt: disclosureLog.disclosedAt,
};

export async function disclosuresOfRequest(db: Executor, requestId: string) {
  return db
    .select(disclosureColumns)
    .from(disclosureLog)
    .innerJoin(requests, eq(requests.id, disclosureLog.requestId))
    .where(eq(disclosureLog.requestId, requestId))
    .orderBy(desc(disclosureLog.disclosedAt), asc(disclosureLog.title), asc(disclosureLog.id));
}

export async function disclosuresOfPerson(db: Executor, personId: string) {
  return db
    .select(disclosureColumns)
    .from(disclosureLog)
    .innerJoin(requests, eq(requests.id, disclosureLog.requestId))
    .where(eq(disclosureLog.personId, personId))
    .orderBy(desc(disclosureLog.disclosedAt), asc(disclosureLog.title), asc(disclosureLog.id));
}

/** The requests about a person, with what the visibility rule needs. */
export async function requestsAboutPerson(db: Executor, personId: string) {
  const officer = alias(users, 'officer');
  return db
    .select({
      id: requests.id,
      recordedBy: requests.recordedBy,
      status: requests.status,
      assignedOfficerId: requests.assignedOfficerId,
      assignedOfficerTeam: officer.team,
      decisionOutcome: requests.decisionOutcome,
    })
    .from(requests)
    .leftJoin(officer, eq(officer.id, requests.assignedOfficerId))
    .where(eq(requests.subjectPersonId, personId));
}

/**
 * The person's last release that reached them, across all their requests: a package sent or made available
 * here, or a request released before Tiaki held its packages (marked released in the earlier case system,
 * with no package here; `releaseId` null), whichever is later.
 */
export async function lastReleaseToPerson(
  db: Executor,
  personId: string,
): Promise<{ releaseId: string | null; reference: string; sentAt: Date } | undefined> {
  const [packaged] = await db
    .select({ releaseId: releases.id, reference: requests.reference, sentAt: releases.sentAt })
    .from(releases)
    .innerJoin(requests, eq(requests.id, releases.requestId))
    .where(
      and(
        eq(requests.subjectPersonId, personId),
        or(eq(releases.status, 'sent'), eq(releases.status, 'made-available')),
        isNotNull(releases.sentAt),
      ),
    )
    .orderBy(desc(releases.sentAt))
    .limit(1);
  const [earlier] = await db
    .select({ reference: requests.reference, releasedAt: requests.releasedAt })
    .from(requests)
    .where(
      and(
        eq(requests.subjectPersonId, personId),
        isNotNull(requests.releasedAt),
        notExists(db.select({ id: releases.id }).from(releases).where(eq(releases.requestId, requests.id))),
      ),
    )
    .orderBy(desc(requests.releasedAt))
    .limit(1);
  const fromPackage = packaged?.sentAt
    ? { releaseId: packaged.releaseId, reference: packaged.reference, sentAt: packaged.sentAt }
    : undefined;
  const fromEarlier = earlier?.releasedAt
    ? { releaseId: null, reference: earlier.reference, sentAt: earlier.releasedAt }
    : undefined;
  if (!fromPackage || !fromEarlier) return fromPackage ?? fromEarlier;
  return fromEarlier.sentAt > fromPackage.sentAt ? fromEarlier : fromPackage;
}

/** Documents (in scope) of the person's requests gathered after `after` (all of them when null). */
export async function documentsGatheredAfter(db: Executor, personId: string, after: Date | null) {
  const conditions = [eq(requests.subjectPersonId, personId), isNull(documents.removedAt)];
  if (after) conditions.push(gt(documents.gatheredAt, after));
  return db
    .select({
      documentId: documents.id,
      requestId: documents.requestId,
      reference: requests.reference,
      title: documents.title,
      gatheredAt: documents.gatheredAt,
    })
    .from(documents)
    .innerJoin(requests, eq(requests.id, documents.requestId))
    .where(and(...conditions))
    .orderBy(asc(documents.gatheredAt), asc(documents.id));
}
