import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReleaseCopy } from '../documents/redaction/index.ts';
import {
  NAME,
  addPage,
  line,
  newDoc,
  pageCount,
  save,
  sentence,
} from '../documents/redaction/hostile.fixtures.ts';
import { register, TextNotFoundError } from './redact.command.ts';
import { UsageError } from './usage-error.ts';

let dir: string;
let input: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tiaki-redact-'));
  const b = newDoc();
  addPage(b, sentence());
  addPage(b, line(72, 700, `Second page: ${NAME.toUpperCase()} signed.`));
  input = path.join(dir, 'report.pdf');
  writeFileSync(input, save(b.doc));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `tiaki redact …` in a fresh program, returning what it printed. */
async function run(args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const program = new Command('tiaki').exitOverride().configureOutput({ writeErr: () => undefined });
  register(program, (l) => lines.push(l));
  await program.parseAsync(['node', 'tiaki', 'redact', ...args]);
  return lines;
}

describe('tiaki redact', () => {
  it('prints {"redactions":N,"pages":P} and writes a verified release copy', async () => {
    const out = path.join(dir, 'release.pdf');
    const lines = await run([input, '--out', out, '--find', NAME, '--ground', 's53b']);
    expect(lines).toEqual(['{"redactions":2,"pages":2}\n']);
    const pdf = new Uint8Array(readFileSync(out));
    expect(pageCount(pdf)).toBe(2);
    expect(await verifyReleaseCopy(pdf, [NAME])).toEqual([]);
    expect(existsSync(`${out}.${process.pid}.partial`)).toBe(false);
  });

  it('accepts several --find and the ground as the Act writes it', async () => {
    const out = path.join(dir, 'release-2.pdf');
    const lines = await run([
      input,
      '--out',
      out,
      '--find',
      NAME,
      '--find',
      'Reported by',
      '--ground',
      's49(1)(a)(i)',
    ]);
    expect(JSON.parse(lines[0] ?? '')).toEqual({ redactions: 3, pages: 2 });
  });

  it('fails (exit 1, not a usage error) naming a TEXT that is not in the file, and writes nothing', async () => {
    const out = path.join(dir, 'never.pdf');
    const failure = run([input, '--out', out, '--find', NAME, '--find', 'Hemi Walker', '--ground', 's53(b)']);
    await expect(failure).rejects.toThrow(TextNotFoundError);
    await expect(failure).rejects.toThrow('"Hemi Walker"');
    await expect(failure).rejects.not.toThrow(UsageError);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['--out', 'x.pdf', '--find', NAME, '--ground', 's53b'], 'missing.pdf'],
    [['--find', NAME, '--ground', 's53b'], '--out'],
    [['--out', 'x.pdf', '--ground', 's53b'], '--find'],
    [['--out', 'x.pdf', '--find', '  ', '--ground', 's53b'], '--find'],
    [['--out', 'x.pdf', '--find', NAME], '--ground'],
    [['--out', 'x.pdf', '--find', NAME, '--ground', 's54'], '--ground'],
    [['--out', 'x.pdf', '--find', NAME, '--ground', 's53b', '--ocr', 'sometimes'], '--ocr'],
    [['--out', 'no-such-folder/x.pdf', '--find', NAME, '--ground', 's53b'], '--out'],
  ])('refuses bad arguments with a usage error naming the argument (%j)', async (args, named) => {
    const file = named === 'missing.pdf' ? path.join(dir, 'missing.pdf') : input;
    const resolved = args.map((a) => (a.endsWith('.pdf') ? path.join(dir, a) : a));
    const failure = run([file, ...resolved]);
    await expect(failure).rejects.toThrow(UsageError);
    await expect(failure).rejects.toThrow(named);
    expect(existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  });

  it('refuses to overwrite its input and a file that is not a PDF', async () => {
    await expect(run([input, '--out', input, '--find', NAME, '--ground', 's53b'])).rejects.toThrow(
      UsageError,
    );
    const text = path.join(dir, 'notes.pdf');
    writeFileSync(text, 'just some notes about Ngaire');
    await expect(
      run([text, '--out', path.join(dir, 'y.pdf'), '--find', NAME, '--ground', 's53b']),
    ).rejects.toThrow('not a PDF');
  });
});
