/**
 * Browser-safe verification of state proofs against a block's state root. Imports only
 * @noble/hashes, so wallets and light clients can check a record without the node's native code.
 *
 * Rules (the state commitment, shared with `state/merkle-tree.ts`):
 * - the tree is binary, of fixed depth `STATE_TREE_DEPTH` = 32, one record per leaf at a stable index;
 * - leaf = SHA-256(u32le(len(key)) | key | value) for a present record, 32 zero bytes for an absent one;
 * - inner node = SHA-256(left | right);
 * - bit i of the leaf index (i = 0 is the lowest bit) is 1 when the node at level i is a right child.
 */
import { sha256 } from '@noble/hashes/sha2.js';

/** Depth of the state tree: 2^32 leaf slots, so every proof has exactly 32 siblings. */
export const STATE_TREE_DEPTH = 32;

/** Leaf value of an absent (never written or deleted) record: 32 zero bytes. */
export const EMPTY_STATE_LEAF: Uint8Array = new Uint8Array(32);

/** Bytes hashed into a leaf: u32le(len(key)) | key | value (the length prefix makes the split unambiguous). */
export function stateLeafPreimage(key: Uint8Array, value: Uint8Array): Uint8Array {
  if (key.length > 0xffffffff) throw new RangeError('state key longer than 2^32-1 bytes');
  const out = new Uint8Array(4 + key.length + value.length);
  new DataView(out.buffer).setUint32(0, key.length, true);
  out.set(key, 4);
  out.set(value, 4 + key.length);
  return out;
}

/** Leaf hash of a present record: SHA-256(u32le(len(key)) | key | value). */
export function stateLeafHash(key: Uint8Array, value: Uint8Array): Uint8Array {
  return sha256(stateLeafPreimage(key, value));
}

/** Inputs of `verifyStateProof`: the record, its leaf index and the 32 sibling hashes bottom-up. */
export interface StateProof {
  root: Uint8Array;
  key: Uint8Array;
  value: Uint8Array;
  index: number;
  siblings: readonly Uint8Array[];
}

function equal32(a: Uint8Array, b: Uint8Array): boolean {
  let diff = 0;
  for (let i = 0; i < 32; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/**
 * True when `key = value` sits at leaf `index` of the tree whose root is `root`: recomputes the
 * leaf hash and folds the siblings bottom-up by the index bits. Malformed input yields false.
 */
export function verifyStateProof(proof: StateProof): boolean {
  const { root, key, value, index, siblings } = proof;
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** STATE_TREE_DEPTH) return false;
  if (root.length !== 32 || siblings.length !== STATE_TREE_DEPTH) return false;
  let node = stateLeafHash(key, value);
  const buf = new Uint8Array(64);
  for (let level = 0; level < STATE_TREE_DEPTH; level++) {
    const sibling = siblings[level];
    if (sibling.length !== 32) return false;
    // Bit `level` of the index set: the running node is the right child at this level.
    const isRight = ((index >>> level) & 1) === 1;
    buf.set(isRight ? sibling : node, 0);
    buf.set(isRight ? node : sibling, 32);
    node = sha256(buf);
  }
  return equal32(node, root);
}
