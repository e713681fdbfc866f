/**
 * Issue 8 "state that does not leak": a LevelDB regtest chain with traffic (every block: 20
 * transfers among 100 funded accounts, 2 of them to new addresses, and the block reward that is
 * locked and released after maturity, which writes and deletes one record per block) for N blocks;
 * prints state records, leaf indexes, tombstones or free indexes, and RSS every `every` blocks.
 * Runs on any checkout (old or new code), like state-scaling.ts.
 *
 *   node --expose-gc --import tsx scripts/state-soak.ts <repo root> [blocks=10000] [every=2000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [rootArg, blocksArg = '10000', everyArg = '2000'] = process.argv.slice(2);
const root = resolve(rootArg);
const blocks = Number(blocksArg);
const every = Number(everyArg);
const { LevelKv } = await import(join(root, 'src/storage/level-kv.ts'));
const { createTestChain, transfer, makeBlock, TestClock } = await import(join(root, 'src/testing/chain.ts'));
const { getAccount } = await import(join(root, 'src/state/modules/accounts/method.ts'));
const dir = mkdtempSync(join(tmpdir(), 'cw-soak-'));
const rss = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().rss / 2 ** 20);
};
try {
  const kv = await LevelKv.open(join(dir, 'chain'));
  const tc = await createTestChain({ accounts: 100, fund: 10n ** 12n, kv, clock: new TestClock(4_000_000_000) });
  const { mulberry32 } = await import(join(root, 'src/testing/prng.ts'));
  const rnd: () => number = mulberry32(7);
  const t0 = performance.now();
  for (let h = 1; h <= blocks; h++) {
    const txs = [];
    // Nonces from the head state (every transaction is included, so none is ever skipped).
    const nonces: bigint[] = await tc.chain.view((st: unknown) => tc.keys.map((k: { address: Uint8Array }) => getAccount(st, k.address).nonce));
    for (let i = 0; i < 20; i++) {
      const s = Math.floor(rnd() * 100);
      const to = i < 2 ? new Uint8Array(20).map(() => Math.floor(rnd() * 256)) : tc.keys[Math.floor(rnd() * 100)].address;
      txs.push(transfer(tc.chain, tc.keys[s], to, 1000n, nonces[s]++, { maxFeePerGas: 10n ** 6n }));
    }
    const block = await makeBlock(tc.chain, { txs, beneficiary: tc.keys[h % 100].address, time: tc.chain.tip.header.time + 2 });
    await tc.chain.importBlock(block);
    if (block.txs.length !== 20) throw new Error(`block ${h}: ${block.txs.length} of 20 transfers included`);
    if (h % every === 0 || h === blocks) {
      const w = tc.chain.world as unknown as Record<string, unknown>;
      let stats: Record<string, number>;
      if (typeof w.recordCount === 'number') {
        stats = { records: w.recordCount as number, leafIndexes: w.nextIndex as number, freeIndexes: w.freeCount as number };
      } else {
        // Old in-memory world: every key ever written stays, deleted ones as tombstones.
        let live = 0;
        for (const _ of (tc.chain.world as { entries(): Iterable<unknown> }).entries()) live++;
        stats = { records: live, leafIndexes: w.size as number, tombstones: (w.size as number) - live };
      }
      let diskKeys = 0;
      for await (const _ of kv.iterate(Uint8Array.of('s'.charCodeAt(0)))) diskKeys++;
      console.log(JSON.stringify({ root, height: h, ...stats, stateKeysOnDisk: diskKeys, rssMb: rss(), seconds: +((performance.now() - t0) / 1000).toFixed(1) }));
    }
  }
  await tc.chain.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
