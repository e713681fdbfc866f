import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nonces, setup, tx } from './helpers.js';
import { assembleBlock } from '../../src/chain/assembler.js';

const ALL = { maxGas: 60_000_000n };

test('one sender: nonces submitted 2, 1, 0 are selected 0, 1, 2', async () => {
  const s = await setup();
  const a = s.keys[0];
  for (const n of [2, 1, 0]) await s.pool.add(tx(s, a, n));
  const txs = s.pool.select(ALL);
  assert.deepEqual(nonces(txs), [0n, 1n, 2n]);
  const t = await assembleBlock(s.tc.chain, { txs, beneficiary: s.keys[1].address });
  assert.equal(t.rejected.length, 0);
  assert.equal(t.txs.length, 3);
});

test('a nonce gap stops the sender: 0 and 2 select only 0; nothing when the account nonce is missing', async () => {
  const s = await setup();
  const [a, b] = s.keys;
  await s.pool.add(tx(s, a, 0));
  await s.pool.add(tx(s, a, 2));
  await s.pool.add(tx(s, b, 1));
  const txs = s.pool.select(ALL);
  assert.deepEqual(txs.map((t) => [t.sender, t.tx.body.nonce]), [[a.address, 0n]]);
  assert.equal((await s.pool.nextNonce(a.address)), 1n);
  assert.equal((await s.pool.nextNonce(b.address)), 0n);
});

test('across senders: highest effective tip first, earlier arrival on ties, nonce order kept', async () => {
  const s = await setup();
  const [a, b, c] = s.keys;
  const a0 = await s.pool.add(tx(s, a, 0, { maxTipPerGas: 1n }));
  const a1 = await s.pool.add(tx(s, a, 1, { maxTipPerGas: 100n }));
  const b0 = await s.pool.add(tx(s, b, 0, { maxTipPerGas: 5n }));
  const c0 = await s.pool.add(tx(s, c, 0, { maxTipPerGas: 5n }));
  // Effective tip is capped by maxFee - baseFee: 12 - 9 = 3 despite a tip cap of 12.
  const c1 = await s.pool.add(tx(s, c, 1, { maxFeePerGas: 12n, maxTipPerGas: 12n }));
  const got = s.pool.select(ALL).map((t) => t.key);
  assert.deepEqual(got, [b0.key, c0.key, c1.key, a0.key, a1.key]);
});

test('select respects maxGas and maxTxs', async () => {
  const s = await setup();
  const [a, b] = s.keys;
  const t = await s.pool.add(tx(s, a, 0, { maxTipPerGas: 3n }));
  await s.pool.add(tx(s, a, 1, { maxTipPerGas: 3n }));
  await s.pool.add(tx(s, b, 0, { maxTipPerGas: 2n }));
  const gas = s.tc.chain.sm.plan(t).gas;
  assert.equal(s.pool.select({ maxGas: 3n * gas }).length, 3);
  assert.deepEqual(nonces(s.pool.select({ maxGas: 2n * gas })), [0n, 1n]);
  assert.equal(s.pool.select({ maxGas: 3n * gas - 1n }).length, 2);
  assert.equal(s.pool.select({ maxGas: gas - 1n }).length, 0);
  assert.equal(s.pool.select({ maxGas: 3n * gas, maxTxs: 1 }).length, 1);
  assert.equal(s.pool.select({ maxGas: 3n * gas, maxBytes: t.bytes.length }).length, 1);
  for (const limit of [gas, 2n * gas + 5n, 3n * gas]) {
    const total = s.pool.select({ maxGas: limit }).reduce((sum, p) => sum + s.tc.chain.sm.plan(p).gas, 0n);
    assert.ok(total <= limit);
  }
});

test('a sender whose next transaction cannot pay the base fee is skipped', async () => {
  const s = await setup();
  const [a, b] = s.keys;
  await s.pool.add(tx(s, a, 0, { maxFeePerGas: 9n, maxTipPerGas: 1n })); // exactly the base fee: tip 0
  await s.pool.add(tx(s, b, 0));
  assert.equal(s.pool.select(ALL).length, 2);
  assert.deepEqual(s.pool.list().map((r) => r.tipPerGas), [0n, 2n]);
});
