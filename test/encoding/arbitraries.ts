/**
 * fast-check arbitraries for codec tests: a random schema tree paired with an arbitrary for its values,
 * so properties hold for every codec type and any nesting of them.
 */
import fc from 'fast-check';
import {
  bool,
  bytes,
  enumOf,
  hash256,
  list,
  optional,
  str,
  struct,
  u128,
  u16,
  u256,
  u32,
  u64,
  u8,
  varBytes,
  type Codec,
} from '../../src/encoding/codec.js';

/** A codec and an arbitrary producing values it can encode. */
export interface Spec {
  readonly codec: Codec<any>;
  readonly value: fc.Arbitrary<any>;
}

const utf8 = new TextEncoder();

/** Longest prefix of `s` (whole code points) whose UTF-8 encoding fits in `maxBytes`. */
export function fitUtf8(s: string, maxBytes: number): string {
  let out = '';
  let n = 0;
  for (const cp of s) {
    const len = utf8.encode(cp).length;
    if (n + len > maxBytes) break;
    out += cp;
    n += len;
  }
  return out;
}

/** Well-formed strings of at most `maxBytes` UTF-8 bytes, mixing ASCII and the whole Unicode range. */
export function utf8String(maxBytes: number): fc.Arbitrary<string> {
  return fc
    .oneof(fc.string({ unit: 'binary', maxLength: maxBytes }), fc.string({ unit: 'grapheme', maxLength: maxBytes }), fc.string({ maxLength: maxBytes }))
    .map((s) => fitUtf8(s, maxBytes));
}

export const U8_MAX = 0xff;
export const U16_MAX = 0xffff;
export const U32_MAX = 0xffffffff;
export const U64_MAX = (1n << 64n) - 1n;
export const U128_MAX = (1n << 128n) - 1n;
export const U256_MAX = (1n << 256n) - 1n;

/** Values that favour the edges of a bigint range. */
function bigUint(max: bigint): fc.Arbitrary<bigint> {
  return fc.oneof(fc.bigInt({ min: 0n, max }), fc.constantFrom(0n, 1n, max, max - 1n, max >> 1n));
}
function smallUint(max: number): fc.Arbitrary<number> {
  return fc.oneof(fc.integer({ min: 0, max }), fc.constantFrom(0, 1, max, max - 1));
}

const COLOURS = ['red', 'green', 'blue'] as const;

/** One spec per leaf codec type (sizes chosen from the given parameters). */
export const leafSpecs = {
  u8: (): Spec => ({ codec: u8, value: smallUint(U8_MAX) }),
  u16: (): Spec => ({ codec: u16, value: smallUint(U16_MAX) }),
  u32: (): Spec => ({ codec: u32, value: smallUint(U32_MAX) }),
  u64: (): Spec => ({ codec: u64, value: bigUint(U64_MAX) }),
  u128: (): Spec => ({ codec: u128, value: bigUint(U128_MAX) }),
  u256: (): Spec => ({ codec: u256, value: bigUint(U256_MAX) }),
  bool: (): Spec => ({ codec: bool, value: fc.boolean() }),
  hash256: (): Spec => ({ codec: hash256, value: fc.uint8Array({ minLength: 32, maxLength: 32 }) }),
  bytes: (n: number): Spec => ({ codec: bytes(n), value: fc.uint8Array({ minLength: n, maxLength: n }) }),
  varBytes: (max: number): Spec => ({ codec: varBytes(max), value: fc.uint8Array({ maxLength: max }) }),
  str: (max: number): Spec => ({ codec: str(max), value: utf8String(max) }),
  enumOf: (): Spec => ({ codec: enumOf('Colour', COLOURS), value: fc.constantFrom(...COLOURS) }),
};

/** Arbitrary leaf spec. */
export const leafSpec: fc.Arbitrary<Spec> = fc.oneof(
  fc.constantFrom(leafSpecs.u8(), leafSpecs.u16(), leafSpecs.u32(), leafSpecs.u64(), leafSpecs.u128(), leafSpecs.u256()),
  fc.constantFrom(leafSpecs.bool(), leafSpecs.hash256(), leafSpecs.enumOf()),
  fc.integer({ min: 0, max: 40 }).map(leafSpecs.bytes),
  fc.integer({ min: 0, max: 40 }).map(leafSpecs.varBytes),
  fc.integer({ min: 0, max: 40 }).map(leafSpecs.str),
);

/** List spec around an item spec. */
export function listSpec(item: Spec, max: number): Spec {
  return { codec: list(item.codec, max), value: fc.array(item.value, { maxLength: max }) };
}
/** Optional spec around an inner spec. */
export function optionalSpec(inner: Spec): Spec {
  return { codec: optional(inner.codec), value: fc.option(inner.value, { nil: null }) };
}
/** Struct spec over field specs named f0, f1, ... */
export function structSpec(fields: readonly Spec[]): Spec {
  const codecs: Record<string, Codec<any>> = {};
  const values: Record<string, fc.Arbitrary<any>> = {};
  fields.forEach((f, i) => {
    codecs[`f${i}`] = f.codec;
    values[`f${i}`] = f.value;
  });
  return { codec: struct(`S${fields.length}`, codecs), value: fc.record(values, { noNullPrototype: true }) };
}

/** Arbitrary schema tree (depth-bounded) with every codec type at the leaves. */
export const anySpec: fc.Arbitrary<Spec> = fc.letrec<{ spec: Spec }>((tie) => ({
  spec: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafSpec,
    fc.tuple(tie('spec'), fc.integer({ min: 0, max: 4 })).map(([s, max]) => listSpec(s, max)),
    tie('spec').map(optionalSpec),
    fc.array(tie('spec'), { minLength: 0, maxLength: 4 }).map(structSpec),
  ),
})).spec;

/** A codec with one value of it. */
export const codecAndValue: fc.Arbitrary<[Codec<any>, any]> = anySpec.chain((s) => s.value.map((v) => [s.codec, v] as [Codec<any>, any]));
