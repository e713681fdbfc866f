/**
 * The distribution module (Cosmos x/distribution, F1): before a block's transactions it allocates
 * the block provision (just minted) and the previous block's tips to the validators that signed
 * the parent; after them it collects the block's tips. Commands: claim, claimAll, claimCommission.
 * Every payout is a `distribution.rewardsPaid` or `commissionPaid` event in the receipt of the
 * transaction that caused it.
 */
import { TxError } from '../../../errors.js';
import type { Command, StateModule } from '../../module.js';
import { delegationsOf, requireValidator, stakingContext } from '../staking/method.js';
import type { DistributionMethods } from './operations.js';
import { distributionEvents } from './events.js';
import { ClaimAllParams, ClaimCommissionParams, ClaimParams } from './schemas.js';
import { DISTRIBUTION } from './stores.js';

/** Gas of a claim. */
export const CLAIM_GAS = 20_000n;
/** Delegations one claimAll settles (its gas is fixed, so its work is bounded): the first ones in index order. */
export const CLAIM_ALL_MAX = 16;

/** The distribution module over `dist`. */
export function createDistributionModule(dist: DistributionMethods): StateModule {
  const claim: Command<ClaimParams> = {
    name: 'claim',
    schema: ClaimParams,
    gas: () => CLAIM_GAS,
    verify({ params, state }) {
      requireValidator(state, params.validator);
    },
    execute(ctx) {
      const r = dist.withdrawRewards(stakingContext(ctx), ctx.sender, ctx.params.validator);
      if (r.provision + r.tip === 0n) throw new TxError('TX_NOTHING_TO_CLAIM', 'no rewards to claim from this validator yet');
    },
  };
  const claimAll: Command<ClaimAllParams> = {
    name: 'claimAll',
    schema: ClaimAllParams,
    gas: () => BigInt(CLAIM_ALL_MAX) * CLAIM_GAS,
    execute(ctx) {
      let total = 0n;
      const sctx = stakingContext(ctx);
      for (const d of delegationsOf(ctx.state, ctx.sender).slice(0, CLAIM_ALL_MAX)) {
        const r = dist.withdrawRewards(sctx, ctx.sender, d.validator);
        total += r.provision + r.tip;
      }
      if (total === 0n) throw new TxError('TX_NOTHING_TO_CLAIM', 'no rewards to claim');
    },
  };
  const claimCommission: Command<ClaimCommissionParams> = {
    name: 'claimCommission',
    schema: ClaimCommissionParams,
    gas: () => CLAIM_GAS,
    verify({ params, state }) {
      requireValidator(state, params.validator);
    },
    execute(ctx) {
      dist.claimCommission(stakingContext(ctx), ctx.sender, ctx.params.validator);
    },
  };
  return {
    name: DISTRIBUTION,
    commands: [claim, claimAll, claimCommission],
    events: distributionEvents,
    beforeTransactions({ block, state, events }) {
      dist.allocate({ state, events, height: block.height, time: block.time }, block.consensus.parentSigners);
    },
    afterTransactions({ block, state, events, totals }) {
      dist.collectFees({ state, events, height: block.height, time: block.time }, totals.tips);
    },
  };
}
