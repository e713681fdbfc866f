import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, tx, rejectsCode } from './helpers.js';
import { buildTxBody, signTx } from '../../src/primitives/tx-builder.js';
import { encodeTx, MAX_TX_BYTES, prepareTx } from '../../src/primitives/tx.js';
import { TransferParams } from '../../src/state/modules/bank/schemas.js';
import { toHighS } from '../../src/crypto/keys.js';
import { hashToDisplay } from '../../src/encoding/hex.js';
import { testKey } from '../../src/testing/keys.js';
import { mineBlock, transfer } from '../../src/testing/chain.js';

test('accepts a valid transfer and reports it', async () => {
  const s = await setup();
  const added: string[] = [];
  s.pool.on('added', (p) => added.push(p.key));
  const t = tx(s, s.keys[0], 0);
  const got = await s.pool.add(t.bytes);
  assert.equal(got.key, t.key);
  assert.ok(s.pool.has(t.key));
  assert.ok(s.pool.has(t.id));
  assert.equal(s.pool.get(t.key)?.key, t.key);
  assert.equal(s.pool.size, 1);
  assert.equal(s.pool.bytes, t.bytes.length);
  assert.deepEqual(added, [t.key]);
  const [row] = s.pool.list();
  assert.equal(row.id, hashToDisplay(t.id));
  assert.equal(row.key, t.key);
  assert.equal(row.sender, s.keys[0].addressText);
  assert.equal(row.nonce, 0n);
  assert.equal(row.tipPerGas, 2n);
  assert.equal(row.gas, s.tc.chain.sm.plan(t).gas);
  assert.equal(row.bytes, t.bytes.length);
  assert.equal(row.addedAt, s.tc.clock.t);
  assert.equal((await s.pool.nextNonce(s.keys[0].address)), 1n);
  assert.equal((await s.pool.nextNonce(s.keys[0].addressText)), 1n);
  assert.equal((await s.pool.nextNonce(s.keys[1].address)), 0n);
});

test('rejects malformed and oversize bytes', async () => {
  const s = await setup();
  const good = tx(s, s.keys[0], 0).bytes;
  await rejectsCode(() => s.pool.add(good.subarray(0, good.length - 1)), 'TX_MALFORMED');
  await rejectsCode(() => s.pool.add(Uint8Array.from([...good, 0])), 'TX_MALFORMED');
  await rejectsCode(() => s.pool.add(new Uint8Array([1, 2, 3])), 'TX_MALFORMED');
  await rejectsCode(() => s.pool.add(new Uint8Array(MAX_TX_BYTES + 1)), 'TX_OVERSIZE');
  assert.equal(s.pool.size, 0);
});

test('rejects a bad signature and a high-s signature', async () => {
  const s = await setup();
  const [a, b] = s.keys;
  const t = tx(s, a, 0);
  // Signed by b over a body naming a's public key.
  await rejectsCode(() => s.pool.add(signTx(t.tx.body, b.sign)), 'TX_BAD_SIGNATURE');
  const flipped = Uint8Array.from(t.tx.signature);
  flipped[5] ^= 1;
  await rejectsCode(() => s.pool.add({ body: t.tx.body, signature: flipped }), 'TX_BAD_SIGNATURE');
  // The malleated twin of a valid signature: same r, s replaced by n - s.
  await rejectsCode(() => s.pool.add({ body: t.tx.body, signature: toHighS(t.tx.signature) }), 'TX_HIGH_S');
  assert.equal(s.pool.size, 0);
  await s.pool.add(t); // the original is fine
});

test('rejects a transaction for another chain', async () => {
  const s = await setup();
  const a = s.keys[0];
  const body = buildTxBody('bank', 'transfer', TransferParams, { to: s.keys[1].address, assetId: 0, amount: 1n, memo: new Uint8Array(0) }, {
    chainId: s.tc.params.chainId + 1,
    nonce: 0n,
    gasLimit: 100_000n,
    maxFeePerGas: 1_000n,
    maxTipPerGas: 2n,
    senderPublicKey: a.publicKey,
  });
  await rejectsCode(() => s.pool.add(encodeTx(signTx(body, a.sign))), 'TX_WRONG_CHAIN');
});

test('rejects a nonce already used once the transaction is mined', async () => {
  const s = await setup();
  const a = s.keys[0];
  const t = tx(s, a, 0);
  await s.pool.add(t);
  await mineBlock(s.tc, { txs: s.pool.select({ maxGas: s.tc.params.fees.blockGasLimit }) });
  assert.equal(s.pool.size, 0);
  await rejectsCode(() => s.pool.add(t), 'TX_NONCE_REPLAY');
  await rejectsCode(() => s.pool.add(tx(s, a, 0, { maxTipPerGas: 9n })), 'TX_NONCE_REPLAY');
  await s.pool.add(tx(s, a, 1));
});

test('rejects a nonce too far ahead of the account nonce', async () => {
  const s = await setup({ pool: { maxNonceAhead: 5n } });
  const a = s.keys[0];
  await rejectsCode(() => s.pool.add(tx(s, a, 6)), 'MEMPOOL_NONCE_TOO_FAR');
  await s.pool.add(tx(s, a, 5));
  const d = await setup();
  await rejectsCode(() => d.pool.add(tx(d, d.keys[0], 65)), 'MEMPOOL_NONCE_TOO_FAR');
  await d.pool.add(tx(d, d.keys[0], 64));
});

test('rejects a fee cap below the next base fee and a tip below the local minimum', async () => {
  const s = await setup({ pool: { minTipPerGas: 2n } });
  const baseFee = s.pool.baseFeePerGas;
  assert.equal(baseFee, 9n); // initial base fee 10, lowered by an empty genesis block
  await rejectsCode(() => s.pool.add(tx(s, s.keys[0], 0, { maxFeePerGas: baseFee - 1n, maxTipPerGas: 1n })), 'TX_FEE_BELOW_BASE_FEE');
  await rejectsCode(() => s.pool.add(tx(s, s.keys[0], 0, { maxTipPerGas: 1n })), 'MEMPOOL_FEE_TOO_LOW');
  await s.pool.add(tx(s, s.keys[0], 0, { maxFeePerGas: baseFee, maxTipPerGas: 2n }));
});

test('rejects a sender that cannot pay the fee, alone or with its pending transactions', async () => {
  const s = await setup({ chain: { fund: 1_000_000n } });
  const poor = testKey(99);
  await rejectsCode(() => s.pool.add(transfer(s.tc.chain, poor, s.keys[0].address, 1n, 0n)), 'TX_INSUFFICIENT_BALANCE');
  const a = s.keys[0];
  // At base fee 9 and tip 12 each transfer costs gas * 21, a little over half the balance.
  const t0 = tx(s, a, 0, { maxTipPerGas: 12n });
  const fee = s.tc.chain.sm.plan(t0).gas * 21n;
  assert.ok(fee <= 1_000_000n && 2n * fee > 1_000_000n);
  await s.pool.add(t0);
  await rejectsCode(() => s.pool.add(tx(s, a, 1, { maxTipPerGas: 12n })), 'TX_INSUFFICIENT_BALANCE');
  // A replacement is counted instead of the transaction it replaces.
  await s.pool.add(tx(s, a, 0, { maxFeePerGas: 1_100n, maxTipPerGas: 14n }));
  assert.equal(s.pool.size, 1);
});

test('rejects a duplicate', async () => {
  const s = await setup();
  const t = tx(s, s.keys[0], 0);
  await s.pool.add(t);
  await rejectsCode(() => s.pool.add(t), 'MEMPOOL_DUPLICATE');
  await rejectsCode(() => s.pool.add(t.bytes), 'MEMPOOL_DUPLICATE');
  await rejectsCode(() => s.pool.add(prepareTx(t.tx)), 'MEMPOOL_DUPLICATE');
  assert.equal(s.pool.size, 1);
});

test('limits transactions per sender', async () => {
  const s = await setup({ pool: { maxPerSender: 2 } });
  const a = s.keys[0];
  await s.pool.add(tx(s, a, 0));
  await s.pool.add(tx(s, a, 1));
  await rejectsCode(() => s.pool.add(tx(s, a, 2)), 'MEMPOOL_SENDER_LIMIT');
  await s.pool.add(tx(s, a, 1, { maxFeePerGas: 1_100n, maxTipPerGas: 3n })); // replacing is not adding
  await s.pool.add(tx(s, s.keys[1], 0));
  assert.equal(s.pool.size, 3);
  assert.equal((await s.pool.nextNonce(a.address)), 2n);
});
