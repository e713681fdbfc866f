/** Crafting exact shares for tests: jobs at chosen difficulties and nonces that meet (or miss) targets. */
import assert from 'node:assert/strict';
import { sha256d } from '../../src/crypto/hash.js';
import { scanNonces, targetToBytes } from '../../src/miner/kernel.js';
import { bitsToTarget, StratumMiner, targetForDifficulty, type MinerJob } from '../../src/testing/stratum-miner.js';
import { waitFor, type PoolFixture } from './helpers.js';

function hashInt(h: Uint8Array): bigint {
  let v = 0n;
  for (let i = 31; i >= 0; i--) v = (v << 8n) | BigInt(h[i]);
  return v;
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/** An idle miner (it mines nothing by itself) with a job at each difficulty asked for. */
export class CraftingMiner {
  private readonly byExp = new Map<number, MinerJob>();
  private en2 = 100;

  constructor(readonly m: StratumMiner) {}

  /** Connects `address.worker`. */
  static async open(fx: PoolFixture, user: string, cleanup: { after(f: () => void): void }): Promise<CraftingMiner> {
    const m = new StratumMiner({ port: fx.port, user, idle: true });
    cleanup.after(() => m.stop());
    assert.equal(await m.start(), true);
    await waitFor(() => m.job !== undefined, 10_000, 'a job');
    return new CraftingMiner(m);
  }

  /** Forgets jobs (after a tip change). */
  reset(): void {
    this.byExp.clear();
  }

  /** A live job at difficulty 2^exp (asks for it with mining.suggest_difficulty when needed). */
  async jobAt(exp: number): Promise<MinerJob> {
    const known = this.byExp.get(exp);
    if (known) return known;
    const cur = this.m.job!;
    if (cur.difficulty !== 2 ** exp) {
      const n = this.m.jobs.length;
      assert.equal((await this.m.request('mining.suggest_difficulty', [2 ** exp])).result, true);
      await waitFor(() => this.m.jobs.length > n && this.m.job!.difficulty === 2 ** exp, 5000, `a job at 2^${exp}`);
    }
    const j = this.m.job!;
    this.byExp.set(exp, j);
    return j;
  }

  /** Submits one share at difficulty 2^exp: a block when `block`, else one that is NOT a block. Resolves to the reply's result. */
  async share(exp: number, block = false): Promise<unknown> {
    const job = await this.jobAt(exp);
    const en2 = this.m.en2Hex(this.en2++);
    const header = this.m.header(job, en2);
    const share = targetForDifficulty(job.difficulty);
    const net = bitsToTarget(job.nbits);
    let start = 0;
    for (;;) {
      const r = scanNonces(header, targetToBytes(block ? net : share), start, 1 << 22);
      if (!r.found) {
        start += r.hashes;
        continue;
      }
      header.writeUInt32LE(r.nonce, 76);
      const isBlock = hashInt(sha256d(header)) <= net;
      if (block || !isBlock) {
        const reply = await this.m.request('mining.submit', [this.m.o.user, job.id, en2, job.ntime, hex8(r.nonce)]);
        if (reply.result !== true) throw new Error(`share refused: ${JSON.stringify(reply.error)}`);
        return reply.result;
      }
      start = r.nonce + 1;
    }
  }
}
