import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { commandLineActor } from '../auth/actor.ts';
import { ImportError, importCsv, importKinds, type ImportKind } from '../audit/relationships.service.ts';
import type { Database } from '../db/client.ts';
import { auditCommand, writeLine } from './audit-command.ts';
import { UsageError } from './usage-error.ts';
import { withDatabase } from './with-database.ts';

const sources = ['oms', 'hr'] as const;

export interface ImportOptions {
  file?: string;
  source?: string;
  kind?: string;
}

/** Checks the arguments and reads the file, before any database is opened. */
export async function readImportArguments(
  options: ImportOptions,
): Promise<{ text: string; file: string; source: (typeof sources)[number]; kind: ImportKind }> {
  if (!options.file) throw new UsageError('--file', 'is required: the CSV export to load');
  if (!(sources as readonly string[]).includes(options.source ?? '')) {
    throw new UsageError('--source', `must be one of ${sources.join(', ')}`);
  }
  const kind = options.kind ?? 'relationships';
  if (!(importKinds as readonly string[]).includes(kind)) {
    throw new UsageError('--kind', `must be one of ${importKinds.join(', ')}`);
  }
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch {
    throw new UsageError('--file', `cannot read ${options.file}`);
  }
  return {
    text,
    file: options.file,
    source: options.source as (typeof sources)[number],
    kind: kind as ImportKind,
  };
}

/**
 * Loads the file in one transaction and prints `{"kind":"relationships","rows":N}`. A bad row is a usage error
 * naming the file and line of each problem (exit 2), and nothing is written.
 *
 * @example await runImport(db, { file: 'oms-case-managers.csv', source: 'oms' }, process.stdout)
 */
export async function runImport(
  db: Database,
  options: ImportOptions,
  out: NodeJS.WritableStream,
): Promise<void> {
  const args = await readImportArguments(options);
  try {
    const result = await importCsv(db, commandLineActor(), {
      text: args.text,
      source: args.source,
      kind: args.kind,
      file: path.basename(args.file),
    });
    await writeLine(out, JSON.stringify(result));
  } catch (error) {
    if (error instanceof ImportError) {
      throw new UsageError(
        '--file',
        error.problems.map((p) => `${args.file}:${p.line}: ${p.message}`).join('\n'),
      );
    }
    throw error;
  }
}

/**
 * Adds `tiaki audit import-relationships --file X.csv --source oms|hr [--kind relationships|staff|persons]`.
 *
 * @example register(program) // then: tiaki audit import-relationships --file roster.csv --source hr
 */
export function register(program: Command): void {
  auditCommand(program)
    .command('import-relationships')
    .description(
      'load work relationships (or staff/person facts) from a CSV export (docs/audit-relationships.md)',
    )
    .option('--file <csv>', 'the CSV export')
    .option('--source <system>', 'oms (offender management) or hr')
    .option('--kind <kind>', 'relationships (default), staff or persons')
    .action(async (options: ImportOptions) => {
      await readImportArguments(options); // bad arguments fail before the database is opened
      await withDatabase(({ db }) => runImport(db, options, process.stdout));
    });
}
