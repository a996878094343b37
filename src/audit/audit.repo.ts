import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import { auditEvents, auditHead } from './audit.schema.ts';
import type { AuditAction } from './audit-actions.ts';
import { auditLeafHash } from './audit-leaf.ts';

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

/**
 * Appends one event inside the caller's transaction. Taking the next number from `audit_head` row-locks it
 * until commit, so numbers are gapless and in commit order: a rolled-back change leaves no event behind.
 */
export async function appendAuditEvent(tx: Executor, entry: AuditEntry): Promise<number> {
  const [head] = await tx
    .update(auditHead)
    .set({ lastSeq: sql`${auditHead.lastSeq} + 1` })
    .where(eq(auditHead.id, 1))
    .returning({ seq: auditHead.lastSeq });
  if (!head) throw new Error('audit_head row is missing: the audit trail cannot be written');
  const event = {
    seq: head.seq,
    at: new Date(),
    actorId: entry.actorId ?? null,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    personId: entry.personId ?? null,
    address: entry.address ?? null,
    reason: entry.reason ?? null,
    details: entry.details ?? {},
  };
  await tx.insert(auditEvents).values({
    ...event,
    actorRole: entry.actorRole ?? null,
    leafHash: auditLeafHash(event),
  });
  return head.seq;
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
