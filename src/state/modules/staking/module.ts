/**
 * The staking module (Cosmos x/staking, Lisk's PoS module shape): validators with consensus keys
 * and a minimum self-stake, delegation for shares, unbonding and redelegation entries, jail and
 * unjail, and the active set (top N by power) taking effect one block after the next. Before a
 * block's transactions it completes matured unbondings and redelegations; after them it
 * recomputes the active set if stake or jail changed. Built by the proof-of-stake bundle with the
 * staking methods, whose hooks reach distribution, slashing and the staking pool.
 */
import type { StateModule } from '../../module.js';
import type { ProofOfStakeParams } from '../../../params/staking.js';
import type { StakingMethods } from './operations.js';
import { stakingCommands } from './commands.js';
import { STAKING_ERRORS } from './errors.js';
import { stakingEvents } from './events.js';
import { STAKING } from './stores.js';

/** The staking module over `staking`; `config` carries the chain's economics for its RPC endpoints. */
export function createStakingModule(staking: StakingMethods): StateModule & { readonly config: ProofOfStakeParams } {
  return {
    name: STAKING,
    config: staking.params,
    commands: stakingCommands(staking),
    events: stakingEvents,
    errors: STAKING_ERRORS,
    genesis({ state, params, events }) {
      staking.genesis({ state, events, height: 0n, time: params.genesis.time });
    },
    beforeTransactions({ block, state, events }) {
      staking.beginBlock({ state, events, height: block.height, time: block.time });
    },
    afterTransactions({ block, state, events }) {
      staking.endBlock({ state, events, height: block.height, time: block.time });
    },
  };
}
