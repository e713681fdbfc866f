/**
 * Stratum v1 compatibility: the coinbase splits into coinb1 | extranonce1 | extranonce2 | coinb2, and a
 * header assembled the way miner software does it from mining.notify parts is byte-identical to the
 * node's own header encoding (rules from /work/shared/reference/mining.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { hash256, toJson } from '../../src/encoding/codec.js';
import { bytesToHex, concatBytes, hexToBytes } from '../../src/encoding/hex.js';
import { sha256d } from '../../src/crypto/hash.js';
import { EncodeError } from '../../src/errors.js';
import { MAX_EXTRANONCE_BYTES, coinbaseHash, decodeCoinbase, encodeCoinbase, joinCoinbase, splitCoinbase, type Coinbase } from '../../src/primitives/coinbase.js';
import { decodeHeader, encodeHeader, headerHash, type Header } from '../../src/primitives/header.js';
import { blockMerkleRoot } from '../../src/primitives/block.js';
import { coinbaseBranch, rootFromCoinbaseBranch } from '../../src/primitives/merkle.js';
import { arbCoinbase } from './arbitraries.js';

const fixed = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const u32 = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 0xff, 0x100, 0xffffffff));

// ---- test-local Stratum helpers, written from mining.md -------------------------------------------

/** mining.notify prevhash -> header bytes: undo the byte swap inside each 4-byte word. */
function stratumPrevhashToInternal(prevhash: string): Uint8Array {
  assert.equal(prevhash.length, 64);
  const b = hexToBytes(prevhash);
  for (let i = 0; i < 32; i += 4) b.subarray(i, i + 4).reverse();
  return b;
}
/** Display hex -> mining.notify prevhash: reverse the order of the eight 8-hex-char groups (the other statement of the rule). */
function displayToStratumPrevhash(display: string): string {
  const groups = display.match(/.{8}/g) as string[];
  assert.equal(groups.length, 8);
  return groups.reverse().join('');
}
/** version / nbits / ntime / nonce as Stratum sends them: exactly 8 hex chars, big-endian. */
const be8 = (n: number) => n.toString(16).padStart(8, '0');
/** 8-hex big-endian -> the 4 little-endian bytes the header stores. */
function be8ToLe(hex: string): Uint8Array {
  assert.match(hex, /^[0-9a-f]{8}$/);
  return hexToBytes(hex).reverse();
}
const sha256dNode = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(createHash('sha256').update(b).digest()).digest());

// ---------------------------------------------------------------------------------------------------

test('prevhash conversion matches the mining.md genesis example, both ways', () => {
  const display = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';
  const stratum = '0a8ce26f72b3f1b646a2a6c14ff763ae65831e939c085ae10019d66800000000';
  assert.equal(displayToStratumPrevhash(display), stratum);
  // Internal order is the display hex reversed byte by byte.
  assert.equal(bytesToHex(stratumPrevhashToInternal(stratum)), bytesToHex(hexToBytes(display).reverse()));
  assert.equal(toJson(hash256, stratumPrevhashToInternal(stratum)), display);
});

test('8-hex fields keep their leading zeros', () => {
  assert.equal(be8(0x20000000), '20000000');
  assert.equal(be8(0x1d00ffff), '1d00ffff');
  assert.equal(be8(1), '00000001');
  assert.equal(bytesToHex(be8ToLe('1d00ffff')), 'ffff001d');
});

test('splitCoinbase(c, 4, 4) + joinCoinbase decodes to c with extraNonce = en1 | en2', () => {
  fc.assert(
    fc.property(arbCoinbase, fixed(4), fixed(4), (c, en1, en2) => {
      const { coinb1, coinb2 } = splitCoinbase(c, 4, 4);
      assert.ok(coinb2.length > 0, 'coinb2 is never empty');
      const joined = joinCoinbase(coinb1, en1, en2, coinb2);
      const expected: Coinbase = { ...c, extraNonce: concatBytes(en1, en2) };
      assert.deepEqual(decodeCoinbase(joined), expected);
      assert.equal(bytesToHex(joined), bytesToHex(encodeCoinbase(expected)));
      // The parts do not depend on the coinbase's own extranonce.
      const again = splitCoinbase({ ...c, extraNonce: new Uint8Array(3) }, 4, 4);
      assert.deepEqual(again, { coinb1, coinb2 });
    }),
    { numRuns: 300 },
  );
});

test('split/join works for every extranonce size split up to the maximum', () => {
  fc.assert(
    fc.property(
      arbCoinbase,
      fc.integer({ min: 0, max: MAX_EXTRANONCE_BYTES }).chain((total) => fc.tuple(fc.constant(total), fc.integer({ min: 0, max: total }))),
      fc.uint8Array({ minLength: MAX_EXTRANONCE_BYTES, maxLength: MAX_EXTRANONCE_BYTES }),
      (c, [total, n1], pool) => {
        const en1 = pool.slice(0, n1);
        const en2 = pool.slice(n1, total);
        const { coinb1, coinb2 } = splitCoinbase(c, en1.length, en2.length);
        assert.ok(coinb2.length >= 4);
        assert.deepEqual(decodeCoinbase(joinCoinbase(coinb1, en1, en2, coinb2)), { ...c, extraNonce: concatBytes(en1, en2) });
      },
    ),
    { numRuns: 300 },
  );
  const c = fc.sample(arbCoinbase, { numRuns: 1, seed: 7 })[0];
  assert.throws(() => splitCoinbase(c, 20, 13), (e: unknown) => e instanceof EncodeError, 'an extranonce over the maximum cannot be encoded');
});

test('coinb1 ends with the extranonce length prefix and coinb2 is the length-prefixed extraData', () => {
  const c = fc.sample(arbCoinbase, { numRuns: 1, seed: 42 })[0];
  const { coinb1, coinb2 } = splitCoinbase(c, 4, 4);
  assert.equal(bytesToHex(coinb1.slice(-4)), '08000000');
  const len = new DataView(coinb2.buffer, coinb2.byteOffset).getUint32(0, true);
  assert.equal(len, c.extraData.length);
  assert.equal(bytesToHex(coinb2.slice(4)), bytesToHex(c.extraData));
});

test('header assembled from mining.notify parts is byte-identical to encodeHeader', () => {
  fc.assert(
    fc.property(
      arbCoinbase,
      fc.array(fixed(32), { maxLength: 12 }),
      fixed(32),
      u32,
      u32,
      u32,
      u32,
      fixed(4),
      fixed(4),
      (template, txIds, prevHash, version, bits, time, nonce, en1, en2) => {
        // The pool's view: the coinbase the miner will build, and the node's own block header.
        const coinbase: Coinbase = { ...template, extraNonce: concatBytes(en1, en2) };
        const header: Header = { version, prevHash, merkleRoot: blockMerkleRoot(coinbase, txIds), time, bits, nonce };

        // What goes over the wire in mining.notify (and comes back in mining.submit).
        const { coinb1, coinb2 } = splitCoinbase(coinbase, 4, 4);
        const notify = {
          prevhash: displayToStratumPrevhash(toJson(hash256, prevHash) as string),
          coinb1: bytesToHex(coinb1),
          coinb2: bytesToHex(coinb2),
          merkleBranch: coinbaseBranch(txIds).map(bytesToHex),
          version: be8(version),
          nbits: be8(bits),
          ntime: be8(time),
        };
        const submit = { extranonce2: bytesToHex(en2), ntime: notify.ntime, nonce: be8(nonce) };
        for (const f of [notify.version, notify.nbits, notify.ntime, submit.nonce]) assert.equal(f.length, 8);
        assert.notEqual(notify.coinb2, '');

        // What miner software does with it.
        const cb = joinCoinbase(hexToBytes(notify.coinb1), en1, hexToBytes(submit.extranonce2), hexToBytes(notify.coinb2));
        const root = rootFromCoinbaseBranch(sha256dNode(cb), notify.merkleBranch.map(hexToBytes));
        const minerHeader = concatBytes(
          be8ToLe(notify.version),
          stratumPrevhashToInternal(notify.prevhash),
          root,
          be8ToLe(submit.ntime),
          be8ToLe(notify.nbits),
          be8ToLe(submit.nonce),
        );

        assert.equal(minerHeader.length, 80);
        assert.equal(bytesToHex(minerHeader), bytesToHex(encodeHeader(header)));
        assert.deepEqual(decodeHeader(minerHeader), header);
        assert.equal(bytesToHex(sha256d(minerHeader)), bytesToHex(headerHash(header)));
        assert.equal(bytesToHex(sha256d(cb)), bytesToHex(coinbaseHash(coinbase)));
      },
    ),
    { numRuns: 300 },
  );
});
