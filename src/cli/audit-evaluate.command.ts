import { access, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import type { Command } from 'commander';
import { explainAccesses } from '../audit/explain/engine.ts';
import { EvaluationInputError, loadEvaluationDir } from '../audit/explain/load.ts';
import type { AccessExplanation } from '../audit/explain/input.ts';
import { auditCommand } from './audit-command.ts';
import { UsageError } from './usage-error.ts';

/** One output line, keys in the contract's order: id, explained, reasons, flags. */
export function formatExplanation(result: AccessExplanation): string {
  return JSON.stringify({
    id: result.id,
    explained: result.explained,
    reasons: result.reasons,
    flags: result.flags,
  });
}

async function readableDirectory(dir: string | undefined): Promise<string> {
  if (dir === undefined || dir === '')
    throw new UsageError('--input', 'is required: a folder of JSON-lines files');
  try {
    if (!(await stat(dir)).isDirectory()) throw new UsageError('--input', `${dir} is not a folder`);
    await access(dir, constants.R_OK | constants.X_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError('--input', `cannot read ${dir}`);
  }
  return dir;
}

async function writeLines(results: readonly AccessExplanation[], out: NodeJS.WritableStream): Promise<void> {
  // Chunks of lines, waiting for the pipe to drain: a million lines must not pile up in memory.
  let chunk = '';
  for (const result of results) {
    chunk += `${formatExplanation(result)}\n`;
    if (chunk.length >= 1 << 16) {
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      chunk = '';
    }
  }
  if (chunk) out.write(chunk);
}

/**
 * The command's work, apart from commander: validates `--input`, loads, explains, writes the lines.
 * Throws `UsageError` (exit 2) before writing anything when the folder or a line in it is bad.
 *
 * @example await runAuditEvaluate({ input: 'bench/audit/fixture' }, process.stdout)
 */
export async function runAuditEvaluate(
  options: { input?: string },
  out: NodeJS.WritableStream,
): Promise<void> {
  const dir = await readableDirectory(options.input);
  let input;
  try {
    input = await loadEvaluationDir(dir);
  } catch (error) {
    if (error instanceof EvaluationInputError) throw new UsageError('--input', error.message);
    throw error;
  }
  await writeLines(explainAccesses(input), out);
}

/**
 * Adds `tiaki audit evaluate --input DIR` under the `audit` command (created here, or reused when
 * `audit verify` got there first): prints one JSON line per event of the folder, in input order.
 *
 * @example register(program) // then: tiaki audit evaluate --input bench/audit/fixture
 */
export function register(program: Command): void {
  const audit = auditCommand(program);
  audit
    .command('evaluate')
    .description('explain or flag each access in a folder of JSON-lines files (see CONTRACT.md)')
    .option('--input <dir>', 'folder holding staff.jsonl, persons.jsonl, relationships.jsonl, events.jsonl')
    .action((options: { input?: string }) => runAuditEvaluate(options, process.stdout));
}
