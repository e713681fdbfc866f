import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decode, encode, fromJson, toJson } from '../../src/encoding/codec.js';
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';
import { codecSchemas } from '../vectors/codec-schemas.js';

interface CodecVector {
  schema: string;
  json: unknown;
  hex: string;
}
const { vectors } = JSON.parse(readFileSync(new URL('../vectors/codec.json', import.meta.url), 'utf8')) as { vectors: CodecVector[] };

test('codec.json covers every schema', () => {
  assert.deepEqual(new Set(vectors.map((v) => v.schema)), new Set(Object.keys(codecSchemas)));
});

test('codec.json: hex decodes to the JSON value and re-encodes to the same bytes', () => {
  for (const v of vectors) {
    const codec = codecSchemas[v.schema];
    const label = `${v.schema} ${JSON.stringify(v.json)}`;
    const bytes = hexToBytes(v.hex);
    const decoded = decode(codec, bytes);
    assert.deepEqual(decoded, fromJson(codec, v.json), label);
    assert.deepEqual(toJson(codec, decoded), v.json, label);
    assert.equal(bytesToHex(encode(codec, decoded)), v.hex, label);
    assert.equal(bytesToHex(encode(codec, fromJson(codec, v.json))), v.hex, label);
    if (codec.fixedSize !== null) assert.equal(bytes.length, codec.fixedSize, label);
  }
});

test('codec.json spot checks written by hand', () => {
  const find = (schema: string, json: unknown) => vectors.find((v) => v.schema === schema && JSON.stringify(v.json) === JSON.stringify(json))?.hex;
  assert.equal(find('u32', 3735928559), 'efbeadde');
  assert.equal(find('u64', '18446744073709551615'), 'ff'.repeat(8));
  assert.equal(find('u128', '18446744073709551616'), '0000000000000000' + '01' + '00'.repeat(7));
  assert.equal(find('str32', '日本語'), '09000000e697a5e69cace8aa9e');
  assert.equal(find('optionalU32', null), '00');
  assert.equal(find('optionalU32', 0), '0100000000');
  assert.equal(find('kind', 'gamma'), '02');
  assert.equal(find('point', { x: 1, y: 4294967295 }), '01000000ffffffff');
  assert.equal(find('listU16', [1, 2, 65535]), '0300000001000200ffff');
});
