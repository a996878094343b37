import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../db/tx.ts';
import type { RelationshipKind, RelationshipSource } from './audit-monitoring.schema.ts';
import {
  PERSON_DETAIL_READ_ACTIONS,
  PERSON_READ_ACTIONS,
  type ReportScope,
} from './audit-monitoring.rules.ts';

const readActions = sql.join(
  PERSON_READ_ACTIONS.map((action) => sql`${action}`),
  sql`, `,
);
const detailReadActions = sql.join(
  PERSON_DETAIL_READ_ACTIONS.map((action) => sql`${action}`),
  sql`, `,
);
/** Every read of a person's information, for linking a stated reason to the read it explains. */
const anyReadActions = sql.join(
  [...PERSON_READ_ACTIONS, ...PERSON_DETAIL_READ_ACTIONS].map((action) => sql`${action}`),
  sql`, `,
);

const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;
const textArray = (values: readonly string[]): SQL =>
  sql`${`{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;

export interface RelationshipInput {
  staffId: string;
  personId: string;
  kind: RelationshipKind;
  from: string;
  to: string | null;
  site: string | null;
  unit: string | null;
  source: RelationshipSource;
}

/** Inserts relationships; one already held (same staff, person, kind and start) takes the new end, site and unit. */
export async function upsertRelationships(db: Executor, rows: readonly RelationshipInput[]): Promise<number> {
  let count = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const values = sql.join(
      chunk.map(
        (r) =>
          sql`(${r.staffId}::uuid, ${r.personId}::uuid, ${r.kind}, ${r.from}::date, ${r.to}::date, ${r.site}, ${r.unit}, ${r.source})`,
      ),
      sql`, `,
    );
    const result = await queryRows<{ id: string }>(
      db,
      sql`insert into work_relationships (staff_id, person_id, kind, "from", "to", site, unit, source)
          values ${values}
          on conflict (staff_id, person_id, kind, "from")
          do update set "to" = excluded."to", site = excluded.site, unit = excluded.unit, source = excluded.source
          returning id`,
    );
    count += result.length;
  }
  return count;
}

export async function upsertStaffProfiles(
  db: Executor,
  rows: readonly { userId: string; surname: string | null; address: string | null; unit: string | null }[],
): Promise<number> {
  for (const r of rows) {
    await db.execute(
      sql`insert into audit_staff_profiles (user_id, surname, address, unit) values (${r.userId}::uuid, ${r.surname}, ${r.address}, ${r.unit})
          on conflict (user_id) do update set surname = excluded.surname, address = excluded.address,
            unit = excluded.unit, updated_at = now()`,
    );
  }
  return rows.length;
}

export async function upsertPersonProfiles(
  db: Executor,
  rows: readonly {
    personId: string;
    surname: string | null;
    address: string | null;
    staffUserId: string | null;
  }[],
): Promise<number> {
  for (const r of rows) {
    await db.execute(
      sql`insert into audit_person_profiles (person_id, surname, address, staff_user_id)
          values (${r.personId}::uuid, ${r.surname}, ${r.address}, ${r.staffUserId}::uuid)
          on conflict (person_id) do update set surname = excluded.surname, address = excluded.address,
            staff_user_id = excluded.staff_user_id, updated_at = now()`,
    );
  }
  return rows.length;
}

/** Staff ids by lower-cased e-mail, for the given e-mails. */
export async function staffIdsByEmail(db: Executor, emails: readonly string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = await queryRows<{ id: string; email: string }>(
    db,
    sql`select id, lower(email) as email from users where lower(email) = any(${textArray(emails.map((e) => e.toLowerCase()))})`,
  );
  return new Map(rows.map((row) => [row.email, row.id]));
}

/** The given staff ids that exist. */
export async function existingStaff(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from users where id = any(${uuidArray(ids)})`,
  );
  return new Set(rows.map((row) => row.id));
}

/** Person ids by PRN, for the given PRNs. */
export async function personIdsByPrn(db: Executor, prns: readonly string[]): Promise<Map<string, string>> {
  if (prns.length === 0) return new Map();
  const rows = await queryRows<{ id: string; prn: string }>(
    db,
    sql`select id, prn from persons where prn = any(${textArray(prns)})`,
  );
  return new Map(rows.map((row) => [row.prn, row.id]));
}

/** The given person ids that exist. */
export async function existingPersons(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from persons where id = any(${uuidArray(ids)})`,
  );
  return new Set(rows.map((row) => row.id));
}

export interface ReadEventRow {
  seq: number;
  staffId: string;
  personId: string;
  at: Date;
}

/**
 * The accesses to persons' records by staff between two instants, in order: every opening
 * (`PERSON_READ_ACTIONS`), and of the reads inside a request (`PERSON_DETAIL_READ_ACTIONS`) the first of each
 * staff member, person and NZ day on which that staff member did not open the person's record.
 */
export async function personReadEvents(db: Executor, from: Date, to: Date): Promise<ReadEventRow[]> {
  const rows = await queryRows<{
    seq: string | number;
    actor_id: string;
    person_id: string;
    at: Date | string;
  }>(
    db,
    sql`select seq, actor_id, person_id, at from audit_events
        where at >= ${from.toISOString()}::timestamptz and at < ${to.toISOString()}::timestamptz
          and action in (${readActions}) and actor_id is not null and person_id is not null
        union all
        select d.seq, d.actor_id, d.person_id, d.at from (
          select seq, actor_id, person_id, at,
                 row_number() over (
                   partition by actor_id, person_id, (at at time zone 'Pacific/Auckland')::date order by seq
                 ) as nth
          from audit_events
          where at >= ${from.toISOString()}::timestamptz and at < ${to.toISOString()}::timestamptz
            and action in (${detailReadActions}) and actor_id is not null and person_id is not null
        ) d
        where d.nth = 1 and not exists (
          select 1 from audit_events o
          where o.person_id = d.person_id and o.actor_id = d.actor_id and o.action in (${readActions})
            and o.at >= (date_trunc('day', d.at at time zone 'Pacific/Auckland') at time zone 'Pacific/Auckland')
            and o.at < ((date_trunc('day', d.at at time zone 'Pacific/Auckland') + interval '1 day')
                        at time zone 'Pacific/Auckland'))
        order by seq`,
  );
  return rows.map((row) => ({
    seq: Number(row.seq),
    staffId: row.actor_id,
    personId: row.person_id,
    at: new Date(row.at),
  }));
}

export interface StaffFacts {
  id: string;
  name: string;
  surname: string | null;
  address: string | null;
  site: string | null;
  unit: string | null;
  role: string;
  team: string | null;
}

/** Every staff account with its audit profile. */
export async function staffFacts(db: Executor, ids?: readonly string[]): Promise<StaffFacts[]> {
  return queryRows<StaffFacts>(
    db,
    sql`select u.id, u.name, p.surname, p.address, u.site, p.unit, u.role, u.team
        from users u left join audit_staff_profiles p on p.user_id = u.id
        ${ids ? sql`where u.id = any(${uuidArray(ids)})` : sql``}`,
  );
}

export interface PersonFacts {
  id: string;
  name: string;
  surname: string | null;
  address: string | null;
  site: string | null;
  unit: string | null;
  highProfile: boolean;
  staffId: string | null;
}

/** The given persons with their audit profile. */
export async function personFacts(db: Executor, ids: readonly string[]): Promise<PersonFacts[]> {
  if (ids.length === 0) return [];
  return queryRows<PersonFacts>(
    db,
    sql`select p.id, p.name, f.surname, f.address, p.site, p.unit, p.high_profile as "highProfile",
               f.staff_user_id as "staffId"
        from persons p left join audit_person_profiles f on f.person_id = p.id
        where p.id = any(${uuidArray(ids)})`,
  );
}

export interface RelationshipFacts {
  staffId: string;
  personId: string;
  kind: string;
  from: string;
  to: string | null;
}

/**
 * Relationships with the given persons in force at some time from `fromDate` to `toDate`: those loaded, and
 * from the requests about the person until each closed: `assigned-request` for whoever recorded, was assigned
 * or acted on one (from its receipt, or their first action); `staff-name-consultation` for a staff member
 * consulted about their name in its documents (from the question); `decision-queue` for every decision maker
 * once it came to them (submitted for decision, or a staff name awaiting their determination). A decision
 * maker sees only what awaits them or what they decided, so their reads inside those requests are explained.
 */
export async function relationshipFacts(
  db: Executor,
  personIds: readonly string[],
  fromDate: string,
  toDate: string,
): Promise<RelationshipFacts[]> {
  if (personIds.length === 0) return [];
  const persons = uuidArray(personIds);
  const closed = sql`to_char(r.closed_at at time zone 'Pacific/Auckland', 'YYYY-MM-DD')`;
  return queryRows<RelationshipFacts>(
    db,
    sql`select * from (
          select staff_id as "staffId", person_id as "personId", kind, to_char("from", 'YYYY-MM-DD') as "from",
                 to_char("to", 'YYYY-MM-DD') as "to"
          from work_relationships where person_id = any(${persons})
          union all
          select r.assigned_officer_id, r.subject_person_id, 'assigned-request', to_char(r.received_date, 'YYYY-MM-DD'), ${closed}
          from requests r where r.assigned_officer_id is not null and r.subject_person_id = any(${persons})
          union all
          select r.recorded_by, r.subject_person_id, 'assigned-request', to_char(r.received_date, 'YYYY-MM-DD'), ${closed}
          from requests r where r.recorded_by is not null and r.subject_person_id = any(${persons})
          union all
          select e.actor_id, r.subject_person_id, 'assigned-request',
                 to_char(min(e.at at time zone 'Pacific/Auckland'), 'YYYY-MM-DD'),
                 case when bool_or(r.closed_at is null) then null else max(${closed}) end
          from request_events e join requests r on r.id = e.request_id
          where e.actor_id is not null and r.subject_person_id = any(${persons})
          group by e.actor_id, r.subject_person_id
          union all
          select s.staff_user_id, r.subject_person_id, 'staff-name-consultation',
                 to_char(((s.consultation->>'askedAt')::timestamptz) at time zone 'Pacific/Auckland', 'YYYY-MM-DD'),
                 ${closed}
          from staff_name_reviews s join requests r on r.id = s.request_id
          where s.consultation is not null and s.staff_user_id is not null
            and r.subject_person_id = any(${persons})
          union all
          select u.id, q.person_id, 'decision-queue', q.from_date, q.to_date
          from (
            select r.subject_person_id as person_id, ${closed} as to_date,
                   to_char(least(
                     (select min(e.at) from request_events e
                      where e.request_id = r.id and e.type = 'submit-for-decision'),
                     (select min(s.created_at) from staff_name_reviews s
                      where s.request_id = r.id
                        and (s.status = 'awaiting-determination' or s.determined_by is not null))
                   ) at time zone 'Pacific/Auckland', 'YYYY-MM-DD') as from_date
            from requests r where r.subject_person_id = any(${persons})
          ) q cross join users u
          where u.role = 'decision-maker' and q.from_date is not null
        ) rel
        where "from" <= ${toDate} and ("to" is null or "to" >= ${fromDate})`,
  );
}

export interface ReasonRow {
  id: string;
  staffId: string;
  personId: string;
  reason: string;
  at: Date;
}

/** Reasons given between two instants. */
export async function reasonsBetween(db: Executor, from: Date, to: Date): Promise<ReasonRow[]> {
  const rows = await queryRows<{
    id: string;
    staff_id: string;
    person_id: string;
    reason: string;
    at: Date | string;
  }>(
    db,
    sql`select id, staff_id, person_id, reason, at from audit_access_reasons
        where at >= ${from.toISOString()}::timestamptz and at < ${to.toISOString()}::timestamptz order by at`,
  );
  return rows.map((row) => ({
    id: row.id,
    staffId: row.staff_id,
    personId: row.person_id,
    reason: row.reason,
    at: new Date(row.at),
  }));
}

/** The staff member's latest read of the person since `since`. */
export async function latestRead(
  db: Executor,
  staffId: string,
  personId: string,
  since: Date,
): Promise<number | null> {
  const rows = await queryRows<{ seq: string | number | null }>(
    db,
    sql`select max(seq) as seq from audit_events
        where actor_id = ${staffId}::uuid and person_id = ${personId}::uuid and action in (${anyReadActions})
          and at >= ${since.toISOString()}::timestamptz`,
  );
  const seq = rows[0]?.seq;
  return seq === null || seq === undefined ? null : Number(seq);
}

export async function insertReason(
  db: Executor,
  row: {
    staffId: string;
    personId: string;
    reason: string;
    at: Date;
    eventSeq: number | null;
    recordedSeq: number;
  },
): Promise<string> {
  const [inserted] = await queryRows<{ id: string }>(
    db,
    sql`insert into audit_access_reasons (staff_id, person_id, reason, at, event_seq, recorded_seq)
        values (${row.staffId}::uuid, ${row.personId}::uuid, ${row.reason}, ${row.at.toISOString()}::timestamptz,
                ${row.eventSeq}, ${row.recordedSeq})
        returning id`,
  );
  return inserted!.id;
}

/** Links reasons given before any read to the first read they cover. */
export async function linkPendingReasons(db: Executor): Promise<void> {
  await db.execute(
    sql`update audit_access_reasons r set event_seq = (
          select min(e.seq) from audit_events e
          where e.actor_id = r.staff_id and e.person_id = r.person_id and e.action in (${anyReadActions})
            and e.at >= r.at and e.at <= r.at + interval '12 hours')
        where r.event_seq is null`,
  );
}

export interface FlagInput {
  eventSeq: number;
  staffId: string;
  personId: string;
  at: Date;
  flags: string[];
  reasons: string[];
  explained: boolean;
}

/**
 * Stores the verdicts on the events in [from, to): the flagged (and those explained only by a stated reason)
 * are inserted or updated, keeping any outcome; an event no longer flagged loses its row unless an auditor has
 * reviewed it (then its flags are emptied and the outcome kept).
 */
export async function storeFlags(
  db: Executor,
  from: Date,
  to: Date,
  rows: readonly FlagInput[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const values = sql.join(
      chunk.map(
        (r) =>
          sql`(${r.eventSeq}::bigint, ${r.staffId}::uuid, ${r.personId}::uuid, ${r.at.toISOString()}::timestamptz,
               ${textArray(r.flags)}, ${textArray(r.reasons)}, ${r.explained})`,
      ),
      sql`, `,
    );
    await db.execute(
      sql`insert into audit_flags (event_seq, staff_id, person_id, at, flags, reasons, explained)
          values ${values}
          on conflict (event_seq) do update set flags = excluded.flags, reasons = excluded.reasons,
            explained = excluded.explained, evaluated_at = now()`,
    );
  }
  const kept = rows.map((row) => row.eventSeq);
  const window = sql`at >= ${from.toISOString()}::timestamptz and at < ${to.toISOString()}::timestamptz`;
  const notKept = kept.length ? sql`and not (event_seq = any(${`{${kept.join(',')}}`}::bigint[]))` : sql``;
  await db.execute(sql`delete from audit_flags where ${window} and outcome is null ${notKept}`);
  await db.execute(
    sql`update audit_flags set flags = '{}', reasons = '{}', explained = true, evaluated_at = now()
        where ${window} and outcome is not null ${notKept}`,
  );
}

function scopeCondition(scope: ReportScope): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'team':
      return sql`s.team = ${scope.team} and s.id <> ${scope.exclude}::uuid`;
    case 'site':
      return sql`s.site = ${scope.site} and s.id <> ${scope.exclude}::uuid`;
    case 'none':
      return sql`false`;
  }
}

export interface ReportRow {
  seq: number;
  at: Date;
  action: string;
  staffId: string;
  staffName: string;
  staffRole: string;
  staffTeam: string | null;
  personId: string;
  personName: string;
  personPrn: string | null;
  flags: string[];
  reasons: string[];
  explained: boolean;
  statedReason: string | null;
  outcome: 'justified' | 'breach' | null;
  note: string | null;
  reviewedAt: Date | null;
  reviewerName: string | null;
}

const reportSelect = sql`select f.event_seq as seq, f.at, e.action, s.id as "staffId", s.name as "staffName",
               s.role as "staffRole", s.team as "staffTeam", p.id as "personId", p.name as "personName",
               p.prn as "personPrn", f.flags, f.reasons, f.explained, r.reason as "statedReason", f.outcome, f.note,
               f.reviewed_at as "reviewedAt", v.name as "reviewerName"
        from audit_flags f
        join audit_events e on e.seq = f.event_seq
        join users s on s.id = f.staff_id
        join persons p on p.id = f.person_id
        left join users v on v.id = f.reviewed_by
        left join lateral (
          select reason from audit_access_reasons a
          where a.staff_id = f.staff_id and a.person_id = f.person_id
            and a.at >= f.at - interval '12 hours' and a.at <= f.at + interval '15 minutes'
          order by a.at desc limit 1) r on true`;

async function selectReportRows(db: Executor, where: SQL): Promise<ReportRow[]> {
  const rows = await queryRows<
    Omit<ReportRow, 'seq' | 'at' | 'reviewedAt'> & {
      seq: string | number;
      at: Date | string;
      reviewedAt: Date | string | null;
    }
  >(db, sql`${reportSelect} where ${where} order by f.at, f.event_seq`);
  return rows.map((row) => ({
    ...row,
    seq: Number(row.seq),
    at: new Date(row.at),
    reviewedAt: row.reviewedAt === null ? null : new Date(row.reviewedAt),
  }));
}

/** Flag rows of a week within a scope, with the stated reason that covers each, in time order. */
export function reportRows(db: Executor, scope: ReportScope, from: Date, to: Date): Promise<ReportRow[]> {
  return selectReportRows(
    db,
    sql`f.at >= ${from.toISOString()}::timestamptz and f.at < ${to.toISOString()}::timestamptz
        and (cardinality(f.flags) > 0 or f.outcome is not null or 'stated-reason' = any(f.reasons))
        and ${scopeCondition(scope)}`,
  );
}

/** One flag row as the report shows it. */
export async function reportRow(db: Executor, seq: number): Promise<ReportRow | undefined> {
  return (await selectReportRows(db, sql`f.event_seq = ${seq}`))[0];
}

/** Records an auditor's outcome; the flag row's staff and person, or undefined when there is no such row. */
export async function setOutcome(
  db: Executor,
  seq: number,
  outcome: 'justified' | 'breach',
  note: string | null,
  reviewerId: string,
  at: Date,
): Promise<{ staffId: string; personId: string } | undefined> {
  const [row] = await queryRows<{ staff_id: string; person_id: string }>(
    db,
    sql`update audit_flags set outcome = ${outcome}, note = ${note}, reviewed_by = ${reviewerId}::uuid,
          reviewed_at = ${at.toISOString()}::timestamptz
        where event_seq = ${seq} returning staff_id, person_id`,
  );
  return row ? { staffId: row.staff_id, personId: row.person_id } : undefined;
}

export interface UsageRow {
  team: string;
  staffInTeam: number;
  staffWithVolume: number;
  staffWithUnjustifiedVolume: number;
  volumeAccesses: number;
  breaches: number;
}

/** Per team, for one week: the volume flags and their outcomes. Teams are staff accounts' `team`. */
export async function usageRows(
  db: Executor,
  from: Date,
  to: Date,
  team: string | null,
): Promise<UsageRow[]> {
  const rows = await queryRows<Record<keyof UsageRow, string | number>>(
    db,
    sql`with members as (
          select team, count(*) as n from users
          where team is not null and disabled_at is null and role <> 'admin'
            ${team === null ? sql`` : sql`and team = ${team}`}
          group by team),
        volume as (
          select s.team, f.staff_id, count(*) as accesses,
                 bool_or(f.outcome is distinct from 'justified') as unjustified,
                 count(*) filter (where f.outcome = 'breach') as breaches
          from audit_flags f join users s on s.id = f.staff_id
          where 'volume' = any(f.flags) and f.at >= ${from.toISOString()}::timestamptz
            and f.at < ${to.toISOString()}::timestamptz and s.team is not null
          group by s.team, f.staff_id)
        select m.team as "team", m.n as "staffInTeam",
               count(v.staff_id) as "staffWithVolume",
               count(v.staff_id) filter (where v.unjustified) as "staffWithUnjustifiedVolume",
               coalesce(sum(v.accesses), 0) as "volumeAccesses",
               coalesce(sum(v.breaches), 0) as "breaches"
        from members m left join volume v on v.team = m.team
        group by m.team, m.n order by m.team`,
  );
  return rows.map((row) => ({
    team: String(row.team),
    staffInTeam: Number(row.staffInTeam),
    staffWithVolume: Number(row.staffWithVolume),
    staffWithUnjustifiedVolume: Number(row.staffWithUnjustifiedVolume),
    volumeAccesses: Number(row.volumeAccesses),
    breaches: Number(row.breaches),
  }));
}

/** Managers who can receive the weekly report, with their e-mail. */
export async function activeManagers(db: Executor) {
  return queryRows<{
    id: string;
    name: string;
    email: string;
    role: 'manager';
    team: string | null;
    site: string | null;
  }>(
    db,
    sql`select id, name, email, role, team, site from users where role = 'manager' and disabled_at is null order by id`,
  );
}

/** Records that a manager got a week's report; false when it was already sent. */
export async function markMailed(db: Executor, managerId: string, week: string): Promise<boolean> {
  const rows = await queryRows<{ week: string }>(
    db,
    sql`insert into audit_report_mailings (manager_id, week) values (${managerId}::uuid, ${week})
        on conflict do nothing returning week`,
  );
  return rows.length > 0;
}

/** The accesses to a person's record by staff: NZ date, role, action and how many, oldest first. */
export async function accessLogRows(db: Executor, personId: string) {
  const rows = await queryRows<{ date: string; role: string | null; action: string; count: string | number }>(
    db,
    sql`select to_char(at at time zone 'Pacific/Auckland', 'YYYY-MM-DD') as date, actor_role as role, action,
               count(*) as count
        from audit_events where person_id = ${personId}::uuid and actor_id is not null
        group by 1, 2, 3 order by 1, 2, 3`,
  );
  return rows.map((row) => ({
    date: row.date,
    role: row.role ?? 'unknown',
    action: row.action,
    count: Number(row.count),
  }));
}

/** Whether the officer is assigned a request about the person (of the given kind, when given). */
export async function handlesRequestAbout(
  db: Executor,
  officerId: string,
  personId: string,
  kind?: string,
): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from requests where assigned_officer_id = ${officerId}::uuid
          and subject_person_id = ${personId}::uuid ${kind ? sql`and kind = ${kind}` : sql``} limit 1`,
  );
  return rows.length > 0;
}

/** Whether a loaded relationship between them is in force on the date. */
export async function relationshipInForce(db: Executor, staffId: string, personId: string, date: string) {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from work_relationships where staff_id = ${staffId}::uuid and person_id = ${personId}::uuid
          and "from" <= ${date}::date and ("to" is null or "to" >= ${date}::date) limit 1`,
  );
  return rows.length > 0;
}
