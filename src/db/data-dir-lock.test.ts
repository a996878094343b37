import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';
import { queryRows } from './tx.ts';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const folders: string[] = [];
const children: ChildProcess[] = [];

function tempFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'tiaki-lock-'));
  folders.push(folder);
  return folder;
}

/** The pid of a process that has come and gone. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

/** Another process holding the folder open through openDatabase, as a running server does. */
async function holdInAnotherProcess(dataDir: string): Promise<ChildProcess> {
  const script = path.join(tempFolder(), 'hold.mts');
  writeFileSync(
    script,
    `import { openDatabase } from ${JSON.stringify(path.join(root, 'src/db/client.ts'))};
     const handle = await openDatabase({ kind: 'pglite', dataDir: process.argv[2] });
     await handle.migrate();
     await handle.db.execute("insert into audit_head (id, last_seq) values (2, 42)");
     process.stdout.write('ready\\n');
     setInterval(() => {}, 60_000);`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.includes('ready')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('the holder did not start');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return child;
}

// Creating a PGlite folder (initdb) takes seconds: the first two tests share one.
let sharedDataDir = '';
const sharedFolder = () => (sharedDataDir ||= tempFolder());

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('the PGlite data folder lock', () => {
  it('refuses a second open while another process holds the folder, at once and naming its pid; a stale lock is then taken over', async () => {
    const dataDir = sharedFolder();
    const holder = await holdInAnotherProcess(dataDir);
    expect(readFileSync(path.join(dataDir, 'tiaki.lock'), 'utf8')).toBe(String(holder.pid));

    const started = performance.now();
    const refused = await openDatabase({ kind: 'pglite', dataDir }).then(
      () => null,
      (error: unknown) => error,
    );
    const tookMs = performance.now() - started;
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as DataDirLockedError).holderPid).toBe(holder.pid);
    expect((refused as Error).message).toContain(`pid ${holder.pid}`);
    expect((refused as Error).message).toContain(dataDir);
    expect(tookMs).toBeLessThan(500);
    // The holder's lock is untouched.
    expect(readFileSync(path.join(dataDir, 'tiaki.lock'), 'utf8')).toBe(String(holder.pid));

    // SIGKILL leaves the lock behind; the next open takes it over and finds the data.
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    expect(existsSync(path.join(dataDir, 'tiaki.lock'))).toBe(true);
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(readFileSync(path.join(dataDir, 'tiaki.lock'), 'utf8')).toBe(String(process.pid));
      await handle.migrate();
      const rows = await queryRows<{ last_seq: number | string }>(
        handle.db,
        sql`select last_seq from audit_head where id = 2`,
      );
      expect(Number(rows[0]?.last_seq)).toBe(42);
    } finally {
      await handle.close();
    }
    expect(existsSync(path.join(dataDir, 'tiaki.lock'))).toBe(false);
  });

  it('refuses a second open of the same folder within one process, naming this pid', async () => {
    const dataDir = sharedFolder();
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await expect(openDatabase({ kind: 'pglite', dataDir: `${dataDir}/.` })).rejects.toThrow(
        `pid ${process.pid}`,
      );
      expect(readFileSync(path.join(dataDir, 'tiaki.lock'), 'utf8')).toBe(String(process.pid));
    } finally {
      await handle.close();
    }
    // Released on close: it can be opened again.
    const again = await openDatabase({ kind: 'pglite', dataDir });
    await again.close();
  });

  it('takes over a lock left by a dead pid, an unreadable lock, or an earlier process that had our pid', () => {
    for (const content of [String(deadPid()), '', 'garbage', String(process.pid)]) {
      const dataDir = tempFolder();
      writeFileSync(path.join(dataDir, 'tiaki.lock'), content);
      const lock = lockDataDir(dataDir);
      expect(readFileSync(path.join(dataDir, 'tiaki.lock'), 'utf8')).toBe(String(process.pid));
      lock.release();
      expect(existsSync(path.join(dataDir, 'tiaki.lock'))).toBe(false);
      lock.release(); // twice is harmless
    }
  });

  it('creates the folder when it does not exist yet', () => {
    const dataDir = path.join(tempFolder(), 'new', 'data');
    const lock = lockDataDir(dataDir);
    expect(readFileSync(path.join(dataDir, 'tiaki.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
  });
});
