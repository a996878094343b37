import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StaffRole } from '../auth/auth.schema.ts';
import { createUser, type PublicUser } from '../auth/auth.service.ts';
import { commandLineActor } from '../auth/actor.ts';
import type { Database, DatabaseHandle } from '../db/client.ts';
import { queryRows } from '../db/tx.ts';
import { buildApp } from '../server/app.ts';
import { loadConfig, type Config } from '../server/config.ts';
import { createTestDatabase, type TestDatabaseKind } from './databases.ts';

/** A passphrase the password policy accepts; tests give it to every account they create. */
export const TEST_PASSWORD = 'kererū perched on the totara at dawn 42';

/** One answer from the server, its body parsed as JSON when it is JSON. */
export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  // The body's shape is what each test asserts on; `any` keeps those assertions short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface RequestOptions {
  /** Sent as JSON (content-type application/json) unless `raw` is given. */
  body?: unknown;
  /** Sent as is, with `contentType` (no content-type header when that is omitted). */
  raw?: string;
  contentType?: string;
  session?: SignedIn;
  /** Overrides the session's CSRF token (null: send none). */
  csrf?: string | null;
  headers?: Record<string, string>;
}

/** A staff member signed in through POST /api/session. */
export interface SignedIn {
  user: { id: string; name: string; role: StaffRole };
  /** The `name=value` pair to send back in a Cookie header. */
  cookie: string;
  /** The raw Set-Cookie header, for checking its attributes. */
  setCookie: string;
  csrfToken: string;
}

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  db: Database;
  config: Config;
  /** e.g. http://127.0.0.1:40123 */
  baseUrl: string;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  signIn(email: string, password?: string, headers?: Record<string, string>): Promise<SignedIn>;
  close(): Promise<void>;
}

/**
 * The real app on a clean test database, listening on a free port of 127.0.0.1, so tests go through HTTP
 * as a browser would. `env` holds configuration as environment strings (e.g. `{ SESSION_IDLE_MINUTES: '5' }`).
 * @example const t = await startTestApp('pglite'); await t.request('GET', '/healthz'); await t.close();
 */
export async function startTestApp(
  kind: TestDatabaseKind,
  env: Record<string, string> = {},
  database?: DatabaseHandle,
): Promise<TestApp> {
  const handle = database ?? (await createTestDatabase(kind));
  // Each test app keeps its files and outbox in a folder of its own, never in the checkout's ./data.
  const scratch = mkdtempSync(path.join(tmpdir(), 'tiaki-test-'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    TIAKI_STORAGE_DIR: path.join(scratch, 'files'),
    TIAKI_OUTBOX_DIR: path.join(scratch, 'outbox'),
    ...env,
  });
  const app = await buildApp({ db: handle.db, config });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });

  const request = (method: string, path: string, options: RequestOptions = {}) =>
    send(baseUrl, method, path, options);

  return {
    app,
    database: handle,
    db: handle.db,
    config,
    baseUrl,
    request,
    async signIn(email, password = TEST_PASSWORD, headers = {}) {
      const response = await request('POST', '/api/session', { body: { email, password }, headers });
      if (response.status !== 200) {
        throw new Error(`sign-in of ${email} answered ${response.status}: ${response.text}`);
      }
      return signedInFrom(response);
    },
    async close() {
      await app.close();
      if (!database) await handle.close();
    },
  };
}

/** Sends one request with global fetch and reads the whole answer. */
export async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<TestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    if (options.contentType) headers['content-type'] = options.contentType;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  if (options.session) {
    headers.cookie = options.session.cookie;
    const csrf = options.csrf === undefined ? options.session.csrfToken : options.csrf;
    if (csrf !== null) headers['x-csrf-token'] = csrf;
  }
  const response = await fetch(new URL(path, baseUrl), { method, headers, body });
  const text = await response.text();
  let json: unknown = undefined;
  if (response.headers.get('content-type')?.includes('json') && text) json = JSON.parse(text);
  return { status: response.status, headers: response.headers, text, json };
}

/** Reads the session cookie and CSRF token out of a 200 answer to POST /api/session. */
export function signedInFrom(response: TestResponse): SignedIn {
  const setCookie = response.headers.getSetCookie().find((value) => value.startsWith('tiaki_session='));
  if (!setCookie) throw new Error('sign-in answered without a session cookie');
  const body = response.json as { user: SignedIn['user']; csrfToken: string };
  return { user: body.user, cookie: setCookie.split(';')[0] ?? '', setCookie, csrfToken: body.csrfToken };
}

/**
 * Creates a staff account straight through the use case (as `tiaki user create` does), with a unique email
 * unless one is given. argon2 is deliberately slow: create accounts once per file.
 */
export async function createStaff(
  db: Database,
  role: StaffRole,
  options: { email?: string; name?: string; password?: string; team?: string; site?: string } = {},
): Promise<PublicUser & { password: string }> {
  const password = options.password ?? TEST_PASSWORD;
  const user = await createUser(db, commandLineActor('test'), {
    email: options.email ?? `${role}-${randomBytes(4).toString('hex')}@test.tiaki.nz`,
    name: options.name ?? `Test ${role}`,
    role,
    password,
    team: options.team ?? null,
    site: options.site ?? null,
  });
  return { ...user, password };
}

/** How many rows a table holds: tests check that bad input writes nothing. */
export async function countRows(db: Database, table: string): Promise<number> {
  const rows = await queryRows<{ n: number | string }>(
    db,
    sql`select count(*) as n from ${sql.identifier(table)}`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** The actions of the audit events after `afterSeq`, in order. */
export async function auditActionsSince(db: Database, afterSeq = 0): Promise<string[]> {
  const rows = await queryRows<{ action: string }>(
    db,
    sql`select action from audit_events where seq > ${afterSeq} order by seq`,
  );
  return rows.map((row) => row.action);
}

/** The highest audit sequence number so far (0 when there is none). */
export async function lastAuditSeq(db: Database): Promise<number> {
  const rows = await queryRows<{ seq: number | string | null }>(
    db,
    sql`select max(seq) as seq from audit_events`,
  );
  return Number(rows[0]?.seq ?? 0);
}
