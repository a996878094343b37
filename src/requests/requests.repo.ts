import { and, asc, desc, eq, gt, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { queryRows, type Executor } from '../db/tx.ts';
import { users } from '../auth/auth.schema.ts';
import { requestEvents, requests } from './requests.schema.ts';
import { decidedStatuses, type VisibilityScope } from './requests.rules.ts';

export type RequestRow = typeof requests.$inferSelect;
export type RequestInsert = typeof requests.$inferInsert;
export type RequestWithOfficer = RequestRow & { officerName: string | null; officerTeam: string | null };

const officer = alias(users, 'officer');

/** `TK-2026-000123`: the year received and a number from a sequence (gaps are harmless in references). */
export async function nextReference(db: Executor, year: string): Promise<string> {
  const [row] = await queryRows<{ value: string | number }>(
    db,
    sql`select nextval('request_reference_seq') as value`,
  );
  return `TK-${year}-${String(row?.value ?? 0).padStart(6, '0')}`;
}

export async function insertRequest(db: Executor, values: RequestInsert): Promise<RequestRow> {
  const [row] = await db.insert(requests).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function updateRequest(db: Executor, id: string, values: Partial<RequestInsert>): Promise<void> {
  await db
    .update(requests)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(requests.id, id));
}

export async function insertRequestEvent(
  db: Executor,
  event: {
    requestId: string;
    actorId: string | null;
    type: string;
    summary: string;
    visibleToRequester?: boolean;
    details?: Record<string, unknown>;
    at?: Date;
  },
): Promise<void> {
  await db.insert(requestEvents).values({
    ...event,
    details: event.details ?? {},
    visibleToRequester: event.visibleToRequester ?? false,
  });
}

const withOfficer = {
  request: requests,
  officerName: officer.name,
  officerTeam: officer.team,
};

function flatten(row: {
  request: RequestRow;
  officerName: string | null;
  officerTeam: string | null;
}): RequestWithOfficer {
  return { ...row.request, officerName: row.officerName, officerTeam: row.officerTeam };
}

/** Locks the row for the rest of the transaction when `forUpdate`, so two lifecycle moves cannot interleave. */
export async function findRequest(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<RequestWithOfficer | undefined> {
  // Lock first, then read: a FOR UPDATE on the join would, after waiting for another move to commit,
  // re-check the new row against the officer row read before the wait (PostgreSQL's EvalPlanQual) and
  // answer with a stale officer or no row at all. Read after the lock, the statement sees the committed move.
  if (forUpdate) {
    const [locked] = await db
      .select({ id: requests.id })
      .from(requests)
      .where(eq(requests.id, id))
      .for('update');
    if (!locked) return undefined;
  }
  const [row] = await db
    .select(withOfficer)
    .from(requests)
    .leftJoin(officer, eq(officer.id, requests.assignedOfficerId))
    .where(eq(requests.id, id));
  return row ? flatten(row) : undefined;
}

export async function findRequestByReference(
  db: Executor,
  reference: string,
): Promise<RequestRow | undefined> {
  const [row] = await db.select().from(requests).where(eq(requests.reference, reference));
  return row;
}

export async function listTimeline(db: Executor, requestId: string) {
  return db
    .select({
      at: requestEvents.at,
      type: requestEvents.type,
      summary: requestEvents.summary,
      visibleToRequester: requestEvents.visibleToRequester,
      actorId: requestEvents.actorId,
      actorName: users.name,
    })
    .from(requestEvents)
    .leftJoin(users, eq(users.id, requestEvents.actorId))
    .where(eq(requestEvents.requestId, requestId))
    .orderBy(asc(requestEvents.at), asc(requestEvents.id));
}

/** The person's other requests, newest first, and the date of the last release to them (C.09.07.6). */
export async function earlierRequests(db: Executor, personId: string, excludeId: string) {
  return db
    .select({
      id: requests.id,
      reference: requests.reference,
      receivedAt: requests.receivedAt,
      status: requests.status,
      releasedAt: requests.releasedAt,
    })
    .from(requests)
    .where(and(eq(requests.subjectPersonId, personId), ne(requests.id, excludeId)))
    .orderBy(desc(requests.receivedAt))
    .limit(50);
}

export interface RequestFilter {
  status?: string[];
  track?: string;
  channel?: string;
  officerId?: string;
  site?: string;
  dueBefore?: string;
  dueAfter?: string;
  searchTokens?: string[];
  recordedBy?: string;
}

function scopeCondition(scope: VisibilityScope): SQL | undefined {
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'none') return sql`false`;
  const parts: SQL[] = [];
  if (scope.recordedBy) parts.push(eq(requests.recordedBy, scope.recordedBy));
  if (scope.triageQueue) parts.push(eq(requests.status, 'awaiting-triage'));
  if (scope.unassigned) parts.push(isNull(requests.assignedOfficerId));
  if (scope.officerId) parts.push(eq(requests.assignedOfficerId, scope.officerId));
  if (scope.team)
    parts.push(sql`${requests.assignedOfficerId} in (select id from users where team = ${scope.team})`);
  if (scope.awaitingDecision) parts.push(eq(requests.status, 'awaiting-decision'));
  if (scope.decided) {
    const statuses = sql.join(
      decidedStatuses.map((status) => sql`${status}`),
      sql`, `,
    );
    parts.push(sql`(${requests.status} in (${statuses}) and ${requests.decisionOutcome} is not null)`);
  }
  return parts.length ? or(...parts) : sql`false`;
}

/**
 * One page of requests in due-date order, keyset-paginated on (decision_due_date, id) so every page is an
 * index range scan however deep the caller goes.
 */
export async function listRequests(
  db: Executor,
  scope: VisibilityScope,
  filter: RequestFilter,
  after: { due: string; id: string } | null,
  limit: number,
): Promise<RequestWithOfficer[]> {
  const rows = await listRequestsQuery(db, scope, filter, after, limit);
  return rows.map(flatten);
}

/**
 * The query {@link listRequests} runs, not yet run: the EXPLAIN test and the benchmark wrap it in
 * `explain` to prove every queue is an index scan.
 */
export function listRequestsQuery(
  db: Executor,
  scope: VisibilityScope,
  filter: RequestFilter,
  after: { due: string; id: string } | null,
  limit: number,
) {
  const conditions: Array<SQL | undefined> = [scopeCondition(scope)];
  if (filter.status?.length === 1) conditions.push(eq(requests.status, filter.status[0]!));
  else if (filter.status?.length)
    conditions.push(
      sql`${requests.status} in (${sql.join(
        filter.status.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  // Before triage the track is only routing's proposal, which the list shows as no track: match what it shows.
  if (filter.track) conditions.push(eq(requests.track, filter.track), ne(requests.status, 'awaiting-triage'));
  if (filter.channel) conditions.push(eq(requests.channel, filter.channel));
  if (filter.officerId) conditions.push(eq(requests.assignedOfficerId, filter.officerId));
  if (filter.recordedBy) conditions.push(eq(requests.recordedBy, filter.recordedBy));
  if (filter.site) conditions.push(eq(requests.site, filter.site));
  if (filter.dueBefore) conditions.push(lte(requests.decisionDueDate, filter.dueBefore));
  if (filter.dueAfter) conditions.push(gt(requests.decisionDueDate, filter.dueAfter));
  if (filter.searchTokens?.length) {
    conditions.push(
      sql`${requests.searchTokens} @> array[${sql.join(
        filter.searchTokens.map((t) => sql`${t}`),
        sql`, `,
      )}]::text[]`,
    );
  }
  if (after)
    conditions.push(sql`(${requests.decisionDueDate}, ${requests.id}) > (${after.due}, ${after.id})`);
  return db
    .select(withOfficer)
    .from(requests)
    .leftJoin(officer, eq(officer.id, requests.assignedOfficerId))
    .where(and(...conditions))
    .orderBy(asc(requests.decisionDueDate), asc(requests.id))
    .limit(limit);
}

/** Kiosk requests still untriaged after their 24 hours. */
export async function untriagedKioskRequests(db: Executor, now: Date, limit = 100): Promise<RequestRow[]> {
  return db
    .select()
    .from(requests)
    .where(
      and(
        eq(requests.status, 'awaiting-triage'),
        eq(requests.channel, 'kiosk'),
        lte(requests.triageDueAt, now),
      ),
    )
    .orderBy(asc(requests.triageDueAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}
