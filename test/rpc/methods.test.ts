import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, type Fixture } from './helpers.js';
import { transfer } from '../../src/testing/chain.js';
import { bytesToHex, hashToDisplay, hexToBytes } from '../../src/encoding/hex.js';
import { encodeTx } from '../../src/primitives/tx.js';
import { verifyStateProof } from '../../src/state/proof.js';
import { formatDifficulty } from '../../src/consensus/pow/work.js';
import { getAccount } from '../../src/state/modules/accounts/method.js';
import { supplyOf } from '../../src/state/modules/supply/method.js';
import { RPC_METHODS } from '../../src/rpc/methods/index.js';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(async () => {
  await f.close();
});

test('chain_getHead describes the tip', async () => {
  const head = await f.call('chain_getHead');
  const tip = f.tc.chain.tip;
  assert.equal(head.height, 3);
  assert.equal(head.hash, hashToDisplay(tip.hash));
  assert.equal(head.prevHash, hashToDisplay(tip.header.prevHash));
  assert.equal(head.time, tip.header.time);
  assert.equal(head.bits, tip.header.bits);
  assert.equal(head.difficulty, formatDifficulty(tip.header.bits));
  assert.equal(head.chainWork, tip.chainWork.toString());
  assert.equal(head.stateRoot, bytesToHex(f.tc.chain.stateRoot()));
  assert.equal(head.baseFeePerGas, tip.baseFeePerGas.toString());
  assert.equal(head.chainId, f.tc.params.chainId);
  assert.equal(head.network, 'regtest');
  assert.equal(head.txCount, 0);
  // Params: none allowed.
  assert.equal((await f.rpc('chain_getHead', [1])).error.code, -32602);
  assert.deepEqual(await f.call('chain_getHead', {}), head);
});

test('chain_getBlock by height and by hash, ids or full transactions, receipts', async () => {
  const byHeight = await f.call('chain_getBlock', [1]);
  const entry = f.tc.chain.index.atHeight(1)!;
  assert.equal(byHeight.hash, hashToDisplay(entry.hash));
  assert.equal(byHeight.height, 1);
  assert.equal(byHeight.mainChain, true);
  assert.equal(byHeight.confirmations, 3);
  assert.equal(byHeight.txs.length, 1);
  assert.equal(typeof byHeight.txs[0], 'string');
  assert.equal(byHeight.receipts.length, 1);
  assert.equal(byHeight.receipts[0].status, 'success');
  assert.equal(byHeight.receipts[0].id, byHeight.txs[0]);
  assert.equal(byHeight.coinbase.height, '1');
  assert.equal(byHeight.stateRoot, byHeight.coinbase.stateRoot);
  assert.ok(Array.isArray(byHeight.blockEvents));
  const byHash = await f.call('chain_getBlock', [byHeight.hash]);
  assert.deepEqual(byHash, byHeight);
  const full = await f.call('chain_getBlock', { block: 1, includeTxs: true });
  assert.equal(full.txs[0].id, byHeight.txs[0]);
  assert.equal(full.txs[0].sender, f.tc.keys[0].addressText);
  assert.equal(full.txs[0].body.module, 'bank');
  assert.equal(full.txs[0].decodedParams.amount, '1000');
  assert.equal(full.txs[0].decodedParams.to, f.tc.keys[1].addressText);
  const genesis = await f.call('chain_getBlock', [0]);
  assert.equal(genesis.height, 0);
  const missing = await f.rpc('chain_getBlock', [99]);
  assert.equal(missing.error.code, -32001);
  const missingHash = await f.rpc('chain_getBlock', ['00'.repeat(32)]);
  assert.equal(missingHash.error.code, -32001);
});

test('tx_send, tx_get pending, then included with receipt and decoded events', async () => {
  const [, , , d] = f.tc.keys;
  const t = transfer(f.tc.chain, d, f.tc.keys[0].address, 777n, 0n);
  const sent = await f.call('tx_send', [bytesToHex(t.bytes)]);
  assert.equal(sent.id, hashToDisplay(t.id));
  assert.deepEqual(await f.call('tx_get', [sent.id]), { id: sent.id, status: 'pending' });
  const dup = await f.rpc('tx_send', ['0x' + bytesToHex(t.bytes)]);
  assert.equal(dup.error.code, -32000);
  assert.equal(dup.error.data.code, 'MEMPOOL_DUPLICATE');
  await f.mine();
  const got = await f.call('tx_get', [sent.id]);
  assert.equal(got.status, 'included');
  assert.equal(got.height, f.tc.chain.tip.height);
  assert.equal(got.blockHash, hashToDisplay(f.tc.chain.tip.hash));
  assert.equal(got.index, 0);
  assert.equal(got.confirmations, 1);
  assert.equal(got.tx.id, sent.id);
  assert.equal(got.receipt.status, 'success');
  assert.equal(got.receipt.error, null);
  assert.ok(BigInt(got.receipt.fee) > 0n);
  assert.equal(BigInt(got.receipt.fee), BigInt(got.receipt.burned) + BigInt(got.receipt.tip));
  assert.ok(got.receipt.events.length > 0);
  const ev = got.receipt.events.find((e: any) => e.module === 'bank');
  assert.ok(ev, 'a bank event');
  assert.equal(typeof ev.data, 'object');
});

test('tx_send rejections carry the rule in data.code', async () => {
  const [a] = f.tc.keys;
  const replay = transfer(f.tc.chain, a, f.tc.keys[1].address, 1n, 0n);
  const r1 = await f.rpc('tx_send', [bytesToHex(replay.bytes)]);
  assert.equal(r1.error.code, -32000);
  assert.equal(r1.error.data.code, 'TX_NONCE_REPLAY');
  const r2 = await f.rpc('tx_send', ['00ff']);
  assert.equal(r2.error.data.code, 'TX_MALFORMED');
  const bad = encodeTx({ ...replay.tx, signature: new Uint8Array(64).fill(1) });
  const r3 = await f.rpc('tx_send', [bytesToHex(bad)]);
  assert.equal(r3.error.code, -32000);
  assert.match(r3.error.data.code, /^TX_(BAD_SIGNATURE|HIGH_S)$/);
  const r4 = await f.rpc('tx_send', ['zz']);
  assert.equal(r4.error.code, -32602);
  assert.match(r4.error.message, /"tx"/);
});

test('tx_get of an unknown id is -32001', async () => {
  const r = await f.rpc('tx_get', ['ab'.repeat(32)]);
  assert.equal(r.error.code, -32001);
  assert.equal(r.error.data.code, 'RPC_NOT_FOUND');
});

test('tx_estimateFee and tx_estimateGas', async () => {
  const fee = await f.call('tx_estimateFee');
  assert.ok(BigInt(fee.baseFeePerGas) >= 1n);
  assert.ok(BigInt(fee.maxTipPerGas) >= 1n);
  assert.ok(BigInt(fee.maxFeePerGas) >= BigInt(fee.baseFeePerGas) + BigInt(fee.maxTipPerGas));
  const t = transfer(f.tc.chain, f.tc.keys[0], f.tc.keys[1].address, 5n, 1n);
  const gas = await f.call('tx_estimateGas', ['bank', 'transfer', bytesToHex(t.tx.body.params)]);
  assert.equal(gas.bytes, t.bytes.length);
  assert.equal(BigInt(gas.gas), f.tc.chain.sm.plan(t).gas);
  const unknown = await f.rpc('tx_estimateGas', ['bank', 'nope', '']);
  assert.equal(unknown.error.data.code, 'TX_UNKNOWN_COMMAND');
  const badParams = await f.rpc('tx_estimateGas', ['bank', 'transfer', '00']);
  assert.equal(badParams.error.data.code, 'TX_INVALID_PARAMS');
});

test('account_get with pendingNonce counting the mempool', async () => {
  const [, b] = f.tc.keys;
  const acc = await f.call('account_get', [b.addressText]);
  const real = (await f.tc.chain.view((st) => getAccount(st, b.address)));
  assert.equal(acc.address, b.addressText);
  assert.equal(acc.nonce, real.nonce.toString());
  assert.equal(acc.pendingNonce, real.nonce.toString());
  assert.deepEqual(acc.balances, real.balances.map((x) => ({ assetId: x.assetId, amount: x.amount.toString() })));
  await f.call('tx_send', [bytesToHex(transfer(f.tc.chain, b, f.tc.keys[2].address, 1n, real.nonce).bytes)]);
  const after = await f.call('account_get', { address: b.addressText });
  assert.equal(after.pendingNonce, (real.nonce + 1n).toString());
  const empty = await f.call('account_get', [await someFreshAddress()]);
  assert.equal(empty.nonce, '0');
  assert.deepEqual(empty.balances, []);
  await f.mine();
});

async function someFreshAddress(): Promise<string> {
  const { encodeAddress } = await import('../../src/crypto/address.js');
  return encodeAddress(new Uint8Array(20).fill(7));
}

test('account_getProof verifies against the block coinbase state root', async () => {
  const [a] = f.tc.keys;
  const p = await f.call('account_getProof', [a.addressText]);
  const block = await f.call('chain_getBlock', [p.blockHash]);
  assert.equal(p.stateRoot, block.coinbase.stateRoot);
  assert.equal(p.height, block.height);
  assert.equal(p.siblings.length, 32);
  const ok = verifyStateProof({ root: hexToBytes(p.stateRoot), key: hexToBytes(p.key), value: hexToBytes(p.value), index: p.index, siblings: p.siblings.map(hexToBytes) });
  assert.equal(ok, true);
  const tampered = hexToBytes(p.value);
  tampered[tampered.length - 1] ^= 1;
  assert.equal(verifyStateProof({ root: hexToBytes(p.stateRoot), key: hexToBytes(p.key), value: tampered, index: p.index, siblings: p.siblings.map(hexToBytes) }), false);
  const none = await f.call('account_getProof', [await someFreshAddress()]);
  assert.equal(none.value, null);
  assert.equal(none.index, null);
});

test('mempool_list shows pending transactions', async () => {
  const [, , c] = f.tc.keys;
  const nonce = (await f.tc.chain.view((st) => getAccount(st, c.address))).nonce;
  const t = transfer(f.tc.chain, c, f.tc.keys[0].address, 3n, nonce);
  await f.call('tx_send', [bytesToHex(t.bytes)]);
  const list = await f.call('mempool_list');
  assert.equal(list.size, f.mempool.size);
  const row = list.txs.find((x: any) => x.id === hashToDisplay(t.id));
  assert.ok(row);
  assert.equal(row.sender, c.addressText);
  assert.equal(row.nonce, nonce.toString());
  assert.equal(row.bytes, t.bytes.length);
  await f.mine();
  assert.equal((await f.call('mempool_list')).size, 0);
});

test('mining_getStatus, mining_start, mining_stop', async () => {
  const s0 = await f.call('mining_getStatus');
  assert.equal(s0.running, false);
  assert.equal(s0.kernel, 'fake');
  assert.equal(s0.bits, f.tc.chain.engine.nextBits(f.tc.chain.tip));
  assert.equal(s0.difficulty, formatDifficulty(s0.bits));
  const s1 = await f.call('mining_start', [2]);
  assert.equal(s1.running, true);
  assert.equal(s1.threads, 2);
  const s2 = await f.call('mining_stop');
  assert.equal(s2.running, false);
  await f.call('mining_start');
  await f.call('mining_stop', []);
  assert.deepEqual(f.miner.calls, ['start:2', 'stop', 'start:', 'stop']);
  for (const bad of [0, -1, 1.5, 257, '2', 2 ** 80]) {
    const r = await f.rpc('mining_start', [bad]);
    assert.equal(r.error.code, -32602, `threads ${bad}`);
    assert.match(r.error.message, /"threads"/);
  }
});

test('supply_get reports the ledger', async () => {
  const s = await f.call('supply_get');
  const real = (await f.tc.chain.view((st) => supplyOf(st, 0)));
  assert.equal(s.assetId, 0);
  assert.equal(s.total, real.total.toString());
  assert.equal(s.minedByMining, real.byCause.mining.toString());
  assert.equal(s.burnedByFees, real.byCause['fee-burn'].toString());
  assert.equal(s.byCause.genesis, real.byCause.genesis.toString());
  assert.ok(BigInt(s.burnedByFees) > 0n);
  const other = await f.call('supply_get', [7]);
  assert.equal(other.total, '0');
  assert.equal((await f.rpc('supply_get', [2 ** 32])).error.code, -32602);
});

test('rpc.discover lists every method with params and result schemas', async () => {
  const doc = await f.call('rpc.discover');
  assert.equal(doc.openrpc, '1.2.6');
  assert.deepEqual(
    doc.methods.map((m: any) => m.name),
    RPC_METHODS.map((m) => m.name),
  );
  for (const m of doc.methods) {
    assert.ok(m.summary.length > 10, m.name);
    assert.ok(m.result && m.result.schema, m.name);
    for (const p of m.params) {
      assert.equal(typeof p.name, 'string');
      assert.equal(typeof p.required, 'boolean');
      assert.ok(p.schema && typeof p.schema === 'object');
    }
  }
  const block = doc.methods.find((m: any) => m.name === 'chain_getBlock');
  assert.deepEqual(
    block.params.map((p: any) => [p.name, p.required]),
    [
      ['block', true],
      ['includeTxs', false],
    ],
  );
  assert.equal(block.params[1].schema.default, false);
  const sub = doc.methods.find((m: any) => m.name === 'chain_subscribe');
  assert.deepEqual(sub['x-transport'], ['websocket']);
});

test('subscription methods over HTTP are refused with -32002', async () => {
  const r = await f.rpc('chain_subscribe', ['newHeads']);
  assert.equal(r.error.code, -32002);
});
