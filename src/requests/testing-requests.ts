/**
 * Test fixtures for the request register: the app on a test database with a signed-in account of every role
 * (two intake officers, three officers in two teams), and small helpers to record and move requests over
 * HTTP. Only tests import this.
 */
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Actor } from '../auth/actor.ts';
import type { PublicUser } from '../auth/auth.service.ts';
import { queryRows } from '../db/tx.ts';
import { moveRequest, type RequestEventInput } from './requests.service.ts';
import { inTransaction } from '../db/tx.ts';
import type { TestDatabaseKind } from '../testing/databases.ts';
import {
  createStaff,
  startTestApp,
  type SignedIn,
  type TestApp,
  type TestResponse,
} from '../testing/http.ts';

/** The accounts every register test file gets. `officer` and `teammate` share the team "north". */
export const FIXTURE_ACCOUNTS = {
  intake: { role: 'intake', name: 'Ina Intake' },
  otherIntake: { role: 'intake', name: 'Oti Intake' },
  officer: { role: 'officer', name: 'Olivia Officer', team: 'north' },
  teammate: { role: 'officer', name: 'Tama Teammate', team: 'north' },
  southOfficer: { role: 'officer', name: 'Sione South', team: 'south' },
  decisionMaker: { role: 'decision-maker', name: 'Dana Decider' },
  manager: { role: 'manager', name: 'Mere Manager' },
  auditor: { role: 'auditor', name: 'Aldo Auditor' },
  admin: { role: 'admin', name: 'Ada Admin' },
} as const;

export type FixtureAccount = keyof typeof FIXTURE_ACCOUNTS;

export interface RegisterFixture {
  t: TestApp;
  users: Record<FixtureAccount, PublicUser>;
  sessions: Record<FixtureAccount, SignedIn>;
  /** The account as a use case's actor, for calling services directly. */
  actor(account: FixtureAccount): Actor;
  close(): Promise<void>;
}

/**
 * Starts the app on a fresh `kind` database and signs in one account of each fixture name (or only those in
 * `only`: password hashing is deliberately slow, so files create just the accounts they use), with `env` as
 * configuration.
 */
export async function startRegister(
  kind: TestDatabaseKind,
  only?: FixtureAccount[],
  env: Record<string, string> = {},
): Promise<RegisterFixture> {
  const t = await startTestApp(kind, env);
  const users = {} as Record<FixtureAccount, PublicUser>;
  const sessions = {} as Record<FixtureAccount, SignedIn>;
  for (const [key, spec] of Object.entries(FIXTURE_ACCOUNTS) as Array<
    [FixtureAccount, (typeof FIXTURE_ACCOUNTS)[FixtureAccount]]
  >) {
    if (only && !only.includes(key)) continue;
    users[key] = await createStaff(t.db, spec.role, {
      name: spec.name,
      ...('team' in spec ? { team: spec.team } : {}),
    });
    sessions[key] = await t.signIn(users[key].email);
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

/** An ISO instant `hours` before now: requests cannot be received in the future. */
export const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

/** A valid POST /api/requests body (a paper access request by the person, received an hour ago). */
export function requestBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'access',
    channel: 'paper',
    receivedAt: hoursAgo(1),
    subject: { name: 'Aroha Pōtae' },
    description: 'All my health records from the last two years',
    ...overrides,
  };
}

/** Records a request over HTTP and insists on 201. */
export async function record(
  t: TestApp,
  session: SignedIn,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; reference: string; decisionDueDate: string; transferDueDate: string }> {
  const response = await t.request('POST', '/api/requests', { session, body: requestBody(overrides) });
  expect(response.status, response.text).toBe(201);
  return response.json as { id: string; reference: string; decisionDueDate: string; transferDueDate: string };
}

/** Sends one lifecycle event. */
export function sendEvent(t: TestApp, session: SignedIn, id: string, event: Record<string, unknown>) {
  return t.request('POST', `/api/requests/${id}/events`, { session, body: event });
}

/** Sends one lifecycle event and insists on 200. */
export async function move(
  t: TestApp,
  session: SignedIn,
  id: string,
  event: Record<string, unknown>,
): Promise<TestResponse> {
  const response = await sendEvent(t, session, id, event);
  expect(response.status, `${String(event.type)}: ${response.text}`).toBe(200);
  return response;
}

/**
 * Moves a request by the lifecycle alone, as `account`, in one transaction: for fixtures that need a request
 * gone for decision, decided or released without the decision record or release package the API insists on
 * (the events endpoint refuses those steps). Returns the request row as it now is.
 */
export function lifecycleMove(
  f: RegisterFixture,
  account: FixtureAccount,
  id: string,
  event: RequestEventInput,
) {
  return inTransaction(f.t.db, (tx) => moveRequest(tx, f.actor(account), id, event));
}

export interface AuditRow {
  seq: number;
  action: string;
  actor_id: string | null;
  entity_id: string | null;
  person_id: string | null;
  details: Record<string, unknown>;
}

/** Audit events after `afterSeq`, in order. */
export async function auditSince(t: TestApp, afterSeq: number): Promise<AuditRow[]> {
  const rows = await queryRows<AuditRow>(
    t.db,
    sql`select seq, action, actor_id, entity_id, person_id, details from audit_events where seq > ${afterSeq} order by seq`,
  );
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

/** The field paths a 400 answer names, sorted. */
export function fieldPaths(response: TestResponse): string[] {
  const fields = (response.json?.error?.fields ?? []) as Array<{ path: string }>;
  return fields.map((field) => field.path).sort();
}
