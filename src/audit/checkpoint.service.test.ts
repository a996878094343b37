import { sql } from 'drizzle-orm';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { queryRows } from '../db/tx.ts';
import { findJobs } from '../jobs/jobs.repo.ts';
import { startJobWorker } from '../jobs/worker.ts';
import { createTestDatabase, testDatabaseKinds } from '../testing/databases.ts';
import { listCheckpoints } from './audit-log.repo.ts';
import { CHECKPOINT_EVERY_EVENTS } from './audit.repo.ts';
import { verifyAuditLog } from './audit-verify.service.ts';
import {
  AUDIT_CHECKPOINT_JOB,
  AuditLogTamperedError,
  auditCheckpointJob,
  auditCheckpointRecurring,
  checkpointFileName,
} from './checkpoint.service.ts';
import { verifyCheckpoint } from './merkle/checkpoint.ts';
import { appendEvents, checkpointNow, tamper, temporaryAuditSettings } from './testing-audit.ts';

describe.each(testDatabaseKinds())('signed checkpoints on %s', (kind) => {
  let database: DatabaseHandle;
  const { settings, key, cleanup } = temporaryAuditSettings();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
    cleanup();
  });

  it('the job signs a checkpoint over the sealed log, extends it next time, and signs nothing when nothing is new', async () => {
    await appendEvents(database.db, 3);
    const worker = startJobWorker({
      db: database.db,
      handlers: { [AUDIT_CHECKPOINT_JOB]: auditCheckpointJob(() => settings) },
      recurring: [auditCheckpointRecurring],
      pollMs: 1000,
      autoStart: false,
    });
    await database.db.execute(sql`insert into jobs (kind) values (${AUDIT_CHECKPOINT_JOB})`);
    expect(await worker.drain()).toBe(1);
    await appendEvents(database.db, 2);
    await database.db.execute(sql`insert into jobs (kind) values (${AUDIT_CHECKPOINT_JOB})`);
    await database.db.execute(sql`insert into jobs (kind) values (${AUDIT_CHECKPOINT_JOB})`);
    expect(await worker.drain()).toBe(2);
    await worker.stop();
    const checkpoints = await listCheckpoints(database.db);
    expect(checkpoints.map((c) => c.treeSize)).toEqual([3, 5]);
    for (const checkpoint of checkpoints) {
      const verdict = verifyCheckpoint(checkpoint.signedNote, key.verifierKey, { origin: 'tiaki/audit' });
      expect(verdict).toMatchObject({
        ok: true,
        checkpoint: { treeSize: checkpoint.treeSize, rootHash: checkpoint.root },
      });
    }
    expect(readdirSync(settings.exportDir)).toEqual(
      expect.arrayContaining([checkpointFileName(3), checkpointFileName(5)]),
    );
    // The next recurring run is queued a minute on.
    const queued = (await findJobs(database.db, AUDIT_CHECKPOINT_JOB)).filter((job) => job.doneAt === null);
    expect(queued).toHaveLength(1);
    expect(queued[0]!.uniqueKey).toBe(`recurring:${AUDIT_CHECKPOINT_JOB}`);
  });

  it('every 1,000th event queues a checkpoint at once, besides the one a minute', async () => {
    const [row] = await queryRows<{ n: string | number }>(
      database.db,
      sql`select max(seq) as n from audit_events`,
    );
    await database.db.execute(
      sql.raw(`select setval('audit_events_seq', ${CHECKPOINT_EVERY_EVENTS * 2 - 2}, true)`),
    );
    // The numbers skipped here are abandoned: sealing fills them.
    expect(Number(row!.n)).toBeLessThan(CHECKPOINT_EVERY_EVENTS);
    const seqs = await appendEvents(database.db, 2);
    expect(seqs).toEqual([CHECKPOINT_EVERY_EVENTS * 2 - 1, CHECKPOINT_EVERY_EVENTS * 2]);
    const jobs = (await findJobs(database.db, AUDIT_CHECKPOINT_JOB)).filter(
      (job) => job.uniqueKey === `${AUDIT_CHECKPOINT_JOB}:size`,
    );
    expect(jobs).toHaveLength(1);
    const made = await checkpointNow(database.db, settings, key);
    expect(made?.treeSize).toBe(CHECKPOINT_EVERY_EVENTS * 2);
    const verdict = await verifyAuditLog(database.db, {
      verifierKeys: [key.verifierKey],
      exportDirs: [settings.exportDir],
      origin: settings.origin,
    });
    expect(verdict).toMatchObject({ ok: true, events: CHECKPOINT_EVERY_EVENTS * 2, checkpoints: 3 });
  });

  it('refuses to sign over an event that no longer matches its hash, naming it', async () => {
    const [last] = await appendEvents(database.db, 1);
    await tamper(database.db, sql`update audit_events set details = '{"forged":true}' where seq = ${last!}`);
    await expect(checkpointNow(database.db, settings, key)).rejects.toThrow(
      new AuditLogTamperedError(last!, `audit event ${last!} does not match its stored leaf hash`),
    );
    expect((await listCheckpoints(database.db)).at(-1)?.treeSize).toBe(CHECKPOINT_EVERY_EVENTS * 2);
  });
});
