import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  bool,
  bytes,
  encode,
  enumOf,
  fromJson,
  hash256,
  list,
  optional,
  str,
  struct,
  toJson,
  u128,
  u16,
  u256,
  u32,
  u64,
  u8,
  varBytes,
  type Codec,
} from '../../src/encoding/codec.js';
import { DecodeError, EncodeError } from '../../src/errors.js';
import { codecAndValue } from './arbitraries.js';

const rejects = (codec: Codec<any>, j: unknown, why: string) =>
  assert.throws(
    () => fromJson(codec, j),
    (e: unknown) => e instanceof DecodeError,
    `${codec.name} should reject ${why}: ${JSON.stringify(j, (_, x) => (typeof x === 'bigint' ? `${x}n` : x))}`,
  );

test('JSON round trip through text: toJson -> stringify -> parse -> fromJson', () => {
  fc.assert(
    fc.property(codecAndValue, ([codec, v]) => {
      const text = JSON.stringify(toJson(codec, v));
      const back = fromJson(codec, JSON.parse(text));
      assert.deepEqual(back, v);
      assert.deepEqual(encode(codec, back), encode(codec, v));
      // The JSON form is itself canonical: a second trip gives the same text.
      assert.equal(JSON.stringify(toJson(codec, back)), text);
    }),
    { numRuns: 1000 },
  );
});

test('JSON forms of each type', () => {
  assert.equal(toJson(u32, 7), 7);
  assert.equal(toJson(u64, 2n ** 64n - 1n), '18446744073709551615');
  assert.equal(toJson(bytes(2), Uint8Array.of(0xab, 0x01)), 'ab01');
  // hash256 shows the bytes reversed, as Bitcoin displays ids.
  const h = new Uint8Array(32);
  h[0] = 0x01;
  assert.equal(toJson(hash256, h), '00'.repeat(31) + '01');
  assert.deepEqual(fromJson(hash256, '00'.repeat(31) + '01'), h);
  assert.equal(toJson(optional(u8), null), null);
  assert.equal(fromJson(u64, 5), 5n, 'a safe JSON number is accepted for a u64');
  assert.deepEqual(fromJson(bytes(2), '0xAB01'), Uint8Array.of(0xab, 0x01), 'an optional 0x prefix and upper case hex are accepted');
});

test('integer fromJson rejects out-of-range, fractional, unsafe and malformed values', () => {
  const cases: [Codec<any>, unknown[]][] = [
    [u8, [256, -1, 1.5, '256', NaN, Infinity]],
    [u16, [65536, '65536', -0.5]],
    [u32, [2 ** 32, '4294967296', -1]],
    [u64, ['18446744073709551616', 2 ** 53, -1, '-1', '1e3', '0x10', '01', ' 1', '1 ', '+1', '']],
    [u128, [(1n << 128n).toString()]],
    [u256, [(1n << 256n).toString(), '9'.repeat(79)]],
  ];
  for (const [codec, bad] of cases) for (const j of bad) rejects(codec, j, 'a bad integer');
  for (const codec of [u8, u16, u32, u64, u128, u256]) for (const j of [null, true, {}, [], 'abc', undefined]) rejects(codec, j, 'a wrong type');
  assert.equal(fromJson(u8, 255), 255);
  assert.equal(fromJson(u32, '4294967295'), 4294967295);
  assert.equal(fromJson(u256, ((1n << 256n) - 1n).toString()), (1n << 256n) - 1n);
});

test('bytes fromJson rejects odd hex, non-hex, wrong lengths and wrong types', () => {
  for (const codec of [bytes(2), hash256, varBytes(2)]) {
    rejects(codec, 'abc', 'odd hex');
    rejects(codec, 'zz00', 'non-hex');
    rejects(codec, 'ab cd', 'spaces');
    rejects(codec, 1234, 'a number');
    rejects(codec, null, 'null');
    rejects(codec, [1, 2], 'an array');
  }
  rejects(bytes(2), 'ab', 'too short');
  rejects(bytes(2), 'abcdef', 'too long');
  rejects(hash256, '00'.repeat(31), 'a 31-byte hash');
  rejects(varBytes(2), 'abcdef', 'over the maximum');
});

test('bool, str, enum, list and optional fromJson reject wrong types and sizes', () => {
  for (const j of [0, 1, 'true', null]) rejects(bool, j, 'a non-boolean');
  rejects(str(3), 12, 'a number');
  rejects(str(3), 'abcd', 'too many bytes');
  rejects(str(3), 'éé', 'too many UTF-8 bytes (4 > 3)');
  rejects(enumOf('E', ['a', 'b'] as const), 'c', 'an unknown value');
  rejects(enumOf('E', ['a', 'b'] as const), 0, 'a tag number');
  rejects(list(u8, 2), [1, 2, 3], 'too many items');
  rejects(list(u8, 2), { 0: 1 }, 'an object');
  rejects(list(u8, 2), [1, 300], 'a bad item');
  rejects(optional(u8), 'x', 'a bad inner value');
});

test('strings with lone UTF-16 surrogates are rejected (they have no UTF-8 encoding)', () => {
  const s = str(16);
  for (const bad of ['\ud800', 'a\udfffb', '\udc00\ud800']) {
    rejects(s, bad, 'a lone surrogate');
    assert.throws(() => encode(s, bad), (e: unknown) => e instanceof EncodeError);
  }
  // A proper surrogate pair is one code point and is fine.
  assert.equal(fromJson(s, '\ud83d\ude00'), '😀');
});

const Inner = struct('Inner', { x: u8, note: optional(str(8)) });
const Outer = struct('Outer', { id: u32, inner: Inner, tags: list(Inner, 3) });
const good = { id: 1, inner: { x: 2, note: 'hi' }, tags: [{ x: 3, note: null }] };

test('struct fromJson accepts the exact shape', () => {
  assert.deepEqual(fromJson(Outer, good), good);
  assert.deepEqual(fromJson(Outer, JSON.parse(JSON.stringify(toJson(Outer, good)))), good);
});

test('struct fromJson rejects unknown fields, including names found on Object.prototype', () => {
  for (const name of ['extra', 'ID', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__']) {
    rejects(Outer, JSON.parse(JSON.stringify(good).replace('{"id"', `{"${name}":1,"id"`)), `unknown field ${name}`);
    rejects(Outer, JSON.parse(JSON.stringify(good).replace('{"x":2', `{"${name}":1,"x":2`)), `nested unknown field ${name}`);
  }
});

test('struct fromJson rejects missing required fields and wrong shapes, naming the path', () => {
  const { id: _id, ...noId } = good;
  rejects(Outer, noId, 'a missing id');
  rejects(Outer, { ...good, inner: { note: null } }, 'a missing nested x');
  rejects(Outer, { ...good, inner: null }, 'a null struct');
  rejects(Outer, [good], 'an array');
  rejects(Outer, 'Outer', 'a string');
  try {
    fromJson(Outer, { ...good, tags: [{ x: 3 }, { x: 'no' }] });
    assert.fail('expected a DecodeError');
  } catch (e) {
    assert.ok(e instanceof DecodeError);
    assert.match(e.message, /tags\[1\]\.x/);
  }
});
