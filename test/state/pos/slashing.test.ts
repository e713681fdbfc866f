/**
 * Slashing on a real chain (test engine): duplicate-vote evidence (5% of the stake at the
 * infraction, tombstone, refused when too old with an event saying so), the stake at the infraction
 * height (later delegations untouched; unbondings and redelegations begun after it slashed), and
 * downtime (window of 100, at least 50% signed, 1% and a 10-minute jail, counters reset, no misses
 * while jailed, unjail afterwards).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ONE_COIN } from '../../../src/params/networks.js';
import { mulRateFloor } from '../../../src/util/decimal.js';
import { PosChain } from '../../../src/testing/pos.js';
import { assertPosInvariants } from '../../../src/testing/pos-invariants.js';
import { errorCodeOf, eventsOf } from '../../../src/testing/issuance.js';
import { supplyOf } from '../../../src/state/modules/supply/method.js';
import { activeSetAt, delegationValue, FOREVER, getValidator, redelegationEntries, sharesOf, tokensAt, unbondingEntries } from '../../../src/state/modules/staking/method.js';
import { signingInfoOf } from '../../../src/state/modules/slashing/method.js';
import { DelegateParams, RedelegateParams, UndelegateParams, UnjailParams } from '../../../src/state/modules/staking/schemas.js';
import { JailedEvent, RedelegationSlashedEvent, SlashedEvent, TombstonedEvent, UnbondingSlashedEvent } from '../../../src/state/modules/staking/events.js';
import { DoubleSignPunishedEvent, DowntimePunishedEvent, EvidenceRefusedEvent } from '../../../src/state/modules/slashing/events.js';
import type { TestKey } from '../../../src/testing/keys.js';

const C = ONE_COIN;
const PCT = 10n ** 16n;
const hex = (a: Uint8Array) => Buffer.from(a).toString('hex');
const delegate = (c: PosChain, k: TestKey, validator: Uint8Array, amount: bigint) => c.tx(k, 'staking', 'delegate', DelegateParams, { validator, amount });
const undelegate = (c: PosChain, k: TestKey, validator: Uint8Array, amount: bigint) => c.tx(k, 'staking', 'undelegate', UndelegateParams, { validator, amount });

test('duplicate vote: 5% of the stake at the infraction burned, tombstoned and jailed for ever, out of the set; a second report is refused', async () => {
  const c = await PosChain.create({ selfStake: 1_000n * C });
  const v = c.validators[2];
  await c.advance(3);
  const infraction = c.height;
  const supplyBefore = supplyOf(c.state, 0).total;
  const b = await c.produce({ evidence: [{ validator: v, height: infraction }] });
  const s = eventsOf(b.blockEvents, SlashedEvent)[0];
  assert.equal(s.reason, 'double-sign');
  assert.equal(s.infractionHeight, infraction - 1n, 'Cosmos: the infraction height less the validator update delay');
  assert.equal(s.slashAmount, 50n * C);
  assert.equal(s.tokensAfter, 950n * C);
  assert.deepEqual(eventsOf(b.blockEvents, DoubleSignPunishedEvent).map((e) => e.height), [infraction]);
  assert.equal(eventsOf(b.blockEvents, TombstonedEvent).length, 1);
  const val = getValidator(c.state, v)!;
  assert.ok(val.jailed && val.tombstoned);
  assert.equal(val.jailedUntil, FOREVER);
  assert.equal(supplyOf(c.state, 0).byCause.burn, 50n * C, 'burned, in the supply ledger');
  assert.ok(supplyOf(c.state, 0).total < supplyBefore);
  assert.ok(!activeSetAt(c.state, c.height + 2n).validators.some((m) => hex(m.address) === hex(v)), 'leaves the set');
  const again = await c.produce({ evidence: [{ validator: v, height: infraction }] });
  assert.deepEqual(eventsOf(again.blockEvents, EvidenceRefusedEvent).map((e) => e.reason), ['tombstoned']);
  assert.equal(eventsOf(again.blockEvents, SlashedEvent).length, 0);
  const unjail = await c.run(c.tx(c.operators[2], 'staking', 'unjail', UnjailParams, { validator: v }));
  assert.equal(errorCodeOf(unjail), 'TX_VALIDATOR_TOMBSTONED');
  assertPosInvariants(c.state, c.economics);
});

test('evidence older than the unbonding period (block time), from the future, or of an unknown validator is refused, each with an event saying why', async () => {
  const c = await PosChain.create();
  const v = c.validators[0];
  await c.advance(2);
  const old = c.height;
  await c.produce({ dt: c.economics.staking.unbondingPeriod });
  const stranger = c.users[0].address;
  const b = await c.produce({ evidence: [{ validator: v, height: old }, { validator: v, height: c.height + 1n }, { validator: stranger, height: old }] });
  assert.deepEqual(eventsOf(b.blockEvents, EvidenceRefusedEvent).map((e) => e.reason), ['expired', 'future', 'unknown-validator']);
  assert.equal(eventsOf(b.blockEvents, SlashedEvent).length, 0);
  assert.equal(getValidator(c.state, v)!.jailed, false);
  // Just inside the period it is punished.
  const recent = c.height;
  const ok = await c.produce({ dt: c.economics.staking.unbondingPeriod - 1, evidence: [{ validator: v, height: recent }] });
  assert.equal(eventsOf(ok.blockEvents, SlashedEvent).length, 1);
});

test('the slash uses the stake at the infraction height; unbondings and redelegations begun after it pay their share, those begun before do not', async () => {
  const c = await PosChain.create({ selfStake: 1_000n * C });
  const [alice, bob, carol, dave] = c.users;
  const [v, w] = c.validators;
  await c.send(delegate(c, alice, v, 200n * C), delegate(c, carol, v, 100n * C), delegate(c, dave, v, 100n * C));
  // Carol unbonds before the infraction: not slashed.
  await c.run(undelegate(c, carol, v, 100n * C));
  await c.produce();
  const infraction = c.height;
  const stakeAtInfraction = getValidator(c.state, v)!.tokens; // 1,300 CWC
  await c.produce();
  // After the infraction: Bob delegates (new stake, not slashed), Alice unbonds 100, Dave redelegates 100 to w.
  await c.send(delegate(c, bob, v, 500n * C), undelegate(c, alice, v, 100n * C), c.tx(dave, 'staking', 'redelegate', RedelegateParams, { src: v, dst: w, amount: 100n * C }));
  assert.equal(tokensAt(c.state, getValidator(c.state, v)!, infraction), stakeAtInfraction);
  const bobValue = delegationValue(c.state, bob.address, v);
  const b = await c.produce({ evidence: [{ validator: v, height: infraction + 1n }] });
  const s = eventsOf(b.blockEvents, SlashedEvent)[0];
  assert.equal(s.tokensAtInfraction, stakeAtInfraction);
  assert.equal(s.slashAmount, mulRateFloor(stakeAtInfraction, 5n * PCT));
  assert.equal(s.fromUnbonding, 5n * C, "Alice's entry pays 5% of its 100");
  assert.equal(s.fromRedelegations, 5n * C, "Dave's redelegation pays 5% of its 100");
  assert.equal(s.fromValidator, s.slashAmount - 10n * C, 'the validator pays the rest');
  assert.deepEqual(eventsOf(b.blockEvents, UnbondingSlashedEvent).map((e) => [hex(e.delegator), e.amount]), [[hex(alice.address), 5n * C]]);
  assert.equal(unbondingEntries(c.state, carol.address, v)[0].balance, 100n * C, 'begun before the infraction: untouched');
  assert.equal(unbondingEntries(c.state, alice.address, v)[0].balance, 95n * C);
  const red = eventsOf(b.blockEvents, RedelegationSlashedEvent)[0];
  assert.equal(red.amount, 5n * C);
  assert.equal(delegationValue(c.state, dave.address, w), 95n * C, "Dave's stake at the destination shrank by 5%");
  assert.equal(redelegationEntries(c.state, dave.address, v, w).length, 1, 'the entry is still tracked');
  // Bob's new stake is hit only through the share price: tokens went down by fromValidator over all shares.
  const val = getValidator(c.state, v)!;
  assert.equal(delegationValue(c.state, bob.address, v), (sharesOf(c.state, bob.address, v) * val.tokens) / val.shares);
  assert.ok(bobValue - delegationValue(c.state, bob.address, v) < mulRateFloor(bobValue, 5n * PCT), 'less than 5% of the stake that came after');
  assertPosInvariants(c.state, c.economics);
});

test('downtime: more than 50 of the last 100 blocks missed slashes 1% and jails for 10 minutes; counters reset; no misses while jailed; unjail afterwards', async () => {
  const c = await PosChain.create({ selfStake: 1_000n * C });
  const v = c.validators[3];
  const without = () => c.parentSet().filter((a) => hex(a) !== hex(v));
  // Miss from the first block: the window starts at height 0 (genesis set), so nothing before height 101.
  let punished: { height: bigint; missed: number } | null = null;
  for (let i = 0; i < 150 && !punished; i++) {
    const b = await c.produce({ signers: without() });
    const e = eventsOf(b.blockEvents, DowntimePunishedEvent);
    if (e.length) punished = { height: b.height, missed: e[0].missed };
  }
  assert.ok(punished);
  assert.equal(punished.height, 101n, 'not before startHeight + window (0 + 100), and then missed > 50');
  assert.equal(punished.missed, 100);
  const val = getValidator(c.state, v)!;
  assert.ok(val.jailed);
  assert.equal(val.jailedUntil, BigInt(c.clock.t + 600));
  assert.equal(val.tokens, 990n * C, '1% slashed');
  const info = signingInfoOf(c.state, v)!;
  assert.deepEqual([info.missedCount, info.indexOffset], [0, 0n], 'counter and window reset');
  // Still in the sets of the next two heights, but jailed: no misses are counted.
  await c.advance(3, { signers: [] });
  assert.deepEqual([signingInfoOf(c.state, v)!.missedCount, signingInfoOf(c.state, v)!.indexOffset], [0, 0n]);
  const unjail = () => c.tx(c.operators[3], 'staking', 'unjail', UnjailParams, { validator: v });
  assert.equal(errorCodeOf(await c.run(unjail())), 'TX_VALIDATOR_JAILED', 'the 10 minutes have not passed');
  await c.produce({ dt: 600 });
  const r = await c.run(unjail());
  assert.equal(errorCodeOf(r), null);
  assert.ok(activeSetAt(c.state, c.height + 2n).validators.some((m) => hex(m.address) === hex(v)));
  // Back in the set, a fresh window: missing again is not punished before another full window.
  const back = c.height + 2n;
  assert.equal(signingInfoOf(c.state, v)!.startHeight, back);
  for (let i = 0; i < 60; i++) {
    const b = await c.produce({ signers: without() });
    assert.equal(eventsOf(b.blockEvents, JailedEvent).length, 0);
  }
  assertPosInvariants(c.state, c.economics);
});

test('downtime counts a rolling window: missing 50 of 100 is tolerated, the 51st miss in the window is punished', async () => {
  const c = await PosChain.create();
  const v = c.validators[1];
  const all = () => c.parentSet();
  const without = () => c.parentSet().filter((a) => hex(a) !== hex(v));
  // Heights 1..101: block 1 has no parent signers for anyone, so count from block 2 (signatures for 1..).
  for (let i = 0; i < 110; i++) await c.produce({ signers: i % 2 === 0 ? without() : all() });
  assert.equal(getValidator(c.state, v)!.jailed, false, 'half missed is allowed');
  const info = signingInfoOf(c.state, v)!;
  assert.ok(info.missedCount <= 50);
  let jailedAt = -1;
  for (let i = 0; i < 10 && jailedAt < 0; i++) {
    const b = await c.produce({ signers: without() });
    if (eventsOf(b.blockEvents, DowntimePunishedEvent).length) jailedAt = i;
  }
  assert.ok(jailedAt >= 0 && jailedAt <= 2, 'a couple more misses in a row push it over 50');
});
