import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { persons } from '../people/people.schema.ts';
import { requests } from '../requests/requests.schema.ts';
import { decisions, letters } from '../decisions/decisions.schema.ts';

/** One line of a release schedule. */
export interface ScheduleEntry {
  documentId: string;
  title: string;
  /** First and last page of this document in the package. */
  fromPage: number;
  toPage: number;
  pages: number;
  outcome: 'released' | 'withheld-in-part' | 'withheld';
  grounds: string[];
}

/** A release package: the redacted documents and their schedule as one verified PDF. */
export const releases = pgTable(
  'releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    decisionId: uuid('decision_id').references(() => decisions.id),
    letterId: uuid('letter_id').references(() => letters.id),
    packageSha256: text('package_sha256').notNull(),
    pageCount: integer('page_count').notNull(),
    schedule: jsonb('schedule').$type<ScheduleEntry[]>().notNull(),
    /** built, sent (e-mail/post), made-available (inspection, viewing). */
    status: text('status').notNull(),
    /** email, post, inspection, copy, supervised-viewing, … (s 56 form). */
    method: text('method'),
    recipient: text('recipient'),
    builtBy: uuid('built_by').references(() => users.id),
    builtAt: timestamp('built_at', { withTimezone: true }).notNull().defaultNow(),
    sentBy: uuid('sent_by').references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [index('releases_request').on(table.requestId, table.builtAt)],
);

/** The disclosure log: what was released and withheld, to whom, when and how; one row per document released. */
export const disclosureLog = pgTable(
  'disclosure_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    releaseId: uuid('release_id')
      .notNull()
      .references(() => releases.id),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    documentId: uuid('document_id'),
    title: text('title').notNull(),
    outcome: text('outcome').notNull(),
    pagesReleased: integer('pages_released').notNull(),
    pagesWithheld: integer('pages_withheld').notNull(),
    grounds: text('grounds').array().notNull(),
    recipient: text('recipient').notNull(),
    method: text('method').notNull(),
    disclosedAt: timestamp('disclosed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('disclosure_log_person').on(table.personId, table.disclosedAt),
    index('disclosure_log_request').on(table.requestId),
  ],
);
