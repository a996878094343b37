import { sql } from 'drizzle-orm';
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { inTransaction, queryRows } from '../db/tx.ts';
import { createTestDatabase, testDatabaseKinds } from '../testing/databases.ts';
import { auditRowsBetween, sealAuditLog, sealedSize } from './audit-log.repo.ts';
import { appendAuditEvent } from './audit.repo.ts';
import { SIGNING_KEY_FILE } from './audit-settings.ts';
import { verifyAuditLog, type AuditVerdict } from './audit-verify.service.ts';
import { checkpointFileName, VERIFIER_KEY_FILE } from './checkpoint.service.ts';
import { eraseAuditEvent } from './erasure.service.ts';
import { createCheckpoint } from './merkle/checkpoint.ts';
import { toHex } from './merkle/hash.ts';
import { MerkleTree } from './merkle/tree.ts';
import { appendEvents, checkpointNow, tamper, temporaryAuditSettings } from './testing-audit.ts';

class Rollback extends Error {}

/** The database's own message: drizzle wraps it as the cause of a "Failed query" error. */
async function refusal(query: Promise<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : String(error);
  }
  throw new Error('the statement was accepted');
}

const auditor = {
  id: '00000000-0000-4000-8000-00000000a0d1',
  name: 'Aldo Auditor',
  role: 'auditor' as const,
  team: null,
  site: null,
  address: 'test',
};

describe.each(testDatabaseKinds())('tamper evidence over the database on %s', (kind) => {
  let database: DatabaseHandle;
  const { settings, key, cleanup } = temporaryAuditSettings();
  const options = () => ({
    verifierKeys: [key.verifierKey],
    exportDirs: [settings.exportDir],
    origin: settings.origin,
    batchSize: 7, // several batches even in a small log
  });
  const verify = (): Promise<AuditVerdict> => verifyAuditLog(database.db, options());
  /** On PostgreSQL, also in worker threads on their own connections: the same verdict. */
  const verifyBoth = async (): Promise<AuditVerdict> => {
    const verdict = await verify();
    if (kind === 'postgres') {
      const [row] = await queryRows<{ name: string }>(database.db, sql`select current_database() as name`);
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${row!.name}`;
      const parallel = await verifyAuditLog(database.db, {
        ...options(),
        batchSize: 4,
        parallel: { url: url.toString(), workers: 3 },
      });
      expect(parallel).toEqual(verdict);
    }
    return verdict;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // The auditor account the erasure is recorded against.
    await database.db.execute(
      sql`insert into users (id, email, name, role, password_hash) values (${auditor.id}, 'a@test.tiaki.nz', 'Aldo', 'auditor', 'x')`,
    );
    await appendEvents(database.db, 10);
    await checkpointNow(database.db, settings, key); // 10 (+ the user.created-free log: only our events)
    await appendEvents(database.db, 15);
    await checkpointNow(database.db, settings, key); // 25
    await appendEvents(database.db, 5); // 26..30, sealed later by verify's own rule
  });
  afterAll(async () => {
    await database.close();
    cleanup();
  });

  const row = async (seq: number) => {
    const [found] = await auditRowsBetween(database.db, seq, seq + 1);
    if (!found) throw new Error(`no event ${seq}`);
    return found;
  };

  it('a clean log verifies: events, the RFC 9162 root of its leaves, each checkpoint checked', async () => {
    const verdict = await verifyBoth();
    const leaves = await queryRows<{ leaf_hash: Uint8Array }>(
      database.db,
      sql`select leaf_hash from audit_events order by seq`,
    );
    const tree = MerkleTree.fromLeafHashes(leaves.map((leaf) => leaf.leaf_hash));
    expect(verdict).toEqual({
      ok: true,
      events: 30,
      root: toHex(tree.root()),
      erased: 0,
      checkpoints: 2,
      pending: 0,
    });
  });

  it('signs checkpoints with the data folder key (0600) and writes each to the export folder with the verifier key', async () => {
    const keyFile = path.join(settings.dataDir, SIGNING_KEY_FILE);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const files = readdirSync(settings.exportDir).sort();
    expect(files).toEqual([checkpointFileName(10), checkpointFileName(25), VERIFIER_KEY_FILE]);
    expect(readFileSync(path.join(settings.exportDir, VERIFIER_KEY_FILE), 'utf8').trim()).toBe(
      key.verifierKey,
    );
    expect(readFileSync(path.join(settings.exportDir, checkpointFileName(25)), 'utf8')).toMatch(
      /^tiaki\/audit\n25\n[A-Za-z0-9+/=]{44}\ntime \S+\n\n— tiaki-audit \S+\n$/,
    );
  });

  it('a changed event is detected, naming it', async () => {
    await tamper(database.db, sql`update audit_events set details = '{"i":99}' where seq = 7`);
    expect(await verifyBoth()).toMatchObject({ ok: false, firstBadEvent: 7, reason: 'leaf-mismatch' });
    const original = await row(8);
    await tamper(database.db, sql`update audit_events set actor_role = 'manager' where seq = 18`);
    expect(await verify()).toMatchObject({ ok: false, firstBadEvent: 7 });
    await tamper(
      database.db,
      sql`update audit_events set details = '{"i":6,"note":"ā ē ī ō ū"}' where seq = 7`,
      sql`update audit_events set actor_role = null where seq = 18`,
    );
    expect((await row(8)).leafHash).toEqual(original.leafHash);
    expect(await verify()).toMatchObject({ ok: true, events: 30 });
  });

  it('a changed event whose leaf hash was recomputed too breaks the signed root after the last good checkpoint', async () => {
    const before = await row(17);
    const forged = { ...before, details: { i: 6, note: 'forged' } };
    const { auditLeafHash } = await import('./merkle/leaf.ts');
    const hash = Buffer.from(auditLeafHash(forged));
    await tamper(
      database.db,
      sql`update audit_events set details = '{"i":6,"note":"forged"}', leaf_hash = ${hash}::bytea where seq = 17`,
    );
    // Events 1–10 still give checkpoint 10's root; the change lies in 11–25.
    expect(await verifyBoth()).toMatchObject({ ok: false, firstBadEvent: 11, reason: 'root-mismatch' });
    await tamper(
      database.db,
      sql`update audit_events set details = ${JSON.stringify(before.details)}::jsonb, leaf_hash = ${Buffer.from(before.leafHash)}::bytea where seq = 17`,
    );
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('a deleted event is detected, naming it', async () => {
    const saved = await row(12);
    await tamper(database.db, sql`delete from audit_events where seq = 12`);
    expect(await verifyBoth()).toMatchObject({ ok: false, firstBadEvent: 12, reason: 'missing-event' });
    await tamper(
      database.db,
      sql`insert into audit_events (seq, at, action, entity_type, entity_id, details, leaf_hash)
          values (12, ${new Date(saved.at).toISOString()}::timestamptz, ${saved.action}, ${saved.entityType},
                  ${saved.entityId}, ${JSON.stringify(saved.details)}::jsonb, ${Buffer.from(saved.leafHash)}::bytea)`,
    );
    expect(await verify()).toMatchObject({ ok: true, events: 30 });
  });

  it('deleting the newest sealed events is detected as a truncated log', async () => {
    const saved = await Promise.all([21, 22, 23, 24, 25, 26, 27, 28, 29, 30].map(row));
    await tamper(database.db, sql`delete from audit_events where seq >= 21`);
    // Checkpoint 25 covers events that are gone.
    expect(await verifyBoth()).toMatchObject({ ok: false, firstBadEvent: 21, reason: 'truncated' });
    for (const event of saved) {
      await tamper(
        database.db,
        sql`insert into audit_events (seq, at, action, entity_type, entity_id, details, leaf_hash)
            values (${event.seq}, ${new Date(event.at).toISOString()}::timestamptz, ${event.action}, ${event.entityType},
                    ${event.entityId}, ${JSON.stringify(event.details)}::jsonb, ${Buffer.from(event.leafHash)}::bytea)`,
      );
    }
    expect(await verify()).toMatchObject({ ok: true, events: 30 });
  });

  it('an inserted event is detected: rows renumbered to make room, naming the inserted one', async () => {
    const { auditLeafHash } = await import('./merkle/leaf.ts');
    const at = new Date();
    const forged = {
      seq: 15,
      at,
      actorId: null,
      action: 'request.read',
      entityType: 'request',
      entityId: 'forged',
      personId: null,
      address: null,
      reason: null,
      details: {},
    };
    await tamper(
      database.db,
      sql`update audit_events set seq = -seq where seq >= 15`,
      sql`update audit_events set seq = -seq + 1 where seq <= -15`,
      sql`insert into audit_events (seq, at, action, entity_type, entity_id, details, leaf_hash)
          values (15, ${at.toISOString()}::timestamptz, 'request.read', 'request', 'forged', '{}'::jsonb,
                  ${Buffer.from(auditLeafHash(forged))}::bytea)`,
    );
    expect(await verifyBoth()).toMatchObject({ ok: false, firstBadEvent: 15, reason: 'moved' });
    await tamper(
      database.db,
      sql`delete from audit_events where seq = 15`,
      sql`update audit_events set seq = -seq where seq >= 16`,
      sql`update audit_events set seq = -seq - 1 where seq <= -16`,
    );
    expect(await verify()).toMatchObject({ ok: true, events: 30 });
  });

  it('an event inserted with a number of its own (0) is detected', async () => {
    await tamper(
      database.db,
      sql`insert into audit_events (seq, at, action, details, leaf_hash) values (0, now(), 'request.read', '{}'::jsonb, ${Buffer.alloc(32)}::bytea)`,
    );
    expect(await verifyBoth()).toMatchObject({ ok: false, firstBadEvent: 1, reason: 'unexpected-event' });
    await tamper(database.db, sql`delete from audit_events where seq = 0`);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('reordered events are detected, naming the first of them', async () => {
    const swap = (a: number, b: number) => [
      sql`update audit_events set seq = -1 where seq = ${a}`,
      sql`update audit_events set seq = ${a} where seq = ${b}`,
      sql`update audit_events set seq = ${b} where seq = -1`,
    ];
    await tamper(database.db, ...swap(5, 6));
    expect(await verifyBoth()).toMatchObject({ ok: false, firstBadEvent: 5, reason: 'moved' });
    await tamper(database.db, ...swap(5, 6));
    await tamper(database.db, ...swap(20, 27));
    expect(await verify()).toMatchObject({ ok: false, firstBadEvent: 20 });
    await tamper(database.db, ...swap(20, 27));
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('a forged checkpoint signature is detected, in the database and in the export folder', async () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const note = createCheckpoint(
      {
        origin: settings.origin,
        treeSize: 20,
        rootHash: toHex(new Uint8Array(32)),
        time: new Date().toISOString(),
      },
      other,
      'tiaki-audit',
    );
    await tamper(
      database.db,
      sql`insert into audit_checkpoints (tree_size, root, signed_note, frontier) values (20, ${'00'.repeat(32)}, ${note}, ''::bytea)`,
    );
    // Checkpoint 20 vouches for nothing: the first event it would cover after checkpoint 10 is suspect.
    expect(await verifyBoth()).toMatchObject({
      ok: false,
      firstBadEvent: 11,
      reason: 'checkpoint-signature',
    });
    await tamper(database.db, sql`delete from audit_checkpoints where tree_size = 20`);
    expect(await verify()).toMatchObject({ ok: true });

    const file = path.join(settings.exportDir, checkpointFileName(25));
    const genuine = readFileSync(file, 'utf8');
    writeFileSync(file, genuine.replace(/\n25\n/, '\n24\n'));
    expect(await verify()).toMatchObject({ ok: false, firstBadEvent: 11, reason: 'checkpoint-signature' });
    writeFileSync(file, genuine);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('a stored checkpoint whose root column was changed is detected', async () => {
    await tamper(
      database.db,
      sql`update audit_checkpoints set root = ${'11'.repeat(32)} where tree_size = 25`,
    );
    expect(await verify()).toMatchObject({ ok: false, firstBadEvent: 11, reason: 'checkpoint-mismatch' });
    const [note] = await queryRows<{ signed_note: string }>(
      database.db,
      sql`select signed_note from audit_checkpoints where tree_size = 25`,
    );
    const root = Buffer.from(note!.signed_note.split('\n')[2]!, 'base64').toString('hex');
    await tamper(database.db, sql`update audit_checkpoints set root = ${root} where tree_size = 25`);
    expect(await verify()).toMatchObject({ ok: true });
  });

  describe('erasure required by law', () => {
    it('the trigger refuses every change but the erasure, and the erasure only with the setting on', async () => {
      const update = (statement: ReturnType<typeof sql>) =>
        refusal(
          inTransaction(database.db, async (tx) => {
            await tx.execute(sql`select set_config('tiaki.audit_erasure', 'on', true)`);
            await tx.execute(statement);
          }),
        );
      const refused = 'audit_events is append-only: UPDATE refused';
      // Without the setting, even the erasure shape is refused.
      expect(
        await refusal(
          database.db.execute(
            sql`update audit_events set details = '{}', reason = null, erased_at = now() where seq = 3`,
          ),
        ),
      ).toBe(refused);
      // With it, anything else is refused: another column, details not blanked, erased_at not set, the hash.
      expect(
        await update(
          sql`update audit_events set details = '{}', reason = null, erased_at = now(), action = 'x' where seq = 3`,
        ),
      ).toBe(refused);
      expect(
        await update(
          sql`update audit_events set details = '{"a":1}', reason = null, erased_at = now() where seq = 3`,
        ),
      ).toBe(refused);
      expect(await update(sql`update audit_events set details = '{}', reason = null where seq = 3`)).toBe(
        refused,
      );
      expect(
        await update(
          sql`update audit_events set details = '{}', reason = null, erased_at = now(), leaf_hash = '\\x00' where seq = 3`,
        ),
      ).toBe(refused);
      expect(
        await update(
          sql`update audit_events set details = '{}', reason = null, erased_at = now(), seq = 99 where seq = 3`,
        ),
      ).toBe(refused);
      expect(await refusal(database.db.execute(sql`delete from audit_events where seq = 3`))).toBe(
        'audit_events is append-only: DELETE refused',
      );
      expect((await row(3)).erasedAt).toBeNull();
    });

    it('erasure blanks details and reason, keeps the hash, is itself audited, and verification still passes', async () => {
      const before = await row(9);
      const erased = await eraseAuditEvent(database.db, auditor, 9, 'Court order CIV-2026-485-123');
      const after = await row(9);
      expect(after).toMatchObject({
        details: {},
        reason: null,
        action: before.action,
        entityId: before.entityId,
      });
      expect(after.erasedAt).not.toBeNull();
      expect(after.leafHash).toEqual(before.leafHash);
      expect(await row(erased.recordedSeq)).toMatchObject({
        action: 'audit.event-erased',
        actorId: auditor.id,
        reason: 'Court order CIV-2026-485-123',
        details: { seq: 9 },
      });
      expect(await verifyBoth()).toMatchObject({ ok: true, erased: 1 });
      // Once only: a second erasure is a conflict, and the trigger refuses it too.
      await expect(eraseAuditEvent(database.db, auditor, 9, 'again')).rejects.toThrow(/already erased/);
      await expect(eraseAuditEvent(database.db, { ...auditor, role: 'manager' }, 10, 'x')).rejects.toThrow(
        /auditor/,
      );
    });

    it('an event marked erased behind the law’s back is detected, naming it', async () => {
      await tamper(database.db, sql`update audit_events set details = '{}', erased_at = now() where seq = 4`);
      expect(await verifyBoth()).toMatchObject({ ok: false, firstBadEvent: 4, reason: 'erasure-unrecorded' });
      await tamper(
        database.db,
        sql`update audit_events set details = '{"i":3,"note":"ā ē ī ō ū"}', erased_at = null where seq = 4`,
      );
      expect(await verify()).toMatchObject({ ok: true });
    });
  });

  describe('numbers abandoned by rolled-back transactions', () => {
    it('a hole above the sealed log is pending, then filled with a void event; a hole below it is a deletion', async () => {
      const sealedBefore = await sealAuditLog(database.db, { minAgeMs: 0 });
      await expect(
        inTransaction(database.db, async (tx) => {
          await appendAuditEvent(tx, { action: 'request.read', details: { doomed: true } });
          throw new Rollback('the read failed');
        }),
      ).rejects.toBeInstanceOf(Rollback);
      const [kept] = await appendEvents(database.db, 1);
      expect(kept).toBe(sealedBefore + 2);
      // The hole is young: not filled yet, the event after it is checked on its own.
      expect(await sealAuditLog(database.db, { minAgeMs: 60_000 })).toBe(sealedBefore);
      expect(await verifyBoth()).toMatchObject({ ok: true, events: sealedBefore, pending: 1 });
      // Old enough: filled with a void, the log runs on without a gap.
      expect(await sealAuditLog(database.db, { minAgeMs: 0 })).toBe(sealedBefore + 2);
      expect(await row(sealedBefore + 1)).toMatchObject({ action: 'audit.seq-void', details: {} });
      expect(await verify()).toMatchObject({ ok: true, events: sealedBefore + 2, pending: 0 });
      expect(await sealedSize(database.db)).toBe(sealedBefore + 2);
      const seqs = await queryRows<{ seq: number | string }>(
        database.db,
        sql`select seq from audit_events order by seq`,
      );
      expect(seqs.map((s) => Number(s.seq))).toEqual(seqs.map((_, i) => i + 1));
    });
  });
});
