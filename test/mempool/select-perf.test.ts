/** Selection from a large pool keeps nonce order and fills a block (its speed is `npm run bench -- mempool`). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestChain } from '../../src/testing/chain.js';
import { fillMempool } from '../../src/testing/mempool-fill.js';
import { Mempool } from '../../src/mempool/mempool.js';

test('selecting 1,000 of 8,000 pooled transactions keeps each sender in nonce order; a full block holds over 2,000 transfers', async () => {
  const tc = await createTestChain({ accounts: 200 });
  const pool = new Mempool(tc.chain, { maxPerSender: 64, maxNonceAhead: 64n });
  await fillMempool(tc.chain, pool, tc.keys, 8_000);
  assert.equal(pool.size, 8_000);
  const picked = pool.select({ maxGas: 1n << 62n, maxTxs: 1_000 });
  assert.equal(picked.length, 1_000);
  const next = new Map<string, bigint>();
  for (const p of picked) {
    const k = Buffer.from(p.sender).toString('hex');
    assert.equal(p.tx.body.nonce, next.get(k) ?? 0n);
    next.set(k, p.tx.body.nonce + 1n);
  }
  const block = pool.select({ maxGas: tc.params.fees.blockGasLimit });
  assert.ok(block.length > 2_000, `a full block holds ${block.length} transfers`);
  pool.dispose();
});
