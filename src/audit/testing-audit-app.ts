/** The app with the audit and people routes for tests. Only tests import this. */
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../db/client.ts';
import { peopleRoutes } from '../people/people.routes.ts';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createTestDatabase, type TestDatabaseKind } from '../testing/databases.ts';
import type { Actor } from '../auth/actor.ts';
import type { PublicUser } from '../auth/auth.service.ts';
import {
  createStaff,
  send,
  signedInFrom,
  TEST_PASSWORD,
  type SignedIn,
  type TestApp,
} from '../testing/http.ts';
import { auditRoutes } from './audit.routes.ts';

/**
 * The real app with the audit and people routes (added here until the lead lists them in app.ts), on a clean
 * test database, listening on a free port.
 */
export async function startAuditApp(
  kind: TestDatabaseKind,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const handle: DatabaseHandle = await createTestDatabase(kind);
  const config = loadConfig({ LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', ...env });
  const app: FastifyInstance = await buildApp({ db: handle.db, config });
  if (!app.hasRoute({ method: 'GET', url: '/api/people/:id' }))
    await peopleRoutes(app, { db: handle.db, config });
  if (!app.hasRoute({ method: 'POST', url: '/api/audit/relationships' })) {
    await auditRoutes(app, { db: handle.db, config });
  }
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const request: TestApp['request'] = (method, url, options = {}) => send(baseUrl, method, url, options);
  return {
    app,
    database: handle,
    db: handle.db,
    config,
    baseUrl,
    request,
    async signIn(email, password = TEST_PASSWORD, headers = {}) {
      const response = await request('POST', '/api/session', { body: { email, password }, headers });
      if (response.status !== 200)
        throw new Error(`sign-in of ${email} answered ${response.status}: ${response.text}`);
      return signedInFrom(response);
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

/** The accounts the audit HTTP tests use: `officer`, `teammate` and `manager` share team north at site Rimutaka. */
export const AUDIT_ACCOUNTS = {
  officer: { role: 'officer', name: 'Olivia Officer', team: 'north', site: 'Rimutaka' },
  teammate: { role: 'officer', name: 'Tama Teammate', team: 'north', site: 'Rimutaka' },
  southOfficer: { role: 'officer', name: 'Sione South', team: 'south', site: 'Arohata' },
  intake: { role: 'intake', name: 'Ina Intake', team: null, site: 'Rimutaka' },
  decisionMaker: { role: 'decision-maker', name: 'Dana Decider', team: null, site: null },
  manager: { role: 'manager', name: 'Mere Manager', team: 'north', site: 'Rimutaka' },
  southManager: { role: 'manager', name: 'Sam South-Manager', team: 'south', site: 'Arohata' },
  auditor: { role: 'auditor', name: 'Aldo Auditor', team: null, site: null },
  admin: { role: 'admin', name: 'Ada Admin', team: null, site: null },
} as const;

export type AuditAccount = keyof typeof AUDIT_ACCOUNTS;

export interface AuditFixture {
  t: TestApp;
  users: Record<AuditAccount, PublicUser>;
  sessions: Record<AuditAccount, SignedIn>;
  actor(account: AuditAccount): Actor;
  close(): Promise<void>;
}

/** The app with every audit account signed in. */
export async function startAuditFixture(kind: TestDatabaseKind): Promise<AuditFixture> {
  const t = await startAuditApp(kind);
  const users = {} as Record<AuditAccount, PublicUser>;
  const sessions = {} as Record<AuditAccount, SignedIn>;
  for (const [account, spec] of Object.entries(AUDIT_ACCOUNTS) as [
    AuditAccount,
    (typeof AUDIT_ACCOUNTS)[AuditAccount],
  ][]) {
    users[account] = await createStaff(t.db, spec.role, {
      name: spec.name,
      ...(spec.team ? { team: spec.team } : {}),
      ...(spec.site ? { site: spec.site } : {}),
    });
    sessions[account] = await t.signIn(users[account].email);
  }
  return {
    t,
    users,
    sessions,
    actor: (account) => {
      const user = users[account];
      return {
        id: user.id,
        name: user.name,
        role: user.role,
        team: user.team,
        site: user.site,
        address: 'test',
      };
    },
    close: () => t.close(),
  };
}
