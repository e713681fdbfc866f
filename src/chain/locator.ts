/**
 * Block locators (Bitcoin's CBlockLocator, bcoin's chain.getLocator): the hashes of the tip, the 10
 * blocks below it, then exponentially spaced blocks back to genesis. A peer finds the last block
 * both chains share as the first locator hash on its own main chain.
 */
import type { ChainEntry, ChainIndex } from './chain-index.js';

/** Locator of the main chain from `from` (default the tip): dense for 10 blocks, then doubling steps, genesis last. */
export function blockLocator(index: ChainIndex, from: ChainEntry = index.tip): Uint8Array[] {
  const out: Uint8Array[] = [];
  let step = 1;
  let height = from.height;
  let e: ChainEntry | null = from;
  while (e) {
    out.push(e.hash);
    if (height === 0) break;
    if (out.length >= 10) step *= 2;
    height = Math.max(0, height - step);
    while (e && e.height > height) e = e.parent;
  }
  return out;
}

/** The last main-chain block a locator shares with this chain (genesis when none match). */
export function findFork(index: ChainIndex, locator: readonly Uint8Array[]): ChainEntry {
  for (const hash of locator) {
    const e = index.get(hash);
    if (e && index.isMain(e)) return e;
  }
  return index.atHeight(0)!;
}
