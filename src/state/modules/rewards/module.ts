/**
 * The rewards module: after a block's transactions it locks the block reward (the engine's subsidy
 * plus every tip) for the producer and records the subsidy in the supply ledger; before a block's
 * transactions it releases the reward that has matured (`params.rewards.maturity` blocks later).
 */
import type { StateModule } from '../../module.js';
import { credit, NATIVE_ASSET } from '../accounts/method.js';
import { recordSupply } from '../supply/method.js';
import { RewardLockedEvent, RewardReleasedEvent } from './events.js';
import { heightKey, lockedRewardStore } from './stores.js';

/** The rewards module. */
export const rewardsModule: StateModule = {
  name: 'rewards',
  events: [RewardLockedEvent, RewardReleasedEvent],
  blockKeys(block) {
    const from = block.height - BigInt(block.params.rewards.maturity);
    return from < 1n ? [] : [lockedRewardStore.key(heightKey(from))];
  },
  beforeTransactions({ block, state, events }) {
    const from = block.height - BigInt(block.params.rewards.maturity);
    if (from < 1n) return;
    const locked = lockedRewardStore.get(state, heightKey(from));
    if (!locked) return;
    lockedRewardStore.del(state, heightKey(from));
    credit(state, locked.beneficiary, NATIVE_ASSET, locked.amount);
    events.emit(RewardReleasedEvent, { beneficiary: locked.beneficiary, amount: locked.amount, fromHeight: from });
  },
  afterTransactions({ block, state, events, totals }) {
    const amount = block.reward + totals.tips;
    recordSupply(state, NATIVE_ASSET, block.rewardCause, block.reward);
    if (amount === 0n) return;
    const unlockHeight = block.height + BigInt(block.params.rewards.maturity);
    lockedRewardStore.set(state, heightKey(block.height), { beneficiary: block.beneficiary, amount });
    events.emit(RewardLockedEvent, { beneficiary: block.beneficiary, subsidy: block.reward, tips: totals.tips, unlockHeight });
  },
};
