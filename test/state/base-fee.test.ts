import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextBaseFee } from '../../src/state/modules/fees/base-fee.js';
import { feeSplit, intrinsicGas } from '../../src/state/modules/fees/gas.js';
import { estimateFee } from '../../src/state/modules/fees/estimate.js';
import { regtest } from '../../src/params/networks.js';

const p = { ...regtest, fees: { ...regtest.fees, blockGasTarget: 1_000_000n, blockGasLimit: 2_000_000n, minBaseFee: 7n } };

test('base fee holds at the target, rises when full, falls when empty (EIP-1559, 1/8 max)', () => {
  assert.equal(nextBaseFee(p, 1000n, 1_000_000n), 1000n);
  assert.equal(nextBaseFee(p, 1000n, 2_000_000n), 1125n); // full block: +1/8
  assert.equal(nextBaseFee(p, 1000n, 0n), 875n); // empty block: -1/8
  assert.equal(nextBaseFee(p, 1000n, 1_500_000n), 1062n); // half-way over: +1/16, floored
  assert.equal(nextBaseFee(p, 8n, 1_000_001n), 9n); // always rises by at least 1 above target
  assert.equal(nextBaseFee(p, 7n, 0n), 7n); // never below the floor
});

test('fee split: burned part at the base fee, tip capped by the max fee', () => {
  const tx = { body: { maxFeePerGas: 100n, maxTipPerGas: 30n } } as any;
  assert.deepEqual(feeSplit(tx, 10n, 80n), { pricePerGas: 100n, fee: 1000n, burned: 800n, tip: 200n });
  assert.deepEqual(feeSplit(tx, 10n, 50n), { pricePerGas: 80n, fee: 800n, burned: 500n, tip: 300n });
  assert.equal(intrinsicGas(p, 100, 5000n), p.fees.txBaseGas + 5000n + 100n * p.fees.gasPerByte);
});

test('fee estimate covers the next base fee with headroom and a median tip', () => {
  const e = estimateFee(p, { baseFeePerGas: 1000n, gasUsed: 1_000_000n }, [5n, 1n, 9n]);
  assert.equal(e.baseFeePerGas, 1000n);
  assert.equal(e.maxTipPerGas, 5n);
  assert.ok(e.maxFeePerGas >= 1000n * 1125n * 1125n * 1125n / 1000n ** 3n * 1n + 5n);
});
