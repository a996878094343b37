import { hash } from 'node:crypto';

/** A SHA-256 digest: 32 bytes. */
export type Hash = Uint8Array;

/** Byte length of every hash in the tree (SHA-256). */
export const HASH_SIZE = 32;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/**
 * RFC 9162 s 2.1.1: the hash of an empty tree, SHA-256 of the empty string.
 *
 * @example toHex(EMPTY_ROOT) // 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 */
export const EMPTY_ROOT: Hash = hash('sha256', new Uint8Array(0), 'buffer');

/**
 * RFC 9162 s 2.1.1 leaf hash, SHA-256(0x00 || leaf). The prefix keeps a leaf from ever being read
 * as an interior node (second-preimage protection).
 *
 * @example leafHash(Buffer.from('')) // 6e340b9c…, the RFC 6962 test vector for the empty leaf
 */
export function leafHash(leaf: Uint8Array): Hash {
  if (leaf.length + 1 > leafInput.length) leafInput = new Uint8Array(2 * leaf.length + 1);
  leafInput[0] = LEAF_PREFIX;
  leafInput.set(leaf, 1);
  return hash('sha256', leafInput.subarray(0, leaf.length + 1), 'buffer');
}

// Reused between calls (hashing is synchronous): a million fresh buffers cost more than the hashing.
let leafInput = new Uint8Array(4096);

// One scratch buffer is enough: hashing is synchronous, so nothing else can see it half-written.
const nodeInput = new Uint8Array(1 + 2 * HASH_SIZE);
nodeInput[0] = NODE_PREFIX;

/**
 * RFC 9162 s 2.1.1 interior node hash, SHA-256(0x01 || left || right).
 *
 * @example nodeHash(leafHash(a), leafHash(b)) // the root of the two-leaf tree [a, b]
 */
export function nodeHash(left: Hash, right: Hash): Hash {
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return hash('sha256', nodeInput, 'buffer');
}

/**
 * Lower-case hex of a hash.
 *
 * @example toHex(new Uint8Array([0, 255])) // '00ff'
 */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/**
 * Parses a 64-digit hex SHA-256 hash; throws on anything else.
 *
 * @example fromHex('e3b0c442…b855').length // 32
 */
export function fromHex(hex: string): Hash {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`not a 32-byte hex hash: ${hex.slice(0, 80)}`);
  return Buffer.from(hex, 'hex');
}

/**
 * Constant-length byte comparison (hashes are public, so timing does not matter; this is for clarity).
 *
 * @example equalHashes(EMPTY_ROOT, EMPTY_ROOT) // true
 */
export function equalHashes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The largest power of two strictly less than n (n > 1): where RFC 9162 splits a tree of n leaves.
 *
 * @example splitPoint(5) // 4
 * @example splitPoint(8) // 4
 */
export function splitPoint(n: number): number {
  if (!(n > 1)) throw new Error(`splitPoint needs n > 1, got ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
