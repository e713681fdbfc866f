/**
 * The staking methods other modules call (Lisk's method, Cosmos's keeper), bound to the network's
 * parameters and the hooks of distribution, slashing and the staking pool. The proof-of-stake
 * bundle builds one instance per chain and hands it to the modules that need to change stake.
 */
import type { ProofOfStakeParams } from '../../../params/staking.js';
import { decodeAddress } from '../../../crypto/address.js';
import { hexToBytes } from '../../../encoding/hex.js';
import { jail as jailValidator, type StakingEnv } from './core.js';
import { cancelUnbonding, delegate, redelegate, undelegate, type RedelegateResult, type UnbondResult } from './delegations.js';
import type { JailReason } from './events.js';
import { composeHooks, type SlashOutcome, type StakingContext, type StakingHooks } from './hooks.js';
import { completeUnbondings, matureRedelegations } from './maturity.js';
import { requireValidator } from './reads.js';
import { slash } from './slash.js';
import { endBlock, updateActiveSet } from './end-block.js';
import { createValidator, editValidator, tombstone, unjail, type NewValidator } from './validators.js';
import { dirtyStore, type Validator } from './stores.js';
import type { Infer } from '../../../encoding/codec.js';

/** Staking operations bound to one chain's parameters and hooks. */
export interface StakingMethods {
  readonly params: ProofOfStakeParams;
  /** Registers a validator and bonds its self-stake from the self-delegator. */
  createValidator(ctx: StakingContext, n: NewValidator): Validator;
  /** Bonds coins for shares; returns the shares. */
  delegate(ctx: StakingContext, delegator: Uint8Array, validator: Uint8Array, amount: bigint): bigint;
  /** Starts unbonding at least `amount` tokens. */
  undelegate(ctx: StakingContext, delegator: Uint8Array, validator: Uint8Array, amount: bigint): UnbondResult;
  /** Moves stake between validators at once. */
  redelegate(ctx: StakingContext, delegator: Uint8Array, src: Uint8Array, dst: Uint8Array, amount: bigint): RedelegateResult;
  /** Bonds part of an unbonding entry back; returns the shares. */
  cancelUnbonding(ctx: StakingContext, delegator: Uint8Array, validator: Uint8Array, creationHeight: bigint, amount: bigint): bigint;
  /** Changes commission and/or reward address (operator only). */
  editValidator(ctx: StakingContext, sender: Uint8Array, validator: Uint8Array, rate: bigint | null, rewardAddress: Uint8Array | null): Validator;
  /** Releases an expired jail (operator only). */
  unjail(ctx: StakingContext, sender: Uint8Array, validator: Uint8Array): Validator;
  /** Jails until block time `until`. */
  jail(ctx: StakingContext, validator: Uint8Array, until: bigint, reason: Infer<typeof JailReason>): Validator;
  /** Jails for ever (duplicate vote). */
  tombstone(ctx: StakingContext, validator: Uint8Array): Validator;
  /** Burns `fraction` of the stake at `infractionHeight` (and of entries begun since). */
  slash(ctx: StakingContext, validator: Uint8Array, infractionHeight: bigint, fraction: bigint, reason: string): SlashOutcome;
  /** Start of a block: completes unbondings and matures redelegations. */
  beginBlock(ctx: StakingContext): void;
  /** End of a block: the active set effective at h + 2, if anything changed. */
  endBlock(ctx: StakingContext): void;
  /** Genesis: bonds the genesis validators and stores the first active set (from height 0). */
  genesis(ctx: StakingContext): void;
}

/** Builds the staking methods of a chain with `p`'s parameters and these hooks (called in order). */
export function createStakingMethods(p: ProofOfStakeParams, hooks: readonly StakingHooks[]): StakingMethods {
  const env: StakingEnv = { p, hooks: composeHooks(hooks) };
  return {
    params: p,
    createValidator: (ctx, n) => createValidator(env, ctx, n),
    delegate: (ctx, d, v, amount) => delegate(env, ctx, d, v, amount),
    undelegate: (ctx, d, v, amount) => undelegate(env, ctx, d, v, amount),
    redelegate: (ctx, d, s, t, amount) => redelegate(env, ctx, d, s, t, amount),
    cancelUnbonding: (ctx, d, v, h, amount) => cancelUnbonding(env, ctx, d, v, h, amount),
    editValidator: (ctx, sender, v, rate, reward) => editValidator(env, ctx, sender, v, rate, reward),
    unjail: (ctx, sender, v) => unjail(env, ctx, sender, v),
    jail: (ctx, v, until, reason) => jailValidator(ctx, requireValidator(ctx.state, v), until, reason),
    tombstone: (ctx, v) => tombstone(ctx, v),
    slash: (ctx, v, h, f, reason) => slash(env, ctx, v, h, f, reason),
    beginBlock(ctx) {
      completeUnbondings(ctx);
      matureRedelegations(ctx);
    },
    endBlock: (ctx) => endBlock(env, ctx),
    genesis(ctx) {
      for (const g of p.genesisValidators) {
        const operator = decodeAddress(g.operator);
        const publicKey = hexToBytes(g.consensusPublicKey);
        createValidator(env, ctx, {
          operator,
          selfDelegator: operator,
          rewardAddress: g.rewardAddress ? decodeAddress(g.rewardAddress) : operator,
          publicKey,
          selfStake: g.selfStake,
          commission: g.commission,
        });
      }
      updateActiveSet(env, ctx, 0n);
      dirtyStore.del(ctx.state, 'd');
    },
  };
}
