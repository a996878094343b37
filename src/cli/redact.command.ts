/**
 * `tiaki redact IN.pdf --out OUT.pdf --find "TEXT" [--find "TEXT"…] --ground CODE`: true redaction
 * from the command line (CONTRACT.md), for checks and batch use. The release copy is verified before
 * it is written; nothing is written unless every TEXT was found and the copy is clean.
 */
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { parseGroundCode } from '../law/grounds.ts';
import { redactPdf, UnreadablePdfError } from '../documents/redaction/index.ts';
import { UsageError } from './usage-error.ts';

/** The options commander hands over. */
export interface RedactCommandOptions {
  out?: string;
  find?: string[];
  ground?: string;
  ocr?: string;
}

/** What the command prints (one JSON line). */
export interface RedactSummary {
  redactions: number;
  pages: number;
}

/** Some TEXT was not found in the file: exit code 1, nothing written. */
export class TextNotFoundError extends Error {
  constructor(
    readonly file: string,
    readonly texts: readonly string[],
  ) {
    super(`not found in ${file}: ${texts.map((t) => JSON.stringify(t)).join(', ')} (nothing written)`);
    this.name = 'TextNotFoundError';
  }
}

const OCR_MODES = ['auto', 'always', 'never'] as const;

const HELP = `
Every occurrence of each TEXT is removed from the file (not covered): in any letter case, Unicode
form, with or without macrons, any apostrophe style, across line and column breaks and hyphenation,
in hidden layers and in scanned pages (OCR). Metadata, annotations, form fields, attachments and
JavaScript are removed, bookmark titles lose the TEXT, and the file is rewritten as one clean
revision with the same number of pages. Each redacted area shows a black box with the ground code.
Before anything is written the copy is read back with two text engines and a scan of every
decompressed object; if any TEXT can still be read, nothing is written.

Output: {"redactions":N,"pages":P}  (N counts occurrences on pages and hiding places cleaned).
Exit codes: 0 done; 1 a TEXT was not found (named on standard error; nothing written) or the copy
could not be made clean; 2 bad arguments.

Ground codes as the Act writes them (s53(b), s49(1)(a)(i), s9(2)(a)) or without brackets (s53b, s491ai).

Example:
  tiaki redact report.pdf --out report.release.pdf --find "Ngaire Pōtae" --find "021 555 0199" --ground s53b
`;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * Checks the arguments, redacts, verifies and writes the release copy.
 *
 * @example await runRedact('in.pdf', { out: 'out.pdf', find: ['Ngaire Pōtae'], ground: 's53b' }) // { redactions: 3, pages: 2 }
 */
export async function runRedact(input: string, options: RedactCommandOptions): Promise<RedactSummary> {
  if (!options.out) throw new UsageError('--out', 'give the file to write the release copy to');
  const finds = options.find ?? [];
  if (finds.length === 0) throw new UsageError('--find', 'give at least one text to withhold');
  if (finds.some((f) => f.trim() === '')) throw new UsageError('--find', 'a text to withhold is blank');
  if (!options.ground) throw new UsageError('--ground', 'give the ground code, e.g. s53(b)');
  const ground = parseGroundCode(options.ground);
  if (!ground)
    throw new UsageError(
      '--ground',
      `${options.ground} is not a ground for withholding (e.g. s53(b), s49(1)(a)(i))`,
    );
  const ocr = options.ocr ?? 'auto';
  if (!(OCR_MODES as readonly string[]).includes(ocr))
    throw new UsageError('--ocr', 'must be auto, always or never');
  const out = path.resolve(options.out);
  if (out === path.resolve(input)) throw new UsageError('--out', 'must not be the input file');
  try {
    if (!(await stat(path.dirname(out))).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new UsageError('--out', `folder ${path.dirname(out)} does not exist`);
  }

  let bytes: Uint8Array;
  try {
    bytes = await readFile(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      input,
      code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? 'error'})`,
    );
  }
  if (!Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-')) {
    throw new UsageError(input, 'not a PDF');
  }

  let result: Awaited<ReturnType<typeof redactPdf>>;
  try {
    result = await redactPdf(bytes, { find: finds }, ground, { ocr: ocr as (typeof OCR_MODES)[number] });
  } catch (error) {
    if (error instanceof UnreadablePdfError) throw new UsageError(input, error.message);
    throw error;
  }
  if (result.notFound.length > 0) throw new TextNotFoundError(input, result.notFound);

  // Written beside the target and renamed into place: never a half-written release copy.
  const temporary = `${out}.${process.pid}.partial`;
  try {
    await writeFile(temporary, result.pdf);
    await rename(temporary, out);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { redactions: result.redactions, pages: result.pages };
}

/**
 * Registers `tiaki redact`.
 *
 * @example register(program); // tiaki redact in.pdf --out out.pdf --find "Ngaire Pōtae" --ground s53b
 */
export function register(
  program: Command,
  write: (line: string) => void = (line) => process.stdout.write(line),
): void {
  program
    .command('redact')
    .description(
      'truly redact every occurrence of each TEXT and write a verified, single-revision release copy',
    )
    .argument('<in>', 'the PDF to redact')
    .option('--out <file>', 'where to write the release copy')
    .option('--find <text>', 'text to withhold; repeat for more', collect, [])
    .option('--ground <code>', 'ground for withholding, e.g. s53(b) or s53b')
    .option('--ocr <mode>', 'read page pixels by OCR: auto (pages with images), always, never', 'auto')
    .addHelpText('after', HELP)
    .action(async (input: string, options: RedactCommandOptions) => {
      const summary = await runRedact(input, options);
      write(`${JSON.stringify(summary)}\n`);
    });
}
