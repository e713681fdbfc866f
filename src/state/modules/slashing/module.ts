/**
 * The slashing module (Cosmos x/slashing and x/evidence): before a block's transactions it
 * records the block's time, punishes the verified duplicate-vote evidence the block carries, and
 * counts each parent-set validator's signature or miss into its window (downtime). Its staking
 * hook restarts a validator's signing window when it joins the active set.
 */
import type { ProofOfStakeParams } from '../../../params/staking.js';
import type { StateModule } from '../../module.js';
import type { StakingHooks, StakingMethods } from '../staking/method.js';
import { recordBlockTime } from './block-times.js';
import { handleEvidence } from './evidence.js';
import { slashingEvents } from './events.js';
import { handleSignatures, newSigningInfo } from './liveness.js';
import { SLASHING, signingInfoStore } from './stores.js';

/** The staking hooks of slashing: a validator joining the set starts (or restarts) its window at the height it first signs. */
export function slashingHooks(p: ProofOfStakeParams): StakingHooks {
  return {
    afterValidatorBonded(ctx, v, fromHeight) {
      const info = signingInfoStore.get(ctx.state, v.address);
      signingInfoStore.set(ctx.state, v.address, info ? { ...info, startHeight: fromHeight } : newSigningInfo(p, fromHeight));
    },
  };
}

/** The slashing module with `p`'s parameters over `staking`. */
export function createSlashingModule(p: ProofOfStakeParams, staking: StakingMethods): StateModule {
  return {
    name: SLASHING,
    events: slashingEvents,
    genesis({ state, params }) {
      recordBlockTime(state, 0n, params.genesis.time, p.staking.unbondingPeriod);
    },
    beforeTransactions({ block, state, events }) {
      const ctx = { state, events, height: block.height, time: block.time };
      recordBlockTime(state, block.height, block.time, p.staking.unbondingPeriod);
      handleEvidence(p, staking, ctx, block.consensus.evidence);
      handleSignatures(p, staking, ctx, block.consensus.parentSigners);
    },
  };
}
