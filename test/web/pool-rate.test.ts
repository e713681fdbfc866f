/**
 * The staking pool's exchange-rate history rebuilt from its events (web/pool-rate.ts): walking back
 * from the head undoes deposits (whose events are exact anchors), withdrawal requests, harvests and
 * slashes, and leaves events that move CWC inside the pool alone; against a forward simulation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { poolHistory, rateOf, undoPoolEvent, type PoolBlock } from '../../src/web/pool-rate.js';

const ev = (name: string, data: Record<string, string>) => ({ module: 'staking-pool', name, data });

test('poolHistory reproduces a forward simulation of deposits, harvests, a withdrawal and a slash', () => {
  // Forward: start empty; h2 deposit 100 (1:1); h3 nothing; h4 harvest 10 rewards, fee 1 (pooled 109);
  // h5 a deposit of 109 after a harvest of 2 (fee 0): pooled 111 before it -> shares 100 x 109/111 = 98;
  // h6 withdrawal of 50 shares worth 50 x 220/198 = 55; h7 slash 165 -> 150; h8 a validator funded.
  let pooled = 0n;
  let shares = 0n;
  const blocks: PoolBlock[] = [];
  const truth: Array<{ height: number; pooled: bigint; shares: bigint }> = [];
  const push = (height: number, events: PoolBlock['events']) => {
    blocks.push({ height, events });
    truth.push({ height, pooled, shares });
  };
  push(1, []);
  pooled += 100n;
  shares += 100n;
  push(2, [ev('deposited', { user: 'cw1u', amount: '100', shares: '100', pooled: '100', totalShares: '100' })]);
  push(3, []);
  pooled += 9n;
  push(4, [ev('harvested', { validator: 'cw1v', rewards: '10', fee: '1', operator: 'cw1o' })]);
  pooled += 2n;
  const harvested = ev('harvested', { validator: 'cw1v', rewards: '2', fee: '0', operator: 'cw1o' });
  pooled += 109n;
  shares += 98n;
  push(5, [harvested, ev('deposited', { user: 'cw1u', amount: '109', shares: '98', pooled: String(pooled), totalShares: String(shares) })]);
  pooled -= 55n;
  shares -= 50n;
  push(6, [ev('withdrawalRequested', { user: 'cw1u', shares: '50', amount: '55', completionTime: '9' })]);
  const before = pooled;
  pooled -= 15n;
  push(7, [ev('rateLowered', { validator: 'cw1v', pooledBefore: String(before), pooledAfter: String(pooled), totalShares: String(shares) })]);
  push(8, [ev('validatorFunded', { validator: 'cw1w', operator: 'cw1o', stake: '32' }), { module: 'staking', name: 'delegated', data: { amount: '32' } }]);
  const got = poolHistory({ height: 8, pooled, shares }, blocks);
  assert.deepEqual(got, truth);
  assert.equal(rateOf(got[0]), 1, 'no shares: 1:1');
  assert.ok(Math.abs(rateOf(got[3]) - 1.09) < 1e-9);
  assert.ok(rateOf(got[6]) < rateOf(got[5]), 'the slash lowered the rate');
});

test('a deposit event is an anchor: a wrong head value is corrected below it', () => {
  const blocks: PoolBlock[] = [
    { height: 1, events: [] },
    { height: 2, events: [ev('deposited', { user: 'cw1u', amount: '5', shares: '5', pooled: '205', totalShares: '205' })] },
  ];
  const got = poolHistory({ height: 2, pooled: 999n, shares: 999n }, blocks);
  assert.deepEqual(got[0], { height: 1, pooled: 200n, shares: 200n });
  assert.deepEqual(undoPoolEvent({ pooled: 1n, shares: 1n }, { module: 'bank', name: 'transferred', data: {} }), { pooled: 1n, shares: 1n });
  assert.throws(() => undoPoolEvent({ pooled: 1n, shares: 1n }, ev('harvested', { validator: 'cw1v' })));
});
