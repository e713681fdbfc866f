/**
 * Verifies a block's transaction signatures on worker threads while the main thread executes the
 * block, so import uses both cores. The low-s rule is checked on the caller's thread first (cheap);
 * the pool only runs the ECDSA verifications. Results are exact: a block is committed only after
 * every signature has been confirmed valid.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { TxError } from '../errors.js';
import { isHighS } from '../crypto/keys.js';
import { verifyNative } from '../crypto/native.js';
import { txSigningDigestFromBytes, type PreparedTx } from '../primitives/tx.js';
import { spawnWorker } from '../util/spawn-worker.js';
import { SIG_RECORD_BYTES } from './sig-worker.js';

/** Fewer signatures than this are verified inline (a worker round trip costs more). */
const MIN_PARALLEL = 64;

/** A pool of signature-verification workers. */
export class SignatureVerifier {
  private workers: Worker[] = [];
  private next = 1;
  private readonly pending = new Map<number, (r: Uint8Array) => void>();

  constructor(private readonly size = Math.max(1, availableParallelism() - 1)) {}

  private ensure(): Worker[] {
    if (this.workers.length === 0) {
      for (let i = 0; i < this.size; i++) {
        const w = spawnWorker(new URL('./sig-worker.js', import.meta.url), null);
        w.on('message', (m: { id: number; result: Uint8Array }) => {
          const fn = this.pending.get(m.id);
          this.pending.delete(m.id);
          // Keep the process alive only while a verification is in flight.
          if (this.pending.size === 0) for (const x of this.workers) x.unref();
          fn?.(m.result);
        });
        w.unref();
        this.workers.push(w);
      }
    }
    return this.workers;
  }

  /**
   * Starts verifying `txs`; the returned promise resolves when all are valid and rejects with a
   * TxError naming an invalid one. Throws TX_HIGH_S synchronously.
   */
  verify(txs: readonly PreparedTx[]): Promise<void> {
    for (const t of txs) {
      if (isHighS(t.tx.signature)) throw new TxError('TX_HIGH_S', 'signature s value is in the upper half of the curve order (non-canonical)', { txId: t.key });
    }
    if (txs.length < MIN_PARALLEL) return Promise.resolve(this.verifyInline(txs));
    const workers = this.ensure();
    const per = Math.ceil(txs.length / workers.length);
    const parts: Promise<void>[] = [];
    for (let w = 0; w < workers.length; w++) {
      const slice = txs.slice(w * per, (w + 1) * per);
      if (slice.length === 0) continue;
      const data = new Uint8Array(slice.length * SIG_RECORD_BYTES);
      slice.forEach((t, i) => {
        const o = i * SIG_RECORD_BYTES;
        data.set(txSigningDigestFromBytes(t.bytes), o);
        data.set(t.tx.signature, o + 32);
        data.set(t.tx.body.senderPublicKey, o + 96);
      });
      const id = this.next++;
      parts.push(
        new Promise<Uint8Array>((resolve) => {
          this.pending.set(id, resolve);
          workers[w].ref();
          workers[w].postMessage({ id, data, count: slice.length }, [data.buffer]);
        }).then((result) => {
          const bad = result.indexOf(0);
          if (bad >= 0) throw new TxError('TX_BAD_SIGNATURE', 'signature does not verify against the sender public key', { txId: slice[bad].key, index: w * per + bad });
        }),
      );
    }
    return Promise.all(parts).then(() => undefined);
  }

  private verifyInline(txs: readonly PreparedTx[]): void {
    for (let i = 0; i < txs.length; i++) {
      const t = txs[i];
      if (!verify(t)) throw new TxError('TX_BAD_SIGNATURE', 'signature does not verify against the sender public key', { txId: t.key, index: i });
    }
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.terminate()));
  }
}

function verify(t: PreparedTx): boolean {
  return verifyNative(t.tx.signature, txSigningDigestFromBytes(t.bytes), t.tx.body.senderPublicKey);
}
