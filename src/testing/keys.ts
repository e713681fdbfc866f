/** Deterministic keys for tests and benchmarks (never use outside them). */
import { createHash } from 'node:crypto';
import { addressOfPublicKey, encodeAddress } from '../crypto/address.js';
import { publicKeyNative, signNative } from '../crypto/native.js';
import type { Signer } from '../primitives/tx-builder.js';

/** A test account: keys, address and a fast native signer. */
export interface TestKey {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly address: Uint8Array;
  readonly addressText: string;
  readonly sign: Signer;
}

/** The i-th deterministic test key. */
export function testKey(i: number, seed = 'coinworks test key'): TestKey {
  const secretKey = new Uint8Array(createHash('sha256').update(`${seed} ${i}`).digest());
  const publicKey = publicKeyNative(secretKey);
  const address = addressOfPublicKey(publicKey);
  return { secretKey, publicKey, address, addressText: encodeAddress(address), sign: (d) => signNative(d, secretKey) };
}

/** `n` deterministic test keys. */
export function testKeys(n: number, seed?: string): TestKey[] {
  return Array.from({ length: n }, (_, i) => testKey(i, seed));
}
