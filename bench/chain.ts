/**
 * Chain benchmarks:
 * - chain.import_tx_per_s: validate and apply a pre-built chain (200 blocks x 1,000 transfers by
 *   default) into a fresh chain on LevelDB: decoding, every signature, execution, state root,
 *   receipts and the atomic commit of each block included.
 * - chain.transfers_committed_per_s: signed transfers submitted to the mempool (signature and state
 *   checks), selected into blocks, executed, rooted, mined at regtest difficulty and committed to
 *   LevelDB, on one core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LevelKv } from '../src/storage/level-kv.js';
import { testChainParts, TestClock, makeBlock } from '../src/testing/chain.js';
import { buildChainFixture, signTransfers } from './chain-fixture.js';
import type { BenchResult } from './result.js';

/** Imports a pre-built chain into a fresh LevelDB-backed chain. */
export async function benchImport(senders = 1000, blocks = 200): Promise<BenchResult[]> {
  const fixture = await buildChainFixture(senders, blocks);
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-import-'));
  try {
    const kv = await LevelKv.open(dir);
    // The importing node's clock is past every block time: only the future-drift rule reads it.
    const { chain } = testChainParts({ accounts: senders, fund: 10n ** 12n, kv, clock: new TestClock(4_000_000_000) });
    await chain.open();
    const t0 = performance.now();
    for (const b of fixture.blocks) await chain.importBlock(b);
    const secs = (performance.now() - t0) / 1000;
    await chain.close();
    return [
      { name: 'chain.import_tx_per_s', value: Math.round(fixture.txCount / secs), unit: 'tx/s', blocks, txPerBlock: senders, seconds: +secs.toFixed(2) },
      { name: 'chain.import_blocks_per_s', value: +(blocks / secs).toFixed(1), unit: 'blocks/s' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Submits pre-signed transfers to the mempool (signature, nonce and fee checks), then mines
 * blocks from it at regtest difficulty until the pool is empty; each block is assembled,
 * executed, rooted, imported through the chain's one import path and committed to LevelDB.
 * Signing is the clients' work and is done before the clock starts. One thread.
 */
export async function benchCommitted(senders = 1000, rounds = 20): Promise<BenchResult[]> {
  const { Mempool } = await import('../src/mempool/mempool.js');
  const { parts, batches } = signTransfers(senders, rounds);
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-commit-'));
  try {
    const kv = await LevelKv.open(dir);
    const { chain, clock, keys } = testChainParts({ accounts: senders, fund: 10n ** 12n, kv, clock: parts.clock });
    await chain.open();
    const mempool = new Mempool(chain, { maxTxs: senders * rounds, maxPerSender: rounds, maxNonceAhead: BigInt(rounds) });
    const total = senders * rounds;
    const t0 = performance.now();
    for (const batch of batches) for (const t of batch) await mempool.add(t.bytes);
    const admitted = performance.now();
    let committed = 0;
    while (mempool.size > 0) {
      clock.t += 2;
      const txs = mempool.select({ maxGas: chain.params.fees.blockGasLimit });
      const block = await makeBlock(chain, { txs, beneficiary: keys[0].address, time: clock.t });
      await chain.importBlock(block);
      committed += block.txs.length;
    }
    const secs = (performance.now() - t0) / 1000;
    mempool.dispose();
    await chain.close();
    return [
      { name: 'chain.transfers_committed_per_s', value: Math.round(committed / secs), unit: 'tx/s', transfers: total, blocks: chain.tip.height, seconds: +secs.toFixed(2) },
      { name: 'mempool.admit_per_s', value: Math.round(total / ((admitted - t0) / 1000)), unit: 'tx/s' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
