import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BftTestNetwork } from '../../src/testing/bft-network.js';

test('4 validators commit blocks', { timeout: 60_000 }, async () => {
  const net = await BftTestNetwork.start({ log: (i) => ({ info: (o, m) => console.log(i, m, JSON.stringify(o)), warn: (o, m) => console.log(i, 'WARN', m, JSON.stringify(o)), debug: (o, m) => console.log(i, 'DBG', m, JSON.stringify(o)) }) });
  try {
    await net.waitForHeight(5, { timeoutMs: 30_000 });
    const hashes = net.nodes.map((n) => n.chain.index.atHeight(5)!.key);
    assert.equal(new Set(hashes).size, 1);
    console.log(net.nodes.map((n) => n.service.status().finality));
  } finally {
    await net.close();
  }
});
