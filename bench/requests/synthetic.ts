/**
 * A synthetic request register for the benchmark and the EXPLAIN test: staff in teams, people (most with a
 * PRN, names with macrons), and N requests received over the last two years with a realistic spread of
 * states, tracks, channels, officers and sites. Everything is generated inside the database with
 * `INSERT … SELECT generate_series`, so a million rows load in about a minute on a small machine.
 *
 * The spread (deterministic: hashes of the row number, no randomness):
 * - received uniformly over the last 730 days; due dates are the real 20-working-day dates (s 44) from a
 *   calendar table computed with the law module;
 * - received in the last 2 days: mostly awaiting triage; in the last 40 days: being worked (open,
 *   clarification, awaiting decision) or finished; older: nearly all finished, with a backlog of overdue
 *   open requests that thins out with age (as a real office's does);
 * - tracks 70% access, 10% correction, 15% OIA, 5% complaint; channels 35% kiosk, 20% paper, 10% oral,
 *   20% web, 10% email, 5% post; officers in six teams; 17 sites.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../src/db/tx.ts';
import { addCalendarDays, nzDateOf } from '../../src/law/calendar.ts';
import { dueDate } from '../../src/law/working-days.ts';
import { foldWords } from '../../src/requests/requests.rules.ts';

// prettier-ignore
const FIRST_NAMES = [
  'Aroha', 'Hēmi', 'Mere', 'Wiremu', 'Āwhina', 'Rāwiri', 'Tama', 'Kiri', 'Ngaio', 'Tūī', 'Manaia', 'Anahera',
  'Hōhepa', 'Marama', 'Pita', 'Rangi', 'Tipene', 'Waimarie', 'Mātene', 'Hine', 'James', 'Sarah', 'Michael',
  'Jessica', 'David', 'Emma', 'Daniel', 'Olivia', 'Joshua', 'Sophie', 'Liam', 'Charlotte', 'Jack', 'Ella',
  'Samuel', 'Grace', 'Benjamin', 'Chloe', 'Thomas', 'Isla', 'Sione', 'Losa', 'Tevita', 'Mele', 'Semisi',
  'Ana', 'Ioane', 'Malia', 'Faleolo', 'Salote', 'Wei', 'Priya', 'Arjun', 'Minjun', 'Mohammed', 'Fatima',
  'Nikita', 'Jun', 'Rahul', 'Mei', 'Connor', 'Ruby', 'Jayden', 'Aaliyah', 'Cody', 'Brooke', 'Shane', 'Tania',
  'Dean', 'Kylie', 'Wayne', 'Leanne', 'Craig', 'Michelle', 'Bradley', 'Stacey', 'Hayden', 'Renee', 'Blair',
  'Monique',
];
// prettier-ignore
const SURNAMES = [
  'Pōtae', 'Tūhoe', 'Ngata', 'Māka', 'Pōmare', 'Tūhiwai', 'Parata', 'Te Whata', 'Wihongi', 'Hōhaia',
  'Rāwiri', 'Tamihana', 'Kereama', 'Mānihera', 'Herewini', 'Tūrei', 'Paraone', 'Hēnare', 'Whaanga', 'Rūtene',
  'Smith', 'Williams', 'Brown', 'Wilson', 'Taylor', 'Jones', 'Walker', 'Thompson', 'Anderson', 'White',
  'Harris', 'Martin', 'Clarke', 'Robinson', 'Young', 'King', 'Wright', 'Campbell', 'Scott', 'Stewart',
  'Mitchell', 'Turner', 'Murray', 'Cooper', 'Morris', 'Bell', 'Ward', 'Watson', 'Hughes', 'Kelly',
  'Fa’alogo', 'Tuilagi', 'Faleafa', 'Taufa', 'Havili', 'Latu', 'Vaifale', 'Leota', 'Pouono', 'Sapolu',
  'Wang', 'Li', 'Zhang', 'Singh', 'Patel', 'Kumar', 'Kim', 'Nguyen', 'Chen', 'Liu', 'Reid', 'Ross', 'Hunter',
  'Graham', 'Marshall', 'Fraser', 'Hamilton', 'Kennedy', 'Gibson', 'Grant', 'Paki', 'Tipoki', 'Rewi',
  'Hapeta', 'Karaka', 'Mōhi', 'Pēwhairangi', 'Whaipooti', 'Rākena', 'Tāwhai',
];
// prettier-ignore
const SITES = [
  'Auckland Prison', 'Mt Eden', 'Auckland Region Women’s', 'Spring Hill', 'Waikeria', 'Tongariro',
  'Whanganui', 'Manawatū', 'Rimutaka', 'Arohata', 'Christchurch Men’s', 'Christchurch Women’s', 'Rolleston',
  'Otago', 'Invercargill', 'Hawke’s Bay', 'Northland',
];
const TEAMS = ['north', 'central', 'midland', 'capital', 'canterbury', 'southern'];

export interface SyntheticStaff {
  officers: Array<{ id: string; team: string }>;
  intake: string[];
  decisionMakers: string[];
  manager: string;
}

export interface SyntheticOptions {
  rows: number;
  /** The instant "now" for the spread of receipt times (default: the real now). */
  now?: Date;
  officers?: number;
  /** Called after each phase, for progress output. */
  progress?: (phase: string) => void;
}

const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;

/** Staff accounts inserted directly (no password hashing: nobody signs in as them). */
export async function insertSyntheticStaff(db: Executor, officers = 48): Promise<SyntheticStaff> {
  const rows = await queryRows<{ id: string; role: string; team: string | null }>(
    db,
    sql`insert into users (email, name, role, team, password_hash)
        select 'bench-' || role || '-' || n || '@bench.tiaki.nz', initcap(role) || ' ' || n, role,
               case when role = 'officer' then (${textArray(TEAMS)})[1 + n % ${TEAMS.length}] end, 'not-a-hash'
        from (select 'officer' as role, generate_series(1, ${officers}) as n
              union all select 'intake', generate_series(1, 12)
              union all select 'decision-maker', generate_series(1, 3)
              union all select 'manager', 1) as staff
        returning id, role, team`,
  );
  return {
    officers: rows.filter((r) => r.role === 'officer').map((r) => ({ id: r.id, team: r.team ?? '' })),
    intake: rows.filter((r) => r.role === 'intake').map((r) => r.id),
    decisionMakers: rows.filter((r) => r.role === 'decision-maker').map((r) => r.id),
    manager: rows.find((r) => r.role === 'manager')?.id ?? '',
  };
}

/**
 * Loads `rows` synthetic requests (and about 0.6 × rows people) into a migrated database with the given
 * staff, then moves the reference sequence past them so new requests do not collide.
 */
export async function loadSyntheticRequests(
  db: Executor,
  staff: SyntheticStaff,
  options: SyntheticOptions,
): Promise<{ persons: number; requests: number }> {
  const now = options.now ?? new Date();
  const n = options.rows;
  const people = Math.max(1, Math.ceil(n * 0.6));

  // The statutory due date of every receipt date in range, computed by the law module (s 44, s 43).
  const today = nzDateOf(now);
  const dates: string[] = [];
  for (let d = -731; d <= 0; d++) dates.push(addCalendarDays(today, d));
  await db.execute(sql`drop table if exists bench_due`);
  await db.execute(
    sql`create table bench_due (received_date date primary key, decision_due date not null, transfer_due date not null)`,
  );
  await db.execute(
    sql`insert into bench_due select * from unnest(${textArray(dates)}::date[], ${textArray(
      dates.map((d) => dueDate(d, 20)),
    )}::date[], ${textArray(dates.map((d) => dueDate(d, 10)))}::date[])`,
  );

  const first = textArray(FIRST_NAMES);
  const firstFolded = textArray(FIRST_NAMES.map((name) => foldWords(name).join(' ')));
  const last = textArray(SURNAMES);
  const lastFolded = textArray(SURNAMES.map((name) => foldWords(name).join(' ')));
  const sites = textArray(SITES);
  const officerIds = textArray(staff.officers.map((o) => o.id));
  const intakeIds = textArray(staff.intake);

  // People: person j has a deterministic id, name and site, so requests can refer to them by formula.
  await db.execute(sql`
    insert into persons (id, name, prn, date_of_birth, site, unit)
    select md5('person-' || j)::uuid,
           (${first})[1 + j % ${FIRST_NAMES.length}] || ' ' || (${last})[1 + (j / ${FIRST_NAMES.length}) % ${SURNAMES.length}],
           case when j % 5 <> 0 then 'P' || lpad(j::text, 8, '0') end,
           date '1960-01-01' + (j * 37 % 16000),
           (${sites})[1 + j % ${SITES.length}],
           'Unit ' || (1 + j % 12)
    from generate_series(1, ${people}) as j`);
  options.progress?.(`${people.toLocaleString('en-NZ')} people`);

  await db.execute(sql`
    with base as (
      select i,
             1 + (hashint4(i)::bigint & 2147483647) % ${people} as j,
             (hashint4(i + 1000003)::bigint & 2147483647) % 100 as r_state,
             (hashint4(i + 2000003)::bigint & 2147483647) % 100 as r_track,
             (hashint4(i + 3000017)::bigint & 2147483647) % 100 as r_channel,
             (hashint4(i + 4000037)::bigint & 2147483647) as r_staff,
             ${now.toISOString()}::timestamptz
               - ((hashint4(i + 5000011)::bigint & 2147483647) % (730 * 86400)) * interval '1 second' as received_at
      from generate_series(1, ${n}) as i
    ), aged as (
      select b.*, (b.received_at at time zone 'Pacific/Auckland')::date as received_date,
             extract(epoch from ${now.toISOString()}::timestamptz - b.received_at) / 86400 as age
      from base b
    ), stated as (
      select a.*,
             case
               when a.age < 2 then case when a.r_state < 70 then 'awaiting-triage' else 'open' end
               when a.age < 40 then case
                 when a.r_state < 45 then 'open' when a.r_state < 55 then 'awaiting-clarification'
                 when a.r_state < 70 then 'awaiting-decision' when a.r_state < 78 then 'decided'
                 when a.r_state < 88 then 'released' when a.r_state < 92 then 'transferred'
                 when a.r_state < 95 then 'withdrawn' else 'closed' end
               -- The overdue backlog thins out with age: 8% still open at 40-90 days, 1% to 180, then 1 in 2,000.
               when (a.age < 90 and a.r_state < 8) or (a.age < 180 and a.r_state < 1)
                 or (a.r_staff % 2000 = 0) then case when a.r_state % 2 = 0 then 'open' else 'awaiting-decision' end
               when a.r_state < 55 then 'closed' when a.r_state < 80 then 'released'
               when a.r_state < 87 then 'withdrawn' when a.r_state < 92 then 'transferred'
               when a.r_state < 95 then 'escalated-to-complaint' else 'decided'
             end as status
      from aged a
    ), tracked as (
      select s.*,
             case
               when s.status = 'escalated-to-complaint' then 'complaint'
               when s.r_track < 70 then 'privacy-access' when s.r_track < 80 then 'privacy-correction'
               when s.r_track < 95 then 'official-information'
               when s.status = 'awaiting-triage' then 'privacy-access' else 'complaint'
             end as track,
             case
               when s.r_channel < 35 then 'kiosk' when s.r_channel < 55 then 'paper' when s.r_channel < 65 then 'oral'
               when s.r_channel < 85 then 'web' when s.r_channel < 95 then 'email' else 'post'
             end as channel
      from stated s
    )
    insert into requests (
      id, reference, kind, channel, track, status, subject_person_id, subject_name, requester_name,
      requester_relationship, authority_confirmed, routing_reason, description, urgent_requested, urgency_reason,
      received_at, received_date, triage_due_at, original_due_date, decision_due_date, transfer_due_date,
      assigned_officer_id, recorded_by, site, escalated_to_complaint_at, decision_outcome, released_at,
      closed_at, search_tokens, created_at, updated_at)
    select md5('request-' || t.i)::uuid,
           'TK-' || extract(year from t.received_date) || '-' || lpad(t.i::text, greatest(6, length(t.i::text)), '0'),
           case t.track when 'privacy-correction' then 'correction' when 'official-information' then 'official-information' else 'access' end,
           t.channel, t.track, t.status, md5('person-' || t.j)::uuid, p.name, p.name, 'self', false,
           'Synthetic', 'Synthetic request ' || t.i, t.r_staff % 50 = 0,
           case when t.r_staff % 50 = 0 then 'Hearing soon' end,
           t.received_at, t.received_date, t.received_at + interval '24 hours', d.decision_due, d.decision_due,
           d.transfer_due,
           case when t.status = 'awaiting-triage' or t.r_staff % 100 < 3 then null
                else (${officerIds})[1 + t.r_staff % ${staff.officers.length}]::uuid end,
           case when t.channel in ('kiosk', 'web') then null
                else (${intakeIds})[1 + t.r_staff % ${staff.intake.length}]::uuid end,
           p.site,
           case when t.status = 'escalated-to-complaint' then t.received_at + interval '24 hours' end,
           case when t.status in ('decided', 'released') then 'granted' end,
           case when t.status = 'released' then t.received_at + interval '20 days' end,
           case when t.status = 'closed' then t.received_at + interval '25 days' end,
           array_remove(array[
             lower('TK-' || extract(year from t.received_date) || '-' || lpad(t.i::text, greatest(6, length(t.i::text)), '0')),
             (${firstFolded})[1 + t.j % ${FIRST_NAMES.length}]]
             || string_to_array((${lastFolded})[1 + (t.j / ${FIRST_NAMES.length}) % ${SURNAMES.length}], ' ')
             || lower(p.prn), null),
           t.received_at, t.received_at
    from tracked t
    join persons p on p.id = md5('person-' || t.j)::uuid
    join bench_due d on d.received_date = t.received_date`);
  options.progress?.(`${n.toLocaleString('en-NZ')} requests`);

  await db.execute(sql`select setval('request_reference_seq', ${n + 1})`);
  await db.execute(sql`drop table bench_due`);
  return { persons: people, requests: n };
}

/** The surnames the generator uses, folded (for searches that find something). */
export const SYNTHETIC_SURNAMES = SURNAMES;
export const SYNTHETIC_SITES = SITES;
