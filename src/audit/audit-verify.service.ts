import { readdir, readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type { Executor } from '../db/tx.ts';
import {
  auditBounds,
  auditRowsBetween,
  listCheckpoints,
  sealedSize,
  streamAuditRows,
  streamLeafHashes,
} from './audit-log.repo.ts';
import { verifyCheckpoint, type Checkpoint } from './merkle/checkpoint.ts';
import { HASH_SIZE, toHex } from './merkle/hash.ts';
import { encodeAuditLeaf } from './merkle/leaf.ts';
import { encodeConsistencyProof, encodeInclusionProof } from './merkle/proofs.ts';
import { MerkleTree } from './merkle/tree.ts';
import { LogVerifier, type AuditLogRow } from './merkle/verify-log.ts';
import {
  earliest,
  ERASURE_ACTION,
  RangeChecker,
  type Failure,
  type RangeCheck,
  type VerifyReason,
} from './verify-range.ts';
import type { VerifyWorkerData, VerifyWorkerMessage } from './verify-range.worker.ts';

export { ERASURE_ACTION, type VerifyReason } from './verify-range.ts';

/** What `tiaki audit verify` prints (the CONTRACT's fields first). */
export type AuditVerdict =
  | {
      ok: true;
      events: number;
      root: string;
      erased: number;
      checkpoints: number;
      /** Events above a number still in flight (not yet sealed): each checked against its own hash only. */
      pending: number;
    }
  | Failure;

/** Checkpoints exist but no verifier key was given or configured: nothing can be trusted. */
export class NoVerifierKeyError extends Error {
  constructor() {
    super(
      'checkpoints exist but no verifier key is configured (TIAKI_AUDIT_SIGNING_KEY, the data folder key, or --key)',
    );
    this.name = 'NoVerifierKeyError';
  }
}

interface NoteSource {
  where: string;
  note: string;
  /** The database row's own columns, to compare with the note. */
  stored?: { treeSize: number; root: string };
}

function checkNote(note: string, keys: readonly string[], origin: string): Checkpoint | null {
  for (const key of keys) {
    const verdict = verifyCheckpoint(note, key, { origin });
    if (verdict.ok) return verdict.checkpoint;
  }
  return null;
}

/** Reads every `checkpoint-*.txt` of an export folder; none when the folder does not exist. */
export async function readExportedCheckpoints(dir: string): Promise<NoteSource[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const notes: NoteSource[] = [];
  for (const name of names.filter((n) => /^checkpoint-\d+\.txt$/.test(n)).sort()) {
    const file = path.join(dir, name);
    notes.push({ where: file, note: await readFile(file, 'utf8') });
  }
  return notes;
}

/**
 * Checks every checkpoint (stored and exported): signature under a trusted key, the stored columns against the
 * note, no two roots for one size. Gives the trusted ones and the first failure, if any.
 */
async function trustedCheckpoints(
  db: Executor,
  options: { verifierKeys: readonly string[]; exportDirs: readonly string[]; origin: string },
): Promise<{ trusted: { treeSize: number; rootHash: string }[]; failure: Failure | null }> {
  const sources: NoteSource[] = (await listCheckpoints(db)).map((row) => ({
    where: `audit_checkpoints tree_size ${row.treeSize}`,
    note: row.signedNote,
    stored: { treeSize: row.treeSize, root: row.root },
  }));
  for (const dir of options.exportDirs) sources.push(...(await readExportedCheckpoints(dir)));
  if (sources.length > 0 && options.verifierKeys.length === 0) throw new NoVerifierKeyError();

  const roots = new Map<number, string>();
  const problems: { size: number; reason: VerifyReason; message: string }[] = [];
  for (const source of sources) {
    const checkpoint = checkNote(source.note, options.verifierKeys, options.origin);
    const claimed = source.stored?.treeSize ?? Number(source.note.split('\n')[1]);
    if (!checkpoint) {
      problems.push({
        size: Number.isSafeInteger(claimed) ? claimed : 0,
        reason: 'checkpoint-signature',
        message: `${source.where}: the signature does not verify under any trusted key`,
      });
      continue;
    }
    if (
      source.stored &&
      (source.stored.treeSize !== checkpoint.treeSize || source.stored.root !== checkpoint.rootHash)
    ) {
      problems.push({
        size: Math.min(source.stored.treeSize, checkpoint.treeSize),
        reason: 'checkpoint-mismatch',
        message: `${source.where}: the stored size or root differs from the signed note`,
      });
      continue;
    }
    const known = roots.get(checkpoint.treeSize);
    if (known !== undefined && known !== checkpoint.rootHash) {
      problems.push({
        size: checkpoint.treeSize,
        reason: 'checkpoint-mismatch',
        message: `two signed checkpoints of ${checkpoint.treeSize} events have different roots (${source.where})`,
      });
      continue;
    }
    roots.set(checkpoint.treeSize, checkpoint.rootHash);
  }
  const trusted = [...roots]
    .map(([treeSize, rootHash]) => ({ treeSize, rootHash }))
    .sort((a, b) => a.treeSize - b.treeSize);
  let failure: Failure | null = null;
  for (const problem of problems) {
    // A checkpoint that cannot be trusted vouches for nothing after the last one that can.
    const below = trusted.filter((c) => c.treeSize < problem.size).at(-1)?.treeSize ?? 0;
    const candidate: Failure = {
      ok: false,
      firstBadEvent: below + 1,
      reason: problem.reason,
      message: problem.message,
    };
    if (!failure || candidate.firstBadEvent < failure.firstBadEvent) failure = candidate;
  }
  return { trusted, failure };
}

/**
 * Verifies the whole audit log in the database, streaming it in number order: each event against its stored
 * leaf hash (an erased event by its stored hash, and only when an erasure event records it), numbers without
 * gaps up to the sealed prefix, the RFC 9162 root at every trusted checkpoint, every checkpoint's signature
 * (stored and exported). Numbers above a hole beyond the sealed prefix are still in flight: those events are
 * checked one by one and counted as `pending`. Memory stays O(log n) plus the erased numbers.
 *
 * @example await verifyAuditLog(db, { verifierKeys: [vkey], exportDirs: [dir], origin: 'tiaki/audit' })
 * // { ok: true, events: 1000000, root: '…', erased: 0, checkpoints: 1000, pending: 0 }
 */
export async function verifyAuditLog(
  db: Executor,
  options: {
    verifierKeys: readonly string[];
    exportDirs?: readonly string[];
    origin: string;
    batchSize?: number;
    /** PostgreSQL: check ranges of the log in this many worker threads, each on its own connection. */
    parallel?: { url: string; workers: number };
  },
): Promise<AuditVerdict> {
  const { trusted, failure: checkpointFailure } = await trustedCheckpoints(db, {
    verifierKeys: options.verifierKeys,
    exportDirs: options.exportDirs ?? [],
    origin: options.origin,
  });
  const sealed = Math.max(await sealedSize(db), trusted.at(-1)?.treeSize ?? 0);
  const bounds = await auditBounds(db);
  const batchSize = options.batchSize ?? 20_000;
  const last = Math.max(bounds.max, 0);
  const merger = new TreeMerger(trusted, checkpointFailure);
  if (options.parallel && options.parallel.workers > 1 && last > batchSize) {
    await checkInWorkers(options.parallel, last, sealed, batchSize, merger);
  } else {
    merger.addRange(await checkInProcess(db, last, sealed, Math.min(bounds.min, 1), batchSize));
  }
  return merger.finish(sealed);
}

async function checkInProcess(
  db: Executor,
  last: number,
  sealed: number,
  lowest: number,
  batchSize: number,
): Promise<RangeCheck> {
  const checker = new RangeChecker(1, sealed);
  outer: for await (const rows of streamAuditRows(db, { from: lowest, to: last, batchSize })) {
    for (const row of rows) if (checker.push(row)) break outer;
  }
  return checker.finish(last);
}

const workerBoot = new URL('./verify-worker-boot.mjs', import.meta.url);
const workerModule = new URL('./verify-range.worker.ts', import.meta.url).href;

/**
 * Splits 1..last into one range per worker; each worker streams its stored hashes back as it checks its rows,
 * and the tree is built from them in number order while the later ranges are still being read.
 */
function checkInWorkers(
  parallel: { url: string; workers: number },
  last: number,
  sealed: number,
  batchSize: number,
  merger: TreeMerger,
): Promise<void> {
  const size = Math.ceil(last / parallel.workers);
  const queues: { chunks: { from: number; hashes: Uint8Array }[]; done: RangeCheck | null }[] = [];
  let current = 0;
  const drain = () => {
    while (current < queues.length) {
      const queue = queues[current]!;
      for (const chunk of queue.chunks.splice(0)) merger.addHashes(chunk.from, chunk.hashes);
      if (!queue.done) return;
      merger.addRange(queue.done);
      current++;
    }
  };
  const jobs: Promise<void>[] = [];
  for (let from = 1, i = 0; from <= last; from += size, i++) {
    const queue: (typeof queues)[number] = { chunks: [], done: null };
    queues.push(queue);
    const data: VerifyWorkerData = {
      module: workerModule,
      url: parallel.url,
      from,
      to: Math.min(from + size - 1, last),
      first: i === 0,
      sealed,
      batchSize,
    };
    jobs.push(
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(workerBoot, { workerData: data });
        worker.on('message', (message: VerifyWorkerMessage) => {
          if (message.kind === 'hashes') queue.chunks.push(message);
          else queue.done = message.result;
          drain();
          if (message.kind === 'done') resolve();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`verify worker stopped (exit ${code})`)));
      }),
    );
  }
  return Promise.all(jobs).then(() => undefined);
}

// A leaf already checked against its row: the tree takes its stored hash (the verifier's "erased" path).
const checkedLeaf = (seq: number, leafHash: Uint8Array): AuditLogRow => ({
  seq,
  leafHash,
  erased: true,
  at: new Date(0),
  actorId: null,
  action: '',
  entityType: null,
  entityId: null,
  personId: null,
  address: null,
  reason: null,
  details: null,
});

/**
 * Builds the tree from the ranges' stored hashes in number order (with the Merkle module's `LogVerifier`,
 * which takes a checked leaf's stored hash as it does an erased one's) and checks every trusted checkpoint's
 * root; then the sealed prefix and the erasure records.
 */
class TreeMerger {
  private readonly verifier: LogVerifier;
  private failure: Failure | null;
  private stopped = false;
  private inFlight = false;
  private pending = 0;
  private readonly erased = new Set<number>();
  private readonly erasureRecords = new Set<number>();

  constructor(
    private readonly trusted: readonly { treeSize: number; rootHash: string }[],
    checkpointFailure: Failure | null,
  ) {
    this.verifier = new LogVerifier({ checkpoints: trusted });
    this.failure = checkpointFailure;
  }

  /** Hashes of events `from`, `from + 1`, … already checked against their rows. */
  addHashes(from: number, hashes: Uint8Array): void {
    if (this.stopped) return;
    if (this.inFlight) {
      this.pending += hashes.length / HASH_SIZE;
      return;
    }
    for (let i = 0; i * HASH_SIZE < hashes.length; i++) {
      const verdict = this.verifier.push(
        checkedLeaf(from + i, hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)),
      );
      if (verdict && !verdict.ok) {
        this.failure = earliest(this.failure, {
          ok: false,
          firstBadEvent: verdict.firstBadEvent,
          reason: verdict.problem,
          message: verdict.message,
        });
        this.stopped = true;
        return;
      }
    }
  }

  /** A range's result, after all its earlier hashes were added. */
  addRange(range: RangeCheck): void {
    if (this.stopped) return;
    this.addHashes(range.from + range.count - range.hashes.length / HASH_SIZE, range.hashes);
    this.failure = earliest(this.failure, range.failure);
    for (const seq of range.erased) this.erased.add(seq);
    for (const seq of range.erasureRecords) this.erasureRecords.add(seq);
    if (range.failure) {
      this.stopped = true;
      return;
    }
    if (this.inFlight) {
      this.pending += range.pending;
    } else if (range.hole !== null) {
      this.inFlight = true;
      this.pending += range.pending;
    }
  }

  finish(sealed: number): AuditVerdict {
    if (this.failure) return this.failure;
    const verdict = this.verifier.finish();
    if (!verdict.ok) {
      return {
        ok: false,
        firstBadEvent: verdict.firstBadEvent,
        reason: verdict.problem,
        message: verdict.message,
      };
    }
    if (verdict.events < sealed) {
      return {
        ok: false,
        firstBadEvent: verdict.events + 1,
        reason: 'truncated',
        message: `the log was sealed at ${sealed} events but holds ${verdict.events}`,
      };
    }
    const unrecorded = [...this.erased]
      .filter((seq) => !this.erasureRecords.has(seq))
      .sort((a, b) => a - b)[0];
    if (unrecorded !== undefined) {
      return {
        ok: false,
        firstBadEvent: unrecorded,
        reason: 'erasure-unrecorded',
        message: `event ${unrecorded} is marked erased but no ${ERASURE_ACTION} event records its erasure`,
      };
    }
    return {
      ok: true,
      events: verdict.events,
      root: verdict.root,
      erased: [...this.erased].filter((seq) => seq <= verdict.events).length,
      checkpoints: this.trusted.length,
      pending: this.pending,
    };
  }
}

/** The proof asked for cannot be given (no checkpoint covers the event, sizes out of range, a damaged log). */
export class ProofUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProofUnavailableError';
  }
}

async function latestTrustedCheckpoint(
  db: Executor,
  verifierKeys: readonly string[],
  origin: string,
): Promise<{ treeSize: number; rootHash: string; note: string }> {
  const all = await listCheckpoints(db);
  for (const row of all.reverse()) {
    const checkpoint = checkNote(row.signedNote, verifierKeys, origin);
    if (checkpoint && checkpoint.treeSize === row.treeSize && checkpoint.rootHash === row.root) {
      return { treeSize: row.treeSize, rootHash: row.root, note: row.signedNote };
    }
  }
  throw new ProofUnavailableError(
    'there is no signed checkpoint yet (the checkpoint job makes one every minute)',
  );
}

async function treeOf(db: Executor, size: number): Promise<MerkleTree> {
  const tree = new MerkleTree();
  for await (const rows of streamLeafHashes(db, size)) {
    for (const row of rows) {
      if (row.seq !== tree.size + 1) {
        throw new ProofUnavailableError(`event ${tree.size + 1} is missing: run tiaki audit verify`);
      }
      tree.append(row.leafHash);
    }
  }
  if (tree.size !== size)
    throw new ProofUnavailableError(`event ${tree.size + 1} is missing: run tiaki audit verify`);
  return tree;
}

/** What `tiaki audit prove EVENT` prints: the standalone verifier reads `leafIndex`, `treeSize` and `path`. */
export interface InclusionProofOutput {
  type: 'inclusion';
  leafIndex: number;
  treeSize: number;
  /** The proof's hashes, concatenated, base64. */
  path: string;
  event: number;
  leafHash: string;
  /** The canonical leaf bytes (UTF-8 JSON) the leaf hash is over; null for an erased event. */
  leaf: string | null;
  rootHash: string;
  /** The signed checkpoint whose root the proof leads to. */
  checkpoint: string;
}

/**
 * An RFC 9162 inclusion proof of event `seq` in the tree of the latest signed checkpoint.
 *
 * @example await proveEvent(db, 42, { verifierKeys, origin }) // { type: 'inclusion', leafIndex: 41, treeSize: 1000, … }
 */
export async function proveEvent(
  db: Executor,
  seq: number,
  options: { verifierKeys: readonly string[]; origin: string },
): Promise<InclusionProofOutput> {
  const checkpoint = await latestTrustedCheckpoint(db, options.verifierKeys, options.origin);
  if (seq < 1 || seq > checkpoint.treeSize) {
    throw new ProofUnavailableError(
      `event ${seq} is not covered by the latest checkpoint (${checkpoint.treeSize} events); a checkpoint is made every minute`,
    );
  }
  const tree = await treeOf(db, checkpoint.treeSize);
  if (toHex(tree.root()) !== checkpoint.rootHash) {
    throw new ProofUnavailableError(
      'the stored leaf hashes do not give the checkpoint root: run tiaki audit verify',
    );
  }
  const [row] = await auditRowsBetween(db, seq, seq + 1);
  const erased = !row || (row.erasedAt !== null && row.erasedAt !== undefined);
  const proof = {
    leafIndex: seq - 1,
    treeSize: checkpoint.treeSize,
    path: tree.inclusionProof(seq - 1, checkpoint.treeSize),
  };
  return {
    ...(JSON.parse(encodeInclusionProof(proof)) as {
      type: 'inclusion';
      leafIndex: number;
      treeSize: number;
      path: string;
    }),
    event: seq,
    leafHash: toHex(tree.leaf(seq - 1)),
    leaf: erased ? null : encodeAuditLeaf(row).toString('utf8'),
    rootHash: checkpoint.rootHash,
    checkpoint: checkpoint.note,
  };
}

/** What `tiaki audit consistency` prints: the standalone verifier reads `first`, `second` and `path`. */
export interface ConsistencyProofOutput {
  type: 'consistency';
  first: number;
  second: number;
  path: string;
  firstRoot: string;
  secondRoot: string;
  /** The signed checkpoints of those sizes, when there are. */
  firstCheckpoint: string | null;
  secondCheckpoint: string | null;
}

/**
 * An RFC 9162 consistency proof that the log of `from` events is a prefix of the log of `to` events, both
 * within the latest signed checkpoint.
 *
 * @example await proveConsistency(db, 1000, 2000, { verifierKeys, origin })
 */
export async function proveConsistency(
  db: Executor,
  from: number,
  to: number,
  options: { verifierKeys: readonly string[]; origin: string },
): Promise<ConsistencyProofOutput> {
  const latest = await latestTrustedCheckpoint(db, options.verifierKeys, options.origin);
  if (!(from >= 1 && from <= to && to <= latest.treeSize)) {
    throw new ProofUnavailableError(`need 1 ≤ from ≤ to ≤ ${latest.treeSize} (the latest checkpoint's size)`);
  }
  const tree = await treeOf(db, latest.treeSize);
  if (toHex(tree.root()) !== latest.rootHash) {
    throw new ProofUnavailableError(
      'the stored leaf hashes do not give the checkpoint root: run tiaki audit verify',
    );
  }
  const notes = new Map<number, string>();
  for (const row of await listCheckpoints(db)) {
    const checkpoint = checkNote(row.signedNote, options.verifierKeys, options.origin);
    if (checkpoint && checkpoint.treeSize === row.treeSize) notes.set(row.treeSize, row.signedNote);
  }
  const proof = { first: from, second: to, path: tree.consistencyProof(from, to) };
  return {
    ...(JSON.parse(encodeConsistencyProof(proof)) as {
      type: 'consistency';
      first: number;
      second: number;
      path: string;
    }),
    firstRoot: toHex(tree.root(from)),
    secondRoot: toHex(tree.root(to)),
    firstCheckpoint: notes.get(from) ?? null,
    secondCheckpoint: notes.get(to) ?? null,
  };
}
