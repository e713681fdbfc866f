/**
 * The dashboard's yield calculator gives exactly the CLI's `stake calc` figures (cli/commands/stake-calc.ts
 * projectYield) for the same amount, days, rates and compounding, over a grid that covers commission,
 * pool fee, zero bonded ratio, fractional years and every compounding choice; and a hand-worked case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectYield } from '../../src/cli/commands/stake-calc.js';
import { parseDec } from '../../src/util/decimal.js';
import { calcYield, COMPOUNDING, type AprRates } from '../../src/web/yield.js';

test('calcYield equals the CLI projectYield on a grid of inputs', () => {
  const rateSets: AprRates[] = [
    { inflation: '0.13', bondedRatio: '0.6', communityTax: '0.02', commission: '0.1', poolFee: '0' },
    { inflation: '0.07', bondedRatio: '0.67', communityTax: '0', commission: '0', poolFee: '0.1' },
    { inflation: '0.2', bondedRatio: '0.000123456789', communityTax: '0.05', commission: '0.05', poolFee: '0' },
    { inflation: '0.1', bondedRatio: '0', communityTax: '0.02', commission: '0.1', poolFee: '0' },
    { inflation: '0.133333333333333333', bondedRatio: '0.5', communityTax: '0.02', commission: '1', poolFee: '0' },
  ];
  let n = 0;
  for (const r of rateSets)
    for (const amount of [1n, 1_000_000n, 10_000_000_000n, 123_456_789_012n])
      for (const days of [0, 1, 30, 365, 366, 1000])
        for (const [compounding] of COMPOUNDING) {
          const cli = projectYield({ amount, days, inflation: parseDec(r.inflation), bondedRatio: parseDec(r.bondedRatio), communityTax: parseDec(r.communityTax), commission: parseDec(r.commission), poolFee: parseDec(r.poolFee), compounding: BigInt(compounding) });
          const page = calcYield(amount, days, r, compounding);
          assert.deepEqual(
            { grossApr: page.grossApr, gross: page.gross, commission: page.commission, poolFee: page.poolFee, net: page.net, restaked: page.restaked },
            { ...cli },
            `amount ${amount}, days ${days}, compounding ${compounding}, rates ${JSON.stringify(r)}`,
          );
          n++;
        }
  assert.equal(n, 5 * 4 * 6 * 4);
});

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
