/**
 * What other modules, the BFT engine adapter and RPC may use of staking (Lisk's method.ts): the
 * read views (validators, delegations, entries, totals, the stake at a past height, the active set
 * of a height with consensus keys and powers in set order), the module accounts, the hook
 * interface, and `createStakingMethods`, which binds the operations to a chain's parameters and
 * hooks (the proof-of-stake bundle builds it once and hands it to the modules that change stake).
 */
import type { ProofOfStakeParams } from '../../../params/staking.js';
import { STAKING } from './stores.js';

export { BONDED_POOL, COMMUNITY_POOL, DISTRIBUTION_ACCOUNT, STAKING_POOL_ACCOUNT, moduleAccount } from './accounts.js';
export { createStakingMethods, type StakingMethods } from './operations.js';
export { FOREVER } from './core.js';
export { composeHooks, type SlashOutcome, type StakingContext, type StakingHooks } from './hooks.js';
export {
  activeSetAt,
  activeSetUpdates,
  bySetOrder,
  delegationValue,
  delegationsOf,
  getValidator,
  incomingRedelegations,
  keptSetHeights,
  listValidators,
  powerOf,
  redelegationEntries,
  redelegationsOf,
  requireValidator,
  selfStakeOf,
  sharesOf,
  stakingTotals,
  tokensAt,
  tokensOfShares,
  unbondingEntries,
  unbondingsOf,
  validatorByPublicKey,
  wasBondedAt,
  type ActiveSetView,
  type SetUpdate,
  type DelegationView,
} from './reads.js';
export { STAKING, type RedelegationEntry, type SetMember, type Totals, type UnbondingEntry, type Validator } from './stores.js';
export { stakingContext } from './commands.js';
export type { NewValidator } from './validators.js';
export type { RedelegateResult, UnbondResult } from './delegations.js';

/** The economics of the chain's proof-of-stake modules (the staking module's `config`), if it runs them. */
export function economicsOf(modules: readonly { readonly name: string }[]): ProofOfStakeParams | undefined {
  return (modules.find((m) => m.name === STAKING) as { config?: ProofOfStakeParams } | undefined)?.config;
}
