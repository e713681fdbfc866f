/**
 * Signature schemes for the BFT simulator. `secp256k1` is the real one (libsecp256k1 binding,
 * which falls back to pure JS when the native addon is not built). `fast` is a keyed-hash
 * stand-in with the same interface for long seeded sweeps: a signature is two SHA-256 digests of
 * (secret key, digest), low-s by construction, and verification recomputes it from the secret
 * registered for the public key. The consensus code is unchanged either way (it only ever sees
 * `sign` and `verify` functions); the stand-in only buys speed. Test-only.
 */
import { sha256 } from '../crypto/hash.js';
import { signNative, verifyNative } from '../crypto/native.js';
import { bytesToHex } from '../encoding/hex.js';
import type { VerifyFn } from '../consensus/bft/messages.js';

/** Which signature scheme a simulation uses. */
export type SimCryptoKind = 'secp256k1' | 'fast';

/** Signing and verification for one simulation. */
export interface SimCrypto {
  signer(secretKey: Uint8Array, publicKey: Uint8Array): (digest: Uint8Array) => Uint8Array;
  readonly verify: VerifyFn;
}

function fastSignature(secretKey: Uint8Array, digest: Uint8Array): Uint8Array {
  const buf = new Uint8Array(65);
  buf.set(secretKey, 0);
  buf.set(digest, 32);
  const out = new Uint8Array(64);
  out.set(sha256(buf), 0);
  buf[64] = 1;
  out.set(sha256(buf), 32);
  out[32] &= 0x3f; // s < 2^254 < n/2: always low-s
  return out;
}

/** A signature scheme with one shared verification cache (every node checks the same messages). */
export function simCrypto(kind: SimCryptoKind): SimCrypto {
  const cache = new Map<string, boolean>();
  const cached = (check: VerifyFn): VerifyFn => (sig, digest, pk) => {
    // The key holds all three inputs: a cache keyed by the signature alone would accept a
    // signature replayed over another message.
    const k = bytesToHex(sig) + bytesToHex(digest) + bytesToHex(pk);
    let ok = cache.get(k);
    if (ok === undefined) cache.set(k, (ok = check(sig, digest, pk)));
    return ok;
  };
  if (kind === 'secp256k1') return { signer: (sk) => (d) => signNative(d, sk), verify: cached(verifyNative) };
  const secrets = new Map<string, Uint8Array>();
  return {
    signer: (sk, pk) => {
      secrets.set(bytesToHex(pk), sk);
      return (d) => fastSignature(sk, d);
    },
    verify: cached((sig, digest, pk) => {
      const sk = secrets.get(bytesToHex(pk));
      if (!sk) return false;
      const want = fastSignature(sk, digest);
      for (let i = 0; i < 64; i++) if (want[i] !== sig[i]) return false;
      return true;
    }),
  };
}
