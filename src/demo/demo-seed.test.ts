import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { queryRows } from '../db/tx.ts';
import { createTestDatabase } from '../testing/databases.ts';
import { seedDemo } from './demo-seed.ts';

// One database kind is enough here: the seed only calls use cases that are tested on both.
describe('tiaki demo seed', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await handle.close();
  });

  it('adds demo staff and requests in many states, with flagged accesses for the audit pages', async () => {
    const summary = await seedDemo(handle.db, { requests: 80 });
    expect(summary.alreadySeeded).toBe(false);
    expect(summary.staff).toBe(8);
    expect(Object.values(summary.byStatus).reduce((a, b) => a + b, 0)).toBe(80);
    expect(Object.keys(summary.byStatus).length).toBeGreaterThanOrEqual(6);
    const [flags] = await queryRows<{ count: string | number }>(
      handle.db,
      sql`select count(*) as count from audit_flags`,
    );
    expect(Number(flags?.count)).toBeGreaterThan(0);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const [before] = await queryRows<{ count: string | number }>(
      handle.db,
      sql`select count(*) as count from requests`,
    );
    const summary = await seedDemo(handle.db, { requests: 80 });
    const [after] = await queryRows<{ count: string | number }>(
      handle.db,
      sql`select count(*) as count from requests`,
    );
    expect(summary.alreadySeeded).toBe(true);
    expect(Number(after?.count)).toBe(Number(before?.count));
  });
});
