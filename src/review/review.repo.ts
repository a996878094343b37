/**
 * All SQL of document review: the documents and page text it reads, withholding marks, staff-name
 * reviews, and the names the detector should know (the person register and the staff directory).
 */
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { users } from '../auth/auth.schema.ts';
import { queryRows, type Executor } from '../db/tx.ts';
import { documentPages, documents, redactionMarks, staffNameReviews } from '../documents/documents.schema.ts';
import { requests } from '../requests/requests.schema.ts';

export type DocumentRow = typeof documents.$inferSelect;
export type MarkRow = typeof redactionMarks.$inferSelect;
export type MarkInsert = typeof redactionMarks.$inferInsert;
export type StaffReviewRow = typeof staffNameReviews.$inferSelect;
export type StaffReviewInsert = typeof staffNameReviews.$inferInsert;

/** A document in scope (not removed from the request). */
export async function findDocument(db: Executor, id: string): Promise<DocumentRow | undefined> {
  const [row] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.id, id), isNull(documents.removedAt)));
  return row;
}

export interface MarkCounts {
  suggested: number;
  accepted: number;
  rejected: number;
}

export interface DocumentSummaryRow {
  document: DocumentRow;
  addedByName: string | null;
  ocrPages: number;
  marks: MarkCounts;
}

/** The document with what its summary shows: who added it, how many pages were read by OCR, its marks. */
export async function findDocumentSummary(db: Executor, id: string): Promise<DocumentSummaryRow | undefined> {
  const [row] = await db
    .select({ document: documents, addedByName: users.name })
    .from(documents)
    .leftJoin(users, eq(users.id, documents.addedBy))
    .where(and(eq(documents.id, id), isNull(documents.removedAt)));
  if (!row) return undefined;
  const [ocr] = await queryRows<{ n: string | number }>(
    db,
    sql`select count(*) as n from document_pages where document_id = ${id} and ocr`,
  );
  const counts = await markCountsByDocument(db, [id]);
  return {
    document: row.document,
    addedByName: row.addedByName,
    ocrPages: Number(ocr?.n ?? 0),
    marks: counts.get(id) ?? { suggested: 0, accepted: 0, rejected: 0 },
  };
}

/** Marks of each document by status. */
export async function markCountsByDocument(
  db: Executor,
  documentIds: readonly string[],
): Promise<Map<string, MarkCounts>> {
  const counts = new Map<string, MarkCounts>();
  if (documentIds.length === 0) return counts;
  const rows = await db
    .select({
      documentId: redactionMarks.documentId,
      status: redactionMarks.status,
      n: sql<string | number>`count(*)`,
    })
    .from(redactionMarks)
    .where(inArray(redactionMarks.documentId, [...documentIds]))
    .groupBy(redactionMarks.documentId, redactionMarks.status);
  for (const row of rows) {
    const entry = counts.get(row.documentId) ?? { suggested: 0, accepted: 0, rejected: 0 };
    if (row.status === 'suggested' || row.status === 'accepted' || row.status === 'rejected')
      entry[row.status] = Number(row.n);
    counts.set(row.documentId, entry);
  }
  return counts;
}

export interface PageRow {
  page: number;
  text: string;
  width: number;
  height: number;
}

export async function listPages(db: Executor, documentId: string): Promise<PageRow[]> {
  return db
    .select({
      page: documentPages.page,
      text: documentPages.text,
      width: documentPages.width,
      height: documentPages.height,
    })
    .from(documentPages)
    .where(eq(documentPages.documentId, documentId))
    .orderBy(asc(documentPages.page));
}

export async function findPage(db: Executor, documentId: string, page: number): Promise<PageRow | undefined> {
  const [row] = await db
    .select({
      page: documentPages.page,
      text: documentPages.text,
      width: documentPages.width,
      height: documentPages.height,
    })
    .from(documentPages)
    .where(and(eq(documentPages.documentId, documentId), eq(documentPages.page, page)));
  return row;
}

export async function listMarks(db: Executor, documentId: string): Promise<MarkRow[]> {
  return db
    .select()
    .from(redactionMarks)
    .where(eq(redactionMarks.documentId, documentId))
    .orderBy(
      asc(redactionMarks.page),
      asc(redactionMarks.startOffset),
      asc(redactionMarks.createdAt),
      asc(redactionMarks.id),
    );
}

export async function findMark(db: Executor, id: string): Promise<MarkRow | undefined> {
  const [row] = await db.select().from(redactionMarks).where(eq(redactionMarks.id, id));
  return row;
}

export async function insertMarks(db: Executor, rows: MarkInsert[]): Promise<MarkRow[]> {
  if (rows.length === 0) return [];
  return db.insert(redactionMarks).values(rows).returning();
}

export async function updateMark(db: Executor, id: string, values: Partial<MarkInsert>): Promise<MarkRow> {
  const [row] = await db.update(redactionMarks).set(values).where(eq(redactionMarks.id, id)).returning();
  if (!row) throw new Error('mark not updated');
  return row;
}

export async function setDisposition(
  db: Executor,
  id: string,
  values: { disposition: string; withholdGround: string | null; dispositionNote: string | null },
): Promise<void> {
  await db.update(documents).set(values).where(eq(documents.id, id));
}

/** Documents in scope of a request, oldest first. */
export async function listRequestDocuments(db: Executor, requestId: string): Promise<DocumentRow[]> {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.requestId, requestId), isNull(documents.removedAt)))
    .orderBy(asc(documents.addedAt), asc(documents.id));
}

/** Staff-name marks that are not rejected, in the request's documents in scope. */
export async function liveStaffMarks(
  db: Executor,
  requestId: string,
): Promise<Array<{ id: string; text: string | null; status: string }>> {
  return db
    .select({ id: redactionMarks.id, text: redactionMarks.text, status: redactionMarks.status })
    .from(redactionMarks)
    .innerJoin(documents, eq(documents.id, redactionMarks.documentId))
    .where(
      and(
        eq(documents.requestId, requestId),
        isNull(documents.removedAt),
        eq(redactionMarks.staffName, true),
        ne(redactionMarks.status, 'rejected'),
      ),
    );
}

/** Rejects the given marks, recording who decided and why. */
export async function rejectMarks(
  db: Executor,
  ids: readonly string[],
  decidedBy: string,
  note: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(redactionMarks)
    .set({ status: 'rejected', ground: null, note, decidedBy, decidedAt: new Date() })
    .where(inArray(redactionMarks.id, [...ids]));
}

/**
 * People in the register whose name shares a word with `words` (folded: lower case, no macrons,
 * apostrophes, ʻokina or hyphens) or whose PRN is one of `prns`: the detector then knows them without
 * loading the whole register. The request's own subject is left out (the caller knows them better).
 */
export async function registerPeopleNamed(
  db: Executor,
  words: readonly string[],
  prns: readonly string[],
  excludePersonId: string,
  limit = 5000,
): Promise<Array<{ name: string; prn: string | null }>> {
  if (words.length === 0 && prns.length === 0) return [];
  // One parameter each, split in SQL: a long document has thousands of distinct words.
  return queryRows<{ name: string; prn: string | null }>(
    db,
    sql`select name, prn from persons
        where id <> ${excludePersonId}
          and (string_to_array(translate(lower(name), 'āēīōū''’‘ʻ-', 'aeiou'), ' ')
                 && string_to_array(${words.join(' ')}, ' ')
               or prn = any(string_to_array(${prns.join(' ')}, ' ')))
        limit ${limit}`,
  );
}

export interface StaffDirectoryRow {
  id: string;
  name: string;
  email: string;
}

/** The staff directory: every active account. */
export async function activeStaff(db: Executor): Promise<StaffDirectoryRow[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(isNull(users.disabledAt));
}

export async function findUser(
  db: Executor,
  id: string,
): Promise<{ id: string; name: string; email: string; disabledAt: Date | null } | undefined> {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, id));
  return row;
}

export interface StaffReviewWithUser {
  review: StaffReviewRow;
  staffUserName: string | null;
}

const reviewWithUser = { review: staffNameReviews, staffUserName: users.name };

export async function listStaffReviews(db: Executor, requestId: string): Promise<StaffReviewWithUser[]> {
  return db
    .select(reviewWithUser)
    .from(staffNameReviews)
    .leftJoin(users, eq(users.id, staffNameReviews.staffUserId))
    .where(eq(staffNameReviews.requestId, requestId))
    .orderBy(asc(staffNameReviews.createdAt), asc(staffNameReviews.name));
}

/** One review; `forUpdate` locks it so two answers or determinations cannot interleave. */
export async function findStaffReview(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<StaffReviewWithUser | undefined> {
  if (forUpdate) {
    const [locked] = await db
      .select({ id: staffNameReviews.id })
      .from(staffNameReviews)
      .where(eq(staffNameReviews.id, id))
      .for('update');
    if (!locked) return undefined;
  }
  const [row] = await db
    .select(reviewWithUser)
    .from(staffNameReviews)
    .leftJoin(users, eq(users.id, staffNameReviews.staffUserId))
    .where(eq(staffNameReviews.id, id));
  return row;
}

/** Opens reviews; a name the request already has a review for is left as it is. */
export async function insertStaffReviews(db: Executor, rows: StaffReviewInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(staffNameReviews)
    .values(rows)
    .onConflictDoNothing({ target: [staffNameReviews.requestId, staffNameReviews.name] })
    .returning({ id: staffNameReviews.id });
  return inserted.length;
}

export async function updateStaffReview(
  db: Executor,
  id: string,
  values: Partial<StaffReviewInsert>,
): Promise<void> {
  await db.update(staffNameReviews).set(values).where(eq(staffNameReviews.id, id));
}

/** Whether the request has a staff-name review waiting for the decision maker. */
export async function hasReviewAwaitingDetermination(db: Executor, requestId: string): Promise<boolean> {
  const rows = await db
    .select({ id: staffNameReviews.id })
    .from(staffNameReviews)
    .where(
      and(eq(staffNameReviews.requestId, requestId), eq(staffNameReviews.status, 'awaiting-determination')),
    )
    .limit(1);
  return rows.length > 0;
}

/** Consultations waiting for this staff member's reply, with the request's reference and subject. */
export async function consultationsAwaiting(
  db: Executor,
  userId: string,
): Promise<
  Array<StaffReviewWithUser & { reference: string; track: string | null; subjectPersonId: string }>
> {
  return db
    .select({
      ...reviewWithUser,
      reference: requests.reference,
      track: requests.track,
      subjectPersonId: requests.subjectPersonId,
    })
    .from(staffNameReviews)
    .innerJoin(requests, eq(requests.id, staffNameReviews.requestId))
    .leftJoin(users, eq(users.id, staffNameReviews.staffUserId))
    .where(and(eq(staffNameReviews.staffUserId, userId), eq(staffNameReviews.status, 'awaiting-staff-reply')))
    .orderBy(asc(staffNameReviews.createdAt));
}
