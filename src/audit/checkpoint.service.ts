import { mkdir, rename, writeFile, access } from 'node:fs/promises';
import path from 'node:path';
import type { Executor } from '../db/tx.ts';
import type { JobHandler, RecurringJob } from '../jobs/worker.ts';
import {
  auditRowsBetween,
  insertCheckpoint,
  latestCheckpoint,
  sealAuditLog,
  type CheckpointRow,
} from './audit-log.repo.ts';
import { AUDIT_CHECKPOINT_JOB } from './audit.repo.ts';
import { auditSettings, loadSigningKey, type AuditSettings, type SigningKey } from './audit-settings.ts';
import { createCheckpoint, verifyCheckpoint } from './merkle/checkpoint.ts';
import { equalHashes, toHex } from './merkle/hash.ts';
import { auditLeafHash } from './merkle/leaf.ts';
import { CompactRange } from './merkle/tree.ts';

export { AUDIT_CHECKPOINT_JOB } from './audit.repo.ts';

/** A checkpoint just made. */
export interface MadeCheckpoint {
  treeSize: number;
  root: string;
  signedNote: string;
  /** The copy in the export folder. */
  file: string;
}

/** The export file name of the checkpoint of `treeSize` events: sorts in log order. */
export function checkpointFileName(treeSize: number): string {
  return `checkpoint-${String(treeSize).padStart(12, '0')}.txt`;
}

/** The verifier key file written beside the checkpoints, for whoever checks them on the other host. */
export const VERIFIER_KEY_FILE = 'verifier-key.txt';

/** A stored event no longer matches its leaf hash: the checkpoint job refuses to sign over it. */
export class AuditLogTamperedError extends Error {
  constructor(
    readonly seq: number,
    message: string,
  ) {
    super(message);
    this.name = 'AuditLogTamperedError';
  }
}

function resume(previous: CheckpointRow | undefined, key: SigningKey, origin: string): CompactRange {
  if (!previous) return new CompactRange();
  // Extend only a checkpoint this key signed and whose saved frontier gives its root back.
  const verdict = verifyCheckpoint(
    previous.signedNote,
    { name: key.name, publicKey: key.publicKey },
    { origin },
  );
  if (
    !verdict.ok ||
    verdict.checkpoint.treeSize !== previous.treeSize ||
    verdict.checkpoint.rootHash !== previous.root
  ) {
    throw new AuditLogTamperedError(
      previous.treeSize,
      `the stored checkpoint of ${previous.treeSize} events does not verify; run tiaki audit verify`,
    );
  }
  const range = CompactRange.fromState({ size: previous.treeSize, frontier: previous.frontier });
  if (toHex(range.root()) !== previous.root) {
    throw new AuditLogTamperedError(
      previous.treeSize,
      `the saved state of checkpoint ${previous.treeSize} is damaged`,
    );
  }
  return range;
}

/**
 * Seals the log (fills abandoned numbers) and, when it has grown since the last checkpoint, signs a new one
 * over the sealed prefix: checks each new event against its stored leaf hash, extends the saved tree frontier,
 * stores the signed note and writes it to the export folder. Returns null when there is nothing new.
 * Throws `AuditLogTamperedError` rather than sign over an event that does not match its hash.
 *
 * @example await createAuditCheckpoint(tx, { key, exportDir, origin: 'tiaki/audit' }) // { treeSize: 2000, … }
 */
export async function createAuditCheckpoint(
  tx: Executor,
  options: { key: SigningKey; exportDir: string; origin: string; now?: Date; minAgeMs?: number },
): Promise<MadeCheckpoint | null> {
  const now = options.now ?? new Date();
  const size = await sealAuditLog(tx, {
    now,
    ...(options.minAgeMs === undefined ? {} : { minAgeMs: options.minAgeMs }),
  });
  const previous = await latestCheckpoint(tx);
  if (size <= (previous?.treeSize ?? 0)) return null;
  const range = resume(previous, options.key, options.origin);
  const batch = 20_000;
  for (let lo = range.size + 1; lo <= size; lo += batch) {
    const rows = await auditRowsBetween(tx, lo, Math.min(lo + batch, size + 1));
    for (const row of rows) {
      const expected = range.size + 1;
      if (row.seq !== expected)
        throw new AuditLogTamperedError(expected, `audit event ${expected} is missing`);
      const erased = row.erasedAt !== null && row.erasedAt !== undefined;
      if (!erased && !equalHashes(auditLeafHash(row), row.leafHash)) {
        throw new AuditLogTamperedError(
          row.seq,
          `audit event ${row.seq} does not match its stored leaf hash`,
        );
      }
      range.append(row.leafHash);
    }
  }
  if (range.size !== size)
    throw new AuditLogTamperedError(range.size + 1, `audit event ${range.size + 1} is missing`);
  const root = toHex(range.root());
  const signedNote = createCheckpoint(
    { origin: options.origin, treeSize: size, rootHash: root, time: now.toISOString() },
    options.key.privateKey,
    options.key.name,
  );
  const frontier = Buffer.concat(range.state().frontier.map((hash) => Buffer.from(hash)));
  if (!(await insertCheckpoint(tx, { treeSize: size, root, signedNote, frontier }))) return null;
  const file = await exportCheckpoint(options.exportDir, size, signedNote, options.key);
  return { treeSize: size, root, signedNote, file };
}

/** Writes the note to the export folder (whole or not at all), and the verifier key once. */
export async function exportCheckpoint(
  exportDir: string,
  treeSize: number,
  signedNote: string,
  key: SigningKey,
): Promise<string> {
  await mkdir(exportDir, { recursive: true });
  const file = path.join(exportDir, checkpointFileName(treeSize));
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, signedNote);
  await rename(temporary, file);
  const keyFile = path.join(exportDir, VERIFIER_KEY_FILE);
  try {
    await access(keyFile);
  } catch {
    await writeFile(keyFile, `${key.verifierKey}\n`);
  }
  return file;
}

/**
 * The job handler: a checkpoint with the configured key and export folder. Register it under
 * `AUDIT_CHECKPOINT_JOB`; `appendAuditEvent` also queues it at every 1,000th event.
 */
export function auditCheckpointJob(settings: () => AuditSettings = () => auditSettings()): JobHandler {
  return async (tx) => {
    const current = settings();
    await createAuditCheckpoint(tx, {
      key: loadSigningKey(current),
      exportDir: current.exportDir,
      origin: current.origin,
    });
  };
}

/** Once a minute (the 1,000-event checkpoints are queued by appendAuditEvent). */
export const auditCheckpointRecurring: RecurringJob = { kind: AUDIT_CHECKPOINT_JOB, everyMs: 60_000 };
