import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestChain } from '../../src/testing/chain.js';
import { Mempool } from '../../src/mempool/mempool.js';
import { buildTxBody } from '../../src/primitives/tx-builder.js';
import { prepareTx } from '../../src/primitives/tx.js';
import { TransferParams } from '../../src/state/modules/bank/schemas.js';

test('selecting 5,000 of 50,000 pooled transactions takes well under 50 ms', async () => {
  const SENDERS = 800;
  const PER_SENDER = 63;
  const tc = await createTestChain({ accounts: SENDERS });
  const pool = new Mempool(tc.chain);
  const to = tc.keys[0].address;
  const noSignature = new Uint8Array(64);
  for (let i = 0; pool.size < 50_000; i++) {
    const key = tc.keys[i % SENDERS];
    const nonce = BigInt(Math.floor(i / SENDERS));
    assert.ok(nonce < PER_SENDER);
    const body = buildTxBody('bank', 'transfer', TransferParams, { to, assetId: 0, amount: 1n, memo: new Uint8Array(0) }, {
      chainId: tc.params.chainId,
      nonce,
      gasLimit: 100_000n,
      maxFeePerGas: 1_000n,
      maxTipPerGas: 1n + BigInt((i * 7919) % 97),
      senderPublicKey: key.publicKey,
    });
    // Signing 50,000 transactions would dominate the test: mark them verified instead (what the
    // signature cache does for any transaction already checked).
    const ptx = prepareTx({ body, signature: noSignature });
    tc.chain.sigCache.add(ptx.key);
    await pool.add(ptx);
  }
  assert.equal(pool.size, 50_000);
  let best = Infinity;
  let picked: ReturnType<Mempool['select']> = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    picked = pool.select({ maxGas: 1n << 62n, maxTxs: 5_000 });
    best = Math.min(best, performance.now() - t0);
  }
  assert.equal(picked.length, 5_000);
  assert.ok(best < 25, `select took ${best.toFixed(1)} ms`);
  // Nonce order per sender holds in the selection.
  const next = new Map<string, bigint>();
  for (const p of picked) {
    const k = Buffer.from(p.sender).toString('hex');
    assert.equal(p.tx.body.nonce, next.get(k) ?? 0n);
    next.set(k, p.tx.body.nonce + 1n);
  }
  let full = Infinity;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    picked = pool.select({ maxGas: tc.params.fees.blockGasLimit });
    full = Math.min(full, performance.now() - t0);
  }
  assert.ok(picked.length > 2_000, `a full block holds ${picked.length} transfers`);
  assert.ok(full < 50, `block selection took ${full.toFixed(1)} ms`);
});
