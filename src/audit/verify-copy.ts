/**
 * The verify workers' reader on PostgreSQL: audit rows streamed with `COPY … TO STDOUT (FORMAT binary)`, so
 * each row arrives as one buffer of raw field bytes (no text per field, no hex, no row objects), and each
 * event's canonical leaf is written straight from those bytes into a reused buffer and hashed there. The
 * bytes are exactly `encodeAuditLeaf`'s (the one encoding, in ./merkle/leaf.ts): text is copied between
 * quotes when nothing in it needs a JSON escape, else written by JSON.stringify; details other than `{}` are
 * parsed and written by `canonicalJson`. An erased event, an erasure record or a missing hash goes through
 * `RangeChecker.push` as a decoded row, the general way.
 */
import type pg from 'pg';
import { canonicalJson } from './merkle/leaf.ts';
import { ERASURE_ACTION, type RangeChecker, type RangeRow } from './verify-range.ts';

/**
 * The query one batch of events `lo ≤ seq < hi` is read with. The columns, in this order, are what
 * `AuditCopyDecoder` reads: the leaf's fields in its key order, with the number and stored hash first.
 */
export function auditCopyQuery(lo: number, hi: number): string {
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi))
    throw new RangeError('numbers must be integers');
  return `copy (select seq, leaf_hash, action, actor_id, address, at, details, entity_id, entity_type, person_id,
    reason, erased_at is not null from audit_events where seq >= ${lo} and seq < ${hi} order by seq)
    to stdout with (format binary)`;
}

/**
 * Runs a `COPY … TO STDOUT` on a node-postgres client, handing each CopyData message's bytes to `onData`
 * synchronously (the buffer is the driver's: read it before returning). Queued like any query.
 *
 * @example await copyOut(client, auditCopyQuery(1, 50_001), (chunk) => decoder.message(chunk))
 */
export function copyOut(client: pg.Client, text: string, onData: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let error: Error | null = null;
    // A node-postgres "submittable": the client calls these as the server's messages arrive.
    const submittable = {
      submit(connection: { query(text: string): void }) {
        connection.query(text);
      },
      handleCopyData(message: { chunk: Buffer }) {
        if (error) return;
        try {
          onData(message.chunk);
        } catch (thrown) {
          error = thrown instanceof Error ? thrown : new Error('the COPY reader failed', { cause: thrown });
        }
      },
      handleError(thrown: unknown) {
        reject(thrown instanceof Error ? thrown : new Error(String(thrown)));
      },
      handleReadyForQuery() {
        if (error) reject(error);
        else resolve();
      },
      handleCommandComplete() {},
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyInResponse() {},
    };
    void client.query(submittable as unknown as pg.QueryConfig);
  });
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const FIELDS = 12;
const ERASURE = Buffer.from(ERASURE_ACTION, 'utf8');
const MS_PER_DAY = 86_400_000;
// PostgreSQL's timestamps count microseconds from 2000-01-01T00:00:00Z.
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const HEX = Buffer.from('0123456789abcdef', 'latin1');

const bytes = (text: string) => Buffer.from(text, 'latin1');
const K_ACTION = bytes('{"action":');
const K_ACTOR = bytes(',"actorId":');
const K_ADDRESS = bytes(',"address":');
const K_AT = bytes(',"at":"');
const K_DETAILS = bytes('","details":');
const K_ENTITY_ID = bytes(',"entityId":');
const K_ENTITY_TYPE = bytes(',"entityType":');
const K_PERSON = bytes(',"personId":');
const K_REASON = bytes(',"reason":');
const K_SEQ = bytes(',"seq":');
const NULL = bytes('null');

/**
 * Decodes binary COPY rows of `auditCopyQuery` and feeds them in order to a `RangeChecker`: the common event
 * is encoded in place and checked with `pushEncoded`; any other goes through `push` as a decoded row.
 */
export class AuditCopyDecoder {
  /** The leaf being written: byte 0 is the RFC 9162 leaf prefix 0x00. */
  private out = Buffer.allocUnsafe(64 * 1024);
  private length = 0;
  private headerRead = false;
  private stopped = false;
  // Offsets and lengths of the current row's fields (-1: null).
  private readonly at = new Int32Array(FIELDS);
  private readonly len = new Int32Array(FIELDS);
  private dayStart = NaN;
  private dayPrefix = Buffer.alloc(0);

  constructor(private readonly checker: RangeChecker) {
    this.out[0] = 0x00;
  }

  /** True once the checker has failed: the rest need not be read. */
  get failed(): boolean {
    return this.stopped;
  }

  /** One CopyData message: the header (first), rows, or the trailer. */
  message(chunk: Buffer): void {
    let p = 0;
    if (!this.headerRead) {
      if (chunk.length < 19 || !chunk.subarray(0, 11).equals(SIGNATURE)) {
        throw new Error('not a binary COPY stream');
      }
      p = 19 + chunk.readUInt32BE(15);
      this.headerRead = true;
    }
    while (p < chunk.length) {
      const fields = chunk.readInt16BE(p);
      p += 2;
      if (fields === -1) return; // the trailer
      if (fields !== FIELDS) throw new Error(`a COPY row of ${fields} fields, not ${FIELDS}`);
      for (let i = 0; i < FIELDS; i++) {
        const n = chunk.readInt32BE(p);
        p += 4;
        this.at[i] = p;
        this.len[i] = n;
        if (n > 0) p += n;
      }
      if (!this.stopped && this.row(chunk)) this.stopped = true;
    }
  }

  // Field i of the row, as text, or null.
  private text(chunk: Buffer, i: number): string | null {
    return this.len[i]! < 0 ? null : chunk.toString('utf8', this.at[i], this.at[i]! + this.len[i]!);
  }

  private row(chunk: Buffer): boolean {
    const seq = chunk.readInt32BE(this.at[0]) * 2 ** 32 + chunk.readUInt32BE(this.at[0]! + 4);
    const hashAt = this.at[1]!;
    const stored = chunk.subarray(hashAt, hashAt + Math.max(this.len[1]!, 0));
    const erased = chunk[this.at[11]!] === 1;
    const actionLength = this.len[2]!;
    const erasure =
      actionLength === ERASURE.length &&
      chunk.compare(ERASURE, 0, ERASURE.length, this.at[2], this.at[2]! + actionLength) === 0;
    if (erased || erasure || this.len[1]! < 0) return this.checker.push(this.decoded(chunk, seq, erased));
    return this.checker.pushEncoded(
      seq,
      this.encode(chunk, seq) ? this.out.subarray(0, this.length) : null,
      stored,
    );
  }

  /** The row as `push` takes it (the general path). */
  private decoded(chunk: Buffer, seq: number, erased: boolean): RangeRow {
    const detailsText =
      this.len[6]! < 0 ? null : chunk.toString('utf8', this.at[6]! + 1, this.at[6]! + this.len[6]!);
    let details: unknown = null;
    try {
      details = detailsText === null ? null : JSON.parse(detailsText);
    } catch {
      details = null;
    }
    const ms = this.len[5]! < 0 ? NaN : this.millis(chunk, this.at[5]!);
    return {
      seq,
      at: Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms) : 'invalid',
      actorId: this.uuidText(chunk, 3),
      action: this.text(chunk, 2) ?? '',
      entityType: this.text(chunk, 8),
      entityId: this.text(chunk, 7),
      personId: this.uuidText(chunk, 9),
      address: this.text(chunk, 4),
      reason: this.text(chunk, 10),
      details,
      leafHash:
        this.len[1]! < 0
          ? new Uint8Array(0)
          : Uint8Array.from(chunk.subarray(this.at[1], this.at[1]! + this.len[1]!)),
      erased,
    };
  }

  private uuidText(chunk: Buffer, i: number): string | null {
    if (this.len[i]! < 0) return null;
    const start = this.length;
    this.uuid(chunk, i);
    const text = this.out.toString('latin1', start, this.length);
    this.length = start;
    return text;
  }

  /**
   * Writes 0x00 ‖ the canonical leaf into `out`; false when the row has none (a time outside what a JavaScript
   * date can hold, details that are not JSON).
   */
  private encode(chunk: Buffer, seq: number): boolean {
    this.length = 1;
    this.constant(K_ACTION);
    if (!this.string(chunk, 2)) return false;
    this.constant(K_ACTOR);
    this.uuidOrNull(chunk, 3);
    this.constant(K_ADDRESS);
    if (!this.string(chunk, 4)) return false;
    this.constant(K_AT);
    if (this.len[5]! !== 8 || !this.time(chunk, this.at[5]!)) return false;
    this.constant(K_DETAILS);
    if (!this.details(chunk)) return false;
    this.constant(K_ENTITY_ID);
    if (!this.string(chunk, 7)) return false;
    this.constant(K_ENTITY_TYPE);
    if (!this.string(chunk, 8)) return false;
    this.constant(K_PERSON);
    this.uuidOrNull(chunk, 9);
    this.constant(K_REASON);
    if (!this.string(chunk, 10)) return false;
    this.constant(K_SEQ);
    this.number(seq);
    this.out[this.length++] = 0x7d; // }
    return true;
  }

  // A safe integer in decimal, as String(n) writes it.
  private number(n: number): void {
    this.room(24);
    if (n < 0) {
      this.out[this.length++] = 0x2d;
      n = -n;
    }
    let digits = 1;
    for (let scale = 10; scale <= n; scale *= 10) digits++;
    let o = this.length + digits;
    this.length = o;
    do {
      const digit = n % 10;
      this.out[--o] = 0x30 + digit;
      n = (n - digit) / 10;
    } while (n > 0);
  }

  private room(more: number): void {
    if (this.length + more <= this.out.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.length + more));
    this.out.copy(grown, 0, 0, this.length);
    this.out = grown;
  }

  private constant(piece: Buffer): void {
    this.room(piece.length);
    const out = this.out;
    let o = this.length;
    for (let i = 0; i < piece.length; i++) out[o++] = piece[i]!;
    this.length = o;
  }

  /**
   * A text field as a JSON string (or null): its bytes between quotes when nothing in it needs escaping,
   * which is what JSON.stringify writes then; otherwise JSON.stringify itself.
   */
  private string(chunk: Buffer, i: number): boolean {
    const n = this.len[i]!;
    if (n < 0) {
      this.constant(NULL);
      return true;
    }
    this.room(n + 2);
    const out = this.out;
    const from = this.at[i]!;
    let o = this.length;
    out[o++] = 0x22;
    for (let k = from, end = from + n; k < end; k++) {
      const c = chunk[k]!;
      if (c < 0x20 || c === 0x22 || c === 0x5c) return this.escaped(chunk, i);
      out[o++] = c;
    }
    out[o++] = 0x22;
    this.length = o;
    return true;
  }

  private escaped(chunk: Buffer, i: number): boolean {
    const json = JSON.stringify(chunk.toString('utf8', this.at[i], this.at[i]! + this.len[i]!));
    this.room(json.length * 3);
    this.length += this.out.write(json, this.length, 'utf8');
    return true;
  }

  private uuidOrNull(chunk: Buffer, i: number): void {
    if (this.len[i]! < 0) {
      this.constant(NULL);
      return;
    }
    this.room(38);
    this.out[this.length++] = 0x22;
    this.uuid(chunk, i);
    this.out[this.length++] = 0x22;
  }

  // A uuid's 16 bytes as PostgreSQL and JavaScript write it: lower-case hex, 8-4-4-4-12.
  private uuid(chunk: Buffer, i: number): void {
    this.room(36);
    const out = this.out;
    const from = this.at[i]!;
    let o = this.length;
    for (let k = 0; k < 16; k++) {
      if (k === 4 || k === 6 || k === 8 || k === 10) out[o++] = 0x2d;
      const b = chunk[from + k]!;
      out[o++] = HEX[b >> 4]!;
      out[o++] = HEX[b & 15]!;
    }
    this.length = o;
  }

  // Milliseconds since 1970 of a binary timestamptz, truncated as a JavaScript date from the driver is.
  private millis(chunk: Buffer, from: number): number {
    const micros = chunk.readInt32BE(from) * 2 ** 32 + chunk.readUInt32BE(from + 4);
    return PG_EPOCH_MS + Math.floor(micros / 1000);
  }

  /** The time as `Date.prototype.toISOString()` writes it; false outside a date's range. */
  private time(chunk: Buffer, from: number): boolean {
    const ms = this.millis(chunk, from);
    if (!(Math.abs(ms) <= 8.64e15)) return false;
    const day = Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
    if (day !== this.dayStart) {
      const iso = new Date(day).toISOString();
      this.dayPrefix = Buffer.from(iso.slice(0, iso.indexOf('T') + 1), 'latin1');
      this.dayStart = day;
    }
    this.constant(this.dayPrefix);
    let rest = ms - day;
    const milli = rest % 1000;
    rest = (rest - milli) / 1000;
    const second = rest % 60;
    rest = (rest - second) / 60;
    const minute = rest % 60;
    const hour = (rest - minute) / 60;
    this.room(13);
    const out = this.out;
    let o = this.length;
    out[o++] = 0x30 + Math.floor(hour / 10);
    out[o++] = 0x30 + (hour % 10);
    out[o++] = 0x3a;
    out[o++] = 0x30 + Math.floor(minute / 10);
    out[o++] = 0x30 + (minute % 10);
    out[o++] = 0x3a;
    out[o++] = 0x30 + Math.floor(second / 10);
    out[o++] = 0x30 + (second % 10);
    out[o++] = 0x2e;
    out[o++] = 0x30 + Math.floor(milli / 100);
    out[o++] = 0x30 + (Math.floor(milli / 10) % 10);
    out[o++] = 0x30 + (milli % 10);
    out[o++] = 0x5a; // Z
    this.length = o;
    return true;
  }

  // jsonb in binary: a version byte, then its text. `{}` as it is; anything else parsed and written canonically.
  private details(chunk: Buffer): boolean {
    const n = this.len[6]!;
    const from = this.at[6]! + 1;
    if (n < 0) {
      this.constant(NULL);
      return true;
    }
    if (n === 3 && chunk[from] === 0x7b && chunk[from + 1] === 0x7d) {
      this.room(2);
      this.out[this.length++] = 0x7b;
      this.out[this.length++] = 0x7d;
      return true;
    }
    let json: string;
    try {
      json = canonicalJson(JSON.parse(chunk.toString('utf8', from, from + n - 1)));
    } catch {
      return false;
    }
    this.room(json.length * 3);
    this.length += this.out.write(json, this.length, 'utf8');
    return true;
  }
}
