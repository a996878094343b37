import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A person whose information the agency holds: the subject of requests. */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Person record number, for people in the agency's care. */
    prn: text('prn'),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    site: text('site'),
    unit: text('unit'),
    contact: text('contact'),
    highProfile: boolean('high_profile').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('persons_prn_unique')
      .on(table.prn)
      .where(sql`prn is not null`),
    index('persons_name_lower').on(sql`lower(${table.name})`),
  ],
);
