import { sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/tx.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import {
  countRows,
  createStaff,
  lastAuditSeq,
  startTestApp,
  TEST_PASSWORD,
  type SignedIn,
  type TestApp,
} from '../testing/http.ts';
import { staffRoles, type StaffRole } from './auth.schema.ts';

const MAX_FAILURES = 3;

interface AuditRow {
  action: string;
  actor_id: string | null;
  address: string | null;
  entity_id: string | null;
  details: Record<string, unknown>;
}

describe.each(testDatabaseKinds())('staff accounts and sessions on %s', (kind) => {
  let t: TestApp;
  const staff = {} as Record<StaffRole, { id: string; email: string }>;
  let admin: SignedIn;
  let addressCount = 0;
  /** Each scenario signs in from its own address (TRUST_PROXY is on), so per-address counts do not mix. */
  const fromNewAddress = () => ({ 'x-forwarded-for': `198.51.100.${++addressCount}` });

  beforeAll(async () => {
    t = await startTestApp(kind, {
      TRUST_PROXY: 'true',
      LOGIN_MAX_FAILURES: String(MAX_FAILURES),
      LOGIN_LOCKOUT_MINUTES: '15',
      SESSION_IDLE_MINUTES: '15',
      SESSION_MAX_HOURS: '12',
    });
    for (const role of staffRoles) staff[role] = await createStaff(t.db, role, { name: `Test ${role}` });
    admin = await t.signIn(staff.admin.email, TEST_PASSWORD, fromNewAddress());
  });
  afterAll(async () => {
    await t.close();
  });

  const auditSince = (seq: number) =>
    queryRows<AuditRow>(
      t.db,
      sql`select action, actor_id, address, entity_id, details from audit_events where seq > ${seq} order by seq`,
    );
  const tokenHash = (session: SignedIn) =>
    createHash('sha256')
      .update(session.cookie.split('=')[1] ?? '')
      .digest('hex');
  const newAccount = async (role: StaffRole = 'officer') => {
    const created = await t.request('POST', '/api/users', {
      session: admin,
      body: {
        email: `${role}-${++addressCount}@test.tiaki.nz`,
        name: 'Someone New',
        role,
        password: TEST_PASSWORD,
      },
    });
    expect(created.status).toBe(201);
    return created.json as { id: string; email: string; role: StaffRole };
  };

  describe('signing in', () => {
    it('succeeds with the right password: HttpOnly SameSite=Strict cookie, CSRF token, audited', async () => {
      const seq = await lastAuditSeq(t.db);
      const headers = fromNewAddress();
      const response = await t.request('POST', '/api/session', {
        body: { email: staff.officer.email.toUpperCase(), password: TEST_PASSWORD },
        headers,
      });
      expect(response.status).toBe(200);
      expect(response.json).toEqual({
        user: { id: staff.officer.id, name: 'Test officer', role: 'officer' },
        csrfToken: expect.stringMatching(/^[\w-]{32}$/),
      });
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tiaki_session=')) ?? '';
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Strict/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).toMatch(/; Max-Age=43200/);
      expect(cookie).not.toMatch(/; Secure/); // plain HTTP here
      const session = {
        cookie: cookie.split(';')[0] ?? '',
        csrfToken: response.json.csrfToken as string,
      } as SignedIn;
      const me = await t.request('GET', '/api/session', { session });
      expect(me.status).toBe(200);
      expect(me.json).toEqual({ user: response.json.user, csrfToken: response.json.csrfToken });
      expect(await auditSince(seq)).toEqual([
        {
          action: 'auth.signed-in',
          actor_id: staff.officer.id,
          address: headers['x-forwarded-for'],
          entity_id: staff.officer.id,
          details: {},
        },
      ]);
      // Only a hash of the token is stored: the database alone does not hand out live sessions.
      const [row] = await queryRows<{ token_hash: string; expires_at: Date }>(
        t.db,
        sql`select token_hash, expires_at from sessions where token_hash = ${tokenHash(session)}`,
      );
      expect(row).toBeDefined();
      expect(await countRows(t.db, 'sessions')).toBeGreaterThan(0);
      const lifetimeMs = new Date(row?.expires_at ?? 0).getTime() - Date.now();
      expect(lifetimeMs).toBeGreaterThan(12 * 3_600_000 - 60_000);
      expect(lifetimeMs).toBeLessThanOrEqual(12 * 3_600_000);
    });

    it('marks the cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
      const session = await t.signIn(staff.manager.email, TEST_PASSWORD, {
        ...fromNewAddress(),
        'x-forwarded-proto': 'https',
      });
      expect(session.setCookie).toMatch(/; Secure/);
      expect(session.setCookie).toMatch(/; HttpOnly/);
      expect(session.setCookie).toMatch(/; SameSite=Strict/);
    });

    it('ignores forwarded headers when TRUST_PROXY is off (no spoofed address or protocol)', async () => {
      const direct = await startTestApp(kind, { TRUST_PROXY: 'false' }, t.database);
      try {
        const seq = await lastAuditSeq(t.db);
        const session = await direct.signIn(staff.auditor.email, TEST_PASSWORD, {
          'x-forwarded-for': '203.0.113.99',
          'x-forwarded-proto': 'https',
        });
        expect(session.setCookie).not.toMatch(/; Secure/);
        const [event] = await auditSince(seq);
        expect(event?.address).toBe('127.0.0.1');
      } finally {
        await direct.close();
      }
    });

    it('refuses a wrong password with 401, audited as a failure', async () => {
      const seq = await lastAuditSeq(t.db);
      const response = await t.request('POST', '/api/session', {
        body: { email: staff.intake.email, password: `${TEST_PASSWORD}!` },
        headers: fromNewAddress(),
      });
      expect(response.status).toBe(401);
      expect(response.json).toEqual({
        error: { code: 'unauthenticated', message: 'Email or password is not right' },
      });
      expect(response.headers.getSetCookie()).toEqual([]);
      const events = await auditSince(seq);
      expect(events).toMatchObject([
        { action: 'auth.sign-in-failed', actor_id: staff.intake.id, details: { why: 'wrong-password' } },
      ]);
    });

    it('refuses an unknown account with the same 401 (no hint that the account does not exist), audited', async () => {
      const seq = await lastAuditSeq(t.db);
      const response = await t.request('POST', '/api/session', {
        body: { email: 'nobody@test.tiaki.nz', password: TEST_PASSWORD },
        headers: fromNewAddress(),
      });
      expect(response.status).toBe(401);
      expect(response.json).toEqual({
        error: { code: 'unauthenticated', message: 'Email or password is not right' },
      });
      expect(await auditSince(seq)).toMatchObject([
        { action: 'auth.sign-in-failed', actor_id: null, details: { why: 'unknown-account' } },
      ]);
    });

    it(`locks the account after ${MAX_FAILURES} failures from anywhere: 429 even with the right password, until the lockout ends`, async () => {
      const victim = await newAccount();
      const seq = await lastAuditSeq(t.db);
      for (let attempt = 1; attempt <= MAX_FAILURES; attempt++) {
        const failed = await t.request('POST', '/api/session', {
          body: { email: victim.email, password: `wrong guess number ${attempt}` },
          headers: fromNewAddress(), // a new address each time: the account itself is counted
        });
        expect(failed.status).toBe(401);
      }
      const refused = await t.request('POST', '/api/session', {
        body: { email: victim.email, password: TEST_PASSWORD },
        headers: fromNewAddress(),
      });
      expect(refused.status).toBe(429);
      expect(refused.json.error.code).toBe('rate-limited');
      expect(refused.headers.getSetCookie()).toEqual([]);
      expect((await auditSince(seq)).map((event) => event.action)).toEqual([
        'auth.sign-in-failed',
        'auth.sign-in-failed',
        'auth.sign-in-failed',
        'auth.locked-out',
        'auth.sign-in-refused-locked',
      ]);
      const events = await auditSince(seq);
      expect(events[3]?.details).toEqual({ locked: 'account', minutes: 15 });
      expect(events[4]?.details).toEqual({ locked: 'account' });

      // The lockout lasts LOGIN_LOCKOUT_MINUTES: move its end into the past.
      await t.db.execute(
        sql`update login_throttle set locked_until = now() - interval '1 second' where key = ${`account:${victim.email}`}`,
      );
      const session = await t.signIn(victim.email, TEST_PASSWORD, fromNewAddress());
      expect(session.user.id).toBe(victim.id);
    });

    it(`locks an address after ${MAX_FAILURES * 4} failures across accounts; other addresses are unaffected`, async () => {
      const address = fromNewAddress();
      const seq = await lastAuditSeq(t.db);
      for (let attempt = 1; attempt <= MAX_FAILURES * 4; attempt++) {
        const failed = await t.request('POST', '/api/session', {
          body: { email: `guess-${attempt}@test.tiaki.nz`, password: TEST_PASSWORD },
          headers: address,
        });
        expect(failed.status).toBe(401);
      }
      const refused = await t.request('POST', '/api/session', {
        body: { email: staff.intake.email, password: TEST_PASSWORD },
        headers: address,
      });
      expect(refused.status).toBe(429);
      const events = await auditSince(seq);
      expect(events.filter((event) => event.action === 'auth.sign-in-failed')).toHaveLength(MAX_FAILURES * 4);
      expect(events.filter((event) => event.action === 'auth.locked-out')).toMatchObject([
        { details: { locked: 'address' }, address: address['x-forwarded-for'] },
      ]);
      expect(events.at(-1)).toMatchObject({
        action: 'auth.sign-in-refused-locked',
        details: { locked: 'address' },
      });
      // The same account signs in from elsewhere: it was the address that was locked, not the account.
      const elsewhere = await t.signIn(staff.intake.email, TEST_PASSWORD, fromNewAddress());
      expect(elsewhere.user.id).toBe(staff.intake.id);
    });
  });

  describe('sessions', () => {
    it('refuses a mutating call without, or with a wrong, x-csrf-token: 403 csrf-failed, nothing written', async () => {
      const before = { users: await countRows(t.db, 'users'), audit: await countRows(t.db, 'audit_events') };
      const body = { email: 'csrf@test.tiaki.nz', name: 'Csrf', role: 'officer', password: TEST_PASSWORD };
      for (const csrf of [null, 'wrong-token', '', `${admin.csrfToken}x`]) {
        const created = await t.request('POST', '/api/users', { session: admin, csrf, body });
        expect(created.status).toBe(403);
        expect(created.json.error.code).toBe('csrf-failed');
        const changed = await t.request('PATCH', `/api/users/${staff.officer.id}`, {
          session: admin,
          csrf,
          body: { role: 'admin' },
        });
        expect(changed.status).toBe(403);
        expect(changed.json.error.code).toBe('csrf-failed');
        const signOut = await t.request('DELETE', '/api/session', { session: admin, csrf });
        expect(signOut.status).toBe(403);
      }
      expect({ users: await countRows(t.db, 'users'), audit: await countRows(t.db, 'audit_events') }).toEqual(
        before,
      );
      // Another session's token is no good either.
      const other = await t.signIn(staff.admin.email, TEST_PASSWORD, fromNewAddress());
      const crossed = await t.request('POST', '/api/users', { session: admin, csrf: other.csrfToken, body });
      expect(crossed.status).toBe(403);
      // And the session is still alive: reads need no token.
      expect((await t.request('GET', '/api/session', { session: admin })).status).toBe(200);
    });

    it('ends a session idle longer than SESSION_IDLE_MINUTES; activity within it keeps it alive', async () => {
      const session = await t.signIn(staff['decision-maker'].email, TEST_PASSWORD, fromNewAddress());
      const hash = tokenHash(session);
      await t.db.execute(
        sql`update sessions set last_seen_at = now() - interval '14 minutes' where token_hash = ${hash}`,
      );
      expect((await t.request('GET', '/api/session', { session })).status).toBe(200);
      const [touched] = await queryRows<{ idle_seconds: number }>(
        t.db,
        sql`select extract(epoch from now() - last_seen_at)::int as idle_seconds from sessions where token_hash = ${hash}`,
      );
      expect(Number(touched?.idle_seconds)).toBeLessThan(60);

      await t.db.execute(
        sql`update sessions set last_seen_at = now() - interval '16 minutes' where token_hash = ${hash}`,
      );
      const expired = await t.request('GET', '/api/session', { session });
      expect(expired.status).toBe(401);
      expect(expired.json.error.code).toBe('unauthenticated');
      const [ended] = await queryRows<{ ended_at: Date | null }>(
        t.db,
        sql`select ended_at from sessions where token_hash = ${hash}`,
      );
      expect(ended?.ended_at).not.toBeNull();
      // Ended for good: moving the clock back does not revive it.
      await t.db.execute(sql`update sessions set last_seen_at = now() where token_hash = ${hash}`);
      expect((await t.request('GET', '/api/session', { session })).status).toBe(401);
    });

    it('takes the idle timeout from configuration (SESSION_IDLE_MINUTES=5)', async () => {
      const strict = await startTestApp(kind, { SESSION_IDLE_MINUTES: '5' }, t.database);
      try {
        const session = await strict.signIn(staff.auditor.email, TEST_PASSWORD);
        await t.db.execute(
          sql`update sessions set last_seen_at = now() - interval '6 minutes' where token_hash = ${tokenHash(session)}`,
        );
        expect((await strict.request('GET', '/api/session', { session })).status).toBe(401);
      } finally {
        await strict.close();
      }
    });

    it('ends a session past its absolute lifetime (expires_at) even while in use', async () => {
      const session = await t.signIn(staff.manager.email, TEST_PASSWORD, fromNewAddress());
      expect((await t.request('GET', '/api/session', { session })).status).toBe(200);
      await t.db.execute(
        sql`update sessions set expires_at = now() - interval '1 second', last_seen_at = now() where token_hash = ${tokenHash(session)}`,
      );
      expect((await t.request('GET', '/api/session', { session })).status).toBe(401);
    });

    it('logout ends the session and clears the cookie, audited', async () => {
      const session = await t.signIn(staff.officer.email, TEST_PASSWORD, fromNewAddress());
      const seq = await lastAuditSeq(t.db);
      const response = await t.request('DELETE', '/api/session', { session });
      expect(response.status).toBe(204);
      const cleared = response.headers.getSetCookie().find((c) => c.startsWith('tiaki_session=')) ?? '';
      expect(cleared).toMatch(/^tiaki_session=;/);
      expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
      expect((await t.request('GET', '/api/session', { session })).status).toBe(401);
      expect(await auditSince(seq)).toMatchObject([
        { action: 'auth.signed-out', actor_id: staff.officer.id },
      ]);
    });

    it('treats an unknown or forged cookie as signed out (401)', async () => {
      const forged = { cookie: 'tiaki_session=not-a-real-token', csrfToken: 'x' } as SignedIn;
      expect((await t.request('GET', '/api/session', { session: forged })).status).toBe(401);
      expect((await t.request('GET', '/api/users', { session: forged })).status).toBe(401);
    });
  });

  describe('admins manage accounts', () => {
    it('create an account (argon2id hash stored, never the password), audited', async () => {
      const seq = await lastAuditSeq(t.db);
      const created = await newAccount('officer');
      expect(created).toMatchObject({ role: 'officer', team: null, site: null, disabled: false });
      expect(created).not.toHaveProperty('password');
      expect(created).not.toHaveProperty('passwordHash');
      const [row] = await queryRows<{ password_hash: string }>(
        t.db,
        sql`select password_hash from users where id = ${created.id}`,
      );
      expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(row?.password_hash).not.toContain(TEST_PASSWORD);
      expect(await auditSince(seq)).toMatchObject([
        {
          action: 'user.created',
          actor_id: staff.admin.id,
          entity_id: created.id,
          details: { role: 'officer' },
        },
      ]);
      // The new account can sign in.
      expect((await t.signIn(created.email, TEST_PASSWORD, fromNewAddress())).user.role).toBe('officer');
    });

    it('refuse a second account with the same email (any letter case): 409 naming email', async () => {
      const response = await t.request('POST', '/api/users', {
        session: admin,
        body: {
          email: staff.officer.email.toUpperCase(),
          name: 'Twin',
          role: 'officer',
          password: TEST_PASSWORD,
        },
      });
      expect(response.status).toBe(409);
      expect(response.json.error.fields).toEqual([{ path: 'email', message: expect.any(String) }]);
    });

    it('list accounts without their password hashes', async () => {
      const response = await t.request('GET', '/api/users', { session: admin });
      expect(response.status).toBe(200);
      const items = response.json.items as Array<{ id: string; role: string }>;
      for (const role of staffRoles)
        expect(items).toContainEqual(expect.objectContaining({ id: staff[role].id, role }));
      expect(response.text).not.toMatch(/argon2|password/i);
    });

    it('re-role an account: the change applies to its live session at once, audited', async () => {
      const account = await newAccount('intake');
      const session = await t.signIn(account.email, TEST_PASSWORD, fromNewAddress());
      const seq = await lastAuditSeq(t.db);
      const response = await t.request('PATCH', `/api/users/${account.id}`, {
        session: admin,
        body: { role: 'manager', team: 'North' },
      });
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ id: account.id, role: 'manager', team: 'North' });
      expect((await t.request('GET', '/api/session', { session })).json.user.role).toBe('manager');
      expect(await auditSince(seq)).toMatchObject([
        { action: 'user.changed', entity_id: account.id, details: { role: 'manager', team: 'North' } },
      ]);
    });

    it('disable an account: its session stops working at once and it cannot sign in; enabling restores it', async () => {
      const account = await newAccount('officer');
      const session = await t.signIn(account.email, TEST_PASSWORD, fromNewAddress());
      expect((await t.request('GET', '/api/session', { session })).status).toBe(200);
      const seq = await lastAuditSeq(t.db);
      const disabled = await t.request('PATCH', `/api/users/${account.id}`, {
        session: admin,
        body: { disabled: true },
      });
      expect(disabled.status).toBe(200);
      expect(disabled.json.disabled).toBe(true);
      expect((await t.request('GET', '/api/session', { session })).status).toBe(401);
      const refused = await t.request('POST', '/api/session', {
        body: { email: account.email, password: TEST_PASSWORD },
        headers: fromNewAddress(),
      });
      expect(refused.status).toBe(401);
      expect(await auditSince(seq)).toMatchObject([
        { action: 'user.disabled', entity_id: account.id },
        { action: 'auth.sign-in-failed', details: { why: 'disabled' } },
      ]);
      const enabled = await t.request('PATCH', `/api/users/${account.id}`, {
        session: admin,
        body: { disabled: false },
      });
      expect(enabled.json.disabled).toBe(false);
      expect((await t.signIn(account.email, TEST_PASSWORD, fromNewAddress())).user.id).toBe(account.id);
      expect((await auditSince(seq)).map((event) => event.action)).toContain('user.enabled');
    });

    it('cannot disable or demote themselves (409), and a missing account is 404', async () => {
      const self = await t.request('PATCH', `/api/users/${staff.admin.id}`, {
        session: admin,
        body: { disabled: true },
      });
      expect(self.status).toBe(409);
      const demote = await t.request('PATCH', `/api/users/${staff.admin.id}`, {
        session: admin,
        body: { role: 'officer' },
      });
      expect(demote.status).toBe(409);
      const missing = await t.request('PATCH', '/api/users/00000000-0000-4000-8000-000000000000', {
        session: admin,
        body: { role: 'officer' },
      });
      expect(missing.status).toBe(404);
      const empty = await t.request('PATCH', `/api/users/${staff.officer.id}`, { session: admin, body: {} });
      expect(empty.status).toBe(400);
    });

    it('apply the password policy: under 16 characters, common, or a repeated pattern is 400 naming password', async () => {
      const before = await countRows(t.db, 'users');
      for (const password of [
        'short',
        'fifteen chars!!',
        'correct horse battery staple',
        'abcabcabcabcabcabc',
        'aaaaaaaaaaaaaaaaaaaa',
        'abcdefghijklmnopqrstu',
      ]) {
        const response = await t.request('POST', '/api/users', {
          session: admin,
          body: { email: 'weak@test.tiaki.nz', name: 'Weak', role: 'officer', password },
        });
        expect(response.status, password).toBe(400);
        expect(response.json.error.code).toBe('invalid');
        expect(response.json.error.fields).toEqual([{ path: 'password', message: expect.any(String) }]);
      }
      expect(await countRows(t.db, 'users')).toBe(before);
    });
  });

  describe('each refusal', () => {
    const otherRoles = staffRoles.filter((role) => role !== 'admin');

    it.each(otherRoles)('%s gets 403 on every /api/users endpoint, and nothing is written', async (role) => {
      const session = await t.signIn(staff[role].email, TEST_PASSWORD, fromNewAddress());
      const before = { users: await countRows(t.db, 'users'), audit: await countRows(t.db, 'audit_events') };
      const list = await t.request('GET', '/api/users', { session });
      const create = await t.request('POST', '/api/users', {
        session,
        body: { email: `by-${role}@test.tiaki.nz`, name: 'X', role: 'admin', password: TEST_PASSWORD },
      });
      const change = await t.request('PATCH', `/api/users/${staff[role].id}`, {
        session,
        body: { role: 'admin' },
      });
      for (const response of [list, create, change]) {
        expect(response.status).toBe(403);
        expect(response.json.error.code).toBe('forbidden');
      }
      expect({ users: await countRows(t.db, 'users'), audit: await countRows(t.db, 'audit_events') }).toEqual(
        before,
      );
    });

    it('signed out gets 401 on /api/users and /api/session', async () => {
      const list = await t.request('GET', '/api/users');
      const create = await t.request('POST', '/api/users', {
        body: { email: 'anon@test.tiaki.nz', name: 'X', role: 'admin', password: TEST_PASSWORD },
      });
      const change = await t.request('PATCH', `/api/users/${staff.officer.id}`, { body: { role: 'admin' } });
      const me = await t.request('GET', '/api/session');
      const signOut = await t.request('DELETE', '/api/session');
      for (const response of [list, create, change, me, signOut]) {
        expect(response.status).toBe(401);
        expect(response.json.error.code).toBe('unauthenticated');
      }
    });
  });
});
