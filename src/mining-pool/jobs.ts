/**
 * Stratum jobs: block templates on the chain's tip turned into mining.notify work. A job is one
 * template plus a job id; several jobs may share a template (a vardiff change re-issues the
 * current work under a new id, because miners apply a new difficulty only at the next job id).
 *
 * Rules (issue 12, mining.md):
 * - a new job with clean_jobs = true on every tip change; the jobs of the old tip are dropped and
 *   their ids kept for a while so their shares are answered "stale" (21);
 * - a new job (clean_jobs = false) at least every `refreshMs` (default 30 s, never above 60 s:
 *   miners give up on a job after ~120 s), and sooner once the mempool has new transactions;
 * - jobs expire after `maxJobAgeMs` (default 5 minutes);
 * - a template whose earliest valid time is past the future-drift limit (median time past ahead of
 *   the clock) is not handed out: the manager waits for the clock, as the solo miner does.
 */
import { EventEmitter } from 'node:events';
import { assembleBlock, type BlockTemplate } from '../chain/assembler.js';
import type { Chain } from '../chain/chain.js';
import { splitCoinbase } from '../primitives/coinbase.js';
import type { TxSource } from '../miner/mining-service.js';
import { networkTarget, networkWeight } from './difficulty.js';
import { hex8, stratumPrevhash, type NotifyParams } from './stratum/messages.js';

/** Bytes of the per-connection extranonce1. */
export const EXTRANONCE1_BYTES = 4;
/** Default bytes of the miner's extranonce2 (cpuminer's usual 4). */
export const DEFAULT_EXTRANONCE2_BYTES = 4;
/** Longest allowed job refresh interval: miners drop work after ~120 s without a new job. */
export const MAX_REFRESH_MS = 60_000;

/** One unit of Stratum work. */
export interface Job {
  readonly id: string;
  readonly template: BlockTemplate;
  /** Parent block key (hex, internal order): jobs of another parent are stale. */
  readonly parentKey: string;
  readonly height: number;
  readonly coinb1: Buffer;
  readonly coinb2: Buffer;
  readonly branch: readonly Uint8Array[];
  /** The 80-byte header with merkle root, time and nonce still to fill. */
  readonly headerBase: Buffer;
  readonly version: number;
  readonly bits: number;
  /** The template's header time (the ntime miners get). */
  readonly ntime: number;
  readonly netTarget: bigint;
  readonly netWeight: bigint;
  /** When the job was made (ms, local clock). */
  readonly createdMs: number;
  readonly notify: NotifyParams;
  /** Duplicate detection: normalised extranonce1|extranonce2|ntime|nonce of every share seen. */
  readonly seen: Set<string>;
}

/** Options of the job manager. */
export interface JobManagerOptions {
  readonly chain: Chain;
  readonly mempool: TxSource;
  /** Address the pool's blocks pay (the pool's key). */
  readonly beneficiary: Uint8Array;
  /** Coinbase tag (default "/coinworks-mining-pool/"). */
  readonly extraData?: Uint8Array;
  readonly extranonce2Bytes?: number;
  /** Longest time between jobs (default 30 s; at most 60 s). */
  readonly refreshMs?: number;
  /** Shortest time between jobs for new transactions (default 5 s). */
  readonly minTxRefreshMs?: number;
  /** Age after which a job's shares are refused as stale (default 5 minutes). */
  readonly maxJobAgeMs?: number;
  /** Local clock in ms (tests). */
  readonly nowMs?: () => number;
}

/** Why a job id does not resolve. */
export type JobLookup = { readonly job: Job } | { readonly stale: true } | { readonly unknown: true };

/** Builds and keeps the live jobs. */
export class JobManager extends EventEmitter<{ job: [Job, boolean]; error: [Error] }> {
  private readonly jobs = new Map<string, Job>();
  /** Ids of dropped jobs (answered "stale" rather than "not found"). */
  private readonly dropped = new Map<string, number>();
  private seq = 0;
  private currentRef: Job | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private dirty = false;
  private running = false;
  private readonly refreshMs: number;
  private readonly minTxRefreshMs: number;
  private readonly maxJobAgeMs: number;
  private readonly nowMs: () => number;
  readonly extranonce2Bytes: number;
  private readonly extraData: Uint8Array;
  private readonly onTip = () => void this.build(true);
  private readonly onAdded = () => {
    this.dirty = true;
  };

  constructor(private readonly o: JobManagerOptions) {
    super();
    this.refreshMs = Math.min(o.refreshMs ?? 30_000, MAX_REFRESH_MS);
    this.minTxRefreshMs = o.minTxRefreshMs ?? 5_000;
    this.maxJobAgeMs = o.maxJobAgeMs ?? 5 * 60_000;
    this.nowMs = o.nowMs ?? Date.now;
    this.extranonce2Bytes = o.extranonce2Bytes ?? DEFAULT_EXTRANONCE2_BYTES;
    this.extraData = o.extraData ?? new TextEncoder().encode('/coinworks-mining-pool/');
  }

  /** The newest job (undefined before the first template could be built). */
  get current(): Job | undefined {
    return this.currentRef;
  }

  /** Live jobs. */
  get size(): number {
    return this.jobs.size;
  }

  /** Starts following the tip and builds the first job. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.o.chain.on('tip', this.onTip);
    this.o.mempool.on?.('added', this.onAdded);
    // Checked every second: refresh when due, sooner for new transactions.
    this.timer = setInterval(() => this.tick(), 1000);
    this.timer.unref();
    void this.build(true);
  }

  /** Stops; live jobs are forgotten. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.o.chain.off('tip', this.onTip);
    this.o.mempool.off?.('added', this.onAdded);
    if (this.timer) clearInterval(this.timer);
    if (this.retry) clearTimeout(this.retry);
    this.timer = this.retry = undefined;
    this.jobs.clear();
    this.currentRef = undefined;
  }

  /** Resolves a job id: live, stale (dropped for a new tip or age), or unknown. */
  lookup(id: string): JobLookup {
    const job = this.jobs.get(id);
    if (job) {
      if (job.parentKey !== this.o.chain.tip.key || this.nowMs() - job.createdMs > this.maxJobAgeMs) return { stale: true };
      return { job };
    }
    return this.dropped.has(id) ? { stale: true } : { unknown: true };
  }

  /** The same work as `job` under a new id (after a difficulty change: miners apply it at the next job id). */
  reissue(job: Job): Job {
    const j = this.makeJob(job.template);
    this.jobs.set(j.id, j);
    return j;
  }

  /** Builds a new template now (tests and the refresh timer); resolves once the job is out (assembly reads state from disk). */
  refresh(clean = false): Promise<void> {
    return this.build(clean);
  }

  private tick(): void {
    this.expire();
    const cur = this.currentRef;
    const age = cur ? this.nowMs() - cur.createdMs : Number.POSITIVE_INFINITY;
    if (age >= this.refreshMs || (this.dirty && age >= this.minTxRefreshMs)) void this.build(false);
  }

  private async build(clean: boolean): Promise<void> {
    if (!this.running) return;
    const { chain } = this.o;
    let template: BlockTemplate;
    try {
      const txs = this.o.mempool.select({ maxGas: chain.params.fees.blockGasLimit });
      template = await assembleBlock(chain, { txs, beneficiary: this.o.beneficiary, extraData: this.extraData });
      if (template.rejected.length > 0) this.o.mempool.remove?.(template.rejected.map((r) => r.tx.key));
    } catch (e) {
      this.emit('error', e as Error);
      return;
    }
    // Stopped, or the tip moved while the template was being assembled: a newer build follows.
    if (!this.running || template.parent !== chain.tip) return;
    this.dirty = false;
    const tipKey = chain.tip.key;
    if (clean) this.dropWhere((j) => j.parentKey !== tipKey);
    // The earliest valid time may sit past the drift limit when blocks come faster than one a
    // second (median time past ahead of the clock): wait for the clock.
    const ahead = template.header.time - chain.engine.maxTime(chain.clock());
    if (ahead >= 0) {
      this.retry ??= setTimeout(() => {
        this.retry = undefined;
        void this.build(true);
      }, 1000 * (ahead + 1));
      this.retry.unref?.();
      return;
    }
    const job = this.makeJob(template);
    this.jobs.set(job.id, job);
    this.currentRef = job;
    this.emit('job', job, clean);
  }

  private makeJob(template: BlockTemplate): Job {
    const id = (++this.seq).toString(16);
    const { coinb1, coinb2 } = splitCoinbase(template.coinbase, EXTRANONCE1_BYTES, this.extranonce2Bytes);
    const h = template.header;
    const headerBase = Buffer.alloc(80);
    headerBase.writeUInt32LE(h.version >>> 0, 0);
    headerBase.set(h.prevHash, 4);
    headerBase.writeUInt32LE(h.bits >>> 0, 72);
    const c1 = Buffer.from(coinb1);
    const c2 = Buffer.from(coinb2);
    return {
      id,
      template,
      parentKey: template.parent.key,
      height: template.height,
      coinb1: c1,
      coinb2: c2,
      branch: template.branch,
      headerBase,
      version: h.version,
      bits: h.bits,
      ntime: h.time,
      netTarget: networkTarget(h.bits),
      netWeight: networkWeight(h.bits),
      createdMs: this.nowMs(),
      notify: {
        jobId: id,
        prevhash: stratumPrevhash(h.prevHash),
        coinb1: c1.toString('hex'),
        coinb2: c2.toString('hex'),
        merkleBranch: template.branch.map((b) => Buffer.from(b).toString('hex')),
        version: hex8(h.version),
        nbits: hex8(h.bits),
        ntime: hex8(h.time),
      },
      seen: new Set(),
    };
  }

  private expire(): void {
    const now = this.nowMs();
    this.dropWhere((j) => j !== this.currentRef && now - j.createdMs > this.maxJobAgeMs);
    // Tombstones of dropped jobs are kept for twice the job age.
    for (const [id, at] of this.dropped) if (now - at > 2 * this.maxJobAgeMs) this.dropped.delete(id);
  }

  private dropWhere(pred: (j: Job) => boolean): void {
    const now = this.nowMs();
    for (const [id, j] of this.jobs) {
      if (!pred(j)) continue;
      this.jobs.delete(id);
      this.dropped.set(id, now);
      if (this.currentRef === j) this.currentRef = undefined;
    }
  }
}
