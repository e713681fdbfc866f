/**
 * The staking module on a real chain (test engine): registration and its rules, shares, unbonding
 * entries and their cap, cancel, redelegation with maturity and the no-hopping rule, the minimum
 * self-stake jail, commission edits, unjail, and the active set (top N by power, one-block delay).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ONE_COIN } from '../../../src/params/networks.js';
import { POS_DEVNET_ECONOMICS } from '../../../src/params/staking.js';
import { PosChain } from '../../../src/testing/pos.js';
import { assertPosInvariants } from '../../../src/testing/pos-invariants.js';
import { errorCodeOf, eventsOf } from '../../../src/testing/issuance.js';
import { testKey } from '../../../src/testing/keys.js';
import { balanceOf, getAccount } from '../../../src/state/modules/accounts/method.js';
import {
  activeSetAt,
  activeSetUpdates,
  delegationValue,
  getValidator,
  incomingRedelegations,
  keptSetHeights,
  redelegationEntries,
  sharesOf,
  stakingTotals,
  unbondingEntries,
  BONDED_POOL,
} from '../../../src/state/modules/staking/method.js';
import {
  CancelUnbondingParams,
  DelegateParams,
  EditValidatorParams,
  RedelegateParams,
  RegisterValidatorParams,
  UndelegateParams,
  UnjailParams,
} from '../../../src/state/modules/staking/schemas.js';
import { DelegatedEvent, JailedEvent, UnbondingCompletedEvent, UndelegatedEvent, ValidatorBondedEvent } from '../../../src/state/modules/staking/events.js';
import type { TestKey } from '../../../src/testing/keys.js';
import { RewardsPaidEvent } from '../../../src/state/modules/distribution/events.js';

const PCT = 10n ** 16n;
const C = ONE_COIN;

function register(c: PosChain, operator: TestKey, consensus: TestKey, selfStake: bigint, o: { rate?: bigint; maxRate?: bigint; maxChange?: bigint } = {}) {
  return c.tx(operator, 'staking', 'registerValidator', RegisterValidatorParams, {
    publicKey: consensus.publicKey,
    rewardAddress: operator.address,
    selfStake,
    commissionRate: o.rate ?? 5n * PCT,
    commissionMaxRate: o.maxRate ?? 20n * PCT,
    commissionMaxChangeRate: o.maxChange ?? 1n * PCT,
  });
}
const delegate = (c: PosChain, k: TestKey, validator: Uint8Array, amount: bigint) => c.tx(k, 'staking', 'delegate', DelegateParams, { validator, amount });
const undelegate = (c: PosChain, k: TestKey, validator: Uint8Array, amount: bigint) => c.tx(k, 'staking', 'undelegate', UndelegateParams, { validator, amount });
const redelegate = (c: PosChain, k: TestKey, src: Uint8Array, dst: Uint8Array, amount: bigint) => c.tx(k, 'staking', 'redelegate', RedelegateParams, { src, dst, amount });
const bal = (c: PosChain, a: Uint8Array) => balanceOf(getAccount(c.state, a), 0);
const members = (c: PosChain, h: bigint) => activeSetAt(c.state, h).validators.map((m) => Buffer.from(m.address).toString('hex'));
const hex = (a: Uint8Array) => Buffer.from(a).toString('hex');

test('genesis bonds the validators from their operators; the first set (from height 0) is in set order with consensus keys and powers', async () => {
  const c = await PosChain.create({ validators: 4, selfStake: 1_000n * C });
  const set = activeSetAt(c.state, 0n);
  assert.equal(set.validators.length, 4);
  assert.equal(set.totalPower, 4000n);
  const sorted = [...c.validators].map(hex).sort();
  assert.deepEqual(set.validators.map((m) => hex(m.address)), sorted, 'equal power: ascending address');
  for (const m of set.validators) assert.equal(hex(m.publicKey), hex(c.consensusKeys.find((k) => hex(k.address) === hex(m.address))!.publicKey));
  assert.equal(activeSetAt(c.state, 1n).fromHeight, 0n, 'the same set signs heights 1 and 2');
  assert.equal(bal(c, c.operators[0].address), 1_000n * C, 'the self-stake left the operator');
  assert.equal(bal(c, BONDED_POOL), 4_000n * C);
  assert.deepEqual(stakingTotals(c.state), { staked: 4_000n * C, unbonding: 0n, bonded: 4_000n * C });
  assertPosInvariants(c.state, c.economics);
});

test('registerValidator: minimum self-stake, a valid and unused consensus key, commission limits; the new validator joins the set one block after the next', async () => {
  const c = await PosChain.create();
  const [alice, bob] = c.users;
  const k1 = testKey(1, 'new consensus');
  const bad = new Uint8Array(33);
  bad[0] = 2;
  const rs = await c.send(
    register(c, alice, k1, 32n * C - 1n),
    c.tx(alice, 'staking', 'registerValidator', RegisterValidatorParams, { publicKey: bad, rewardAddress: alice.address, selfStake: 32n * C, commissionRate: 0n, commissionMaxRate: 0n, commissionMaxChangeRate: 0n }),
    register(c, alice, k1, 32n * C, { rate: 30n * PCT, maxRate: 20n * PCT }),
    register(c, alice, k1, 32n * C, { rate: 5n * PCT, maxRate: 20n * PCT, maxChange: 25n * PCT }),
    register(c, alice, c.consensusKeys[0], 32n * C),
  );
  assert.deepEqual(rs.map(errorCodeOf), ['TX_BELOW_MIN_SELF_STAKE', 'TX_INVALID_PARAMS', 'TX_COMMISSION_INVALID', 'TX_COMMISSION_INVALID', 'TX_DUPLICATE']);
  const h = c.height + 1n;
  const ok = await c.run(register(c, bob, k1, 32n * C));
  assert.equal(ok.status, 'success', ok.error ?? '');
  assert.equal(getValidator(c.state, k1.address)!.tokens, 32n * C);
  assert.equal(getValidator(c.state, k1.address)!.operator.join(), bob.address.join());
  // Registered in block h: not in the sets of h or h + 1 (already fixed), in the set of h + 2.
  assert.ok(!members(c, h).includes(hex(k1.address)));
  assert.ok(!members(c, h + 1n).includes(hex(k1.address)));
  assert.ok(members(c, h + 2n).includes(hex(k1.address)));
  assert.deepEqual(keptSetHeights(c.state), [0n, h + 2n], 'the state keeps the sets of h and h + 1, and the next one');
  const b = await c.produce();
  assert.equal(eventsOf(b.blockEvents, ValidatorBondedEvent).length, 0, 'bonding was announced in block h');
  await c.produce();
  assert.equal(activeSetAt(c.state, c.height).validators.length, 5);
  assert.throws(() => activeSetAt(c.state, 0n), /no active set is kept/, 'sets older than the parent are dropped');
  const again = await c.run(register(c, alice, k1, 32n * C));
  assert.equal(errorCodeOf(again), 'TX_DUPLICATE');
  assertPosInvariants(c.state, c.economics);
});

test('delegation buys shares at tokens x shares / total tokens (first 1:1); a slash makes every share worth less and new shares cheaper', async () => {
  const c = await PosChain.create();
  const [alice, bob] = c.users;
  const v = c.validators[0];
  const r = await c.run(delegate(c, alice, v, 500n * C));
  assert.deepEqual(eventsOf(r, DelegatedEvent)[0].shares, 500n * C, '1 share per token before any slash');
  // Slash 5% of the validator (double sign at the previous height).
  await c.produce({ evidence: [{ validator: v, height: c.height }] });
  const val = getValidator(c.state, v)!;
  assert.equal(val.shares, 1_500n * C);
  assert.ok(val.tokens < 1_500n * C);
  // Tombstoned validators take no new stake; use another one for the price after a slash.
  assert.equal(errorCodeOf(await c.run(delegate(c, bob, v, 10n * C))), 'TX_VALIDATOR_TOMBSTONED');
  assert.equal(delegationValue(c.state, alice.address, v), (500n * C * val.tokens) / val.shares);
  // Downtime-slash validator 1 by leaving it out of the signers for long enough, then price a delegation.
  const v1 = c.validators[1];
  assertPosInvariants(c.state, c.economics);
  const others = () => c.parentSet().filter((a) => hex(a) !== hex(v1));
  for (let i = 0; i < 104 && !getValidator(c.state, v1)!.jailed; i++) await c.produce({ signers: others() });
  const j = getValidator(c.state, v1)!;
  assert.ok(j.jailed && j.tokens < j.shares);
  const bought = await c.run(delegate(c, bob, v1, 99n * C));
  assert.equal(eventsOf(bought, DelegatedEvent)[0].shares, (99n * C * j.shares) / j.tokens);
  assertPosInvariants(c.state, c.economics);
});

test('undelegate: shares burned, an entry that completes after the unbonding period, paid back then; never more than the delegation is worth', async () => {
  const c = await PosChain.create();
  const [alice] = c.users;
  const v = c.validators[0];
  await c.run(delegate(c, alice, v, 100n * C));
  const before = bal(c, alice.address);
  const too = await c.run(undelegate(c, alice, v, 100n * C + 1n));
  assert.equal(errorCodeOf(too), 'TX_INSUFFICIENT_STAKE');
  const r = await c.run(undelegate(c, alice, v, 40n * C));
  const ev = eventsOf(r, UndelegatedEvent)[0];
  assert.equal(ev.amount, 40n * C);
  assert.equal(ev.completionTime, BigInt(c.clock.t + c.economics.staking.unbondingPeriod));
  assert.equal(sharesOf(c.state, alice.address, v), 60n * C);
  assert.deepEqual(unbondingEntries(c.state, alice.address, v).map((e) => e.balance), [40n * C]);
  assert.equal(stakingTotals(c.state).unbonding, 40n * C);
  // Not yet: one second before completion.
  const wait = Number(ev.completionTime) - c.clock.t - 1;
  await c.produce({ dt: wait });
  assert.equal(unbondingEntries(c.state, alice.address, v).length, 1);
  const done = await c.produce({ dt: 1 });
  assert.deepEqual(eventsOf(done.blockEvents, UnbondingCompletedEvent), [{ delegator: alice.address, validator: v, amount: 40n * C }]);
  assert.equal(unbondingEntries(c.state, alice.address, v).length, 0);
  const paid = eventsOf(r, RewardsPaidEvent).reduce((a, e) => a + e.provision + e.tip, 0n);
  assert.ok(paid > 0n, 'the undelegation paid the pending rewards first, in its own receipt');
  assert.equal(bal(c, alice.address), before - too.fee - r.fee + paid + 40n * C, 'paid back, to the base unit');
  assertPosInvariants(c.state, c.economics);
});

test('at most 7 unbonding entries per pair; entries of one block merge; cancel bonds part or all of an entry back', async () => {
  const c = await PosChain.create();
  const [alice] = c.users;
  const v = c.validators[0];
  await c.run(delegate(c, alice, v, 100n * C));
  const merged = await c.send(undelegate(c, alice, v, 1n * C), undelegate(c, alice, v, 1n * C));
  assert.deepEqual(merged.map(errorCodeOf), [null, null]);
  assert.equal(unbondingEntries(c.state, alice.address, v).length, 1, 'same block: one entry');
  for (let i = 0; i < 6; i++) assert.equal(errorCodeOf(await c.run(undelegate(c, alice, v, 1n * C))), null);
  assert.equal(unbondingEntries(c.state, alice.address, v).length, 7);
  assert.equal(errorCodeOf(await c.run(undelegate(c, alice, v, 1n * C))), 'TX_ENTRIES_FULL');
  const first = unbondingEntries(c.state, alice.address, v)[0];
  const cancel = (h: bigint, amount: bigint) => c.tx(alice, 'staking', 'cancelUnbonding', CancelUnbondingParams, { validator: v, creationHeight: h, amount });
  const rs = await c.send(cancel(first.creationHeight, 3n * C), cancel(999n, 1n), cancel(first.creationHeight, 1n * C));
  assert.deepEqual(rs.map(errorCodeOf), ['TX_INSUFFICIENT_STAKE', 'TX_NOT_FOUND', null]);
  assert.equal(unbondingEntries(c.state, alice.address, v)[0].balance, 1n * C);
  assert.equal(unbondingEntries(c.state, alice.address, v)[0].initialBalance, 1n * C);
  assert.equal(errorCodeOf(await c.run(cancel(first.creationHeight, 1n * C))), null);
  assert.equal(unbondingEntries(c.state, alice.address, v).length, 6, 'a fully cancelled entry is gone');
  assert.equal(sharesOf(c.state, alice.address, v), 100n * C - 8n * C + 2n * C);
  assert.equal(errorCodeOf(await c.run(undelegate(c, alice, v, 1n * C))), null, 'room again');
  // Past completion an entry cannot be cancelled.
  const last = unbondingEntries(c.state, alice.address, v).at(-1)!;
  await c.produce({ dt: c.economics.staking.unbondingPeriod });
  assert.equal(errorCodeOf(await c.run(cancel(last.creationHeight, 1n))), 'TX_NOT_FOUND');
  assertPosInvariants(c.state, c.economics);
});

test('redelegate moves stake at once; no hopping from a validator with an immature incoming redelegation; 7 entries per pair of validators', async () => {
  const c = await PosChain.create();
  const [alice] = c.users;
  const [a, b, d] = c.validators;
  await c.run(delegate(c, alice, a, 100n * C));
  const r = await c.run(redelegate(c, alice, a, b, 10n * C));
  assert.equal(r.status, 'success', r.error ?? '');
  assert.equal(delegationValue(c.state, alice.address, a), 90n * C);
  assert.equal(delegationValue(c.state, alice.address, b), 10n * C);
  assert.equal(incomingRedelegations(c.state, alice.address, b), 1);
  const hop = await c.send(redelegate(c, alice, b, d, 5n * C), redelegate(c, alice, a, a, 1n * C));
  assert.deepEqual(hop.map(errorCodeOf), ['TX_REDELEGATION_HOP', 'TX_INVALID_PARAMS']);
  // Undelegating from b is allowed (only hopping is not).
  assert.equal(errorCodeOf(await c.run(undelegate(c, alice, b, 1n * C))), null);
  for (let i = 0; i < 6; i++) assert.equal(errorCodeOf(await c.run(redelegate(c, alice, a, b, 1n * C))), null);
  assert.equal(redelegationEntries(c.state, alice.address, a, b).length, 7);
  assert.equal(errorCodeOf(await c.run(redelegate(c, alice, a, b, 1n * C))), 'TX_ENTRIES_FULL');
  assert.equal(errorCodeOf(await c.run(redelegate(c, alice, a, d, 1n * C))), null, 'another destination has its own entries');
  // After the unbonding period the entries mature: hopping from b is allowed again.
  await c.produce({ dt: c.economics.staking.unbondingPeriod });
  assert.equal(incomingRedelegations(c.state, alice.address, b), 0);
  assert.equal(redelegationEntries(c.state, alice.address, a, b).length, 0);
  assert.equal(errorCodeOf(await c.run(redelegate(c, alice, b, d, 5n * C))), null);
  assertPosInvariants(c.state, c.economics);
});

test('a self-stake under the minimum jails the validator; it leaves the set; unjail needs the minimum back', async () => {
  const c = await PosChain.create({ selfStake: 40n * C });
  const op = c.operators[0];
  const v = c.validators[0];
  const r = await c.run(undelegate(c, op, v, 9n * C));
  assert.equal(errorCodeOf(r), null);
  assert.deepEqual(eventsOf(r, JailedEvent).map((e) => e.reason), ['self-stake']);
  const h = c.height;
  assert.ok(members(c, h + 1n).includes(hex(v)), 'still signs the next block');
  assert.ok(!members(c, h + 2n).includes(hex(v)), 'gone one block later');
  const unjail = () => c.tx(op, 'staking', 'unjail', UnjailParams, { validator: v });
  const rs = await c.send(unjail(), c.tx(c.users[0], 'staking', 'unjail', UnjailParams, { validator: v }));
  assert.deepEqual(rs.map(errorCodeOf), ['TX_BELOW_MIN_SELF_STAKE', 'TX_UNAUTHORIZED']);
  const back = await c.send(delegate(c, op, v, 2n * C), unjail());
  assert.deepEqual(back.map(errorCodeOf), [null, null]);
  assert.equal(getValidator(c.state, v)!.jailed, false);
  assert.ok(members(c, c.height + 2n).includes(hex(v)));
  assert.equal(errorCodeOf(await c.run(unjail())), 'TX_NOT_JAILED');
  assertPosInvariants(c.state, c.economics);
});

test('editValidator: commission within its cap and daily change, once per 24 h of block time; the reward address any time; operator only', async () => {
  const c = await PosChain.create({ commission: 5n * PCT });
  const op = c.operators[0];
  const v = c.validators[0];
  const edit = (rate: bigint | null, reward: Uint8Array | null = null, k = op) => c.tx(k, 'staking', 'editValidator', EditValidatorParams, { validator: v, commissionRate: rate, rewardAddress: reward });
  const early = await c.run(edit(6n * PCT));
  assert.equal(errorCodeOf(early), 'TX_COMMISSION_INVALID', 'within 24 h of creation');
  await c.produce({ dt: 24 * 3600 });
  const rs = await c.send(edit(7n * PCT), edit(21n * PCT), edit(6n * PCT, null, c.users[0]), edit(null, c.users[1].address));
  assert.deepEqual(rs.map(errorCodeOf), ['TX_COMMISSION_INVALID', 'TX_COMMISSION_INVALID', 'TX_UNAUTHORIZED', null]);
  assert.equal(getValidator(c.state, v)!.rewardAddress.join(), c.users[1].address.join());
  assert.equal(errorCodeOf(await c.run(edit(6n * PCT))), null);
  assert.equal(getValidator(c.state, v)!.commission.rate, 6n * PCT);
  await c.produce({ dt: 24 * 3600 - 10 });
  assert.equal(errorCodeOf(await c.run(edit(5n * PCT))), 'TX_COMMISSION_INVALID', 'only once per 24 h');
  await c.produce({ dt: 10 });
  assert.equal(errorCodeOf(await c.run(edit(5n * PCT))), null);
});

test('the active set is the top N by power (ties to the lower address), without jailed validators, and changes one block after the next', async () => {
  const economics = { ...POS_DEVNET_ECONOMICS, staking: { ...POS_DEVNET_ECONOMICS.staking, maxValidators: 3 } };
  const c = await PosChain.create({ economics, validators: 4, selfStake: 100n * C });
  assert.equal(activeSetAt(c.state, 1n).validators.length, 3);
  const [alice] = c.users;
  const sortedAddrs = c.validators.map(hex).sort();
  const outsider = c.validators.find((a) => hex(a) === sortedAddrs[3])!;
  assert.ok(!members(c, 1n).includes(hex(outsider)), 'equal power: the highest address is left out');
  await c.run(delegate(c, alice, outsider, 1n * C));
  const h = c.height;
  assert.equal(members(c, h + 2n)[0], hex(outsider), 'most power first');
  assert.equal(activeSetAt(c.state, h + 2n).validators[0].power, 101n);
  assert.ok(!members(c, h + 2n).includes(sortedAddrs[2]), 'the lowest-ranked drops out');
  assert.deepEqual(
    activeSetUpdates(c.state, h + 2n).map((x) => [hex(x.address), x.power]),
    [[hex(outsider), 101n], [sortedAddrs[2], 0n]],
    'as CometBFT validator updates: the newcomer, then the removal with power 0',
  );
  assert.deepEqual(activeSetUpdates(c.state, h + 1n), [], 'no change at h + 1');
  assert.equal(getValidator(c.state, outsider)!.bonded, true);
  // Power counts whole coins (powerReduction 1 CWC): a fraction changes nothing.
  await c.run(delegate(c, alice, c.validators[0], C / 2n));
  assert.equal(activeSetAt(c.state, c.height + 2n).fromHeight, h + 2n, 'no new set when powers did not change');
  assertPosInvariants(c.state, c.economics);
});
