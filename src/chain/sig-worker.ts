/**
 * Signature-verification worker: receives packed (digest32 | signature64 | publicKey33) records and
 * answers with one byte per record (1 valid, 0 invalid), verified with libsecp256k1.
 */
import { parentPort } from 'node:worker_threads';
import { verifyNative } from '../crypto/native.js';

/** Bytes per packed record. */
export const SIG_RECORD_BYTES = 32 + 64 + 33;

parentPort?.on('message', (m: { data: Uint8Array; count: number }) => {
  const out = new Uint8Array(m.count);
  for (let i = 0; i < m.count; i++) {
    const o = i * SIG_RECORD_BYTES;
    const digest = m.data.subarray(o, o + 32);
    const sig = m.data.subarray(o + 32, o + 96);
    const pub = m.data.subarray(o + 96, o + 129);
    out[i] = verifyNative(sig, digest, pub) ? 1 : 0;
  }
  parentPort!.postMessage({ result: out }, [out.buffer]);
});
