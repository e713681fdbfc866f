import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DIFF1_TARGET, difficultyNumber, difficultyOf, formatDifficulty, hashMeetsTarget, workForBits } from '../../../src/consensus/pow/work.js';
import { compactToTarget, targetToCompact } from '../../../src/consensus/pow/compact.js';
import { hexToBytes } from '../../../src/encoding/hex.js';
import { BlockError, DecodeError } from '../../../src/errors.js';

/** 32-byte little-endian encoding of a 256-bit integer (independent of the code under test). */
function le32(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((v >> BigInt(8 * i)) & 0xffn);
  return out;
}

test('work of difficulty-1 bits is 0x100010001 (Bitcoin genesis chain work)', () => {
  assert.equal(workForBits(0x1d00ffff), 0x100010001n);
});

test('work of regtest bits 0x207fffff is 2', () => {
  assert.equal(workForBits(0x207fffff), 2n);
});

test('work equals Bitcoin GetBlockProof form (~target / (target + 1)) + 1', () => {
  const bitsArb = fc.tuple(fc.integer({ min: 1, max: 0x20 }), fc.integer({ min: 1, max: 0x7fffff })).map(([e, m]) => ((e << 24) | m) >>> 0);
  fc.assert(
    fc.property(bitsArb, (bits) => {
      const target = compactToTarget(bits).target;
      fc.pre(target > 0n);
      const notTarget = ((1n << 256n) - 1n) ^ target;
      assert.equal(workForBits(bits), notTarget / (target + 1n) + 1n);
    }),
    { numRuns: 2000 },
  );
});

test('work is 0 for negative, overflowing or zero bits', () => {
  assert.equal(workForBits(0x04923456), 0n);
  assert.equal(workForBits(0xff123456), 0n);
  assert.equal(workForBits(0x01003456), 0n);
  assert.equal(workForBits(0), 0n);
});

test('work of target 1 is 2^255', () => {
  assert.equal(workForBits(0x01010000), 1n << 255n); // target 1: 2^256 / 2
});

test('harder bits never mean less work', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 1n, max: (1n << 255n) - 1n }), fc.bigInt({ min: 1n, max: (1n << 255n) - 1n }), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      assert.ok(workForBits(targetToCompact(lo)) >= workForBits(targetToCompact(hi)));
    }),
    { numRuns: 1000 },
  );
});

test('difficulty of 0x1d00ffff is exactly 1', () => {
  assert.deepEqual(difficultyOf(0x1d00ffff), { numerator: 1n, denominator: 1n });
  assert.equal(formatDifficulty(0x1d00ffff), '1.00000000');
  assert.equal(difficultyNumber(0x1d00ffff), 1);
});

test('difficulty of a 256x harder target is 256; of an easier target below 1', () => {
  assert.deepEqual(difficultyOf(0x1c00ffff), { numerator: 256n, denominator: 1n });
  assert.equal(formatDifficulty(0x1c00ffff, 2), '256.00');
  assert.equal(formatDifficulty(0x1c00ffff, 0), '256');
  // regtest: 0xffff * 2^208 / (0x7fffff * 2^232) = 0xffff / (0x7fffff * 2^24)
  const d = difficultyOf(0x207fffff);
  assert.equal(d.numerator * ((0x7fffffn) << 24n), d.denominator * 0xffffn);
  assert.equal(formatDifficulty(0x207fffff, 12), '0.000000000465');
  assert.ok(difficultyNumber(0x207fffff) > 4.65e-10 && difficultyNumber(0x207fffff) < 4.66e-10);
});

test('difficulty is a reduced fraction equal to DIFF1 / target', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 1n, max: (1n << 255n) - 1n }), (t0) => {
      const bits = targetToCompact(t0);
      const target = compactToTarget(bits).target;
      const { numerator, denominator } = difficultyOf(bits);
      assert.equal(numerator * target, denominator * DIFF1_TARGET);
      let [a, b] = [numerator, denominator];
      while (b !== 0n) [a, b] = [b, a % b];
      assert.equal(a, 1n);
    }),
    { numRuns: 1000 },
  );
});

test('difficulty of invalid bits throws BLOCK_BAD_DIFFICULTY', () => {
  for (const bits of [0x04923456, 0xff123456, 0x01003456]) {
    assert.throws(() => difficultyOf(bits), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_BAD_DIFFICULTY');
  }
  assert.throws(() => formatDifficulty(0x1d00ffff, -1), DecodeError);
});

test('Bitcoin genesis hash meets 0x1d00ffff', () => {
  // Display hex is big-endian; the internal (little-endian) bytes are its reverse.
  const display = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';
  const internal = hexToBytes(display).reverse();
  assert.equal(hashMeetsTarget(internal, compactToTarget(0x1d00ffff).target), true);
  assert.equal(hashMeetsTarget(internal, compactToTarget(0x1b00ffff).target), false);
});

test('hash equal to the target meets it; one above does not', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: (1n << 256n) - 2n }), (t) => {
      assert.equal(hashMeetsTarget(le32(t), t), true);
      assert.equal(hashMeetsTarget(le32(t + 1n), t), false);
    }),
    { numRuns: 1000 },
  );
  assert.equal(hashMeetsTarget(new Uint8Array(32), 0n), true);
  const top = new Uint8Array(32);
  top[31] = 1; // little-endian: the most significant byte is last
  assert.equal(hashMeetsTarget(top, (1n << 248n) - 1n), false);
});

test('hashMeetsTarget rejects hashes that are not 32 bytes', () => {
  assert.throws(() => hashMeetsTarget(new Uint8Array(31), 1n), (e: unknown) => e instanceof DecodeError && e.code === 'DECODE_INVALID');
});
