import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema.ts';
import { persons } from '../people/people.schema.ts';
import { requests } from '../requests/requests.schema.ts';

/** An earlier recipient of the information, to be told of a correction or statement. */
export interface NotifiedRecipient {
  recipient: string;
  disclosedAt: string;
  notifiedAt: string | null;
  notifiedBy: string | null;
}

/**
 * A statement of correction attached to a person's information when the agency declines to correct it
 * (IPP 7); shown wherever that information is displayed or later released.
 */
export const correctionStatements = pgTable(
  'correction_statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    /** Which information the statement is about, in the person's or officer's words. */
    information: text('information').notNull(),
    statement: text('statement').notNull(),
    recipients: jsonb('recipients').$type<NotifiedRecipient[]>().notNull().default([]),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('correction_statements_person').on(table.personId, table.recordedAt)],
);
