import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import { persons } from './people.schema.ts';

export type PersonRow = typeof persons.$inferSelect;

export interface PersonInput {
  name: string;
  prn?: string | null;
  dateOfBirth?: string | null;
  site?: string | null;
  unit?: string | null;
  contact?: string | null;
}

/**
 * The person a request is about: matched on PRN when one is given (people in custody), otherwise a new record
 * (a name alone is not enough to say two people are the same).
 */
export async function findOrCreatePerson(
  db: Executor,
  input: PersonInput,
): Promise<{ person: PersonRow; created: boolean }> {
  if (input.prn) {
    const [existing] = await db.select().from(persons).where(eq(persons.prn, input.prn));
    if (existing) return { person: existing, created: false };
  }
  // Two requests for a new PRN recorded at once: the second insert waits for the first and then does
  // nothing (instead of failing on the unique index), and the person the first created is read back.
  const [person] = await db
    .insert(persons)
    .values({
      name: input.name,
      prn: input.prn ?? null,
      dateOfBirth: input.dateOfBirth ?? null,
      site: input.site ?? null,
      unit: input.unit ?? null,
      contact: input.contact ?? null,
    })
    .onConflictDoNothing({ target: persons.prn, where: sql`prn is not null` })
    .returning();
  if (person) return { person, created: true };
  const [existing] = input.prn ? await db.select().from(persons).where(eq(persons.prn, input.prn)) : [];
  if (!existing) throw new Error('insert returned nothing');
  return { person: existing, created: false };
}

export async function findPersonById(db: Executor, id: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons).where(eq(persons.id, id));
  return row;
}

export async function findPersonByPrn(db: Executor, prn: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons).where(eq(persons.prn, prn));
  return row;
}
