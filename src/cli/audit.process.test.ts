import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `npx tiaki …` as a user runs it, on a PGlite data folder of its own. */
function tiaki(args: string[], env: Record<string, string>, stdin = '') {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.DATABASE_URL;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/tiaki.js'), ...args], {
      cwd: root,
      env: childEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('tiaki audit verify as a process (CONTRACT.md)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tiaki-audit-cli-'));
  const env = { TIAKI_DATA_DIR: dir };

  beforeAll(async () => {
    const created = await tiaki(
      ['user', 'create', '--email', 'aldo@test.tiaki.nz', '--name', 'Aldo Auditor', '--role', 'auditor'],
      env,
      'kererū perched on the totara at dawn 42',
    );
    expect(created.code, created.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints {"ok":true,"events":N,"root":"hex"}, exit 0; after a direct change, {"ok":false,"firstBadEvent":N,…}, exit 1', async () => {
    const checkpoint = await tiaki(['audit', 'checkpoint'], env);
    expect(checkpoint.code, checkpoint.stderr).toBe(0);
    expect(JSON.parse(checkpoint.stdout)).toMatchObject({ treeSize: 1 });

    const sound = await tiaki(['audit', 'verify'], env);
    expect(sound.code, sound.stderr).toBe(0);
    expect(sound.stdout).toMatch(/^\{"ok":true,"events":1,"root":"[0-9a-f]{64}"\}\n$/);

    const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await handle.db.execute(sql`alter table audit_events disable trigger user`);
      await handle.db.execute(sql`update audit_events set details = '{"role":"admin"}' where seq = 1`);
    } finally {
      await handle.close();
    }
    const changed = await tiaki(['audit', 'verify'], env);
    expect(changed.code).toBe(1);
    expect(JSON.parse(changed.stdout)).toMatchObject({
      ok: false,
      firstBadEvent: 1,
      reason: 'leaf-mismatch',
    });
  });
});
