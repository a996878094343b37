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
import { toHex } from './merkle/hash.ts';
import { encodeAuditLeaf } from './merkle/leaf.ts';
import { encodeConsistencyProof, encodeInclusionProof } from './merkle/proofs.ts';
import { MerkleTree } from './merkle/tree.ts';
import {
  earliest,
  ERASURE_ACTION,
  RangeChecker,
  type Failure,
  type RangeCheck,
  type VerifyReason,
} from './verify-range.ts';
import type { VerifyPart, VerifyWorkerData, VerifyWorkerMessage } from './verify-range.worker.ts';
import { Frontier, PartTreeBuilder, type PartTree } from './verify-tree.ts';

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
    /**
     * PostgreSQL: check parts of the log in this many worker threads, each on its own connection reading by
     * binary COPY, each hashing its part's tree too.
     */
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
  const joiner = new TreeJoiner(trusted, checkpointFailure);
  if (options.parallel && options.parallel.workers >= 1 && last > batchSize) {
    await checkInWorkers(options.parallel, last, sealed, batchSize, joiner.checkpointSizes, joiner);
  } else {
    const { range, tree } = await checkInProcess(
      db,
      last,
      sealed,
      Math.min(bounds.min, 1),
      batchSize,
      joiner.checkpointSizes,
    );
    joiner.addPart(range, tree);
  }
  return joiner.finish(sealed);
}

async function checkInProcess(
  db: Executor,
  last: number,
  sealed: number,
  lowest: number,
  batchSize: number,
  checkpointSizes: readonly number[],
): Promise<{ range: RangeCheck; tree: PartTree }> {
  const checker = new RangeChecker(1, sealed);
  const tree = new PartTreeBuilder(1, checkpointSizes);
  outer: for await (const rows of streamAuditRows(db, { from: lowest, to: last, batchSize })) {
    for (const row of rows) if (checker.push(row)) break outer;
    tree.add(checker.takeHashes().hashes);
  }
  const range = checker.finish(last);
  tree.add(range.hashes);
  return { range, tree: tree.result() };
}

const workerBoot = new URL('./verify-worker-boot.mjs', import.meta.url);
const workerModule = new URL('./verify-range.worker.ts', import.meta.url).href;

/**
 * The parts of 1..last the workers check: each starts at a multiple of a power of two P (as leaf index) and
 * holds at most P events, so its tree joins the prefix's (./verify-tree.ts); about two per worker, dealt in
 * turn so each worker's parts are spread over the log.
 */
export function verifyParts(last: number, workers: number): VerifyPart[][] {
  let size = 1;
  while (size * 2 <= Math.ceil(last / (2 * workers))) size *= 2;
  const byWorker: VerifyPart[][] = Array.from({ length: workers }, () => []);
  for (let index = 0, from = 1; from <= last; index++, from += size) {
    byWorker[index % workers]!.push({ index, from, to: Math.min(from + size - 1, last), first: index === 0 });
  }
  return byWorker.filter((parts) => parts.length > 0);
}

/**
 * Checks the parts of the log in worker threads, each on its own connection, and joins their trees in number
 * order as they arrive; stops the workers once the log is known to be bad.
 */
function checkInWorkers(
  parallel: { url: string; workers: number },
  last: number,
  sealed: number,
  batchSize: number,
  checkpointSizes: number[],
  joiner: TreeJoiner,
): Promise<void> {
  const assignment = verifyParts(last, parallel.workers);
  const total = assignment.reduce((n, parts) => n + parts.length, 0);
  const arrived = new Map<number, VerifyWorkerMessage>();
  let next = 0;
  const workers: Worker[] = [];
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    for (const parts of assignment) {
      const data: VerifyWorkerData = {
        module: workerModule,
        url: parallel.url,
        parts,
        sealed,
        batchSize,
        checkpointSizes,
      };
      const worker = new Worker(workerBoot, { workerData: data });
      workers.push(worker);
      let posted = 0;
      let failed = false; // a worker stops after a part that failed: the parts after it are not needed
      worker.on('message', (message: VerifyWorkerMessage) => {
        posted++;
        if (message.result.failure) failed = true;
        arrived.set(message.index, message);
        for (let part = arrived.get(next); part; part = arrived.get(next)) {
          arrived.delete(next);
          joiner.addPart(part.result, part.tree);
          next++;
        }
        if (next === total || joiner.stopped) settle();
      });
      worker.once('error', settle);
      worker.once('exit', (code) => {
        if (posted < parts.length && !failed) settle(new Error(`verify worker stopped (exit ${code})`));
      });
    }
  });
}

/**
 * Joins the parts' trees in number order and checks every trusted checkpoint's root on the way (the Merkle
 * module's `LogVerifier` rules: the earliest suspect after a wrong root follows the last checkpoint that
 * held); then the sealed prefix and the erasure records.
 */
class TreeJoiner {
  private readonly frontier = new Frontier();
  private readonly roots: Map<number, string>;
  private readonly sizes: number[];
  private lastGood = 0;
  private failure: Failure | null;
  stopped = false;
  private inFlight = false;
  private pending = 0;
  private readonly erased = new Set<number>();
  private readonly erasureRecords = new Set<number>();

  constructor(
    private readonly trusted: readonly { treeSize: number; rootHash: string }[],
    checkpointFailure: Failure | null,
  ) {
    this.roots = new Map(trusted.filter((c) => c.treeSize > 0).map((c) => [c.treeSize, c.rootHash]));
    this.sizes = [...this.roots.keys()].sort((a, b) => a - b);
    this.failure = checkpointFailure;
  }

  /** The trusted checkpoint sizes, smallest first: the parts keep their frontier at each. */
  get checkpointSizes(): number[] {
    return this.sizes.slice();
  }

  /** The next part in number order: its checked rows and the tree of its stored hashes. */
  addPart(range: RangeCheck, tree: PartTree): void {
    if (this.stopped) return;
    if (this.inFlight) {
      this.pending += range.count + range.pending;
    } else {
      for (const checkpoint of tree.checkpoints) {
        if (toHex(this.frontier.root(checkpoint.frontier)) === this.roots.get(checkpoint.size)) {
          this.lastGood = checkpoint.size;
          continue;
        }
        // Roots cannot say which leaf changed; the earliest suspect follows the last checkpoint that held.
        this.failure = earliest(this.failure, {
          ok: false,
          firstBadEvent: this.lastGood + 1,
          reason: 'root-mismatch',
          message:
            `the first ${checkpoint.size} events do not hash to the signed checkpoint's root ` +
            `(the change lies after event ${this.lastGood})`,
        });
        this.stopped = true;
        break;
      }
      if (!this.stopped) this.frontier.appendFrontier(tree.end);
      if (range.hole !== null) {
        this.inFlight = true;
        this.pending += range.pending;
      }
    }
    this.failure = earliest(this.failure, range.failure);
    for (const seq of range.erased) this.erased.add(seq);
    for (const seq of range.erasureRecords) this.erasureRecords.add(seq);
    if (range.failure) this.stopped = true;
  }

  finish(sealed: number): AuditVerdict {
    if (this.failure) return this.failure;
    const events = this.frontier.size;
    const beyond = this.sizes.find((size) => size > events);
    if (beyond !== undefined) {
      return {
        ok: false,
        firstBadEvent: events + 1,
        reason: 'truncated',
        message: `a signed checkpoint covers ${beyond} events but the log holds ${events}`,
      };
    }
    if (events < sealed) {
      return {
        ok: false,
        firstBadEvent: events + 1,
        reason: 'truncated',
        message: `the log was sealed at ${sealed} events but holds ${events}`,
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
      events,
      root: toHex(this.frontier.root()),
      erased: [...this.erased].filter((seq) => seq <= events).length,
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
