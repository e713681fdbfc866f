import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fromJson, hash256, toJson } from '../../src/encoding/codec.js';
import { bytesEqual, bytesToHex, compareBytes, concatBytes, displayToHash, hashToDisplay, hexToBytes } from '../../src/encoding/hex.js';

test('bytesToHex / hexToBytes agree with Buffer and round trip', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
      const h = bytesToHex(b);
      assert.equal(h, Buffer.from(b).toString('hex'));
      assert.deepEqual(hexToBytes(h), b);
      assert.deepEqual(hexToBytes('0x' + h.toUpperCase()), b);
    }),
  );
});

test('hexToBytes rejects odd length and non-hex characters', () => {
  for (const bad of ['a', '0x1', 'gg', 'zz00', '12 34', '0x0x00', '-1', '+1']) assert.throws(() => hexToBytes(bad), Error, bad);
  assert.deepEqual(hexToBytes(''), new Uint8Array(0));
  assert.deepEqual(hexToBytes('0x'), new Uint8Array(0));
});

test('compareBytes is lexicographic and bytesEqual is equality', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 6 }), fc.uint8Array({ maxLength: 6 }), (a, b) => {
      const expected = Buffer.compare(Buffer.from(a), Buffer.from(b));
      assert.equal(Math.sign(compareBytes(a, b)), expected);
      assert.equal(bytesEqual(a, b), expected === 0);
    }),
    { numRuns: 500 },
  );
});

test('concatBytes joins in order', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 10 }), { maxLength: 5 }), (parts) => {
      assert.deepEqual(concatBytes(...parts), new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p)))));
    }),
  );
});

test('hashToDisplay / displayToHash reverse byte order and agree with hash256 JSON', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (h) => {
      const shown = hashToDisplay(h);
      assert.equal(shown, Buffer.from(h).reverse().toString('hex'));
      assert.equal(shown, toJson(hash256, h));
      assert.deepEqual(displayToHash(shown), h);
      assert.deepEqual(displayToHash(shown), fromJson(hash256, shown));
    }),
  );
  const h = Uint8Array.from({ length: 32 }, (_, i) => i);
  const copy = Uint8Array.from(h);
  hashToDisplay(h);
  assert.deepEqual(h, copy, 'hashToDisplay must not reverse its input in place');
});
