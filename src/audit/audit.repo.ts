import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/tx.ts';
import { enqueueJob } from '../jobs/jobs.repo.ts';
import { auditEvents } from './audit.schema.ts';
import type { AuditAction } from './audit-actions.ts';
import { canonicalJson, encodeAuditLeaf } from './merkle/leaf.ts';

export interface AuditEntry {
  action: AuditAction;
  actorId?: string | null;
  actorRole?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  personId?: string | null;
  address?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

/** The job that seals the log and signs a checkpoint (src/audit/checkpoint.service.ts). */
export const AUDIT_CHECKPOINT_JOB = 'audit.checkpoint';

/** A checkpoint is due every this many events, besides once a minute. */
export const CHECKPOINT_EVERY_EVENTS = 1000;

// The leaf encoding ends with `"seq":<n>}` (keys are sorted, seq is last), so everything before the number can
// be hashed here and the database appends the number it takes: one statement, no lock held until commit.
const SEQ_TAIL = Buffer.from('0}');

/**
 * Appends one event inside the caller's transaction and returns its number. The number comes from a sequence
 * in the same statement that stores the row and its RFC 9162 leaf hash, SHA-256(0x00 ‖ canonical leaf), so
 * concurrent audited transactions never wait for each other. A number taken by a transaction that rolls back
 * leaves a hole that the checkpoint job fills (`audit.seq-void`); if the row cannot be written the caller's
 * transaction fails, so nothing is read or changed unaudited.
 *
 * @example await appendAuditEvent(tx, { action: 'person.read', actorId, actorRole, entityType: 'person', entityId, personId })
 */
export async function appendAuditEvent(tx: Executor, entry: AuditEntry): Promise<number> {
  const at = new Date();
  const event = {
    seq: 0,
    at,
    // uuid columns give their values back in lower case: the leaf must commit to what the row will hold.
    actorId: entry.actorId?.toLowerCase() ?? null,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    personId: entry.personId?.toLowerCase() ?? null,
    address: entry.address ?? null,
    reason: entry.reason ?? null,
    details: entry.details ?? {},
  };
  const leaf = encodeAuditLeaf(event);
  if (!leaf.subarray(leaf.length - SEQ_TAIL.length).equals(SEQ_TAIL)) {
    throw new Error('the audit leaf encoding no longer ends with the sequence number');
  }
  const prefix = Buffer.concat([Buffer.from([0x00]), leaf.subarray(0, leaf.length - SEQ_TAIL.length)]);
  const rows = await queryRows<{ seq: string | number }>(
    tx,
    sql`insert into audit_events
          (seq, at, actor_id, actor_role, action, entity_type, entity_id, person_id, address, reason, details, leaf_hash)
        select n.seq, ${at.toISOString()}::timestamptz, ${event.actorId}::uuid, ${entry.actorRole ?? null},
               ${event.action}, ${event.entityType}, ${event.entityId}, ${event.personId}::uuid, ${event.address},
               ${event.reason}, ${canonicalJson(event.details)}::jsonb,
               sha256(${prefix}::bytea || convert_to(n.seq::text || '}', 'UTF8'))
        from (select nextval('audit_events_seq') as seq) n
        returning seq`,
  );
  const seq = Number(rows[0]?.seq);
  if (!Number.isSafeInteger(seq)) throw new Error('the audit event was not written');
  if (seq % CHECKPOINT_EVERY_EVENTS === 0) {
    await enqueueJob(tx, { kind: AUDIT_CHECKPOINT_JOB, uniqueKey: `${AUDIT_CHECKPOINT_JOB}:size` });
  }
  return seq;
}

export async function listAuditEvents(
  db: Executor,
  filter: { entityId?: string; action?: AuditAction; afterSeq?: number; limit?: number } = {},
) {
  const conditions = [];
  if (filter.entityId) conditions.push(sql`${auditEvents.entityId} = ${filter.entityId}`);
  if (filter.action) conditions.push(sql`${auditEvents.action} = ${filter.action}`);
  if (filter.afterSeq !== undefined) conditions.push(sql`${auditEvents.seq} > ${filter.afterSeq}`);
  const where = conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
  return db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(auditEvents.seq)
    .limit(filter.limit ?? 1000);
}
