import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CURVE_N, isHighS, publicKeyOf, randomSecretKey, signDigest, signatureS, toHighS, verifyDigest } from '../../src/crypto/keys.js';
import { bytesToHex } from '../../src/encoding/hex.js';

const HALF_N = CURVE_N / 2n;
/** Valid secret keys: 1 .. n-1, edges included. */
const secretKey = fc
  .oneof(fc.bigInt({ min: 1n, max: CURVE_N - 1n }), fc.constantFrom(1n, 2n, CURVE_N - 1n, HALF_N, HALF_N + 1n))
  .map((k) => Uint8Array.from(Buffer.from(k.toString(16).padStart(64, '0'), 'hex')));
const digest = fc.uint8Array({ minLength: 32, maxLength: 32 });

test('public keys are 33-byte compressed points', () => {
  assert.equal(
    bytesToHex(publicKeyOf(Uint8Array.from(Buffer.from('00'.repeat(31) + '01', 'hex')))),
    // The generator point G.
    '0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798',
  );
  fc.assert(
    fc.property(secretKey, (sk) => {
      const pk = publicKeyOf(sk);
      assert.equal(pk.length, 33);
      assert.ok(pk[0] === 2 || pk[0] === 3);
    }),
    { numRuns: 50 },
  );
  assert.equal(randomSecretKey().length, 32);
  assert.notDeepEqual(randomSecretKey(), randomSecretKey());
});

test('signDigest is deterministic, 64 bytes, low-s, and verifies', () => {
  fc.assert(
    fc.property(secretKey, digest, (sk, d) => {
      const sig = signDigest(d, sk);
      assert.equal(sig.length, 64);
      assert.deepEqual(signDigest(d, sk), sig, 'RFC 6979 signatures are deterministic');
      assert.equal(isHighS(sig), false);
      assert.ok(signatureS(sig) <= HALF_N);
      assert.equal(verifyDigest(sig, d, publicKeyOf(sk)), true);
    }),
    { numRuns: 60 },
  );
});

test('verifyDigest rejects a changed digest, key or signature, and garbage', () => {
  fc.assert(
    fc.property(secretKey, secretKey, digest, fc.integer({ min: 0, max: 63 }), fc.integer({ min: 1, max: 255 }), (sk, other, d, i, x) => {
      fc.pre(bytesToHex(sk) !== bytesToHex(other));
      const sig = signDigest(d, sk);
      const pk = publicKeyOf(sk);
      const d2 = Uint8Array.from(d);
      d2[i % 32] ^= x;
      assert.equal(verifyDigest(sig, d2, pk), false, 'changed digest');
      assert.equal(verifyDigest(sig, d, publicKeyOf(other)), false, 'other key');
      const s2 = Uint8Array.from(sig);
      s2[i] ^= x;
      assert.equal(verifyDigest(s2, d, pk), false, 'changed signature');
    }),
    { numRuns: 40 },
  );
  const sk = Uint8Array.from({ length: 32 }, () => 1);
  const d = new Uint8Array(32);
  const sig = signDigest(d, sk);
  const pk = publicKeyOf(sk);
  assert.equal(verifyDigest(new Uint8Array(64), d, pk), false, 'all-zero signature');
  assert.equal(verifyDigest(sig.subarray(0, 63), d, pk), false, 'short signature');
  assert.equal(verifyDigest(sig, d, new Uint8Array(33)), false, 'invalid public key');
  assert.equal(verifyDigest(sig, d, pk.subarray(0, 32)), false, 'truncated public key');
});

test('isHighS / toHighS: n - s twin, same r, rejected by verifyDigest', () => {
  fc.assert(
    fc.property(secretKey, digest, (sk, d) => {
      const sig = signDigest(d, sk);
      const high = toHighS(sig);
      assert.equal(isHighS(high), true);
      assert.equal(signatureS(high), CURVE_N - signatureS(sig));
      assert.deepEqual(high.subarray(0, 32), sig.subarray(0, 32));
      assert.deepEqual(sig, signDigest(d, sk), 'toHighS must not mutate its input');
      assert.deepEqual(toHighS(high), sig, 'applying twice gives back the original');
      assert.equal(verifyDigest(high, d, publicKeyOf(sk)), false, 'the malleable twin is rejected');
    }),
    { numRuns: 40 },
  );
});

test('isHighS boundary is n/2 (s = floor(n/2) is low, s + 1 is high)', () => {
  const withS = (s: bigint) => {
    const sig = new Uint8Array(64);
    sig.set(Buffer.from(s.toString(16).padStart(64, '0'), 'hex'), 32);
    return sig;
  };
  assert.equal(isHighS(withS(1n)), false);
  assert.equal(isHighS(withS(HALF_N)), false);
  assert.equal(isHighS(withS(HALF_N + 1n)), true);
  assert.equal(isHighS(withS(CURVE_N - 1n)), true);
  assert.equal(signatureS(withS(0x0102n)), 0x0102n);
});
