/**
 * A mining pool over an in-memory chain for tests: regtest rules with a fixed network difficulty
 * (bits 0x1f00ffff = difficulty 2^-16, i.e. a network weight of exactly 65536, kept constant by a
 * very long ASERT half-life), the real clock, the real mempool and the real Stratum server on
 * 127.0.0.1 (any free port), its ledger on a MemoryKv.
 */
import { regtest, powParams, type NetworkParams } from '../../src/params/networks.js';
import { createTestChain, TestClock, type TestChain } from '../../src/testing/chain.js';
import { Mempool } from '../../src/mempool/mempool.js';
import { MemoryKv } from '../../src/storage/memory-kv.js';
import { MiningPool, type MiningPoolSettings } from '../../src/mining-pool/service.js';
import { poolKeyFrom } from '../../src/mining-pool/key.js';
import { assembleBlock, templateToBlock } from '../../src/chain/assembler.js';
import { compactToTarget } from '../../src/consensus/pow/compact.js';
import { scanNonces, targetToBytes } from '../../src/miner/kernel.js';
import { encodeHeader } from '../../src/primitives/header.js';
import type { Block } from '../../src/primitives/block.js';
import type { PreparedTx } from '../../src/primitives/tx.js';
import type { KvStore } from '../../src/storage/kv.js';

/** Network bits of the test chain: difficulty 2^-16. */
export const TEST_BITS = 0x1f00ffff;

/** A clock that follows real time (seconds). */
export class RealClock extends TestClock {
  constructor() {
    super(0);
  }
  override now = (): number => Math.floor(Date.now() / 1000) + this.t;
}

/** Test parameters: regtest with a constant difficulty of 2^-16 and genesis a little in the past. */
export function poolTestParams(o: { maturity?: number } = {}): NetworkParams {
  const now = Math.floor(Date.now() / 1000);
  return {
    ...regtest,
    consensus: { engine: 'pow', pow: { ...powParams(regtest), genesisBits: TEST_BITS, asertHalfLife: 2 ** 31 } },
    rewards: { maturity: o.maturity ?? 3 },
    genesis: { ...regtest.genesis, time: now - 60 },
  };
}

/** A test pool and its chain. */
export interface PoolFixture {
  readonly tc: TestChain;
  readonly mempool: Mempool;
  readonly pool: MiningPool;
  readonly port: number;
  readonly kv: KvStore;
  stop(): Promise<void>;
}

/** Starts a pool on a fresh test chain. */
export async function startPool(settings: Partial<MiningPoolSettings> = {}, o: { tc?: TestChain; kv?: KvStore; maturity?: number } = {}): Promise<PoolFixture> {
  const tc = o.tc ?? (await createTestChain({ params: poolTestParams({ maturity: o.maturity }), clock: new RealClock(), accounts: 6 }));
  const mempool = new Mempool(tc.chain);
  const kv = o.kv ?? new MemoryKv();
  const pool = new MiningPool(
    {
      dir: '/nonexistent',
      host: '127.0.0.1',
      port: 0,
      scheme: 'pplns',
      feeBps: 100,
      pplnsN: 2,
      minPayout: 1n,
      // Fixed difficulty unless a test asks for vardiff.
      vardiff: { windowShares: 1e9, windowSeconds: 1e9 },
      startDifficulty: 2 ** -20,
      kv,
      key: poolKeyFrom(new Uint8Array(32).fill(7)),
      ...settings,
    },
    { chain: tc.chain, mempool },
  );
  await pool.start();
  const port = pool.p.server.port;
  return {
    tc,
    mempool,
    pool,
    port,
    kv,
    async stop() {
      await pool.stop();
      mempool.dispose();
    },
  };
}

/** Waits until `cond` holds (polling), or throws after `ms`. */
export async function waitFor(cond: () => boolean | Promise<boolean>, ms = 30_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Mines one block on the tip paying `beneficiary` (with the mempool's transactions unless `txs` is given) and imports it. */
export async function mineOn(fx: PoolFixture, beneficiary: Uint8Array, txs?: readonly PreparedTx[]): Promise<Block> {
  const { chain } = fx.tc;
  const t = await assembleBlock(chain, { txs: txs ?? fx.mempool.select({ maxGas: chain.params.fees.blockGasLimit }), beneficiary });
  const block = solveBlock(templateToBlock(t, new Uint8Array(8), 0));
  await chain.importBlock(block);
  return block;
}

/** Finds a nonce meeting the block's own target (native kernel). */
export function solveBlock(block: Block): Block {
  const target = targetToBytes(compactToTarget(block.header.bits).target);
  const h = encodeHeader(block.header);
  const r = scanNonces(h, target, 0, 0xffffffff);
  if (!r.found) throw new Error('no nonce');
  return { ...block, header: { ...block.header, nonce: r.nonce } };
}
