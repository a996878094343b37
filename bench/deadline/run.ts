/**
 * Deadline benchmark: 1,000,000 random receipt dates (2022–2051) with N in 1..40 working days.
 * Compares, in the same run, the precomputed-table fast path with a naive day-by-day loop that asks
 * nonWorkingReason about each day (the obvious implementation), checks they agree on every date, and
 * measures `tiaki deadline --stdin` in process (line splitting + JSON parse + compute + serialise).
 *
 *   node --import tsx bench/deadline/run.ts [count]
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { Readable } from 'node:stream';
import { EventEmitter } from 'node:events';
import { addCalendarDays, daysFromCivil, isoOfEpochDay } from '../../src/law/calendar.ts';
import { addWorkingDays, dueDate, nonWorkingReason } from '../../src/law/working-days.ts';
import { type LineSink, streamDeadlines } from '../../src/cli/deadline.command.ts';

const COUNT = Number(process.argv[2] ?? 1_000_000);

// Deterministic inputs (a 32-bit LCG), so runs compare like with like.
let seed = 20_260_101;
const random = (): number => (seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0) / 4_294_967_296;
const first = daysFromCivil(2022, 1, 1);
const last = daysFromCivil(2051, 12, 31);
const received: string[] = new Array<string>(COUNT);
const counts = new Int32Array(COUNT);
for (let i = 0; i < COUNT; i++) {
  received[i] = isoOfEpochDay(first + Math.floor(random() * (last - first + 1)));
  counts[i] = 1 + Math.floor(random() * 40);
}

/** The obvious way: step a day at a time, asking the rules about each day. */
function naiveDueDate(from: string, n: number): string {
  let d = from;
  let counted = 0;
  while (counted < n) {
    d = addCalendarDays(d, 1);
    if (nonWorkingReason(d) === null) counted++;
  }
  return d;
}

function time(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

// Warm both paths (and build the table) before timing.
for (let i = 0; i < 20_000; i++) {
  dueDate(received[i]!, counts[i]!);
  naiveDueDate(received[i]!, counts[i]!);
  addWorkingDays(received[i]!, counts[i]!);
}

const fastDue: string[] = new Array<string>(COUNT);
const fastSeconds = time(() => {
  for (let i = 0; i < COUNT; i++) fastDue[i] = dueDate(received[i]!, counts[i]!);
});

let skippedTotal = 0;
const explainedSeconds = time(() => {
  for (let i = 0; i < COUNT; i++) skippedTotal += addWorkingDays(received[i]!, counts[i]!).skipped.length;
});

let mismatches = 0;
const naiveSeconds = time(() => {
  for (let i = 0; i < COUNT; i++) if (naiveDueDate(received[i]!, counts[i]!) !== fastDue[i]) mismatches++;
});

// --stdin in process: the same dates as JSON lines, fed in 64 KiB chunks to a sink that only counts.
const inputText = received.map((d, i) => `{"received":"${d}","workingDays":${counts[i]}}`).join('\n') + '\n';
const inputBuffer = Buffer.from(inputText);
const chunks: Buffer[] = [];
for (let at = 0; at < inputBuffer.length; at += 65_536) chunks.push(inputBuffer.subarray(at, at + 65_536));
class CountingSink extends EventEmitter implements LineSink {
  bytes = 0;
  write(chunk: string): boolean {
    this.bytes += chunk.length;
    return true;
  }
}
const sink = new CountingSink();
await streamDeadlines(Readable.from([inputBuffer.subarray(0, 1_000_000)]), new CountingSink(), 20); // warm-up
const streamStart = process.hrtime.bigint();
const streamed = await streamDeadlines(Readable.from(chunks), sink, 20);
const stdinSeconds = Number(process.hrtime.bigint() - streamStart) / 1e9;
if (streamed.lines !== COUNT || streamed.errors !== 0)
  throw new Error(`stdin run answered ${streamed.lines} lines, ${streamed.errors} errors`);

const rate = (seconds: number): number => COUNT / seconds;
const naiveRate = rate(naiveSeconds);
const fmt = (n: number): string => Math.round(n).toLocaleString('en-NZ');
const rows: Array<[string, number]> = [
  ['naive day-by-day loop over `nonWorkingReason` (baseline)', naiveSeconds],
  ['`dueDate` fast path (precomputed table, no explanation)', fastSeconds],
  ['`addWorkingDays` (table + skipped days as objects)', explainedSeconds],
  ['`tiaki deadline --stdin` in process (split + parse + compute + serialise)', stdinSeconds],
];

/** A markdown table laid out as Prettier would (first column left, the rest right-aligned). */
function markdownTable(head: string[], body: string[][]): string[] {
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((r) => r[c]!.length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(head), rule, ...body.map(line)];
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const table = [
  `# Deadline benchmark`,
  '',
  `${fmt(COUNT)} random receipt dates 2022–2051, N = 1..40 working days; ${new Date().toISOString().slice(0, 10)}, ` +
    `Node ${process.version}, ${cpu} (${os.cpus().length} CPUs).`,
  '',
  ...markdownTable(
    ['method', 'seconds', 'dates/second', '× naive'],
    rows.map(([name, sec]) => [name, sec.toFixed(3), fmt(rate(sec)), (rate(sec) / naiveRate).toFixed(1)]),
  ),
  '',
  `Fast path and naive loop agree on all ${fmt(COUNT)} dates: ${mismatches === 0 ? 'yes' : `NO (${mismatches} differ)`}. ` +
    `Average ${(skippedTotal / COUNT).toFixed(1)} skipped days per date; --stdin wrote ${(sink.bytes / 1e6).toFixed(0)} MB of JSON.`,
  '',
  'Run: `node --import tsx bench/deadline/run.ts [count]`.',
  '',
].join('\n');

process.stdout.write(table);
mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
writeFileSync(new URL('../results/deadline.md', import.meta.url), table);
if (mismatches !== 0) process.exitCode = 1;
