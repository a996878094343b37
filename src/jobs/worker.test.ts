import { sql } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent, listAuditEvents } from '../audit/audit.repo.ts';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { queryRows } from '../db/tx.ts';
import { createEmptyPostgresDatabase, createTestDatabase, testDatabaseKinds } from '../testing/databases.ts';
import { countRows } from '../testing/http.ts';
import { claimNextJob, enqueueJob, findJobs } from './jobs.repo.ts';
import { startJobWorker, type JobHandler } from './worker.ts';

describe.each(testDatabaseKinds())('the job worker on %s', (kind) => {
  /** Two handles on one database: two pools on PostgreSQL (like two server processes), one PGlite shared. */
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let cleanUp: () => Promise<void>;

  beforeAll(async () => {
    if (kind === 'postgres') {
      const empty = await createEmptyPostgresDatabase();
      first = await openDatabase({ kind: 'postgres', url: empty.url, poolSize: 4 });
      second = await openDatabase({ kind: 'postgres', url: empty.url, poolSize: 4 });
      await first.migrate();
      cleanUp = async () => {
        await first.close();
        await second.close();
        await empty.drop();
      };
    } else {
      first = await createTestDatabase('pglite');
      second = first;
      cleanUp = () => first.close();
    }
  });
  afterAll(async () => {
    await cleanUp();
  });

  const worker = (handlers: Record<string, JobHandler>, handle = first, recurring = []) =>
    startJobWorker({ db: handle.db, handlers, recurring, pollMs: 1000, autoStart: false });
  const jobOf = async (jobKind: string) => {
    const [job] = await findJobs(first.db, jobKind);
    if (!job) throw new Error(`no ${jobKind} job`);
    return job;
  };
  const makeDue = (jobKind: string) =>
    first.db.execute(sql`update jobs set run_at = now() - interval '1 second' where kind = ${jobKind}`);

  it('runs a queued job once, with its payload, and marks it done', async () => {
    const seen: unknown[] = [];
    const w = worker({
      'test.once': async (_tx, payload) => {
        seen.push(payload);
      },
    });
    await enqueueJob(first.db, { kind: 'test.once', payload: { requestId: 'r-1' } });
    expect(await w.drain()).toBe(1);
    expect(await w.drain()).toBe(0);
    expect(seen).toEqual([{ requestId: 'r-1' }]);
    const job = await jobOf('test.once');
    expect(job).toMatchObject({ attempts: 1, lockedBy: null, failedAt: null, lastError: null });
    expect(job.doneAt).toBeInstanceOf(Date);
    await w.stop();
  });

  it('does not queue a second unfinished job with the same unique key', async () => {
    await enqueueJob(first.db, {
      kind: 'test.unique',
      uniqueKey: 'k1',
      runAt: new Date(Date.now() + 60_000),
    });
    await enqueueJob(first.db, { kind: 'test.unique', uniqueKey: 'k1' });
    expect(await findJobs(first.db, 'test.unique')).toHaveLength(1);
  });

  it('retries a failing job with growing back-off, then fails it for good with a job.failed audit event', async () => {
    let calls = 0;
    const w = worker({
      'test.failing': async (tx) => {
        calls++;
        // Work done before the failure rolls back with it.
        await appendAuditEvent(tx, { action: 'request.read', entityType: 'test', entityId: 'half-done' });
        throw new Error(`mail server said no (${calls})`);
      },
    });
    await enqueueJob(first.db, { kind: 'test.failing', maxAttempts: 3 });

    const expectedDelays = [5_000, 10_000];
    for (const [index, minimum] of expectedDelays.entries()) {
      const started = Date.now();
      expect(await w.drain()).toBe(1);
      const job = await jobOf('test.failing');
      expect(job).toMatchObject({ attempts: index + 1, failedAt: null, doneAt: null, lockedBy: null });
      expect(job.lastError).toBe(`mail server said no (${index + 1})`);
      const delay = job.runAt.getTime() - started;
      expect(delay).toBeGreaterThanOrEqual(minimum - 1000);
      expect(delay).toBeLessThanOrEqual(minimum * 1.2 + 2000);
      // Not due yet: nothing runs.
      expect(await w.drain()).toBe(0);
      await makeDue('test.failing');
    }

    expect(await w.drain()).toBe(1);
    const job = await jobOf('test.failing');
    expect(job.attempts).toBe(3);
    expect(job.failedAt).toBeInstanceOf(Date);
    expect(await w.drain()).toBe(0);
    expect(calls).toBe(3);
    expect(await listAuditEvents(first.db, { entityId: 'half-done' })).toEqual([]);
    expect(await listAuditEvents(first.db, { action: 'job.failed' })).toMatchObject([
      {
        entityType: 'job',
        entityId: String(job.id),
        details: { kind: 'test.failing', error: 'mail server said no (3)' },
      },
    ]);
    await w.stop();
  });

  it('runs a job again when the worker that claimed it died (its lease lapsed)', async () => {
    let calls = 0;
    const w = worker({
      'test.orphan': async () => {
        calls++;
      },
    });
    await enqueueJob(first.db, { kind: 'test.orphan' });
    expect(await claimNextJob(first.db, 'dead-worker', ['test.orphan'], 60_000)).toBeDefined();
    expect(await w.drain()).toBe(0); // still leased to the dead worker
    await first.db.execute(
      sql`update jobs set locked_until = now() - interval '1 second' where kind = 'test.orphan'`,
    );
    expect(await w.drain()).toBe(1);
    expect(calls).toBe(1);
    expect((await jobOf('test.orphan')).attempts).toBe(2);
    await w.stop();
  });

  it('never runs the same job twice with two workers on the same database (SKIP LOCKED), across 50 jobs', async () => {
    const JOBS = 50;
    const runs: Array<{ worker: string; n: number }> = [];
    const handler =
      (name: string): JobHandler =>
      async (tx, payload) => {
        runs.push({ worker: name, n: Number(payload.n) });
        await appendAuditEvent(tx, {
          action: 'request.read',
          entityType: 'test-run',
          entityId: String(payload.n),
        });
        await sleep(2); // hold the job a moment so the workers overlap
      };
    for (let n = 0; n < JOBS; n++) await enqueueJob(first.db, { kind: 'test.shared', payload: { n } });
    const a = worker({ 'test.shared': handler('a') }, first);
    const b = worker({ 'test.shared': handler('b') }, second);
    const [ranA, ranB] = await Promise.all([a.drain(), b.drain()]);
    expect(ranA + ranB).toBe(JOBS);
    expect(runs).toHaveLength(JOBS);
    expect(new Set(runs.map((run) => run.n)).size).toBe(JOBS);
    // The database agrees: one committed run per job, each done after exactly one attempt.
    const rows = await queryRows<{ entity_id: string }>(
      first.db,
      sql`select entity_id from audit_events where entity_type = 'test-run'`,
    );
    expect(new Set(rows.map((row) => row.entity_id)).size).toBe(JOBS);
    expect(rows).toHaveLength(JOBS);
    const jobs = await findJobs(first.db, 'test.shared');
    expect(jobs.every((job) => job.doneAt !== null && job.attempts === 1)).toBe(true);
    if (kind === 'postgres') {
      // Separate pools really did share the work.
      expect(ranA).toBeGreaterThan(0);
      expect(ranB).toBeGreaterThan(0);
    }
    await Promise.all([a.stop(), b.stop()]);
  });

  it('hands each job to one claimant when 50 claims race from both handles at once', async () => {
    const JOBS = 50;
    for (let n = 0; n < JOBS; n++) await enqueueJob(first.db, { kind: 'test.raced', payload: { n } });
    const claims = await Promise.all(
      Array.from({ length: JOBS + 10 }, (_, i) =>
        claimNextJob((i % 2 ? second : first).db, `claimant-${i}`, ['test.raced'], 60_000),
      ),
    );
    const ids = claims.flatMap((job) => (job ? [job.id] : []));
    expect(ids).toHaveLength(JOBS);
    expect(new Set(ids).size).toBe(JOBS);
    const jobs = await findJobs(first.db, 'test.raced');
    expect(jobs.every((job) => job.attempts === 1 && job.lockedBy !== null)).toBe(true);
  });

  it('re-queues a recurring job after it runs, and keeps only one pending', async () => {
    let calls = 0;
    const w = startJobWorker({
      db: first.db,
      handlers: {
        'test.recurring': async () => {
          calls++;
        },
      },
      recurring: [{ kind: 'test.recurring', everyMs: 60_000 }],
      pollMs: 1000,
      autoStart: false,
    });
    expect(await w.drain()).toBe(0);
    let jobs = await findJobs(first.db, 'test.recurring');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.uniqueKey).toBe('recurring:test.recurring');
    expect(jobs[0]!.runAt.getTime() - Date.now()).toBeGreaterThan(55_000);

    expect(await w.drain()).toBe(0);
    expect(await findJobs(first.db, 'test.recurring')).toHaveLength(1);

    await makeDue('test.recurring');
    expect(await w.drain()).toBe(1);
    expect(calls).toBe(1);
    jobs = await findJobs(first.db, 'test.recurring');
    expect(jobs).toHaveLength(2);
    expect(jobs[0]?.doneAt).toBeInstanceOf(Date);
    expect(jobs[1]?.doneAt).toBeNull();
    expect(jobs[1]!.runAt.getTime() - Date.now()).toBeGreaterThan(55_000);
    await w.stop();
  });

  it('when started, queues recurring jobs at once, polls by itself, and stops cleanly', async () => {
    let calls = 0;
    const w = startJobWorker({
      db: first.db,
      handlers: {
        'test.started': async () => {
          calls++;
        },
      },
      recurring: [{ kind: 'test.started', everyMs: 3_600_000 }],
      pollMs: 20,
    });
    const deadline = Date.now() + 10_000;
    while (calls === 0 && Date.now() < deadline) await sleep(20);
    await w.stop();
    expect(calls).toBe(1);
    const jobsAfter = await countRows(first.db, 'jobs');
    await sleep(100);
    expect(await countRows(first.db, 'jobs')).toBe(jobsAfter); // stopped: no more polling
    expect(await findJobs(first.db, 'test.started')).toHaveLength(2);
  });
});
