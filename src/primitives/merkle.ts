/**
 * Bitcoin's transaction merkle tree: leaves are double-SHA-256 ids, a level with an odd count pairs
 * its last node with itself, parent = sha256d(left || right). The coinbase is always leaf 0, so a
 * Stratum v1 miner folds the coinbase hash with the branch of right-hand siblings to get the root.
 * Duplicate leaves (the CVE-2012-2459 mutation) are rejected by block validation, not here.
 */
import { sha256d } from '../crypto/hash.js';

function pairHash(a: Uint8Array, b: Uint8Array): Uint8Array {
  const buf = new Uint8Array(64);
  buf.set(a, 0);
  buf.set(b, 32);
  return sha256d(buf);
}

/** Merkle root of 32-byte leaves (all-zero root for an empty list). */
export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return new Uint8Array(32);
  let level = leaves.slice();
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(pairHash(level[i], level[i + 1] ?? level[i]));
    level = next;
  }
  return level[0];
}

/**
 * The Stratum merkle branch for leaf 0: the right-hand sibling at each level, bottom up.
 * `leavesAfterCoinbase` are the transaction ids (leaf 1 onwards).
 */
export function coinbaseBranch(leavesAfterCoinbase: readonly Uint8Array[]): Uint8Array[] {
  const branch: Uint8Array[] = [];
  // Level 0 holds a placeholder for the coinbase; only its siblings are needed.
  let level: (Uint8Array | null)[] = [null, ...leavesAfterCoinbase];
  while (level.length > 1) {
    branch.push(level[1] as Uint8Array);
    const next: (Uint8Array | null)[] = [null];
    for (let i = 2; i < level.length; i += 2) next.push(pairHash(level[i] as Uint8Array, (level[i + 1] ?? level[i]) as Uint8Array));
    level = next;
  }
  return branch;
}

/** Folds a leaf-0 hash with its branch, exactly as Stratum v1 miners do: root = sha256d(root || b). */
export function rootFromCoinbaseBranch(coinbaseHash: Uint8Array, branch: readonly Uint8Array[]): Uint8Array {
  let root = coinbaseHash;
  for (const b of branch) root = pairHash(root, b);
  return root;
}
