/** Whole-state invariants checked in tests after every block. */
import type { Chain } from '../chain/chain.js';
import { decode } from '../encoding/codec.js';
import { Account, accountStore, NATIVE_ASSET } from '../state/modules/accounts/stores.js';
import { lockedRewardStore, LockedReward } from '../state/modules/rewards/stores.js';
import { supplyOf } from '../state/modules/supply/method.js';

/** Sum of native balances plus locked rewards, and the supply ledger's total. */
export function nativeSupplyCheck(chain: Chain): { held: bigint; ledger: bigint } {
  let held = 0n;
  for (const [, v] of chain.world.entries(accountStore.prefix)) {
    for (const b of decode(Account, v).balances) if (b.assetId === NATIVE_ASSET) held += b.amount;
  }
  for (const [, v] of chain.world.entries(lockedRewardStore.prefix)) held += decode(LockedReward, v).amount;
  return { held, ledger: supplyOf(chain.world, NATIVE_ASSET).total };
}
