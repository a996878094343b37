/**
 * A verify worker: checks its parts of the log (ranges of event numbers) on a connection of its own and
 * posts, for each, its `RangeCheck` and the Merkle tree of its stored hashes (`PartTree`, ./verify-tree.ts).
 * Started by `verifyAuditLog` on PostgreSQL. Rows arrive by binary COPY and are encoded and hashed from their
 * bytes (./verify-copy.ts); the next batch is queued before this one is read, so the server never waits for
 * the worker between batches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { AuditCopyDecoder, auditCopyQuery, copyOut } from './verify-copy.ts';
import { RangeChecker, type RangeCheck } from './verify-range.ts';
import { PartTreeBuilder, type PartTree } from './verify-tree.ts';

/** One part of the log: events `from`…`to`; the first part also takes any number below 1. */
export interface VerifyPart {
  index: number;
  from: number;
  to: number;
  first: boolean;
}

/** What a worker posts, once per part. */
export interface VerifyWorkerMessage {
  kind: 'part';
  index: number;
  result: RangeCheck;
  tree: PartTree;
}

export interface VerifyWorkerData {
  module: string;
  url: string;
  parts: VerifyPart[];
  sealed: number;
  batchSize: number;
  /** Sizes of the trusted checkpoints, whose roots the main thread checks from the parts' trees. */
  checkpointSizes: number[];
}

// Checks one part and posts it; true when it failed (the parts after it need not be read).
async function checkPart(client: pg.Client, part: VerifyPart, data: VerifyWorkerData): Promise<boolean> {
  const checker = new RangeChecker(part.from, data.sealed);
  const tree = new PartTreeBuilder(part.from, data.checkpointSizes);
  const fetch = (lo: number) => {
    const decoder = new AuditCopyDecoder(checker);
    const done = copyOut(
      client,
      auditCopyQuery(
        lo === part.from && part.first ? Number.MIN_SAFE_INTEGER : lo,
        Math.min(lo + data.batchSize, part.to + 1),
      ),
      (chunk) => decoder.message(chunk),
    );
    return { decoder, done };
  };
  let lo = part.from;
  let next: ReturnType<typeof fetch> | null = fetch(lo);
  while (next) {
    const batch: ReturnType<typeof fetch> = next;
    lo += data.batchSize;
    next = lo <= part.to ? fetch(lo) : null; // queued: the server starts on it as soon as this one is sent
    await batch.done;
    if (batch.decoder.failed) break;
    tree.add(checker.takeHashes().hashes);
  }
  if (next) await next.done.catch(() => undefined);
  const result = checker.finish(part.to);
  tree.add(result.hashes);
  const message: VerifyWorkerMessage = {
    kind: 'part',
    index: part.index,
    result: { ...result, hashes: new Uint8Array(0) },
    tree: tree.result(),
  };
  parentPort!.postMessage(message);
  return result.failure !== null;
}

async function run(data: VerifyWorkerData): Promise<void> {
  const client = new pg.Client({ connectionString: data.url });
  await client.connect();
  try {
    for (const part of data.parts) if (await checkPart(client, part, data)) break;
  } finally {
    await client.end();
  }
}

await run(workerData as VerifyWorkerData);
