import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { requests } from '../requests/requests.schema.ts';

/** For correction requests: what was asked to be corrected and what was done (IPP 7, s 63). */
export interface CorrectionDetails {
  information: string;
  correctionSought: string;
  correctionMade: string | null;
}

/**
 * A drafted decision on a request. Refusals, partial releases and neither-confirm-nor-deny go to the
 * decision maker for approval (C.09.05); the request is `decided` only once a decision is approved.
 */
export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    outcome: text('outcome').notNull(),
    /** Ground codes relied on (withheld parts, refusal or NCND). */
    grounds: text('grounds').array().notNull(),
    reasons: text('reasons').notNull(),
    /** Giving the reasons would itself prejudice the protected interest (s 46 notice says so instead). */
    withholdReasons: boolean('withhold_reasons').notNull().default(false),
    formOfRelease: text('form_of_release'),
    /** Why the form differs from the one asked for (s 56(2)); null when it is the same. */
    formDiffersReason: text('form_differs_reason'),
    conditions: text('conditions'),
    correction: jsonb('correction').$type<CorrectionDetails>(),
    /** draft, submitted, approved, returned, superseded. */
    status: text('status').notNull(),
    draftedBy: uuid('drafted_by').references(() => users.id),
    draftedAt: timestamp('drafted_at', { withTimezone: true }).notNull().defaultNow(),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvalNote: text('approval_note'),
  },
  (table) => [index('decisions_request').on(table.requestId, table.draftedAt)],
);

/** Letters and notices produced for a request (decision, extension, transfer, correction), stored as PDFs. */
export const letters = pgTable(
  'letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    /** decision, extension, transfer, correction. */
    kind: text('kind').notNull(),
    decisionId: uuid('decision_id').references(() => decisions.id),
    sha256: text('sha256').notNull(),
    /** The letter's text, as rendered, for search and the disclosure record. */
    body: text('body').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('letters_request').on(table.requestId, table.createdAt)],
);
