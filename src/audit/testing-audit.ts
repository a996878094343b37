/**
 * Test fixtures for the audit log: a signing key in a temporary folder, events appended directly, tampering
 * with the triggers off (as a database superuser could).
 * Only tests import this.
 */
import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../db/client.ts';
import { inTransaction, type Executor } from '../db/tx.ts';
import { appendAuditEvent, type AuditEntry } from './audit.repo.ts';
import { auditSettings, loadSigningKey, type AuditSettings, type SigningKey } from './audit-settings.ts';
import { createAuditCheckpoint } from './checkpoint.service.ts';

/** A data folder of its own with a generated signing key. */
export function temporaryAuditSettings(): { settings: AuditSettings; key: SigningKey; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tiaki-audit-'));
  const settings = auditSettings({ TIAKI_DATA_DIR: dir });
  const key = loadSigningKey(settings);
  return { settings, key, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Appends `count` request reads, each in its own transaction; returns their numbers. */
export async function appendEvents(
  db: Database,
  count: number,
  entry: Partial<AuditEntry> = {},
): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 0; i < count; i++) {
    seqs.push(
      await inTransaction(db, (tx) =>
        appendAuditEvent(tx, {
          action: 'request.read',
          entityType: 'request',
          entityId: `r-${i}`,
          details: { i, note: 'ā ē ī ō ū' },
          ...entry,
        }),
      ),
    );
  }
  return seqs;
}

/** A checkpoint now, holes filled at once. */
export function checkpointNow(db: Database, settings: AuditSettings, key: SigningKey) {
  return createAuditCheckpoint(db, {
    key,
    exportDir: settings.exportDir,
    origin: settings.origin,
    minAgeMs: 0,
  });
}

/** Runs raw SQL on the audit tables with their triggers off, as a superuser tampering with the log would. */
export async function tamper(db: Executor, ...statements: ReturnType<typeof sql>[]): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger user`);
    await tx.execute(sql`alter table audit_checkpoints disable trigger user`);
    for (const statement of statements) await tx.execute(statement);
    await tx.execute(sql`alter table audit_events enable trigger user`);
    await tx.execute(sql`alter table audit_checkpoints enable trigger user`);
  });
}
