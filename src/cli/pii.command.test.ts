import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import * as mupdf from 'mupdf';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { register, scanFiles, type ScanLine } from './pii.command.ts';
import { UsageError } from './usage-error.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tiaki-pii-'));

function file(name: string, content: string | Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

function pdf(pages: string[]): Uint8Array {
  const doc = new mupdf.PDFDocument();
  const font = doc.addSimpleFont(new mupdf.Font('Helvetica'));
  const resources = doc.addObject({ Font: { F1: font } });
  for (const line of pages)
    doc.insertPage(-1, doc.addPage([0, 0, 595, 842], 0, resources, `BT /F1 12 Tf 40 780 Td (${line}) Tj ET`));
  return doc.saveToBuffer('').asUint8Array().slice();
}

/** Runs `tiaki pii scan …` through commander and returns what it printed. */
async function run(...args: string[]): Promise<string[]> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    const program = new Command('tiaki').exitOverride();
    register(program);
    await program.parseAsync(['node', 'tiaki', 'pii', 'scan', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out
    .join('')
    .split('\n')
    .filter((l) => l !== '');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('tiaki pii scan', () => {
  it('prints one JSON line per span with exactly the contract fields, page 1 for a text file', async () => {
    const notes = file(
      'notes.eml',
      'Subject: visit\n\nPrisoner Hēmi Pōtae (PRN 12345678) rang 021 345 6789.\n',
    );
    const lines = await run(notes);
    const parsed = lines.map((l) => JSON.parse(l) as ScanLine);
    expect(lines.map((l) => Object.keys(JSON.parse(l) as object))).toEqual(
      parsed.map(() => ['file', 'page', 'start', 'end', 'type', 'text', 'score']),
    );
    expect(parsed.map((p) => [p.file, p.page, p.type, p.text])).toEqual([
      [notes, 1, 'PERSON', 'Hēmi Pōtae'],
      [notes, 1, 'PRN', '12345678'],
      [notes, 1, 'PHONE', '021 345 6789'],
    ]);
    expect(parsed[0]).toMatchObject({ start: 25, end: 35 });
  });

  it('counts offsets in code points of the page text (an emoji is one character)', async () => {
    const text = '🙂🙂 Prisoner Hēmi Pōtae';
    const [line] = [...(await collect(scanFiles([file('emoji.txt', text)])))];
    expect(line).toMatchObject({ start: 12, end: 22, text: 'Hēmi Pōtae' });
    expect([...text].slice(line?.start, line?.end).join('')).toBe('Hēmi Pōtae');
  });

  it('scans each page of a PDF and keeps files in the order given, path as given', async () => {
    const a = file('report.pdf', pdf(['Nothing here.', 'Prisoner Hemi Potae, NHI ZZZ0016']));
    const b = file('b.txt', 'Email hemi@example.nz');
    const lines = (await run(a, b)).map((l) => JSON.parse(l) as ScanLine);
    expect(lines.map((l) => [path.basename(l.file), l.page, l.type, l.text])).toEqual([
      ['report.pdf', 2, 'PERSON', 'Hemi Potae'],
      ['report.pdf', 2, 'NHI', 'ZZZ0016'],
      ['b.txt', 1, 'EMAIL', 'hemi@example.nz'],
    ]);
  });

  it('a missing or unreadable file is a usage error naming it, and nothing is printed', async () => {
    const good = file('good.txt', 'PRN 12345678');
    const missing = path.join(dir, 'missing.pdf');
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    const program = new Command('tiaki').exitOverride();
    register(program);
    const error = await program
      .parseAsync(['node', 'tiaki', 'pii', 'scan', good, missing])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain(missing);
    expect(out).toEqual([]);
    await expect(
      collect(scanFiles([file('zip.bin', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0xff]))])),
    ).rejects.toThrow(/zip\.bin/);
  });

  it('takes the known people from --people so the requester’s own name is not suggested', async () => {
    const people = file(
      'people.json',
      JSON.stringify([{ name: 'Hemi Potae', kind: 'requester', prn: '12345678' }]),
    );
    const notes = file('own.txt', 'Hemi Potae (PRN 12345678) and his brother Tama Potae.');
    const lines = (await run('--people', people, notes)).map((l) => JSON.parse(l) as ScanLine);
    expect(lines.map((l) => l.text)).toEqual(['Tama Potae']);
  });
});

async function collect<T>(gen: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}
