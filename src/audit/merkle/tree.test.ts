import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EMPTY_ROOT, leafHash, nodeHash, toHex } from './hash.ts';
import { CompactRange, MerkleTree } from './tree.ts';
import { verifyConsistency, verifyInclusion } from './proofs.ts';

// An independent, naive reading of RFC 9162 s 2.1 over arrays of leaf bytes, to check the real code against.
const sha = (...parts: Uint8Array[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const k = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1);
function mth(d: Uint8Array[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha(Buffer.from([0]), d[0]!);
  const s = k(d.length);
  return sha(Buffer.from([1]), mth(d.slice(0, s)), mth(d.slice(s)));
}
function path(m: number, d: Uint8Array[]): Buffer[] {
  if (d.length <= 1) return [];
  const s = k(d.length);
  return m < s
    ? [...path(m, d.slice(0, s)), mth(d.slice(s))]
    : [...path(m - s, d.slice(s)), mth(d.slice(0, s))];
}
function subproof(m: number, d: Uint8Array[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [mth(d)];
  const s = k(d.length);
  return m <= s
    ? [...subproof(m, d.slice(0, s), b), mth(d.slice(s))]
    : [...subproof(m - s, d.slice(s), false), mth(d.slice(0, s))];
}

const leaves = Array.from({ length: 64 }, (_, i) => Buffer.from(`audit event ${i}`));
const tree = MerkleTree.fromLeafHashes(leaves.map((leaf) => leafHash(leaf)));
const hex = (hashes: Uint8Array[]): string[] => hashes.map(toHex);

// The RFC 6962 / Certificate Transparency reference leaves and roots (trillian merkle test data).
const referenceLeaves = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((h) => Buffer.from(h, 'hex'));
const referenceRoots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('RFC 9162 s 2.1.1 Merkle Tree Hash', () => {
  it('hashes the empty tree as SHA-256 of nothing and domain-separates leaves from nodes', () => {
    expect(toHex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(new MerkleTree().root())).toBe(toHex(EMPTY_ROOT));
    const a = Buffer.from('a');
    expect(toHex(leafHash(a))).toBe(toHex(sha(Buffer.from([0]), a)));
    expect(toHex(nodeHash(leafHash(a), leafHash(a)))).toBe(
      toHex(sha(Buffer.from([1]), leafHash(a), leafHash(a))),
    );
  });

  it('matches the Certificate Transparency reference roots for 1 to 8 leaves', () => {
    const reference = MerkleTree.fromLeafHashes(referenceLeaves.map((leaf) => leafHash(leaf)));
    referenceRoots.forEach((root, i) => expect(toHex(reference.root(i + 1))).toBe(root));
  });

  it('agrees with a naive recursive MTH for every size 0..64, splitting at the largest power of two < n', () => {
    const range = new CompactRange();
    expect(toHex(range.root())).toBe(toHex(EMPTY_ROOT));
    for (let n = 1; n <= 64; n++) {
      range.append(leafHash(leaves[n - 1]!));
      const expected = toHex(mth(leaves.slice(0, n)));
      expect(toHex(tree.root(n)), `size ${n}`).toBe(expected);
      expect(toHex(range.root()), `compact range, size ${n}`).toBe(expected);
      expect(toHex(MerkleTree.fromLeafHashes(leaves.slice(0, n).map((l) => leafHash(l))).root())).toBe(
        expected,
      );
    }
  });

  it('saves and restores a compact range, then keeps appending to the same roots', () => {
    const range = new CompactRange();
    for (const leaf of leaves.slice(0, 37)) range.append(leafHash(leaf));
    const saved = range.state();
    expect(saved.frontier).toHaveLength(3); // 37 = 32 + 4 + 1
    const restored = CompactRange.fromState(saved);
    for (const leaf of leaves.slice(37)) restored.append(leafHash(leaf));
    expect(toHex(restored.root())).toBe(toHex(tree.root()));
    expect(() => CompactRange.fromState({ size: 37, frontier: saved.frontier.slice(1) })).toThrow(
      /3 frontier/,
    );
  });

  it('refuses sizes and leaves outside the tree', () => {
    expect(() => tree.root(65)).toThrow(RangeError);
    expect(() => tree.leaf(64)).toThrow(RangeError);
    expect(() => tree.inclusionProof(5, 5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(6, 5)).toThrow(RangeError);
    expect(() => new MerkleTree().append(new Uint8Array(31))).toThrow(/32 bytes/);
  });
});

describe('RFC 9162 s 2.1.3 inclusion proofs', () => {
  it('generates PATH exactly as the RFC defines it and verifies it, for every leaf of trees of 1..64', () => {
    for (let n = 1; n <= 64; n++) {
      const root = tree.root(n);
      for (let m = 0; m < n; m++) {
        const proof = tree.inclusionProof(m, n);
        expect(hex(proof), `leaf ${m} of ${n}`).toEqual(hex(path(m, leaves.slice(0, n))));
        expect(verifyInclusion(m, n, tree.leaf(m), proof, root)).toBe(true);
      }
    }
  });

  // A wrong tree size can pass when the tree has the same shape along the path; the signed checkpoint is what
  // binds size and root together, so these tests alter leaves, indexes, roots and paths instead.
  it('rejects a proof for the wrong leaf, index or root, and any altered, shortened or padded path', () => {
    const n = 21;
    const root = tree.root(n);
    for (let m = 0; m < n; m++) {
      const proof = tree.inclusionProof(m, n);
      const leaf = tree.leaf(m);
      expect(verifyInclusion(m, n, tree.leaf((m + 1) % n), proof, root)).toBe(false);
      expect(verifyInclusion((m + 1) % n, n, leaf, proof, root)).toBe(false);
      expect(verifyInclusion(m, n, leaf, proof, tree.root(n + 1))).toBe(false);
      expect(verifyInclusion(m, n, leaf, proof.slice(1), root)).toBe(false);
      expect(verifyInclusion(m, n, leaf, [...proof, proof[0]!], root)).toBe(false);
      for (let i = 0; i < proof.length; i++) {
        const altered = proof.map((h) => Buffer.from(h));
        altered[i]![0]! ^= 1;
        expect(verifyInclusion(m, n, leaf, altered, root)).toBe(false);
      }
    }
    expect(verifyInclusion(5, 5, tree.leaf(0), [], tree.root(5))).toBe(false);
    expect(verifyInclusion(0, 1, tree.leaf(0), [], tree.root(1))).toBe(true);
  });

  it('needs at most ceil(log2 n) hashes: 17 for 100,000 events (20 for a million)', () => {
    const big = new MerkleTree();
    for (let i = 0; i < 100_000; i++) big.append(leafHash(Buffer.from(String(i))));
    const proof = big.inclusionProof(54_321);
    expect(proof.length).toBeLessThanOrEqual(17);
    expect(verifyInclusion(54_321, big.size, big.leaf(54_321), proof, big.root())).toBe(true);
  });
});

describe('RFC 9162 s 2.1.4 consistency proofs', () => {
  it('generates PROOF exactly as the RFC defines it and verifies it, for every 0 < m < n ≤ 24', () => {
    for (let n = 2; n <= 24; n++) {
      for (let m = 1; m < n; m++) {
        const proof = tree.consistencyProof(m, n);
        expect(hex(proof), `${m} → ${n}`).toEqual(hex(subproof(m, leaves.slice(0, n), true)));
        expect(verifyConsistency(m, n, tree.root(m), tree.root(n), proof), `${m} → ${n}`).toBe(true);
      }
    }
  });

  it('rejects wrong roots and altered, emptied or padded proofs', () => {
    for (let n = 2; n <= 20; n++) {
      for (let m = 1; m < n; m++) {
        const proof = tree.consistencyProof(m, n);
        const [first, second] = [tree.root(m), tree.root(n)];
        expect(verifyConsistency(m, n, tree.root(m + 1), second, proof)).toBe(false);
        expect(verifyConsistency(m, n, first, tree.root(n + 1), proof)).toBe(false);
        expect(verifyConsistency(m, n, first, second, [])).toBe(false);
        expect(verifyConsistency(m, n, first, second, [...proof, proof[0]!])).toBe(false);
        for (let i = 0; i < proof.length; i++) {
          const altered = proof.map((h) => Buffer.from(h));
          altered[i]![31]! ^= 0x80;
          expect(verifyConsistency(m, n, first, second, altered), `${m} → ${n}, hash ${i}`).toBe(false);
        }
      }
    }
  });

  it('treats equal sizes and size 0 as the empty proof', () => {
    expect(tree.consistencyProof(7, 7)).toEqual([]);
    expect(tree.consistencyProof(0, 7)).toEqual([]);
    expect(verifyConsistency(7, 7, tree.root(7), tree.root(7), [])).toBe(true);
    expect(verifyConsistency(7, 7, tree.root(7), tree.root(8), [])).toBe(false);
    expect(verifyConsistency(0, 7, EMPTY_ROOT, tree.root(7), [])).toBe(true);
    expect(verifyConsistency(8, 7, tree.root(8), tree.root(7), [])).toBe(false);
  });

  it('detects a rewritten history: a changed early leaf breaks consistency with the old root', () => {
    const rewritten = MerkleTree.fromLeafHashes(
      leaves.map((leaf, i) => leafHash(i === 3 ? Buffer.from('rewritten') : leaf)),
    );
    expect(
      verifyConsistency(10, 64, tree.root(10), rewritten.root(64), rewritten.consistencyProof(10, 64)),
    ).toBe(false);
  });
});
