import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { scanJs, type ScanFn } from '../../src/miner/kernel-js.js';
import { kernelName, meetsTarget, nativeAddon, nativeLoadError, scanNonces, targetToBigInt, targetToBytes } from '../../src/miner/kernel.js';
import { CoinworksError } from '../../src/errors.js';

// Bitcoin's genesis header (nonce 0x7c2bac1d = 2083236893) and hash, from /work/shared/reference/mining.md.
const GENESIS_HEX =
  '0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c';
const GENESIS_NONCE = 0x7c2bac1d;
const GENESIS_HASH_DISPLAY = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';
// nbits 0x1d00ffff: target 0xffff * 2^208 (difficulty 1).
const DIFF1 = targetToBytes(0xffffn << 208n);

const hex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

function sha256d(b: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(createHash('sha256').update(b).digest()).digest());
}

function withNonce(header: Uint8Array, nonce: number): Uint8Array {
  const h = Uint8Array.from(header);
  new DataView(h.buffer).setUint32(76, nonce, true);
  return h;
}

/** Deterministic pseudo-random header (xorshift32), so failures reproduce. */
function randomHeader(seed: number): Uint8Array {
  const h = new Uint8Array(80);
  let x = seed | 1;
  for (let i = 0; i < 80; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    h[i] = x & 0xff;
  }
  return h;
}

/** Every kernel this machine can run: JS always, the native paths when the addon is built. */
function kernels(): Array<[string, ScanFn]> {
  const list: Array<[string, ScanFn]> = [['js', scanJs]];
  const native = nativeAddon();
  if (native) {
    list.push([`native-${native.impl}`, native.scan]);
    if (native.impl !== 'scalar') list.push(['native-scalar', native.scanScalar]);
  }
  return list;
}

test('kernel selection reports what is loaded', () => {
  const native = nativeAddon();
  const name = kernelName();
  if (process.env.COINWORKS_MINER_KERNEL === 'js') assert.equal(name, 'js');
  else if (native) assert.equal(name, native.impl === 'sha-ni' ? 'native-sha-ni' : 'native-scalar');
  else {
    assert.equal(name, 'js');
    assert.ok(nativeLoadError());
  }
});

for (const [name, scan] of kernels()) {
  test(`${name}: finds the genesis nonce and its hash`, () => {
    const header = hex(GENESIS_HEX);
    const r = scan(header, DIFF1, GENESIS_NONCE - 1000, 2000);
    assert.deepEqual(r, { found: true, nonce: GENESIS_NONCE, hashes: 1001 });
    const hash = sha256d(withNonce(header, r.nonce));
    assert.equal(Buffer.from(hash).reverse().toString('hex'), GENESIS_HASH_DISPLAY);
    assert.ok(meetsTarget(hash, DIFF1));
    // Starting exactly on the nonce: found after one hash. The header's own nonce field is ignored.
    assert.deepEqual(scan(withNonce(header, 0), DIFF1, GENESIS_NONCE, 1), { found: true, nonce: GENESIS_NONCE, hashes: 1 });
  });

  test(`${name}: a range without a solution returns found=false and the full hash count`, () => {
    const header = hex(GENESIS_HEX);
    assert.deepEqual(scan(header, DIFF1, GENESIS_NONCE - 1000, 1000), { found: false, nonce: 0, hashes: 1000 });
    assert.deepEqual(scan(header, DIFF1, GENESIS_NONCE + 1, 777), { found: false, nonce: 0, hashes: 777 });
    assert.deepEqual(scan(header, DIFF1, 5, 0), { found: false, nonce: 0, hashes: 0 });
  });

  test(`${name}: easy target on random headers agrees with node:crypto sha256d`, () => {
    // Target 2^248 - 1: about one nonce in 256 qualifies; the first one must be exactly the one a
    // brute force with node:crypto finds, including across the 2^32 wrap.
    const target = targetToBytes((1n << 248n) - 1n);
    for (let seed = 1; seed <= 6; seed++) {
      const header = randomHeader(seed * 7919);
      const start = seed === 6 ? 0xffffff00 : seed * 1_000_003;
      let expected = -1;
      for (let i = 0; i < 4096 && expected < 0; i++) {
        const nonce = (start + i) >>> 0;
        if (meetsTarget(sha256d(withNonce(header, nonce)), target)) expected = i;
      }
      assert.ok(expected >= 0, 'a solution exists in 4096 nonces at this target');
      const r = scan(header, target, start, 4096);
      assert.deepEqual(r, { found: true, nonce: (start + expected) >>> 0, hashes: expected + 1 });
      const hash = sha256d(withNonce(header, r.nonce));
      assert.ok(meetsTarget(hash, target));
      assert.equal(hash[31], 0);
    }
  });

  test(`${name}: exact on a tie of the top 32 bits (hash == target, hash == target + 1)`, () => {
    const header = randomHeader(424242);
    const nonce = 123456789;
    const h = targetToBigInt(sha256d(withNonce(header, nonce)));
    assert.deepEqual(scan(header, targetToBytes(h), nonce, 1), { found: true, nonce, hashes: 1 });
    assert.deepEqual(scan(header, targetToBytes(h - 1n), nonce, 1), { found: false, nonce: 0, hashes: 1 });
    // Maximal target: every nonce wins.
    assert.deepEqual(scan(header, targetToBytes((1n << 256n) - 1n), 42, 10), { found: true, nonce: 42, hashes: 1 });
  });
}

test('scanNonces validates its arguments with typed errors', () => {
  const header = hex(GENESIS_HEX);
  const bad = (e: unknown): boolean => e instanceof CoinworksError && e.code === 'MINER_BAD_ARGUMENT';
  assert.throws(() => scanNonces(header.subarray(0, 79), DIFF1, 0, 1), bad);
  assert.throws(() => scanNonces(header, DIFF1.subarray(0, 31), 0, 1), bad);
  assert.throws(() => scanNonces(header, DIFF1, -1, 1), bad);
  assert.throws(() => scanNonces(header, DIFF1, 2 ** 32, 1), bad);
  assert.throws(() => scanNonces(header, DIFF1, 0, 2 ** 32 + 1), bad);
  assert.throws(() => scanNonces(header, DIFF1, 0.5, 1), bad);
  assert.deepEqual(scanNonces(header, DIFF1, GENESIS_NONCE - 10, 20), { found: true, nonce: GENESIS_NONCE, hashes: 11 });
});

test('target helpers: little-endian bytes, bigint round trip, meetsTarget boundaries', () => {
  const t = 0xffffn << 208n;
  const b = targetToBytes(t);
  assert.equal(b[26], 0xff);
  assert.equal(b[27], 0xff);
  assert.equal(b[28], 0);
  assert.equal(targetToBigInt(b), t);
  assert.ok(meetsTarget(b, t));
  assert.ok(meetsTarget(targetToBytes(t - 1n), b));
  assert.ok(!meetsTarget(targetToBytes(t + 1n), b));
  assert.throws(() => targetToBytes(1n << 256n), (e: unknown) => e instanceof CoinworksError && e.code === 'MINER_BAD_TARGET');
  assert.throws(() => targetToBytes(-1n), (e: unknown) => e instanceof CoinworksError && e.code === 'MINER_BAD_TARGET');
});
