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
    const off = await call('net_info');
    assert.equal(off.enabled, false);
    assert.equal(off.sync.state, 'off');
    assert.deepEqual(await call('net_peers'), []);
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
    // asset_*/multisig_*, nft_*/market_*, staking_* and miningPool_* results are checked against
    // their schemas, method by method, in test/rpc/issuance.test.ts, test/rpc/nft.test.ts,
    // test/state/pos/endpoints.test.ts and test/mining-pool/rpc.test.ts (they need their own fixtures).
    assert.deepEqual([...byName.keys()].filter((n) => !seen.has(n) && !/^(asset|multisig|nft|market|staking|miningPool)_/.test(n)), [], 'every published method was exercised');
  } finally {
    await f.close();
  }
});

test('net_info and net_peers report the network the node runs, in their published schemas', async () => {
  const peer = { id: '12D3KooWB8YKG8fK6QEa5JJoS8brkRru6bCyESJEDGEXa9DTYmvt', address: '/ip4/127.0.0.1/tcp/9000/p2p/12D3KooWB8YKG8fK6QEa5JJoS8brkRru6bCyESJEDGEXa9DTYmvt', direction: 'outbound' as const, head: { height: 3, hash: 'ab'.repeat(32) }, score: -25, connectedAt: 1_700_000_000_000 };
  const network = {
    info: () => ({ peerId: '12D3KooWEXqgRGWYdap5aZBD7JRnzR4iB3m2iKHKGGgZ1UoN7isd', listen: ['/ip4/127.0.0.1/tcp/8745/p2p/12D3KooWEXqgRGWYdap5aZBD7JRnzR4iB3m2iKHKGGgZ1UoN7isd'], peers: 1, bans: 2, sync: { state: 'syncing' as const, tipHeight: 3, bestHeaderHeight: 9, bestPeerHeight: 9, inFlight: 1, buffered: 4 } }),
    peerList: () => [peer, { ...peer, id: 'other', head: null, direction: 'inbound' as const, score: 0 }],
  };
  const f = await startFixture({ network });
  try {
    const doc = await f.call('rpc.discover');
    const schema = (n: string) => doc.methods.find((m: any) => m.name === n).result.schema;
    const info = await f.call('net_info');
    assert.deepEqual(schemaErrors(schema('net_info'), info), []);
    assert.equal(info.enabled, true);
    assert.equal(info.sync.state, 'syncing');
    assert.equal(info.bans, 2);
    const peers = await f.call('net_peers');
    assert.deepEqual(schemaErrors(schema('net_peers'), peers), []);
    assert.deepEqual(peers[0], peer);
    assert.equal(peers[1].head, null);
  } finally {
    await f.close();
  }
});
