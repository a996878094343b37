/**
 * A verify worker: checks one range of audit event numbers on a connection of its own, posting the stored
 * hashes of each batch as it goes (`{kind:'hashes'}`, transferred, not copied) and then its `RangeCheck`
 * (`{kind:'done'}`). Started by `verifyAuditLog` on PostgreSQL.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { RangeChecker, type RangeCheck, type RangeRow } from './verify-range.ts';

/** What a worker posts. */
export type VerifyWorkerMessage =
  { kind: 'hashes'; from: number; hashes: Uint8Array } | { kind: 'done'; result: RangeCheck };

export interface VerifyWorkerData {
  module: string;
  url: string;
  /** First and last number of the range; the first range also takes any number below 1. */
  from: number;
  to: number;
  first: boolean;
  sealed: number;
  batchSize: number;
}

const EMPTY: Record<string, never> = {};
// Text straight from the database: the time already written as toISOString() writes it, details as JSON.
const QUERY = `select seq, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), actor_id, action,
  entity_type, entity_id, person_id, address, reason, details::text, encode(leaf_hash, 'hex'), erased_at is not null
  from audit_events where seq >= $1 and seq < $2 order by seq`;

type RawRow = [
  string,
  string,
  string | null,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string,
  string,
  boolean,
];

function toRow(raw: RawRow): RangeRow {
  return {
    seq: Number(raw[0]),
    at: raw[1],
    actorId: raw[2],
    action: raw[3],
    entityType: raw[4],
    entityId: raw[5],
    personId: raw[6],
    address: raw[7],
    reason: raw[8],
    details: raw[9] === '{}' ? EMPTY : JSON.parse(raw[9]),
    leafHash: raw[10],
    erased: raw[11],
  };
}

async function run(data: VerifyWorkerData): Promise<void> {
  const client = new pg.Client({ connectionString: data.url });
  await client.connect();
  try {
    const checker = new RangeChecker(data.from, data.sealed);
    const fetch = (lo: number) =>
      client.query<RawRow>({
        text: QUERY,
        values: [
          lo === data.from && data.first ? Number.MIN_SAFE_INTEGER : lo,
          Math.min(lo + data.batchSize, data.to + 1),
        ],
        rowMode: 'array',
      });
    let lo = data.from;
    let next: Promise<pg.QueryResult<RawRow>> | null = fetch(lo);
    outer: while (next) {
      const batch: pg.QueryResult<RawRow> = await next;
      lo += data.batchSize;
      next = lo <= data.to ? fetch(lo) : null; // the server works on the next batch while this one is checked
      for (const raw of batch.rows) if (checker.push(toRow(raw))) break outer;
      const chunk = checker.takeHashes();
      parentPort!.postMessage({ kind: 'hashes', ...chunk }, [chunk.hashes.buffer as ArrayBuffer]);
    }
    if (next) await next.catch(() => undefined);
    const result = checker.finish(data.to);
    parentPort!.postMessage({ kind: 'done', result }, [result.hashes.buffer as ArrayBuffer]);
  } finally {
    await client.end();
  }
}

await run(workerData as VerifyWorkerData);
