/**
 * The staking hooks (Cosmos x/staking `StakingHooks`): how distribution, slashing and the staking
 * pool learn of validator and delegation changes without staking importing them (modules reach
 * each other only through method.ts, and the dependency runs one way: they import staking). The
 * proof-of-stake bundle composes them when it builds the staking methods.
 */
import type { EventSink } from '../../module.js';
import type { StateWriter } from '../../state-view.js';
import type { Validator } from './stores.js';

/** Where a staking operation runs: the state, the event stream, and the block's height and time. */
export interface StakingContext {
  readonly state: StateWriter;
  readonly events: EventSink;
  readonly height: bigint;
  /** Block time in seconds (BlockInfo.time; genesis time at genesis). */
  readonly time: number;
}

/** What a slash did, for the hooks that follow it. */
export interface SlashOutcome {
  readonly infractionHeight: bigint;
  readonly fraction: bigint;
  readonly slashAmount: bigint;
  readonly fromValidator: bigint;
  readonly tokensBefore: bigint;
}

/** Callbacks around staking changes; every member is optional. */
export interface StakingHooks {
  /** A validator record was created (before its self-delegation). */
  afterValidatorCreated?(ctx: StakingContext, v: Validator): void;
  /** The shares of (delegator, validator) are about to change, or a delegation is about to be created; `v` is as before the change. */
  beforeDelegationChange?(ctx: StakingContext, v: Validator, delegator: Uint8Array): void;
  /** The shares changed; `shares` is the delegation's new total (0: it was removed); `v` as after. */
  afterDelegationChange?(ctx: StakingContext, v: Validator, delegator: Uint8Array, shares: bigint): void;
  /** A slash is about to change anything (unbondings, redelegations, the validator's tokens). */
  beforeSlash?(ctx: StakingContext, v: Validator): void;
  /** The validator's tokens are about to drop by `fraction` (effective, rounded up) of them. */
  beforeValidatorSlashed?(ctx: StakingContext, v: Validator, fraction: bigint): void;
  /** The slash is complete. */
  afterSlash?(ctx: StakingContext, v: Validator, outcome: SlashOutcome): void;
  /** The validator enters the active set that takes effect at `fromHeight`. */
  afterValidatorBonded?(ctx: StakingContext, v: Validator, fromHeight: bigint): void;
}

/** Every hook of `list`, called in order. */
export function composeHooks(list: readonly StakingHooks[]): Required<StakingHooks> {
  const each =
    <K extends keyof StakingHooks>(k: K) =>
    (...args: Parameters<Required<StakingHooks>[K]>): void => {
      for (const h of list) (h[k] as ((...a: unknown[]) => void) | undefined)?.(...args);
    };
  return {
    afterValidatorCreated: each('afterValidatorCreated'),
    beforeDelegationChange: each('beforeDelegationChange'),
    afterDelegationChange: each('afterDelegationChange'),
    beforeSlash: each('beforeSlash'),
    beforeValidatorSlashed: each('beforeValidatorSlashed'),
    afterSlash: each('afterSlash'),
    afterValidatorBonded: each('afterValidatorBonded'),
  };
}
