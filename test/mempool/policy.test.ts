import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nonces, setup, tx, rejectsCode } from './helpers.js';

test('replace-by-fee: +10% on both caps replaces, less is underpriced', async () => {
  const s = await setup();
  const a = s.keys[0];
  const old = await s.pool.add(tx(s, a, 0, { maxFeePerGas: 1_000n, maxTipPerGas: 10n }));
  await rejectsCode(() => s.pool.add(tx(s, a, 0, { maxFeePerGas: 1_050n, maxTipPerGas: 11n })), 'MEMPOOL_REPLACEMENT_UNDERPRICED');
  await rejectsCode(() => s.pool.add(tx(s, a, 0, { maxFeePerGas: 1_100n, maxTipPerGas: 10n })), 'MEMPOOL_REPLACEMENT_UNDERPRICED');
  await rejectsCode(() => s.pool.add(tx(s, a, 0, { maxFeePerGas: 2_000n, maxTipPerGas: 10n })), 'MEMPOOL_REPLACEMENT_UNDERPRICED');
  assert.ok(s.pool.has(old.key));
  let replaced: string | undefined;
  s.pool.on('added', (_p, r) => (replaced = r?.key));
  const next = await s.pool.add(tx(s, a, 0, { maxFeePerGas: 1_100n, maxTipPerGas: 11n }));
  assert.equal(replaced, old.key);
  assert.ok(!s.pool.has(old.key));
  assert.ok(s.pool.has(next.key));
  assert.equal(s.pool.size, 1);
  assert.deepEqual(s.removed, [{ key: old.key, reason: 'replaced' }]);
  assert.deepEqual(s.pool.select({ maxGas: 60_000_000n }).map((t) => t.key), [next.key]);
  // The rule is relative to the current transaction: +5% of it is underpriced again.
  await rejectsCode(() => s.pool.add(tx(s, a, 0, { maxFeePerGas: 1_155n, maxTipPerGas: 12n })), 'MEMPOOL_REPLACEMENT_UNDERPRICED');
});

test('a full pool evicts the lowest-tip last nonce of a sender, never leaving a gap', async () => {
  const s = await setup({ pool: { maxTxs: 3 } });
  const [a, b, c, d] = s.keys;
  const a0 = await s.pool.add(tx(s, a, 0, { maxTipPerGas: 1n })); // lowest tip, but not a last nonce
  const a1 = await s.pool.add(tx(s, a, 1, { maxTipPerGas: 6n }));
  const b0 = await s.pool.add(tx(s, b, 0, { maxTipPerGas: 3n }));
  const c0 = await s.pool.add(tx(s, c, 0, { maxTipPerGas: 4n }));
  assert.deepEqual(s.removed, [{ key: b0.key, reason: 'evicted' }]);
  assert.ok(s.pool.has(a0.key) && s.pool.has(a1.key) && s.pool.has(c0.key));
  // Every remaining last nonce pays at least 4: a tip of 4 or less is refused.
  await rejectsCode(() => s.pool.add(tx(s, d, 0, { maxTipPerGas: 4n })), 'MEMPOOL_FULL');
  await rejectsCode(() => s.pool.add(tx(s, b, 0, { maxTipPerGas: 2n })), 'MEMPOOL_FULL');
  assert.equal(s.pool.size, 3);
  // A higher tip evicts c0, then a1 (a's last nonce); a0 stays and a has no gap.
  await s.pool.add(tx(s, d, 0, { maxTipPerGas: 10n }));
  await s.pool.add(tx(s, b, 0, { maxTipPerGas: 10n }));
  assert.deepEqual(s.removed.slice(1), [
    { key: c0.key, reason: 'evicted' },
    { key: a1.key, reason: 'evicted' },
  ]);
  assert.ok(s.pool.has(a0.key));
  assert.equal(s.pool.size, 3);
  const picked = s.pool.select({ maxGas: 60_000_000n });
  assert.equal(picked.length, 3);
});

test('a sender never evicts its own transactions, and eviction follows the base fee', async () => {
  const s = await setup({ pool: { maxTxs: 2 } });
  const [a, b] = s.keys;
  await s.pool.add(tx(s, a, 0, { maxTipPerGas: 5n }));
  await s.pool.add(tx(s, a, 1, { maxTipPerGas: 1n }));
  await rejectsCode(() => s.pool.add(tx(s, a, 2, { maxTipPerGas: 50n })), 'MEMPOOL_FULL');
  // b's tip cap is 11 but its fee cap leaves 11 - 9 = 2 above the base fee: still above a1's 1.
  await s.pool.add(tx(s, b, 0, { maxFeePerGas: 11n, maxTipPerGas: 11n }));
  assert.deepEqual(nonces(s.pool.select({ maxGas: 60_000_000n })), [0n, 0n]);
  assert.equal(s.removed[0].reason, 'evicted');
});

test('a transaction that stops being its sender\'s last nonce is no longer evictable', async () => {
  const s = await setup({ pool: { maxTxs: 3 } });
  const [a, b, c, d] = s.keys;
  const a0 = await s.pool.add(tx(s, a, 0, { maxTipPerGas: 1n }));
  await s.pool.add(tx(s, b, 0, { maxTipPerGas: 5n }));
  const c0 = await s.pool.add(tx(s, c, 0, { maxTipPerGas: 4n }));
  await rejectsCode(() => s.pool.add(tx(s, d, 0, { maxTipPerGas: 1n })), 'MEMPOOL_FULL'); // a0 was the candidate
  await s.pool.add(tx(s, a, 1, { maxTipPerGas: 10n })); // evicts c0; a0 is no longer a last nonce
  assert.deepEqual(s.removed, [{ key: c0.key, reason: 'evicted' }]);
  await rejectsCode(() => s.pool.add(tx(s, d, 0, { maxTipPerGas: 2n })), 'MEMPOOL_FULL');
  assert.ok(s.pool.has(a0.key));
});

test('the byte limit evicts as many transactions as needed', async () => {
  const probe = await setup();
  const size = tx(probe, probe.keys[0], 0).bytes.length;
  const s = await setup({ pool: { maxBytes: 2 * size + size / 2 } });
  const [a, b, c] = s.keys;
  await s.pool.add(tx(s, a, 0, { maxTipPerGas: 3n }));
  await s.pool.add(tx(s, b, 0, { maxTipPerGas: 2n }));
  await rejectsCode(() => s.pool.add(tx(s, c, 0, { maxTipPerGas: 1n })), 'MEMPOOL_FULL');
  await s.pool.add(tx(s, c, 0, { maxTipPerGas: 5n }));
  assert.equal(s.pool.size, 2);
  assert.ok(s.pool.bytes <= 2 * size + size / 2);
  assert.equal((await s.pool.nextNonce(b.address)), 0n);
});

test('transactions expire after ttlSeconds, with the later nonces of their sender', async () => {
  const s = await setup({ pool: { ttlSeconds: 100 } });
  const [a, b] = s.keys;
  await s.pool.add(tx(s, a, 0));
  s.tc.clock.t += 60;
  await s.pool.add(tx(s, a, 1));
  const b0 = await s.pool.add(tx(s, b, 0));
  s.tc.clock.t += 40;
  await s.pool.add(tx(s, b, 1));
  assert.equal(s.pool.size, 2);
  assert.deepEqual(s.removed.map((r) => r.reason), ['expired', 'expired']);
  assert.ok(s.pool.has(b0.key));
});

test('remove and clear report their reasons', async () => {
  const s = await setup();
  const t0 = await s.pool.add(tx(s, s.keys[0], 0));
  const t1 = await s.pool.add(tx(s, s.keys[1], 0));
  assert.equal(s.pool.remove([t0.id, 'ff'.repeat(32)]), 1);
  assert.ok(!s.pool.has(t0.key));
  s.pool.clear();
  assert.equal(s.pool.size, 0);
  assert.equal(s.pool.bytes, 0);
  assert.deepEqual(s.removed, [
    { key: t0.key, reason: 'removed' },
    { key: t1.key, reason: 'cleared' },
  ]);
  await s.pool.add(t0); // can come back
});
