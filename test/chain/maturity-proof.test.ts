import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestChain, mineBlock } from '../../src/testing/chain.js';
import { balanceOf, getAccount } from '../../src/state/modules/accounts/method.js';
import { accountStore } from '../../src/state/modules/accounts/stores.js';
import { testKey } from '../../src/testing/keys.js';
import { verifyStateProof } from '../../src/state/proof.js';
import { stringToKey } from '../../src/state/keys.js';
import { supplyOf } from '../../src/state/modules/supply/method.js';
import { blockSubsidy } from '../../src/consensus/pow/subsidy.js';
import { powParams } from '../../src/params/networks.js';

test('a block reward unlocks exactly coinbaseMaturity blocks later and is counted as mined', async () => {
  const tc = await createTestChain();
  const miner = testKey(99);
  const maturity = tc.params.rewards.maturity;
  await mineBlock(tc, { beneficiary: miner.address });
  for (let h = 2; h <= maturity; h++) {
    await mineBlock(tc, { beneficiary: tc.keys[0].address });
    assert.equal(balanceOf((await tc.chain.view((st) => getAccount(st, miner.address)))), 0n, `still locked at height ${h}`);
  }
  await mineBlock(tc, { beneficiary: tc.keys[0].address }); // height maturity + 1 releases block 1
  assert.equal(balanceOf((await tc.chain.view((st) => getAccount(st, miner.address)))), blockSubsidy(1n, powParams(tc.params).subsidy.initial, powParams(tc.params).subsidy.halvingInterval));
  assert.equal((await tc.chain.view((st) => supplyOf(st, 0))).byCause.mining, BigInt(tc.chain.tip.height) * powParams(tc.params).subsidy.initial);
});

test('an account proof verifies offline against the head state root and fails when altered', async () => {
  const tc = await createTestChain();
  await mineBlock(tc);
  const key = accountStore.key(tc.keys[1].address);
  const got = await tc.chain.proof(key);
  const p = got.proof!;
  // The proof's root is the one the tip's coinbase commits to (taken at the same head).
  const head = (await tc.chain.getBlock(got.tip.hash))!;
  const root = head.block.coinbase.stateRoot;
  assert.deepEqual(got.root, root);
  const proof = { root, key: stringToKey(key), value: p.value!, index: p.index, siblings: p.siblings };
  assert.equal(verifyStateProof(proof), true);
  const tampered = Uint8Array.from(p.value!);
  tampered[tampered.length - 1] ^= 1;
  assert.equal(verifyStateProof({ ...proof, value: tampered }), false);
  assert.equal(verifyStateProof({ ...proof, index: p.index + 1 }), false);
});
