/**
 * `PagedTree`: the depth-32 state tree (rules in `state/proof.ts`, unchanged) split for disk.
 *
 * - Levels 0-3 live in *pages*: 16 consecutive leaf hashes (512 bytes) per page, stored on disk
 *   and read through a cache by the world state; a page's 15 inner nodes are recomputed from its
 *   leaves when needed (for a new page root or a proof).
 * - Levels 4-32 live here, in memory, as one flat byte array of 32-byte nodes per level: level 4
 *   holds one node per page (the page roots, which the store also persists so start-up rebuilds
 *   the levels above from them without reading a leaf), level 5 one per two pages, and so on.
 *   That is about 4 bytes of memory per leaf slot.
 * - Slots past the dense range are never stored: the tree covers `capacity` pages (a power of
 *   two) and every node outside it is the precomputed hash of an all-zero subtree.
 *
 * Updates are computed without mutating (`prepare`, so a block template can be rooted on the head
 * state) and installed with `apply`. Dirty nodes are hashed level by level in one batched call
 * per level (`hasher.ts`).
 */
import { sha256 } from '../crypto/hash.js';
import { STATE_TREE_DEPTH } from './proof.js';
import { hashPairs } from './hasher.js';

/** log2 of the leaves in a page. */
export const PAGE_BITS = 4;
/** Leaf hashes in one page. */
export const PAGE_LEAVES = 1 << PAGE_BITS;
/** Bytes of one page: 16 leaf hashes of 32 bytes. */
export const PAGE_BYTES = PAGE_LEAVES * 32;
/** Most pages the tree can have (2^32 leaves / 16). */
export const MAX_PAGES = 2 ** (STATE_TREE_DEPTH - PAGE_BITS);

/** ZERO_HASHES[l]: root of an all-zero subtree of height l (l = 0: the empty leaf). */
export const ZERO_HASHES: readonly Uint8Array[] = (() => {
  const z: Uint8Array[] = [new Uint8Array(32)];
  const buf = new Uint8Array(64);
  for (let l = 1; l <= STATE_TREE_DEPTH; l++) {
    buf.set(z[l - 1], 0);
    buf.set(z[l - 1], 32);
    z.push(sha256(buf));
  }
  return z;
})();

/** A page of 16 empty leaves. */
export const ZERO_PAGE: Uint8Array = new Uint8Array(PAGE_BYTES);

/** The inner levels of a page: [level 1 (8 nodes), level 2 (4), level 3 (2), level 4 (the page root)]. */
export function pageLevels(page: Uint8Array): Uint8Array[] {
  if (page.length !== PAGE_BYTES) throw new RangeError(`a page is ${PAGE_BYTES} bytes, got ${page.length}`);
  const out: Uint8Array[] = [];
  let cur = page;
  for (let l = 1; l <= PAGE_BITS; l++) {
    const next = new Uint8Array(cur.length / 2);
    hashPairs(cur, next);
    out.push(next);
    cur = next;
  }
  return out;
}

/** The root of a page (its level-4 node). */
export function pageRoot(page: Uint8Array): Uint8Array {
  return pageLevels(page)[PAGE_BITS - 1];
}

/** Proof siblings 0-3 of the leaf at `offset` (0-15) inside `page`. */
export function pageSiblings(page: Uint8Array, offset: number): Uint8Array[] {
  const levels = [page, ...pageLevels(page)];
  const out: Uint8Array[] = [];
  for (let l = 0; l < PAGE_BITS; l++) {
    const s = (offset >>> l) ^ 1;
    out.push(levels[l].slice(s * 32, s * 32 + 32));
  }
  return out;
}

/** Smallest power of two >= n (n >= 1). */
function pow2AtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Changed nodes of one level: sorted node indexes and their hashes (32 bytes each, same order). */
export interface LevelUpdate {
  readonly idx: Uint32Array;
  readonly hashes: Uint8Array;
}

/** A computed but not yet installed change of the tree. */
export interface TreeUpdate {
  /** Root after the change. */
  readonly root: Uint8Array;
  /** Page capacity after the change (a power of two). */
  readonly capacity: number;
  /** New roots of the changed pages, by page number (also `levels[0]`). */
  readonly pageRoots: ReadonlyMap<number, Uint8Array>;
  /** Changed nodes of levels 4..32 (`levels[l - 4]`). */
  readonly levels: readonly LevelUpdate[];
  /** Version of the tree this was computed on; `apply` refuses another. */
  readonly baseVersion: number;
}

/** Upper levels (4-32) of the state tree, in memory. */
export class PagedTree {
  /** Page capacity: a power of two; pages at or past it are all zero. */
  #capacity = 1;
  /** #levels[l - 4]: nodes of level l, 32 bytes each, `count(l)` of them. */
  #levels: Uint8Array[] = [];
  #version = 0;

  constructor() {
    this.#levels = this.#alloc(1);
  }

  /** Page capacity (power of two). */
  get capacity(): number {
    return this.#capacity;
  }

  /** Bumped by every `apply`. */
  get version(): number {
    return this.#version;
  }

  /** Bytes held by the level arrays. */
  get bytes(): number {
    let n = 0;
    for (const a of this.#levels) n += a.length;
    return n;
  }

  /** Nodes stored at level `l` for a page capacity. */
  static count(level: number, capacity: number): number {
    return Math.max(1, Math.floor(capacity / 2 ** (level - PAGE_BITS)));
  }

  #alloc(capacity: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let l = PAGE_BITS; l <= STATE_TREE_DEPTH; l++) {
      const a = new Uint8Array(PagedTree.count(l, capacity) * 32);
      const z = ZERO_HASHES[l];
      for (let o = 0; o < a.length; o += 32) a.set(z, o);
      out.push(a);
    }
    return out;
  }

  /** Node `i` of level `l` (4 <= l <= 32), a view; the zero-subtree hash outside the dense range. */
  node(level: number, i: number): Uint8Array {
    const a = this.#levels[level - PAGE_BITS];
    const o = i * 32;
    return o < a.length ? a.subarray(o, o + 32) : ZERO_HASHES[level];
  }

  /** The state root. */
  root(): Uint8Array {
    return this.#levels[STATE_TREE_DEPTH - PAGE_BITS].slice(0, 32);
  }

  /**
   * Replaces the whole tree by one built from page roots (start-up): sets level 4 and rehashes the
   * levels above it, about 2 hashes per page. `pages` is the dense page count to cover.
   */
  load(pages: number, roots: Iterable<[number, Uint8Array]>): void {
    const capacity = pow2AtLeast(Math.max(1, pages));
    if (capacity > MAX_PAGES) throw new RangeError(`state tree page count ${pages} exceeds ${MAX_PAGES}`);
    const levels = this.#alloc(capacity);
    const l4 = levels[0];
    for (const [p, r] of roots) {
      if (p >= capacity) throw new RangeError(`page root ${p} outside the dense range of ${pages} pages`);
      l4.set(r, p * 32);
    }
    for (let l = PAGE_BITS + 1; l <= STATE_TREE_DEPTH; l++) {
      const below = levels[l - 1 - PAGE_BITS];
      const out = levels[l - PAGE_BITS];
      if (below.length >= 64) hashPairs(below, out);
      else {
        const pair = new Uint8Array(64);
        pair.set(below, 0);
        pair.set(ZERO_HASHES[l - 1], 32);
        hashPairs(pair, out);
      }
    }
    this.#levels = levels;
    this.#capacity = capacity;
    this.#version++;
  }

  /**
   * Computes the tree after replacing whole pages (`pages`: page number -> its 512 new bytes)
   * without changing this tree. Pages are hashed in one batch per level, then every dirty node
   * above them, one batch per level.
   */
  prepare(pages: ReadonlyMap<number, Uint8Array>): TreeUpdate {
    const nums = Uint32Array.from(pages.keys()).sort();
    const n = nums.length;
    let maxPage = 0;
    const buf = new Uint8Array(n * PAGE_BYTES);
    for (let i = 0; i < n; i++) {
      const bytes = pages.get(nums[i])!;
      if (bytes.length !== PAGE_BYTES) throw new RangeError(`page ${nums[i]} must be ${PAGE_BYTES} bytes`);
      buf.set(bytes, i * PAGE_BYTES);
      if (nums[i] > maxPage) maxPage = nums[i];
    }
    const capacity = Math.max(this.#capacity, pow2AtLeast(maxPage + 1));
    if (capacity > MAX_PAGES) throw new RangeError(`state tree page ${maxPage} exceeds ${MAX_PAGES}`);
    let cur = buf;
    for (let l = 1; l <= PAGE_BITS; l++) {
      const next = new Uint8Array(cur.length / 2);
      hashPairs(cur, next);
      cur = next;
    }
    const pageRoots = new Map<number, Uint8Array>();
    for (let i = 0; i < n; i++) pageRoots.set(nums[i], cur.subarray(i * 32, i * 32 + 32));
    const levels: LevelUpdate[] = [{ idx: nums, hashes: cur }];
    let idx = nums;
    let hashes = cur;
    for (let l = PAGE_BITS + 1; l <= STATE_TREE_DEPTH; l++) {
      // Parents of the dirty children, deduplicated (children are sorted, so parents are too).
      const parents = new Uint32Array(idx.length);
      let np = 0;
      for (let i = 0; i < idx.length; i++) {
        const q = idx[i] >>> 1;
        if (np === 0 || parents[np - 1] !== q) parents[np++] = q;
      }
      const pidx = parents.slice(0, np);
      const input = new Uint8Array(np * 64);
      let k = 0;
      for (let j = 0; j < np; j++) {
        const left = pidx[j] * 2;
        if (k < idx.length && idx[k] === left) input.set(hashes.subarray(k * 32, k * 32 + 32), j * 64), k++;
        else input.set(this.node(l - 1, left), j * 64);
        if (k < idx.length && idx[k] === left + 1) input.set(hashes.subarray(k * 32, k * 32 + 32), j * 64 + 32), k++;
        else input.set(this.node(l - 1, left + 1), j * 64 + 32);
      }
      const out = new Uint8Array(np * 32);
      hashPairs(input, out);
      levels.push({ idx: pidx, hashes: out });
      idx = pidx;
      hashes = out;
    }
    // No page changed: the root stays (level 32 was never touched).
    const root = n === 0 ? this.root() : hashes.slice(0, 32);
    return { root, capacity, pageRoots, levels: n === 0 ? [] : levels, baseVersion: this.#version };
  }

  /** Installs an update computed by `prepare` on this very version of the tree. */
  apply(u: TreeUpdate): void {
    if (u.baseVersion !== this.#version) throw new RangeError(`tree update for version ${u.baseVersion} applied to version ${this.#version}`);
    if (u.capacity > this.#capacity) this.#grow(u.capacity);
    for (let i = 0; i < u.levels.length; i++) {
      const { idx, hashes } = u.levels[i];
      const a = this.#levels[i];
      for (let j = 0; j < idx.length; j++) a.set(hashes.subarray(j * 32, j * 32 + 32), idx[j] * 32);
    }
    this.#version++;
  }

  #grow(capacity: number): void {
    const next = this.#alloc(capacity);
    // Existing nodes keep their values: the tree grows by zero leaves only.
    for (let i = 0; i < next.length; i++) next[i].set(this.#levels[i].subarray(0, Math.min(this.#levels[i].length, next[i].length)));
    this.#levels = next;
    this.#capacity = capacity;
  }

  /** Proof siblings 4-31 of leaf `index` (siblings 0-3 come from its page: `pageSiblings`). */
  upperSiblings(index: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let l = PAGE_BITS; l < STATE_TREE_DEPTH; l++) out.push(this.node(l, Math.floor(index / 2 ** l) ^ 1).slice());
    return out;
  }
}
