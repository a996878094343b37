import { asc, desc, eq, inArray, max } from 'drizzle-orm';
import { users } from '../auth/auth.schema.ts';
import type { Executor } from '../db/tx.ts';
import { decisions } from '../decisions/decisions.schema.ts';
import { disclosureLog } from '../release/release.schema.ts';
import { requests } from '../requests/requests.schema.ts';
import { correctionStatements, type NotifiedRecipient } from './corrections.schema.ts';

export type CorrectionStatementRow = typeof correctionStatements.$inferSelect;

/** Every statement of correction attached to a person's information, oldest first. */
export async function listStatementsForPerson(
  db: Executor,
  personId: string,
): Promise<CorrectionStatementRow[]> {
  return db
    .select()
    .from(correctionStatements)
    .where(eq(correctionStatements.personId, personId))
    .orderBy(asc(correctionStatements.recordedAt));
}

/** A statement with the reference of the request it was recorded on and the name of who recorded it. */
export type StatementWithNames = CorrectionStatementRow & {
  reference: string;
  recordedByName: string | null;
};

const withNames = {
  statement: correctionStatements,
  reference: requests.reference,
  recordedByName: users.name,
};

const flatten = (row: {
  statement: CorrectionStatementRow;
  reference: string;
  recordedByName: string | null;
}): StatementWithNames => ({
  ...row.statement,
  reference: row.reference,
  recordedByName: row.recordedByName,
});

/** The person's statements with request references and recorder names, oldest first. */
export async function listStatementsWithNames(db: Executor, personId: string): Promise<StatementWithNames[]> {
  const rows = await db
    .select(withNames)
    .from(correctionStatements)
    .innerJoin(requests, eq(requests.id, correctionStatements.requestId))
    .leftJoin(users, eq(users.id, correctionStatements.recordedBy))
    .where(eq(correctionStatements.personId, personId))
    .orderBy(asc(correctionStatements.recordedAt), asc(correctionStatements.id));
  return rows.map(flatten);
}

/** One statement; `forUpdate` locks it so two officers cannot both mark the same recipient told. */
export async function findStatement(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<StatementWithNames | undefined> {
  if (forUpdate) {
    const [locked] = await db
      .select({ id: correctionStatements.id })
      .from(correctionStatements)
      .where(eq(correctionStatements.id, id))
      .for('update');
    if (!locked) return undefined;
  }
  const [row] = await db
    .select(withNames)
    .from(correctionStatements)
    .innerJoin(requests, eq(requests.id, correctionStatements.requestId))
    .leftJoin(users, eq(users.id, correctionStatements.recordedBy))
    .where(eq(correctionStatements.id, id));
  return row ? flatten(row) : undefined;
}

export async function insertStatement(
  db: Executor,
  values: {
    personId: string;
    requestId: string;
    information: string;
    statement: string;
    recipients: NotifiedRecipient[];
    recordedBy: string;
    recordedAt: Date;
  },
): Promise<string> {
  const [row] = await db
    .insert(correctionStatements)
    .values(values)
    .returning({ id: correctionStatements.id });
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function updateRecipients(
  db: Executor,
  id: string,
  recipients: NotifiedRecipient[],
): Promise<void> {
  await db.update(correctionStatements).set({ recipients }).where(eq(correctionStatements.id, id));
}

/** The request's most recent decision (by when it was drafted), whatever its status. */
export async function latestDecision(
  db: Executor,
  requestId: string,
): Promise<{ id: string; status: string; outcome: string } | undefined> {
  const [row] = await db
    .select({ id: decisions.id, status: decisions.status, outcome: decisions.outcome })
    .from(decisions)
    .where(eq(decisions.requestId, requestId))
    .orderBy(desc(decisions.draftedAt), desc(decisions.approvedAt))
    .limit(1);
  return row;
}

/** Everyone the person's information was disclosed to, each with the last time it was. */
export async function disclosureRecipients(
  db: Executor,
  personId: string,
): Promise<{ recipient: string; disclosedAt: Date }[]> {
  const rows = await db
    .select({ recipient: disclosureLog.recipient, disclosedAt: max(disclosureLog.disclosedAt) })
    .from(disclosureLog)
    .where(eq(disclosureLog.personId, personId))
    .groupBy(disclosureLog.recipient);
  return rows.flatMap((row) =>
    row.disclosedAt ? [{ recipient: row.recipient, disclosedAt: row.disclosedAt }] : [],
  );
}

/** Names of staff by id (for "told by"). */
export async function staffNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row.name]));
}
