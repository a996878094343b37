import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ENTRY = ['bin/tiaki.js'];
const tiaki = (args: string[], input?: string) =>
  spawnSync(process.execPath, [...ENTRY, ...args], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    input,
    encoding: 'utf8',
  });

describe('tiaki deadline as a process (CONTRACT.md)', () => {
  it('s 44: --received prints one JSON line, exit 0', () => {
    const r = tiaki(['deadline', '--received', '2021-01-08']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(JSON.parse(r.stdout)).toMatchObject({
      received: '2021-01-08',
      workingDays: 20,
      due: '2021-02-15',
    });
  });

  it('bad arguments: exit 2, the argument named on stderr, nothing on stdout', () => {
    for (const [args, name] of [
      [['deadline', '--received', '2021-02-30'], '--received'],
      [['deadline', '--received', '2053-03-01'], '--received'],
      [['deadline', '--received', '2021-01-08', '--working-days', '0'], '--working-days'],
      [['deadline'], '--received'],
      [['deadline', '--stdin', '--received', '2021-01-08'], '--stdin'],
    ] as const) {
      const r = tiaki([...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(name);
    }
  });

  it('--stdin: one line per input line, in order; a bad line gives an error line and exit 1', () => {
    const ok = tiaki(
      ['deadline', '--stdin'],
      '{"received":"2022-11-25"}\n{"received":"2022-11-28","workingDays":20}\n',
    );
    expect(ok.status).toBe(0);
    expect(
      ok.stdout
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { due: string }).due),
    ).toEqual(['2022-12-23', '2023-01-16']);
    const bad = tiaki(['deadline', '--stdin'], '{"received":"2021-01-08"}\nnope\n');
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout.split('\n')[1]!)).toMatchObject({ error: { line: 2 } });
  });
});
