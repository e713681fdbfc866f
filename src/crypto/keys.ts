/**
 * secp256k1 keys and ECDSA as Bitcoin and Ethereum use them: 32-byte secret keys, 33-byte compressed
 * public keys, 64-byte compact (r || s) signatures over a 32-byte digest, s always in the low half
 * (BIP 62 / EIP-2). Pure JS through @noble/curves so it runs in browsers; the node verifies with
 * libsecp256k1 instead (`crypto/native.ts`).
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';

/** Order of the secp256k1 group. */
export const CURVE_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const HALF_N = CURVE_N >> 1n;

/** A fresh random secret key. */
export function randomSecretKey(): Uint8Array {
  return secp256k1.utils.randomSecretKey();
}

/** The compressed public key of a secret key. */
export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return secp256k1.getPublicKey(secretKey, true);
}

/** True when `publicKey` is a 33-byte compressed point on the curve (a validator's consensus key). */
export function isValidPublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 33 || (publicKey[0] !== 2 && publicKey[0] !== 3)) return false;
  try {
    secp256k1.Point.fromBytes(publicKey);
    return true;
  } catch {
    return false;
  }
}

/** Signs a 32-byte digest: deterministic (RFC 6979) and low-s. */
export function signDigest(digest: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return secp256k1.sign(digest, secretKey, { prehash: false, lowS: true });
}

/** Verifies a compact low-s signature over a digest (pure JS; for clients). */
export function verifyDigest(signature: Uint8Array, digest: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return secp256k1.verify(signature, digest, publicKey, { prehash: false, lowS: true });
  } catch {
    return false;
  }
}

/** Reads s from a compact signature. */
export function signatureS(signature: Uint8Array): bigint {
  let s = 0n;
  for (let i = 32; i < 64; i++) s = (s << 8n) | BigInt(signature[i]);
  return s;
}

/** True when s is in the upper half of the group order (malleable form, rejected by consensus). */
export function isHighS(signature: Uint8Array): boolean {
  return signatureS(signature) > HALF_N;
}

/** Turns a low-s signature into its high-s twin (n - s): only for tests of the low-s rule. */
export function toHighS(signature: Uint8Array): Uint8Array {
  const s = CURVE_N - signatureS(signature);
  const out = Uint8Array.from(signature);
  let x = s;
  for (let i = 63; i >= 32; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}
