import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MEDIAN_TIME_SPAN, checkBlockTime, medianTimePast } from '../../../src/consensus/pow/mtp.js';
import { BlockError } from '../../../src/errors.js';

test('median of 11 timestamps is the 6th smallest, whatever their order', () => {
  assert.equal(MEDIAN_TIME_SPAN, 11);
  assert.equal(medianTimePast([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 6);
  assert.equal(medianTimePast([11, 1, 10, 2, 9, 3, 8, 4, 7, 5, 6]), 6);
  assert.equal(medianTimePast([5, 5, 5, 1, 1, 1, 9, 9, 9, 9, 9]), 5);
});

test('only the last 11 timestamps count', () => {
  // The first values are outside the window: the median of 100..110 is 105.
  assert.equal(medianTimePast([1_000_000, 1_000_000, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110]), 105);
  assert.equal(medianTimePast([50, 10, 20, 30], 3), 20);
});

test('fewer than 11 timestamps: index floor(n / 2) of the sorted list (upper middle when even)', () => {
  assert.equal(medianTimePast([42]), 42);
  assert.equal(medianTimePast([10, 20]), 20);
  assert.equal(medianTimePast([30, 10, 20]), 20);
  assert.equal(medianTimePast([40, 10, 30, 20]), 30);
});

test('property: the median is an element and splits the window in halves', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 1, maxLength: 30 }), (times) => {
      const m = medianTimePast(times);
      const w = times.slice(-11);
      assert.ok(w.includes(m));
      const below = w.filter((t) => t < m).length;
      const above = w.filter((t) => t > m).length;
      assert.ok(below <= Math.floor(w.length / 2));
      assert.ok(above <= w.length - 1 - Math.floor(w.length / 2));
    }),
    { numRuns: 2000 },
  );
});

test('rejects an empty list and non-integer timestamps', () => {
  assert.throws(() => medianTimePast([]), (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_MALFORMED');
  assert.throws(() => medianTimePast([1, 2.5, 3]), BlockError);
  assert.throws(() => medianTimePast([1, 2, 3], 0), BlockError);
});

test('checkBlockTime: time must be strictly after MTP', () => {
  assert.equal(checkBlockTime(100, 100, 1000, 15), 'too-old');
  assert.equal(checkBlockTime(99, 100, 1000, 15), 'too-old');
  assert.equal(checkBlockTime(101, 100, 1000, 15), 'ok');
});

test('checkBlockTime: time may be at most now + drift', () => {
  assert.equal(checkBlockTime(1015, 100, 1000, 15), 'ok');
  assert.equal(checkBlockTime(1016, 100, 1000, 15), 'too-new');
  assert.equal(checkBlockTime(1000 + 7200, 100, 1000, 7200), 'ok');
  assert.equal(checkBlockTime(1000 + 7201, 100, 1000, 7200), 'too-new');
  assert.equal(checkBlockTime(1000, 100, 1000, 0), 'ok');
});

test('checkBlockTime: too-old wins when both apply (MTP ahead of the local clock)', () => {
  assert.equal(checkBlockTime(2000, 3000, 1000, 15), 'too-old');
  assert.throws(() => checkBlockTime(1, 0, 0, -1), BlockError);
});
