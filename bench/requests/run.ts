/**
 * Request register benchmark (issue 3), on PostgreSQL. Creates its own database beside DATABASE_URL's, bulk-loads
 * N synthetic requests (default 1,000,000) with INSERT … SELECT generate_series, then measures in the same run:
 *
 *  (a) create-request throughput through the service `createRequest` (person, reference, request, timeline
 *      event and audit rows in one transaction) against raw single-row INSERTs into a copy of the requests
 *      table (same columns and indexes) on the same database;
 *  (b) queue-page throughput through the service `listRequests` (transaction, join, audit row, summaries)
 *      against the raw `select … where … order by decision_due_date, id limit 50` for the same filter, first
 *      pages and deep cursor pages;
 *  (c) EXPLAIN (ANALYZE, BUFFERS) of each queue query: which index it reads, and no Seq Scan on requests.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/requests/run.ts [--rows N]
 *     [--seconds S] (per measurement, default 1.5) [--keep] (keep the database for a look afterwards)
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Actor } from '../../src/auth/actor.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/tx.ts';
import { nzDateOf } from '../../src/law/calendar.ts';
import { decidedStatuses, visibilityScope } from '../../src/requests/requests.rules.ts';
import { createRequest, listRequests } from '../../src/requests/requests.service.ts';
import {
  cursorFor,
  explainQueue,
  queueScenarios,
  rowAt,
  type PlanSummary,
  type QueueScenario,
} from './queues.ts';
import {
  insertSyntheticStaff,
  loadSyntheticRequests,
  SYNTHETIC_SITES,
  type SyntheticStaff,
} from './synthetic.ts';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const ROWS = Math.floor(option('rows', 1_000_000));
const SECONDS = option('seconds', 1.5);
const KEEP = process.argv.includes('--keep');
const CONCURRENCY = 8;
const PROPOSED_INDEX =
  'create index requests_open_due on requests (decision_due_date, id) ' +
  "where status in ('awaiting-triage', 'open', 'awaiting-clarification', 'awaiting-decision')";
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  process.stderr.write(
    'DATABASE_URL must name a PostgreSQL server (the benchmark creates its own database there)\n',
  );
  process.exit(2);
}

const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-NZ', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

interface Rate {
  ops: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
}

/** Runs `op` from `concurrency` loops until `seconds` pass (or `maxOps` ops), after a short warm-up. */
async function measure(
  op: (k: number) => Promise<unknown>,
  { seconds = SECONDS, concurrency = 1, maxOps = Infinity, warmup = 20 } = {},
): Promise<Rate> {
  for (let k = 0; k < warmup; k++) await op(-1 - k);
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline && next < maxOps) {
        const k = next++;
        const t0 = performance.now();
        await op(k);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    ops: latencies.length,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p95: at(0.95),
  };
}

/** A markdown table laid out as Prettier would; `left` lists the text columns (the rest are numbers). */
function markdownTable(head: string[], body: string[][], left: number[] = [0]): string[] {
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((r) => r[c]!.length)));
  const isLeft = (c: number) => left.includes(c);
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => (isLeft(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (isLeft(c) ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(head), rule, ...body.map(line)];
}

/** The raw SQL a hand-written queue page would run: the same filter, no join, no transaction, no audit. */
function rawQueue(scenario: QueueScenario, after: { due: string; id: string } | null) {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const scope = visibilityScope(scenario.actor);
  if (scope.kind === 'some') {
    const any: string[] = [];
    if (scope.recordedBy) any.push(`recorded_by = ${p(scope.recordedBy)}`);
    if (scope.triageQueue) any.push(`status = 'awaiting-triage'`);
    if (scope.unassigned) any.push('assigned_officer_id is null');
    if (scope.officerId) any.push(`assigned_officer_id = ${p(scope.officerId)}`);
    if (scope.team) any.push(`assigned_officer_id in (select id from users where team = ${p(scope.team)})`);
    if (scope.awaitingDecision) any.push(`status = 'awaiting-decision'`);
    if (scope.decided)
      any.push(
        `(status in (${decidedStatuses.map((s) => `'${s}'`).join(', ')}) and decision_outcome is not null)`,
      );
    where.push(`(${any.join(' or ')})`);
  }
  const f = scenario.filter;
  if (f.status?.length === 1) where.push(`status = ${p(f.status[0])}`);
  else if (f.status?.length) where.push(`status in (${f.status.map(p).join(', ')})`);
  if (f.officerId) where.push(`assigned_officer_id = ${p(f.officerId)}`);
  if (f.dueBefore) where.push(`decision_due_date <= ${p(f.dueBefore)}`);
  if (f.dueAfter) where.push(`decision_due_date > ${p(f.dueAfter)}`);
  if (f.searchTokens?.length) where.push(`search_tokens @> ${p(f.searchTokens)}::text[]`);
  if (after) where.push(`(decision_due_date, id) > (${p(after.due)}, ${p(after.id)})`);
  const text = `select * from requests ${where.length ? `where ${where.join(' and ')}` : ''} order by decision_due_date, id limit 50`;
  return { text, params };
}

// ---------------------------------------------------------------------------------------------------------

const dbName = `tiaki_bench_${randomBytes(5).toString('hex')}`;
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
await admin((client) => client.query(`create database ${dbName}`));
log(`created database ${dbName}`);
let handle: DatabaseHandle | undefined;
const rawPool = new pg.Pool({ connectionString: url.toString(), max: CONCURRENCY + 2 });
// Dropping the database at the end ends any connection still closing; that is expected, not a failure.
rawPool.on('error', () => undefined);

try {
  handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: CONCURRENCY + 2 });
  await handle.migrate();
  const db = handle.db;
  const now = new Date();
  const today = nzDateOf(now);
  const staff: SyntheticStaff = await insertSyntheticStaff(db);

  // ---- bulk load: drop the secondary indexes, load, build them again (the usual way to load a big table)
  const indexDefs = await queryRows<{ name: string; def: string }>(
    db,
    sql`select indexname as name, indexdef as def from pg_indexes
        where schemaname = 'public' and tablename in ('requests', 'persons')
          and indexname not in (select conname from pg_constraint)`,
  );
  for (const index of indexDefs) await db.execute(sql.raw(`drop index ${index.name}`));
  let t0 = performance.now();
  await loadSyntheticRequests(db, staff, { rows: ROWS, now, progress: (phase) => log(`loaded ${phase}`) });
  const loadSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  for (const index of indexDefs) {
    await db.execute(sql.raw(index.def));
    log(`built ${index.name}`);
  }
  const indexSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await db.execute(sql`vacuum analyze requests`);
  await db.execute(sql`vacuum analyze persons`);
  await db.execute(sql`analyze`);
  const vacuumSeconds = (performance.now() - t0) / 1000;
  const [size] = await queryRows<{ table: string; indexes: string }>(
    db,
    sql`select pg_size_pretty(pg_table_size('requests')) as table, pg_size_pretty(pg_indexes_size('requests')) as indexes`,
  );
  const statusCounts = await queryRows<{ status: string; n: string }>(
    db,
    sql`select status, count(*) as n from requests group by status order by count(*) desc`,
  );
  log(
    `load ${loadSeconds.toFixed(1)} s, indexes ${indexSeconds.toFixed(1)} s, vacuum/analyze ${vacuumSeconds.toFixed(1)} s`,
  );

  // ---- (a) create throughput
  const intake: Actor = {
    id: staff.intake[0]!,
    name: 'Bench intake',
    role: 'intake',
    team: null,
    site: null,
    address: 'bench',
  };
  const names = ['Aroha Pōtae', 'Wiremu Ngata', 'Sarah Jones', 'Hēmi Walker', 'Li Wei', 'Tama Rangi'];
  let made = 0;
  const newRequest = () => {
    const k = made++;
    return createRequest(
      db,
      { kind: 'staff', actor: intake },
      {
        kind: 'access',
        channel: k % 2 ? 'paper' : 'oral',
        receivedAt: new Date(now.getTime() - (k % 600) * 60_000),
        // Half are repeat requesters (an existing PRN from the load), half new people.
        subject: {
          name: names[k % names.length]!,
          prn: k % 2 ? `P${String(1 + ((k * 7919) % Math.ceil(ROWS * 0.6))).padStart(8, '0')}` : `NEW${k}`,
          site: SYNTHETIC_SITES[k % SYNTHETIC_SITES.length],
        },
        description: `Benchmark request ${k}`,
      },
    );
  };
  await rawPool.query('create table bench_raw_requests (like requests including all)');
  let rawMade = 0;
  const rawInsert = () => {
    const k = rawMade++;
    const received = new Date(now.getTime() - (k % 600) * 60_000);
    return rawPool.query(
      `insert into bench_raw_requests (reference, kind, channel, track, status, subject_person_id, subject_name,
         requester_name, requester_relationship, routing_reason, description, received_at, received_date,
         triage_due_at, original_due_date, decision_due_date, transfer_due_date, recorded_by, site, search_tokens)
       values ($1, 'access', 'paper', 'privacy-access', 'awaiting-triage', md5('person-1')::uuid, $2, $2, 'self',
         'Raw', $3, $4, $5, $6, $7, $7, $8, $9, $10, $11)`,
      [
        `RAW-${k}`,
        names[k % names.length],
        `Raw request ${k}`,
        received,
        nzDateOf(received),
        new Date(received.getTime() + 86_400_000),
        '2026-12-22',
        '2026-12-08',
        intake.id,
        SYNTHETIC_SITES[k % SYNTHETIC_SITES.length],
        [`raw-${k}`, 'aroha', 'potae'],
      ],
    );
  };
  log('measuring creates');
  const createService = await measure(newRequest);
  const createRaw = await measure(rawInsert);
  const createService8 = await measure(newRequest, { concurrency: CONCURRENCY });
  const createRaw8 = await measure(rawInsert, { concurrency: CONCURRENCY });

  // ---- (b) queue pages
  // Smith: one of the commonest surnames in the generator's list (about 1 in 90 people).
  const scenarios = queueScenarios(staff, today, 'smith');
  const deep: Array<{ scenario: QueueScenario; after: { due: string; id: string } }> = [];
  for (const name of ['all, by due date', 'status=open', 'due=overdue']) {
    const scenario = scenarios.find((s) => s.name === name)!;
    const all = rawQueue(scenario, null);
    const counted = await rawPool.query<{ n: string }>(
      `select count(*) as n from (${all.text.replace(/ limit 50$/, '')}) c`,
      all.params,
    );
    const after = await rowAt(db, scenario, Math.floor(Number(counted.rows[0]?.n ?? 0) / 2));
    if (after) deep.push({ scenario, after });
  }

  interface QueueResult {
    name: string;
    api: string;
    service: Rate;
    raw: Rate;
    plan: PlanSummary;
    items: number;
  }
  const queueResults: QueueResult[] = [];
  const runQueue = async (
    scenario: QueueScenario,
    after: { due: string; id: string } | null,
    label: string,
    into = queueResults,
  ) => {
    log(`measuring ${label}`);
    const query = { ...scenario.query, ...(after ? { cursor: cursorFor(after) } : {}) };
    const page = await listRequests(db, scenario.actor, query, now);
    const raw = rawQueue(scenario, after);
    const service = await measure(() => listRequests(db, scenario.actor, query, now));
    const rawRate = await measure(() => rawPool.query(raw.text, raw.params));
    const plan = await explainQueue(db, scenario, after, 51);
    into.push({ name: label, api: scenario.api, service, raw: rawRate, plan, items: page.items.length });
  };
  for (const scenario of scenarios) await runQueue(scenario, null, scenario.name);
  for (const { scenario, after } of deep)
    await runQueue(scenario, after, `${scenario.name}, deep page (middle)`);

  // Eight readers at once: every page read appends to the audit chain, whose head row serialises appenders.
  const allScenario = scenarios[0]!;
  const allRaw = rawQueue(allScenario, null);
  log('measuring concurrent queue pages');
  const pages8 = await measure(() => listRequests(db, allScenario.actor, {}, now), {
    concurrency: CONCURRENCY,
  });
  const pagesRaw8 = await measure(() => rawPool.query(allRaw.text, allRaw.params), {
    concurrency: CONCURRENCY,
  });

  // ---- (d) the overdue and due-soon queues with the partial index proposed for them (not in the schema)
  log('trying the proposed index');
  await db.execute(sql.raw(PROPOSED_INDEX));
  await db.execute(sql`analyze requests`);
  const withIndex: QueueResult[] = [];
  for (const name of ['due=overdue', 'due=due-soon']) {
    const scenario = scenarios.find((s) => s.name === name)!;
    await runQueue(scenario, null, name, withIndex);
  }
  for (const { scenario, after } of deep.filter((d) => d.scenario.name === 'due=overdue')) {
    await runQueue(scenario, after, `${scenario.name}, deep page (middle)`, withIndex);
  }
  const before = (name: string) => queueResults.find((r) => r.name === name);

  // ---- report
  const [pgVersion] = await queryRows<{ version: string }>(
    db,
    sql`select current_setting('server_version') as version`,
  );
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const memory = `${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  let nproc = String(os.cpus().length);
  try {
    nproc = execSync('nproc').toString().trim();
  } catch {
    // os.cpus() is a fair stand-in
  }
  const load = os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');
  const ratio = (a: Rate, b: Rate) => (a.perSecond / b.perSecond).toFixed(2);
  const ms = (n: number) => n.toFixed(2);
  const allIndexed = queueResults.every((r) => !r.plan.seqScanOnRequests && r.plan.indexOnRequests);

  const report = [
    '# Request register benchmark',
    '',
    `${fmt(ROWS)} synthetic requests (${statusCounts.map((s) => `${s.status} ${fmt(Number(s.n))}`).join(', ')}); ` +
      `requests table ${size?.table}, its indexes ${size?.indexes}.`,
    '',
    `Machine: ${nproc} CPUs (${cpu}), ${memory} memory, Node ${process.version}, PostgreSQL ${pgVersion?.version} on the same ` +
      `machine; load average during the run ${load} (other work was running). Date ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `Bulk load (INSERT … SELECT generate_series, secondary indexes dropped): ${loadSeconds.toFixed(1)} s; ` +
      `index builds ${indexSeconds.toFixed(1)} s; VACUUM ANALYZE ${vacuumSeconds.toFixed(1)} s.`,
    '',
    '## (a) Create a request',
    '',
    'Service: `createRequest` (find or create the person, take a reference, insert the request, its timeline event, ' +
      'and one or two audit rows, all in one transaction). Raw: one autocommitted single-row INSERT into ' +
      '`bench_raw_requests` (LIKE requests INCLUDING ALL: same columns, defaults and indexes) on the same database.',
    '',
    ...markdownTable(
      ['clients', 'service /s', 'raw INSERT /s', 'service ÷ raw', 'service p50 ms', 'raw p50 ms'],
      [
        [
          '1',
          fmt(createService.perSecond),
          fmt(createRaw.perSecond),
          ratio(createService, createRaw),
          ms(createService.p50),
          ms(createRaw.p50),
        ],
        [
          String(CONCURRENCY),
          fmt(createService8.perSecond),
          fmt(createRaw8.perSecond),
          ratio(createService8, createRaw8),
          ms(createService8.p50),
          ms(createRaw8.p50),
        ],
      ],
    ),
    '',
    '## (b) Queue pages (50 rows)',
    '',
    'Service: `listRequests` (one transaction: the page with the officer join, one `request.listed` audit row, ' +
      'due-state summaries). Raw: `select * from requests where <same filter> order by decision_due_date, id limit 50`. ' +
      'One client; deep pages start from a cursor at the middle of the filtered list.',
    '',
    ...markdownTable(
      ['queue', 'rows', 'service pages/s', 'raw pages/s', 'service ÷ raw', 'service p50 ms', 'raw p50 ms'],
      queueResults.map((r) => [
        r.name,
        String(r.items),
        fmt(r.service.perSecond),
        fmt(r.raw.perSecond),
        ratio(r.service, r.raw),
        ms(r.service.p50),
        ms(r.raw.p50),
      ]),
    ),
    '',
    `${CONCURRENCY} clients at once, first page of all requests: service ${fmt(pages8.perSecond)} pages/s ` +
      `(p50 ${ms(pages8.p50)} ms), raw ${fmt(pagesRaw8.perSecond)} pages/s (p50 ${ms(pagesRaw8.p50)} ms), ratio ${ratio(pages8, pagesRaw8)}.`,
    '',
    '## (c) Query plans (EXPLAIN (ANALYZE, BUFFERS) of each queue page)',
    '',
    ...markdownTable(
      ['queue', 'index on requests', 'Seq Scan on requests', 'exec ms', 'buffers hit/read', 'plan'],
      queueResults.map((r) => [
        r.name,
        r.plan.indexes.join(', ') || '—',
        r.plan.seqScanOnRequests ? 'YES' : 'no',
        ms(r.plan.executionMs),
        `${fmt(r.plan.sharedHit)}/${fmt(r.plan.sharedRead)}`,
        r.plan.outline,
      ]),
      [0, 1, 2, 5],
    ),
    '',
    allIndexed
      ? 'Every queue query reads an index of `requests`; none scans the table.'
      : '**At least one queue query scans the whole requests table (see the plans above).**',
    '',
    '## (d) Proposed: a partial index for the open queues',
    '',
    'The overdue and due-soon queues ask for open requests (four statuses) in due-date order. Neither ' +
      '`requests_due` (it must step over every finished request due earlier) nor `requests_status_due` (one range ' +
      'per status, then a sort) serves that directly. This index, built here on the loaded data, does:',
    '',
    '```sql',
    `${PROPOSED_INDEX};`,
    '```',
    '',
    ...markdownTable(
      [
        'queue',
        'pages/s before',
        'pages/s with index',
        'exec ms before',
        'exec ms with index',
        'index used',
        'service ÷ raw',
      ],
      withIndex.map((r) => {
        const old = before(r.name);
        return [
          r.name,
          old ? fmt(old.service.perSecond) : '—',
          fmt(r.service.perSecond),
          old ? ms(old.plan.executionMs) : '—',
          ms(r.plan.executionMs),
          r.plan.indexes.join(', '),
          ratio(r.service, r.raw),
        ];
      }),
      [0, 5],
    ),
    '',
    `Run: \`DATABASE_URL=postgres://… node --import tsx bench/requests/run.ts [--rows N] [--seconds S] [--keep]\`.`,
    '',
  ].join('\n');

  process.stdout.write(report);
  mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('../results/requests.md', import.meta.url), report);
  if (!allIndexed) process.exitCode = 1;
} finally {
  await rawPool.end();
  await handle?.close();
  await new Promise((resolve) => setTimeout(resolve, 250)); // let closing connections go before the drop
  if (KEEP) log(`kept database ${dbName}`);
  else await admin((client) => client.query(`drop database if exists ${dbName} with (force)`));
}
