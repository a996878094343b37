import { testKeyPair } from './test-keys.ts';
import { describe, expect, it } from 'vitest';
import { createCheckpoint, verifierKey, verifyCheckpoint } from './checkpoint.ts';
import { EMPTY_ROOT, toHex } from './hash.ts';
import { auditLeafHash } from './leaf.ts';
import { MerkleTree } from './tree.ts';
import { LogVerifier, verifyLog, type AuditLogRow, type TrustedCheckpoint } from './verify-log.ts';

function makeRow(seq: number): AuditLogRow {
  const event = {
    seq,
    at: new Date(Date.UTC(2025, 6, 1, 0, 0, seq)),
    actorId: `staff-${seq % 4}`,
    action: seq % 3 === 0 ? 'request.read' : 'person.read',
    entityType: 'person',
    entityId: `person-${seq % 7}`,
    personId: `person-${seq % 7}`,
    address: '10.1.2.3',
    reason: null,
    details: { view: 'file', page: seq },
  };
  return { ...event, leafHash: toHex(auditLeafHash(event)) };
}

const rows = Array.from({ length: 30 }, (_, i) => makeRow(i + 1));
const copy = (): AuditLogRow[] => rows.map((row) => ({ ...row }));
const rehash = (row: AuditLogRow): AuditLogRow => ({ ...row, leafHash: auditLeafHash(row) });

// Checkpoints at 10, 20 and 30 events, signed and then checked the way `tiaki audit verify` will.
const { privateKey, publicKey } = testKeyPair(1);
const tree = MerkleTree.fromLeafHashes(rows.map((row) => auditLeafHash(row)));
const checkpoints: TrustedCheckpoint[] = [10, 20, 30].map((size) => {
  const note = createCheckpoint(
    { origin: 'test/audit', treeSize: size, rootHash: toHex(tree.root(size)), time: '2025-07-01T00:00:00Z' },
    privateKey,
    'test-audit',
  );
  const verdict = verifyCheckpoint(note, verifierKey('test-audit', publicKey));
  if (!verdict.ok) throw new Error(verdict.error);
  return verdict.checkpoint;
});

describe('whole-log verification', () => {
  it('accepts an intact log and gives its RFC 9162 root', () => {
    expect(verifyLog(copy(), { checkpoints })).toEqual({
      ok: true,
      events: 30,
      root: toHex(tree.root()),
      erased: 0,
      checkpointsChecked: 3,
    });
    expect(verifyLog([])).toMatchObject({ ok: true, events: 0, root: toHex(EMPTY_ROOT) });
  });

  it('accepts events appended after the latest checkpoint', () => {
    const longer = [...copy(), makeRow(31), makeRow(32)];
    expect(verifyLog(longer, { checkpoints })).toMatchObject({ ok: true, events: 32 });
  });

  it('detects a changed row, naming it', () => {
    const log = copy();
    log[11] = { ...log[11]!, actorId: 'someone-else' };
    expect(verifyLog(log, { checkpoints })).toMatchObject({
      ok: false,
      firstBadEvent: 12,
      problem: 'leaf-mismatch',
    });
  });

  it('detects a changed row whose stored leaf hash was recomputed too, from the signed checkpoint', () => {
    const log = copy();
    log[11] = rehash({ ...log[11]!, details: { view: 'nothing to see' } });
    // The root cannot say which leaf changed: the first suspect is the first event after checkpoint 10.
    expect(verifyLog(log, { checkpoints })).toMatchObject({
      ok: false,
      firstBadEvent: 11,
      problem: 'root-mismatch',
    });
  });

  it('detects a deleted row, naming the missing event', () => {
    const log = copy();
    log.splice(14, 1);
    expect(verifyLog(log, { checkpoints })).toMatchObject({
      ok: false,
      firstBadEvent: 15,
      problem: 'missing-event',
    });
  });

  it('detects rows deleted at the end, below the latest checkpoint', () => {
    expect(verifyLog(copy().slice(0, 27), { checkpoints })).toMatchObject({
      ok: false,
      firstBadEvent: 28,
      problem: 'truncated',
    });
  });

  it('detects an inserted row with a repeated number, naming the repeated event', () => {
    const log = copy();
    log.splice(15, 0, rehash({ ...makeRow(15), actorId: 'planted' }));
    expect(verifyLog(log, { checkpoints })).toMatchObject({
      ok: false,
      firstBadEvent: 15,
      problem: 'unexpected-event',
    });
  });

  it('detects an inserted row with the later rows renumbered, with or without recomputed hashes', () => {
    const planted = { ...makeRow(15), actorId: 'planted' };
    const renumbered = [
      ...copy().slice(0, 14),
      planted,
      ...copy()
        .slice(14)
        .map((row) => ({ ...row, seq: row.seq + 1 })),
    ];
    const stale = renumbered.map((row, i) => (i === 14 ? rehash(row) : row));
    expect(verifyLog(stale, { checkpoints })).toMatchObject({
      ok: false,
      firstBadEvent: 16,
      problem: 'leaf-mismatch',
    });
    expect(verifyLog(renumbered.map(rehash), { checkpoints })).toMatchObject({
      ok: false,
      firstBadEvent: 11,
      problem: 'root-mismatch',
    });
  });

  it('detects reordered rows, whether or not their stored hashes moved with them', () => {
    const swapContent = copy();
    const [a, b] = [swapContent[4]!, swapContent[5]!];
    swapContent[4] = { ...b, seq: 5, leafHash: a.leafHash };
    swapContent[5] = { ...a, seq: 6, leafHash: b.leafHash };
    expect(verifyLog(swapContent, { checkpoints })).toMatchObject({ ok: false, firstBadEvent: 5 });
    const swapAll = copy();
    swapAll[4] = { ...b, seq: 5 };
    swapAll[5] = { ...a, seq: 6 };
    expect(verifyLog(swapAll, { checkpoints })).toMatchObject({
      ok: false,
      firstBadEvent: 5,
      problem: 'leaf-mismatch',
    });
    const outOfOrder = copy();
    outOfOrder[4] = b;
    outOfOrder[5] = a;
    expect(verifyLog(outOfOrder, { checkpoints })).toMatchObject({
      ok: false,
      firstBadEvent: 5,
      problem: 'missing-event',
    });
  });

  it('erasure required by law: blanked details keep the stored leaf hash and the log still verifies', () => {
    const log = copy();
    log[6] = { ...log[6]!, details: {}, erased: true };
    log[8] = { ...log[8]!, details: {}, erasedAt: new Date('2025-08-01T00:00:00Z') };
    expect(verifyLog(log, { checkpoints })).toMatchObject({
      ok: true,
      events: 30,
      erased: 2,
      root: toHex(tree.root()),
    });
    const unflagged = copy();
    unflagged[6] = { ...unflagged[6]!, details: {} };
    expect(verifyLog(unflagged, { checkpoints })).toMatchObject({
      ok: false,
      firstBadEvent: 7,
      problem: 'leaf-mismatch',
    });
    const forged = copy();
    forged[6] = {
      ...forged[6]!,
      details: {},
      erased: true,
      leafHash: auditLeafHash({ ...forged[6]!, details: {} }),
    };
    expect(verifyLog(forged, { checkpoints })).toMatchObject({
      ok: false,
      firstBadEvent: 1,
      problem: 'root-mismatch',
    });
  });

  it('reports a malformed stored hash and stops at the first failure when streaming', () => {
    const log = copy();
    log[2] = { ...log[2]!, leafHash: 'abc' };
    const verifier = new LogVerifier({ checkpoints });
    const verdicts = log.map((row) => verifier.push(row));
    expect(verdicts.slice(0, 2)).toEqual([null, null]);
    expect(verdicts[2]).toMatchObject({ ok: false, firstBadEvent: 3, problem: 'bad-leaf-hash' });
    expect(verifier.finish()).toBe(verdicts[2]);
  });
});
