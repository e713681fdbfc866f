import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BITCOIN_TARGET_TIMESPAN, bitcoinNextBits } from '../../../src/consensus/pow/bitcoin-retarget.js';
import { compactToTarget } from '../../../src/consensus/pow/compact.js';
import { BlockError } from '../../../src/errors.js';

const LIMIT = 0x1d00ffff;

// Vectors from /work/shared/reference/mining.md (Bitcoin Core src/test/pow_tests.cpp).
test('mining.md: ordinary retarget 0x1d00ffff -> 0x1d00d86a', () => {
  assert.equal(bitcoinNextBits(1261130161, 1262152739, 0x1d00ffff, LIMIT), 0x1d00d86a);
});

test('mining.md: capped at the pow limit', () => {
  assert.equal(bitcoinNextBits(1231006505, 1233061996, 0x1d00ffff, LIMIT), 0x1d00ffff);
});

test('mining.md: lower clamp (timespan / 4) 0x1c05a3f4 -> 0x1c0168fd', () => {
  assert.equal(bitcoinNextBits(1279008237, 1279297671, 0x1c05a3f4, LIMIT), 0x1c0168fd);
});

test('mining.md: upper clamp (timespan x 4) 0x1c387f6f -> 0x1d00e1fd', () => {
  assert.equal(bitcoinNextBits(1263163443, 1269211443, 0x1c387f6f, LIMIT), 0x1d00e1fd);
});

test('an exact two-week period keeps canonical bits unchanged', () => {
  for (const bits of [0x1c05a3f4, 0x1b0404cb, 0x1d00ffff]) {
    assert.equal(bitcoinNextBits(1_000_000, 1_000_000 + BITCOIN_TARGET_TIMESPAN, bits, LIMIT), bits);
  }
});

test('property: the new target stays within [old / 4, old x 4] (before compact truncation) and the limit', () => {
  const limit = compactToTarget(LIMIT).target;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.integer({ min: -BITCOIN_TARGET_TIMESPAN, max: 10 * BITCOIN_TARGET_TIMESPAN }),
      fc.integer({ min: 0x03008000, max: 0x1d00ffff }),
      (first, span, oldBits) => {
        const old = compactToTarget(oldBits);
        fc.pre(!old.negative && !old.overflow && old.target > 0n && old.target <= limit);
        const next = compactToTarget(bitcoinNextBits(first, first + span, oldBits, LIMIT)).target;
        assert.ok(next <= limit);
        assert.ok(next <= old.target * 4n);
        // Compact encoding drops at most 1/2^15 of the value.
        const floor = old.target / 4n;
        assert.ok(next >= floor - (floor >> 15n) - 1n);
      },
    ),
    { numRuns: 2000 },
  );
});

test('rejects invalid old bits', () => {
  assert.throws(() => bitcoinNextBits(0, BITCOIN_TARGET_TIMESPAN, 0x04923456, LIMIT), BlockError);
  assert.throws(() => bitcoinNextBits(0.5, BITCOIN_TARGET_TIMESPAN, 0x1d00ffff, LIMIT), BlockError);
});
