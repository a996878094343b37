import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../auth/auth.repo.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { inTransaction, queryRows } from '../db/tx.ts';
import { createTestDatabase, testDatabaseKinds } from '../testing/databases.ts';
import { countRows } from '../testing/http.ts';
import { auditLeafHash } from './audit-leaf.ts';
import { sealAuditLog } from './audit-log.repo.ts';
import { appendAuditEvent, listAuditEvents } from './audit.repo.ts';

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

describe.each(testDatabaseKinds())('the audit trail on %s', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  const seqs = async () =>
    (
      await queryRows<{ seq: string | number }>(database.db, sql`select seq from audit_events order by seq`)
    ).map((row) => Number(row.seq));
  const auditActions = async () =>
    (await queryRows<{ action: string }>(database.db, sql`select action from audit_events`)).map(
      (row) => row.action,
    );
  const append = (details: Record<string, unknown> = {}) =>
    inTransaction(database.db, (tx) =>
      appendAuditEvent(tx, { action: 'request.read', entityType: 'request', entityId: 'r1', details }),
    );

  it('records actor, action, entity, person, address, reason, details and time, with its leaf hash', async () => {
    const before = Date.now();
    const seq = await inTransaction(database.db, (tx) =>
      appendAuditEvent(tx, {
        action: 'person.read',
        actorId: '11111111-1111-4111-8111-111111111111',
        actorRole: 'officer',
        entityType: 'person',
        entityId: 'p-1',
        personId: '22222222-2222-4222-8222-222222222222',
        address: '10.0.0.7',
        reason: 'answering request R-1',
        details: { fields: ['name'] },
      }),
    );
    const [event] = await listAuditEvents(database.db, { afterSeq: seq - 1, limit: 1 });
    expect(event).toMatchObject({
      seq,
      action: 'person.read',
      actorId: '11111111-1111-4111-8111-111111111111',
      actorRole: 'officer',
      entityType: 'person',
      entityId: 'p-1',
      personId: '22222222-2222-4222-8222-222222222222',
      address: '10.0.0.7',
      reason: 'answering request R-1',
      details: { fields: ['name'] },
      erasedAt: null,
    });
    expect(event?.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(event?.at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    // The stored hash is the hash of the stored row: what the Merkle tree will be built from.
    if (!event) throw new Error('event not found');
    const {
      seq: eventSeq,
      at,
      actorId,
      action,
      entityType,
      entityId,
      personId,
      address,
      reason,
      details,
    } = event;
    const leaf = {
      seq: eventSeq,
      at,
      actorId,
      action,
      entityType,
      entityId,
      personId,
      address,
      reason,
      details,
    };
    expect(event.leafHash.equals(auditLeafHash(leaf))).toBe(true);
  });

  it('refuses UPDATE of an event', async () => {
    await append();
    expect(await refusal(database.db.execute(sql`update audit_events set action = 'forged'`))).toBe(
      'audit_events is append-only: UPDATE refused',
    );
    expect(
      await refusal(database.db.execute(sql`update audit_events set erased_at = now() where seq = 1`)),
    ).toBe('audit_events is append-only: UPDATE refused');
    expect(await auditActions()).not.toContain('forged');
  });

  it('refuses DELETE of an event', async () => {
    await append();
    const count = await countRows(database.db, 'audit_events');
    expect(await refusal(database.db.execute(sql`delete from audit_events where seq = 1`))).toBe(
      'audit_events is append-only: DELETE refused',
    );
    expect(await countRows(database.db, 'audit_events')).toBe(count);
  });

  it('refuses TRUNCATE of the table', async () => {
    await append();
    const count = await countRows(database.db, 'audit_events');
    expect(await refusal(database.db.execute(sql`truncate audit_events`))).toBe(
      'audit_events is append-only: TRUNCATE refused',
    );
    expect(await countRows(database.db, 'audit_events')).toBe(count);
  });

  it('a rolled-back transaction leaves no event; sealing fills its numbers with void events, so seq has no gaps', async () => {
    const before = await seqs();
    await expect(
      inTransaction(database.db, async (tx) => {
        await appendAuditEvent(tx, { action: 'request.read', details: { doomed: 1 } });
        await appendAuditEvent(tx, { action: 'request.read', details: { doomed: 2 } });
        throw new Rollback('the change failed');
      }),
    ).rejects.toBeInstanceOf(Rollback);
    const committed = await append({ kept: true });
    expect(await seqs()).toEqual([...before, committed]);
    // The two numbers the rolled-back transaction took are holes until the log is sealed.
    expect(committed).toBe((before.at(-1) ?? 0) + 3);
    await sealAuditLog(database.db, { minAgeMs: 0 });
    const after = await seqs();
    expect(after).toEqual(after.map((_, index) => index + 1));
    const voids = await queryRows<{ action: string; details: unknown }>(
      database.db,
      sql`select action, details from audit_events where seq in (${committed - 2}, ${committed - 1})`,
    );
    expect(voids).toEqual([
      { action: 'audit.seq-void', details: {} },
      { action: 'audit.seq-void', details: {} },
    ]);
  });

  it('hands out consecutive numbers to concurrent appenders, none waiting for another to commit', async () => {
    await sealAuditLog(database.db, { minAgeMs: 0 });
    const before = await seqs();
    const appended = await Promise.all(Array.from({ length: 20 }, (_, i) => append({ i })));
    expect([...appended].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => (before.at(-1) ?? 0) + 1 + i),
    );
    await sealAuditLog(database.db, { minAgeMs: 0 });
    const after = await seqs();
    expect(after).toEqual(after.map((_, index) => index + 1));
  });

  it('commits the audit row with the change, or neither', async () => {
    const users = await countRows(database.db, 'users');
    const events = await countRows(database.db, 'audit_events');
    const newUser = (email: string) => ({
      email,
      name: 'Audit Test',
      role: 'officer' as const,
      passwordHash: 'x',
    });

    // The change is written, then its audit row, then the transaction fails: neither remains.
    await expect(
      inTransaction(database.db, async (tx) => {
        const row = await insertUser(tx, newUser('rolled-back@test.tiaki.nz'));
        await appendAuditEvent(tx, { action: 'user.created', entityType: 'user', entityId: row.id });
        throw new Rollback('failed after writing');
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await countRows(database.db, 'users')).toBe(users);
    expect(await countRows(database.db, 'audit_events')).toBe(events);

    // The audit row cannot be written (a bad value): the change goes too.
    await expect(
      inTransaction(database.db, async (tx) => {
        await insertUser(tx, newUser('unaudited@test.tiaki.nz'));
        await appendAuditEvent(tx, { action: 'user.created', entityType: 'user', personId: 'not-a-uuid' });
      }),
    ).rejects.toThrow();
    expect(await countRows(database.db, 'users')).toBe(users);
    expect(await countRows(database.db, 'audit_events')).toBe(events);

    // Both commit together.
    const id = await inTransaction(database.db, async (tx) => {
      const row = await insertUser(tx, newUser('kept@test.tiaki.nz'));
      await appendAuditEvent(tx, { action: 'user.created', entityType: 'user', entityId: row.id });
      return row.id;
    });
    expect(await countRows(database.db, 'users')).toBe(users + 1);
    expect(await listAuditEvents(database.db, { entityId: id })).toMatchObject([{ action: 'user.created' }]);
    await sealAuditLog(database.db, { minAgeMs: 0 });
    const after = await seqs();
    expect(after).toEqual(after.map((_, index) => index + 1));
  });
});
