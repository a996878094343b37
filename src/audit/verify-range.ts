import type { StoredAuditRow } from './audit-log.repo.ts';
import { hash } from 'node:crypto';
import { equalHashes, HASH_SIZE } from './merkle/hash.ts';
import { auditLeafHash } from './merkle/leaf.ts';

/** The audit action that records an erasure; verify accepts an erased event only when one names it. */
export const ERASURE_ACTION = 'audit.event-erased';

/** Why `verify` failed: the Merkle module's problems and the database's own. */
export type VerifyReason =
  | 'leaf-mismatch'
  | 'bad-leaf-hash'
  | 'missing-event'
  | 'unexpected-event'
  | 'root-mismatch'
  | 'truncated'
  /** a row holds the content of another number: rows were inserted, deleted or reordered around it */
  | 'moved'
  /** a checkpoint's signature does not verify under any trusted key */
  | 'checkpoint-signature'
  /** a stored checkpoint's columns disagree with its signed note, or two checkpoints of one size disagree */
  | 'checkpoint-mismatch'
  /** an event is marked erased but no erasure event records it */
  | 'erasure-unrecorded';

/** A failed verification: the CONTRACT's fields, with the reason and a sentence. */
export interface Failure {
  ok: false;
  firstBadEvent: number;
  reason: VerifyReason;
  message: string;
}

/**
 * The earlier of two failures (by the event they name), or whichever there is.
 *
 * @example earliest(null, failure) === failure // true
 */
export const earliest = (a: Failure | null, b: Failure | null): Failure | null =>
  !a ? b : !b ? a : b.firstBadEvent < a.firstBadEvent ? b : a;

/** A row as the checker takes it: the stored leaf hash as bytes, or as 64 hex digits straight from SQL. */
export type RangeRow = Omit<StoredAuditRow, 'leafHash'> & { leafHash: Uint8Array | string };

const HEX_HASH = /^[0-9a-f]{64}$/;

// Copies a stored hash into `slot`; false when it is not 32 bytes.
function storeHash(stored: Uint8Array | string, slot: Uint8Array): boolean {
  if (typeof stored === 'string') {
    if (!HEX_HASH.test(stored)) return false;
    Buffer.from(slot.buffer, slot.byteOffset, HASH_SIZE).write(stored, 'hex');
    return true;
  }
  if (stored.length !== HASH_SIZE) return false;
  slot.set(stored);
  return true;
}

function leafMatches(row: RangeRow | StoredAuditRow, seq: number, stored: Uint8Array): boolean {
  try {
    return equalHashes(auditLeafHash(seq === row.seq ? row : { ...row, seq }), stored);
  } catch {
    return false;
  }
}

/**
 * A row that fails its own hash may hold a neighbour's content (rows shifted or swapped): names where the
 * disturbance began.
 *
 * @example diagnoseMismatch(row) // { ok: false, firstBadEvent: 15, reason: 'moved', … }
 */
export function diagnoseMismatch(row: StoredAuditRow): Failure {
  if (leafMatches(row, row.seq - 1, row.leafHash)) {
    return {
      ok: false,
      firstBadEvent: row.seq - 1,
      reason: 'moved',
      message: `event ${row.seq} holds what was event ${row.seq - 1}: a row was inserted at ${row.seq - 1} or rows moved`,
    };
  }
  if (leafMatches(row, row.seq + 1, row.leafHash)) {
    return {
      ok: false,
      firstBadEvent: row.seq,
      reason: 'moved',
      message: `event ${row.seq} holds what was event ${row.seq + 1}: a row was deleted or rows moved`,
    };
  }
  return {
    ok: false,
    firstBadEvent: row.seq,
    reason: 'leaf-mismatch',
    message: `event ${row.seq} does not match its stored leaf hash`,
  };
}

// The bytes of `"seq":<n>}`, how every leaf encoding ends (seq is the last key).
const seqTail = (seq: number): Buffer => Buffer.from(`"seq":${seq}}`, 'latin1');

/**
 * `diagnoseMismatch` for a row already encoded: `input` is 0x00 ‖ its leaf, which ends with its number, so
 * the leaf under a neighbour's number is the same bytes with the tail swapped.
 */
function diagnoseEncoded(seq: number, input: Uint8Array, stored: Uint8Array): Failure {
  const tail = seqTail(seq);
  const body = input.length - tail.length;
  const endsWithSeq =
    body > 0 && Buffer.from(input.buffer, input.byteOffset + body, tail.length).equals(tail);
  const under = (other: number) =>
    endsWithSeq &&
    equalHashes(hash('sha256', Buffer.concat([input.subarray(0, body), seqTail(other)]), 'buffer'), stored);
  if (under(seq - 1)) {
    return {
      ok: false,
      firstBadEvent: seq - 1,
      reason: 'moved',
      message: `event ${seq} holds what was event ${seq - 1}: a row was inserted at ${seq - 1} or rows moved`,
    };
  }
  if (under(seq + 1)) {
    return {
      ok: false,
      firstBadEvent: seq,
      reason: 'moved',
      message: `event ${seq} holds what was event ${seq + 1}: a row was deleted or rows moved`,
    };
  }
  return {
    ok: false,
    firstBadEvent: seq,
    reason: 'leaf-mismatch',
    message: `event ${seq} does not match its stored leaf hash`,
  };
}

/** What one range of numbers holds, checked row by row; the tree is built from `hashes` afterwards. */
export interface RangeCheck {
  /** The first number of the range. */
  from: number;
  /** How many events run without a gap from `from`. */
  count: number;
  /** Their stored leaf hashes, 32 bytes each (those not already handed out by `takeHashes`). */
  hashes: Uint8Array;
  /** The first number missing in the range (above the sealed prefix: still in flight), or null. */
  hole: number | null;
  /** Events after the hole: each checked against its own hash, not in the tree. */
  pending: number;
  /** The first problem in the range. */
  failure: Failure | null;
  /** Numbers of events marked erased. */
  erased: number[];
  /** Numbers that erasure events say were erased. */
  erasureRecords: number[];
}

/**
 * Checks the rows of one range of numbers in order: numbers without gaps (a gap at or below the sealed
 * prefix is a deleted event; above it, the rest of the range is pending), numbers from 1, each non-erased
 * event against its stored leaf hash (a mismatch diagnosed as moved rows when it is), stored hashes 32 bytes.
 * Keeps the stored hashes for the tree. Used the same way in the verify workers and in process.
 *
 * @example
 * const checker = new RangeChecker(1, sealed);
 * for (const row of rows) if (checker.push(row)) break;
 * const result = checker.finish(lastNumber);
 */
export class RangeChecker {
  private expected: number;
  private hashes = new Uint8Array(HASH_SIZE * 4096);
  private count = 0;
  /** Hashes handed out by `takeHashes` so far. */
  private taken = 0;
  private hole: number | null = null;
  private pending = 0;
  private failure: Failure | null = null;
  private readonly scratch = new Uint8Array(HASH_SIZE);
  private readonly erased: number[] = [];
  private readonly erasureRecords: number[] = [];

  constructor(
    readonly from: number,
    private readonly sealed: number,
  ) {
    this.expected = from;
  }

  /** Takes the next row; true once the range has failed (nothing more need be read). */
  push(row: RangeRow): boolean {
    if (this.failure) return true;
    const erased = row.erased === true || (row.erasedAt !== null && row.erasedAt !== undefined);
    if (row.action === ERASURE_ACTION && !erased) {
      const target = (row.details as { seq?: unknown } | null)?.seq;
      if (typeof target === 'number') this.erasureRecords.push(target);
    }
    const slot = this.place(row.seq);
    if (!slot) return true;
    if (!storeHash(row.leafHash, slot)) return this.badHash(row.seq);
    if (erased) this.erased.push(row.seq);
    else if (!leafMatches(row, row.seq, slot))
      return this.fail(diagnoseMismatch({ ...row, leafHash: Uint8Array.from(slot) }));
    return this.advance();
  }

  /**
   * Takes the next row already encoded by the caller, the fast path of the verify workers: a row neither
   * erased nor an erasure record, `input` being 0x00 ‖ its canonical leaf (`encodeAuditLeaf`), or null when
   * the row has no encoding. The same checks and verdicts as `push`.
   */
  pushEncoded(seq: number, input: Uint8Array | null, stored: Uint8Array): boolean {
    if (this.failure) return true;
    const slot = this.place(seq);
    if (!slot) return true;
    if (stored.length !== HASH_SIZE) return this.badHash(seq);
    slot.set(stored);
    if (!input) {
      return this.fail({
        ok: false,
        firstBadEvent: seq,
        reason: 'leaf-mismatch',
        message: `event ${seq} does not match its stored leaf hash`,
      });
    }
    if (!equalHashes(hash('sha256', input, 'buffer'), slot))
      return this.fail(diagnoseEncoded(seq, input, stored));
    return this.advance();
  }

  // Checks the number comes next; gives where its stored hash goes: its place in the run, or a scratch slot
  // once pending. Null when the range has failed.
  private place(seq: number): Uint8Array | null {
    if (seq < 1 || (this.hole === null && seq < this.expected)) {
      this.fail({
        ok: false,
        firstBadEvent: Math.max(1, seq),
        reason: 'unexpected-event',
        message: `event ${seq} appears where ${this.expected} was expected`,
      });
      return null;
    }
    if (this.hole === null && seq > this.expected && this.noteHole(this.expected)) return null;
    if (this.hole !== null) return this.scratch;
    if ((this.count + 1) * HASH_SIZE > this.hashes.length) {
      const grown = new Uint8Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    return this.hashes.subarray(this.count * HASH_SIZE, (this.count + 1) * HASH_SIZE);
  }

  private badHash(seq: number): true {
    return this.fail({
      ok: false,
      firstBadEvent: seq,
      reason: 'bad-leaf-hash',
      message: `event ${seq}'s leaf hash is not 32 bytes`,
    });
  }

  private advance(): false {
    if (this.hole !== null) {
      this.pending++;
      return false;
    }
    this.count++;
    this.expected++;
    return false;
  }

  /**
   * The stored hashes of the gap-free run gathered since the last call, so the tree can be built while the
   * rest of the range is still being read. `finish` gives only those not yet taken.
   */
  takeHashes(): { from: number; hashes: Uint8Array } {
    const taken = {
      from: this.from + this.taken,
      hashes: this.hashes.slice(this.taken * HASH_SIZE, this.count * HASH_SIZE),
    };
    this.taken = this.count;
    return taken;
  }

  /** The range's result once its rows are read; `to` is its last number. */
  finish(to: number): RangeCheck {
    if (!this.failure && this.hole === null && this.expected <= to) this.noteHole(this.expected);
    return {
      from: this.from,
      count: this.count,
      hashes: this.hashes.slice(this.taken * HASH_SIZE, this.count * HASH_SIZE),
      hole: this.hole,
      pending: this.pending,
      failure: this.failure,
      erased: this.erased,
      erasureRecords: this.erasureRecords,
    };
  }

  // A missing number: a deletion at or below the sealed prefix, else the start of the in-flight tail.
  private noteHole(seq: number): boolean {
    if (seq <= this.sealed) {
      return this.fail({
        ok: false,
        firstBadEvent: seq,
        reason: 'missing-event',
        message: `event ${seq} is missing`,
      });
    }
    this.hole = seq;
    return false;
  }

  private fail(failure: Failure): true {
    this.failure = failure;
    return true;
  }
}
