import { describe, expect, it } from 'vitest';
import { verifyParts } from './audit-verify.service.ts';
import { HASH_SIZE, leafHash, toHex } from './merkle/hash.ts';
import { MerkleTree } from './merkle/tree.ts';
import { Frontier, PartTreeBuilder } from './verify-tree.ts';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`event ${i + 1}`)));

describe('the verify tree, hashed in parts and joined', () => {
  it('splits 1..last into parts that start at a multiple of a power of two at least their length', () => {
    for (const last of [1, 2, 3, 7, 8, 9, 30, 1000, 1_000_000, 1_010_613]) {
      for (const workers of [1, 2, 3, 8]) {
        const parts = verifyParts(last, workers)
          .flat()
          .sort((a, b) => a.index - b.index);
        expect(parts[0]).toMatchObject({ from: 1, first: true });
        expect(parts.at(-1)!.to).toBe(last);
        for (const [i, part] of parts.entries()) {
          if (i > 0) expect(part.from).toBe(parts[i - 1]!.to + 1);
          const start = part.from - 1;
          const length = part.to - part.from + 1;
          if (start > 0) expect(start % 2 ** Math.ceil(Math.log2(length))).toBe(0);
        }
        expect(verifyParts(last, workers).length).toBeLessThanOrEqual(workers);
      }
    }
  });

  it('gives the RFC 9162 root of every prefix, whatever the parts', () => {
    for (let n = 1; n <= 70; n++) {
      const hashes = leaves(n);
      const tree = MerkleTree.fromLeafHashes(hashes);
      const sizes = Array.from({ length: n }, (_, i) => i + 1);
      for (const workers of [1, 2, 3, 4]) {
        const joined = new Frontier();
        const roots = new Map<number, string>();
        for (const part of verifyParts(n, workers)
          .flat()
          .sort((a, b) => a.index - b.index)) {
          const builder = new PartTreeBuilder(part.from, sizes);
          const bytes = new Uint8Array((part.to - part.from + 1) * HASH_SIZE);
          for (let seq = part.from; seq <= part.to; seq++)
            bytes.set(hashes[seq - 1]!, (seq - part.from) * HASH_SIZE);
          builder.add(bytes.subarray(0, 3 * HASH_SIZE)); // in pieces, as batches arrive
          builder.add(bytes.subarray(3 * HASH_SIZE));
          const result = builder.result();
          for (const checkpoint of result.checkpoints)
            roots.set(checkpoint.size, toHex(joined.root(checkpoint.frontier)));
          joined.appendFrontier(result.end);
        }
        expect(joined.size).toBe(n);
        expect(toHex(joined.root())).toBe(toHex(tree.root()));
        for (const size of sizes)
          expect(roots.get(size), `size ${size} of ${n}`).toBe(toHex(tree.root(size)));
      }
    }
  });

  it('refuses a subtree that would not be aligned', () => {
    const frontier = new Frontier();
    frontier.append(leaves(1)[0]!);
    expect(() => frontier.appendSubtree(1, leaves(1)[0]!)).toThrow(/cannot follow/);
  });
});
