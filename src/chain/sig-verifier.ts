/**
 * Verifies a block's transaction signatures on worker threads while the main thread executes the
 * block, so import uses both cores. Work is cut into chunks that workers take one at a time; when
 * the main thread has finished executing it calls `finish()` and verifies the chunks no worker has
 * taken yet, so a busy machine never leaves it idle waiting on a starved worker. The low-s rule is
 * checked up front. A block is committed only after every signature is confirmed valid.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { TxError } from '../errors.js';
import { isHighS } from '../crypto/keys.js';
import { verifyNative } from '../crypto/native.js';
import { txSigningDigestFromBytes, type PreparedTx } from '../primitives/tx.js';
import { spawnWorker } from '../util/spawn-worker.js';
import { SIG_RECORD_BYTES } from './sig-worker.js';

/** Signatures per chunk handed to a worker. */
const CHUNK = 128;

/** A running verification; `finish` helps with the remaining work and settles when all is checked. */
export interface SignatureCheck {
  finish(): Promise<void>;
}

function badSignature(t: PreparedTx): TxError {
  return new TxError('TX_BAD_SIGNATURE', 'signature does not verify against the sender public key', { txId: t.key });
}

function verifyOne(t: PreparedTx): boolean {
  return verifyNative(t.tx.signature, txSigningDigestFromBytes(t.bytes), t.tx.body.senderPublicKey);
}

/** One block's worth of signatures being checked. */
class Job implements SignatureCheck {
  private inflight = 0;
  private failure: TxError | null = null;
  private waiter: (() => void) | null = null;

  constructor(
    readonly queue: PreparedTx[][],
    private readonly dispatch: (job: Job) => void,
  ) {}

  /** Takes the next chunk (workers and the main thread share the queue). */
  take(): PreparedTx[] | undefined {
    if (this.failure) return undefined;
    const c = this.queue.shift();
    if (c) this.inflight++;
    return c;
  }

  /** Records a chunk's outcome. */
  settle(chunk: PreparedTx[], valid: Uint8Array | boolean[]): void {
    this.inflight--;
    for (let i = 0; i < chunk.length; i++) if (!valid[i] && !this.failure) this.failure = badSignature(chunk[i]);
    if (this.failure) this.queue.length = 0;
    else this.dispatch(this);
    if (this.inflight === 0 && this.queue.length === 0) this.waiter?.();
  }

  async finish(): Promise<void> {
    for (let c = this.take(); c; c = this.take()) this.settle(c, c.map(verifyOne));
    if (this.inflight > 0) await new Promise<void>((resolve) => (this.waiter = resolve));
    if (this.failure) throw this.failure;
  }
}

/** A pool of signature-verification workers. */
export class SignatureVerifier {
  private workers: Worker[] = [];
  private idle: Worker[] = [];
  private readonly busy = new Map<Worker, { job: Job; chunk: PreparedTx[] }>();
  private readonly jobs: Job[] = [];

  constructor(private readonly size = Math.max(1, availableParallelism() - 1)) {}

  private ensure(): void {
    if (this.workers.length > 0) return;
    for (let i = 0; i < this.size; i++) {
      const w = spawnWorker(new URL('./sig-worker.js', import.meta.url), null);
      w.on('message', (m: { result: Uint8Array }) => {
        const b = this.busy.get(w);
        this.busy.delete(w);
        this.idle.push(w);
        // Keep the process alive only while a verification is in flight.
        if (this.busy.size === 0) for (const x of this.workers) x.unref();
        b?.job.settle(b.chunk, m.result);
        this.pump();
      });
      w.unref();
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  /** Hands queued chunks to idle workers. */
  private pump(): void {
    while (this.idle.length > 0 && this.jobs.length > 0) {
      const job = this.jobs[0];
      const chunk = job.take();
      if (!chunk) {
        this.jobs.shift();
        continue;
      }
      const w = this.idle.pop()!;
      const data = new Uint8Array(chunk.length * SIG_RECORD_BYTES);
      chunk.forEach((t, i) => {
        const o = i * SIG_RECORD_BYTES;
        data.set(txSigningDigestFromBytes(t.bytes), o);
        data.set(t.tx.signature, o + 32);
        data.set(t.tx.body.senderPublicKey, o + 96);
      });
      this.busy.set(w, { job, chunk });
      w.ref();
      w.postMessage({ data, count: chunk.length }, [data.buffer]);
    }
  }

  /**
   * Starts verifying `txs` and returns a handle; `finish()` resolves when all are valid and rejects
   * with a TxError naming an invalid one. Throws TX_HIGH_S synchronously.
   */
  start(txs: readonly PreparedTx[]): SignatureCheck {
    for (const t of txs) {
      if (isHighS(t.tx.signature)) throw new TxError('TX_HIGH_S', 'signature s value is in the upper half of the curve order (non-canonical)', { txId: t.key });
    }
    const chunks: PreparedTx[][] = [];
    for (let i = 0; i < txs.length; i += CHUNK) chunks.push(txs.slice(i, i + CHUNK));
    const job = new Job(chunks, () => this.pump());
    if (chunks.length > 1) {
      // A single chunk is cheaper to verify inline than to ship to a worker.
      this.ensure();
      this.jobs.push(job);
      this.pump();
    }
    return job;
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    this.idle = [];
    await Promise.all(ws.map((w) => w.terminate()));
  }
}
