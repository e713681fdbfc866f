/**
 * Native fast paths. installNativeHashing swaps the process-wide SHA-256, so this file runs in its own
 * process (node --test isolates files) and checks the noble default before installing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { sha256, sha256d, taggedHash } from '../../src/crypto/hash.js';
import { installNativeHashing, publicKeyNative, signNative, verifyNative } from '../../src/crypto/native.js';
import { isHighS, publicKeyOf, signDigest, toHighS, verifyDigest, CURVE_N } from '../../src/crypto/keys.js';
import { bytesToHex } from '../../src/encoding/hex.js';

const secretKey = fc
  .bigInt({ min: 1n, max: CURVE_N - 1n })
  .map((k) => Uint8Array.from(Buffer.from(k.toString(16).padStart(64, '0'), 'hex')));
const digest = fc.uint8Array({ minLength: 32, maxLength: 32 });
const inputs = fc.uint8Array({ maxLength: 300 });

test('installNativeHashing gives byte-identical sha256, sha256d and taggedHash', () => {
  const samples = fc.sample(inputs, 300);
  samples.push(new Uint8Array(0), new Uint8Array(55), new Uint8Array(56), new Uint8Array(64), new Uint8Array(1000).fill(0xa5));
  const before = samples.map((b) => [bytesToHex(sha256(b)), bytesToHex(sha256d(b)), bytesToHex(taggedHash('t', b))]);
  installNativeHashing();
  installNativeHashing(); // idempotent
  samples.forEach((b, i) => {
    const viaNative = sha256(b);
    assert.ok(viaNative instanceof Uint8Array);
    assert.equal(viaNative.length, 32);
    assert.equal(bytesToHex(viaNative), bytesToHex(nobleSha256(b)));
    assert.deepEqual([bytesToHex(sha256(b)), bytesToHex(sha256d(b)), bytesToHex(taggedHash('t', b))], before[i]);
  });
  // Subarray inputs (views with an offset) hash only the view.
  const big = Uint8Array.from({ length: 100 }, (_, i) => i);
  assert.equal(bytesToHex(sha256(big.subarray(10, 20))), bytesToHex(nobleSha256(big.slice(10, 20))));
});

test('verifyNative agrees with noble verifyDigest on valid and corrupted signatures', () => {
  fc.assert(
    fc.property(secretKey, digest, fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 255 }), (sk, d, pos, x) => {
      const pk = publicKeyOf(sk);
      assert.deepEqual(publicKeyNative(sk), pk);
      const sig = signDigest(d, sk);
      assert.deepEqual(signNative(d, sk), sig, 'both sign with RFC 6979 and low s');
      assert.equal(verifyNative(sig, d, pk), true);
      assert.equal(verifyDigest(sig, d, pk), true);
      // Corrupt one byte of the signature or the digest.
      const s2 = Uint8Array.from(sig);
      const d2 = Uint8Array.from(d);
      if (pos < 64) s2[pos] ^= x;
      else d2[pos - 64] ^= x;
      assert.equal(verifyNative(s2, d2, pk), verifyDigest(s2, d2, pk));
      assert.equal(verifyNative(s2, d2, pk), false);
    }),
    { numRuns: 60 },
  );
});

test('verifyNative rejects a high-s signature, as noble does', () => {
  fc.assert(
    fc.property(secretKey, digest, (sk, d) => {
      const pk = publicKeyOf(sk);
      const high = toHighS(signDigest(d, sk));
      assert.equal(isHighS(high), true);
      assert.equal(verifyNative(high, d, pk), false);
      assert.equal(verifyDigest(high, d, pk), false);
    }),
    { numRuns: 30 },
  );
});

test('verifyNative returns false (never throws) on malformed input', () => {
  const sk = new Uint8Array(32).fill(1);
  const d = new Uint8Array(32).fill(2);
  const sig = signDigest(d, sk);
  const pk = publicKeyOf(sk);
  assert.equal(verifyNative(sig, d, new Uint8Array(33)), false);
  assert.equal(verifyNative(sig.subarray(0, 63), d, pk), false);
  assert.equal(verifyNative(sig, d.subarray(0, 31), pk), false);
  assert.equal(verifyNative(new Uint8Array(64).fill(0xff), d, pk), false, 'r, s above n');
  assert.equal(verifyNative(new Uint8Array(64), d, pk), false, 'zero signature');
});
