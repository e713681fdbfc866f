/**
 * The staking pool on a real chain: deposits from 0.01 CWC for shares (an asset) at pooled /
 * shares, 1:1 when empty; each 32 CWC pooled funds a validator for a queued operator that joins the
 * active set and earns; a 10% fee of the rewards to its operator; withdrawals through the unbonding
 * queue; a slash lowers the rate for every holder by exactly the pool's loss, with an event; share
 * transfers move shares exactly (no Lido-style rounding loss).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ONE_COIN } from '../../../src/params/networks.js';
import { POS_DEVNET_ECONOMICS } from '../../../src/params/staking.js';
import { mulRateFloor } from '../../../src/util/decimal.js';
import { PosChain } from '../../../src/testing/pos.js';
import { assertPosInvariants } from '../../../src/testing/pos-invariants.js';
import { errorCodeOf, eventsOf } from '../../../src/testing/issuance.js';
import { testKey, type TestKey } from '../../../src/testing/keys.js';
import { balanceOf, getAccount } from '../../../src/state/modules/accounts/method.js';
import { activeSetAt, getValidator, STAKING_POOL_ACCOUNT } from '../../../src/state/modules/staking/method.js';
import { earningsOf } from '../../../src/state/modules/distribution/method.js';
import { poolHoldings, poolPosition, poolStateOf, poolStatus } from '../../../src/state/modules/staking-pool/method.js';
import { DepositParams, HarvestParams, RegisterOperatorParams, WithdrawParams } from '../../../src/state/modules/staking-pool/schemas.js';
import { DepositedEvent, HarvestedEvent, RateLoweredEvent, ValidatorExitedEvent, ValidatorFundedEvent, WithdrawalPaidEvent, WithdrawalRequestedEvent } from '../../../src/state/modules/staking-pool/events.js';
import { SlashedEvent } from '../../../src/state/modules/staking/events.js';
import { TransferParams } from '../../../src/state/modules/bank/schemas.js';

const C = ONE_COIN;
const PCT = 10n ** 16n;
const hex = (a: Uint8Array) => Buffer.from(a).toString('hex');
const deposit = (c: PosChain, k: TestKey, amount: bigint) => c.tx(k, 'staking-pool', 'deposit', DepositParams, { amount });
const withdraw = (c: PosChain, k: TestKey, shares: bigint) => c.tx(k, 'staking-pool', 'withdraw', WithdrawParams, { shares });
const operator = (c: PosChain, k: TestKey, consensus: TestKey) => c.tx(k, 'staking-pool', 'registerOperator', RegisterOperatorParams, { publicKey: consensus.publicKey });
const sharesOf = (c: PosChain, k: TestKey) => balanceOf(getAccount(c.state, k.address), poolStateOf(c.state).assetId);

test('a deposit from 0.01 CWC gets shares 1:1 in an empty pool, as an asset; less than 0.01 is refused', async () => {
  const c = await PosChain.create();
  const [alice] = c.users;
  const rs = await c.send(deposit(c, alice, C / 100n - 1n), deposit(c, alice, C / 100n));
  assert.deepEqual(rs.map(errorCodeOf), ['TX_BELOW_MIN_DEPOSIT', null]);
  const e = eventsOf(rs[1], DepositedEvent)[0];
  assert.equal(e.shares, C / 100n);
  assert.equal(sharesOf(c, alice), C / 100n);
  assert.equal(poolStatus(c.state, c.economics).rate, '1');
  assert.equal(poolHoldings(c.state).pooled, C / 100n);
  assertPosInvariants(c.state, c.economics);
});

test('32 CWC pooled fund a validator for the queued operator; it joins the set, signs and earns; its operator gets 10% of the rewards; the rate rises', async () => {
  // Small genesis validators, so the pool validator holds a fifth of the power and 20 blocks show on 0.01 CWC.
  const c = await PosChain.create({ selfStake: 32n * C });
  const [alice, bob, op] = c.users;
  const key = testKey(7, 'pool consensus');
  const small = await c.run(deposit(c, alice, C / 100n));
  assert.equal(errorCodeOf(small), null);
  const q = await c.run(operator(c, op, key));
  assert.equal(eventsOf(q, ValidatorFundedEvent).length, 0, 'not yet 32 CWC');
  const big = await c.run(deposit(c, bob, 32n * C));
  const funded = eventsOf(big, ValidatorFundedEvent);
  assert.equal(funded.length, 1, 'funded in the deposit that reached 32 CWC');
  assert.equal(hex(funded[0].validator), hex(key.address));
  const v = getValidator(c.state, key.address)!;
  assert.equal(hex(v.selfDelegator), hex(STAKING_POOL_ACCOUNT));
  assert.equal(hex(v.operator), hex(op.address));
  assert.equal(v.tokens, 32n * C);
  assert.equal(poolHoldings(c.state).idle, C / 100n, 'the 0.01 waits for the next validator');
  const h = c.height;
  assert.ok(activeSetAt(c.state, h + 2n).validators.some((m) => hex(m.address) === hex(key.address)), 'joins the set one block after the next');
  await c.advance(20);
  const status = poolStatus(c.state, c.economics);
  assert.ok(status.pendingRewards > 0n, 'the pool validator signed and earned');
  assert.equal(status.pendingFee, mulRateFloor(status.pendingRewards, 10n * PCT));
  const before = poolHoldings(c.state).pooled;
  const r = await c.run(c.tx(alice, 'staking-pool', 'harvest', HarvestParams, {}));
  const hv = eventsOf(r, HarvestedEvent)[0];
  assert.equal(hv.fee, mulRateFloor(hv.rewards, 10n * PCT));
  assert.equal(earningsOf(c.state, op.address).poolFee, hv.fee, 'the fee is a reward of its own cause');
  assert.equal(poolHoldings(c.state).pooled, before + hv.rewards - hv.fee);
  assert.ok(poolPosition(c.state, alice.address).value > C / 100n, 'the 0.01 CWC deposit shows a reward');
  assertPosInvariants(c.state, c.economics);
});

test('withdrawals burn shares for a ticket paid after the unbonding period; the pool exits a validator to cover it and funds again later', async () => {
  const c = await PosChain.create();
  const [alice, bob, op] = c.users;
  await c.run(operator(c, op, testKey(1, 'pool consensus')));
  await c.send(deposit(c, alice, 20n * C), deposit(c, bob, 20n * C));
  const pv = poolStatus(c.state, c.economics).validators;
  assert.equal(pv.length, 1);
  await c.advance(5);
  const aliceShares = sharesOf(c, alice);
  const r = await c.run(withdraw(c, alice, aliceShares));
  const w = eventsOf(r, WithdrawalRequestedEvent)[0];
  assert.ok(w.amount > 20n * C, 'the shares earned while staked');
  assert.equal(sharesOf(c, alice), 0n);
  const exited = eventsOf(r, ValidatorExitedEvent);
  assert.equal(exited.length, 1, 'idle CWC (8) could not cover the ticket: the validator exits');
  assert.equal(poolStatus(c.state, c.economics).validators.length, 0);
  const balance = balanceOf(getAccount(c.state, alice.address), 0);
  await c.produce({ dt: c.economics.staking.unbondingPeriod - 1 });
  assert.equal(balanceOf(getAccount(c.state, alice.address), 0), balance, 'not before the unbonding period');
  const done = await c.produce({ dt: 1 });
  assert.deepEqual(eventsOf(done.blockEvents, WithdrawalPaidEvent).map((e) => e.amount), [w.amount]);
  assert.equal(balanceOf(getAccount(c.state, alice.address), 0), balance + w.amount);
  assert.ok(poolPosition(c.state, bob.address).value >= 20n * C, "Bob's shares kept their value");
  // With another operator queued and 32 CWC idle again, the pool funds a new validator.
  const more = await c.send(operator(c, op, testKey(2, 'pool consensus')), deposit(c, alice, 20n * C));
  assert.equal(more.flatMap((x) => eventsOf(x, ValidatorFundedEvent)).length, 1);
  assertPosInvariants(c.state, c.economics);
});

test('a slash of a pool validator lowers the exchange rate for every holder by exactly the pool loss, and an event says so', async () => {
  const c = await PosChain.create();
  const [alice, bob, op] = c.users;
  const key = testKey(3, 'pool consensus');
  await c.run(operator(c, op, key));
  await c.send(deposit(c, alice, 30n * C), deposit(c, bob, 10n * C));
  await c.advance(3);
  await c.run(c.tx(alice, 'staking-pool', 'harvest', HarvestParams, {}));
  const before = poolHoldings(c.state).pooled;
  const shares = poolStateOf(c.state).totalShares;
  const aliceBefore = poolPosition(c.state, alice.address).value;
  const b = await c.produce({ evidence: [{ validator: key.address, height: c.height }] });
  const slash = eventsOf(b.blockEvents, SlashedEvent)[0];
  const lowered = eventsOf(b.blockEvents, RateLoweredEvent)[0];
  assert.ok(lowered, 'the rate fell, and the block says so');
  assert.equal(lowered.pooledBefore, before);
  assert.equal(lowered.pooledAfter, before - slash.fromValidator, 'the pool held every share of the validator: it lost exactly the slash');
  assert.equal(lowered.totalShares, shares);
  // Tombstoned: the pool harvests and takes its stake back at the end of the block.
  assert.equal(eventsOf(b.blockEvents, ValidatorExitedEvent).length, 1);
  const harvested = eventsOf(b.blockEvents, HarvestedEvent).reduce((s, e) => s + e.rewards - e.fee, 0n);
  assert.equal(poolHoldings(c.state).pooled, lowered.pooledAfter + harvested);
  const aliceAfter = poolPosition(c.state, alice.address).value;
  assert.equal(aliceAfter, (sharesOf(c, alice) * (lowered.pooledAfter + harvested)) / shares);
  assert.ok(aliceAfter < aliceBefore);
  assertPosInvariants(c.state, c.economics);
});

test('share transfers move shares exactly: nothing is lost or created (Lido loses 1-2 wei per transfer)', async () => {
  const c = await PosChain.create();
  const [alice, bob, op] = c.users;
  await c.run(operator(c, op, testKey(4, 'pool consensus')));
  await c.run(deposit(c, alice, 33n * C + 7n));
  await c.advance(7);
  await c.run(c.tx(bob, 'staking-pool', 'deposit', DepositParams, { amount: 1n * C + 3n }));
  const id = poolStateOf(c.state).assetId;
  const pooled = poolHoldings(c.state).pooled;
  const total = poolStateOf(c.state).totalShares;
  const a0 = sharesOf(c, alice);
  const b0 = sharesOf(c, bob);
  const odd = 123_456_789n;
  const r = await c.run(c.tx(alice, 'bank', 'transfer', TransferParams, { to: bob.address, assetId: id, amount: odd, memo: new Uint8Array(0) }));
  assert.equal(errorCodeOf(r), null);
  assert.equal(sharesOf(c, alice), a0 - odd);
  assert.equal(sharesOf(c, bob), b0 + odd);
  assert.equal(poolStateOf(c.state).totalShares, total);
  assert.ok(poolHoldings(c.state).pooled >= pooled, 'the pool is untouched by a transfer (only rewards may add)');
  assertPosInvariants(c.state, c.economics);
});

test('the pool runs at most `maxValidators` validators; deposits beyond wait idle', async () => {
  const economics = { ...POS_DEVNET_ECONOMICS, pool: { ...POS_DEVNET_ECONOMICS.pool, maxValidators: 1 } };
  const c = await PosChain.create({ economics });
  const [alice, op] = c.users;
  await c.send(operator(c, op, testKey(5, 'pool consensus')), operator(c, op, testKey(6, 'pool consensus')));
  const r = await c.run(deposit(c, alice, 70n * C));
  assert.equal(eventsOf(r, ValidatorFundedEvent).length, 1);
  assert.equal(poolStatus(c.state, c.economics).queuedOperators, 1);
  assert.equal(poolHoldings(c.state).idle, 38n * C);
});
