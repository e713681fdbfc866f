/**
 * The node's block producer for proof of work: builds a template from the mempool on the current
 * tip, hands its header to the CPU miner, and imports a solved block through the chain's one import
 * path. Work is replaced the moment the tip changes (stale work dropped), when the nonce space of a
 * job runs out (next extranonce), and every `refreshMs` while the mempool has changed.
 */
import { EventEmitter } from 'node:events';
import { assembleBlock, templateHeader, templateToBlock, type BlockTemplate } from '../chain/assembler.js';
import type { Chain } from '../chain/chain.js';
import type { ChainEntry } from '../chain/chain-index.js';
import type { BlockProducer } from '../chain/producer.js';
import { compactToTarget } from '../consensus/pow/compact.js';
import { encodeHeader } from '../primitives/header.js';
import type { PreparedTx } from '../primitives/tx.js';
import { errorCode } from '../errors.js';
import { hashToDisplay } from '../encoding/hex.js';
import { CpuMiner, type FoundEvent } from './cpu-miner.js';
import { targetToBytes } from './kernel.js';

/** Where block transactions come from (the mempool). */
export interface TxSource {
  select(opts: { maxGas: bigint }): PreparedTx[];
  /** Drops transactions block assembly could not include. */
  remove?(keys: Iterable<string>, reason?: 'removed'): number;
  on?(event: 'added', fn: () => void): unknown;
  off?(event: 'added', fn: () => void): unknown;
}

/** Minimal logger. */
export interface MinerLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** Options of the mining service. */
export interface MiningServiceOptions {
  readonly chain: Chain;
  readonly mempool: TxSource;
  /** Address that receives block rewards. */
  readonly beneficiary: Uint8Array;
  readonly threads?: number;
  /** How often to rebuild the template when new transactions arrived (ms, default 1000). */
  readonly refreshMs?: number;
  readonly log?: MinerLog;
  readonly extraData?: Uint8Array;
}

/** Mining status for RPC. */
export interface MiningStatus {
  readonly running: boolean;
  readonly threads: number;
  readonly hashrate: number;
  readonly kernel: string;
  readonly blocksMined: number;
}

interface LiveJob {
  readonly template: BlockTemplate;
  readonly extraNonce: Uint8Array;
}

/** Mines blocks on the chain's tip with the CPU miner: the proof-of-work block producer. */
export class MiningService extends EventEmitter<{ block: [ChainEntry]; error: [Error] }> implements BlockProducer {
  private miner: CpuMiner | null = null;
  private threads: number;
  private jobs = new Map<string, LiveJob>();
  private seq = 0;
  private extraNonce = 0;
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private blocksMined = 0;
  private building = false;
  private again = false;
  private readonly onTip = () => this.newJob();
  private readonly onAdded = () => {
    this.dirty = true;
  };

  constructor(private readonly o: MiningServiceOptions) {
    super();
    this.threads = o.threads ?? 1;
  }

  /** Starts mining (restarts with a new thread count if given while running). */
  async start(threads?: number): Promise<void> {
    if (threads !== undefined && threads !== this.threads && this.miner) await this.stop();
    if (threads !== undefined) this.threads = threads;
    if (this.miner) return;
    const miner = new CpuMiner({ threads: this.threads });
    this.miner = miner;
    miner.on('found', (f) => void this.onFound(f));
    miner.on('exhausted', () => this.newJob());
    miner.on('error', (e) => this.emit('error', e));
    miner.start();
    this.o.chain.on('tip', this.onTip);
    this.o.mempool.on?.('added', this.onAdded);
    this.timer = setInterval(() => {
      // Rebuild when transactions arrived, and whenever the miner has no job left: a build that
      // failed, or a solved job whose block did not move the tip, must not leave it idle until
      // some other node's next block (two idle miners would stall a devnet).
      if (this.dirty || (this.jobs.size === 0 && !this.retry && !this.building)) this.newJob();
    }, this.o.refreshMs ?? 1000);
    this.timer.unref();
    this.newJob();
  }

  /** Stops mining and the worker threads. */
  async stop(): Promise<void> {
    const miner = this.miner;
    if (!miner) return;
    this.miner = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.o.chain.off('tip', this.onTip);
    this.o.mempool.off?.('added', this.onAdded);
    this.jobs.clear();
    await miner.stop();
  }

  /** Current status. */
  status(): MiningStatus {
    return {
      running: this.miner !== null,
      threads: this.threads,
      hashrate: this.miner ? Math.round(this.miner.hashrate().total) : 0,
      kernel: this.miner?.workerKernels()[0] ?? 'none',
      blocksMined: this.blocksMined,
    };
  }

  /**
   * Builds a fresh template on the tip and replaces the miner's work. Assembly is asynchronous
   * (the state may load records), so requests that arrive meanwhile collapse into one more build.
   */
  private newJob(): void {
    if (this.building) {
      this.again = true;
      return;
    }
    this.building = true;
    void this.buildJob()
      .catch((e: unknown) => this.emit('error', e instanceof Error ? e : new Error(String(e))))
      .finally(() => {
        this.building = false;
        if (this.again) {
          this.again = false;
          this.newJob();
        }
      });
  }

  private async buildJob(): Promise<void> {
    const miner = this.miner;
    if (!miner) return;
    this.dirty = false;
    const { chain } = this.o;
    const txs = this.o.mempool.select({ maxGas: chain.params.fees.blockGasLimit });
    const template = await assembleBlock(chain, { txs, beneficiary: this.o.beneficiary, extraData: this.o.extraData });
    // Stopped, or the tip moved while assembling (a newer build is already asked for).
    if (this.miner !== miner || template.parent !== chain.tip) return;
    // Median-time-past can push the earliest valid time past the future-drift limit when blocks
    // come faster than one a second: wait for the clock instead of mining blocks nobody accepts.
    const ahead = template.header.time - chain.engine.maxTime(chain.clock());
    if (ahead >= 0) {
      this.jobs.clear();
      miner.pause();
      this.retry ??= setTimeout(() => {
        this.retry = null;
        this.newJob();
      }, 1000 * (ahead + 1));
      return;
    }
    if (template.rejected.length > 0) this.o.mempool.remove?.(template.rejected.map((r) => r.tx.key));
    const extraNonce = new Uint8Array(8);
    new DataView(extraNonce.buffer).setBigUint64(0, BigInt(++this.extraNonce), true);
    const header = templateHeader(template, extraNonce);
    const id = String(++this.seq);
    this.jobs.clear();
    this.jobs.set(id, { template, extraNonce });
    miner.setJob({ id, header: encodeHeader(header), target: targetToBytes(compactToTarget(header.bits).target) });
  }

  private async onFound(f: FoundEvent): Promise<void> {
    const job = this.jobs.get(f.jobId);
    if (!job) return;
    this.jobs.delete(f.jobId);
    const block = templateToBlock(job.template, job.extraNonce, f.nonce);
    try {
      const r = await this.o.chain.importBlock(block);
      if (r.status === 'orphan') return;
      this.blocksMined++;
      this.o.log?.info({ height: r.entry.height, hash: hashToDisplay(r.entry.hash), txs: block.txs.length }, 'mined block');
      this.emit('block', r.entry);
    } catch (e) {
      this.o.log?.warn({ code: errorCode(e), err: (e as Error).message }, 'mined block rejected');
      this.newJob();
    }
  }
}
