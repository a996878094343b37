import type { Command } from 'commander';
import { latestCheckpoint } from '../audit/audit-log.repo.ts';
import { auditSettings, loadSigningKey, type AuditSettings } from '../audit/audit-settings.ts';
import { createAuditCheckpoint } from '../audit/checkpoint.service.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { inTransaction } from '../db/tx.ts';
import { auditCommand, writeLine } from './audit-command.ts';
import { withDatabase } from './with-database.ts';

/**
 * `tiaki audit checkpoint`: seals the log and signs a checkpoint now (what the job does every minute), and
 * prints `{"treeSize":N,"root":"hex","file":"…"}`, or `{"treeSize":N,"unchanged":true}` when nothing is new.
 * On PGlite the server is stopped, so every abandoned number is filled at once; on PostgreSQL a number is
 * filled only once the event after it is 30 seconds old, as the job does.
 */
export async function runAuditCheckpoint(
  handle: Pick<DatabaseHandle, 'db' | 'kind'>,
  settings: AuditSettings,
  out: NodeJS.WritableStream,
): Promise<void> {
  const key = loadSigningKey(settings);
  const made = await inTransaction(handle.db, (tx) =>
    createAuditCheckpoint(tx, {
      key,
      exportDir: settings.exportDir,
      origin: settings.origin,
      minAgeMs: handle.kind === 'pglite' ? 0 : 30_000,
    }),
  );
  if (made) {
    await writeLine(out, JSON.stringify({ treeSize: made.treeSize, root: made.root, file: made.file }));
    return;
  }
  const latest = await latestCheckpoint(handle.db);
  await writeLine(out, JSON.stringify({ treeSize: latest?.treeSize ?? 0, unchanged: true }));
}

/**
 * Adds `tiaki audit checkpoint` and `tiaki audit key` (prints the verifier key to give an outside auditor).
 *
 * @example register(program) // then: tiaki audit key > tiaki-audit.vkey
 */
export function register(program: Command): void {
  const audit = auditCommand(program);
  audit
    .command('checkpoint')
    .description('seal the audit log and sign a checkpoint now, also written to the export folder')
    .action(async () => {
      const settings = auditSettings();
      await withDatabase((handle) => runAuditCheckpoint(handle, settings, process.stdout));
    });
  audit
    .command('key')
    .description(
      'print the checkpoint verifier key (creates the signing key in the data folder if there is none)',
    )
    .action(async () => {
      await writeLine(process.stdout, loadSigningKey(auditSettings()).verifierKey);
    });
}
