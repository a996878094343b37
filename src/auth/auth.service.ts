import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/client.ts';
import { inTransaction } from '../db/tx.ts';
import { appendAuditEvent } from '../audit/audit.repo.ts';
import { AppError, conflict, invalid, notFound } from '../server/errors.ts';
import type { Actor } from './actor.ts';
import type { StaffRole } from './auth.schema.ts';
import * as repo from './auth.repo.ts';
import { decoyHash, hashPassword, verifyPassword } from './password.ts';
import { passwordProblem } from './password.rules.ts';
import { afterFailure, isLocked, type ThrottlePolicy } from './throttle.rules.ts';

export interface AuthSettings {
  idleMinutes: number;
  maxHours: number;
  maxFailures: number;
  lockoutMinutes: number;
}

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  team: string | null;
  site: string | null;
  disabled: boolean;
}

const toPublicUser = (row: repo.UserRow): PublicUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  team: row.team,
  site: row.site,
  disabled: row.disabledAt !== null,
});

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createUser(
  db: Database,
  actor: { id: string | null; role: StaffRole | null; address: string | null },
  input: {
    email: string;
    name: string;
    role: StaffRole;
    password: string;
    team?: string | null;
    site?: string | null;
  },
): Promise<PublicUser> {
  const problem = passwordProblem(input.password);
  if (problem) throw invalid([{ path: 'password', message: `Password ${problem}` }]);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    if (await repo.findUserByEmail(tx, input.email)) {
      throw new AppError('conflict', 'An account with this email already exists', [
        { path: 'email', message: 'An account with this email already exists' },
      ]);
    }
    const row = await repo.insertUser(tx, {
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash,
      team: input.team ?? null,
      site: input.site ?? null,
    });
    await appendAuditEvent(tx, {
      action: 'user.created',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'user',
      entityId: row.id,
      details: { role: row.role },
    });
    return toPublicUser(row);
  });
}

export type SignInResult =
  | { ok: true; user: PublicUser; token: string; csrfToken: string }
  | { ok: false; reason: 'invalid' | 'locked' };

/**
 * Checks the password, counting failures per account and per address (an address may fail four times as
 * often, so one office behind a NAT is not locked out by one person). Every outcome is audited.
 */
export async function signIn(
  db: Database,
  settings: AuthSettings,
  input: { email: string; password: string; address: string | null },
  now = new Date(),
): Promise<SignInResult> {
  const accountKey = `account:${input.email.toLowerCase()}`;
  const addressKey = `address:${input.address ?? 'unknown'}`;
  const lockoutMs = settings.lockoutMinutes * 60_000;
  const accountPolicy: ThrottlePolicy = { maxFailures: settings.maxFailures, windowMs: lockoutMs, lockoutMs };
  const addressPolicy: ThrottlePolicy = { ...accountPolicy, maxFailures: settings.maxFailures * 4 };

  const user = await repo.findUserByEmail(db, input.email);
  // Verify outside the transaction (argon2 is slow) and always verify something, so timing tells nothing.
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyHash), input.password);

  return inTransaction(db, async (tx) => {
    const audit = (
      action: 'auth.signed-in' | 'auth.sign-in-failed' | 'auth.locked-out' | 'auth.sign-in-refused-locked',
      details = {},
    ) =>
      appendAuditEvent(tx, {
        action,
        actorId: user?.id ?? null,
        actorRole: user?.role ?? null,
        address: input.address,
        entityType: 'user',
        entityId: user?.id ?? null,
        details,
      });
    const accountState = await repo.readThrottle(tx, accountKey);
    const addressState = await repo.readThrottle(tx, addressKey);
    if (isLocked(accountState, now) || isLocked(addressState, now)) {
      await audit('auth.sign-in-refused-locked', {
        locked: isLocked(accountState, now) ? 'account' : 'address',
      });
      return { ok: false, reason: 'locked' } as const;
    }
    if (!user || !passwordOk || user.disabledAt) {
      const nextAccount = afterFailure(accountState, now, accountPolicy);
      const nextAddress = afterFailure(addressState, now, addressPolicy);
      await repo.writeThrottle(tx, { key: accountKey, ...nextAccount });
      await repo.writeThrottle(tx, { key: addressKey, ...nextAddress });
      await audit('auth.sign-in-failed', {
        why: !user ? 'unknown-account' : user.disabledAt ? 'disabled' : 'wrong-password',
      });
      if (nextAccount.justLocked || nextAddress.justLocked) {
        await audit('auth.locked-out', {
          locked: nextAccount.justLocked ? 'account' : 'address',
          minutes: settings.lockoutMinutes,
        });
      }
      return { ok: false, reason: 'invalid' } as const;
    }
    await repo.clearThrottle(tx, accountKey);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await repo.insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      address: input.address,
      expiresAt: new Date(now.getTime() + settings.maxHours * 3_600_000),
    });
    await audit('auth.signed-in');
    return { ok: true, user: toPublicUser(user), token, csrfToken } as const;
  });
}

/**
 * The signed-in staff member for a session token, or null when the session is unknown, ended, idle past the
 * timeout, past its absolute lifetime, or the account is disabled.
 */
export async function resolveSession(
  db: Database,
  settings: AuthSettings,
  token: string,
  now = new Date(),
): Promise<{ user: PublicUser; csrfToken: string; tokenHash: string } | null> {
  const tokenHash = hashToken(token);
  const found = await repo.findLiveSession(db, tokenHash);
  if (!found) return null;
  const { session, user } = found;
  const idleFor = now.getTime() - session.lastSeenAt.getTime();
  if (idleFor > settings.idleMinutes * 60_000 || session.expiresAt <= now || user.disabledAt) {
    await repo.endSession(db, tokenHash, now);
    return null;
  }
  // Writing on every request would be wasteful: a minute's precision is enough for a 15-minute idle limit.
  if (idleFor > 60_000) await repo.touchSession(db, tokenHash, now);
  return { user: toPublicUser(user), csrfToken: session.csrfToken, tokenHash };
}

export async function signOut(db: Database, actor: Actor, tokenHash: string, now = new Date()) {
  await inTransaction(db, async (tx) => {
    await repo.endSession(tx, tokenHash, now);
    await appendAuditEvent(tx, {
      action: 'auth.signed-out',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'user',
      entityId: actor.id,
    });
  });
}

export async function listStaff(db: Database): Promise<PublicUser[]> {
  return (await repo.listUsers(db)).map(toPublicUser);
}

/** Admins change role, name, team or site, or disable an account (which ends its sessions at once). */
export async function changeUser(
  db: Database,
  actor: Actor,
  id: string,
  change: { name?: string; role?: StaffRole; team?: string | null; site?: string | null; disabled?: boolean },
  now = new Date(),
): Promise<PublicUser> {
  return inTransaction(db, async (tx) => {
    const existing = await repo.findUserById(tx, id);
    if (!existing) throw notFound('Staff account');
    if (change.disabled === true && id === actor.id) throw conflict('You cannot disable your own account');
    if (change.role && change.role !== 'admin' && id === actor.id) {
      throw conflict('You cannot remove your own admin role; ask another admin');
    }
    const { disabled, ...fields } = change;
    const disabledAt = disabled === undefined ? undefined : disabled ? (existing.disabledAt ?? now) : null;
    const row = await repo.updateUser(tx, id, {
      ...fields,
      ...(disabledAt !== undefined ? { disabledAt } : {}),
    });
    if (!row) throw notFound('Staff account');
    if (disabled === true) await repo.endSessionsOfUser(tx, id, now);
    const action =
      disabled === true
        ? 'user.disabled'
        : disabled === false && existing.disabledAt
          ? 'user.enabled'
          : 'user.changed';
    await appendAuditEvent(tx, {
      action,
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'user',
      entityId: id,
      details: { ...fields, ...(disabled !== undefined ? { disabled } : {}) },
    });
    return toPublicUser(row);
  });
}
