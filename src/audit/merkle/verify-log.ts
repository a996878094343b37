import { equalHashes, fromHex, toHex, type Hash } from './hash.ts';
import { auditLeafHash, type AuditLeafEvent } from './leaf.ts';
import { CompactRange } from './tree.ts';

/** One stored audit row as the verifier reads it, in `seq` order. */
export interface AuditLogRow extends AuditLeafEvent {
  /** The leaf hash stored when the event was written (bytes or hex). */
  leafHash: Uint8Array | string;
  /** Erased by law: details are blank, so only the stored leaf hash can be checked. */
  erased?: boolean;
  /** Alternative to `erased`: set when the event was erased. */
  erasedAt?: Date | string | null;
}

/** A checkpoint whose signature the caller has already checked (see `verifyCheckpoint`). */
export interface TrustedCheckpoint {
  treeSize: number;
  rootHash: Uint8Array | string;
}

/** Why a log failed verification. */
export type LogProblem =
  /** a row's content no longer hashes to its stored leaf hash (changed, or moved to another seq) */
  | 'leaf-mismatch'
  /** a stored leaf hash is not 32 bytes */
  | 'bad-leaf-hash'
  /** the next expected sequence number is absent (deleted row, or rows out of order) */
  | 'missing-event'
  /** a sequence number repeats or goes backwards (inserted or reordered row) */
  | 'unexpected-event'
  /** the leaves agree with their rows, but the tree root differs from a signed checkpoint */
  | 'root-mismatch'
  /** a signed checkpoint covers more events than the log holds (rows deleted at the end) */
  | 'truncated';

/** The outcome: what `tiaki audit verify` prints, plus detail for people. */
export type LogVerdict =
  | { ok: true; events: number; root: string; erased: number; checkpointsChecked: number }
  | { ok: false; firstBadEvent: number; problem: LogProblem; message: string };

/**
 * Verifies an audit log row by row in O(log n) memory, so the caller can stream rows from the database
 * in batches. Every non-erased row's leaf is recomputed and must equal its stored leaf hash; an erased
 * row is taken at its stored leaf hash. Sequence numbers must run firstSeq, firstSeq+1, … without gaps,
 * and the root over each checkpoint's prefix must equal that checkpoint's root.
 *
 * @example
 * const verifier = new LogVerifier({ checkpoints: [{ treeSize: 1000, rootHash: signedRootHex }] });
 * for await (const batch of batches) for (const row of batch) if (verifier.push(row)) break;
 * const verdict = verifier.finish(); // { ok: true, events, root, … } or { ok: false, firstBadEvent, … }
 */
export class LogVerifier {
  private readonly range = new CompactRange();
  private readonly checkpoints: { treeSize: number; rootHash: Hash }[];
  private nextCheckpoint = 0;
  private lastGoodCheckpointSize = 0;
  private readonly firstSeq: number;
  private erasedCount = 0;
  private failure: LogVerdict | null = null;

  constructor(options: { checkpoints?: readonly TrustedCheckpoint[]; firstSeq?: number } = {}) {
    this.firstSeq = options.firstSeq ?? 1;
    this.checkpoints = (options.checkpoints ?? [])
      .filter((c) => c.treeSize > 0)
      .map((c) => ({
        treeSize: c.treeSize,
        rootHash: typeof c.rootHash === 'string' ? fromHex(c.rootHash) : c.rootHash,
      }))
      .sort((a, b) => a.treeSize - b.treeSize);
  }

  /** Takes the next row; returns the failing verdict as soon as the log is known to be bad, else null. */
  push(row: AuditLogRow): LogVerdict | null {
    if (this.failure) return this.failure;
    const expected = this.firstSeq + this.range.size;
    if (row.seq !== expected) {
      if (Number.isSafeInteger(row.seq) && row.seq > expected) {
        return this.fail(
          expected,
          'missing-event',
          `event ${expected} is missing: the next row is ${row.seq}`,
        );
      }
      // A repeated or backward number: the repeated event is the earliest one that may be false.
      const named = Number.isSafeInteger(row.seq) && row.seq >= this.firstSeq ? row.seq : expected;
      return this.fail(
        named,
        'unexpected-event',
        `event ${String(row.seq)} appears where ${expected} was expected`,
      );
    }
    let stored: Hash;
    try {
      stored = typeof row.leafHash === 'string' ? fromHex(row.leafHash) : row.leafHash;
    } catch {
      return this.fail(row.seq, 'bad-leaf-hash', `event ${row.seq} has a malformed stored leaf hash`);
    }
    if (stored.length !== 32)
      return this.fail(row.seq, 'bad-leaf-hash', `event ${row.seq}'s leaf hash is not 32 bytes`);
    const erased = row.erased === true || (row.erasedAt !== undefined && row.erasedAt !== null);
    if (erased) {
      this.erasedCount++;
    } else {
      let recomputed: Hash;
      try {
        recomputed = auditLeafHash(row);
      } catch (error) {
        return this.fail(row.seq, 'leaf-mismatch', `event ${row.seq} cannot be encoded: ${String(error)}`);
      }
      if (!equalHashes(recomputed, stored)) {
        return this.fail(row.seq, 'leaf-mismatch', `event ${row.seq} does not match its stored leaf hash`);
      }
    }
    this.range.append(stored);
    return this.checkReachedCheckpoints();
  }

  /** The verdict once every row has been pushed. */
  finish(): LogVerdict {
    if (this.failure) return this.failure;
    const pending = this.checkpoints[this.nextCheckpoint];
    if (pending) {
      return this.fail(
        this.firstSeq + this.range.size,
        'truncated',
        `a signed checkpoint covers ${pending.treeSize} events but the log holds ${this.range.size}`,
      );
    }
    return {
      ok: true,
      events: this.range.size,
      root: toHex(this.range.root()),
      erased: this.erasedCount,
      checkpointsChecked: this.checkpoints.length,
    };
  }

  private checkReachedCheckpoints(): LogVerdict | null {
    for (;;) {
      const checkpoint = this.checkpoints[this.nextCheckpoint];
      if (!checkpoint || checkpoint.treeSize !== this.range.size) return null;
      if (!equalHashes(this.range.root(), checkpoint.rootHash)) {
        // Roots cannot say which leaf changed; the earliest suspect follows the last checkpoint that held.
        return this.fail(
          this.firstSeq + this.lastGoodCheckpointSize,
          'root-mismatch',
          `the first ${checkpoint.treeSize} events do not hash to the signed checkpoint's root ` +
            `(the change lies after event ${this.firstSeq + this.lastGoodCheckpointSize - 1})`,
        );
      }
      this.lastGoodCheckpointSize = checkpoint.treeSize;
      this.nextCheckpoint++;
    }
  }

  private fail(firstBadEvent: number, problem: LogProblem, message: string): LogVerdict {
    this.failure = { ok: false, firstBadEvent, problem, message };
    return this.failure;
  }
}

/**
 * Verifies a whole log held in memory (or any iterable of rows in seq order).
 *
 * @example verifyLog(rows, { checkpoints }) // { ok: true, events: 3, root: '…', erased: 0, checkpointsChecked: 1 }
 */
export function verifyLog(
  rows: Iterable<AuditLogRow>,
  options: { checkpoints?: readonly TrustedCheckpoint[]; firstSeq?: number } = {},
): LogVerdict {
  const verifier = new LogVerifier(options);
  for (const row of rows) if (verifier.push(row)) break;
  return verifier.finish();
}
