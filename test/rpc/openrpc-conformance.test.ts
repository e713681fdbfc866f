import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWs, startFixture } from './helpers.js';
import { schemaErrors } from './json-schema.js';
import { transfer } from '../../src/testing/chain.js';
import { bytesToHex } from '../../src/encoding/hex.js';

test('every method result conforms to its published OpenRPC result schema, and params to param schemas', async () => {
  const f = await startFixture();
  try {
    const doc = await f.call('rpc.discover');
    const byName = new Map<string, any>(doc.methods.map((m: any) => [m.name, m]));
    const seen = new Set<string>();
    const check = (method: string, params: unknown[], result: unknown) => {
      const m = byName.get(method);
      assert.ok(m, method);
      seen.add(method);
      assert.deepEqual(schemaErrors(m.result.schema, result), [], `${method} result`);
      params.forEach((p, i) => assert.deepEqual(schemaErrors(m.params[i].schema, p), [], `${method} param ${i}`));
    };
    const call = async (method: string, params: unknown[] = []) => {
      const r = await f.call(method, params);
      check(method, params, r);
      return r;
    };
    const [a, b] = f.tc.keys;
    const head = await call('chain_getHead');
    await call('chain_getBlock', [1]);
    await call('chain_getBlock', [head.hash, true]);
    const t = transfer(f.tc.chain, a, b.address, 9n, 1n);
    const sent = await call('tx_send', [bytesToHex(t.bytes)]);
    await call('tx_get', [sent.id]);
    await call('mempool_list');
    await call('account_get', [a.addressText]);
    await call('account_getProof', [a.addressText]);
    await call('tx_estimateFee');
    await call('tx_estimateGas', ['bank', 'transfer', bytesToHex(t.tx.body.params)]);
    await f.mine();
    await call('tx_get', [sent.id]);
    await call('chain_getBlock', [f.tc.chain.tip.height, true]);
    await call('mining_getStatus');
    await call('mining_start', [1]);
    await call('mining_stop');
    const cs = await call('consensus_getStatus');
    assert.equal(cs.engine, 'pow');
    assert.equal(cs.running, false);
    await call('supply_get', [0]);
    await call('rpc.discover');
    const c = await openWs(f.server);
    const sub = await c.request('chain_subscribe', ['newHeads']);
    check('chain_subscribe', ['newHeads'], sub.result);
    const txSub = await c.request('tx_subscribe', [sent.id]);
    check('tx_subscribe', [sent.id], txSub.result);
    const un = await c.request('chain_unsubscribe', [sub.result]);
    check('chain_unsubscribe', [sub.result], un.result);
    c.close();
    await c.closed;
    // asset_*/multisig_*, nft_*/market_* and staking_* results are checked against their schemas,
    // method by method, in test/rpc/issuance.test.ts, test/rpc/nft.test.ts and
    // test/state/pos/endpoints.test.ts (they need their own fixtures).
    assert.deepEqual([...byName.keys()].filter((n) => !seen.has(n) && !/^(asset|multisig|nft|market|staking)_/.test(n)), [], 'every published method was exercised');
  } finally {
    await f.close();
  }
});
