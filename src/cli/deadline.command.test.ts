import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type LineSink,
  deadlineForInputLine,
  deadlineLine,
  parseDeadlineOptions,
  register,
  streamDeadlines,
} from './deadline.command.ts';
import { UsageError } from './usage-error.ts';

/** Collects what the command writes; can pretend to be a slow pipe. */
class Sink extends EventEmitter implements LineSink {
  text = '';
  writes = 0;
  constructor(private readonly slow = false) {
    super();
  }
  write(chunk: string): boolean {
    this.text += chunk;
    this.writes++;
    if (this.slow) setImmediate(() => this.emit('drain'));
    return !this.slow;
  }
}

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('tiaki deadline (CONTRACT.md)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('s 44: prints one JSON line with the due date and the skipped days (the Ombudsman case)', async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    const program = new Command('tiaki').exitOverride();
    register(program);
    await program.parseAsync(['deadline', '--received', '2021-01-08'], { from: 'user' });
    vi.restoreAllMocks();
    expect(out).toHaveLength(1);
    expect(out[0]!.endsWith('}\n')).toBe(true);
    const answer = JSON.parse(out[0]!) as {
      received: string;
      workingDays: number;
      due: string;
      skipped: unknown[];
    };
    expect(Object.keys(answer)).toEqual(['received', 'workingDays', 'due', 'skipped']);
    expect(answer).toMatchObject({ received: '2021-01-08', workingDays: 20, due: '2021-02-15' });
    expect(answer.skipped).toHaveLength(18);
    expect(answer.skipped).toContainEqual({ date: '2021-02-08', reason: 'Waitangi Day (observed)' });
  });

  it('s 7: --working-days counts N working days; the summer boundary', () => {
    expect(JSON.parse(deadlineLine('2022-11-25', 20))).toMatchObject({ due: '2022-12-23' });
    expect(JSON.parse(deadlineLine('2022-11-28', 20))).toMatchObject({ due: '2023-01-16' });
    expect(deadlineLine('2021-02-12', 1)).toBe(
      '{"received":"2021-02-12","workingDays":1,"due":"2021-02-15","skipped":[{"date":"2021-02-13","reason":"Saturday"},{"date":"2021-02-14","reason":"Sunday"}]}',
    );
    expect(deadlineLine('2021-03-08', 1)).toBe(
      '{"received":"2021-03-08","workingDays":1,"due":"2021-03-09","skipped":[]}',
    );
  });

  it('bad arguments are UsageErrors naming the argument', () => {
    expect(parseDeadlineOptions({ received: '2021-01-08' })).toEqual({
      mode: 'one',
      received: '2021-01-08',
      workingDays: 20,
    });
    expect(parseDeadlineOptions({ received: '2021-01-08', workingDays: '7' })).toMatchObject({
      workingDays: 7,
    });
    expect(parseDeadlineOptions({ stdin: true, workingDays: '10' })).toEqual({
      mode: 'stdin',
      workingDays: 10,
    });
    expect(usageError(() => parseDeadlineOptions({})).argument).toBe('--received');
    expect(usageError(() => parseDeadlineOptions({ received: '2021-02-30' })).message).toBe(
      '--received: must be a date written YYYY-MM-DD, not "2021-02-30"',
    );
    expect(usageError(() => parseDeadlineOptions({ received: '8/1/2021' })).argument).toBe('--received');
    for (const n of ['0', '-1', '1.5', 'ten', '', '1e3', '99999999999']) {
      expect(
        usageError(() => parseDeadlineOptions({ received: '2021-01-08', workingDays: n })).argument,
      ).toBe('--working-days');
    }
    expect(usageError(() => parseDeadlineOptions({ stdin: true, received: '2021-01-08' })).argument).toBe(
      '--stdin',
    );
  });

  it('s 7: a year with no Matariki date is a UsageError, never a guess', () => {
    const e = usageError(() => deadlineLine('2053-01-20', 20));
    expect(e.argument).toBe('--received');
    expect(e.message).toContain('no Matariki date for 2053');
    expect(usageError(() => deadlineLine('2052-12-20', 20)).argument).toBe('--received');
    expect(usageError(() => deadlineLine('2052-12-01', 30, true)).argument).toBe('--working-days');
  });

  it('a bad argument writes nothing to standard output', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const program = new Command('tiaki').exitOverride();
    register(program);
    await expect(
      program.parseAsync(['deadline', '--received', '2053-06-01'], { from: 'user' }),
    ).rejects.toThrow(UsageError);
    expect(write).not.toHaveBeenCalled();
  });

  describe('--stdin', () => {
    it('answers each input line in order; a missing workingDays uses the default', () => {
      expect(JSON.parse(deadlineForInputLine('{"received":"2021-01-08"}', 1, 20).text)).toMatchObject({
        due: '2021-02-15',
        workingDays: 20,
      });
      expect(
        JSON.parse(deadlineForInputLine('{"workingDays":10,"received":"2021-01-08"}', 1, 20).text),
      ).toMatchObject({
        due: '2021-01-29',
        workingDays: 10,
      });
    });

    it('a bad line gives an error object naming the line, and the rest still stream', () => {
      const cases: Array<[string, RegExp]> = [
        ['not json', /not a JSON object/],
        ['[1,2]', /not a JSON object/],
        ['{"received":"2021-13-01"}', /"received" must be a date/],
        ['{}', /"received" must be a date written YYYY-MM-DD, not missing/],
        ['{"received":"2021-01-08","workingDays":0}', /"workingDays" must be a positive whole number/],
        ['{"received":"2021-01-08","workingDays":"5"}', /"workingDays" must be a positive whole number/],
        ['{"received":"2053-01-08"}', /no Matariki date for 2053/],
      ];
      for (const [line, message] of cases) {
        const answer = deadlineForInputLine(line, 4, 20);
        expect(answer.ok).toBe(false);
        const parsed = JSON.parse(answer.text) as { error: { line: number; message: string } };
        expect(parsed.error.line).toBe(4);
        expect(parsed.error.message).toMatch(message);
      }
    });

    it('streams across chunk boundaries, CRLF and blank lines, counting input lines', async () => {
      const input =
        '{"received":"2021-01-08"}\r\n\n{"rec' +
        'eived":"2022-11-25","workingDays":20}\nbad\n{"received":"2022-11-28"}';
      const chunks = [input.slice(0, 10), input.slice(10, 33), input.slice(33)].map((s) => Buffer.from(s));
      const sink = new Sink();
      const result = await streamDeadlines(Readable.from(chunks), sink, 20);
      expect(result).toEqual({ lines: 4, errors: 1 });
      const lines = sink.text.trimEnd().split('\n');
      expect(lines.map((l) => (JSON.parse(l) as { due?: string }).due ?? l)).toEqual([
        '2021-02-15',
        '2022-12-23',
        '{"error":{"line":4,"message":"not a JSON object: expected {\\"received\\":\\"YYYY-MM-DD\\",\\"workingDays\\"?:N}"}}',
        '2023-01-16',
      ]);
    });

    it('keeps multi-byte characters split across chunks intact', async () => {
      const bytes = Buffer.from('{"received":"2021-01-08","note":"Māori"}\n');
      const cut = bytes.indexOf(0xc4) + 1; // inside the two bytes of ā
      const sink = new Sink();
      await streamDeadlines(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]), sink, 20);
      expect(JSON.parse(sink.text)).toMatchObject({ due: '2021-02-15' });
    });

    it('buffers output and waits for a slow pipe to drain, keeping order over 20,000 lines', async () => {
      const lines: string[] = [];
      for (let i = 0; i < 20_000; i++)
        lines.push(JSON.stringify({ received: '2024-03-01', workingDays: 1 + (i % 40) }));
      const sink = new Sink(true);
      const result = await streamDeadlines(Readable.from([Buffer.from(lines.join('\n'))]), sink, 20);
      expect(result).toEqual({ lines: 20_000, errors: 0 });
      const out = sink.text.trimEnd().split('\n');
      expect(out).toHaveLength(20_000);
      expect(sink.writes).toBeGreaterThan(1);
      expect(sink.writes).toBeLessThan(200);
      expect((JSON.parse(out[39]!) as { workingDays: number }).workingDays).toBe(40);
      expect((JSON.parse(out[19_999]!) as { workingDays: number }).workingDays).toBe(40);
    });

    it('stops quietly when the pipe closes (e.g. piped into head)', async () => {
      class ClosedPipe extends Sink {
        override write(chunk: string): boolean {
          super.write(chunk);
          this.emit('error', new Error('write EPIPE'));
          return false;
        }
      }
      const sink = new ClosedPipe();
      const lines = Array.from({ length: 5000 }, () => '{"received":"2021-01-08"}').join('\n');
      const chunks = [Buffer.from(lines.slice(0, 60_000)), Buffer.from(lines.slice(60_000))];
      await streamDeadlines(Readable.from(chunks), sink, 20);
      expect(sink.writes).toBe(1);
    });
  });
});
