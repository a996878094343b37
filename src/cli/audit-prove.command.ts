import type { Command } from 'commander';
import { auditSettings, type AuditSettings } from '../audit/audit-settings.ts';
import { ProofUnavailableError, proveConsistency, proveEvent } from '../audit/audit-verify.service.ts';
import type { Executor } from '../db/tx.ts';
import { auditCommand, writeLine } from './audit-command.ts';
import { verifierKeysFor } from './audit-verify.command.ts';
import { UsageError } from './usage-error.ts';
import { withDatabase } from './with-database.ts';

/**
 * Reads a positive event number or tree size; throws UsageError naming the argument otherwise.
 *
 * @example positiveInteger('--from', '1000') // 1000
 */
export function positiveInteger(argument: string, value: string | undefined): number {
  if (value === undefined || !/^[1-9][0-9]{0,15}$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(argument, 'must be a whole number from 1');
  }
  return Number(value);
}

async function answer(
  work: () => Promise<unknown>,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<0 | 1> {
  try {
    await writeLine(out, JSON.stringify(await work()));
    return 0;
  } catch (error) {
    if (!(error instanceof ProofUnavailableError)) throw error;
    await writeLine(err, `tiaki: ${error.message}`);
    return 1;
  }
}

/**
 * `tiaki audit prove EVENT`: the inclusion proof of an event in the latest signed checkpoint, one JSON line
 * the standalone verifier reads (docs/audit-operations.md). Exit 1 when no checkpoint covers the event yet.
 */
export async function runAuditProve(
  db: Executor,
  event: number,
  settings: AuditSettings,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  keys: readonly string[] = [],
): Promise<0 | 1> {
  const verifierKeys = verifierKeysFor(settings, keys);
  return answer(() => proveEvent(db, event, { verifierKeys, origin: settings.origin }), out, err);
}

/** `tiaki audit consistency --from N --to M`: the consistency proof between two tree sizes. */
export async function runAuditConsistency(
  db: Executor,
  from: number,
  to: number,
  settings: AuditSettings,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  keys: readonly string[] = [],
): Promise<0 | 1> {
  const verifierKeys = verifierKeysFor(settings, keys);
  return answer(() => proveConsistency(db, from, to, { verifierKeys, origin: settings.origin }), out, err);
}

/**
 * Adds `tiaki audit prove EVENT` and `tiaki audit consistency --from N --to M` under `audit`.
 *
 * @example register(program) // then: tiaki audit prove 42 > proof.json
 */
export function register(program: Command): void {
  const audit = auditCommand(program);
  audit
    .command('prove')
    .description('inclusion proof of one audit event in the latest signed checkpoint (JSON)')
    .argument('<event>', 'the event number (seq)')
    .option('--key <vkey...>', 'also trust this checkpoint verifier key')
    .action(async (eventText: string, options: { key?: string[] }) => {
      const event = positiveInteger('EVENT', eventText);
      const settings = auditSettings();
      verifierKeysFor(settings, options.key ?? []);
      process.exitCode = await withDatabase(({ db }) =>
        runAuditProve(db, event, settings, process.stdout, process.stderr, options.key ?? []),
      );
    });
  audit
    .command('consistency')
    .description(
      'consistency proof that the log of --from events is a prefix of the log of --to events (JSON)',
    )
    .option('--from <n>', 'the earlier tree size')
    .option('--to <m>', 'the later tree size')
    .option('--key <vkey...>', 'also trust this checkpoint verifier key')
    .action(async (options: { from?: string; to?: string; key?: string[] }) => {
      const from = positiveInteger('--from', options.from);
      const to = positiveInteger('--to', options.to);
      if (to < from) throw new UsageError('--to', 'must not be less than --from');
      const settings = auditSettings();
      verifierKeysFor(settings, options.key ?? []);
      process.exitCode = await withDatabase(({ db }) =>
        runAuditConsistency(db, from, to, settings, process.stdout, process.stderr, options.key ?? []),
      );
    });
}
