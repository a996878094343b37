import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/tx.ts';
import { loginThrottle, sessions, users, type StaffRole } from './auth.schema.ts';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function insertUser(
  db: Executor,
  values: {
    email: string;
    name: string;
    role: StaffRole;
    passwordHash: string;
    team?: string | null;
    site?: string | null;
  },
): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function updateUser(
  db: Executor,
  id: string,
  values: Partial<Pick<UserRow, 'name' | 'role' | 'team' | 'site' | 'disabledAt'>>,
): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning();
  return row;
}

export function listUsers(db: Executor): Promise<UserRow[]> {
  return db.select().from(users).orderBy(users.name);
}

export async function insertSession(
  db: Executor,
  values: { tokenHash: string; userId: string; csrfToken: string; address: string | null; expiresAt: Date },
) {
  await db.insert(sessions).values(values);
}

export async function findLiveSession(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.endedAt)));
  return row;
}

export async function touchSession(db: Executor, tokenHash: string, at: Date) {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
}

export async function endSession(db: Executor, tokenHash: string, at: Date) {
  await db.update(sessions).set({ endedAt: at }).where(eq(sessions.tokenHash, tokenHash));
}

export async function endSessionsOfUser(db: Executor, userId: string, at: Date) {
  await db
    .update(sessions)
    .set({ endedAt: at })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));
}

export async function readThrottle(db: Executor, key: string) {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).for('update');
  return row;
}

export async function writeThrottle(
  db: Executor,
  row: { key: string; failures: number; windowStartedAt: Date; lockedUntil: Date | null },
) {
  await db
    .insert(loginThrottle)
    .values(row)
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: { failures: row.failures, windowStartedAt: row.windowStartedAt, lockedUntil: row.lockedUntil },
    });
}

export async function clearThrottle(db: Executor, key: string) {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/** Active officers, by name: who a request can be assigned to. */
export function listActiveOfficers(db: Executor) {
  return db
    .select({ id: users.id, name: users.name, role: users.role, team: users.team, site: users.site })
    .from(users)
    .where(and(eq(users.role, 'officer'), isNull(users.disabledAt)))
    .orderBy(users.name);
}
