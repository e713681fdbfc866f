/**
 * Verifies a block's transaction signatures on worker threads while the main thread executes the
 * block, so import uses both cores. The packed signatures sit in shared memory and every thread
 * takes chunks from one atomic counter: workers start at once; when the main thread has finished
 * executing it calls `finish()`, takes whatever chunks are left itself, then waits (at most one
 * chunk's time) for the chunks still in a worker's hands. The low-s rule is checked up front. A
 * block is committed only after every signature is confirmed valid.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { TxError } from '../errors.js';
import { isHighS } from '../crypto/keys.js';
import { txSigningDigestFromBytes, type PreparedTx } from '../primitives/tx.js';
import { spawnWorker } from '../util/spawn-worker.js';
import { CTRL_DONE, SIG_RECORD_BYTES, drainSigJob, type SigJob } from './sig-worker.js';

/** Signatures per chunk taken at a time. */
const CHUNK = 32;
/** Below this many signatures the main thread verifies alone (a worker round trip costs more). */
const MIN_PARALLEL = 64;

/** A running verification; `finish` helps with the remaining work and settles when all is checked. */
export interface SignatureCheck {
  finish(): Promise<void>;
}

/** A pool of signature-verification workers. */
export class SignatureVerifier {
  private workers: Worker[] = [];
  private busy = 0;

  constructor(private readonly size = Math.max(1, availableParallelism() - 1)) {}

  private ensure(): Worker[] {
    if (this.workers.length === 0) {
      for (let i = 0; i < this.size; i++) {
        const w = spawnWorker(new URL('./sig-worker.js', import.meta.url), null);
        // A worker keeps the process alive only while it holds a job.
        w.on('message', () => {
          if (--this.busy === 0) for (const x of this.workers) x.unref();
        });
        w.unref();
        this.workers.push(w);
      }
    }
    return this.workers;
  }

  /**
   * Starts verifying `txs` and returns a handle; `finish()` resolves when all are valid and rejects
   * with a TxError naming an invalid one. Throws TX_HIGH_S synchronously.
   */
  start(txs: readonly PreparedTx[]): SignatureCheck {
    for (const t of txs) {
      if (isHighS(t.tx.signature)) throw new TxError('TX_HIGH_S', 'signature s value is in the upper half of the curve order (non-canonical)', { txId: t.key });
    }
    const count = txs.length;
    const parallel = count >= MIN_PARALLEL;
    const alloc = (n: number) => new Uint8Array(parallel ? new SharedArrayBuffer(n) : new ArrayBuffer(n));
    const job: SigJob = {
      data: alloc(count * SIG_RECORD_BYTES),
      results: alloc(count),
      ctrl: new Int32Array(parallel ? new SharedArrayBuffer(8) : new ArrayBuffer(8)),
      count,
      chunk: CHUNK,
    };
    for (let i = 0; i < count; i++) {
      const t = txs[i];
      const o = i * SIG_RECORD_BYTES;
      job.data.set(txSigningDigestFromBytes(t.bytes), o);
      job.data.set(t.tx.signature, o + 32);
      job.data.set(t.tx.body.senderPublicKey, o + 96);
    }
    if (parallel) {
      for (const w of this.ensure()) {
        this.busy++;
        w.ref();
        w.postMessage(job);
      }
    }
    return {
      finish: async () => {
        drainSigJob(job);
        const chunks = Math.ceil(count / CHUNK);
        // Chunks a worker took are at most one chunk of work away from done.
        for (let done = Atomics.load(job.ctrl, CTRL_DONE); done < chunks; done = Atomics.load(job.ctrl, CTRL_DONE)) {
          Atomics.wait(job.ctrl, CTRL_DONE, done, 100);
        }
        const bad = job.results.indexOf(0);
        if (bad >= 0) throw new TxError('TX_BAD_SIGNATURE', 'signature does not verify against the sender public key', { txId: txs[bad].key });
      },
    };
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.terminate()));
  }
}
