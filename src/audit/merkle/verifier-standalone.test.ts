import { spawnSync } from 'node:child_process';
import { testKeyPair } from './test-keys.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCheckpoint, verifierKey } from './checkpoint.ts';
import { leafHash, toHex } from './hash.ts';
import { encodeConsistencyProof, encodeInclusionProof } from './proofs.ts';
import { MerkleTree } from './tree.ts';

const script = fileURLToPath(new URL('./verifier-standalone.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tiaki-verifier-'));
const leaves = Array.from({ length: 1000 }, (_, i) => Buffer.from(`{"seq":${i + 1}}`));
const tree = MerkleTree.fromLeafHashes(leaves.map((leaf) => leafHash(leaf)));

function run(...args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout.trim() };
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('the standalone verifier in docs/audit-verifier.md', () => {
  it('checks a signed checkpoint and prints its size and root', () => {
    const { privateKey, publicKey } = testKeyPair(8);
    const note = createCheckpoint(
      { origin: 'tiaki/audit', treeSize: 1000, rootHash: toHex(tree.root()), time: '2025-07-01T00:00:00Z' },
      privateKey,
      'tiaki-audit',
    );
    const vkey = verifierKey('tiaki-audit', publicKey);
    expect(run('checkpoint', file('cp.txt', note), vkey)).toEqual({
      status: 0,
      stdout: `ok 1000 ${toHex(tree.root())}`,
    });
    const forged = note.replace('\n1000\n', '\n999\n');
    expect(run('checkpoint', file('forged.txt', forged), vkey).status).toBe(1);
  });

  it('agrees with the library on inclusion proofs, from the leaf bytes or the leaf hash', () => {
    for (const [index, size] of [
      [0, 1],
      [5, 6],
      [413, 1000],
      [999, 1000],
    ] as const) {
      const proof = file(
        'inc.json',
        encodeInclusionProof({ leafIndex: index, treeSize: size, path: tree.inclusionProof(index, size) }),
      );
      const root = toHex(tree.root(size));
      expect(
        run('inclusion', proof, root, file('leaf.json', leaves[index]!)).status,
        `${index}/${size}`,
      ).toBe(0);
      expect(run('inclusion', proof, root, toHex(tree.leaf(index))).status).toBe(0);
      expect(run('inclusion', proof, root, file('other.json', 'tampered')).status).toBe(1);
    }
  });

  it('agrees with the library on consistency proofs', () => {
    for (const [first, second] of [
      [1, 2],
      [4, 1000],
      [7, 8],
      [600, 1000],
    ] as const) {
      const proof = file(
        'cons.json',
        encodeConsistencyProof({ first, second, path: tree.consistencyProof(first, second) }),
      );
      expect(
        run('consistency', proof, toHex(tree.root(first)), toHex(tree.root(second))).status,
        `${first}→${second}`,
      ).toBe(0);
      expect(run('consistency', proof, toHex(tree.root(first + 1)), toHex(tree.root(second))).status).toBe(1);
    }
  });
});
