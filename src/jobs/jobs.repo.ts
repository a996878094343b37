import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/tx.ts';
import { jobs } from './jobs.schema.ts';

export type JobRow = typeof jobs.$inferSelect;

/** Queues a job; with a uniqueKey, does nothing while an unfinished job with that key exists. */
export async function enqueueJob(
  db: Executor,
  job: {
    kind: string;
    payload?: Record<string, unknown>;
    runAt?: Date;
    uniqueKey?: string;
    maxAttempts?: number;
  },
): Promise<void> {
  if (job.uniqueKey) {
    const existing = await queryRows(
      db,
      sql`select 1 from jobs where unique_key = ${job.uniqueKey} and done_at is null and failed_at is null limit 1`,
    );
    if (existing.length > 0) return;
  }
  await db.insert(jobs).values({
    kind: job.kind,
    payload: job.payload ?? {},
    runAt: job.runAt ?? new Date(),
    uniqueKey: job.uniqueKey ?? null,
    maxAttempts: job.maxAttempts ?? 5,
  });
}

/**
 * Claims the next due job for this worker. SKIP LOCKED lets several processes poll the same table without
 * waiting on each other; a claim lapses after `leaseMs` so a crashed worker's job runs again.
 */
export async function claimNextJob(
  db: Executor,
  workerId: string,
  kinds: string[],
  leaseMs: number,
): Promise<JobRow | undefined> {
  if (kinds.length === 0) return undefined;
  const result = await queryRows<{ id: number | string }>(
    db,
    sql`
    update jobs set locked_by = ${workerId},
                    locked_until = now() + (${leaseMs} * interval '1 millisecond'),
                    attempts = attempts + 1
    where id = (
      select id from jobs
      where done_at is null and failed_at is null and run_at <= now()
        and (locked_until is null or locked_until < now())
        and kind in (${sql.join(
          kinds.map((kind) => sql`${kind}`),
          sql`, `,
        )})
      order by run_at, id
      limit 1
      for update skip locked)
    returning id`,
  );
  const id = result[0]?.id;
  if (id === undefined) return undefined;
  const [row] = await db
    .select()
    .from(jobs)
    .where(sql`id = ${Number(id)}`);
  return row;
}

export async function completeJob(db: Executor, id: number) {
  await db.execute(
    sql`update jobs set done_at = now(), locked_by = null, locked_until = null where id = ${id}`,
  );
}

export async function failJob(db: Executor, id: number, error: string, retryAt: Date | null) {
  if (retryAt) {
    await db.execute(
      sql`update jobs set last_error = ${error}, run_at = ${retryAt.toISOString()}, locked_by = null, locked_until = null where id = ${id}`,
    );
  } else {
    await db.execute(
      sql`update jobs set last_error = ${error}, failed_at = now(), locked_by = null, locked_until = null where id = ${id}`,
    );
  }
}

export async function findJobs(db: Executor, kind: string): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(sql`kind = ${kind}`)
    .orderBy(jobs.id);
}
