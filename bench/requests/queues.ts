/**
 * The queue queries the register runs, as the repository builds them, and their EXPLAIN plans: shared by the
 * benchmark (PostgreSQL, a million rows) and the EXPLAIN test (PGlite and PostgreSQL, twenty thousand).
 * Each scenario states the repository filter the service builds for the same API query (see
 * `listRequests` in requests.service.ts: due=overdue means open statuses due before today).
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../../src/auth/actor.ts';
import { queryRows, type Executor } from '../../src/db/tx.ts';
import { addCalendarDays } from '../../src/law/calendar.ts';
import { dueDate } from '../../src/law/working-days.ts';
import { listRequestsQuery, type RequestFilter } from '../../src/requests/requests.repo.ts';
import { visibilityScope } from '../../src/requests/requests.rules.ts';
import type { ListQuery } from '../../src/requests/requests.service.ts';
import type { SyntheticStaff } from './synthetic.ts';

export const OPEN_STATUSES = ['awaiting-triage', 'open', 'awaiting-clarification', 'awaiting-decision'];

export interface QueueScenario {
  name: string;
  /** The API query (GET /api/requests?…) this scenario stands for. */
  api: string;
  actor: Actor;
  /** What the service is asked for. */
  query: ListQuery;
  /** The repository filter the service turns `query` into. */
  filter: RequestFilter;
}

const actorOf = (id: string, role: Actor['role'], team: string | null = null): Actor => ({
  id,
  name: `Bench ${role}`,
  role,
  team,
  site: null,
  address: 'bench',
});

/** The queues worth proving: the manager's views with each filter, and each role's own queue. */
export function queueScenarios(staff: SyntheticStaff, today: string, surname: string): QueueScenario[] {
  const manager = actorOf(staff.manager, 'manager');
  const officer = staff.officers[0]!;
  return [
    { name: 'all, by due date', api: '', actor: manager, query: {}, filter: {} },
    {
      name: 'status=open',
      api: 'status=open',
      actor: manager,
      query: { status: ['open'] },
      filter: { status: ['open'] },
    },
    {
      name: 'officer=…',
      api: 'officer=<id>',
      actor: manager,
      query: { officer: officer.id },
      filter: { officerId: officer.id },
    },
    {
      name: 'due=overdue',
      api: 'due=overdue',
      actor: manager,
      query: { due: 'overdue' },
      filter: { status: OPEN_STATUSES, dueBefore: addCalendarDays(today, -1) },
    },
    {
      name: 'due=due-soon',
      api: 'due=due-soon',
      actor: manager,
      query: { due: 'due-soon' },
      filter: { status: OPEN_STATUSES, dueAfter: addCalendarDays(today, -1), dueBefore: dueDate(today, 5) },
    },
    {
      name: `q=${surname}`,
      api: `q=${surname}`,
      actor: manager,
      query: { q: surname },
      filter: { searchTokens: [surname] },
    },
    {
      name: 'officer’s own view (team, triage queue, pool)',
      api: '(officer signed in)',
      actor: actorOf(officer.id, 'officer', officer.team),
      query: {},
      filter: {},
    },
    {
      name: 'queue=mine (officer)',
      api: 'queue=mine',
      actor: actorOf(officer.id, 'officer', officer.team),
      query: { queue: 'mine' },
      filter: { officerId: officer.id },
    },
    {
      name: 'queue=triage (intake)',
      api: 'queue=triage',
      actor: actorOf(staff.intake[0]!, 'intake'),
      query: { queue: 'triage' },
      filter: { status: ['awaiting-triage'] },
    },
    {
      name: 'queue=awaiting-decision',
      api: 'queue=awaiting-decision',
      actor: actorOf(staff.decisionMakers[0]!, 'decision-maker'),
      query: { queue: 'awaiting-decision' },
      filter: { status: ['awaiting-decision'] },
    },
  ];
}

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

export interface PlanSummary {
  /** The plan's nodes, outermost first, e.g. "Limit > Nested Loop Left Join > Index Scan (requests_status_due)". */
  outline: string;
  seqScanOnRequests: boolean;
  indexOnRequests: boolean;
  /** Indexes of `requests` the plan reads. */
  indexes: string[];
  executionMs: number;
  sharedHit: number;
  sharedRead: number;
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** EXPLAIN (ANALYZE, BUFFERS) of one page of a queue, as the repository would run it. */
export async function explainQueue(
  db: Executor,
  scenario: Pick<QueueScenario, 'actor' | 'filter'>,
  after: { due: string; id: string } | null = null,
  limit = 51,
): Promise<PlanSummary> {
  const query = listRequestsQuery(db, visibilityScope(scenario.actor), scenario.filter, after, limit);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`explain (analyze, buffers, format json) ${query}`,
  );
  const raw = Object.values(rows[0] ?? {})[0];
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{
    Plan: PlanNode;
    'Execution Time': number;
  }>;
  const top = parsed[0]!;
  const all = nodes(top.Plan);
  const onRequests = all.filter((node) => node['Relation Name'] === 'requests');
  const requestIndexes = new Set<string>();
  // Bitmap index scans name the index but not the table: take those under a Bitmap Heap Scan of requests.
  for (const node of all) {
    if (node['Relation Name'] === 'requests' && node['Index Name']) requestIndexes.add(node['Index Name']);
    if (node['Node Type'] === 'Bitmap Heap Scan' && node['Relation Name'] === 'requests') {
      for (const inner of nodes(node)) if (inner['Index Name']) requestIndexes.add(inner['Index Name']);
    }
  }
  const outline = all
    .map((node) => {
      const where = node['Index Name']
        ? ` (${node['Index Name']})`
        : node['Relation Name']
          ? ` on ${node['Relation Name']}`
          : '';
      return `${node['Node Type']}${where}`;
    })
    .join(' > ');
  return {
    outline,
    seqScanOnRequests: onRequests.some((node) => node['Node Type'] === 'Seq Scan'),
    indexOnRequests: requestIndexes.size > 0,
    indexes: [...requestIndexes],
    executionMs: top['Execution Time'],
    sharedHit: top.Plan['Shared Hit Blocks'] ?? 0,
    sharedRead: top.Plan['Shared Read Blocks'] ?? 0,
  };
}

/** The (due, id) of the row at `offset` in a scenario's order: a cursor deep into the queue. */
export async function rowAt(
  db: Executor,
  scenario: Pick<QueueScenario, 'actor' | 'filter'>,
  offset: number,
): Promise<{ due: string; id: string } | null> {
  const query = listRequestsQuery(db, visibilityScope(scenario.actor), scenario.filter, null, offset + 1);
  const rows = await queryRows<{ due: string; id: string }>(
    db,
    sql`select decision_due_date::text as due, id::text as id
        from (${query}) q order by decision_due_date desc, id desc limit 1`,
  );
  return rows[0] ?? null;
}

/** The cursor the service hands out for a row (base64url JSON of [due, id]; see encodeCursor). */
export const cursorFor = (row: { due: string; id: string }) =>
  Buffer.from(JSON.stringify([row.due, row.id])).toString('base64url');
