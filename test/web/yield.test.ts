/**
 * The dashboard's yield calculator reads staking_getApr's decimal strings into the client SDK's
 * projectYield (the rule `stake calc` uses; the browser test checks the page against the CLI): a
 * hand-worked case, and whole days only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calcYield } from '../../src/web/yield.js';

test('calcYield on a hand-worked case: 100 CWC for 365.25 days at 10% gross, 10% commission', () => {
  // gross APR = 0.06 x (1 - 0) / 0.6 = 0.1; 100 CWC = 10^10 base units; 365 days: 10^10 x 0.1 x 365 / 365.25, floored.
  const y = calcYield(10_000_000_000n, 365, { inflation: '0.06', bondedRatio: '0.6', communityTax: '0', commission: '0.1', poolFee: '0' }, 1);
  assert.equal(y.grossApr, 10n ** 17n);
  assert.equal(y.gross, (10_000_000_000n * 36_500n) / (10n * 36_525n));
  assert.equal(y.commission, y.gross / 10n);
  assert.equal(y.net, y.gross - y.commission);
  assert.equal(y.netApr, 9n * 10n ** 16n);
  assert.throws(() => calcYield(1n, 1.5, { inflation: '0', bondedRatio: '1', communityTax: '0', commission: '0', poolFee: '0' }, 1), RangeError);
});
