import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWs, startFixture } from './helpers.js';
import { createTestChain, mineBlock } from '../../src/testing/chain.js';
import { hashToDisplay } from '../../src/encoding/hex.js';
import type { Block } from '../../src/primitives/block.js';

test('after a reorganisation: one newHeads notification with the new tip; dropped transactions are pending again', async () => {
  const f = await startFixture();
  try {
    const firstTx = (await f.call('chain_getBlock', [1])).txs[0];
    assert.equal((await f.call('tx_get', [firstTx])).status, 'included');
    // A heavier branch from genesis, built on a separate chain with another beneficiary.
    const builder = await createTestChain();
    const branch: Block[] = [];
    for (let i = 0; i < 4; i++) branch.push(await mineBlock(builder, { beneficiary: builder.keys[3].address }));
    const c = await openWs(f.server);
    const sub = (await c.request('chain_subscribe', ['newHeads'])).result;
    for (const b of branch) {
      if (f.tc.clock.t < b.header.time) f.tc.clock.t = b.header.time;
      await f.tc.chain.importBlock(b);
    }
    const n = await c.next();
    assert.equal(n.params.subscription, sub);
    assert.equal(n.params.result.height, 4);
    assert.equal(n.params.result.hash, hashToDisplay(builder.chain.tip.hash));
    const head = await c.request('chain_getHead');
    assert.equal(head.result.hash, n.params.result.hash, 'no other notification came first');
    assert.equal((await f.call('tx_get', [firstTx])).status, 'pending');
    const old = await f.rpc('chain_getBlock', [f.tc.chain.tip.height]);
    assert.equal(old.result.hash, hashToDisplay(builder.chain.tip.hash));
    c.close();
    await c.closed;
  } finally {
    await f.close();
  }
});
