/**
 * The engine seam, proved by a second engine: the toy authority engine (one signer, signature seal)
 * runs a chain through the same import path, state modules, mempool, LevelDB storage and RPC as
 * proof of work, with its own seal, time and finality rules.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthorityEngine, authoritySealDigest } from '../../../src/consensus/authority/engine.js';
import { BlockError } from '../../../src/errors.js';
import { bytesToHex } from '../../../src/encoding/hex.js';
import { encodeTx } from '../../../src/primitives/tx.js';
import { headerHash } from '../../../src/primitives/header.js';
import { POW_SEAL, SealKind } from '../../../src/primitives/block.js';
import { assembleBlock, templateToBlock } from '../../../src/chain/assembler.js';
import { Mempool } from '../../../src/mempool/mempool.js';
import { LevelKv } from '../../../src/storage/level-kv.js';
import { createRpcServer } from '../../../src/rpc/server.js';
import { balanceOf, getAccount } from '../../../src/state/modules/accounts/method.js';
import { nativeSupplyCheck } from '../../../src/testing/invariants.js';
import { createTestChain, testChainParts, transfer, type TestChain } from '../../../src/testing/chain.js';
import { AuthorityProducer, authorityParams } from '../../../src/testing/authority.js';
import { testKey } from '../../../src/testing/keys.js';
import { FakeMiner } from '../../rpc/helpers.js';

const signer = testKey(900, 'authority');
const params = authorityParams(signer);
const engine = (p: typeof params) => new AuthorityEngine(p);

async function authorityChain(kv?: LevelKv): Promise<TestChain & { mempool: Mempool; producer: AuthorityProducer }> {
  const tc = await createTestChain({ params, engine, ...(kv ? { kv } : {}) });
  const mempool = new Mempool(tc.chain);
  const producer = new AuthorityProducer({ chain: tc.chain, mempool, signer, beneficiary: tc.keys[3].address });
  return { ...tc, mempool, producer };
}

/** Advances the test clock one block time and seals a block. */
async function produce(tc: TestChain & { producer: AuthorityProducer }) {
  tc.clock.t += tc.params.blockTime;
  return tc.producer.produce();
}

test('an authority chain runs the same mempool, modules and import path: transfers land, supply balances, blocks carry the signature seal', async () => {
  const tc = await authorityChain();
  const [a, b] = tc.keys;
  await tc.mempool.add(encodeTx(transfer(tc.chain, a, b.address, 12_345n, 0n).tx));
  const e1 = await produce(tc);
  assert.equal(e1.height, 1);
  assert.equal(e1.header.bits, 0);
  const pb = (await tc.chain.getBlock(e1.hash))!;
  assert.equal(pb.block.seal.kind, SealKind.authority);
  assert.equal(pb.txs.length, 1);
  assert.equal(tc.mempool.size, 0);
  assert.equal(balanceOf((await tc.chain.view((st) => getAccount(st, b.address)))), 1_000_000n * 100_000_000n + 12_345n);
  for (let i = 0; i < 4; i++) await produce(tc);
  // The rewards module (contributed by the engine) released block 1's reward after the maturity.
  assert.ok(balanceOf((await tc.chain.view((st) => getAccount(st, tc.keys[3].address)))) > 1_000_000n * 100_000_000n);
  const s = await nativeSupplyCheck(tc.chain);
  assert.equal(s.held, s.ledger);
});

test('the seal is checked: another key, a proof-of-work seal, or bits set are refused with typed reasons', async () => {
  const tc = await authorityChain();
  tc.clock.t += 1;
  const t = await assembleBlock(tc.chain, { txs: [], beneficiary: tc.keys[0].address });
  const unsealed = templateToBlock(t, new Uint8Array(0), 0);
  const digest = authoritySealDigest(params.chainId, headerHash(unsealed.header));
  const rejects = (block: unknown, code: string) => assert.rejects(tc.chain.importBlock(block as never), (e: unknown) => e instanceof BlockError && e.code === code);
  await rejects({ ...unsealed, seal: { kind: SealKind.authority, data: testKey(901, 'authority').sign(digest) } }, 'BLOCK_BAD_SEAL');
  await rejects({ ...unsealed, seal: POW_SEAL }, 'BLOCK_BAD_SEAL');
  await rejects({ ...unsealed, header: { ...unsealed.header, bits: 0x207fffff }, seal: { kind: SealKind.authority, data: signer.sign(digest) } }, 'BLOCK_BAD_DIFFICULTY');
  // Control: the authority's own signature connects.
  assert.equal((await tc.chain.importBlock({ ...unsealed, seal: { kind: SealKind.authority, data: signer.sign(digest) } })).status, 'connected');
});

test('finality: a connected authority block is final, so a competing block at its height is refused (BLOCK_CONFLICTS_FINAL)', async () => {
  const builder = await authorityChain();
  const main = await authorityChain();
  const [a, b] = main.keys;
  await builder.mempool.add(encodeTx(transfer(builder.chain, a, b.address, 1n, 0n).tx));
  const competing = await produce(builder);
  await produce(main);
  assert.notEqual(bytesToHex(competing.hash), main.chain.tip.key);
  const block = (await builder.chain.getBlock(competing.hash))!;
  await assert.rejects(main.chain.importBlock(block.bytes), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_CONFLICTS_FINAL');
  assert.equal(main.chain.tip.height, 1);
});

test('an authority chain on LevelDB reopens at its tip with the same state root', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-authority-'));
  try {
    const tc = await authorityChain(await LevelKv.open(dir));
    const [a, b] = tc.keys;
    await tc.mempool.add(encodeTx(transfer(tc.chain, a, b.address, 7n, 0n).tx));
    await produce(tc);
    await produce(tc);
    const { key, height } = tc.chain.tip;
    const root = bytesToHex(tc.chain.stateRoot());
    tc.mempool.dispose();
    await tc.chain.close();
    const again = testChainParts({ params, engine, kv: await LevelKv.open(dir), clock: tc.clock });
    await again.chain.open();
    assert.deepEqual([again.chain.tip.key, again.chain.tip.height, bytesToHex(again.chain.stateRoot())], [key, height, root]);
    await again.chain.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the RPC server serves an authority chain unchanged: tx_send, then tx_get and chain_getBlock after the signer seals', async () => {
  const tc = await authorityChain();
  const [a, b] = tc.keys;
  const server = await createRpcServer({ chain: tc.chain, mempool: tc.mempool, miner: new FakeMiner() }, { port: 0 });
  const call = async (method: string, params: unknown[]) => {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
    const json = (await res.json()) as { result?: any; error?: unknown };
    assert.equal(json.error, undefined, JSON.stringify(json.error));
    return json.result;
  };
  try {
    const tx = transfer(tc.chain, a, b.address, 99n, 0n);
    const sent = await call('tx_send', [bytesToHex(encodeTx(tx.tx))]);
    assert.equal((await call('tx_get', [sent.id ?? sent])).status, 'pending');
    const entry = await produce(tc);
    const got = await call('tx_get', [sent.id ?? sent]);
    assert.equal(got.status, 'included');
    assert.equal(got.height, entry.height);
    const block = await call('chain_getBlock', [entry.height]);
    assert.equal(block.txCount, 1);
    assert.equal(block.bits, 0);
  } finally {
    await server.close();
    tc.mempool.dispose();
  }
});
