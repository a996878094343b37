import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { bytea } from '../db/columns.ts';
import { persons } from '../people/people.schema.ts';

/**
 * Signed checkpoints of the audit log (C2SP signed notes over the RFC 9162 root of the first `tree_size`
 * events). `frontier` is the compact range at that size, so the next checkpoint hashes only newer events.
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  treeSize: bigint('tree_size', { mode: 'number' }).primaryKey(),
  /** RFC 9162 root, hex. */
  root: text('root').notNull(),
  signedNote: text('signed_note').notNull(),
  /** The roots of the perfect subtrees at this size, largest first, concatenated (32 bytes each). */
  frontier: bytea('frontier').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Where a relationship came from: the API, or a CSV export of the offender management or HR system. */
export const relationshipSources = ['api', 'oms', 'hr'] as const;
export type RelationshipSource = (typeof relationshipSources)[number];

/** The kinds of work relationship that explain an access (the engine's reasons; see docs/audit-relationships.md). */
export const relationshipKinds = [
  'case-manager',
  'unit-roster',
  'assigned-request',
  'complaint-handler',
  'health',
] as const;
export type RelationshipKind = (typeof relationshipKinds)[number];

/** A staff member's work relationship with a person, in force from `from` to `to` inclusive (NZ dates). */
export const workRelationships = pgTable(
  'work_relationships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => users.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind').$type<RelationshipKind>().notNull(),
    from: date('from', { mode: 'string' }).notNull(),
    /** Null while it lasts. */
    to: date('to', { mode: 'string' }),
    site: text('site'),
    unit: text('unit'),
    source: text('source').$type<RelationshipSource>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Loading the same export twice updates rather than duplicates.
    uniqueIndex('work_relationships_identity').on(table.staffId, table.personId, table.kind, table.from),
    index('work_relationships_person').on(table.personId),
    check('work_relationships_dates', sql`${table.to} is null or ${table.to} >= ${table.from}`),
  ],
);

/**
 * Facts about a staff member the explanation engine compares with people's records (from the HR export):
 * surname and home address (relatives, housemates) and unit.
 */
export const auditStaffProfiles = pgTable('audit_staff_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  surname: text('surname'),
  address: text('address'),
  unit: text('unit'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Facts about a person the engine compares with staff (from the offender management export): surname,
 * address, and the staff account when the person is also a staff member (`self`, `co-worker`).
 */
export const auditPersonProfiles = pgTable('audit_person_profiles', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => persons.id),
  surname: text('surname'),
  address: text('address'),
  staffUserId: uuid('staff_user_id').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A reason a staff member gave for opening a person's record with no work relationship (the interruption
 * card). It explains that staff member's reads of that person from 15 minutes before it was given to 12 hours
 * after, for review: `stated-reason`, never a pass.
 */
export const auditAccessReasons = pgTable(
  'audit_access_reasons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => users.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    /** The read it was given for: the latest read just before it, else the first read after it. */
    eventSeq: bigint('event_seq', { mode: 'number' }),
    /** The audit event that recorded the reason itself. */
    recordedSeq: bigint('recorded_seq', { mode: 'number' }).notNull(),
  },
  (table) => [index('audit_access_reasons_staff_person').on(table.staffId, table.personId, table.at)],
);

export const flagOutcomes = ['justified', 'breach'] as const;
export type FlagOutcome = (typeof flagOutcomes)[number];

/**
 * The engine's verdict on a flagged access (an access with at least one flag), and an auditor's outcome.
 * Re-evaluation updates flags and reasons but never the outcome.
 */
export const auditFlags = pgTable(
  'audit_flags',
  {
    eventSeq: bigint('event_seq', { mode: 'number' }).primaryKey(),
    staffId: uuid('staff_id').notNull(),
    personId: uuid('person_id').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    flags: text('flags').array().notNull(),
    reasons: text('reasons').array().notNull(),
    explained: boolean('explained').notNull(),
    outcome: text('outcome').$type<FlagOutcome>(),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    note: text('note'),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('audit_flags_at').on(table.at),
    index('audit_flags_staff_at').on(table.staffId, table.at),
    check(
      'audit_flags_outcome_known',
      sql`${table.outcome} is null or ${table.outcome} in ('justified','breach')`,
    ),
  ],
);

/** The weekly report e-mails sent, so the job sends each manager each week once. */
export const auditReportMailings = pgTable(
  'audit_report_mailings',
  {
    managerId: uuid('manager_id')
      .notNull()
      .references(() => users.id),
    /** ISO week, `YYYY-Www`. */
    week: text('week').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.managerId, table.week] })],
);
