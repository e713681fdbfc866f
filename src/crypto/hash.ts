/**
 * SHA-256 and double SHA-256 for every layer. Runs anywhere (browser included) through @noble/hashes;
 * a Node process swaps in the native OpenSSL digest with `setSha256` (see `crypto/native.ts`), which
 * returns identical bytes about twice as fast on small inputs.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

type Digest = (data: Uint8Array) => Uint8Array;
let impl: Digest = (d) => nobleSha256(d);

/** Replaces the SHA-256 implementation (must be byte-identical; used for the native fast path). */
export function setSha256(fn: Digest): void {
  impl = fn;
}

/** SHA-256 of `data`. */
export function sha256(data: Uint8Array): Uint8Array {
  return impl(data);
}

/** SHA-256 applied twice (Bitcoin's hash for headers, transactions and merkle nodes). */
export function sha256d(data: Uint8Array): Uint8Array {
  return impl(impl(data));
}

const encoder = new TextEncoder();
const tagBytes = new Map<string, Uint8Array>();
/** SHA-256 with a domain-separation tag prefix, so digests of different object kinds never collide. */
export function taggedHash(tag: string, data: Uint8Array): Uint8Array {
  let t = tagBytes.get(tag);
  if (!t) tagBytes.set(tag, (t = encoder.encode(tag)));
  const buf = new Uint8Array(t.length + 1 + data.length);
  buf.set(t, 0);
  buf[t.length] = 0;
  buf.set(data, t.length + 1);
  return impl(buf);
}
