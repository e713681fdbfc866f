import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestChain, mineBlock, transfer } from '../../src/testing/chain.js';
import { nativeSupplyCheck } from '../../src/testing/invariants.js';
import { balanceOf, getAccount } from '../../src/state/modules/accounts/method.js';

test('mines blocks with transfers; balances, fees, rewards and supply add up', async () => {
  const tc = await createTestChain();
  const [a, b, miner] = tc.keys;
  const startA = balanceOf((await tc.chain.view((st) => getAccount(st, a.address))));
  const tx = transfer(tc.chain, a, b.address, 12345n, 0n);
  await mineBlock(tc, { txs: [tx], beneficiary: miner.address });
  assert.equal(tc.chain.tip.height, 1);
  const rcpt = (await tc.chain.store.receipts(tc.chain.tip.hash))!.receipts[0];
  assert.equal(rcpt.status, 'success');
  assert.equal(balanceOf((await tc.chain.view((st) => getAccount(st, a.address)))), startA - 12345n - rcpt.fee);
  assert.equal((await tc.chain.view((st) => getAccount(st, a.address))).nonce, 1n);
  for (let i = 0; i < 5; i++) {
    await mineBlock(tc, { beneficiary: miner.address });
    const s = await nativeSupplyCheck(tc.chain);
    assert.equal(s.held, s.ledger);
  }
});
