import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseTarget } from '../db/client.ts';
import { queryRows } from '../db/tx.ts';
import { createEmptyPostgresDatabase, testDatabaseKinds } from '../testing/databases.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'the first admin of a fresh Tiaki';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/tiaki.js …` as a user would (`npx tiaki …`), with only the given database settings. */
function tiaki(args: string[], env: Record<string, string>, stdin = ''): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  if (!env.TIAKI_DATA_DIR) delete childEnv.TIAKI_DATA_DIR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/tiaki.js'), ...args], {
      cwd: root,
      env: childEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
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

const create = (extra: string[] = []) => [
  'user',
  'create',
  '--email',
  'first.admin@test.tiaki.nz',
  '--name',
  'First Admin',
  '--role',
  'admin',
  ...extra,
];

describe.each(testDatabaseKinds())('the tiaki command on %s', (kind) => {
  let env: Record<string, string>;
  let target: DatabaseTarget;
  let cleanUp: () => Promise<void>;

  beforeAll(async () => {
    if (kind === 'postgres') {
      const empty = await createEmptyPostgresDatabase();
      env = { DATABASE_URL: empty.url };
      target = { kind: 'postgres', url: empty.url, poolSize: 1 };
      cleanUp = empty.drop;
    } else {
      const folder = mkdtempSync(path.join(tmpdir(), 'tiaki-cli-'));
      const dataDir = path.join(folder, 'data');
      env = { TIAKI_DATA_DIR: dataDir };
      target = { kind: 'pglite', dataDir };
      cleanUp = async () => rmSync(folder, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    await cleanUp();
  });

  /** What the database holds, read after the command has exited (PGlite: the folder is free again). */
  async function contents() {
    if (target.kind === 'pglite' && !existsSync(target.dataDir ?? '')) return { users: [], events: [] };
    const handle = await openDatabase(target);
    try {
      await handle.migrate();
      const users = await queryRows<{ id: string; email: string; role: string; password_hash: string }>(
        handle.db,
        sql`select id, email, role, password_hash from users`,
      );
      const events = await queryRows<{
        action: string;
        entity_id: string;
        actor_id: string | null;
        address: string;
      }>(handle.db, sql`select action, entity_id, actor_id, address from audit_events order by seq`);
      return { users, events };
    } finally {
      await handle.close();
    }
  }

  it('refuses bad arguments with exit 2 and a message naming the argument, before touching the database', async () => {
    const [badRole, badEmail, missing, shortPassword, noPassword, emptyName] = await Promise.all([
      tiaki(create(['--role', 'superuser']), env, PASSWORD),
      tiaki(['user', 'create', '--email', 'not-an-email', '--name', 'X', '--role', 'admin'], env, PASSWORD),
      tiaki(['user', 'create', '--email', 'a@test.tiaki.nz', '--name', 'X'], env, PASSWORD),
      tiaki(create(), env, 'too short\n'),
      tiaki(create(), env, ''),
      tiaki(
        ['user', 'create', '--email', 'a@test.tiaki.nz', '--name', '  ', '--role', 'admin'],
        env,
        PASSWORD,
      ),
    ]);
    expect(badRole).toMatchObject({ code: 2, stdout: '' });
    expect(badRole?.stderr).toMatch(
      /--role: must be one of intake, officer, decision-maker, manager, auditor, admin/,
    );
    expect(badEmail).toMatchObject({ code: 2, stdout: '' });
    expect(badEmail?.stderr).toMatch(/--email/);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing?.stderr).toMatch(/required option '--role <role>' not specified/);
    expect(shortPassword).toMatchObject({ code: 2, stdout: '' });
    expect(shortPassword?.stderr).toMatch(/password: must be at least 16 characters/);
    expect(noPassword).toMatchObject({ code: 2, stdout: '' });
    expect(noPassword?.stderr).toMatch(/password: give the password on standard input/);
    expect(emptyName).toMatchObject({ code: 2, stdout: '' });
    expect(emptyName?.stderr).toMatch(/--name/);
    for (const run of [badRole, badEmail, missing, shortPassword, noPassword, emptyName]) {
      expect(run?.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    if (target.kind === 'pglite') expect(existsSync(target.dataDir ?? '')).toBe(false);
    expect(await contents()).toEqual({ users: [], events: [] });
  });

  it('user create: reads the password from standard input, prints {"id":…}, exit 0, audited', async () => {
    const run = await tiaki(create(['--team', 'Privacy']), env, `${PASSWORD}\n`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { id: string };
    expect(printed).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const { users, events } = await contents();
    expect(users).toEqual([
      {
        id: printed.id,
        email: 'first.admin@test.tiaki.nz',
        role: 'admin',
        password_hash: expect.any(String),
      },
    ]);
    expect(users[0]?.password_hash).toMatch(/^\$argon2id\$/);
    expect(events).toEqual([
      { action: 'user.created', entity_id: printed.id, actor_id: null, address: 'command-line' },
    ]);
  });

  it('user create: a taken email exits 2 naming --email', async () => {
    const run = await tiaki(create(), env, PASSWORD);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--email: An account with this email already exists/);
  });

  it('migrate brings the schema up to date (again: idempotent) and says which database; the refusals wrote nothing', async () => {
    const run = await tiaki(['migrate'], env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ migrated: true, database: kind });
    const { users, events } = await contents();
    expect(users).toHaveLength(1);
    expect(events.map((event) => event.action)).toEqual(['user.created']);
  });
});

describe('the tiaki command', () => {
  it('exits 2 naming an unknown command, and 0 for --help', async () => {
    const [unknown, help] = await Promise.all([tiaki(['frobnicate'], {}), tiaki(['--help'], {})]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/user/);
    expect(help.stdout).toMatch(/migrate/);
  });
});
