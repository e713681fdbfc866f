/**
 * The distribution methods of a chain: the staking hooks that make every delegation change pay
 * the pending rewards first (an event in that transaction's receipt) and restart the accounting,
 * that end a period at every slash, and that sweep a validator's rounding dust to the community
 * pool once its last delegation is gone; plus allocation, fee collection, claims and commission.
 */
import { TxError } from '../../../errors.js';
import { bytesEqual } from '../../../encoding/hex.js';
import type { ProofOfStakeParams } from '../../../params/staking.js';
import { credit, debit, NATIVE_ASSET } from '../accounts/method.js';
import { COMMUNITY_POOL, DISTRIBUTION_ACCOUNT, requireValidator, sharesOf, type StakingContext, type StakingHooks, type Validator } from '../staking/method.js';
import { allocateRewards } from './allocate.js';
import { recordReward } from './earnings.js';
import { CommissionPaidEvent, FeesCollectedEvent, RewardsPaidEvent, ToCommunityPoolEvent } from './events.js';
import { endPeriod, initValidator, rewardsOf, settleDelegation, startDelegation } from './f1.js';
import { slashStore, validatorRewardsStore } from './stores.js';
import { addDistTotals } from './totals.js';

/** Rewards paid to one delegation, by cause. */
export interface PaidRewards {
  readonly provision: bigint;
  readonly tip: bigint;
}

/** Distribution operations bound to one chain's parameters. */
export interface DistributionMethods {
  /** The hooks staking calls. */
  readonly hooks: StakingHooks;
  /** Allocates this block's provision and the previous block's tips to the parent's signers. */
  allocate(ctx: StakingContext, signers: readonly Uint8Array[]): void;
  /** Takes a block's tips into the fee pool (allocated by the next block). */
  collectFees(ctx: StakingContext, tips: bigint): void;
  /** Pays (delegator, validator)'s pending rewards and restarts its accounting; returns what was paid. */
  withdrawRewards(ctx: StakingContext, delegator: Uint8Array, validator: Uint8Array): PaidRewards;
  /** Pays a validator's commission to its reward address (operator or reward address only); returns it. */
  claimCommission(ctx: StakingContext, sender: Uint8Array, validator: Uint8Array): bigint;
}

/**
 * Pays settled rewards to the delegator, with the event (even when the rounded amount is 0, so a
 * settlement is never silent) and the records of each cause. `null`: nothing was settled.
 */
function pay(ctx: StakingContext, validator: Uint8Array, delegator: Uint8Array, r: PaidRewards | null): void {
  if (r === null) return;
  const total = r.provision + r.tip;
  if (total === 0n) {
    ctx.events.emit(RewardsPaidEvent, { delegator, validator, provision: 0n, tip: 0n });
    return;
  }
  debit(ctx.state, DISTRIBUTION_ACCOUNT, NATIVE_ASSET, total);
  credit(ctx.state, delegator, NATIVE_ASSET, total);
  const vr = rewardsOf(ctx.state, validator);
  validatorRewardsStore.set(ctx.state, validator, { ...vr, outstanding: vr.outstanding - total });
  addDistTotals(ctx.state, { paidDelegators: total });
  recordReward(ctx.state, delegator, { height: ctx.height, validator, cause: 'provision', amount: r.provision });
  recordReward(ctx.state, delegator, { height: ctx.height, validator, cause: 'tip', amount: r.tip });
  ctx.events.emit(RewardsPaidEvent, { delegator, validator, provision: r.provision, tip: r.tip });
}

/** Sends what is left at a validator without delegations (rounding dust) to the community pool. */
function sweepDust(ctx: StakingContext, v: Validator): void {
  const r = rewardsOf(ctx.state, v.address);
  const dust = r.outstanding - r.commission - r.currentProvision - r.currentTip;
  if (dust <= 0n) return;
  debit(ctx.state, DISTRIBUTION_ACCOUNT, NATIVE_ASSET, dust);
  credit(ctx.state, COMMUNITY_POOL, NATIVE_ASSET, dust);
  validatorRewardsStore.set(ctx.state, v.address, { ...r, outstanding: r.outstanding - dust });
  addDistTotals(ctx.state, { dust });
  ctx.events.emit(ToCommunityPoolEvent, { validator: v.address, amount: dust, reason: 1 });
}

/** Builds the distribution methods with `p`'s parameters. */
export function createDistribution(p: ProofOfStakeParams): DistributionMethods {
  const hooks: StakingHooks = {
    afterValidatorCreated(ctx, v) {
      initValidator(ctx.state, v.address);
    },
    beforeDelegationChange(ctx, v, delegator) {
      // Cosmos BeforeDelegationSharesModified / BeforeDelegationCreated: withdraw (or just end the period).
      pay(ctx, v.address, delegator, settleDelegation(ctx, v, delegator));
    },
    afterDelegationChange(ctx, v, delegator, shares) {
      if (shares > 0n) startDelegation(ctx, v.address, delegator, shares);
      if (v.shares === 0n) sweepDust(ctx, v);
    },
    beforeValidatorSlashed(ctx, v, fraction) {
      const period = endPeriod(ctx, v);
      const list = slashStore.get(ctx.state, v.address) ?? [];
      slashStore.set(ctx.state, v.address, [...list, { height: ctx.height, period, fraction }].slice(-16));
    },
  };
  return {
    hooks,
    allocate: (ctx, signers) => allocateRewards(p, ctx, signers),
    collectFees(ctx, tips) {
      if (tips === 0n) return;
      credit(ctx.state, DISTRIBUTION_ACCOUNT, NATIVE_ASSET, tips);
      addDistTotals(ctx.state, { feesCollected: tips, feePool: tips });
      ctx.events.emit(FeesCollectedEvent, { height: ctx.height, amount: tips });
    },
    withdrawRewards(ctx, delegator, validator) {
      const v = requireValidator(ctx.state, validator);
      const shares = sharesOf(ctx.state, delegator, validator);
      if (shares === 0n) throw new TxError('TX_NOT_FOUND', 'no delegation to this validator');
      const r = settleDelegation(ctx, v, delegator) ?? { provision: 0n, tip: 0n };
      pay(ctx, validator, delegator, r);
      startDelegation(ctx, validator, delegator, shares);
      return r;
    },
    claimCommission(ctx, sender, validator) {
      const v = requireValidator(ctx.state, validator);
      if (!bytesEqual(sender, v.operator) && !bytesEqual(sender, v.rewardAddress)) throw new TxError('TX_UNAUTHORIZED', 'only the operator or the reward address may claim the commission');
      const r = rewardsOf(ctx.state, validator);
      if (r.commission === 0n) throw new TxError('TX_NOTHING_TO_CLAIM', 'no commission to claim');
      debit(ctx.state, DISTRIBUTION_ACCOUNT, NATIVE_ASSET, r.commission);
      credit(ctx.state, v.rewardAddress, NATIVE_ASSET, r.commission);
      validatorRewardsStore.set(ctx.state, validator, { ...r, commission: 0n, outstanding: r.outstanding - r.commission });
      addDistTotals(ctx.state, { paidCommission: r.commission });
      recordReward(ctx.state, v.rewardAddress, { height: ctx.height, validator, cause: 'commission', amount: r.commission });
      ctx.events.emit(CommissionPaidEvent, { validator, recipient: v.rewardAddress, amount: r.commission });
      return r.commission;
    },
  };
}
