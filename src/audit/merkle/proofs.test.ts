import { describe, expect, it } from 'vitest';
import { leafHash } from './hash.ts';
import {
  decodeConsistencyProof,
  decodeInclusionProof,
  encodeConsistencyProof,
  encodeInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './proofs.ts';
import { MerkleTree } from './tree.ts';

const tree = MerkleTree.fromLeafHashes(Array.from({ length: 100 }, (_, i) => leafHash(Buffer.from([i]))));

describe('proof encoding', () => {
  it('round-trips inclusion and consistency proofs through JSON and still verifies', () => {
    const inclusion = decodeInclusionProof(
      encodeInclusionProof({ leafIndex: 42, treeSize: 100, path: tree.inclusionProof(42, 100) }),
    );
    expect(
      verifyInclusion(inclusion.leafIndex, inclusion.treeSize, tree.leaf(42), inclusion.path, tree.root()),
    ).toBe(true);
    const consistency = decodeConsistencyProof(
      encodeConsistencyProof({ first: 37, second: 100, path: tree.consistencyProof(37, 100) }),
    );
    expect(
      verifyConsistency(
        consistency.first,
        consistency.second,
        tree.root(37),
        tree.root(100),
        consistency.path,
      ),
    ).toBe(true);
  });

  it('stays under 1 KB for the longest proof in a tree of a million events (20 hashes)', () => {
    const path = Array.from({ length: 20 }, () => new Uint8Array(32).fill(255));
    const inclusion = encodeInclusionProof({ leafIndex: 999_999, treeSize: 1_000_000, path });
    const consistency = encodeConsistencyProof({ first: 999_999, second: 1_000_000, path });
    expect(Buffer.byteLength(inclusion)).toBeLessThan(1024);
    expect(Buffer.byteLength(consistency)).toBeLessThan(1024);
  });

  it('refuses malformed proofs with the reason', () => {
    expect(() => decodeInclusionProof('[]')).toThrow(/object/);
    expect(() => decodeInclusionProof('{"type":"consistency"}')).toThrow(/inclusion/);
    expect(() => decodeInclusionProof('{"type":"inclusion","leafIndex":-1,"treeSize":2,"path":""}')).toThrow(
      /leafIndex/,
    );
    expect(() =>
      decodeInclusionProof('{"type":"inclusion","leafIndex":0,"treeSize":2,"path":"AAAA"}'),
    ).toThrow(/multiple of 32/);
    expect(() => decodeConsistencyProof('{"type":"consistency","first":1,"second":2,"path":"%%"}')).toThrow(
      /base64/,
    );
  });
});
