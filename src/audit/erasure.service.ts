import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/client.ts';
import { inTransaction, queryRows } from '../db/tx.ts';
import { conflict, forbidden, invalid, notFound } from '../server/errors.ts';
import { VOID_ACTION } from './audit-log.repo.ts';
import { ERASURE_ACTION } from './audit-verify.service.ts';
import { appendAuditEvent } from './audit.repo.ts';

export interface ErasedEvent {
  seq: number;
  erasedAt: string;
  /** The audit event that records the erasure. */
  recordedSeq: number;
}

/**
 * Erasure required by law: blanks an event's details and reason and marks it erased, keeping its leaf hash, so
 * the log still verifies (by the stored hash) and the erasure is itself an audit event naming the event and
 * the reason. Auditors only; an erasure record or a void cannot be erased.
 *
 * @example await eraseAuditEvent(db, auditor, 42, 'Court order CIV-2026-485-123')
 */
export async function eraseAuditEvent(
  db: Database,
  actor: Actor,
  seq: number,
  reason: string,
  now = new Date(),
): Promise<ErasedEvent> {
  if (actor.role !== 'auditor') throw forbidden('Only an auditor may erase an audit event');
  if (!reason.trim()) throw invalid([{ path: 'reason', message: 'Give the legal reason for the erasure' }]);
  return inTransaction(db, async (tx) => {
    const [row] = await queryRows<{ action: string; erased_at: unknown; person_id: string | null }>(
      tx,
      sql`select action, erased_at, person_id from audit_events where seq = ${seq} for update`,
    );
    if (!row) throw notFound('Audit event');
    if (row.erased_at !== null) throw conflict(`Event ${seq} is already erased`);
    if (row.action === ERASURE_ACTION || row.action === VOID_ACTION) {
      throw conflict('An erasure record or a void number cannot be erased');
    }
    // The trigger allows this one change, and only while the setting is on (for this transaction only).
    await tx.execute(sql`select set_config('tiaki.audit_erasure', 'on', true)`);
    await tx.execute(
      sql`update audit_events set details = '{}'::jsonb, reason = null, erased_at = ${now.toISOString()}::timestamptz
          where seq = ${seq}`,
    );
    await tx.execute(sql`select set_config('tiaki.audit_erasure', 'off', true)`);
    const recordedSeq = await appendAuditEvent(tx, {
      action: 'audit.event-erased',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'audit-event',
      entityId: String(seq),
      personId: row.person_id,
      reason: reason.trim(),
      details: { seq },
    });
    return { seq, erasedAt: now.toISOString(), recordedSeq };
  });
}
