/**
 * The Merkle tree of `verify`, built in parts: each part of the log (a range of numbers starting at a multiple
 * of a power of two at least its length, or at the start) is hashed on its own, in its own worker, into the
 * roots of its perfect subtrees (its frontier), also at every checkpoint size inside it. RFC 9162's tree of
 * the first n leaves is the fold from the right of the perfect subtrees n's binary digits give, so the
 * frontier of the whole prefix followed by a part's frontier is the frontier of the longer prefix: joining the
 * parts costs O(log n) hashes each, and every node of the tree is hashed once, where its leaves were checked.
 */
import { EMPTY_ROOT, HASH_SIZE, nodeHash, type Hash } from './merkle/hash.ts';

/** Perfect subtree roots, largest first: `heights[i]` is log2 of the leaves under `hashes` bytes i*32…(i+1)*32. */
export interface FrontierState {
  /** Leaves covered. */
  size: number;
  heights: number[];
  hashes: Uint8Array;
}

/**
 * An append-only frontier (a binary counter of perfect subtrees). Appending a subtree of height h needs the
 * size to be a multiple of 2^h, which the parts' alignment guarantees.
 *
 * @example const f = new Frontier(); f.append(leafHash(a)); f.append(leafHash(b)); toHex(f.root())
 */
export class Frontier {
  size = 0;
  private heights: number[] = [];
  private hashes: Hash[] = [];

  /** Appends one leaf hash. */
  append(leaf: Hash): void {
    this.appendSubtree(0, leaf);
  }

  /** Appends the root of a perfect subtree of 2^height leaves. */
  appendSubtree(height: number, root: Hash): void {
    const leaves = 2 ** height;
    if (this.size % leaves !== 0) throw new Error(`a subtree of ${leaves} leaves cannot follow ${this.size}`);
    let hash = root;
    let h = height;
    while (this.heights.length > 0 && this.heights[this.heights.length - 1] === h) {
      this.heights.pop();
      hash = nodeHash(this.hashes.pop()!, hash);
      h++;
    }
    this.heights.push(h);
    this.hashes.push(hash);
    this.size += leaves;
  }

  /** Appends a part's frontier (its subtrees in order). */
  appendFrontier(part: FrontierState): void {
    for (let i = 0; i < part.heights.length; i++) {
      this.appendSubtree(part.heights[i]!, part.hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
    }
  }

  /** The current subtrees, copied (to post to another thread or keep). */
  state(): FrontierState {
    const hashes = new Uint8Array(this.hashes.length * HASH_SIZE);
    this.hashes.forEach((hash, i) => hashes.set(hash, i * HASH_SIZE));
    return { size: this.size, heights: this.heights.slice(), hashes };
  }

  /** RFC 9162 MTH of the leaves so far followed by a part's first `then.size` leaves (default none). */
  root(then?: FrontierState): Hash {
    const all: Hash[] = this.hashes.slice();
    if (then) {
      for (let i = 0; i < then.heights.length; i++)
        all.push(then.hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
    }
    if (all.length === 0) return EMPTY_ROOT;
    let root = all[all.length - 1]!;
    for (let i = all.length - 2; i >= 0; i--) root = nodeHash(all[i]!, root);
    return root;
  }
}

/** What one part's tree gives the joiner: its frontier at its end and at each checkpoint size inside it. */
export interface PartTree {
  end: FrontierState;
  /** Absolute tree sizes (ascending) with the part's frontier up to each. */
  checkpoints: { size: number; frontier: FrontierState }[];
}

/**
 * Hashes the stored leaf hashes of one part, whose first leaf is event `from` (so the prefix before it holds
 * `from - 1` leaves), keeping its frontier at each of `checkpointSizes` that falls inside it.
 *
 * @example const part = new PartTreeBuilder(1, [1000, 2000]); part.add(hashes); part.result()
 */
export class PartTreeBuilder {
  private readonly frontier = new Frontier();
  private readonly sizes: number[];
  private next = 0;
  private readonly checkpoints: PartTree['checkpoints'] = [];

  constructor(
    private readonly from: number,
    checkpointSizes: readonly number[],
  ) {
    this.sizes = checkpointSizes.filter((size) => size >= from).sort((a, b) => a - b);
  }

  /** Leaf hashes, 32 bytes each, of the next events in order. */
  add(hashes: Uint8Array): void {
    for (let i = 0; i * HASH_SIZE < hashes.length; i++) {
      this.frontier.append(hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
      const size = this.from - 1 + this.frontier.size;
      while (this.next < this.sizes.length && this.sizes[this.next]! <= size) {
        if (this.sizes[this.next] === size) this.checkpoints.push({ size, frontier: this.frontier.state() });
        this.next++;
      }
    }
  }

  result(): PartTree {
    return { end: this.frontier.state(), checkpoints: this.checkpoints };
  }
}
