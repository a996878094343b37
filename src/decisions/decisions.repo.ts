import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import type { Executor } from '../db/tx.ts';
import { documents, redactionMarks } from '../documents/documents.schema.ts';
import { decisions, letters } from './decisions.schema.ts';

export type DecisionRow = typeof decisions.$inferSelect;
export type DecisionInsert = typeof decisions.$inferInsert;
export type LetterRow = typeof letters.$inferSelect;
export type LetterInsert = typeof letters.$inferInsert;

/** A decision with the names of who drafted and who approved it. */
export type DecisionWithNames = DecisionRow & { draftedByName: string | null; approvedByName: string | null };

const drafter = alias(users, 'drafter');
const approver = alias(users, 'approver');

const withNames = {
  decision: decisions,
  draftedByName: drafter.name,
  approvedByName: approver.name,
};

function flatten(row: {
  decision: DecisionRow;
  draftedByName: string | null;
  approvedByName: string | null;
}): DecisionWithNames {
  return { ...row.decision, draftedByName: row.draftedByName, approvedByName: row.approvedByName };
}

export async function insertDecision(db: Executor, values: DecisionInsert): Promise<DecisionRow> {
  const [row] = await db.insert(decisions).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function updateDecision(
  db: Executor,
  id: string,
  values: Partial<DecisionInsert>,
): Promise<void> {
  await db.update(decisions).set(values).where(eq(decisions.id, id));
}

/** Locks the decision for the rest of the transaction when `forUpdate`, so two steps cannot interleave. */
export async function findDecision(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<DecisionWithNames | undefined> {
  if (forUpdate) {
    const [locked] = await db
      .select({ id: decisions.id })
      .from(decisions)
      .where(eq(decisions.id, id))
      .for('update');
    if (!locked) return undefined;
  }
  const [row] = await db
    .select(withNames)
    .from(decisions)
    .leftJoin(drafter, eq(drafter.id, decisions.draftedBy))
    .leftJoin(approver, eq(approver.id, decisions.approvedBy))
    .where(eq(decisions.id, id));
  return row ? flatten(row) : undefined;
}

/** Every decision on a request, newest first. */
export async function listDecisions(db: Executor, requestId: string): Promise<DecisionWithNames[]> {
  const rows = await db
    .select(withNames)
    .from(decisions)
    .leftJoin(drafter, eq(drafter.id, decisions.draftedBy))
    .leftJoin(approver, eq(approver.id, decisions.approvedBy))
    .where(eq(decisions.requestId, requestId))
    .orderBy(desc(decisions.draftedAt), desc(decisions.id));
  return rows.map(flatten);
}

/** Marks a request's open drafts and returned decisions superseded; returns their ids. */
export async function supersedeOpenDecisions(db: Executor, requestId: string): Promise<string[]> {
  const rows = await db
    .update(decisions)
    .set({ status: 'superseded' })
    .where(and(eq(decisions.requestId, requestId), inArray(decisions.status, ['draft', 'returned'])))
    .returning({ id: decisions.id });
  return rows.map((row) => row.id);
}

/** The request's approved decision, if any (at most one is approved: approval decides the request). */
export async function approvedDecision(
  db: Executor,
  requestId: string,
): Promise<DecisionWithNames | undefined> {
  return (await listDecisions(db, requestId)).find((row) => row.status === 'approved');
}

/** The newest letter of a kind on a request, if any. */
export async function latestLetter(
  db: Executor,
  requestId: string,
  kind: string,
): Promise<LetterRow | undefined> {
  const [row] = await db
    .select()
    .from(letters)
    .where(and(eq(letters.requestId, requestId), eq(letters.kind, kind)))
    .orderBy(desc(letters.createdAt), desc(letters.id))
    .limit(1);
  return row;
}

export async function insertLetter(db: Executor, values: LetterInsert): Promise<LetterRow> {
  const [row] = await db.insert(letters).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function findLetter(db: Executor, id: string): Promise<LetterRow | undefined> {
  const [row] = await db.select().from(letters).where(eq(letters.id, id));
  return row;
}

/** A request's letters, oldest first. */
export async function listLetters(db: Executor, requestId: string): Promise<LetterRow[]> {
  return db
    .select()
    .from(letters)
    .where(eq(letters.requestId, requestId))
    .orderBy(asc(letters.createdAt), asc(letters.id));
}

/** A request's documents in scope (not removed), with the grounds of their accepted marks, in the order added. */
export async function reviewedDocuments(
  db: Executor,
  requestId: string,
): Promise<
  Array<{
    id: string;
    title: string;
    disposition: string;
    withholdGround: string | null;
    markGrounds: string[];
  }>
> {
  const docs = await db
    .select({
      id: documents.id,
      title: documents.title,
      disposition: documents.disposition,
      withholdGround: documents.withholdGround,
    })
    .from(documents)
    .where(and(eq(documents.requestId, requestId), isNull(documents.removedAt)))
    .orderBy(asc(documents.addedAt), asc(documents.id));
  if (docs.length === 0) return [];
  const marks = await db
    .selectDistinct({ documentId: redactionMarks.documentId, ground: redactionMarks.ground })
    .from(redactionMarks)
    .where(
      and(
        inArray(
          redactionMarks.documentId,
          docs.map((doc) => doc.id),
        ),
        eq(redactionMarks.status, 'accepted'),
        isNotNull(redactionMarks.ground),
      ),
    );
  return docs.map((doc) => ({
    ...doc,
    markGrounds: marks
      .filter((m) => m.documentId === doc.id && m.ground !== null)
      .map((m) => m.ground as string),
  }));
}
