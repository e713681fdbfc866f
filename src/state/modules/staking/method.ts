/**
 * What other modules, the BFT engine adapter and RPC may use of staking (Lisk's method.ts): the
 * read views (validators, delegations, entries, totals, the stake at a past height, the active set
 * of a height with consensus keys and powers in set order), the module accounts, the hook
 * interface, and `createStakingMethods`, which binds the operations to a chain's parameters and
 * hooks (the proof-of-stake bundle builds it once and hands it to the modules that change stake).
 */
import type { ProofOfStakeParams } from '../../../params/staking.js';
import { STAKING } from './stores.js';

/** Module accounts (bonded pool, distribution, community pool, staking pool). */
export { BONDED_POOL, COMMUNITY_POOL, DISTRIBUTION_ACCOUNT, STAKING_POOL_ACCOUNT, moduleAccount } from './accounts.js';
/** The staking operations bound to a chain's parameters and hooks. */
export { createStakingMethods, type StakingMethods } from './operations.js';
/** Block time meaning "for ever" (a tombstone's jail). */
export { FOREVER } from './core.js';
/** The hook interface other modules implement. */
export { composeHooks, type SlashOutcome, type StakingContext, type StakingHooks } from './hooks.js';
/** Read views: validators, shares, delegations, entries, totals, the stake at a height, active sets. */
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
/** Module name and record types. */
export { STAKING, type RedelegationEntry, type SetMember, type Totals, type UnbondingEntry, type Validator } from './stores.js';
/** The staking context of a command. */
export { stakingContext } from './commands.js';
/** What a new validator needs. */
export type { NewValidator } from './validators.js';
/** Results of unbonding and redelegating. */
export type { RedelegateResult, UnbondResult } from './delegations.js';

/** The economics of the chain's proof-of-stake modules (the staking module's `config`), if it runs them. */
export function economicsOf(modules: readonly { readonly name: string }[]): ProofOfStakeParams | undefined {
  return (modules.find((m) => m.name === STAKING) as { config?: ProofOfStakeParams } | undefined)?.config;
}
