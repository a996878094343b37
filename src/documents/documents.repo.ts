import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { users } from '../auth/auth.schema.ts';
import { queryRows, type Executor } from '../db/tx.ts';
import { documentPages, documents, redactionMarks } from './documents.schema.ts';
import { FOLD_FROM, FOLD_TO } from './documents.rules.ts';

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentInsert = typeof documents.$inferInsert;
export type DocumentWithAdder = DocumentRow & { addedByName: string | null };
export interface MarkCounts {
  suggested: number;
  accepted: number;
  rejected: number;
}

export async function insertDocument(db: Executor, values: DocumentInsert): Promise<DocumentRow> {
  const [row] = await db.insert(documents).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function insertPages(
  db: Executor,
  documentId: string,
  pages: ReadonlyArray<{ page: number; text: string; ocr: boolean; width: number; height: number }>,
): Promise<void> {
  // In slices: one statement's parameters are limited (65,535 in PostgreSQL; a page takes six).
  for (let i = 0; i < pages.length; i += 500) {
    await db.insert(documentPages).values(pages.slice(i, i + 500).map((p) => ({ documentId, ...p })));
  }
}

const withAdder = { document: documents, addedByName: users.name };

/** A document, removed or not, with the name of who added it; `forUpdate` locks its row. */
export async function findDocument(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<DocumentWithAdder | undefined> {
  if (forUpdate) {
    const [locked] = await db
      .select({ id: documents.id })
      .from(documents)
      .where(eq(documents.id, id))
      .for('update');
    if (!locked) return undefined;
  }
  const [row] = await db
    .select(withAdder)
    .from(documents)
    .leftJoin(users, eq(users.id, documents.addedBy))
    .where(eq(documents.id, id));
  return row ? { ...row.document, addedByName: row.addedByName } : undefined;
}

/** A request's documents still in scope, oldest first. */
export async function listDocuments(db: Executor, requestId: string): Promise<DocumentWithAdder[]> {
  const rows = await db
    .select(withAdder)
    .from(documents)
    .leftJoin(users, eq(users.id, documents.addedBy))
    .where(and(eq(documents.requestId, requestId), isNull(documents.removedAt)))
    .orderBy(asc(documents.addedAt), asc(documents.id));
  return rows.map((row) => ({ ...row.document, addedByName: row.addedByName }));
}

/** How many of each document's marks are suggested, accepted and rejected. */
export async function markCounts(
  db: Executor,
  documentIds: readonly string[],
): Promise<Map<string, MarkCounts>> {
  const counts = new Map<string, MarkCounts>();
  for (const id of documentIds) counts.set(id, { suggested: 0, accepted: 0, rejected: 0 });
  if (documentIds.length === 0) return counts;
  const rows = await db
    .select({
      documentId: redactionMarks.documentId,
      status: redactionMarks.status,
      n: sql<number>`count(*)::int`,
    })
    .from(redactionMarks)
    .where(inArray(redactionMarks.documentId, [...documentIds]))
    .groupBy(redactionMarks.documentId, redactionMarks.status);
  for (const row of rows) {
    const entry = counts.get(row.documentId);
    if (entry && (row.status === 'suggested' || row.status === 'accepted' || row.status === 'rejected'))
      entry[row.status] = Number(row.n);
  }
  return counts;
}

/** How many pages of each document were read by OCR. */
export async function ocrPageCounts(
  db: Executor,
  documentIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>(documentIds.map((id) => [id, 0]));
  if (documentIds.length === 0) return counts;
  const rows = await db
    .select({ documentId: documentPages.documentId, n: sql<number>`count(*)::int` })
    .from(documentPages)
    .where(and(inArray(documentPages.documentId, [...documentIds]), eq(documentPages.ocr, true)))
    .groupBy(documentPages.documentId);
  for (const row of rows) counts.set(row.documentId, Number(row.n));
  return counts;
}

export async function listPages(db: Executor, documentId: string) {
  return db
    .select({
      page: documentPages.page,
      width: documentPages.width,
      height: documentPages.height,
      ocr: documentPages.ocr,
      text: documentPages.text,
    })
    .from(documentPages)
    .where(eq(documentPages.documentId, documentId))
    .orderBy(asc(documentPages.page));
}

export interface PageHit {
  documentId: string;
  title: string;
  page: number;
  text: string;
}

/**
 * Pages of a request's documents in scope whose text holds every term, compared case- and
 * accent-insensitively (terms are already folded by `fold`); oldest document first, at most `limit`.
 */
export async function searchPages(
  db: Executor,
  requestId: string,
  terms: readonly string[],
  limit: number,
): Promise<PageHit[]> {
  const folded = sql`translate(lower(p.text), ${FOLD_FROM}, ${FOLD_TO})`;
  const matches: SQL[] = terms.map((term) => sql`strpos(${folded}, ${term}) > 0`);
  return queryRows<PageHit>(
    db,
    sql`select d.id as "documentId", d.title, p.page, p.text
        from document_pages p join documents d on d.id = p.document_id
        where d.request_id = ${requestId} and d.removed_at is null and ${sql.join(matches, sql` and `)}
        order by d.added_at, d.id, p.page
        limit ${limit}`,
  );
}

export async function markRemoved(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(documents).set({ removedAt: at }).where(eq(documents.id, id));
}
