/**
 * Node-only fast paths: OpenSSL SHA-256 and libsecp256k1 verification through the `secp256k1`
 * native binding (about 19k verifications/s per core here, against under 1k for pure-JS curves).
 * Never imported by the client SDK, which stays browser-safe.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { digest as asDigest } from '@chainsafe/as-sha256';
import { setSha256 } from './hash.js';

const require = createRequire(import.meta.url);
const secp = require('secp256k1') as typeof import('secp256k1');

let installed = false;
/** Switches `crypto/hash` to OpenSSL's SHA-256. Idempotent. */
export function installNativeHashing(): void {
  if (installed) return;
  installed = true;
  setSha256((d) => {
    // Small inputs (ids, pubkeys, merkle pairs, second SHA-256d passes) go to as-sha256's
    // WebAssembly SIMD code: ~0.7 us against ~1.3-2.4 us for an OpenSSL Hash object per call here.
    if (d.length <= 128) return asDigest(d);
    const h = createHash('sha256').update(d).digest();
    return new Uint8Array(h.buffer, h.byteOffset, 32);
  });
}

/** Verifies a 64-byte compact low-s ECDSA signature over a 32-byte digest with libsecp256k1. */
export function verifyNative(signature: Uint8Array, digest: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return secp.ecdsaVerify(signature, digest, publicKey);
  } catch {
    return false;
  }
}

/** Signs a 32-byte digest with libsecp256k1 (RFC 6979, low-s); for node-side tools and benchmarks. */
export function signNative(digest: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return secp.ecdsaSign(digest, secretKey).signature;
}

/** Derives the 33-byte compressed public key with libsecp256k1. */
export function publicKeyNative(secretKey: Uint8Array): Uint8Array {
  return secp.publicKeyCreate(secretKey, true);
}
