import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainQueue, queueScenarios, rowAt, type QueueScenario } from '../../bench/requests/queues.ts';
import { insertSyntheticStaff, loadSyntheticRequests } from '../../bench/requests/synthetic.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { queryRows } from '../db/tx.ts';
import { REQUEST_STATUSES } from '../law/lifecycle.ts';
import { nzDateOf } from '../law/calendar.ts';
import { createTestDatabase, testDatabaseKinds } from '../testing/databases.ts';

const ROWS = 20_000;
/** The scenarios' names, known before any staff exist (the ids are filled in once the data is loaded). */
const NAMES = queueScenarios(
  { officers: [{ id: '-', team: '-' }], intake: ['-'], decisionMakers: ['-'], manager: '-' },
  '2026-01-01',
  'smith',
).map((scenario) => scenario.name);
const DEEP = ['all, by due date', 'status=open', 'due=overdue'];

/**
 * Issue 3: the queues stay fast at a million requests because every one is an index scan. The plans are read
 * on 20,000 synthetic requests (the benchmark reads them on a million): no queue may scan the whole table.
 */
describe.each(testDatabaseKinds())(
  `queue query plans on %s (${ROWS.toLocaleString('en-NZ')} requests)`,
  (kind) => {
    let handle: DatabaseHandle;
    let scenarios: QueueScenario[];

    beforeAll(async () => {
      handle = await createTestDatabase(kind);
      const now = new Date();
      const staff = await insertSyntheticStaff(handle.db);
      await loadSyntheticRequests(handle.db, staff, { rows: ROWS, now });
      await handle.db.execute(sql`analyze`);
      scenarios = queueScenarios(staff, nzDateOf(now), 'smith');
    });
    afterAll(async () => {
      await handle.close();
    });

    it('loaded a realistic spread: every status, and open requests both overdue and not', async () => {
      const statuses = await queryRows<{ status: string }>(
        handle.db,
        sql`select distinct status from requests order by status`,
      );
      expect(statuses.map((row) => row.status)).toEqual([...REQUEST_STATUSES].sort());
      const [open] = await queryRows<{ overdue: number; onTime: number }>(
        handle.db,
        sql`select count(*) filter (where decision_due_date < current_date)::int as "overdue",
                 count(*) filter (where decision_due_date >= current_date)::int as "onTime"
          from requests where status in ('open', 'awaiting-decision')`,
      );
      expect(open?.overdue).toBeGreaterThan(50);
      expect(open?.onTime).toBeGreaterThan(50);
    });

    const scenario = (name: string) => scenarios.find((s) => s.name === name)!;

    it.each(NAMES)('%s: the first page is an index scan, never a Seq Scan on requests', async (name) => {
      const plan = await explainQueue(handle.db, scenario(name));
      expect(plan.seqScanOnRequests, `${name}: ${plan.outline}`).toBe(false);
      expect(plan.indexOnRequests, `${name}: ${plan.outline}`).toBe(true);
    });

    it.each(DEEP)('%s: a deep cursor page is an index scan too', async (name) => {
      const after = await rowAt(handle.db, scenario(name), 200);
      expect(after).not.toBeNull();
      const plan = await explainQueue(handle.db, scenario(name), after);
      expect(plan.seqScanOnRequests, `${name}: ${plan.outline}`).toBe(false);
      expect(plan.indexOnRequests, `${name}: ${plan.outline}`).toBe(true);
    });
  },
);
