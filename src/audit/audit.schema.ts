import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../db/columns.ts';


/**
 * The append-only audit trail. `seq` is gapless (taken from `audit_head` in the same transaction) so the
 * events form the leaves of a Merkle tree in order; a trigger refuses UPDATE and DELETE.
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
  ],
);

/** One row: the last sequence number handed out. Updating it serialises appenders and keeps `seq` gapless. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
});
