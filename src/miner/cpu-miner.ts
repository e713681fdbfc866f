/**
 * CPU miner: N worker threads (`miner-worker.ts`) scan disjoint slices of a job's 2^32 nonce space
 * with the SHA-256d kernel. `setJob` replaces the work at once: workers see a shared job counter move
 * between chunks and drop the old job; a find for a job that is no longer current is never emitted.
 *
 * Events: `found` { jobId, nonce, header (80 bytes, nonce set), hash (sha256d, internal order) },
 * once per job (threads stop scanning a job at its first find);
 * `exhausted` { jobId } when every nonce of a job was scanned without a find (roll the extranonce or
 * time); `error` when a worker fails.
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { CoinworksError } from '../errors.js';
import { meetsTarget, type KernelName } from './kernel.js';
import { spawnWorker } from '../util/spawn-worker.js';

/** Shared control word: the current job sequence number (workers compare it between chunks). */
export const CTRL_SEQ = 0;
/** Shared control word: non-zero tells workers to leave their loop. */
export const CTRL_STOP = 1;

/** Work for the miner. */
export interface MinerJob {
  /** Caller's job id, echoed in events. */
  id: string;
  /** 80-byte header; its nonce field (bytes 76..79) is ignored. */
  header: Uint8Array;
  /** 32-byte little-endian target: a hash (as a little-endian integer) <= target wins. */
  target: Uint8Array;
  /** First nonce to scan (default 0). */
  nonceStart?: number;
  /** One past the last nonce to scan (default 2^32); with nonceStart, splits the space between machines. */
  nonceEnd?: number;
}

/** A header that meets the job's target. */
export interface FoundEvent {
  /** Id of the job it solves (always the current job when emitted). */
  jobId: string;
  /** Winning nonce. */
  nonce: number;
  /** The job's header with the nonce set (little-endian at bytes 76..79). */
  header: Uint8Array;
  /** sha256d of `header`, internal byte order. */
  hash: Uint8Array;
}

/** Every nonce of a job (its whole 2^32 space, or [nonceStart, nonceEnd)) was scanned without a find. */
export interface ExhaustedEvent {
  /** Id of the exhausted job. */
  jobId: string;
}

/** Hash rate over the sliding window, in hashes per second. */
export interface Hashrate {
  /** Sum over threads. */
  total: number;
  /** One figure per thread. */
  perThread: number[];
  /** Length of the window actually measured, in ms (shorter right after start). */
  windowMs: number;
}

/** CpuMiner construction options. */
export interface CpuMinerOptions {
  /** Worker threads (default: available parallelism). */
  threads?: number;
  /** Sliding window for `hashrate()`, ms (default 10 000). */
  hashrateWindowMs?: number;
  /** Fixed nonces per chunk between job checks (default: adaptive, chunks of about 5-20 ms). */
  chunk?: number;
}

/** Data handed to each worker thread (internal protocol with miner-worker.ts). */
export interface WorkerData {
  /** Int32Array[2]: CTRL_SEQ, CTRL_STOP. */
  ctrl: SharedArrayBuffer;
  /** BigInt64Array[threads]: hashes done per thread. */
  counters: SharedArrayBuffer;
  /** Port on which jobs arrive. */
  port: MessagePort;
  /** This worker's index. */
  index: number;
  /** Nonces per chunk (0 = kernel default). */
  chunk: number;
}

/** A job slice sent to a worker (internal protocol). */
export interface WorkerJob {
  /** Sequence number; matches CTRL_SEQ while current. */
  seq: number;
  /** 80-byte header. */
  header: Uint8Array;
  /** 32-byte little-endian target. */
  target: Uint8Array;
  /** First nonce of the slice. */
  start: number;
  /** One past the last nonce of the slice (<= 2^32). */
  end: number;
}

/** Messages a worker posts to the main thread (internal protocol). */
export type WorkerReport =
  | { type: 'ready'; kernel: KernelName }
  | { type: 'found'; seq: number; nonce: number }
  | { type: 'done'; seq: number };

/** Events of `CpuMiner`. */
export interface CpuMinerEvents {
  found: [FoundEvent];
  exhausted: [ExhaustedEvent];
  error: [Error];
}

interface Sample {
  t: number;
  counts: bigint[];
}

const NONCE_SPACE = 2 ** 32;

function sha256d(b: Uint8Array): Uint8Array {
  const once = createHash('sha256').update(b).digest();
  return new Uint8Array(createHash('sha256').update(once).digest());
}

/** Multi-threaded SHA-256d CPU miner with job replacement, stale-find suppression and a hashrate window. */
export class CpuMiner extends EventEmitter<CpuMinerEvents> {
  /** Number of worker threads. */
  readonly threads: number;
  private readonly windowMs: number;
  private readonly chunk: number;
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(8));
  private readonly counters: BigInt64Array;
  private workers: Worker[] = [];
  private ports: MessagePort[] = [];
  private job: MinerJob | null = null;
  private seq = 0;
  private doneCount = 0;
  private foundAny = false;
  private samples: Sample[] = [];
  private sampler: NodeJS.Timeout | null = null;
  private running = false;
  private stopping: Promise<void> | null = null;
  private kernels: KernelName[] = [];
  private readyWaiters: Array<() => void> = [];

  constructor(opts: CpuMinerOptions = {}) {
    super();
    const threads = opts.threads ?? availableParallelism();
    if (!Number.isInteger(threads) || threads < 1 || threads > 1024) throw new CoinworksError('MINER_BAD_ARGUMENT', 'threads must be an integer in [1, 1024]', { threads });
    this.threads = threads;
    this.windowMs = opts.hashrateWindowMs ?? 10_000;
    this.chunk = opts.chunk ?? 0;
    this.counters = new BigInt64Array(new SharedArrayBuffer(8 * threads));
  }

  /** True between `start()` and `stop()`. */
  get isRunning(): boolean {
    return this.running;
  }

  /** The current job (null before the first `setJob`). */
  currentJob(): MinerJob | null {
    return this.job;
  }

  /** Kernel each worker reported using (empty until they are up). */
  workerKernels(): KernelName[] {
    return [...this.kernels];
  }

  /** Resolves once every worker thread is up (at once if they already are; also when the miner stops). */
  whenReady(): Promise<void> {
    if (this.running && this.kernels.length === this.threads) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Spawns the worker threads; they start on the current job, if any. Idempotent while running. */
  start(): void {
    if (this.running) return;
    if (this.stopping) throw new CoinworksError('MINER_STOPPING', 'miner is still stopping; await stop() first');
    this.running = true;
    Atomics.store(this.ctrl, CTRL_STOP, 0);
    for (let i = 0; i < this.threads; i++) {
      const { port1, port2 } = new MessageChannel();
      const data: WorkerData = { ctrl: this.ctrl.buffer as SharedArrayBuffer, counters: this.counters.buffer as SharedArrayBuffer, port: port2, index: i, chunk: this.chunk };
      const w = spawnWorker(new URL('./miner-worker.js', import.meta.url), data, [port2]);
      w.on('message', (m: WorkerReport) => this.onReport(m));
      w.on('error', (e) => {
        if (this.running) this.emit('error', e);
      });
      this.workers.push(w);
      this.ports.push(port1);
    }
    this.samples = [{ t: performance.now(), counts: Array.from(this.counters) }];
    this.sampler = setInterval(() => this.sample(), 1000);
    this.sampler.unref();
    if (this.job) this.dispatch();
  }

  /** Replaces the current work immediately; finds for earlier jobs are dropped from now on. */
  setJob(job: MinerJob): void {
    if (typeof job?.id !== 'string') throw new CoinworksError('MINER_BAD_ARGUMENT', 'job.id must be a string');
    if (!(job.header instanceof Uint8Array) || job.header.length !== 80) throw new CoinworksError('MINER_BAD_ARGUMENT', 'job.header must be 80 bytes', { jobId: job.id });
    if (!(job.target instanceof Uint8Array) || job.target.length !== 32) throw new CoinworksError('MINER_BAD_ARGUMENT', 'job.target must be 32 bytes (little-endian)', { jobId: job.id });
    const nonceStart = job.nonceStart ?? 0;
    const nonceEnd = job.nonceEnd ?? NONCE_SPACE;
    if (!Number.isInteger(nonceStart) || !Number.isInteger(nonceEnd) || nonceStart < 0 || nonceEnd > NONCE_SPACE || nonceStart >= nonceEnd) {
      throw new CoinworksError('MINER_BAD_ARGUMENT', 'need integers 0 <= nonceStart < nonceEnd <= 2^32', { jobId: job.id, nonceStart, nonceEnd });
    }
    this.job = { id: job.id, header: Uint8Array.from(job.header), target: Uint8Array.from(job.target), nonceStart, nonceEnd };
    if (this.running) this.dispatch();
  }

  /** Drops the current job: threads finish their chunk and idle until the next `setJob`. */
  pause(): void {
    this.job = null;
    if (!this.running) return;
    const seq = Atomics.load(this.ctrl, CTRL_SEQ) + 1;
    this.seq = seq;
    // An empty slice: each worker reports it done once (ignored: no current job) and sleeps.
    const empty: WorkerJob = { seq, header: new Uint8Array(80), target: new Uint8Array(32), start: 0, end: 0 };
    for (const p of this.ports) p.postMessage(empty);
    Atomics.store(this.ctrl, CTRL_SEQ, seq);
    Atomics.notify(this.ctrl, CTRL_SEQ);
  }

  /** Hash rate over the last `hashrateWindowMs` (or since start), total and per thread; zeros when stopped. */
  hashrate(): Hashrate {
    const zero = { total: 0, perThread: new Array<number>(this.threads).fill(0), windowMs: 0 };
    if (this.samples.length === 0) return zero;
    const now: Sample = { t: performance.now(), counts: Array.from(this.counters) };
    const from = this.samples.find((s) => s.t >= now.t - this.windowMs) ?? this.samples[this.samples.length - 1];
    const dt = (now.t - from.t) / 1000;
    if (dt <= 0) return zero;
    const perThread = now.counts.map((c, i) => Number(c - from.counts[i]) / dt);
    return { total: perThread.reduce((a, b) => a + b, 0), perThread, windowMs: now.t - from.t };
  }

  /** Total hashes computed by all threads since construction. */
  totalHashes(): number {
    let s = 0n;
    for (const c of this.counters) s += c;
    return Number(s);
  }

  /** Stops and terminates every worker; resolves when they are gone. No event is emitted afterwards. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    if (!this.running) return Promise.resolve();
    this.running = false;
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = null;
    Atomics.store(this.ctrl, CTRL_STOP, 1);
    Atomics.add(this.ctrl, CTRL_SEQ, 1);
    Atomics.notify(this.ctrl, CTRL_SEQ);
    const workers = this.workers;
    const ports = this.ports;
    this.workers = [];
    this.ports = [];
    this.kernels = [];
    this.samples = []; // hashrate() reads 0 while stopped
    for (const w of this.readyWaiters.splice(0)) w(); // nobody waits forever on a stopped miner
    this.stopping = Promise.all(workers.map((w) => w.terminate())).then(() => {
      for (const p of ports) p.close();
      this.seq = Atomics.load(this.ctrl, CTRL_SEQ);
      this.stopping = null;
    });
    return this.stopping;
  }

  // Sends every worker its slice of the current job, then moves the shared counter so they switch.
  private dispatch(): void {
    const job = this.job;
    if (!job) return;
    const seq = Atomics.load(this.ctrl, CTRL_SEQ) + 1;
    this.seq = seq;
    this.doneCount = 0;
    this.foundAny = false;
    const lo = job.nonceStart ?? 0;
    const span = (job.nonceEnd ?? NONCE_SPACE) - lo;
    for (let i = 0; i < this.ports.length; i++) {
      // Disjoint slices: thread i scans lo + [floor(i * span / n), floor((i + 1) * span / n)).
      const start = lo + Math.floor((i * span) / this.threads);
      const end = lo + Math.floor(((i + 1) * span) / this.threads);
      const msg: WorkerJob = { seq, header: job.header, target: job.target, start, end };
      this.ports[i].postMessage(msg);
    }
    Atomics.store(this.ctrl, CTRL_SEQ, seq);
    Atomics.notify(this.ctrl, CTRL_SEQ);
  }

  private onReport(m: WorkerReport): void {
    if (m.type === 'ready') {
      this.kernels.push(m.kernel);
      if (this.running && this.kernels.length === this.threads) for (const w of this.readyWaiters.splice(0)) w();
      return;
    }
    // Stale: a report for a job that is no longer current is dropped.
    if (!this.running || m.seq !== this.seq || !this.job) return;
    const job = this.job;
    if (m.type === 'found') {
      // One find per job: another thread's find of the same job is not reported.
      if (this.foundAny) return;
      const header = Uint8Array.from(job.header);
      new DataView(header.buffer).setUint32(76, m.nonce, true);
      const hash = sha256d(header);
      if (!meetsTarget(hash, job.target)) {
        this.emit('error', new CoinworksError('MINER_KERNEL_MISMATCH', 'kernel reported a nonce whose hash misses the target', { jobId: job.id, nonce: m.nonce }));
        return;
      }
      this.foundAny = true;
      this.emit('found', { jobId: job.id, nonce: m.nonce, header, hash });
    } else if (m.type === 'done') {
      this.doneCount++;
      if (this.doneCount === this.threads && !this.foundAny) this.emit('exhausted', { jobId: job.id });
    }
  }

  private sample(): void {
    const now = performance.now();
    this.samples.push({ t: now, counts: Array.from(this.counters) });
    // Keep one sample older than the window so a full window is always available.
    while (this.samples.length > 2 && this.samples[1].t < now - this.windowMs) this.samples.shift();
  }
}
