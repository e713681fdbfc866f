/**
 * Slashing the stake (Cosmos x/staking `Slash`): the amount is `fraction` of the validator's
 * tokens at the infraction height (its tokens history), not of what it holds now, so stake that
 * arrived later is not punished; unbonding entries and redelegations that began at or after the
 * infraction height, and have not completed, pay `fraction` of their initial balance (an entry
 * never below zero; a redelegation by burning that fraction of the destination shares it bought);
 * the validator's own tokens pay the rest, up to what it has. Lowering tokens and not shares makes
 * every share of the validator worth less. Everything slashed is burned (supply cause `burn`).
 */
import { CoinworksError } from '../../../errors.js';
import { mulDivCeil, mulRateFloor, DEC_ONE } from '../../../util/decimal.js';
import { debit, NATIVE_ASSET } from '../accounts/method.js';
import { recordSupply } from '../supply/method.js';
import { BONDED_POOL } from './accounts.js';
import { addTotals, markDirty, putValidator, removeShares, type StakingEnv } from './core.js';
import { RedelegationSlashedEvent, SlashedEvent, UnbondingSlashedEvent } from './events.js';
import type { SlashOutcome, StakingContext } from './hooks.js';
import { requireValidator, sharesOf, tokensAt } from './reads.js';
import { redelegationStore, sourceRedelegations, tripleKey, unbondingStore, validatorUnbondings, pairKey } from './stores.js';

/** Slashes `fraction` (18-decimal rate) of what `address` staked at `infractionHeight`; returns the outcome. */
export function slash(env: StakingEnv, ctx: StakingContext, address: Uint8Array, infractionHeight: bigint, fraction: bigint, reason: string): SlashOutcome {
  if (infractionHeight > ctx.height) throw new CoinworksError('STAKING_SLASH_FUTURE', `cannot slash for height ${infractionHeight}, after the current height ${ctx.height}`);
  if (fraction < 0n || fraction > DEC_ONE) throw new CoinworksError('STAKING_SLASH_FRACTION', 'slash fraction must be within [0, 1]');
  const v0 = requireValidator(ctx.state, address);
  env.hooks.beforeSlash(ctx, v0);
  const tokensAtInfraction = tokensAt(ctx.state, v0, infractionHeight);
  const slashAmount = mulRateFloor(tokensAtInfraction, fraction);
  const now = BigInt(ctx.time);
  let fromUnbonding = 0n;
  let fromRedelegations = 0n;
  let burned = 0n;
  if (infractionHeight < ctx.height) {
    // Unbonding entries that began at or after the infraction (x/staking SlashUnbondingDelegation).
    for (const delegator of validatorUnbondings.items(ctx.state, address)) {
      const key = pairKey(delegator, address);
      const entries = unbondingStore.get(ctx.state, key)!.entries.map((e) => ({ ...e }));
      let changed = false;
      for (const e of entries) {
        if (e.creationHeight < infractionHeight || e.completionTime <= now) continue;
        const due = mulRateFloor(e.initialBalance, fraction);
        fromUnbonding += due;
        const take = due < e.balance ? due : e.balance;
        if (take === 0n) continue;
        e.balance -= take;
        burned += take;
        changed = true;
        addTotals(ctx.state, { unbonding: -take });
        ctx.events.emit(UnbondingSlashedEvent, { delegator, validator: address, creationHeight: e.creationHeight, amount: take });
      }
      if (changed) unbondingStore.set(ctx.state, key, { entries });
    }
    // Redelegations away from this validator that began at or after the infraction (SlashRedelegation).
    for (const pair of sourceRedelegations.items(ctx.state, address)) {
      const delegator = pair.slice(0, 20);
      const dst = pair.slice(20);
      const entries = redelegationStore.get(ctx.state, tripleKey(delegator, address, dst))!.entries;
      for (const e of entries) {
        if (e.creationHeight < infractionHeight || e.completionTime <= now) continue;
        fromRedelegations += mulRateFloor(e.initialBalance, fraction);
        const held = sharesOf(ctx.state, delegator, dst);
        let shares = mulRateFloor(e.sharesDst, fraction);
        if (shares > held) shares = held;
        if (shares === 0n) continue;
        const { tokens } = removeShares(env, ctx, requireValidator(ctx.state, dst), delegator, shares);
        addTotals(ctx.state, { staked: -tokens });
        burned += tokens;
        ctx.events.emit(RedelegationSlashedEvent, { delegator, src: address, dst, creationHeight: e.creationHeight, shares, amount: tokens });
      }
    }
  }
  const v = requireValidator(ctx.state, address);
  const owed = slashAmount - fromUnbonding - fromRedelegations;
  const fromValidator = owed <= 0n ? 0n : owed < v.tokens ? owed : v.tokens;
  if (v.tokens > 0n) {
    const effective = mulDivCeil(fromValidator, DEC_ONE, v.tokens);
    env.hooks.beforeValidatorSlashed(ctx, v, effective > DEC_ONE ? DEC_ONE : effective);
  }
  const after = { ...v, tokens: v.tokens - fromValidator };
  putValidator(ctx.state, after);
  markDirty(ctx.state);
  addTotals(ctx.state, { staked: -fromValidator });
  burned += fromValidator;
  if (burned > 0n) {
    debit(ctx.state, BONDED_POOL, NATIVE_ASSET, burned);
    recordSupply(ctx.state, NATIVE_ASSET, 'burn', burned);
  }
  ctx.events.emit(SlashedEvent, {
    validator: address,
    reason,
    infractionHeight,
    fraction,
    tokensAtInfraction,
    slashAmount,
    fromValidator,
    fromUnbonding,
    fromRedelegations,
    tokensAfter: after.tokens,
  });
  const outcome = { infractionHeight, fraction, slashAmount, fromValidator, tokensBefore: v.tokens };
  env.hooks.afterSlash(ctx, after, outcome);
  return outcome;
}
