import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { queryRows } from '../db/tx.ts';
import { createTestDatabase } from '../testing/databases.ts';
import { auditRowsBetween } from './audit-log.repo.ts';
import { verifyAuditLog } from './audit-verify.service.ts';
import { toHex } from './merkle/hash.ts';
import { auditLeafHash, encodeAuditLeaf } from './merkle/leaf.ts';
import { appendEvents, checkpointNow, tamper, temporaryAuditSettings } from './testing-audit.ts';
import { AuditCopyDecoder, auditCopyQuery, copyOut } from './verify-copy.ts';
import type { RangeChecker, RangeRow } from './verify-range.ts';

/** What the decoder hands a checker: each row's encoded leaf, or the decoded row for the general path. */
function recorder() {
  const seen: { seq: number; leaf: string | null; row?: RangeRow }[] = [];
  const checker = {
    pushEncoded(seq: number, input: Uint8Array | null) {
      seen.push({ seq, leaf: input ? Buffer.from(input.subarray(1)).toString('utf8') : null });
      return false;
    },
    push(row: RangeRow) {
      seen.push({ seq: row.seq, leaf: null, row });
      return false;
    },
  };
  return { seen, checker: checker as unknown as RangeChecker };
}

// Binary COPY is PostgreSQL's wire protocol: PGlite reads the log through the driver (tested in audit-verify.test.ts).
describe.skipIf(!process.env.DATABASE_URL)('verify workers read the log by binary COPY on postgres', () => {
  let database: DatabaseHandle;
  let url: string;
  const { settings, key, cleanup } = temporaryAuditSettings();

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const [row] = await queryRows<{ name: string }>(database.db, sql`select current_database() as name`);
    const address = new URL(process.env.DATABASE_URL!);
    address.pathname = `/${row!.name}`;
    url = address.toString();
    await appendEvents(database.db, 3); // details with macrons
    await appendEvents(database.db, 1, { details: {} });
    await appendEvents(database.db, 1, {
      details: {},
      reason: 'quote " backslash \\ tab \t newline \n bell \u0007 end',
      address: 'Ōtautahi, 10 Māori Street 🌿',
      entityId: null,
      entityType: null,
    });
    await appendEvents(database.db, 1, {
      details: { z: [1, 2.5, -0, 1e21, 'x'], a: { nested: true, empty: [] }, é: null, Z: 'ā' },
    });
    await appendEvents(database.db, 1, { details: {}, actorId: '0A1B2C3D-0000-4000-8000-00000000FFFF' });
    await checkpointNow(database.db, settings, key);
  });
  afterAll(async () => {
    await database.close();
    cleanup();
  });

  const decodeAll = async (lo: number, hi: number) => {
    const { seen, checker } = recorder();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const decoder = new AuditCopyDecoder(checker);
      await copyOut(client, auditCopyQuery(lo, hi), (chunk) => decoder.message(chunk));
    } finally {
      await client.end();
    }
    return seen;
  };

  it('writes each event’s leaf byte for byte as encodeAuditLeaf does, from the raw fields', async () => {
    const rows = await auditRowsBetween(database.db, 1, 1000);
    const seen = await decodeAll(1, 1000);
    expect(seen.map((s) => s.seq)).toEqual(rows.map((r) => r.seq));
    for (const [i, row] of rows.entries()) {
      expect(seen[i]!.leaf).toBe(encodeAuditLeaf(row).toString('utf8'));
      expect(toHex(auditLeafHash(row))).toBe(toHex(row.leafHash));
    }
  });

  it('times before 1970 and long ago are written as the driver’s dates give them', async () => {
    await tamper(
      database.db,
      sql`update audit_events set at = '1969-07-21T02:56:15.123Z' where seq = 1`,
      sql`update audit_events set at = '2026-03-01T12:34:56.789999+13:00' where seq = 2`,
      sql`update audit_events set at = '0900-01-01T00:00:00Z' where seq = 3`,
    );
    const rows = await auditRowsBetween(database.db, 1, 4);
    const seen = await decodeAll(1, 4);
    for (const [i, row] of rows.entries()) {
      expect(seen[i]!.leaf ?? encodeAuditLeaf(seen[i]!.row!).toString('utf8')).toBe(
        encodeAuditLeaf(row).toString('utf8'),
      );
    }
    expect(seen[0]!.leaf).toContain('"at":"1969-07-21T02:56:15.123Z"');
    expect(seen[2]!.leaf).toContain('"at":"0900-01-01T00:00:00.000Z"');
  });

  it('gives the general path erased events and erasure records, and no leaf for a time no date can hold', async () => {
    await tamper(
      database.db,
      sql`update audit_events set erased_at = now() where seq = 4`,
      sql`update audit_events set action = 'audit.event-erased', details = '{"seq": 4}' where seq = 5`,
      sql`update audit_events set at = 'infinity' where seq = 6`,
    );
    const seen = await decodeAll(4, 7);
    expect(seen[0]!.row).toMatchObject({ seq: 4, erased: true });
    expect(seen[1]!.row).toMatchObject({ seq: 5, action: 'audit.event-erased', details: { seq: 4 } });
    expect(seen[2]).toEqual({ seq: 6, leaf: null });
    // The verdict is the same as over the driver, in one or several workers.
    const options = { verifierKeys: [key.verifierKey], origin: settings.origin, batchSize: 2 };
    const inProcess = await verifyAuditLog(database.db, options);
    expect(inProcess).toMatchObject({ ok: false, firstBadEvent: 1 });
    for (const workers of [1, 2, 4]) {
      expect(await verifyAuditLog(database.db, { ...options, parallel: { url, workers } })).toEqual(
        inProcess,
      );
    }
  });
});
