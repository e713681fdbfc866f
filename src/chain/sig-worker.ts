/**
 * Signature-verification worker. A job is a shared buffer of packed (digest32 | signature64 |
 * publicKey33) records cut into chunks; the worker and the main thread take chunks from a shared
 * atomic counter (work stealing, so neither waits for the other to hand work out), write one byte
 * per record (1 valid, 0 invalid) into the shared result array, and count finished chunks.
 */
import { parentPort } from 'node:worker_threads';
import { verifyNative } from '../crypto/native.js';

/** Bytes per packed record. */
export const SIG_RECORD_BYTES = 32 + 64 + 33;
/** Control words of a job: next chunk to take, chunks finished. */
export const CTRL_NEXT = 0;
export const CTRL_DONE = 1;

/** A verification job shared between threads. */
export interface SigJob {
  /** Packed records (SharedArrayBuffer). */
  readonly data: Uint8Array;
  /** One result byte per record (SharedArrayBuffer). */
  readonly results: Uint8Array;
  /** Int32Array over a SharedArrayBuffer: [next chunk, chunks done]. */
  readonly ctrl: Int32Array;
  readonly count: number;
  readonly chunk: number;
}

/** Takes and verifies chunks until none are left; returns how many this thread verified. */
export function drainSigJob(job: SigJob): number {
  const chunks = Math.ceil(job.count / job.chunk);
  let mine = 0;
  for (let c = Atomics.add(job.ctrl, CTRL_NEXT, 1); c < chunks; c = Atomics.add(job.ctrl, CTRL_NEXT, 1)) {
    const end = Math.min(job.count, (c + 1) * job.chunk);
    for (let i = c * job.chunk; i < end; i++) {
      const o = i * SIG_RECORD_BYTES;
      const ok = verifyNative(job.data.subarray(o + 32, o + 96), job.data.subarray(o, o + 32), job.data.subarray(o + 96, o + 129));
      job.results[i] = ok ? 1 : 0;
      mine++;
    }
    Atomics.add(job.ctrl, CTRL_DONE, 1);
    Atomics.notify(job.ctrl, CTRL_DONE);
  }
  return mine;
}

parentPort?.on('message', (job: SigJob) => {
  drainSigJob(job);
  parentPort!.postMessage('idle');
});
