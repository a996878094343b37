import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointFileName } from '../audit/checkpoint.service.ts';
import { appendEvents, checkpointNow, tamper, temporaryAuditSettings } from '../audit/testing-audit.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { createTestDatabase, testDatabaseKinds } from '../testing/databases.ts';
import { register as registerCheckpoint, runAuditCheckpoint } from './audit-checkpoint.command.ts';
import {
  positiveInteger,
  register as registerProve,
  runAuditConsistency,
  runAuditProve,
} from './audit-prove.command.ts';
import { register as registerVerify, runAuditVerify } from './audit-verify.command.ts';
import { register as registerEvaluate } from './audit-evaluate.command.ts';
import { UsageError } from './usage-error.ts';

const verifier = fileURLToPath(new URL('../audit/merkle/verifier-standalone.js', import.meta.url));

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

/** Runs the documented standalone verifier as an outside auditor would: plain node, no project code. */
function standalone(...args: string[]): { code: number | null; stdout: string } {
  const run = spawnSync(process.execPath, [verifier, ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout.trim() };
}

describe('tiaki audit commands: arguments', () => {
  it('all sit under one `audit` command beside evaluate, whichever registers first', () => {
    const program = new Command('tiaki');
    registerVerify(program);
    registerEvaluate(program);
    registerProve(program);
    registerCheckpoint(program);
    const audit = program.commands.filter((command) => command.name() === 'audit');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.commands.map((command) => command.name()).sort()).toEqual([
      'checkpoint',
      'consistency',
      'evaluate',
      'key',
      'prove',
      'verify',
    ]);
  });

  it('EVENT, --from and --to must be whole numbers from 1, naming the argument', () => {
    expect(positiveInteger('EVENT', '42')).toBe(42);
    for (const bad of ['0', '-1', '1.5', 'abc', '', undefined, '99999999999999999']) {
      expect(() => positiveInteger('--from', bad)).toThrow(UsageError);
    }
    expect(() => positiveInteger('--to', 'x')).toThrow('--to: must be a whole number from 1');
  });

  it('a bad EVENT is a usage error before any database is opened', async () => {
    const program = new Command('tiaki').exitOverride();
    registerProve(program);
    await expect(program.parseAsync(['node', 'tiaki', 'audit', 'prove', 'first'])).rejects.toThrow(
      'EVENT: must be a whole number from 1',
    );
    await expect(
      program.parseAsync(['node', 'tiaki', 'audit', 'consistency', '--from', '9', '--to', '3']),
    ).rejects.toThrow('--to: must not be less than --from');
  });
});

describe.each(testDatabaseKinds())('tiaki audit verify, prove, consistency on %s', (kind) => {
  let database: DatabaseHandle;
  const { settings, key, cleanup } = temporaryAuditSettings();
  const work = mkdtempSync(path.join(tmpdir(), 'tiaki-proofs-'));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await appendEvents(database.db, 7);
    await checkpointNow(database.db, settings, key);
    await appendEvents(database.db, 6);
    const out = collect();
    await runAuditCheckpoint(database, settings, out.stream);
    expect(JSON.parse(out.text())).toMatchObject({ treeSize: 13 });
    const again = collect();
    await runAuditCheckpoint(database, settings, again.stream);
    expect(JSON.parse(again.text())).toEqual({ treeSize: 13, unchanged: true });
  });
  afterAll(async () => {
    await database.close();
    cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  it('prints exactly {"ok":true,"events":N,"root":"hex"} and answers exit code 0 on a sound log', async () => {
    const out = collect();
    const err = collect();
    expect(await runAuditVerify(database.db, {}, settings, out.stream, err.stream)).toBe(0);
    const line = out.text();
    expect(line).toMatch(/^\{"ok":true,"events":13,"root":"[0-9a-f]{64}"\}\n$/);
    expect(err.text()).toContain('2 signed checkpoints');
  });

  it('prints {"ok":false,"firstBadEvent":N,…} and answers exit code 1 on a changed log', async () => {
    await tamper(database.db, sql`update audit_events set entity_id = 'changed' where seq = 4`);
    const out = collect();
    expect(await runAuditVerify(database.db, {}, settings, out.stream, collect().stream)).toBe(1);
    expect(JSON.parse(out.text())).toEqual({
      ok: false,
      firstBadEvent: 4,
      reason: 'leaf-mismatch',
      message: 'event 4 does not match its stored leaf hash',
    });
    expect(out.text().startsWith('{"ok":false,"firstBadEvent":4,')).toBe(true);
    await tamper(database.db, sql`update audit_events set entity_id = 'r-3' where seq = 4`);
    expect(await runAuditVerify(database.db, {}, settings, collect().stream, collect().stream)).toBe(0);
  });

  it('with checkpoints but no verifier key at all, says so as a usage error', async () => {
    const bare = { ...settings, dataDir: work, signingKeyText: null, extraVerifierKeys: [] };
    await expect(runAuditVerify(database.db, {}, bare, collect().stream, collect().stream)).rejects.toThrow(
      /^--key: checkpoints exist but no verifier key/,
    );
    // The key given on the command line is enough.
    expect(
      await runAuditVerify(database.db, { key: [key.verifierKey] }, bare, collect().stream, collect().stream),
    ).toBe(0);
  });

  it('prove: an inclusion proof the standalone verifier accepts, by leaf hash and by leaf bytes; under 1 KB', async () => {
    const out = collect();
    expect(await runAuditProve(database.db, 5, settings, out.stream, collect().stream)).toBe(0);
    const proof = JSON.parse(out.text());
    expect(proof).toMatchObject({ type: 'inclusion', leafIndex: 4, treeSize: 13, event: 5 });
    const file = path.join(work, 'proof.json');
    writeFileSync(file, out.text());
    expect(standalone('inclusion', file, proof.rootHash, proof.leafHash)).toEqual({ code: 0, stdout: 'ok' });
    const leafFile = path.join(work, 'leaf.json');
    writeFileSync(leafFile, proof.leaf);
    expect(standalone('inclusion', file, proof.rootHash, leafFile).code).toBe(0);
    // The root it leads to is the one the signed checkpoint states.
    const note = path.join(work, 'note.txt');
    writeFileSync(note, proof.checkpoint);
    expect(standalone('checkpoint', note, key.verifierKey)).toEqual({
      code: 0,
      stdout: `ok 13 ${proof.rootHash}`,
    });
    // Another event's leaf does not pass.
    expect(standalone('inclusion', file, proof.rootHash, '00'.repeat(32)).code).toBe(1);
    const { path: _path, leaf: _leaf, checkpoint: _checkpoint, ...rest } = proof;
    expect(rest.leafHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(proof.path, 'base64').length).toBeLessThanOrEqual(1024);
  });

  it('prove: an event not yet covered by a checkpoint answers exit code 1 with the reason', async () => {
    await appendEvents(database.db, 1);
    const err = collect();
    expect(await runAuditProve(database.db, 14, settings, collect().stream, err.stream)).toBe(1);
    expect(err.text()).toMatch(/event 14 is not covered by the latest checkpoint \(13 events\)/);
  });

  it('consistency: between the two checkpoints, accepted by the standalone verifier; checkpoint files too', async () => {
    const out = collect();
    expect(await runAuditConsistency(database.db, 7, 13, settings, out.stream, collect().stream)).toBe(0);
    const proof = JSON.parse(out.text());
    expect(proof).toMatchObject({ type: 'consistency', first: 7, second: 13 });
    expect(proof.firstCheckpoint).toContain('\n7\n');
    expect(proof.secondCheckpoint).toContain('\n13\n');
    const file = path.join(work, 'consistency.json');
    writeFileSync(file, out.text());
    expect(standalone('consistency', file, proof.firstRoot, proof.secondRoot)).toEqual({
      code: 0,
      stdout: 'ok',
    });
    expect(standalone('consistency', file, proof.secondRoot, proof.firstRoot).code).toBe(1);
    const exported = path.join(settings.exportDir, checkpointFileName(7));
    expect(standalone('checkpoint', exported, key.verifierKey)).toEqual({
      code: 0,
      stdout: `ok 7 ${proof.firstRoot}`,
    });
    expect(readFileSync(exported, 'utf8')).toBe(proof.firstCheckpoint);
    const err = collect();
    expect(await runAuditConsistency(database.db, 7, 99, settings, collect().stream, err.stream)).toBe(1);
    expect(err.text()).toContain('need 1 ≤ from ≤ to ≤ 13');
  });
});
