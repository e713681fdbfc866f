/**
 * Minting by staking (Cosmos x/mint) and the yields it gives: the inflation steps towards the
 * bonded-ratio goal within [min, max]; each block mints floor(inflation x supply / blocksPerYear)
 * under the supply ledger's `staking` cause and the engine's reward must be exactly that; at the
 * devnet parameters the APR lies in 4-20% for any bonded ratio in 50-70% and commission in 0-20%
 * (also through the staking pool's fee), and it matches the rewards a delegation actually earns.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ONE_COIN } from '../../../src/params/networks.js';
import { POS_DEVNET_ECONOMICS } from '../../../src/params/staking.js';
import { DEC_ONE, formatPercent, parseDec } from '../../../src/util/decimal.js';
import { PosChain } from '../../../src/testing/pos.js';
import { assertPosInvariants } from '../../../src/testing/pos-invariants.js';
import { eventsOf } from '../../../src/testing/issuance.js';
import { encodeTestFacts } from '../../../src/testing/pos-engine.js';
import { supplyOf } from '../../../src/state/modules/supply/method.js';
import { aprAt, aprToApy, bondedRatio, minterOf, nextInflation, yieldAt } from '../../../src/state/modules/mint/method.js';
import { MintedEvent } from '../../../src/state/modules/mint/events.js';
import { pendingRewards } from '../../../src/state/modules/distribution/method.js';
import { delegationValue } from '../../../src/state/modules/staking/method.js';

const C = ONE_COIN;
const PCT = 10n ** 16n;
const P = POS_DEVNET_ECONOMICS;
const M = P.mint;

test('inflation moves towards the bonded goal by (1 - bonded/goal) x rateChange / blocksPerYear, clamped to [min, max]', () => {
  const at = 7n * PCT;
  const below = nextInflation(M, at, 30n * PCT);
  assert.equal(below - at, ((DEC_ONE - (30n * PCT * DEC_ONE) / M.goalBonded) * M.inflationRateChange) / DEC_ONE / M.blocksPerYear, 'below the goal it rises');
  assert.ok(nextInflation(M, at, 90n * PCT) < at, 'above the goal it falls');
  assert.equal(nextInflation(M, at, M.goalBonded), at, 'at the goal it stays');
  assert.equal(nextInflation(M, M.inflationMax, 0n), M.inflationMax, 'never above the maximum');
  assert.equal(nextInflation(M, M.inflationMin, DEC_ONE), M.inflationMin, 'never below the minimum');
  // A year of blocks at 0% bonded moves it by the whole yearly rate change (7%), so from 7% it hits the 10% cap.
  let i = at;
  for (let k = 0n; k < 12n; k++) i = nextInflation({ ...M, blocksPerYear: 12n }, i, 0n);
  assert.equal(i, M.inflationMax);
});

test('each block mints floor(inflation x supply / blocksPerYear) into distribution, counted under the staking cause', async () => {
  const c = await PosChain.create();
  let minted = 0n;
  for (let k = 0; k < 5; k++) {
    const supply = supplyOf(c.state, 0).total;
    const infl = nextInflation(M, minterOf(c.state, M).inflation, bondedRatio(c.state));
    const b = await c.produce();
    const e = eventsOf(b.blockEvents, MintedEvent)[0];
    assert.equal(e.inflation, infl);
    assert.equal(e.annualProvisions, (infl * supply) / DEC_ONE);
    assert.equal(e.provision, e.annualProvisions / M.blocksPerYear);
    assert.ok(e.provision > 0n);
    minted += e.provision;
    assertPosInvariants(c.state, c.economics);
  }
  assert.equal(supplyOf(c.state, 0).byCause.staking, minted);
  assert.equal(minterOf(c.state, M).totalMinted, minted);
});

test('the engine must grant exactly the mint provision (cause staking): anything else cannot execute', async () => {
  const c = await PosChain.create();
  const tip = c.chain.tip;
  const info = c.chain.blockInfo(tip, tip.header.time + 1, new Uint8Array(20), encodeTestFacts({ proposer: null, signers: [], evidence: [] }), c.state);
  assert.doesNotThrow(() => c.chain.sm.executeBlock(c.state, info, []));
  assert.throws(() => c.chain.sm.executeBlock(c.state, { ...info, reward: info.reward + 1n }, []), /MINT_REWARD_MISMATCH|blockReward must be/);
  assert.throws(() => c.chain.sm.executeBlock(c.state, { ...info, rewardCause: 'mining' }, []), /blockReward must be/);
});

test('devnet parameters: the APR lies in 4-20% for bonded 50-70%, commission 0-20% and through the pool (10% fee), at any inflation the mint allows', () => {
  const cases: Array<[string, bigint, bigint]> = [];
  for (const bonded of [50n, 55n, 60n, 65n, 70n].map((x) => x * PCT)) {
    for (const inflation of [M.inflationMin, M.inflationInitial, M.inflationMax]) {
      for (const commission of [0n, 5n * PCT, 10n * PCT, 20n * PCT]) cases.push([`bonded ${formatPercent(bonded)} inflation ${formatPercent(inflation)} commission ${formatPercent(commission)}`, aprAt(P, inflation, bonded, commission), bonded]);
      cases.push([`pool at bonded ${formatPercent(bonded)} inflation ${formatPercent(inflation)}`, aprAt(P, inflation, bonded, 0n, P.pool.feeRate), bonded]);
    }
  }
  for (const [what, apr] of cases) assert.ok(apr >= 4n * PCT && apr <= 20n * PCT, `${what}: APR ${formatPercent(apr)}% outside 4-20%`);
  // The corners quoted in params/staking.ts.
  assert.equal(formatPercent(aprAt(P, M.inflationMin, 70n * PCT, 20n * PCT)), '4.48');
  assert.equal(formatPercent(aprAt(P, M.inflationMax, 50n * PCT, 0n)), '19.60');
});

test('APY compounds the APR n times a year: n = 1 gives the APR, daily compounding of 10% gives 10.5155%', () => {
  assert.equal(aprToApy(10n * PCT, 1n), 10n * PCT);
  assert.equal(formatPercent(aprToApy(10n * PCT, 365n), 4), '10.5155');
  assert.ok(aprToApy(parseDec('0.1086'), 365n) > parseDec('0.1086'));
});

test('the APR reported at 60% bonded matches what a delegation actually earns over 300 blocks (within 0.2%)', async () => {
  // Supply 10,000 CWC: four validators of 1,500 CWC bonded (60%), four users of 1,000 CWC.
  const c = await PosChain.create({ validators: 4, selfStake: 1_500n * C, operatorFund: 1_500n * C, users: 4, userFund: 1_000n * C, commission: 5n * PCT });
  await c.advance(2);
  const y = yieldAt(c.state, c.economics, { commission: 5n * PCT });
  assert.ok(y.bondedRatio <= 60n * PCT && y.bondedRatio > 60n * PCT - PCT / 1000n, 'about 60% (the supply grew by two provisions)');
  assert.ok(y.apr >= 4n * PCT && y.apr <= 20n * PCT, `APR ${formatPercent(y.apr)}%`);
  const op = c.operators[0].address;
  const v = c.validators[0];
  const stake = delegationValue(c.state, op, v);
  const start = pendingRewards(c.state, op, v).provision;
  const blocks = 300;
  await c.advance(blocks);
  const earned = pendingRewards(c.state, op, v).provision - start;
  const expected = (stake * y.apr * BigInt(blocks)) / DEC_ONE / c.economics.mint.blocksPerYear;
  const diff = earned > expected ? earned - expected : expected - earned;
  assert.ok(diff * 500n <= expected, `earned ${earned}, APR ${formatPercent(y.apr, 4)}% predicts ${expected}`);
  assertPosInvariants(c.state, c.economics);
});
