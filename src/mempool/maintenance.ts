/**
 * Keeping the pool valid as the head moves: re-checking senders against the head state and
 * expiring old transactions. Both only decide what to drop; the caller drops (and emits).
 */
import { balanceOf, NATIVE_ASSET, type Account } from '../state/modules/accounts/method.js';
import { feeAt, type PoolEntry } from './entry.js';
import type { PoolIndex } from './pool-index.js';
import type { RemovalReason } from './types.js';

/** Removes one entry for a reason (the pool's own drop, which also emits `removed`). */
export type DropFn = (e: PoolEntry, reason: RemovalReason) => void;

/**
 * Re-checks senders against their accounts in the head state (`accountOf`, read by the caller):
 * refreshes the cached account nonce, drops nonces already used (`stale`), then walks the rest in
 * nonce order and drops every transaction from the first whose cumulative fees at `baseFee` the
 * balance cannot pay (`unpayable`; later nonces cannot go without it).
 */
export function revalidateSenders(index: PoolIndex, accountOf: (address: Uint8Array) => Account, baseFee: bigint, senders: Iterable<string>, drop: DropFn): void {
  for (const key of [...senders]) {
    const s = index.senders.get(key);
    if (!s) continue;
    const acc = accountOf(s.address);
    s.stateNonce = acc.nonce;
    const have = balanceOf(acc, NATIVE_ASSET);
    let total = 0n;
    for (const e of s.entries()) {
      if (e.nonce < acc.nonce) {
        drop(e, 'stale');
        continue;
      }
      total += feeAt(e, baseFee);
      if (total > have) drop(e, 'unpayable');
    }
  }
}

/**
 * Drops transactions that arrived at or before `cutoff` (seconds), each with its sender's later
 * nonces (they cannot be mined without it). Arrival order makes this O(expired).
 */
export function expireEntries(index: PoolIndex, cutoff: number, drop: DropFn): void {
  for (const e of index.byKey.values()) {
    if (e.addedAt > cutoff) break;
    const s = index.senders.get(e.sender);
    for (const x of s?.entries() ?? []) if (x.nonce >= e.nonce) drop(x, 'expired');
  }
}
