/**
 * Allocation of a block's rewards (Cosmos x/distribution AllocateTokens), before its transactions:
 * the block provision just minted plus the tips of the previous block; the community tax first;
 * the rest split among the validators whose precommit for the parent is in this block's
 * certificate, pro rata to their power in the parent's active set; each validator's part pays its
 * commission first (floor of part x rate) and the rest accrues to its delegators in the open F1
 * period. Block provision and tips are split apart so each payout keeps its cause. Every floor's
 * remainder goes to the community pool; without signers (block 1) everything does.
 */
import { mulDivFloor, mulRateFloor } from '../../../util/decimal.js';
import type { ProofOfStakeParams } from '../../../params/staking.js';
import { credit, debit, NATIVE_ASSET } from '../accounts/method.js';
import { provisionAt } from '../mint/method.js';
import { activeSetAt, COMMUNITY_POOL, DISTRIBUTION_ACCOUNT, getValidator, type SetMember, type StakingContext } from '../staking/method.js';
import { bytesToHex } from '../../../encoding/hex.js';
import { AllocatedEvent } from './events.js';
import { rewardsOf } from './f1.js';
import { validatorRewardsStore } from './stores.js';
import { addDistTotals, distributionTotals } from './totals.js';

/** The members of `set` whose address is in `signers`, in set order. */
export function signingMembers(set: readonly SetMember[], signers: readonly Uint8Array[]): SetMember[] {
  const signed = new Set(signers.map(bytesToHex));
  return set.filter((m) => signed.has(bytesToHex(m.address)));
}

/** Credits a validator's share of a block: commission first, the rest to its delegators' open period. */
function allocateToValidator(ctx: StakingContext, validator: Uint8Array, provision: bigint, tip: bigint, rate: bigint): void {
  const r = rewardsOf(ctx.state, validator);
  const cp = mulRateFloor(provision, rate);
  const ct = mulRateFloor(tip, rate);
  validatorRewardsStore.set(ctx.state, validator, {
    ...r,
    commission: r.commission + cp + ct,
    currentProvision: r.currentProvision + provision - cp,
    currentTip: r.currentTip + tip - ct,
    outstanding: r.outstanding + provision + tip,
  });
}

/** Allocates block `ctx.height`'s rewards to the validators that signed its parent (`signers`). */
export function allocateRewards(p: ProofOfStakeParams, ctx: StakingContext, signers: readonly Uint8Array[]): void {
  const provision = provisionAt(ctx.state, p.mint, ctx.height);
  const tips = distributionTotals(ctx.state).feePool;
  if (provision === 0n && tips === 0n) return;
  const members = ctx.height > 1n ? signingMembers(activeSetAt(ctx.state, ctx.height - 1n).validators, signers) : [];
  let signerPower = 0n;
  for (const m of members) signerPower += m.power;
  const taxP = mulRateFloor(provision, p.distribution.communityTax);
  const taxT = mulRateFloor(tips, p.distribution.communityTax);
  const netP = provision - taxP;
  const netT = tips - taxT;
  let givenP = 0n;
  let givenT = 0n;
  if (signerPower > 0n) {
    for (const m of members) {
      const v = getValidator(ctx.state, m.address);
      if (!v) continue;
      const rp = mulDivFloor(netP, m.power, signerPower);
      const rt = mulDivFloor(netT, m.power, signerPower);
      allocateToValidator(ctx, m.address, rp, rt, v.commission.rate);
      givenP += rp;
      givenT += rt;
    }
  }
  const remainder = netP - givenP + (netT - givenT);
  const toPool = taxP + taxT + remainder;
  if (toPool > 0n) {
    debit(ctx.state, DISTRIBUTION_ACCOUNT, NATIVE_ASSET, toPool);
    credit(ctx.state, COMMUNITY_POOL, NATIVE_ASSET, toPool);
  }
  addDistTotals(ctx.state, { provisionAllocated: provision, feePool: -tips, communityTax: taxP + taxT, allocationRemainder: remainder });
  ctx.events.emit(AllocatedEvent, { provision, tips, communityTax: taxP + taxT, remainder, signers: members.length, signerPower });
}
