import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import { correctionStatements } from './corrections.schema.ts';

export type CorrectionStatementRow = typeof correctionStatements.$inferSelect;

/** Every statement of correction attached to a person's information, oldest first. */
export async function listStatementsForPerson(db: Executor, personId: string): Promise<CorrectionStatementRow[]> {
  return db
    .select()
    .from(correctionStatements)
    .where(eq(correctionStatements.personId, personId))
    .orderBy(asc(correctionStatements.recordedAt));
}
