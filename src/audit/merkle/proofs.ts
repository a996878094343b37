import { equalHashes, HASH_SIZE, nodeHash, type Hash } from './hash.ts';

// JavaScript bit operations stop at 32 bits; logs may pass 2^31 events, so shift with arithmetic.
const lsb = (x: number): boolean => x % 2 === 1;
const shr = (x: number): number => Math.floor(x / 2);

function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

function isSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/**
 * RFC 9162 s 2.1.3.2: checks that `leafHashValue` is leaf `leafIndex` of the tree of `treeSize` leaves
 * whose root is `rootHash`, step by step as the RFC writes it.
 *
 * @example verifyInclusion(3, 7, leafHash(leaf3), proof, root) // true or false, never throws
 */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHashValue: Hash,
  path: readonly Hash[],
  rootHash: Hash,
): boolean {
  // 1. leaf_index must lie inside the tree.
  if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize) return false;
  if (path.some((p) => p.length !== HASH_SIZE)) return false;
  // 2.-3.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHashValue;
  // 4.
  for (const p of path) {
    if (sn === 0) return false; // a.
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r); // b.i
      if (!lsb(fn)) {
        // b.ii
        while (!lsb(fn) && fn !== 0) {
          fn = shr(fn);
          sn = shr(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = shr(fn); // c.
    sn = shr(sn);
  }
  // 5.
  return sn === 0 && equalHashes(r, rootHash);
}

/**
 * RFC 9162 s 2.1.4.2: checks that the tree of `first` leaves with root `firstHash` is a prefix of the
 * tree of `second` leaves with root `secondHash`. Sizes 0 and equal sizes need an empty proof (and, when
 * equal, equal roots), as RFC 9162 s 2.1.4 leaves those cases outside PROOF.
 *
 * @example verifyConsistency(1000, 2000, oldRoot, newRoot, proof) // true when nothing was rewritten
 */
export function verifyConsistency(
  first: number,
  second: number,
  firstHash: Hash,
  secondHash: Hash,
  proof: readonly Hash[],
): boolean {
  if (!isSize(first) || !isSize(second) || first > second) return false;
  if (proof.some((p) => p.length !== HASH_SIZE)) return false;
  if (first === second) return proof.length === 0 && equalHashes(firstHash, secondHash);
  if (first === 0) return proof.length === 0;
  // 1.
  if (proof.length === 0) return false;
  // 2.
  const path = isPowerOfTwo(first) ? [firstHash, ...proof] : [...proof];
  // 3.
  let fn = first - 1;
  let sn = second - 1;
  // 4.
  while (lsb(fn)) {
    fn = shr(fn);
    sn = shr(sn);
  }
  // 5.
  let fr = path[0]!;
  let sr = path[0]!;
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return false; // a.
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr); // b.i
      sr = nodeHash(c, sr);
      if (!lsb(fn)) {
        // b.ii
        while (!lsb(fn) && fn !== 0) {
          fn = shr(fn);
          sn = shr(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = shr(fn); // c.
    sn = shr(sn);
  }
  // 7.
  return equalHashes(fr, firstHash) && equalHashes(sr, secondHash) && sn === 0;
}

/** An inclusion proof as it travels: JSON, hashes concatenated and base64-encoded. */
export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  path: Hash[];
}

/** A consistency proof as it travels: JSON, hashes concatenated and base64-encoded. */
export interface ConsistencyProof {
  first: number;
  second: number;
  path: Hash[];
}

function packHashes(hashes: readonly Hash[]): string {
  return Buffer.concat(hashes.map((h) => Buffer.from(h.buffer, h.byteOffset, h.byteLength))).toString(
    'base64',
  );
}

function unpackHashes(base64: unknown): Hash[] {
  if (typeof base64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
    throw new Error('path must be a base64 string');
  }
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length % HASH_SIZE !== 0) throw new Error(`path is ${bytes.length} bytes, not a multiple of 32`);
  const hashes: Hash[] = [];
  for (let i = 0; i < bytes.length; i += HASH_SIZE) hashes.push(bytes.subarray(i, i + HASH_SIZE));
  return hashes;
}

function readSize(record: Record<string, unknown>, key: string): number {
  const value = record[key];
  if (typeof value !== 'number' || !isSize(value)) throw new Error(`${key} must be a non-negative integer`);
  return value;
}

function parseObject(text: string, type: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('a proof is a JSON object');
  const record = value as Record<string, unknown>;
  if (record['type'] !== type) throw new Error(`expected a proof of type "${type}"`);
  return record;
}

/**
 * Serialises an inclusion proof: `{"type":"inclusion","leafIndex":i,"treeSize":n,"path":"<base64>"}`
 * where path is the proof's 32-byte hashes concatenated (about 900 bytes for a million leaves).
 *
 * @example encodeInclusionProof({ leafIndex: 0, treeSize: 2, path: [h1] })
 */
export function encodeInclusionProof(proof: InclusionProof): string {
  return JSON.stringify({
    type: 'inclusion',
    leafIndex: proof.leafIndex,
    treeSize: proof.treeSize,
    path: packHashes(proof.path),
  });
}

/**
 * Parses `encodeInclusionProof` output; throws with the reason on anything malformed.
 *
 * @example decodeInclusionProof(text).path.length // ≤ 20 for a million leaves
 */
export function decodeInclusionProof(text: string): InclusionProof {
  const record = parseObject(text, 'inclusion');
  return {
    leafIndex: readSize(record, 'leafIndex'),
    treeSize: readSize(record, 'treeSize'),
    path: unpackHashes(record['path']),
  };
}

/**
 * Serialises a consistency proof: `{"type":"consistency","first":m,"second":n,"path":"<base64>"}`.
 *
 * @example encodeConsistencyProof({ first: 1000, second: 2000, path })
 */
export function encodeConsistencyProof(proof: ConsistencyProof): string {
  return JSON.stringify({
    type: 'consistency',
    first: proof.first,
    second: proof.second,
    path: packHashes(proof.path),
  });
}

/**
 * Parses `encodeConsistencyProof` output; throws with the reason on anything malformed.
 *
 * @example decodeConsistencyProof(text).second // 2000
 */
export function decodeConsistencyProof(text: string): ConsistencyProof {
  const record = parseObject(text, 'consistency');
  return {
    first: readSize(record, 'first'),
    second: readSize(record, 'second'),
    path: unpackHashes(record['path']),
  };
}
