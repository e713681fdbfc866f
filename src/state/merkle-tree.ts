/**
 * `StateTree`: the state commitment. A binary Merkle tree of fixed depth 32 (rules in
 * `state/proof.ts`) held as a persistent structure from @chainsafe/persistent-merkle-tree, so an
 * update shares every untouched subtree and `clone()` is O(1). Hashing is lazy and batched: updates
 * only rebuild the path nodes, and `root()` hashes all dirty nodes level by level in one pass with
 * the native SHA-NI/AVX `hashtree` hasher (the library's default JS hasher if it cannot load).
 */
import {
  HashComputationGroup,
  LeafNode,
  executeHashComputations,
  getHashComputations,
  setHasher,
  setNodesAtDepth,
  zeroNode,
  type Node,
} from '@chainsafe/persistent-merkle-tree';
import { sha256 } from '../crypto/hash.js';
import { STATE_TREE_DEPTH, stateLeafPreimage } from './proof.js';

/** Name of the hasher in use for inner nodes: `hashtree` (native) or `noble` (fallback). */
export let stateTreeHasherName = 'noble';
try {
  // The native hasher lives in an optional platform package; its import throws when absent.
  const { hasher } = await import('@chainsafe/persistent-merkle-tree/hasher/hashtree');
  setHasher(hasher);
  stateTreeHasherName = hasher.name;
} catch {
  // Keep the library's default hasher: identical digests, only slower.
}

const MAX_INDEX = 2 ** STATE_TREE_DEPTH - 1;
/** Reused scratch lists of pending hash computations; `root()` is synchronous, so one is enough. */
const hcGroup = new HashComputationGroup();

/** One leaf assignment for `StateTree.setLeaves`. */
export interface StateLeafUpdate {
  /** Leaf slot, 0 <= index < 2^32, assigned by the caller and stable for the record's life. */
  index: number;
  /** 32-byte leaf value: `StateTree.leafHash(key, value)`, or 32 zero bytes for an absent record. */
  leaf: Uint8Array;
}

function checkIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index > MAX_INDEX) throw new RangeError(`state tree index out of range: ${index}`);
}

/** The depth-32 binary Merkle tree committing to the state (`new StateTree()` is empty: every leaf zero). */
export class StateTree {
  #node: Node = zeroNode(STATE_TREE_DEPTH);

  /** Leaf hash of a present record: SHA-256(u32le(len(key)) | key | value), as `stateLeafHash`. */
  static leafHash(key: Uint8Array, value: Uint8Array): Uint8Array {
    return sha256(stateLeafPreimage(key, value));
  }

  /**
   * Sets many leaves in one structural pass (`setNodesAtDepth`). Input may be in any order; it is
   * sorted by index and, if an index repeats, the last update for it wins.
   */
  setLeaves(updates: readonly StateLeafUpdate[]): void {
    if (updates.length === 0) return;
    let sorted = true;
    for (let i = 0; i < updates.length; i++) {
      const u = updates[i];
      checkIndex(u.index);
      if (u.leaf.length !== 32) throw new RangeError(`state tree leaf must be 32 bytes, got ${u.leaf.length}`);
      if (i > 0 && u.index <= updates[i - 1].index) sorted = false;
    }
    let list = updates;
    if (!sorted) {
      // Stable sort keeps input order among equal indexes; keep the last of each run (last write wins).
      const s = [...updates].sort((a, b) => a.index - b.index);
      list = s.filter((u, i) => i === s.length - 1 || s[i + 1].index !== u.index);
    }
    const indexes = new Array<number>(list.length);
    const nodes = new Array<Node>(list.length);
    for (let i = 0; i < list.length; i++) {
      indexes[i] = list[i].index;
      nodes[i] = LeafNode.fromRoot(list[i].leaf);
    }
    this.#node = setNodesAtDepth(this.#node, STATE_TREE_DEPTH, indexes, nodes);
  }

  /** Sets one leaf (prefer `setLeaves` for many). */
  setLeaf(index: number, leaf: Uint8Array): void {
    this.setLeaves([{ index, leaf }]);
  }

  /** The 32-byte leaf value at `index` (zeros when empty). */
  getLeaf(index: number): Uint8Array {
    checkIndex(index);
    let node = this.#node;
    for (let level = STATE_TREE_DEPTH - 1; level >= 0; level--) node = (index >>> level) & 1 ? node.right : node.left;
    return node.root;
  }

  /** The 32-byte root; hashes all nodes changed since the last call in one batched pass. */
  root(): Uint8Array {
    this.#hashDirty();
    return this.#node.root;
  }

  /** The 32 sibling hashes of leaf `index`, bottom-up (siblings[0] is the leaf's sibling). */
  proof(index: number): Uint8Array[] {
    checkIndex(index);
    this.#hashDirty();
    const siblings = new Array<Uint8Array>(STATE_TREE_DEPTH);
    let node = this.#node;
    // Walk from the root: the children of the current node are at level `level`; bit `level` picks the side.
    for (let level = STATE_TREE_DEPTH - 1; level >= 0; level--) {
      const right = ((index >>> level) & 1) === 1;
      siblings[level] = (right ? node.left : node.right).root;
      node = right ? node.right : node.left;
    }
    return siblings;
  }

  /** An O(1) copy sharing all nodes; updates to either tree never affect the other. */
  clone(): StateTree {
    const copy = new StateTree();
    copy.#node = this.#node;
    return copy;
  }

  #hashDirty(): void {
    // A branch whose h0 is null has not been hashed yet (library convention).
    if ((this.#node.h0 as number | null) !== null) return;
    hcGroup.reset();
    try {
      getHashComputations(this.#node, 0, hcGroup.byLevel);
      executeHashComputations(hcGroup.byLevel);
    } finally {
      hcGroup.clean();
    }
  }
}
