import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/tx.ts';
import type { AuditLogRow } from './merkle/verify-log.ts';
import { auditLeafHash } from './merkle/leaf.ts';

/** The action of the event that fills a number no committed transaction holds (see `sealAuditLog`). */
export const VOID_ACTION = 'audit.seq-void';

interface RawAuditRow {
  seq: string | number;
  at: Date | string;
  actor_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  person_id: string | null;
  address: string | null;
  reason: string | null;
  details: unknown;
  leaf_hash: Uint8Array;
  erased_at: Date | string | null;
}

/** One stored event as the verifier reads it: the fields the leaf commits to, the stored hash, erasure. */
export type StoredAuditRow = AuditLogRow & { seq: number; leafHash: Uint8Array };

function toRow(raw: RawAuditRow): StoredAuditRow {
  return {
    seq: Number(raw.seq),
    at: raw.at,
    actorId: raw.actor_id,
    action: raw.action,
    entityType: raw.entity_type,
    entityId: raw.entity_id,
    personId: raw.person_id,
    address: raw.address,
    reason: raw.reason,
    details: raw.details,
    leafHash: raw.leaf_hash,
    erasedAt: raw.erased_at,
  };
}

/** The sealed prefix: every number 1..n is present. 0 when the head row is missing. */
export async function sealedSize(db: Executor): Promise<number> {
  const rows = await queryRows<{ last_seq: string | number }>(
    db,
    sql`select last_seq from audit_head where id = 1`,
  );
  return Number(rows[0]?.last_seq ?? 0);
}

/** Lowest and highest number present, and how many rows there are. */
export async function auditBounds(db: Executor): Promise<{ min: number; max: number; count: number }> {
  const rows = await queryRows<{
    min: string | number | null;
    max: string | number | null;
    n: string | number;
  }>(db, sql`select min(seq) as min, max(seq) as max, count(*) as n from audit_events`);
  const row = rows[0];
  return { min: Number(row?.min ?? 0), max: Number(row?.max ?? 0), count: Number(row?.n ?? 0) };
}

/** Events with lo ≤ seq < hi, in order. */
export async function auditRowsBetween(db: Executor, lo: number, hi: number): Promise<StoredAuditRow[]> {
  const rows = await queryRows<RawAuditRow>(
    db,
    sql`select seq, at, actor_id, action, entity_type, entity_id, person_id, address, reason, details,
               leaf_hash, erased_at
        from audit_events where seq >= ${lo} and seq < ${hi} order by seq`,
  );
  return rows.map(toRow);
}

/**
 * Every event from `from` to `to` inclusive, in order, in batches read by number range, the next batch already
 * on its way while the caller works on this one. Any row outside the expected numbers (0, negative, beyond the
 * end) is still returned, so a verifier sees it.
 */
export async function* streamAuditRows(
  db: Executor,
  options: { from: number; to: number; batchSize?: number },
): AsyncGenerator<StoredAuditRow[]> {
  const batch = options.batchSize ?? 20_000;
  if (options.to < options.from) return;
  let lo = options.from;
  let next: Promise<StoredAuditRow[]> | null = auditRowsBetween(db, lo, Math.min(lo + batch, options.to + 1));
  while (next) {
    const current: StoredAuditRow[] = await next;
    lo += batch;
    next = lo <= options.to ? auditRowsBetween(db, lo, Math.min(lo + batch, options.to + 1)) : null;
    yield current;
  }
}

/** The stored leaf hashes of events 1..size, in order, for building proofs. */
export async function* streamLeafHashes(
  db: Executor,
  size: number,
  batchSize = 50_000,
): AsyncGenerator<{ seq: number; leafHash: Uint8Array }[]> {
  for (let lo = 1; lo <= size; lo += batchSize) {
    const hi = Math.min(lo + batchSize, size + 1);
    const rows = await queryRows<{ seq: string | number; leaf_hash: Uint8Array }>(
      db,
      sql`select seq, leaf_hash from audit_events where seq >= ${lo} and seq < ${hi} order by seq`,
    );
    yield rows.map((row) => ({ seq: Number(row.seq), leafHash: row.leaf_hash }));
  }
}

/** Ranges of missing numbers above `after` and below the highest present, with the time of the next event. */
async function holesAfter(
  db: Executor,
  after: number,
): Promise<{ from: number; to: number; nextAt: Date; nextSeq: number }[]> {
  const rows = await queryRows<{
    from_seq: string | number;
    to_seq: string | number;
    next_at: Date | string;
    next_seq: string | number;
  }>(
    db,
    sql`select prev + 1 as from_seq, seq - 1 as to_seq, at as next_at, seq as next_seq
        from (select seq, at, lag(seq, 1, ${after}::bigint) over (order by seq) as prev
              from audit_events where seq > ${after}) s
        where seq > prev + 1
        order by seq`,
  );
  return rows.map((row) => ({
    from: Number(row.from_seq),
    to: Number(row.to_seq),
    nextAt: new Date(row.next_at),
    nextSeq: Number(row.next_seq),
  }));
}

/**
 * Seals the log: fills each number above the sealed prefix that no committed transaction holds with an
 * `audit.seq-void` event, and moves the prefix up to the first number still in flight. A hole is filled only
 * once the event after it is `minAgeMs` old. Filling cannot steal a number from a transaction still running:
 * the insert waits on the unique key for that transaction and then does nothing if it committed. Returns the
 * sealed size. Runs inside the caller's transaction (each fill in a savepoint with a lock timeout).
 *
 * @example await sealAuditLog(tx, { minAgeMs: 30_000 }) // 120345
 */
export async function sealAuditLog(
  db: Executor,
  options: { minAgeMs?: number; now?: Date } = {},
): Promise<number> {
  const minAgeMs = options.minAgeMs ?? 30_000;
  const now = options.now ?? new Date();
  await db.execute(sql`insert into audit_head (id, last_seq) values (1, 0) on conflict do nothing`);
  const sealed = await sealedSize(db);
  let blocked: number | null = null;
  for (const hole of await holesAfter(db, sealed)) {
    if (now.getTime() - hole.nextAt.getTime() < minAgeMs) {
      blocked = hole.from;
      break;
    }
    let filled = true;
    for (let seq = hole.from; seq <= hole.to && filled; seq++) filled = await fillNumber(db, seq, now);
    if (!filled) {
      blocked = hole.from;
      break;
    }
  }
  const rows = await queryRows<{ top: string | number | null }>(
    db,
    blocked === null
      ? sql`select max(seq) as top from audit_events`
      : sql`select max(seq) as top from audit_events where seq < ${blocked}`,
  );
  const top = Math.max(sealed, Number(rows[0]?.top ?? 0));
  // Another sealer may have moved it further meanwhile: never move it back.
  await db.execute(sql`update audit_head set last_seq = ${top} where id = 1 and last_seq < ${top}`);
  return Math.max(top, await sealedSize(db));
}

// True when the number now holds an event (the void, or the late commit it waited for).
async function fillNumber(db: Executor, seq: number, now: Date): Promise<boolean> {
  const event = {
    seq,
    at: now,
    actorId: null,
    action: VOID_ACTION,
    entityType: null,
    entityId: null,
    personId: null,
    address: null,
    reason: null,
    details: {},
  };
  const leafHash = Buffer.from(auditLeafHash(event));
  try {
    await db.transaction(async (savepoint) => {
      await savepoint.execute(sql`set local lock_timeout = '2s'`);
      await savepoint.execute(
        sql`insert into audit_events (seq, at, actor_role, action, details, leaf_hash)
            values (${seq}, ${now.toISOString()}::timestamptz, 'system', ${VOID_ACTION}, '{}'::jsonb, ${leafHash}::bytea)
            on conflict (seq) do nothing`,
      );
      // SET LOCAL outlives the savepoint: the rest of the caller's transaction waits as it would have.
      await savepoint.execute(sql`set local lock_timeout = 0`);
    });
    return true;
  } catch {
    // A transaction holding the number is still running after the timeout: try again next time.
    return false;
  }
}

/** The latest signed checkpoint, or undefined. */
export async function latestCheckpoint(db: Executor): Promise<CheckpointRow | undefined> {
  const rows = await queryRows<RawCheckpoint>(
    db,
    sql`select tree_size, root, signed_note, frontier, created_at from audit_checkpoints
        order by tree_size desc limit 1`,
  );
  return rows[0] ? toCheckpoint(rows[0]) : undefined;
}

/** Every stored checkpoint, smallest first. */
export async function listCheckpoints(db: Executor): Promise<CheckpointRow[]> {
  const rows = await queryRows<RawCheckpoint>(
    db,
    sql`select tree_size, root, signed_note, frontier, created_at from audit_checkpoints order by tree_size`,
  );
  return rows.map(toCheckpoint);
}

export async function insertCheckpoint(
  db: Executor,
  row: { treeSize: number; root: string; signedNote: string; frontier: Uint8Array },
): Promise<boolean> {
  const inserted = await queryRows<{ tree_size: unknown }>(
    db,
    sql`insert into audit_checkpoints (tree_size, root, signed_note, frontier)
        values (${row.treeSize}, ${row.root}, ${row.signedNote}, ${Buffer.from(row.frontier)}::bytea)
        on conflict (tree_size) do nothing returning tree_size`,
  );
  return inserted.length > 0;
}

interface RawCheckpoint {
  tree_size: string | number;
  root: string;
  signed_note: string;
  frontier: Uint8Array;
  created_at: Date | string;
}

export interface CheckpointRow {
  treeSize: number;
  root: string;
  signedNote: string;
  frontier: Uint8Array[];
  createdAt: Date;
}

function toCheckpoint(raw: RawCheckpoint): CheckpointRow {
  const bytes = Buffer.from(raw.frontier);
  const frontier: Uint8Array[] = [];
  for (let i = 0; i + 32 <= bytes.length; i += 32) frontier.push(bytes.subarray(i, i + 32));
  return {
    treeSize: Number(raw.tree_size),
    root: raw.root,
    signedNote: raw.signed_note,
    frontier,
    createdAt: new Date(raw.created_at),
  };
}
