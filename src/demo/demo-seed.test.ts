import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { queryRows } from '../db/tx.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../server/config.ts';
import { createTestDatabase } from '../testing/databases.ts';
import { seedDemo } from './demo-seed.ts';

// One database kind is enough here: the seed only calls use cases that are tested on both.
describe('tiaki demo seed', () => {
  let handle: DatabaseHandle;
  let scratch: string;
  let config: Config;
  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    scratch = mkdtempSync(path.join(tmpdir(), 'tiaki-demo-'));
    config = loadConfig({
      TIAKI_STORAGE_DIR: path.join(scratch, 'files'),
      TIAKI_OUTBOX_DIR: path.join(scratch, 'outbox'),
    });
  });
  afterAll(async () => {
    await handle.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('adds demo staff and requests in many states, with flagged accesses for the audit pages', async () => {
    const summary = await seedDemo(handle.db, { requests: 80, config });
    expect(summary.alreadySeeded).toBe(false);
    expect(summary.casework?.toReview.map((r) => r.officer)).toEqual([
      'Olivia Hart',
      'Tama Fonoti',
      'Mei Lin Chua',
    ]);
    expect(summary.staff).toBe(8);
    expect(Object.values(summary.byStatus).reduce((a, b) => a + b, 0)).toBe(80);
    expect(Object.keys(summary.byStatus).length).toBeGreaterThanOrEqual(6);
    const [flags] = await queryRows<{ count: string | number }>(
      handle.db,
      sql`select count(*) as count from audit_flags`,
    );
    expect(Number(flags?.count)).toBeGreaterThan(0);
  });

  it('gives open requests documents and takes some through review, decision and a verified release', async () => {
    const [counts] = await queryRows<Record<string, string | number>>(
      handle.db,
      sql`select (select count(*) from documents) as documents,
                 (select count(*) from redaction_marks where status = 'accepted') as accepted,
                 (select count(*) from decisions where status = 'approved') as approved,
                 (select count(*) from decisions where status = 'submitted') as submitted,
                 (select count(*) from letters) as letters,
                 (select count(*) from releases where status <> 'built') as handed_over,
                 (select count(*) from disclosure_log) as disclosures`,
    );
    const n = (key: string) => Number(counts?.[key]);
    expect(n('documents')).toBeGreaterThanOrEqual(9);
    expect(n('accepted')).toBeGreaterThan(0);
    expect(n('submitted')).toBeGreaterThan(0);
    expect(n('approved')).toBeGreaterThan(0);
    expect(n('letters')).toBeGreaterThanOrEqual(n('approved'));
    expect(n('handed_over')).toBeGreaterThan(0);
    expect(n('disclosures')).toBeGreaterThan(0);
    // Each officer keeps an open request with documents and nothing reviewed, to take to release.
    const untouched = await queryRows<{ officer: string }>(
      handle.db,
      sql`select distinct r.assigned_officer_id as officer from requests r
           where r.status = 'open' and exists (select 1 from documents d where d.request_id = r.id)
             and not exists (select 1 from documents d join redaction_marks m on m.document_id = d.id
                              where d.request_id = r.id)`,
    );
    expect(untouched.length).toBe(3);
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
