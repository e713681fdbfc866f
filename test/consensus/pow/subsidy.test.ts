import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { blockSubsidy, totalSubsidyUpTo } from '../../../src/consensus/pow/subsidy.js';
import { BlockError } from '../../../src/errors.js';
import { ONE_COIN, devnet, powParams, regtest } from '../../../src/params/networks.js';

const INITIAL = 50n * ONE_COIN;
const I = 210_000;

/** Slow reference: add every block's subsidy one by one. */
function slowTotal(height: bigint, initial: bigint, interval: number): bigint {
  let sum = 0n;
  for (let h = 1n; h <= height; h++) sum += blockSubsidy(h, initial, interval);
  return sum;
}

test('subsidy halves exactly at interval boundaries', () => {
  assert.equal(blockSubsidy(0n, INITIAL, I), INITIAL);
  assert.equal(blockSubsidy(209_999n, INITIAL, I), INITIAL);
  assert.equal(blockSubsidy(210_000n, INITIAL, I), INITIAL / 2n);
  assert.equal(blockSubsidy(419_999n, INITIAL, I), INITIAL / 2n);
  assert.equal(blockSubsidy(420_000n, INITIAL, I), INITIAL / 4n);
  assert.equal(blockSubsidy(630_000n, INITIAL, I), 625_000_000n);
  assert.equal(blockSubsidy(840_000n, INITIAL, I), 312_500_000n);
});

test('subsidy reaches 0 (integer shift) after 33 halvings of 50 coins, and is 0 from 64 halvings on', () => {
  assert.equal(blockSubsidy(BigInt(I) * 32n, INITIAL, I), 1n); // 5e9 >> 32 = 1
  assert.equal(blockSubsidy(BigInt(I) * 33n, INITIAL, I), 0n);
  const big = (1n << 70n) - 1n; // an initial where only the 64-halving rule gives 0
  assert.equal(blockSubsidy(BigInt(I) * 64n - 1n, big, I), big >> 63n);
  assert.equal(blockSubsidy(BigInt(I) * 64n, big, I), 0n);
  assert.equal(blockSubsidy(10n ** 30n, big, I), 0n);
});

test('regtest halves every 150 blocks', () => {
  const { initial, halvingInterval } = powParams(regtest).subsidy;
  assert.equal(blockSubsidy(149n, initial, halvingInterval), initial);
  assert.equal(blockSubsidy(150n, initial, halvingInterval), initial / 2n);
  assert.equal(blockSubsidy(300n, initial, halvingInterval), initial / 4n);
});

test('total subsidy excludes genesis and counts boundary blocks once', () => {
  assert.equal(totalSubsidyUpTo(0n, INITIAL, I), 0n);
  assert.equal(totalSubsidyUpTo(1n, INITIAL, I), INITIAL);
  assert.equal(totalSubsidyUpTo(209_999n, INITIAL, I), 209_999n * INITIAL);
  assert.equal(totalSubsidyUpTo(210_000n, INITIAL, I), 209_999n * INITIAL + INITIAL / 2n);
  assert.equal(totalSubsidyUpTo(420_000n, INITIAL, I), 209_999n * INITIAL + 210_000n * (INITIAL / 2n) + INITIAL / 4n);
});

test('total subsidy is bounded by Bitcoin-like supply and stops growing', () => {
  const { initial, halvingInterval } = powParams(devnet).subsidy;
  const all = totalSubsidyUpTo(BigInt(halvingInterval) * 64n, initial, halvingInterval);
  assert.equal(totalSubsidyUpTo(10n ** 20n, initial, halvingInterval), all);
  // Sum over eras of 210000 * (5e9 >> e), minus the genesis block's 50 coins.
  let expected = 0n;
  for (let e = 0n; e < 64n; e++) expected += 210_000n * (initial >> e);
  assert.equal(all, expected - initial);
  assert.ok(all < 21_000_000n * ONE_COIN);
});

test('property: total subsidy matches a block-by-block sum', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 40 }), fc.bigInt({ min: 0n, max: 10n ** 12n }), (h, interval, initial) => {
      assert.equal(totalSubsidyUpTo(BigInt(h), initial, interval), slowTotal(BigInt(h), initial, interval));
    }),
    { numRuns: 300 },
  );
  assert.equal(totalSubsidyUpTo(5n, 8n, 1), 4n + 2n + 1n + 0n + 0n);
});

test('rejects negative heights, negative initial and non-positive intervals', () => {
  const malformed = (e: unknown) => e instanceof BlockError && e.code === 'BLOCK_MALFORMED';
  assert.throws(() => blockSubsidy(-1n, INITIAL, I), malformed);
  assert.throws(() => blockSubsidy(0n, -1n, I), malformed);
  assert.throws(() => blockSubsidy(0n, INITIAL, 0), malformed);
  assert.throws(() => totalSubsidyUpTo(-1n, INITIAL, I), malformed);
  assert.throws(() => totalSubsidyUpTo(1n, INITIAL, 1.5), malformed);
});
