import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { extractPages, sniffType, terminateOcr } from '../documents/extract/index.ts';
import { detect, toCodePointOffsets, type KnownPerson } from '../documents/pii/index.ts';
import { UsageError } from './usage-error.ts';

/** One line of `tiaki pii scan` output (CONTRACT.md): offsets in code points of the page's text. */
export interface ScanLine {
  file: string;
  page: number;
  start: number;
  end: number;
  type: string;
  text: string;
  score: number;
}

async function readKnownPeople(path: string): Promise<KnownPerson[]> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    throw new UsageError('--people', `cannot read ${path}`);
  }
  try {
    const trimmed = raw.trim();
    const items: unknown[] = trimmed.startsWith('[')
      ? (JSON.parse(trimmed) as unknown[])
      : trimmed
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l) as unknown);
    return items.map((item) => {
      const p = item as Partial<KnownPerson>;
      if (typeof p.name !== 'string' || !['person', 'staff', 'requester'].includes(String(p.kind)))
        throw new Error('bad entry');
      return p as KnownPerson;
    });
  } catch {
    throw new UsageError(
      '--people',
      'must be JSON (an array or one object a line) of {"name","kind":"person"|"staff"|"requester","prn"?}',
    );
  }
}

/**
 * Scans files for personal information: every file is read and its type checked before anything is
 * printed, so a bad argument writes nothing.
 *
 * @example for await (const line of scanFiles(['report.pdf'])) console.log(JSON.stringify(line));
 */
export async function* scanFiles(
  files: readonly string[],
  knownPeople: KnownPerson[] = [],
): AsyncGenerator<ScanLine> {
  const contents: Uint8Array[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        file,
        code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? 'error'})`,
      );
    }
    if (sniffType(bytes) === undefined) throw new UsageError(file, 'not a PDF, PNG, JPEG, TIFF or text file');
    contents.push(bytes);
  }
  try {
    for (const [i, file] of files.entries()) {
      const { pages } = await extractPages(contents[i] ?? new Uint8Array());
      for (const page of pages) {
        const spans = detect(page.text, { knownPeople });
        const offsets = toCodePointOffsets(
          page.text,
          spans.flatMap((s) => [s.start, s.end]),
        );
        for (const [k, s] of spans.entries()) {
          yield {
            file,
            page: page.page,
            start: offsets[2 * k] ?? 0,
            end: offsets[2 * k + 1] ?? 0,
            type: s.type,
            text: s.text,
            score: s.score,
          };
        }
      }
    }
  } finally {
    await terminateOcr();
  }
}

/**
 * `tiaki pii scan FILE [FILE…]`: one JSON line per suggested span (CONTRACT.md), in file, page and
 * text order. Offsets count Unicode code points of the page's extracted text; a text file is page 1.
 *
 * @example register(program) // then: tiaki pii scan report.pdf notes.txt
 */
export function register(program: Command): void {
  const pii = program.command('pii').description('personal information in documents');
  pii
    .command('scan')
    .description('detect personal information in PDFs, images (OCR) and text files; one JSON line per span')
    .argument('<files...>', 'files to scan (type decided from the content)')
    .option('--people <file>', 'known people, JSON: [{"name","kind":"person"|"staff"|"requester","prn"?}]')
    .action(async (files: string[], opts: { people?: string }) => {
      const known = opts.people ? await readKnownPeople(opts.people) : [];
      for await (const line of scanFiles(files, known)) {
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
    });
}
