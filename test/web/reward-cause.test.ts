/** Each reward's occasion, read from the transactions of the block it was paid in (web/reward-cause.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CAUSE_TEXT, rewardOccasion } from '../../src/web/reward-cause.js';

const me = 'cw1me';
const tx = (sender: string, module: string, command: string) => ({ sender, module, command });

test('rewardOccasion names the claim, the delegation change or the pool harvest behind a reward', () => {
  assert.equal(rewardOccasion('provision', me, [tx(me, 'distribution', 'claim')]), 'claimed (distribution.claim)');
  assert.equal(rewardOccasion('tip', me, [tx('cw1other', 'distribution', 'claim'), tx(me, 'distribution', 'claimAll')]), 'claimed (distribution.claimAll)');
  assert.equal(rewardOccasion('provision', me, [tx(me, 'staking', 'delegate')]), 'auto-paid on a delegation change (staking.delegate)');
  assert.equal(rewardOccasion('provision', me, [tx(me, 'staking', 'redelegate')]), 'auto-paid on a delegation change (staking.redelegate)');
  assert.equal(rewardOccasion('provision', me, [tx('cw1other', 'staking', 'delegate')]), 'paid in block processing', "someone else's delegation does not pay me");
  assert.equal(rewardOccasion('commission', me, [tx(me, 'distribution', 'claimCommission')]), 'claimed (distribution.claimCommission)');
  assert.equal(rewardOccasion('poolFee', me, [tx('cw1user', 'staking-pool', 'deposit')]), 'paid by a pool harvest (staking-pool.deposit)');
  assert.equal(rewardOccasion('poolFee', me, []), 'paid by a pool harvest');
  assert.equal(rewardOccasion('provision', me, []), 'paid in block processing');
  assert.deepEqual(Object.keys(CAUSE_TEXT).sort(), ['commission', 'poolFee', 'provision', 'tip']);
});
