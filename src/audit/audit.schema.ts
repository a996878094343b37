import {
  bigint,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../db/columns.ts';

/**
 * Numbers audit events. A sequence, not a locked counter: a counter row locked until commit serialises every
 * audited transaction behind one disk flush (about 600 a second on an ordinary disk), a sequence does not.
 * Cache 1 keeps numbers in the order they were taken across connections, which the gap filler relies on.
 */
export const auditEventsSeq = pgSequence('audit_events_seq', { startWith: 1, cache: 1 });

/**
 * The append-only audit trail: the leaves of an RFC 9162 Merkle tree in `seq` order. A number taken by a
 * transaction that then rolled back leaves a hole, which the checkpoint job fills with an `audit.seq-void`
 * event once no transaction can still commit it, so the sealed log runs 1, 2, 3 … without gaps.
 * Triggers refuse UPDATE, DELETE and TRUNCATE, except the erasure required by law (details and reason blanked,
 * the leaf hash kept) inside a transaction that set `tiaki.audit_erasure` to `on`.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    /** The person the information is about, when there is one: what "who looked at my record" reads. */
    personId: uuid('person_id'),
    address: text('address'),
    reason: text('reason'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    leafHash: bytea('leaf_hash').notNull(),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (table) => [
    index('audit_events_actor_at').on(table.actorId, table.at),
    index('audit_events_person_at').on(table.personId, table.at),
    index('audit_events_entity').on(table.entityType, table.entityId),
    // The evaluation job and the weekly reports read a window of time.
    index('audit_events_at').on(table.at),
  ],
);

/**
 * Row 1: the sealed prefix. Every event numbered 1..last_seq is present (holes filled), so checkpoints may cover
 * it and `verify` treats a missing number at or below it as a deleted event. Numbers above it may still be in
 * flight. (Until migration 0004 this row handed out the numbers.)
 */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
});
