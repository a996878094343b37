import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/databases.ts';
import {
  countRows,
  createStaff,
  startTestApp,
  type RequestOptions,
  type SignedIn,
  type TestApp,
  type TestResponse,
} from '../testing/http.ts';

const goodUser = {
  email: 'new.person@test.tiaki.nz',
  name: 'New Person',
  role: 'officer',
  password: 'a perfectly fine passphrase for tests',
};

describe.each(testDatabaseKinds())(
  'bad input on %s: a 4xx naming the problem, never a 500, nothing written',
  (kind) => {
    let t: TestApp;
    let admin: SignedIn;

    beforeAll(async () => {
      t = await startTestApp(kind);
      const account = await createStaff(t.db, 'admin');
      admin = await t.signIn(account.email);
    });
    afterAll(async () => {
      await t.close();
    });

    const counts = async () => ({
      users: await countRows(t.db, 'users'),
      audit: await countRows(t.db, 'audit_events'),
      sessions: await countRows(t.db, 'sessions'),
    });

    /** Sends the bad request to both endpoints, checks the common promises and hands back the answers. */
    async function refused(
      options: RequestOptions,
      expected: { status: number; code: string },
    ): Promise<{ users: TestResponse; session: TestResponse }> {
      const before = await counts();
      const users = await t.request('POST', '/api/users', { ...options, session: admin });
      const session = await t.request('POST', '/api/session', options);
      for (const response of [users, session]) {
        expect(response.status).toBe(expected.status);
        expect(response.json).toEqual({
          error: {
            code: expected.code,
            message: expect.any(String),
            ...(response.json?.error?.fields ? { fields: expect.any(Array) } : {}),
          },
        });
        expect(response.text).not.toMatch(/\bat .+:\d+:\d+|stack|node_modules|\.ts\b/);
      }
      expect(await counts()).toEqual(before);
      return { users, session };
    }

    const paths = (response: TestResponse) =>
      (response.json.error.fields as Array<{ path: string }>).map((field) => field.path).sort();

    it('wrong types: 400 invalid naming every bad field', async () => {
      const { users, session } = await refused(
        { body: { email: 42, name: true, role: 'wizard', password: ['x'], team: 7 } },
        { status: 400, code: 'invalid' },
      );
      expect(paths(users)).toEqual(['email', 'name', 'password', 'role', 'team']);
      expect(paths(session)).toEqual(['email', 'name', 'password', 'role', 'team']);
      // Sign-in takes only email and password: the others are unknown there.
      expect(session.json.error.fields).toContainEqual({ path: 'role', message: 'Unknown field' });
    });

    it('unknown fields: 400 invalid naming each one', async () => {
      const { users, session } = await refused(
        { body: { ...goodUser, isAdmin: true, extra: 'x' } },
        { status: 400, code: 'invalid' },
      );
      expect(users.json.error.fields).toEqual([
        { path: 'isAdmin', message: 'Unknown field' },
        { path: 'extra', message: 'Unknown field' },
      ]);
      expect(paths(session)).toEqual(['extra', 'isAdmin', 'name', 'role']);
    });

    it('missing required fields: 400 invalid naming each one', async () => {
      const { users, session } = await refused({ body: {} }, { status: 400, code: 'invalid' });
      expect(paths(users)).toEqual(['email', 'name', 'password', 'role']);
      expect(paths(session)).toEqual(['email', 'password']);
      const partial = await refused(
        { body: { email: 'someone@test.tiaki.nz' } },
        { status: 400, code: 'invalid' },
      );
      expect(paths(partial.users)).toEqual(['name', 'password', 'role']);
      expect(paths(partial.session)).toEqual(['password']);
    });

    it('a body that is not an object (array, null, string): 400 invalid on the body', async () => {
      for (const body of [[goodUser], null, 'just a string', 12]) {
        const { users } = await refused({ body }, { status: 400, code: 'invalid' });
        expect(paths(users)).toEqual(['(body)']);
      }
    });

    it('a huge body (over BODY_LIMIT_BYTES): 413 payload-too-large', async () => {
      const huge = JSON.stringify({ ...goodUser, name: 'x'.repeat(t.config.BODY_LIMIT_BYTES) });
      await refused(
        { raw: huge, contentType: 'application/json' },
        { status: 413, code: 'payload-too-large' },
      );
    });

    it('malformed JSON: 400 malformed', async () => {
      for (const raw of ['{"email":', '{email: "a"}', "{'a':1}", '{"a":1}}', '\u0000']) {
        await refused({ raw, contentType: 'application/json' }, { status: 400, code: 'malformed' });
      }
    });

    it('a wrong content type (text/plain, form, XML): 415 unsupported-media-type', async () => {
      for (const [contentType, raw] of [
        ['text/plain', JSON.stringify(goodUser)],
        ['application/x-www-form-urlencoded', 'email=a%40b.nz&password=x'],
        ['application/xml', '<user/>'],
      ] as const) {
        await refused({ raw, contentType }, { status: 415, code: 'unsupported-media-type' });
      }
    });

    it('an empty body: 400, with or without a JSON content type', async () => {
      await refused({ raw: '', contentType: 'application/json' }, { status: 400, code: 'malformed' });
      const bare = await refused({}, { status: 400, code: 'invalid' });
      expect(paths(bare.users)).toEqual(['(body)']);
    });

    it('a value out of range (bad email, over-long name, blank name): 400 invalid naming the field', async () => {
      const { users } = await refused(
        { body: { ...goodUser, email: 'not-an-email', name: '   ' } },
        { status: 400, code: 'invalid' },
      );
      expect(paths(users)).toEqual(['email', 'name']);
      const long = await refused(
        { body: { ...goodUser, name: 'n'.repeat(201), password: 'p'.repeat(1025) } },
        { status: 400, code: 'invalid' },
      );
      expect(paths(long.users)).toEqual(['name', 'password']);
      expect(paths(long.session)).toEqual(['name', 'password', 'role']);
    });

    it('after all that, a good request still works (the server is unharmed)', async () => {
      const created = await t.request('POST', '/api/users', { body: goodUser, session: admin });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ email: goodUser.email, role: 'officer', disabled: false });
    });
  },
);
