import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatAmount, formatUnits, parseAmount, MAX_AMOUNT } from '../../src/cli/amount.js';
import { CliError } from '../../src/cli/errors.js';

test('parses decimal CWC amounts to exact base units', () => {
  assert.equal(parseAmount('1'), 100_000_000n);
  assert.equal(parseAmount('1.5'), 150_000_000n);
  assert.equal(parseAmount('0.00000001'), 1n);
  assert.equal(parseAmount('.5'), 50_000_000n);
  assert.equal(parseAmount('1.'), 100_000_000n);
  assert.equal(parseAmount('1000000'), 100_000_000_000_000n);
  assert.equal(parseAmount(' 2.25 '), 225_000_000n);
  assert.equal(parseAmount('1_000.1'), 100_010_000_000n);
  // Values floats get wrong: 0.1 + 0.2 style and beyond 2^53 base units.
  assert.equal(parseAmount('0.29'), 29_000_000n);
  assert.equal(parseAmount('123456789.12345678'), 12_345_678_912_345_678n);
  assert.equal(parseAmount('184467440737.09551615'), MAX_AMOUNT);
});

test('rejects anything that is not a plain positive decimal, as a usage error', () => {
  for (const bad of ['', ' ', '.', '-1', '+1', '1e8', '0x10', '1.123456789', 'abc', '1,5', '1.2.3', '0', '0.00000000', 'NaN', 'Infinity', '184467440737.09551616']) {
    assert.throws(
      () => parseAmount(bad),
      (e: unknown) => e instanceof CliError && e.code === 'CLI_BAD_AMOUNT' && e.usage && e.message.startsWith('invalid amount'),
      bad,
    );
  }
  assert.equal(parseAmount('0', 8, { allowZero: true }), 0n);
});

test('formats base units with all 8 decimals', () => {
  assert.equal(formatUnits(0n), '0.00000000');
  assert.equal(formatUnits(1n), '0.00000001');
  assert.equal(formatUnits(150_000_000n), '1.50000000');
  assert.equal(formatUnits('100000000000000'), '1000000.00000000');
  assert.equal(formatUnits(-5n), '-0.00000005');
  assert.equal(formatAmount(123_456_789n), '1.23456789 CWC');
});

test('parse(format(x)) == x for every amount', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 1n, max: MAX_AMOUNT }), (x) => parseAmount(formatUnits(x)) === x),
    { numRuns: 500 },
  );
});
