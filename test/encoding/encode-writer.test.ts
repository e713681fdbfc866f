/** encode() reuses one scratch writer: results must still be independent and never carry stale bytes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decode, encode, str, struct, u32, u8, varBytes, type Codec } from '../../src/encoding/codec.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { EncodeError } from '../../src/errors.js';
import { Writer } from '../../src/encoding/writer.js';
import { codecAndValue } from './arbitraries.js';

test('successive encodes return independent arrays', () => {
  const a = encode(varBytes(8), Uint8Array.of(1, 2, 3));
  const b = encode(varBytes(8), Uint8Array.of(9, 9, 9, 9, 9));
  assert.equal(bytesToHex(a), '03000000010203');
  assert.equal(bytesToHex(b), '050000000909090909');
  a.fill(0xee);
  assert.equal(bytesToHex(encode(varBytes(8), Uint8Array.of(1, 2, 3))), '03000000010203');
});

test('a failed encode leaves no bytes behind for the next one', () => {
  const S = struct('S', { a: u32, b: str(2) });
  assert.throws(() => encode(S, { a: 0xaabbccdd, b: 'too long' }), (e: unknown) => e instanceof EncodeError);
  assert.equal(bytesToHex(encode(u8, 7)), '07');
  assert.equal(bytesToHex(encode(S, { a: 1, b: 'ok' })), '01000000020000006f6b');
});

test('encode called from inside a codec (re-entrant) gives correct bytes at both levels', () => {
  const inner = struct('Inner', { x: u32 });
  const wrapped: Codec<{ x: number }> = {
    ...inner,
    name: 'Wrapped',
    fixedSize: null,
    write(w, v) {
      const b = encode(inner, v); // nested encode while the outer one is in progress
      w.uint(b.length, 4);
      w.raw(b);
    },
    read(r) {
      const n = r.uint(4);
      return decode(inner, r.take(n));
    },
  };
  const Outer = struct('Outer', { before: u8, w: wrapped, after: u8 });
  const v = { before: 1, w: { x: 0x01020304 }, after: 2 };
  assert.equal(bytesToHex(encode(Outer, v)), '01' + '04000000' + '04030201' + '02');
  assert.deepEqual(decode(Outer, encode(Outer, v)), v);
});

test('interleaved encodes of random values equal encodes on fresh writers', () => {
  fc.assert(
    fc.property(fc.array(codecAndValue, { minLength: 1, maxLength: 6 }), (items) => {
      const shared = items.map(([c, v]) => encode(c, v));
      items.forEach(([c, v], i) => {
        const w = new Writer(1);
        c.write(w, v);
        assert.equal(bytesToHex(shared[i]), bytesToHex(w.finish()));
      });
    }),
    { numRuns: 200 },
  );
});

test('a large encode followed by a small one', () => {
  const big = encode(varBytes(1 << 20), new Uint8Array(1 << 20).fill(1));
  assert.equal(big.length, 4 + (1 << 20));
  assert.equal(bytesToHex(encode(u32, 5)), '05000000');
});
