import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import {
  auditSettings,
  loadSigningKey,
  trustedVerifierKeys,
  type AuditSettings,
} from '../audit/audit-settings.ts';
import { NoVerifierKeyError, verifyAuditLog } from '../audit/audit-verify.service.ts';
import type { DatabaseHandle } from '../db/client.ts';
import type { Executor } from '../db/tx.ts';
import { loadConfig } from '../server/config.ts';
import { auditCommand, writeLine } from './audit-command.ts';
import { UsageError } from './usage-error.ts';
import { withDatabase } from './with-database.ts';

export interface AuditVerifyOptions {
  /** Further trusted verifier keys (`--key`, repeatable). */
  key?: string[];
  /** A folder of exported checkpoints to check too (`--checkpoints`); default the export folder. */
  checkpoints?: string;
}

/** The keys `verify`, `prove` and `consistency` trust; a malformed one is a usage error. */
export function verifierKeysFor(settings: AuditSettings, extra: readonly string[] = []): string[] {
  try {
    return trustedVerifierKeys(settings, loadSigningKey(settings, { create: false }), extra);
  } catch (error) {
    throw new UsageError('--key', error instanceof Error ? error.message : String(error));
  }
}

/**
 * The command's work, apart from commander and the database: prints the CONTRACT line
 * (`{"ok":true,"events":N,"root":"hex"}` or `{"ok":false,"firstBadEvent":N,"reason":…,"message":…}`) and
 * answers the exit code (0 or 1); a summary for people goes to `err`.
 *
 * @example process.exitCode = await runAuditVerify(db, {}, auditSettings(), process.stdout, process.stderr)
 */
export async function runAuditVerify(
  db: Executor,
  options: AuditVerifyOptions,
  settings: AuditSettings,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  parallel?: { url: string; workers: number },
): Promise<0 | 1> {
  const verifierKeys = verifierKeysFor(settings, options.key ?? []);
  let verdict;
  try {
    verdict = await verifyAuditLog(db, {
      verifierKeys,
      exportDirs: [options.checkpoints ?? settings.exportDir],
      origin: settings.origin,
      ...(parallel ? { parallel } : {}),
    });
  } catch (error) {
    if (error instanceof NoVerifierKeyError) throw new UsageError('--key', error.message);
    throw error;
  }
  if (verdict.ok) {
    await writeLine(out, JSON.stringify({ ok: true, events: verdict.events, root: verdict.root }));
    await writeLine(
      err,
      `tiaki: audit log verified: ${verdict.events} events, ${verdict.checkpoints} signed checkpoints, ` +
        `${verdict.erased} erased by law, ${verdict.pending} not yet sealed`,
    );
    return 0;
  }
  await writeLine(
    out,
    JSON.stringify({
      ok: false,
      firstBadEvent: verdict.firstBadEvent,
      reason: verdict.reason,
      message: verdict.message,
    }),
  );
  return 1;
}

/** On PostgreSQL, verify checks ranges of the log in worker threads (one per core, 2 to 8) on their own connections. */
export function parallelFor(
  handle: Pick<DatabaseHandle, 'kind'>,
): { url: string; workers: number } | undefined {
  const url = loadConfig().DATABASE_URL;
  if (handle.kind !== 'postgres' || !url) return undefined;
  return { url, workers: Math.max(2, Math.min(8, availableParallelism())) };
}

/**
 * Adds `tiaki audit verify [--key VKEY]… [--checkpoints DIR]` under `audit`.
 *
 * @example register(program) // then: tiaki audit verify
 */
export function register(program: Command): void {
  auditCommand(program)
    .command('verify')
    .description('check the whole audit log: every event, the Merkle tree, every signed checkpoint')
    .option('--key <vkey...>', 'also trust this checkpoint verifier key (tiaki-audit+…+…)')
    .option('--checkpoints <dir>', 'exported checkpoints to check too (default: TIAKI_AUDIT_EXPORT_DIR)')
    .action(async (options: AuditVerifyOptions) => {
      const settings = auditSettings();
      verifierKeysFor(settings, options.key ?? []); // a bad --key fails before the database is opened
      process.exitCode = await withDatabase((handle) =>
        runAuditVerify(handle.db, options, settings, process.stdout, process.stderr, parallelFor(handle)),
      );
    });
}
