import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestChain, transfer, solve } from '../../src/testing/chain.js';
import { assembleBlock, templateToBlock } from '../../src/chain/assembler.js';
import { blockMerkleRoot, type Block } from '../../src/primitives/block.js';
import { prepareTx, type PreparedTx } from '../../src/primitives/tx.js';
import { BlockError } from '../../src/errors.js';
import { SignatureVerifier } from '../../src/chain/sig-verifier.js';

/** 120 transfers (enough for the worker path), one sender each so the block is valid as a whole. */
async function bigBlock(corrupt?: (txs: PreparedTx[]) => void): Promise<{ tc: Awaited<ReturnType<typeof createTestChain>>; block: Block }> {
  const tc = await createTestChain({ accounts: 121 });
  const txs = tc.keys.slice(0, 120).map((k, i) => transfer(tc.chain, k, tc.keys[120].address, 1n + BigInt(i), 0n));
  tc.clock.t += 2;
  const t = await assembleBlock(tc.chain, { txs, beneficiary: tc.keys[0].address, time: tc.clock.t });
  assert.equal(t.txs.length, 120);
  const list = [...t.txs];
  corrupt?.(list);
  const base = templateToBlock(t, new Uint8Array(8), 0);
  const block = { ...base, txs: list.map((p) => p.tx) };
  block.header = { ...block.header, merkleRoot: blockMerkleRoot(block.coinbase, list.map((p) => p.id)) };
  return { tc, block: solve(block) };
}

test('a large block with valid signatures connects through the worker pool', async () => {
  const { tc, block } = await bigBlock();
  assert.equal((await tc.chain.importBlock(block)).status, 'connected');
  await tc.chain.close();
});

test('one bad signature deep in a large block is found by the pool: BLOCK_INVALID_TX / TX_BAD_SIGNATURE at its index', async () => {
  const { tc, block } = await bigBlock((txs) => {
    const sig = Uint8Array.from(txs[97].tx.signature);
    sig[5] ^= 1;
    txs[97] = prepareTx({ ...txs[97].tx, signature: sig });
  });
  const before = tc.chain.tip.key;
  await assert.rejects(tc.chain.importBlock(block), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_INVALID_TX' && e.data.txCode === 'TX_BAD_SIGNATURE' && e.data.index === 97);
  assert.equal(tc.chain.tip.key, before);
  await tc.chain.close();
});

test('the verifier reports every invalid record whichever thread checked it', async () => {
  const tc = await createTestChain({ accounts: 200 });
  const txs = tc.keys.map((k, i) => transfer(tc.chain, k, tc.keys[0].address, 1n, BigInt(i)));
  const v = new SignatureVerifier(1);
  await v.start(txs).finish();
  for (const bad of [0, 63, 150, 199]) {
    const copy = [...txs];
    const sig = Uint8Array.from(copy[bad].tx.signature);
    sig[40] ^= 0x80;
    copy[bad] = prepareTx({ ...copy[bad].tx, signature: sig });
    await assert.rejects(v.start(copy).finish(), (e: any) => e.code === 'TX_BAD_SIGNATURE' && e.data.txId === copy[bad].key);
  }
  await v.close();
});
