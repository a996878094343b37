import { z } from 'zod';
import type { Executor } from '../db/tx.ts';
import { listStatementsWithNames } from './corrections.repo.ts';

/** A statement of correction as shown beside the person's information (person and request detail). */
export interface CorrectionStatementShown {
  id: string;
  information: string;
  statement: string;
  recordedAt: string;
  /** The request on which it was recorded. */
  reference: string;
}

/**
 * The person's statements of correction, oldest first, for every screen that shows their information: IPP 7
 * wants a statement read with the information wherever it is displayed. The caller's read is already audited.
 *
 * @example await statementsShownWith(tx, personId) // [{ id, information, statement, recordedAt, reference: 'TK-2026-000012' }]
 */
export async function statementsShownWith(
  tx: Executor,
  personId: string,
): Promise<CorrectionStatementShown[]> {
  const rows = await listStatementsWithNames(tx, personId);
  return rows.map((row) => ({
    id: row.id,
    information: row.information,
    statement: row.statement,
    recordedAt: row.recordedAt.toISOString(),
    reference: row.reference,
  }));
}

/** The response schema for {@link CorrectionStatementShown}, for the routes that return it. */
export const correctionStatementShownSchema = z.object({
  id: z.string(),
  information: z.string(),
  statement: z.string(),
  recordedAt: z.string(),
  reference: z.string(),
});
