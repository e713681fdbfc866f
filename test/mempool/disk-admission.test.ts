/**
 * Admission over the disk-backed state: after a restart with a cache that holds nothing, `add`
 * loads what the checks read (through `Chain.view`) and applies every rule; a reader that cannot
 * load fails loudly (STATE_NOT_LOADED) instead of answering "absent".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestChain, testChainParts, transfer } from '../../src/testing/chain.js';
import { Mempool } from '../../src/mempool/mempool.js';
import { MemoryKv } from '../../src/storage/memory-kv.js';
import { StateError } from '../../src/errors.js';
import { getAccount } from '../../src/state/modules/accounts/method.js';

test('after a restart with an empty cache, add loads what admission reads and keeps every rule', async () => {
  const kv = new MemoryKv();
  const first = await createTestChain({ accounts: 100, kv });
  const again = testChainParts({ accounts: 100, kv, clock: first.clock, stateCacheBytes: 1 });
  await again.chain.open();
  const mp = new Mempool(again.chain);
  try {
    const sender = again.keys[7];
    // Nothing is cached: a synchronous reader that does not load refuses to guess.
    const strict = again.chain.world.session({ strict: true });
    assert.throws(() => getAccount(strict, sender.address), (e: unknown) => e instanceof StateError && e.code === 'STATE_NOT_LOADED');
    const loads = again.chain.world.stats.recordLoads;
    const ptx = await mp.add(transfer(again.chain, sender, again.keys[8].address, 10n, 0n));
    assert.equal(mp.has(ptx.key), true);
    assert.ok(again.chain.world.stats.recordLoads > loads, 'admission read the sender from the store');
    assert.equal(await mp.nextNonce(sender.address), 1n);
    // Rules still apply: an unaffordable transfer is refused with its rule, not a load error.
    const bad = transfer(again.chain, again.keys[9], again.keys[8].address, 2n ** 63n, 0n);
    await assert.rejects(mp.add(bad), (e: unknown) => (e as { code?: string }).code === 'TX_INSUFFICIENT_BALANCE');
  } finally {
    mp.dispose();
  }
});

test('a reader kept past its view throws instead of answering from a later state', async () => {
  const tc = await createTestChain({ accounts: 2 });
  let kept: Parameters<Parameters<typeof tc.chain.view>[0]>[0] | undefined;
  await tc.chain.view((s) => {
    kept = s;
    return getAccount(s, tc.keys[0].address);
  });
  assert.throws(() => getAccount(kept!, tc.keys[0].address), (e: unknown) => e instanceof StateError && e.code === 'STATE_NOT_LOADED');
});
