import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_UINT256, compactToTarget, targetFromBits, targetToCompact } from '../../../src/consensus/pow/compact.js';
import { BlockError, DecodeError, EncodeError } from '../../../src/errors.js';

const isBadDifficulty = (reason: string) => (e: unknown) =>
  e instanceof BlockError && e.code === 'BLOCK_BAD_DIFFICULTY' && e.data.reason === reason;

// Vectors from /work/shared/reference/mining.md (Bitcoin Core arith_uint256_tests / pow_tests).
test('mining.md: 0x01123456 decodes to 0x12 and re-encodes as 0x01120000', () => {
  assert.deepEqual(compactToTarget(0x01123456), { target: 0x12n, negative: false, overflow: false });
  assert.equal(targetToCompact(0x12n), 0x01120000);
});

test('mining.md: 0x02123456 decodes to 0x1234', () => {
  assert.deepEqual(compactToTarget(0x02123456), { target: 0x1234n, negative: false, overflow: false });
  assert.equal(targetToCompact(0x1234n), 0x02123400);
});

test('mining.md: 0x04123456 decodes to 0x12345600 and round-trips', () => {
  assert.deepEqual(compactToTarget(0x04123456), { target: 0x12345600n, negative: false, overflow: false });
  assert.equal(targetToCompact(0x12345600n), 0x04123456);
});

test('mining.md: 0x01003456 decodes to 0 (zero is rejected as a target)', () => {
  assert.deepEqual(compactToTarget(0x01003456), { target: 0n, negative: false, overflow: false });
  assert.equal(targetToCompact(0n), 0);
  assert.throws(() => targetFromBits(0x01003456), isBadDifficulty('zero'));
});

test('mining.md: 0x04923456 is negative and rejected', () => {
  const d = compactToTarget(0x04923456);
  assert.equal(d.negative, true);
  assert.equal(d.overflow, false);
  assert.equal(d.target, 0x12345600n);
  assert.throws(() => targetFromBits(0x04923456), isBadDifficulty('negative'));
});

test('mining.md: target 0x80 encodes as 0x02008000 (sign bit avoided)', () => {
  assert.equal(targetToCompact(0x80n), 0x02008000);
  assert.equal(compactToTarget(0x02008000).target, 0x80n);
});

test('mining.md: 0x1d00ffff is 0x00000000ffff0000...0 (difficulty 1)', () => {
  const hex = compactToTarget(0x1d00ffff).target.toString(16).padStart(64, '0');
  assert.equal(hex, '00000000ffff' + '0'.repeat(52));
  assert.equal(targetFromBits(0x1d00ffff), 0xffffn << 208n);
  assert.equal(targetToCompact(0xffffn << 208n), 0x1d00ffff);
});

// Further cases that follow directly from SetCompact's rules.
test('zero mantissa after the size shift is neither negative nor an error flag', () => {
  for (const bits of [0, 0x00123456, 0x00923456, 0x01803456, 0x02800056, 0x03800000, 0x04800000, 0x02000056]) {
    assert.deepEqual(compactToTarget(bits), { target: 0n, negative: false, overflow: false }, bits.toString(16));
  }
});

test('0x01fedcba keeps 0x7e and is negative', () => {
  assert.deepEqual(compactToTarget(0x01fedcba), { target: 0x7en, negative: true, overflow: false });
});

test('0x20123456 is a 32-byte target; 0xff123456 and oversize mantissas overflow', () => {
  assert.equal(compactToTarget(0x20123456).target, 0x123456n << 232n);
  assert.equal(targetToCompact(0x123456n << 232n), 0x20123456);
  assert.equal(compactToTarget(0xff123456).overflow, true);
  assert.throws(() => targetFromBits(0xff123456), isBadDifficulty('overflow'));
  // Overflow boundaries: 34 bytes for a 1-byte mantissa, 33 for 2 bytes, 32 for 3 bytes.
  assert.equal(compactToTarget(0x22000001).overflow, false);
  assert.equal(compactToTarget(0x23000001).overflow, true);
  assert.equal(compactToTarget(0x21000100).overflow, false);
  assert.equal(compactToTarget(0x22000100).overflow, true);
  assert.equal(compactToTarget(0x20010000).overflow, false);
  assert.equal(compactToTarget(0x21010000).overflow, true);
  assert.equal(compactToTarget(0x22000001).target, 1n << 248n);
});

test('network bits used by Coinworks are canonical and valid', () => {
  for (const bits of [0x207fffff, 0x1f00ffff, 0x1e0fffff]) {
    assert.equal(targetToCompact(targetFromBits(bits)), bits);
  }
  assert.equal(targetFromBits(0x207fffff), 0x7fffffn << 232n);
});

test('rejects non-uint32 bits and out-of-range targets with typed errors', () => {
  for (const bad of [-1, 0x100000000, 1.5, Number.NaN]) {
    assert.throws(() => compactToTarget(bad), (e: unknown) => e instanceof DecodeError && e.code === 'DECODE_INVALID');
  }
  for (const bad of [-1n, MAX_UINT256 + 1n]) {
    assert.throws(() => targetToCompact(bad), (e: unknown) => e instanceof EncodeError && e.code === 'ENCODE_INVALID');
  }
  assert.equal(targetToCompact(MAX_UINT256), 0x2100ffff);
});

// Random uint32 mostly overflow, so also draw exponents 0..0x22 (every valid size and its edges).
const uint32 = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.tuple(fc.integer({ min: 0, max: 0x22 }), fc.integer({ min: 0, max: 0xffffff })).map(([e, m]) => ((e << 24) | m) >>> 0),
);
const target256 = fc.bigInt({ min: 0n, max: MAX_UINT256 });
// Targets spread over all magnitudes, not only near 2^256.
const anyMagnitude = fc.tuple(fc.bigInt({ min: 1n, max: MAX_UINT256 }), fc.integer({ min: 0, max: 255 })).map(([t, s]) => t >> BigInt(s));

test('property: a valid decoded target re-encodes and decodes to itself', () => {
  fc.assert(
    fc.property(uint32, (bits) => {
      const d = compactToTarget(bits);
      if (d.negative || d.overflow) return;
      const again = compactToTarget(targetToCompact(d.target));
      assert.equal(again.target, d.target);
      assert.equal(again.negative, false);
      assert.equal(again.overflow, false);
    }),
    { numRuns: 5000 },
  );
});

test('property: canonical bits are a fixed point of decode then encode', () => {
  fc.assert(
    fc.property(fc.oneof(target256, anyMagnitude), (t) => {
      const bits = targetToCompact(t);
      assert.equal(targetToCompact(compactToTarget(bits).target), bits);
    }),
    { numRuns: 5000 },
  );
});

test('property: encoding never sets the sign bit, and decoding loses less than 1/2^15 of the target', () => {
  fc.assert(
    fc.property(fc.oneof(target256, anyMagnitude), (t) => {
      const bits = targetToCompact(t);
      assert.equal(bits & 0x00800000, 0);
      const d = compactToTarget(bits);
      assert.equal(d.negative, false);
      assert.equal(d.overflow, false);
      assert.ok(d.target <= t);
      assert.ok((t - d.target) << 15n <= t, `lost too much of ${t}`);
      if (t < 0x800000n) assert.equal(d.target, t); // fits the 23-bit mantissa exactly
    }),
    { numRuns: 5000 },
  );
});

test('property: encode-decode is monotonic in the target', () => {
  fc.assert(
    fc.property(fc.oneof(target256, anyMagnitude), fc.oneof(target256, anyMagnitude), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      assert.ok(compactToTarget(targetToCompact(lo)).target <= compactToTarget(targetToCompact(hi)).target);
    }),
    { numRuns: 3000 },
  );
});

test('property: targetFromBits accepts exactly the positive, non-negative, non-overflowing bits', () => {
  fc.assert(
    fc.property(uint32, (bits) => {
      const d = compactToTarget(bits);
      const ok = !d.negative && !d.overflow && d.target > 0n;
      if (ok) assert.equal(targetFromBits(bits), d.target);
      else assert.throws(() => targetFromBits(bits), BlockError);
    }),
    { numRuns: 5000 },
  );
});
