import { EMPTY_ROOT, HASH_SIZE, nodeHash, splitPoint, type Hash } from './hash.ts';

/** One level of the tree: the hashes of aligned perfect subtrees of 2^level leaves, packed end to end. */
class HashLevel {
  bytes = new Uint8Array(HASH_SIZE * 1024);
  count = 0;

  push(hash: Hash): void {
    if ((this.count + 1) * HASH_SIZE > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes.set(hash, this.count * HASH_SIZE);
    this.count++;
  }

  get(index: number): Hash {
    return this.bytes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }
}

// Arithmetic rather than bit operations, which JavaScript limits to 32 bits.
function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/**
 * An append-only RFC 9162 Merkle tree that keeps every aligned perfect subtree hash (2n hashes in all,
 * 64 MB for a million leaves), so roots of any earlier size and inclusion and consistency proofs cost
 * O(log² n) hashes at most instead of rehashing the log. Appending is O(1) amortised.
 *
 * @example
 * const tree = new MerkleTree();
 * for (const event of events) tree.append(leafHash(encodeAuditLeaf(event)));
 * const proof = tree.inclusionProof(41, tree.size); // path for the 42nd event
 * verifyInclusion(41, tree.size, tree.leaf(41), proof, tree.root()); // true
 */
export class MerkleTree {
  private readonly levels: HashLevel[] = [new HashLevel()];

  /** A tree over the given leaf hashes, in order. */
  static fromLeafHashes(hashes: Iterable<Hash>): MerkleTree {
    const tree = new MerkleTree();
    for (const hash of hashes) tree.append(hash);
    return tree;
  }

  /** Number of leaves. */
  get size(): number {
    return this.levels[0]!.count;
  }

  /** Appends one leaf hash (already SHA-256(0x00 || leaf)); returns its index. */
  append(leafHashValue: Hash): number {
    if (leafHashValue.length !== HASH_SIZE) throw new Error('a leaf hash is 32 bytes');
    let level = 0;
    let index = this.levels[0]!.count;
    this.levels[0]!.push(leafHashValue);
    const leafIndex = index;
    // Completing a right child completes its parent: carry upwards like a binary counter.
    while (index % 2 === 1) {
      const below = this.levels[level]!;
      const parent = nodeHash(below.get(index - 1), below.get(index));
      level++;
      if (this.levels.length === level) this.levels.push(new HashLevel());
      this.levels[level]!.push(parent);
      index = (index - 1) / 2;
    }
    return leafIndex;
  }

  /** The stored hash of leaf `index`. */
  leaf(index: number): Hash {
    if (!(index >= 0 && index < this.size))
      throw new RangeError(`no leaf ${index} in a tree of ${this.size}`);
    return this.levels[0]!.get(index);
  }

  /** RFC 9162 s 2.1.1 MTH of the first `size` leaves (default: all of them). */
  root(size: number = this.size): Hash {
    this.checkSize(size);
    return size === 0 ? EMPTY_ROOT : this.rangeHash(0, size);
  }

  /**
   * RFC 9162 s 2.1.3.1 PATH(index, D[size]): the inclusion proof of leaf `index` in the tree of the
   * first `size` leaves, leaf side first.
   */
  inclusionProof(index: number, size: number = this.size): Hash[] {
    this.checkSize(size);
    if (!(Number.isInteger(index) && index >= 0 && index < size)) {
      throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
    }
    const path: Hash[] = [];
    this.path(index, 0, size, path);
    return path;
  }

  /**
   * RFC 9162 s 2.1.4.1 PROOF(first, D[second]): shows the tree of `first` leaves is a prefix of the tree
   * of `second` leaves. Empty when first is 0 or equals second.
   */
  consistencyProof(first: number, second: number = this.size): Hash[] {
    this.checkSize(second);
    if (!(Number.isInteger(first) && first >= 0 && first <= second)) {
      throw new RangeError(`cannot prove ${first} consistent with ${second}`);
    }
    const proof: Hash[] = [];
    if (first > 0 && first < second) this.subproof(first, 0, second, true, proof);
    return proof;
  }

  private checkSize(size: number): void {
    if (!(Number.isInteger(size) && size >= 0 && size <= this.size)) {
      throw new RangeError(`tree size ${size} is outside 0..${this.size}`);
    }
  }

  /** MTH(D[start:end]). RFC recursion only ever asks for a range whose left parts are aligned perfect subtrees. */
  private rangeHash(start: number, end: number): Hash {
    const n = end - start;
    if (isPowerOfTwo(n) && start % n === 0) {
      const level = Math.log2(n);
      return this.levels[level]!.get(start / n);
    }
    const k = splitPoint(n);
    return nodeHash(this.rangeHash(start, start + k), this.rangeHash(start + k, end));
  }

  // PATH(m, D[start:end]) with m counted from start; hashes are pushed leaf side first.
  private path(m: number, start: number, end: number, out: Hash[]): void {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      this.path(m, start, start + k, out);
      out.push(this.rangeHash(start + k, end));
    } else {
      this.path(m - k, start + k, end, out);
      out.push(this.rangeHash(start, start + k));
    }
  }

  // SUBPROOF(m, D[start:end], b).
  private subproof(m: number, start: number, end: number, whole: boolean, out: Hash[]): void {
    const n = end - start;
    if (m === n) {
      if (!whole) out.push(this.rangeHash(start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      this.subproof(m, start, start + k, whole, out);
      out.push(this.rangeHash(start + k, end));
    } else {
      this.subproof(m - k, start + k, end, false, out);
      out.push(this.rangeHash(start, start + k));
    }
  }
}

/**
 * The frontier of an append-only tree ("compact range"): one hash per set bit of the size, the roots of
 * its perfect subtrees from left to right. Enough to append in O(1) amortised and to give the current
 * root in O(log n), with O(log n) memory: what a writer or a streaming verifier keeps.
 *
 * @example
 * const range = new CompactRange();
 * range.append(leafHash(Buffer.from('a')));
 * range.root(); // equals MerkleTree over the same leaves
 */
export class CompactRange {
  private hashes: Hash[] = [];
  private heights: number[] = [];
  private count = 0;

  /**
   * Restores a frontier saved with `state()`; throws when the number of hashes does not match the size.
   *
   * @example CompactRange.fromState(saved).root()
   */
  static fromState(state: { size: number; frontier: readonly Hash[] }): CompactRange {
    const range = new CompactRange();
    const heights: number[] = [];
    for (let bit = 52; bit >= 0; bit--) {
      if (Math.floor(state.size / 2 ** bit) % 2 === 1) heights.push(bit);
    }
    if (heights.length !== state.frontier.length) {
      throw new Error(
        `a tree of ${state.size} leaves has ${heights.length} frontier hashes, not ${state.frontier.length}`,
      );
    }
    range.hashes = state.frontier.map((hash) => Uint8Array.from(hash));
    range.heights = heights;
    range.count = state.size;
    return range;
  }

  /** Number of leaves appended. */
  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash. */
  append(leafHashValue: Hash): void {
    let hash = leafHashValue;
    let height = 0;
    while (this.heights.length > 0 && this.heights[this.heights.length - 1] === height) {
      this.heights.pop();
      hash = nodeHash(this.hashes.pop()!, hash);
      height++;
    }
    this.hashes.push(hash);
    this.heights.push(height);
    this.count++;
  }

  /** RFC 9162 MTH of everything appended: the perfect subtrees folded from the right. */
  root(): Hash {
    if (this.hashes.length === 0) return EMPTY_ROOT;
    let root = this.hashes[this.hashes.length - 1]!;
    for (let i = this.hashes.length - 2; i >= 0; i--) root = nodeHash(this.hashes[i]!, root);
    return root;
  }

  /** The size and frontier hashes (largest subtree first), to persist and resume with `fromState`. */
  state(): { size: number; frontier: Hash[] } {
    return { size: this.count, frontier: this.hashes.slice() };
  }
}
