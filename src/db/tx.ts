import type { SQL } from 'drizzle-orm';
import type { Database } from './client.ts';

/** A transaction, or the database itself: repos take either so a use case can compose them in one transaction. */
export type Executor = Database;

/** Runs one use case in one transaction: every write and its audit row commit together or not at all. */
export function inTransaction<T>(db: Database, work: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Executor));
}

/** Runs raw SQL and gives its rows: both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
