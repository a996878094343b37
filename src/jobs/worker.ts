import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client.ts';
import { inTransaction, type Executor } from '../db/tx.ts';
import { appendAuditEvent } from '../audit/audit.repo.ts';
import { claimNextJob, completeJob, enqueueJob, failJob, type JobRow } from './jobs.repo.ts';
import { retryDelayMs } from './backoff.rules.ts';

/** A job's work: runs in one transaction with the job's completion, so a crash mid-way leaves it to retry. */
export type JobHandler = (tx: Executor, payload: Record<string, unknown>, job: JobRow) => Promise<void>;

export interface RecurringJob {
  kind: string;
  everyMs: number;
}

export interface JobWorker {
  /** Claims and runs due jobs until none is due; returns how many ran (tests call this directly). */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Runs jobs inside the server process: polls the jobs table, runs each handler, retries with back-off, and
 * keeps one pending instance of each recurring job queued.
 */
export function startJobWorker(options: {
  db: Database;
  handlers: Record<string, JobHandler>;
  recurring?: RecurringJob[];
  pollMs: number;
  log?: FastifyBaseLogger;
  autoStart?: boolean;
}): JobWorker {
  const workerId = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const kinds = Object.keys(options.handlers);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function runOne(): Promise<boolean> {
    const job = await claimNextJob(options.db, workerId, kinds, 5 * 60_000);
    if (!job) return false;
    const handler = options.handlers[job.kind];
    try {
      if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
      await inTransaction(options.db, async (tx) => {
        await handler(tx, job.payload, job);
        await completeJob(tx, job.id);
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const finalAttempt = job.attempts >= job.maxAttempts;
      options.log?.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts }, `job failed: ${message}`);
      await inTransaction(options.db, async (tx) => {
        await failJob(
          tx,
          job.id,
          message,
          finalAttempt ? null : new Date(Date.now() + retryDelayMs(job.attempts)),
        );
        if (finalAttempt) {
          await appendAuditEvent(tx, {
            action: 'job.failed',
            entityType: 'job',
            entityId: String(job.id),
            details: { kind: job.kind, error: message },
          });
        }
      });
    }
    return true;
  }

  async function scheduleRecurring() {
    for (const job of options.recurring ?? []) {
      await enqueueJob(options.db, {
        kind: job.kind,
        uniqueKey: `recurring:${job.kind}`,
        runAt: new Date(Date.now() + job.everyMs),
      });
    }
  }

  async function drain(): Promise<number> {
    let count = 0;
    while (!stopped && (await runOne())) count++;
    await scheduleRecurring();
    return count;
  }

  function tick() {
    running = drain()
      .catch((error: unknown) => options.log?.error({ err: error }, 'job worker poll failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.pollMs);
      });
  }

  if (options.autoStart !== false) {
    // Recurring jobs re-queue themselves only after they run; enqueue the first of each straight away.
    running = Promise.all(
      (options.recurring ?? []).map((job) =>
        enqueueJob(options.db, { kind: job.kind, uniqueKey: `recurring:${job.kind}` }),
      ),
    )
      .catch((error: unknown) => options.log?.error({ err: error }, 'could not queue recurring jobs'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, 50);
      });
  }

  return {
    drain,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
