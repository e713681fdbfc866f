/** Typed coin amounts parse exactly (web/format.ts parseCoins), amounts of any decimals format exactly, and the reserve-ratio series (web/reserve-ratio.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coins, parseCoins } from '../../src/web/format.js';
import { ratioSeries } from '../../src/web/reserve-ratio.js';

test('parseCoins: exact base units, readable errors', () => {
  assert.equal(parseCoins('1'), 100_000_000n);
  assert.equal(parseCoins('1.5'), 150_000_000n);
  assert.equal(parseCoins(' .25 '), 25_000_000n);
  assert.equal(parseCoins('1,000.00000001'), 100_000_000_001n);
  assert.equal(parseCoins('0.1', 6), 100_000n);
  assert.equal(coins(parseCoins('12.34')), '12.34');
  assert.equal(coins(1_234_500_000n, 2, 6), '1,234.50', 'an asset of 6 decimals');
  assert.equal(coins(7n, 2, 0), '7', 'an asset without decimals');
  for (const bad of ['', '.', 'abc', '1.2.3', '-1', '0', '0.000000001', '184467440737.09551616']) assert.throws(() => parseCoins(bad), Error, bad);
});

test('ratioSeries: percent per point, none while the supply is zero, carried to the head', () => {
  const pts = [
    { height: 5, ratioBps: null },
    { height: 7, ratioBps: '12500' },
  ];
  assert.deepEqual(ratioSeries(pts, 10, '10000'), { x: [5, 7, 10], y: [null, 125, 100] });
  assert.deepEqual(ratioSeries(pts, 7, '12500'), { x: [5, 7], y: [null, 125] });
  assert.deepEqual(ratioSeries([], 9, null), { x: [], y: [] });
});
