import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startFixture, TEST_AUTH, type Fixture } from '../rpc/helpers.js';
import { CoinworksClient, ClientError, RpcError, verifyAccountProof, verifyAccountProofWithHeader, type WebSocketCtor, type Head, type TxInclusion } from '../../src/client/index.js';
import { getAccount, balanceOf } from '../../src/state/modules/accounts/method.js';
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';
import { addressOfPublicKey, encodeAddress } from '../../src/crypto/address.js';
import { secretKeySigner } from '../../src/primitives/tx-builder.js';
import { transfer } from '../../src/testing/chain.js';

let f: Fixture;
let client: CoinworksClient;
before(async () => {
  f = await startFixture();
  client = new CoinworksClient(f.server.url, { WebSocket: WebSocket as unknown as WebSocketCtor });
});
after(async () => {
  client.close();
  await f.close();
});

test('transfer end to end: fills chain id, nonce, fees and gas, then waitForTx sees it included', async () => {
  const [, , , d] = f.tc.keys;
  const to = encodeAddress(new Uint8Array(20).fill(0x42));
  const before = balanceOf((await f.tc.chain.view((st) => getAccount(st, d.address))));
  const { id, tx } = await client.transfer({ signer: d.sign, publicKey: d.publicKey, to, amount: 123_456n, memo: 'hello' });
  assert.equal(tx.body.chainId, f.tc.params.chainId);
  assert.equal(tx.body.nonce, (await f.tc.chain.view((st) => getAccount(st, d.address))).nonce);
  assert.equal(tx.body.gasLimit, f.tc.chain.sm.plan(f.mempool.get(hexToBytes(id).reverse())!).gas, 'gasLimit is the exact gas');
  assert.equal((await client.getTransaction(id)).status, 'pending');
  // A second transfer right away takes the next nonce from pendingNonce.
  const second = await client.transfer({ signer: d.sign, publicKey: d.publicKey, to, amount: 1n });
  assert.equal(second.tx.body.nonce, tx.body.nonce + 1n);
  const waiting = client.waitForTx(id, { timeoutMs: 10_000, pollMs: 20 });
  await new Promise((r) => setTimeout(r, 50));
  await f.mine();
  const inc = await waiting;
  assert.equal(inc.status, 'included');
  assert.equal(inc.receipt.status, 'success');
  assert.equal(inc.tx.decodedParams && (inc.tx.decodedParams as any).amount, '123456');
  const acc = await client.getAccount(to);
  assert.deepEqual(acc.balances, [{ assetId: 0, amount: String(123_456n + 1n) }]);
  const after = balanceOf((await f.tc.chain.view((st) => getAccount(st, d.address))));
  assert.equal(before - after, 123_457n + BigInt(inc.receipt.fee) + BigInt((await client.getTransaction(second.id) as TxInclusion).receipt.fee));
});

test('transfer with a pure-JS signer and explicit fees', async () => {
  const k = secretKeySigner(new Uint8Array(32).fill(9));
  const [a] = f.tc.keys;
  // Fund the new key first.
  const fund = await client.transfer({ signer: a.sign, publicKey: a.publicKey, to: encodeAddress(addressOfPublicKey(k.publicKey)), amount: 10_000_000n });
  await f.mine();
  await client.waitForTx(fund.id, { timeoutMs: 5000, pollMs: 20 });
  const r = await client.transfer({ signer: k.signer, publicKey: k.publicKey, to: a.addressText, amount: 5n, fee: { maxFeePerGas: 100n, maxTipPerGas: 3n } });
  assert.equal(r.tx.body.maxFeePerGas, 100n);
  assert.equal(r.tx.body.maxTipPerGas, 3n);
  await f.mine();
  assert.equal((await client.waitForTx(r.id, { timeoutMs: 5000, pollMs: 20 })).receipt.status, 'success');
});

test('account proofs verify offline; an altered balance byte fails', async () => {
  const [a] = f.tc.keys;
  const proof = await client.getAccountProof(a.addressText);
  const head = await client.getBlock(proof.blockHash);
  const ok = verifyAccountProof(proof, head.coinbase.stateRoot as string);
  assert.equal(ok.valid, true);
  const real = (await f.tc.chain.view((st) => getAccount(st, a.address)));
  assert.equal(ok.account!.nonce, real.nonce);
  assert.deepEqual(ok.account!.balances, real.balances);
  // The Account record ends with the last balance's u64 amount: flip its lowest byte.
  const value = hexToBytes(proof.value!);
  value[value.length - 8] ^= 0x01;
  const altered = verifyAccountProof({ ...proof, value: bytesToHex(value) }, proof.stateRoot);
  assert.equal(altered.valid, false);
  assert.equal(altered.account, undefined);
  assert.equal(verifyAccountProof(proof, '00'.repeat(32)).valid, false);
  const other = await client.getAccountProof(f.tc.keys[1].addressText);
  assert.equal(verifyAccountProof({ ...other, address: a.addressText }, proof.stateRoot).valid, false, 'a proof of another key is rejected');
  assert.equal(verifyAccountProof({ ...proof, siblings: proof.siblings.slice(1) }, proof.stateRoot).valid, false);
  assert.equal(verifyAccountProof({ ...proof, index: proof.index! + 1 }, proof.stateRoot).valid, false);
  assert.equal(verifyAccountProof({ ...proof, value: 'zz' }, proof.stateRoot).valid, false);
  const fresh = await client.getAccountProof(encodeAddress(new Uint8Array(20).fill(0xee)));
  assert.equal(verifyAccountProof(fresh, fresh.stateRoot).valid, false);
  assert.equal(client.verifyAccountProof(proof, hexToBytes(proof.stateRoot)).valid, true);
  const verified = await client.getVerifiedAccount(a.addressText);
  assert.equal(verified.valid, true);
  assert.equal(verified.height, f.tc.chain.tip.height);
});

test('account proofs verify offline against the 80-byte header: PoW, merkle branch, coinbase state root', async () => {
  const [a] = f.tc.keys;
  const proof = await client.getAccountProof(a.addressText);
  const ok = verifyAccountProofWithHeader(proof, proof.blockHash);
  assert.equal(ok.valid, true, ok.reason);
  assert.equal(ok.stateRoot, proof.stateRoot);
  assert.equal(ok.height, BigInt(proof.height));
  assert.deepEqual(ok.account!.balances, (await f.tc.chain.view((st) => getAccount(st, a.address))).balances);
  // Each link of the chain of commitments is checked.
  assert.equal(verifyAccountProofWithHeader(proof, '00'.repeat(32)).valid, false, 'another block id');
  const header = hexToBytes(proof.header);
  header[76] ^= 1; // nonce: the hash changes, so it is not the named block any more
  assert.equal(verifyAccountProofWithHeader({ ...proof, header: bytesToHex(header) }, proof.blockHash).valid, false);
  const coinbase = hexToBytes(proof.coinbase);
  coinbase[coinbase.length - 1] ^= 1; // extraData: the coinbase no longer matches the merkle root
  assert.match(verifyAccountProofWithHeader({ ...proof, coinbase: bytesToHex(coinbase) }).reason!, /merkle root/);
  const value = hexToBytes(proof.value!);
  value[value.length - 8] ^= 1;
  assert.match(verifyAccountProofWithHeader({ ...proof, value: bytesToHex(value) }).reason!, /state root/);
  // A header whose hash misses its own target is refused even without an expected id.
  const easy = hexToBytes(proof.header);
  new DataView(easy.buffer).setUint32(72, 0x03000001, true); // bits: target 1
  assert.match(verifyAccountProofWithHeader({ ...proof, header: bytesToHex(easy) }).reason!, /target/);
});

test('typed wrappers for every method', async () => {
  const head = await client.getHead();
  assert.equal(head.height, f.tc.chain.tip.height);
  assert.equal(head.network, 'regtest');
  const b = await client.getBlock(1);
  assert.equal(typeof b.txs[0], 'string');
  const full = await client.getBlock(b.hash, true);
  assert.equal(full.txs[0].id, b.txs[0]);
  assert.ok(BigInt((await client.estimateFee()).maxFeePerGas) > 0n);
  const t = transfer(f.tc.chain, f.tc.keys[2], f.tc.keys[0].address, 1n, (await f.tc.chain.view((st) => getAccount(st, f.tc.keys[2].address))).nonce);
  assert.equal(BigInt((await client.estimateGas('bank', 'transfer', t.tx.body.params)).gas), f.tc.chain.sm.plan(t).gas);
  const id = await client.sendTransaction(t);
  assert.equal((await client.listMempool()).txs.some((x) => x.id === id), true);
  await assert.rejects(client.sendRawTransaction(t.bytes), (e: unknown) => e instanceof RpcError && e.code === 'MEMPOOL_DUPLICATE' && e.rpcCode === -32000);
  assert.equal((await client.getMiningStatus()).running, false);
  // Control methods need the node's cookie: refused without it, accepted with it (HTTP and WebSocket).
  await assert.rejects(client.startMining(2), (e: unknown) => e instanceof RpcError && e.code === 'RPC_UNAUTHORIZED' && e.rpcCode === -32003);
  const authed = new CoinworksClient(f.server.url, { WebSocket: WebSocket as unknown as WebSocketCtor, auth: `${TEST_AUTH.user}:${TEST_AUTH.secret}` });
  try {
    assert.equal((await authed.startMining(2)).threads, 2);
    assert.equal((await authed.stopMining()).running, false);
    assert.equal((await authed.callWs<{ running: boolean }>('mining_start', [1])).running, true);
    assert.equal((await authed.callWs<{ running: boolean }>('mining_stop')).running, false);
  } finally {
    authed.close();
  }
  await assert.rejects(client.callWs('mining_stop'), (e: unknown) => e instanceof RpcError && e.code === 'RPC_UNAUTHORIZED');
  assert.equal((await client.getSupply()).assetId, 0);
  assert.equal((await client.discover()).openrpc, '1.2.6');
  assert.equal((await client.call<Head>('chain_getHead', {})).height, head.height);
  assert.equal((await client.callWs<Head>('chain_getHead')).height, head.height);
  await f.mine();
});

test('RPC errors surface as RpcError with code, rpcCode, message and data', async () => {
  await assert.rejects(client.getBlock(999), (e: unknown) => {
    assert.ok(e instanceof RpcError);
    assert.equal(e.code, 'RPC_NOT_FOUND');
    assert.equal(e.rpcCode, -32001);
    assert.match(e.message, /block not found/);
    assert.equal(e.data.height, 999);
    return true;
  });
  await assert.rejects(client.getAccount('nope'), (e: unknown) => e instanceof RpcError && e.code === 'RPC_INVALID_PARAMS' && e.rpcCode === -32602 && e.data.param === 'address');
  await assert.rejects(client.call('nope'), (e: unknown) => e instanceof RpcError && e.code === 'RPC_METHOD_NOT_FOUND');
  const [a] = f.tc.keys;
  const replay = transfer(f.tc.chain, a, f.tc.keys[1].address, 1n, 0n);
  await assert.rejects(client.sendTransaction(replay.tx), (e: unknown) => e instanceof RpcError && e.code === 'TX_NONCE_REPLAY');
  await assert.rejects(client.waitForTx('12'.repeat(32), { timeoutMs: 100, pollMs: 20 }), (e: unknown) => e instanceof ClientError && e.code === 'CLIENT_TX_TIMEOUT');
  const dead = new CoinworksClient('http://127.0.0.1:1');
  await assert.rejects(dead.getHead(), (e: unknown) => e instanceof ClientError && e.code === 'CLIENT_HTTP');
  if (!(globalThis as { WebSocket?: unknown }).WebSocket) {
    await assert.rejects(dead.subscribeNewHeads(() => undefined), (e: unknown) => e instanceof ClientError && e.code === 'CLIENT_NO_WEBSOCKET');
  }
});

test('subscriptions through the client: new heads and transaction inclusion', async () => {
  const heads: Head[] = [];
  const sub = await client.subscribeNewHeads((h) => heads.push(h));
  const [, b] = f.tc.keys;
  const t = transfer(f.tc.chain, b, f.tc.keys[0].address, 2n, (await f.tc.chain.view((st) => getAccount(st, b.address))).nonce);
  const id = await client.sendTransaction(t);
  const included = new Promise<TxInclusion>((resolve) => void client.subscribeTx(id, resolve));
  await new Promise((r) => setTimeout(r, 50));
  await f.mine();
  const inc = await included;
  assert.equal(inc.id, id);
  assert.equal(inc.height, f.tc.chain.tip.height);
  for (let i = 0; i < 100 && heads.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(heads.at(-1)!.height, f.tc.chain.tip.height);
  assert.equal(await sub.unsubscribe(), true);
});

test('a WebSocket refused for the connection limit rejects with RPC_LIMIT_EXCEEDED', async () => {
  const g = await startFixture({ limits: { maxConnections: 1 } });
  const c1 = new CoinworksClient(g.server.url, { WebSocket: WebSocket as unknown as WebSocketCtor });
  const c2 = new CoinworksClient(g.server.url, { WebSocket: WebSocket as unknown as WebSocketCtor });
  try {
    await c1.subscribeNewHeads(() => undefined);
    await assert.rejects(c2.callWs('chain_getHead'), (e: unknown) => e instanceof RpcError && e.code === 'RPC_LIMIT_EXCEEDED');
    assert.equal((await c2.getHead()).height, g.tc.chain.tip.height, 'HTTP still answers');
  } finally {
    c1.close();
    c2.close();
    await g.close();
  }
});
