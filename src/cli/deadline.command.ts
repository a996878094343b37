/**
 * `tiaki deadline`: the Nth working day after receipt (Privacy Act 2020 s 7, ss 43–44; OIA ss 2, 14–15),
 * with the days skipped and why. One date from the arguments, or a stream of JSON lines on stdin.
 */
import type { Command } from 'commander';
import { isIsoDate } from '../law/calendar.ts';
import { DECISION_WORKING_DAYS } from '../law/clocks.ts';
import {
  FIRST_SUPPORTED_YEAR,
  LAST_SUPPORTED_YEAR,
  OutsideKnownCalendarError,
  dueWithSkippedJson,
} from '../law/working-days.ts';
import { UsageError } from './usage-error.ts';

/** What the command was asked to do, after its arguments were checked. */
export type DeadlineRequest =
  { mode: 'one'; received: string; workingDays: number } | { mode: 'stdin'; workingDays: number };

/** The options commander hands over. */
export interface DeadlineOptions {
  received?: string;
  workingDays?: string;
  stdin?: boolean;
}

const HELP = `
Output: one JSON line {"received":"YYYY-MM-DD","workingDays":N,"due":"YYYY-MM-DD","skipped":[{"date":"…","reason":"…"}]}
where due is the Nth working day counted from the day after receipt and skipped lists every
non-working day passed over, with the reason (Saturday, Waitangi Day (observed), Matariki, …).

--stdin reads JSON lines {"received":"YYYY-MM-DD","workingDays"?:N} and writes one output line per
input line, in order (blank lines are ignored). --working-days sets N for lines that give none.
A line that cannot be computed (not JSON, a bad date, N not a positive whole number, a date outside
2014–2052) gives {"error":{"line":L,"message":"…"}} in its place (L counts input lines from 1);
the other lines still stream, and the command ends with exit code 1 and a count on standard error.

Working days follow Privacy Act 2020 s 7 and OIA s 2; years after 2052 have no Matariki date in
the Act's schedule and are refused, never guessed.

Examples:
  tiaki deadline --received 2021-01-08            # {"received":"2021-01-08","workingDays":20,"due":"2021-02-15",…}
  tiaki deadline --received 2022-11-28 --working-days 10
  printf '{"received":"2022-11-25"}\\n' | tiaki deadline --stdin
`;

/**
 * Registers `tiaki deadline`.
 * @example register(program); // tiaki deadline --received 2021-01-08
 */
export function register(program: Command): void {
  program
    .command('deadline')
    .description('the Nth working day after receipt (default 20), with the days skipped and why')
    .option('--received <date>', 'day the request was received, YYYY-MM-DD (New Zealand date)')
    .option('--working-days <n>', `working days to count (default ${DECISION_WORKING_DAYS})`)
    .option('--stdin', 'read JSON lines {"received":…,"workingDays"?:…} from standard input')
    .addHelpText('after', HELP)
    .action(async (options: DeadlineOptions) => {
      const request = parseDeadlineOptions(options);
      if (request.mode === 'one') {
        const line = deadlineLine(request.received, request.workingDays, options.workingDays !== undefined);
        process.stdout.write(`${line}\n`);
        return;
      }
      const { errors, lines } = await streamDeadlines(process.stdin, process.stdout, request.workingDays);
      if (errors > 0) {
        process.stderr.write(
          `tiaki: ${errors} of ${lines} lines could not be computed (see their "error" lines)\n`,
        );
        process.exitCode = 1;
      }
    });
}

/**
 * Checks the command's options; throws {@link UsageError} naming the bad argument.
 * @example parseDeadlineOptions({ received: '2021-01-08' }) // { mode: 'one', received: '2021-01-08', workingDays: 20 }
 */
export function parseDeadlineOptions(options: DeadlineOptions): DeadlineRequest {
  const workingDays =
    options.workingDays === undefined ? DECISION_WORKING_DAYS : parseCount(options.workingDays);
  if (options.stdin === true) {
    if (options.received !== undefined)
      throw new UsageError('--stdin', 'cannot be used together with --received');
    return { mode: 'stdin', workingDays };
  }
  if (options.received === undefined) {
    throw new UsageError(
      '--received',
      'is required: give --received YYYY-MM-DD, or --stdin to read JSON lines',
    );
  }
  if (!isIsoDate(options.received)) {
    throw new UsageError(
      '--received',
      `must be a date written YYYY-MM-DD, not ${JSON.stringify(options.received)}`,
    );
  }
  return { mode: 'one', received: options.received, workingDays };
}

function parseCount(text: string): number {
  const n = /^[1-9][0-9]{0,8}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n)) {
    throw new UsageError('--working-days', `must be a positive whole number, not ${JSON.stringify(text)}`);
  }
  return n;
}

/**
 * The output line for one date (without the newline). Throws {@link UsageError} when the count runs
 * outside the known calendar (naming --working-days when that was given, else --received).
 * @example deadlineLine('2021-02-12', 1) // '{"received":"2021-02-12","workingDays":1,"due":"2021-02-15","skipped":[{"date":"2021-02-13","reason":"Saturday"},{"date":"2021-02-14","reason":"Sunday"}]}'
 */
export function deadlineLine(received: string, workingDays: number, countGiven = false): string {
  try {
    return formatLine(received, workingDays);
  } catch (error) {
    if (error instanceof OutsideKnownCalendarError) {
      const year = Number(received.slice(0, 4));
      const outside = year > LAST_SUPPORTED_YEAR || year < FIRST_SUPPORTED_YEAR;
      throw new UsageError(countGiven && !outside ? '--working-days' : '--received', error.message);
    }
    throw error;
  }
}

// The received date is a checked YYYY-MM-DD and the count an integer, so neither needs JSON escaping.
function formatLine(received: string, workingDays: number): string {
  const { due, skippedJson } = dueWithSkippedJson(received, workingDays);
  return `{"received":"${received}","workingDays":${workingDays},"due":"${due}","skipped":${skippedJson}}`;
}

/**
 * The output line for one line of `--stdin` input: the answer, or an error object naming the line.
 * @example deadlineForInputLine('{"received":"2021-01-08"}', 1, 20).ok // true
 * @example deadlineForInputLine('{"received":"2053-01-08"}', 7, 20).text // '{"error":{"line":7,"message":"2053-01-08: Te Kāhui o Matariki …"}}'
 */
export function deadlineForInputLine(
  line: string,
  lineNumber: number,
  defaultWorkingDays: number,
): { ok: boolean; text: string } {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return lineError(lineNumber, 'not a JSON object: expected {"received":"YYYY-MM-DD","workingDays"?:N}');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return lineError(lineNumber, 'not a JSON object: expected {"received":"YYYY-MM-DD","workingDays"?:N}');
  }
  const { received, workingDays } = input as { received?: unknown; workingDays?: unknown };
  if (!isIsoDate(received)) {
    return lineError(
      lineNumber,
      `"received" must be a date written YYYY-MM-DD, not ${JSON.stringify(received) ?? 'missing'}`,
    );
  }
  let n = defaultWorkingDays;
  if (workingDays !== undefined) {
    if (typeof workingDays !== 'number' || !Number.isSafeInteger(workingDays) || workingDays < 1) {
      return lineError(
        lineNumber,
        `"workingDays" must be a positive whole number, not ${JSON.stringify(workingDays)}`,
      );
    }
    n = workingDays;
  }
  try {
    return { ok: true, text: formatLine(received, n) };
  } catch (error) {
    if (error instanceof OutsideKnownCalendarError) return lineError(lineNumber, error.message);
    throw error;
  }
}

function lineError(line: number, message: string): { ok: false; text: string } {
  return { ok: false, text: JSON.stringify({ error: { line, message } }) };
}

/** Where output goes: a Writable such as process.stdout. */
export interface LineSink {
  write(chunk: string): boolean;
  once(event: 'drain' | 'error', listener: (...args: unknown[]) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'drain' | 'error', listener: (...args: unknown[]) => void): unknown;
}

const FLUSH_AT = 1 << 16;

/**
 * Streams `--stdin`: reads JSON lines from `input`, writes one answer line per non-blank input line in
 * order, buffering output in 64 KiB chunks and waiting for the sink to drain. Stops quietly if the
 * sink closes (e.g. `| head`).
 * @example await streamDeadlines(process.stdin, process.stdout, 20) // { lines: 3, errors: 0 }
 */
export async function streamDeadlines(
  input: AsyncIterable<Buffer | string>,
  sink: LineSink,
  defaultWorkingDays: number,
): Promise<{ lines: number; errors: number }> {
  let closed = false;
  const onError = (): void => {
    closed = true;
  };
  // Left attached: a closed pipe may report its error after the last write.
  sink.on('error', onError);
  const decoder = new TextDecoder();
  let pending = '';
  let out = '';
  let lineNumber = 0;
  let lines = 0;
  let errors = 0;

  const handle = (raw: string): void => {
    lineNumber++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) return;
    lines++;
    const answer = deadlineForInputLine(line, lineNumber, defaultWorkingDays);
    if (!answer.ok) errors++;
    out += `${answer.text}\n`;
  };
  const flush = async (): Promise<void> => {
    if (out === '' || closed) return;
    const chunk = out;
    out = '';
    if (!sink.write(chunk) && !closed) await drained(sink);
  };

  for await (const chunk of input) {
    if (closed) break;
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    let nl = pending.indexOf('\n', start);
    while (nl !== -1) {
      handle(pending.slice(start, nl));
      if (out.length >= FLUSH_AT) await flush();
      start = nl + 1;
      nl = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  if (pending !== '') handle(pending);
  await flush();
  return { lines, errors };
}

async function drained(sink: LineSink): Promise<void> {
  // Resolve on drain or on error (a closed pipe), whichever comes first.
  await new Promise<void>((resolve) => {
    const done = (): void => {
      sink.removeListener('drain', done);
      sink.removeListener('error', done);
      resolve();
    };
    sink.once('drain', done);
    sink.once('error', done);
  });
}
