/** Whole-state invariants checked in tests after every block. */
import { Chain } from '../chain/chain.js';
import { StateMachine } from '../state/state-machine.js';
import { ChainStore } from '../storage/chain-store.js';
import { MemoryKv } from '../storage/memory-kv.js';
import { decode } from '../encoding/codec.js';
import { Account, accountStore, NATIVE_ASSET } from '../state/modules/accounts/stores.js';
import { lockedRewardStore, LockedReward } from '../state/modules/rewards/stores.js';
import { supplyOf } from '../state/modules/supply/method.js';
import { testStateCacheBytes } from './chain.js';

/** Sum of native balances plus locked rewards, and the supply ledger's total. */
export async function nativeSupplyCheck(chain: Chain): Promise<{ held: bigint; ledger: bigint }> {
  let held = 0n;
  for await (const [, v] of chain.world.entries(accountStore.prefix)) {
    for (const b of decode(Account, v).balances) if (b.assetId === NATIVE_ASSET) held += b.amount;
  }
  for await (const [, v] of chain.world.entries(lockedRewardStore.prefix)) held += decode(LockedReward, v).amount;
  return { held, ledger: await chain.view((s) => supplyOf(s, NATIVE_ASSET).total) };
}

/**
 * Replays `chain`'s main chain from genesis into a fresh in-memory chain with the same parameters,
 * engine and modules, and returns the replayed state root (what every reorg and crash test compares
 * the live state with).
 */
export async function replayState(chain: Chain): Promise<{ root: Uint8Array; height: number }> {
  const fresh = new Chain({
    params: chain.params,
    store: new ChainStore(new MemoryKv()),
    engine: chain.engine,
    stateMachine: new StateMachine(chain.params, chain.sm.modules),
    // Past every block's time: only the future-drift rule reads the local clock.
    now: () => 0xffffffff,
    ...testStateCacheBytes(),
  });
  await fresh.open();
  for (let h = 1; h <= chain.tip.height; h++) {
    const pb = await chain.getBlock(chain.index.atHeight(h)!.hash);
    await fresh.importBlock(pb!.bytes, { justification: await chain.getJustification(pb!.hash) });
  }
  const out = { root: fresh.stateRoot(), height: fresh.tip.height };
  await fresh.close();
  return out;
}
