import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode, struct, u32, u64, varBytes, bool } from '../../src/encoding/codec.js';
import { DecodeError } from '../../src/errors.js';

const S = struct('S', { a: u32, b: u64, ok: bool, data: varBytes(8) });

test('round trip and trailing bytes rejected', () => {
  const v = { a: 1, b: 2n ** 64n - 1n, ok: true, data: new Uint8Array([1, 2]) };
  const b = encode(S, v);
  assert.deepEqual(decode(S, b), v);
  assert.throws(() => decode(S, new Uint8Array([...b, 0])), (e: unknown) => e instanceof DecodeError && e.code === 'DECODE_TRAILING_BYTES');
});
