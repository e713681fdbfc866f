import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createTestChain, makeBlock, transfer } from '../../src/testing/chain.js';
import { Mempool } from '../../src/mempool/mempool.js';
import { MiningService } from '../../src/miner/mining-service.js';
import { testKey } from '../../src/testing/keys.js';

test('mines blocks from the mempool through the chain import path and follows a new tip at once', async (t) => {
  const tc = await createTestChain();
  // The service stamps blocks with the clock; keep it moving so MTP allows each next block.
  const tick = setInterval(() => (tc.clock.t += 1), 5);
  t.after(() => clearInterval(tick));
  const mempool = new Mempool(tc.chain);
  const beneficiary = testKey(50).address;
  const svc = new MiningService({ chain: tc.chain, mempool, beneficiary, threads: 1, refreshMs: 50 });
  await svc.start();
  await once(svc, 'block');
  const tx = transfer(tc.chain, tc.keys[0], tc.keys[1].address, 777n, 0n);
  await mempool.add(tx);
  // A block from elsewhere becomes the tip: the miner must drop its work and build on it.
  const external = await makeBlock(tc.chain, { beneficiary: tc.keys[3].address, time: tc.clock.t + 1 });
  const r = await tc.chain.importBlock(external);
  assert.equal(r.status, 'connected');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && !(await tc.chain.store.txLocation(tx.id))) await new Promise((res) => setTimeout(res, 20));
  await svc.stop();
  assert.ok(await tc.chain.store.txLocation(tx.id), 'the transfer was mined');
  assert.ok(svc.status().blocksMined >= 2);
  assert.equal(svc.status().running, false);
  // The miner moved onto the external block: it stays on the main chain with blocks mined on top.
  assert.ok(tc.chain.index.isMain(r.entry));
  assert.ok(tc.chain.tip.height > r.entry.height);
  assert.equal(mempool.size, 0);
  mempool.dispose();
});

test('a template build that fails does not leave the miner idle: it builds again and mines', async (t) => {
  const { StateError } = await import('../../src/errors.js');
  const tc = await createTestChain();
  const tick = setInterval(() => (tc.clock.t += 1), 5);
  t.after(() => clearInterval(tick));
  const mempool = new Mempool(tc.chain);
  t.after(() => mempool.dispose());
  const chain = tc.chain;
  const execute = chain.executeOnTip.bind(chain);
  let calls = 0;
  chain.executeOnTip = (o) => (calls++ === 0 ? Promise.reject(new StateError('STATE_STALE', 'test: the first build fails')) : execute(o));
  const svc = new MiningService({ chain, mempool, beneficiary: testKey(51).address, threads: 1, refreshMs: 50 });
  const errors: string[] = [];
  svc.on('error', (e) => errors.push(e.message));
  await svc.start();
  // (events.once would reject on the 'error' the failed build emits.)
  const mined = await new Promise<boolean>((r) => {
    const give = setTimeout(() => r(false), 20_000);
    svc.once('block', () => {
      clearTimeout(give);
      r(true);
    });
  });
  await svc.stop();
  assert.deepEqual(errors, ['test: the first build fails']);
  assert.ok(mined, 'a block was mined after the failed build, with no tip change or new transaction to prompt it');
});
