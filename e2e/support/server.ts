import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { StaffRole } from '../../src/auth/auth.schema.ts';
import type { Database, DatabaseHandle } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/tx.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createTestDatabase } from '../../src/testing/databases.ts';
import {
  createStaff,
  send,
  signedInFrom,
  TEST_PASSWORD,
  type SignedIn,
  type TestResponse,
} from '../../src/testing/http.ts';
import { webRoutes } from '../../src/web/web.routes.ts';

export interface StaffAccount {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  password: string;
}

export interface E2eServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  db: Database;
  baseUrl: string;
  /** Creates a staff account straight through the use case. */
  staff(role: StaffRole, name: string, options?: { team?: string; site?: string }): Promise<StaffAccount>;
  /** Signs in over HTTP (for seeding through the API). */
  signIn(account: StaffAccount): Promise<SignedIn>;
  /** One API call, with a session's cookie and CSRF token when given. */
  call(method: string, path: string, body?: unknown, session?: SignedIn): Promise<TestResponse>;
  /** The verification code in the last mail queued to this address (the public tracking code). */
  lastCodeMailedTo(email: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real app (API and built web app) on a fresh in-memory PGlite, listening on a free port of 127.0.0.1.
 * Registers the web routes itself when the app does not (yet) include them.
 */
export async function startE2eServer(env: Record<string, string> = {}): Promise<E2eServer> {
  const database = await createTestDatabase('pglite');
  const config = loadConfig({ LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', ...env });
  const app = await buildApp({ db: database.db, config });
  if (!app.hasRoute({ method: 'GET', url: '/kiosk' })) await webRoutes(app, { db: database.db, config });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const call = (method: string, path: string, body?: unknown, session?: SignedIn) =>
    send(baseUrl, method, path, { ...(body === undefined ? {} : { body }), ...(session ? { session } : {}) });
  return {
    app,
    database,
    db: database.db,
    baseUrl,
    async staff(role, name, options = {}) {
      const user = await createStaff(database.db, role, { name, ...options });
      return { id: user.id, email: user.email, name: user.name, role: user.role, password: TEST_PASSWORD };
    },
    async signIn(account) {
      const response = await call('POST', '/api/session', {
        email: account.email,
        password: account.password,
      });
      if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${response.text}`);
      return signedInFrom(response);
    },
    call,
    async lastCodeMailedTo(email) {
      const rows = await queryRows<{ payload: { to?: string; text?: string } }>(
        database.db,
        sql`select payload from jobs where kind = 'mail.send' order by id desc`,
      );
      const mail = rows.find((row) => row.payload.to === email);
      const code = /this code: (\S+)/.exec(mail?.payload.text ?? '')?.[1];
      if (!code) throw new Error(`no verification code mailed to ${email}`);
      return code;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
