import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { asertFactor, asertNextBits, asertNextTarget, type AsertInput } from '../../../src/consensus/pow/asert.js';
import { targetFromBits, targetToCompact } from '../../../src/consensus/pow/compact.js';
import { devnet, powParams, regtest, testnet, type NetworkParams } from '../../../src/params/networks.js';

/** The ASERT parameters of a network (its PoW rules and block time). */
const asertParams = (net: NetworkParams) => ({ ...powParams(net), targetSpacing: net.blockTime });
import { BlockError } from '../../../src/errors.js';

const POW_LIMIT = targetFromBits(0x1f00ffff);
const T0 = targetFromBits(0x1e0fffff);
const SPACING = 30;
const HALF_LIFE = 3600;
const PARENT_TIME = 1_767_225_600 - SPACING;

/** Input for a block whose parent is `height` blocks past the anchor and `late` seconds behind schedule. */
function at(height: bigint, late: number, over: Partial<AsertInput> = {}): AsertInput {
  const base = { anchorTarget: T0, anchorParentTime: PARENT_TIME, anchorHeight: 0n, targetSpacing: SPACING, halfLife: HALF_LIFE, powLimit: POW_LIMIT, ...over };
  const scheduled = base.anchorParentTime + base.targetSpacing * (Number(height - base.anchorHeight) + 1);
  return { ...base, evalHeight: height, evalTime: scheduled + late };
}

/**
 * Independent transcription of the aserti3-2d formula for cross-checking: sign-magnitude truncated
 * division (the C++ `/` of the reference), floor split into integer and fraction, then one exact
 * rational floor of T * factor * 2^shifts / 2^16.
 */
function reference(p: AsertInput): bigint {
  const lateness = BigInt(p.evalTime - p.anchorParentTime) - BigInt(p.targetSpacing) * (p.evalHeight - p.anchorHeight + 1n);
  const scaled = lateness * 65536n;
  const hl = BigInt(p.halfLife);
  const exponent = scaled >= 0n ? scaled / hl : -(-scaled / hl);
  const shifts = exponent >= 0n ? exponent / 65536n : -((-exponent + 65535n) / 65536n);
  const f = exponent - shifts * 65536n;
  const poly = 195766423245049n * f + 971821376n * f ** 2n + 5127n * f ** 3n + 2n ** 47n;
  const factor = 65536n + poly / 2n ** 48n;
  let next: bigint;
  if (shifts > 300n) next = p.powLimit + 1n;
  else if (shifts < -300n) next = 0n;
  else if (shifts >= 0n) next = (p.anchorTarget * factor * 2n ** shifts) / 65536n;
  else next = (p.anchorTarget * factor) / (65536n * 2n ** -shifts);
  return next < 1n ? 1n : next > p.powLimit ? p.powLimit : next;
}

test('the 2^x polynomial: endpoints, monotonic, and within 0.013% of 2^x for every fraction', () => {
  assert.equal(asertFactor(0n), 65536n);
  assert.ok(asertFactor(65535n) < 131072n);
  let prev = 0n;
  for (let f = 0; f < 65536; f++) {
    const factor = asertFactor(BigInt(f));
    assert.ok(factor >= prev);
    prev = factor;
    // Test-only float check of the approximation quality (consensus code never uses floats).
    const exact = 65536 * 2 ** (f / 65536);
    assert.ok(Math.abs(Number(factor) - exact) / exact < 0.00013, `frac ${f}`);
  }
  // Integer check at x = 1/2: factor^2 / 2^32 is within 0.03% of 2.
  const half = asertFactor(32768n);
  const err = half * half - 2n * 65536n * 65536n;
  assert.ok((err < 0n ? -err : err) * 10000n < 3n * 2n * 65536n * 65536n);
  assert.throws(() => asertFactor(65536n), BlockError);
  assert.throws(() => asertFactor(-1n), BlockError);
});

test('blocks exactly on schedule keep the anchor target', () => {
  for (const h of [0n, 1n, 2n, 100n, 123_456n, 10_000_000n]) {
    assert.equal(asertNextTarget(at(h, 0)), T0, `height ${h}`);
    assert.equal(asertNextTarget(at(h, 0, { anchorTarget: 1n })), 1n);
    assert.equal(asertNextTarget(at(h, 0, { anchorTarget: POW_LIMIT })), POW_LIMIT);
  }
});

test('one half-life late doubles the target exactly; one half-life early halves it', () => {
  for (const h of [0n, 7n, 5000n]) {
    assert.equal(asertNextTarget(at(h, HALF_LIFE)), 2n * T0);
    assert.equal(asertNextTarget(at(h, -HALF_LIFE)), T0 >> 1n);
    assert.equal(asertNextTarget(at(h, 3 * HALF_LIFE)), 8n * T0);
    assert.equal(asertNextTarget(at(h, -5 * HALF_LIFE)), T0 >> 5n);
  }
  const odd = T0 + 1n; // odd target: halving floors
  assert.equal(asertNextTarget(at(3n, -HALF_LIFE, { anchorTarget: odd })), odd / 2n);
});

test('half a half-life late multiplies by the polynomial value of sqrt(2)', () => {
  const expected = (T0 * (65536n + ((195766423245049n * 32768n + 971821376n * 32768n ** 2n + 5127n * 32768n ** 3n + 2n ** 47n) >> 48n))) >> 16n;
  assert.equal(asertNextTarget(at(10n, HALF_LIFE / 2)), expected);
  // 2^0.5 = 1.41421...; the cubic gives 92674 / 65536 = 1.41409 (0.0085% low, inside the 0.013% bound).
  assert.ok(expected > (T0 * 14139n) / 10000n && expected < (T0 * 14143n) / 10000n);
});

test('the exponent division truncates toward zero (the C++ `/` of the reference), then floors by shift', () => {
  const p = at(0n, -1, { halfLife: 60 }); // exponent = trunc(-65536 / 60) = -1092 (floor would be -1093)
  assert.equal(asertNextTarget(p), (T0 * asertFactor(65536n - 1092n)) >> 17n);
  const q = at(0n, 1, { halfLife: 60 }); // exponent = 1092
  assert.equal(asertNextTarget(q), (T0 * asertFactor(1092n)) >> 16n);
});

test('clamps at the pow limit and never reaches 0', () => {
  assert.equal(asertNextTarget(at(5n, 10 * HALF_LIFE)), POW_LIMIT);
  assert.equal(asertNextTarget(at(5n, 2 ** 40)), POW_LIMIT); // absurdly late: no giant intermediate
  assert.equal(asertNextTarget(at(5n, -300 * HALF_LIFE)), 1n);
  assert.equal(asertNextTarget(at(5n, -(2 ** 40))), 1n);
  assert.equal(asertNextTarget(at(10n ** 13n, -1, { anchorTarget: 1n })), 1n);
});

const inputArb = fc
  .record({
    anchorTarget: fc.bigInt({ min: 1n, max: POW_LIMIT }),
    height: fc.bigInt({ min: 0n, max: 50_000_000n }),
    late: fc.integer({ min: -400 * HALF_LIFE, max: 400 * HALF_LIFE }),
    spacing: fc.integer({ min: 1, max: 600 }),
    halfLife: fc.integer({ min: 1, max: 200_000 }),
  })
  .map(({ anchorTarget, height, late, spacing, halfLife }) => at(height, late, { anchorTarget, targetSpacing: spacing, halfLife }));

test('property: matches an independent transcription of the formula', () => {
  fc.assert(fc.property(inputArb, (p) => assert.equal(asertNextTarget(p), reference(p))), { numRuns: 3000 });
});

test('property: result is always within [1, powLimit]', () => {
  fc.assert(
    fc.property(inputArb, (p) => {
      const t = asertNextTarget(p);
      assert.ok(t >= 1n && t <= p.powLimit);
    }),
    { numRuns: 3000 },
  );
});

test('property: later parent time never makes the target smaller; more blocks never make it larger', () => {
  fc.assert(
    fc.property(inputArb, fc.integer({ min: 0, max: 100_000 }), fc.bigInt({ min: 0n, max: 10_000n }), (p, dt, dh) => {
      const t = asertNextTarget(p);
      assert.ok(asertNextTarget({ ...p, evalTime: p.evalTime + dt }) >= t);
      assert.ok(asertNextTarget({ ...p, evalHeight: p.evalHeight + dh }) <= t);
    }),
    { numRuns: 2000 },
  );
});

test('property: absolutely scheduled: one more block one spacing later gives the same target', () => {
  fc.assert(
    fc.property(inputArb, fc.bigInt({ min: 1n, max: 1000n }), (p, k) => {
      const shifted = { ...p, evalHeight: p.evalHeight + k, evalTime: p.evalTime + Number(k) * p.targetSpacing };
      assert.equal(asertNextTarget(shifted), asertNextTarget(p));
    }),
    { numRuns: 2000 },
  );
});

test('property: k half-lives late or early scale the target by exactly 2^k (until clamped)', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 1n, max: POW_LIMIT }), fc.integer({ min: -40, max: 40 }), (target, k) => {
      const got = asertNextTarget(at(9n, k * HALF_LIFE, { anchorTarget: target }));
      const ideal = k >= 0 ? target << BigInt(k) : target >> BigInt(-k);
      assert.equal(got, ideal < 1n ? 1n : ideal > POW_LIMIT ? POW_LIMIT : ideal);
    }),
    { numRuns: 2000 },
  );
});

test('rejects inputs outside the algorithm domain', () => {
  const bad = (p: AsertInput, code: string) =>
    assert.throws(() => asertNextTarget(p), (e: unknown) => e instanceof BlockError && e.code === code);
  bad({ ...at(5n, 0), evalHeight: -1n }, 'BLOCK_MALFORMED');
  bad(at(5n, 0, { anchorHeight: 6n }), 'BLOCK_MALFORMED');
  bad(at(5n, 0, { anchorTarget: 0n }), 'BLOCK_BAD_DIFFICULTY');
  bad(at(5n, 0, { anchorTarget: POW_LIMIT + 1n }), 'BLOCK_BAD_DIFFICULTY');
  bad(at(5n, 0, { halfLife: 0 }), 'BLOCK_MALFORMED');
  bad(at(5n, 0, { targetSpacing: 0 }), 'BLOCK_MALFORMED');
  bad({ ...at(5n, 0), evalTime: 1.5 }, 'BLOCK_MALFORMED');
  bad(at(5n, 0, { powLimit: 1n << 256n, anchorTarget: 1n }), 'BLOCK_MALFORMED');
});

test('asertNextBits anchors at genesis: block 1 at genesis time keeps genesisBits on every network', () => {
  for (const net of [devnet, testnet, regtest]) {
    const g = net.genesis.time;
    assert.equal(asertNextBits({ pow: asertParams(net), genesisTime: g, evalTime: g, evalHeight: 0n }), powParams(net).genesisBits, net.name);
    const onSchedule = g + 1000 * net.blockTime;
    assert.equal(asertNextBits({ pow: asertParams(net), genesisTime: g, evalTime: onSchedule, evalHeight: 1000n }), powParams(net).genesisBits);
  }
});

test('asertNextBits: a half-life late doubles, early halves, and regtest stays at its limit', () => {
  const g = testnet.genesis.time;
  const tn = (late: number) => asertNextBits({ pow: asertParams(testnet), genesisTime: g, evalTime: g + 99 * 30 + late, evalHeight: 99n });
  assert.equal(tn(powParams(testnet).asertHalfLife), targetToCompact(2n * targetFromBits(powParams(testnet).genesisBits)));
  assert.equal(tn(-powParams(testnet).asertHalfLife), targetToCompact(targetFromBits(powParams(testnet).genesisBits) >> 1n));
  assert.equal(tn(100 * powParams(testnet).asertHalfLife), powParams(testnet).powLimitBits);
  const rg = asertNextBits({ pow: asertParams(regtest), genesisTime: g, evalTime: g + 10_000, evalHeight: 3n });
  assert.equal(rg, powParams(regtest).powLimitBits);
});
