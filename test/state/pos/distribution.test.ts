/**
 * Distribution (F1) on a real chain: each block's provision and the previous block's tips go to
 * the validators that signed the parent, pro rata to power, after the community tax; commission
 * first; every delegation change pays the pending rewards as an event of that transaction;
 * claims, commission, earnings and history by cause; the dust of a validator's last delegation;
 * and, in exact rationals, that the per-share ratio is the keeper's per-token formula with its
 * (1 - F) slash step, which the SDK README's pseudo-code gets wrong.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ONE_COIN } from '../../../src/params/networks.js';
import { mulDivFloor, mulRateFloor } from '../../../src/util/decimal.js';
import { PosChain } from '../../../src/testing/pos.js';
import { assertPosInvariants, distributionLedger } from '../../../src/testing/pos-invariants.js';
import { errorCodeOf, eventsOf } from '../../../src/testing/issuance.js';
import { balanceOf, getAccount } from '../../../src/state/modules/accounts/method.js';
import { activeSetAt, COMMUNITY_POOL, getValidator } from '../../../src/state/modules/staking/method.js';
import { commissionOf, distributionTotals, earningsOf, pendingRewards, recentRewards, validatorRewardsOf } from '../../../src/state/modules/distribution/method.js';
import { AllocatedEvent, CommissionPaidEvent, RewardsPaidEvent, ToCommunityPoolEvent } from '../../../src/state/modules/distribution/events.js';
import { MintedEvent } from '../../../src/state/modules/mint/events.js';
import { ClaimAllParams, ClaimCommissionParams, ClaimParams } from '../../../src/state/modules/distribution/schemas.js';
import { DelegateParams, RedelegateParams, UndelegateParams } from '../../../src/state/modules/staking/schemas.js';
import { TransferParams } from '../../../src/state/modules/bank/schemas.js';
import type { TestKey } from '../../../src/testing/keys.js';

const C = ONE_COIN;
const PCT = 10n ** 16n;
const hex = (a: Uint8Array) => Buffer.from(a).toString('hex');
const bal = (c: PosChain, a: Uint8Array) => balanceOf(getAccount(c.state, a), 0);
const delegate = (c: PosChain, k: TestKey, validator: Uint8Array, amount: bigint) => c.tx(k, 'staking', 'delegate', DelegateParams, { validator, amount });

test("a block's provision goes to the parent's signers pro rata to power, after the community tax, commission first; non-signers get nothing", async () => {
  const c = await PosChain.create({ validators: 4, selfStake: 1_000n * C, commission: 10n * PCT });
  await c.run(delegate(c, c.users[0], c.validators[0], 1_000n * C)); // validator 0 now has twice the power
  await c.advance(3);
  const set = activeSetAt(c.state, c.height).validators;
  const absent = c.validators[3];
  const signers = set.map((m) => m.address).filter((a) => hex(a) !== hex(absent));
  const before = new Map(c.validators.map((v) => [hex(v), validatorRewardsOf(c.state, v)]));
  const poolBefore = bal(c, COMMUNITY_POOL);
  const b = await c.produce({ signers });
  const provision = eventsOf(b.blockEvents, MintedEvent)[0].provision;
  const a = eventsOf(b.blockEvents, AllocatedEvent)[0];
  assert.equal(a.provision, provision);
  assert.equal(a.tips, 0n, 'the previous block had no transactions');
  const tax = mulRateFloor(provision, 2n * PCT);
  assert.equal(a.communityTax, tax);
  const net = provision - tax;
  const signerPower = set.filter((m) => hex(m.address) !== hex(absent)).reduce((s, m) => s + m.power, 0n);
  assert.equal(a.signerPower, signerPower);
  let given = 0n;
  for (const m of set) {
    const r0 = before.get(hex(m.address))!;
    const r1 = validatorRewardsOf(c.state, m.address);
    const share = hex(m.address) === hex(absent) ? 0n : mulDivFloor(net, m.power, signerPower);
    given += share;
    assert.equal(r1.outstanding - r0.outstanding, share);
    const commission = mulRateFloor(share, 10n * PCT);
    assert.equal(r1.commission - r0.commission, commission, 'commission first');
    assert.equal(r1.currentProvision - r0.currentProvision, share - commission, 'the rest to the delegators');
  }
  assert.equal(a.remainder, net - given);
  assert.equal(bal(c, COMMUNITY_POOL) - poolBefore, tax + a.remainder, 'tax and remainder to the community pool');
  assertPosInvariants(c.state, c.economics);
});

test('tips of a block are distributed by the next block, to the delegators and as commission', async () => {
  const c = await PosChain.create();
  const t = c.tx(c.users[0], 'bank', 'transfer', TransferParams, { to: c.users[1].address, assetId: 0, amount: 1n, memo: new Uint8Array(0) }, { tip: 50n });
  const r = (await c.send(t))[0];
  assert.ok(r.tip > 0n);
  assert.equal(distributionTotals(c.state).feePool, r.tip, 'collected');
  const b = await c.produce();
  assert.equal(eventsOf(b.blockEvents, AllocatedEvent)[0].tips, r.tip);
  assert.equal(distributionTotals(c.state).feePool, 0n);
  const tips = c.validators.reduce((s, v) => s + validatorRewardsOf(c.state, v).currentTip, 0n);
  assert.ok(tips > 0n);
  assertPosInvariants(c.state, c.economics);
});

test('every delegation change pays the pending rewards first, as an event in that transaction: delegate, undelegate, redelegate (both sides), claim, claimAll', async () => {
  const c = await PosChain.create();
  const [alice] = c.users;
  const [v, w] = c.validators;
  await c.send(delegate(c, alice, v, 100n * C), delegate(c, alice, w, 100n * C));
  await c.advance(5);
  const paidIn = (r: { events: any[] }, validator: Uint8Array) =>
    eventsOf(r as never, RewardsPaidEvent).filter((e) => hex(e.delegator) === hex(alice.address) && hex(e.validator) === hex(validator));
  // The pending amount before a block includes that block's allocation (it runs before the transactions).
  const more = await c.run(delegate(c, alice, v, 1n * C));
  assert.ok(paidIn(more, v)[0].provision > 0n);
  await c.advance(2);
  const un = await c.run(c.tx(alice, 'staking', 'undelegate', UndelegateParams, { validator: v, amount: 10n * C }));
  assert.ok(paidIn(un, v)[0].provision > 0n);
  await c.advance(2);
  const re = await c.run(c.tx(alice, 'staking', 'redelegate', RedelegateParams, { src: v, dst: w, amount: 10n * C }));
  assert.equal(paidIn(re, v).length, 1, 'source paid');
  assert.equal(paidIn(re, w).length, 1, 'destination paid');
  await c.advance(2);
  // A claim pays exactly what pendingRewards said after the block's allocation; compare by re-reading after.
  const before = bal(c, alice.address);
  const claim = await c.run(c.tx(alice, 'distribution', 'claim', ClaimParams, { validator: v }));
  const e = paidIn(claim, v)[0];
  assert.equal(bal(c, alice.address), before - claim.fee + e.provision + e.tip);
  assert.deepEqual(pendingRewards(c.state, alice.address, v), { provision: 0n, tip: 0n });
  const again = await c.run(c.tx(alice, 'distribution', 'claim', ClaimParams, { validator: c.validators[3] }));
  assert.equal(errorCodeOf(again), 'TX_NOT_FOUND');
  await c.advance(1);
  const all = await c.run(c.tx(alice, 'distribution', 'claimAll', ClaimAllParams, {}));
  assert.equal(eventsOf(all, RewardsPaidEvent).length, 2);
  // Earnings and history keep the causes.
  const earned = earningsOf(c.state, alice.address);
  assert.ok(earned.provision > 0n && earned.tip > 0n);
  const causes = new Set(recentRewards(c.state, alice.address).map((r) => r.cause));
  assert.deepEqual([...causes].sort(), ['provision', 'tip']);
  assertPosInvariants(c.state, c.economics);
});

test('commission accrues to the validator and is paid to its reward address by claimCommission (operator or reward address only)', async () => {
  const c = await PosChain.create({ commission: 10n * PCT });
  const v = c.validators[0];
  await c.advance(5);
  const due = commissionOf(c.state, v);
  assert.ok(due > 0n);
  const rs = await c.send(c.tx(c.users[0], 'distribution', 'claimCommission', ClaimCommissionParams, { validator: v }));
  assert.equal(errorCodeOf(rs[0]), 'TX_UNAUTHORIZED');
  const op = c.operators[0];
  const before = bal(c, op.address);
  const r = await c.run(c.tx(op, 'distribution', 'claimCommission', ClaimCommissionParams, { validator: v }));
  const paid = eventsOf(r, CommissionPaidEvent)[0].amount;
  assert.ok(paid >= due);
  assert.equal(bal(c, op.address), before - r.fee + paid);
  assert.equal(earningsOf(c.state, op.address).commission, paid);
  assert.equal(errorCodeOf(await c.run(c.tx(op, 'distribution', 'claimCommission', ClaimCommissionParams, { validator: v }))), null, 'a block passed: more commission');
  assertPosInvariants(c.state, c.economics);
});

test("when a validator's last delegation leaves, its rounding dust goes to the community pool; the ledger balances to the base unit after every block", async () => {
  const c = await PosChain.create({ validators: 4, selfStake: 33n * C, commission: 0n });
  const [alice, bob] = c.users;
  const v = c.validators[0];
  await c.send(delegate(c, alice, v, 7n * C + 3n), delegate(c, bob, v, 11n * C + 7n));
  for (let i = 0; i < 15; i++) {
    await c.produce();
    assertPosInvariants(c.state, c.economics);
  }
  const und = (k: TestKey, amount: bigint) => c.tx(k, 'staking', 'undelegate', UndelegateParams, { validator: v, amount });
  const op = c.operators[0];
  const val = getValidator(c.state, v)!;
  const rs = await c.send(und(alice, 7n * C + 3n), und(bob, 11n * C + 7n), und(op, 33n * C));
  assert.deepEqual(rs.map(errorCodeOf), [null, null, null]);
  assert.ok(val.shares > 0n);
  assert.equal(getValidator(c.state, v)!.shares, 0n);
  const swept = rs.flatMap((r) => eventsOf(r, ToCommunityPoolEvent)).filter((e) => e.reason === 1);
  const r = validatorRewardsOf(c.state, v);
  assert.equal(r.outstanding, r.commission, 'nothing left but commission');
  assert.ok(distributionTotals(c.state).dust > 0n, 'three delegations of odd sizes leave dust');
  assert.equal(swept.reduce((s, e) => s + e.amount, 0n), distributionTotals(c.state).dust);
  const L = distributionLedger(c.state, c.economics);
  assert.equal(L.minted + L.feesCollected, L.paidOut + L.outstanding + L.feePool + L.remainder);
  assertPosInvariants(c.state, c.economics);
});

// ---- F1 in exact rationals: ours (per share) = the keeper's (per token, stake x (1 - F) at slashes) != the README's.

type Q = { n: bigint; d: bigint };
const q = (n: bigint, d = 1n): Q => {
  const g = gcd(n < 0n ? -n : n, d);
  return { n: n / g, d: d / g };
};
function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}
const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q) => q(a.n * b.d, a.d * b.n);
const sub = (a: Q, b: Q) => add(a, q(-b.n, b.d));
const eq = (a: Q, b: Q) => a.n * b.d === b.n * a.d;

test('F1 per share equals the keeper per token with stake x (1 - F) at each slash period; the README pseudo-code (= for +=, stake x F) does not', () => {
  // One validator with S shares; a delegator holds sh of them throughout. Rewards D per period;
  // periods end at delegation changes of others (grouped here in stretches) and at each slash.
  const S = 1_000n;
  const sh = 300n;
  const stretches: Array<{ D: bigint[]; slash?: Q }> = [{ D: [70n, 20n], slash: q(5n, 100n) }, { D: [33n, 91n], slash: q(1n, 100n) }, { D: [12n, 5n] }];
  type Variant = 'keeper' | 'readme-assign' | 'readme-stakeF';
  const run = (variant: Variant): Q => {
    let T = q(1_000n);
    let stake = mul(q(sh), div(T, q(S)));
    let R = q(0n);
    let reward = q(0n);
    for (const st of stretches) {
      const start = R;
      // README: R(p) = rewards / tokens (assigned); keeper: R(p) = R(p - 1) + rewards / tokens.
      for (const D of st.D) R = variant === 'readme-assign' ? div(q(D), T) : add(R, div(q(D), T));
      reward = add(reward, mul(sub(R, start), stake));
      if (st.slash) {
        T = mul(T, sub(q(1n), st.slash));
        stake = mul(stake, variant === 'readme-stakeF' ? st.slash : sub(q(1n), st.slash));
      }
    }
    return reward;
  };
  // Ours: each period pays D x shares / total shares, whatever the slashes (they change tokens, not shares).
  const total = stretches.flatMap((st) => st.D).reduce((a, b) => a + b, 0n);
  const ours = q(sh * total, S);
  const keeper = run('keeper');
  assert.ok(eq(ours, keeper), `per share ${ours.n}/${ours.d} = keeper ${keeper.n}/${keeper.d}`);
  assert.ok(!eq(ours, run('readme-assign')), 'README: = for += loses the earlier periods of a stretch');
  assert.ok(!eq(ours, run('readme-stakeF')), 'README: stake x F keeps only the slashed part');
});
