import { mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { register, runAuditEvaluate } from './audit-evaluate.command.ts';
import { UsageError } from './usage-error.ts';

const fixture = fileURLToPath(new URL('../../bench/audit/fixture', import.meta.url));

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function evaluate(input: string | undefined): Promise<string> {
  const out = new Collect();
  await runAuditEvaluate(input === undefined ? {} : { input }, out);
  return out.text;
}

describe('tiaki audit evaluate', () => {
  it('prints one JSON line per event, in input order, keys id, explained, reasons, flags', async () => {
    expect(await evaluate(fixture)).toBe(
      [
        '{"id":"e1","explained":true,"reasons":["case-manager"],"flags":[]}',
        '{"id":"e2","explained":false,"reasons":[],"flags":["unexplained"]}',
        '{"id":"e3","explained":false,"reasons":[],"flags":["same-surname","same-address","unexplained"]}',
        '{"id":"e4","explained":true,"reasons":["health","same-unit"],"flags":["self"]}',
        '{"id":"e5","explained":false,"reasons":[],"flags":["co-worker","unexplained"]}',
        '{"id":"e6","explained":true,"reasons":["same-unit"],"flags":["high-profile"]}',
        '{"id":"e7","explained":true,"reasons":["stated-reason"],"flags":[]}',
        '',
      ].join('\n'),
    );
  });

  it('refuses a missing or unreadable --input as a usage error naming the argument', async () => {
    await expect(evaluate(undefined)).rejects.toThrow(UsageError);
    await expect(evaluate(undefined)).rejects.toThrow(/^--input: /);
    await expect(evaluate(join(fixture, 'no-such-folder'))).rejects.toThrow(/--input: cannot read/);
    await expect(evaluate(join(fixture, 'events.jsonl'))).rejects.toThrow(/not a folder/);
  });

  it('names the file and line of a bad line, and prints nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiaki-evaluate-'));
    cpSync(fixture, dir, { recursive: true });
    writeFileSync(
      join(dir, 'events.jsonl'),
      '{"id":"e1","staffId":"s1","personId":"p1","at":"2025-07-10T09:00:00+12:00","action":"read"}\n\n' +
        '{"id":"e2","staffId":"s1","personId":"p1","at":"2025-07-10 09:00","action":"read"}\n',
    );
    const out = new Collect();
    await expect(runAuditEvaluate({ input: dir }, out)).rejects.toThrow(
      /^--input: events\.jsonl:3: at: must be an ISO-8601/,
    );
    expect(out.text).toBe('');
    writeFileSync(join(dir, 'events.jsonl'), '{"id":"e1"\n');
    await expect(evaluate(dir)).rejects.toThrow(/events\.jsonl:1: not valid JSON/);
  });

  it('registers under one `audit` command, reusing it when `audit verify` was added first', () => {
    const program = new Command('tiaki');
    program.command('audit').command('verify');
    register(program);
    const audits = program.commands.filter((c) => c.name() === 'audit');
    expect(audits).toHaveLength(1);
    expect(audits[0]!.commands.map((c) => c.name())).toEqual(['verify', 'evaluate']);
    const fresh = new Command('tiaki');
    register(fresh);
    expect(fresh.commands.find((c) => c.name() === 'audit')?.commands.map((c) => c.name())).toEqual([
      'evaluate',
    ]);
  });

  it('reports a usage error through commander when --input is missing', async () => {
    const program = new Command('tiaki').exitOverride();
    register(program);
    await expect(program.parseAsync(['node', 'tiaki', 'audit', 'evaluate'])).rejects.toThrow(UsageError);
  });
});
