/**
 * The canonical binary encoding of every consensus object.
 *
 * A schema is a value (`struct({...})`) and its TypeScript type is derived from it (`Infer<typeof S>`),
 * as Lodestar does with SSZ. Unlike SSZ, every variable-length field carries its own u32 length prefix,
 * so an encoding has exactly one parse and trailing bytes are always detectable.
 *
 * Rules (each enforced on decode, each a typed `DecodeError`):
 * - integers are fixed-width little-endian; u64/u128/u256 decode to bigint;
 * - booleans and option tags are exactly 0 or 1; enum/union tags must be known;
 * - lengths are u32 LE and must not exceed the schema's maximum (`DECODE_OVERSIZE`);
 * - strings are UTF-8 that re-encodes to the same bytes (`DECODE_NON_CANONICAL`);
 * - `decode` rejects any byte after the value (`DECODE_TRAILING_BYTES`) and never reads past the end.
 */
import { DecodeError, EncodeError } from '../errors.js';
import { Writer } from './writer.js';
import { Reader } from './reader.js';
import { bytesToHex, hexToBytes } from './hex.js';

/** JSON value produced by `toJson`. */
export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** One schema: binary and JSON forms of values of type T. */
export interface Codec<T> {
  /** Human-readable name for error messages. */
  readonly name: string;
  /** Encoded size when it never varies, else null. */
  readonly fixedSize: number | null;
  /** Appends the encoding of `v`. */
  write(w: Writer, v: T): void;
  /** Reads one value; throws DecodeError. */
  read(r: Reader): T;
  /** JSON form: bytes as 0x-less hex, bigints as decimal strings. */
  toJson(v: T): Json;
  /** Parses the JSON form; throws DecodeError naming `path`. */
  fromJson(j: unknown, path?: string): T;
}

/** The TypeScript type described by a codec. */
export type Infer<C> = C extends Codec<infer T> ? T : never;

const bad = (path: string, msg: string): DecodeError => new DecodeError('DECODE_INVALID', `${path || 'value'}: ${msg}`, { path });

let spare: Writer | null = null;
/** Encodes a value to canonical bytes. */
export function encode<T>(codec: Codec<T>, value: T): Uint8Array {
  // Reuse one scratch writer (encode is not re-entered from inside a codec, but be safe if it is).
  const w = spare ?? new Writer(4096);
  spare = null;
  try {
    codec.write(w, value);
    return w.finish();
  } finally {
    w.reset();
    // Keep the scratch writer for small objects only; a huge one (a block) is left to the GC.
    spare = w.capacity <= 1 << 20 ? w : null;
  }
}

/**
 * Decodes canonical bytes; throws DecodeError on truncation, trailing bytes, non-canonical forms,
 * oversize input, or anything else. Never throws an untyped error.
 */
export function decode<T>(codec: Codec<T>, bytes: Uint8Array, maxBytes = 64 * 1024 * 1024): T {
  return decodeWith(codec.name, bytes, maxBytes, (r) => codec.read(r));
}

/**
 * Runs a hand-written reader over bytes with the same guarantees as `decode`: size limit, typed
 * errors only, and no trailing bytes. For decoders that need offsets (e.g. slicing transactions
 * out of a block without re-encoding them).
 */
export function decodeWith<T>(name: string, bytes: Uint8Array, maxBytes: number, read: (r: Reader) => T): T {
  if (!(bytes instanceof Uint8Array)) throw new DecodeError('DECODE_INVALID', `${name}: input is not bytes`);
  if (bytes.length > maxBytes) throw new DecodeError('DECODE_OVERSIZE', `${name}: ${bytes.length} bytes exceeds limit ${maxBytes}`);
  const r = new Reader(bytes);
  let v: T;
  try {
    v = read(r);
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError('DECODE_INVALID', `${name}: ${(e as Error)?.message ?? String(e)}`);
  }
  if (r.remaining !== 0) throw new DecodeError('DECODE_TRAILING_BYTES', `${name}: ${r.remaining} trailing bytes`);
  return v;
}

/** Parses JSON into a value, wrapping every failure as DecodeError. */
export function fromJson<T>(codec: Codec<T>, json: unknown): T {
  try {
    return codec.fromJson(json, '');
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    throw new DecodeError('DECODE_INVALID', `${codec.name}: ${(e as Error)?.message ?? String(e)}`);
  }
}

/** JSON form of a value. */
export function toJson<T>(codec: Codec<T>, value: T): Json {
  return codec.toJson(value);
}

function parseUint(j: unknown, path: string, max: bigint): bigint {
  let v: bigint;
  if (typeof j === 'number') {
    if (!Number.isSafeInteger(j)) throw bad(path, 'not a safe integer (use a decimal string)');
    v = BigInt(j);
  } else if (typeof j === 'string' && /^(0|[1-9][0-9]{0,77})$/.test(j)) {
    v = BigInt(j);
  } else if (typeof j === 'bigint') {
    v = j;
  } else {
    throw bad(path, 'expected an unsigned integer as a decimal string');
  }
  if (v < 0n || v > max) throw new DecodeError('DECODE_OVERSIZE', `${path || 'value'}: ${v} out of range 0..${max}`, { path });
  return v;
}

function numberCodec(name: string, size: 1 | 2 | 4): Codec<number> {
  const max = 2 ** (8 * size) - 1;
  return {
    name,
    fixedSize: size,
    write(w, v) {
      if (!Number.isInteger(v) || v < 0 || v > max) throw new EncodeError('ENCODE_INVALID', `${name}: ${v} out of range`);
      w.uint(v, size);
    },
    read: (r) => r.uint(size),
    toJson: (v) => v,
    fromJson: (j, path = '') => Number(parseUint(j, path, BigInt(max))),
  };
}

function bigCodec(name: string, size: 8 | 16 | 32): Codec<bigint> {
  const max = (1n << BigInt(8 * size)) - 1n;
  return {
    name,
    fixedSize: size,
    write(w, v) {
      if (typeof v !== 'bigint' || v < 0n || v > max) throw new EncodeError('ENCODE_INVALID', `${name}: ${String(v)} out of range`);
      w.bigUint(v, size);
    },
    read: (r) => r.bigUint(size),
    toJson: (v) => v.toString(10),
    fromJson: (j, path = '') => parseUint(j, path, max),
  };
}

/** Unsigned 8-bit integer. */
export const u8: Codec<number> = numberCodec('u8', 1);
/** Unsigned 16-bit integer, little-endian. */
export const u16: Codec<number> = numberCodec('u16', 2);
/** Unsigned 32-bit integer, little-endian. */
export const u32: Codec<number> = numberCodec('u32', 4);
/** Unsigned 64-bit integer, little-endian, as bigint. */
export const u64: Codec<bigint> = bigCodec('u64', 8);
/** Unsigned 128-bit integer, little-endian, as bigint. */
export const u128: Codec<bigint> = bigCodec('u128', 16);
/** Unsigned 256-bit integer, little-endian, as bigint. */
export const u256: Codec<bigint> = bigCodec('u256', 32);

/** Boolean as one byte, exactly 0 or 1. */
export const bool: Codec<boolean> = {
  name: 'bool',
  fixedSize: 1,
  write: (w, v) => w.uint(v ? 1 : 0, 1),
  read(r) {
    const b = r.uint(1);
    if (b > 1) throw new DecodeError('DECODE_NON_CANONICAL', `bool: byte ${b} is not 0 or 1`);
    return b === 1;
  },
  toJson: (v) => v,
  fromJson(j, path = '') {
    if (typeof j !== 'boolean') throw bad(path, 'expected a boolean');
    return j;
  },
};

function parseHex(j: unknown, path: string): Uint8Array {
  if (typeof j !== 'string') throw bad(path, 'expected a hex string');
  try {
    return hexToBytes(j);
  } catch (e) {
    throw bad(path, (e as Error).message);
  }
}

/** Exactly `n` bytes; JSON as hex. */
export function bytes(n: number): Codec<Uint8Array> {
  const name = `bytes${n}`;
  return {
    name,
    fixedSize: n,
    write(w, v) {
      if (!(v instanceof Uint8Array) || v.length !== n) throw new EncodeError('ENCODE_INVALID', `${name}: expected ${n} bytes, got ${v?.length}`);
      w.raw(v);
    },
    read: (r) => r.take(n),
    toJson: (v) => bytesToHex(v),
    fromJson(j, path = '') {
      const b = parseHex(j, path);
      if (b.length !== n) throw bad(path, `expected ${n} bytes, got ${b.length}`);
      return b;
    },
  };
}

/**
 * A 32-byte double-SHA-256 hash stored in internal byte order; JSON shows it reversed,
 * as Bitcoin displays block and transaction ids (so proof of work shows as leading zeros).
 */
export const hash256: Codec<Uint8Array> = {
  ...bytes(32),
  name: 'hash256',
  toJson: (v) => bytesToHex(Uint8Array.from(v).reverse()),
  fromJson(j, path = '') {
    const b = parseHex(j, path);
    if (b.length !== 32) throw bad(path, `expected 32 bytes, got ${b.length}`);
    return b.reverse();
  },
};

function readLength(r: Reader, max: number, name: string): number {
  const len = r.uint(4);
  if (len > max) throw new DecodeError('DECODE_OVERSIZE', `${name}: length ${len} exceeds maximum ${max}`);
  return len;
}

/** Up to `max` bytes with a u32 length prefix; JSON as hex. */
export function varBytes(max: number): Codec<Uint8Array> {
  const name = `bytes<=${max}`;
  return {
    name,
    fixedSize: null,
    write(w, v) {
      if (!(v instanceof Uint8Array) || v.length > max) throw new EncodeError('ENCODE_INVALID', `${name}: length ${v?.length} exceeds ${max}`);
      w.uint(v.length, 4);
      w.raw(v);
    },
    read: (r) => r.take(readLength(r, max, name)),
    toJson: (v) => bytesToHex(v),
    fromJson(j, path = '') {
      const b = parseHex(j, path);
      if (b.length > max) throw new DecodeError('DECODE_OVERSIZE', `${path}: length ${b.length} exceeds ${max}`, { path });
      return b;
    },
  };
}

const utf8Encoder = new TextEncoder();
const utf8Cache = new Map<string, Uint8Array>();
/** UTF-8 bytes of a string, cached for the short names (modules, commands, events) that recur. */
function utf8(s: string, name: string): Uint8Array {
  let b = utf8Cache.get(s);
  if (b) return b;
  // A lone surrogate would silently become U+FFFD: two strings, one encoding.
  if (LONE_SURROGATE.test(s)) throw new EncodeError('ENCODE_INVALID', `${name}: lone UTF-16 surrogate`);
  b = utf8Encoder.encode(s);
  if (s.length <= 32) {
    if (utf8Cache.size > 4096) utf8Cache.clear();
    utf8Cache.set(s, b);
  }
  return b;
}
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** A UTF-16 surrogate not part of a pair: TextEncoder would silently turn it into U+FFFD. */
const LONE_SURROGATE = /\p{Cs}/u;

/** True when every byte is below 0x80: such bytes are their own UTF-8 decoding. */
function isAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return false;
  return true;
}

/** A UTF-8 string of at most `maxBytes` bytes with a u32 length prefix. */
export function str(maxBytes: number): Codec<string> {
  const name = `string<=${maxBytes}`;
  return {
    name,
    fixedSize: null,
    write(w, v) {
      if (typeof v !== 'string') throw new EncodeError('ENCODE_INVALID', `${name}: not a string`);
      const b = utf8(v, name);
      if (b.length > maxBytes) throw new EncodeError('ENCODE_INVALID', `${name}: ${b.length} bytes exceeds ${maxBytes}`);
      w.uint(b.length, 4);
      w.raw(b);
    },
    read(r) {
      const b = r.take(readLength(r, maxBytes, name));
      if (b.length <= 64 && isAscii(b)) return String.fromCharCode.apply(null, b as unknown as number[]);
      let s: string;
      try {
        s = utf8Decoder.decode(b);
      } catch {
        throw new DecodeError('DECODE_NON_CANONICAL', `${name}: invalid UTF-8`);
      }
      return s;
    },
    toJson: (v) => v,
    fromJson(j, path = '') {
      if (typeof j !== 'string') throw bad(path, 'expected a string');
      if (LONE_SURROGATE.test(j)) throw bad(path, 'lone UTF-16 surrogate (not encodable as UTF-8)');
      if (utf8Encoder.encode(j).length > maxBytes) throw new DecodeError('DECODE_OVERSIZE', `${path}: string exceeds ${maxBytes} bytes`, { path });
      return j;
    },
  };
}

/** A list of at most `max` items with a u32 count prefix. */
export function list<T>(item: Codec<T>, max: number): Codec<T[]> {
  const name = `list<${item.name}, ${max}>`;
  return {
    name,
    fixedSize: null,
    write(w, v) {
      if (!Array.isArray(v) || v.length > max) throw new EncodeError('ENCODE_INVALID', `${name}: length ${v?.length} exceeds ${max}`);
      w.uint(v.length, 4);
      for (const x of v) item.write(w, x);
    },
    read(r) {
      const n = readLength(r, max, name);
      // A list cannot hold more items than bytes remain (every item is at least one byte, or fixed size).
      const minItem = item.fixedSize ?? 1;
      if (n * minItem > r.remaining) throw new DecodeError('DECODE_TRUNCATED', `${name}: ${n} items cannot fit in ${r.remaining} bytes`);
      const out = new Array<T>(n);
      for (let i = 0; i < n; i++) out[i] = item.read(r);
      return out;
    },
    toJson: (v) => v.map((x) => item.toJson(x)),
    fromJson(j, path = '') {
      if (!Array.isArray(j)) throw bad(path, 'expected an array');
      if (j.length > max) throw new DecodeError('DECODE_OVERSIZE', `${path}: ${j.length} items exceeds ${max}`, { path });
      return j.map((x, i) => item.fromJson(x, `${path}[${i}]`));
    },
  };
}

/** An optional value: tag byte 0 (absent) or 1 followed by the value. */
export function optional<T>(inner: Codec<T>): Codec<T | null> {
  return {
    name: `optional<${inner.name}>`,
    fixedSize: null,
    write(w, v) {
      if (v === null || v === undefined) w.uint(0, 1);
      else {
        w.uint(1, 1);
        inner.write(w, v);
      }
    },
    read(r) {
      const tag = r.uint(1);
      if (tag === 0) return null;
      if (tag !== 1) throw new DecodeError('DECODE_NON_CANONICAL', `optional<${inner.name}>: tag ${tag} is not 0 or 1`);
      return inner.read(r);
    },
    toJson: (v) => (v === null || v === undefined ? null : inner.toJson(v)),
    fromJson: (j, path = '') => (j === null || j === undefined ? null : inner.fromJson(j, path)),
  };
}

/** One of a fixed set of strings, encoded as its u8 index. */
export function enumOf<const V extends readonly string[]>(name: string, values: V): Codec<V[number]> {
  return {
    name,
    fixedSize: 1,
    write(w, v) {
      const i = values.indexOf(v);
      if (i < 0) throw new EncodeError('ENCODE_INVALID', `${name}: unknown value ${String(v)}`);
      w.uint(i, 1);
    },
    read(r) {
      const i = r.uint(1);
      if (i >= values.length) throw new DecodeError('DECODE_INVALID', `${name}: unknown tag ${i}`);
      return values[i];
    },
    toJson: (v) => v,
    fromJson(j, path = '') {
      if (typeof j !== 'string' || !values.includes(j)) throw bad(path, `expected one of ${values.join(', ')}`);
      return j as V[number];
    },
  };
}

type Fields = Record<string, Codec<any>>;
/** The object type described by a record of field codecs. */
export type StructOf<F extends Fields> = { [K in keyof F]: Infer<F[K]> };

/** A record of named fields, encoded in declaration order with no padding. */
export function struct<F extends Fields>(name: string, fields: F): Codec<StructOf<F>> {
  const entries = Object.entries(fields);
  const keys = entries.map(([k]) => k);
  const codecs = entries.map(([, c]) => c);
  const fixed = codecs.every((c) => c.fixedSize !== null) ? codecs.reduce((a, c) => a + (c.fixedSize as number), 0) : null;
  return {
    name,
    fixedSize: fixed,
    write(w, v) {
      if (v === null || typeof v !== 'object') throw new EncodeError('ENCODE_INVALID', `${name}: not an object`);
      for (let i = 0; i < keys.length; i++) codecs[i].write(w, (v as any)[keys[i]]);
    },
    read(r) {
      const out: any = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]] = codecs[i].read(r);
      return out;
    },
    toJson(v) {
      const out: Record<string, Json> = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]] = codecs[i].toJson((v as any)[keys[i]]);
      return out;
    },
    fromJson(j, path = '') {
      if (j === null || typeof j !== 'object' || Array.isArray(j)) throw bad(path, `expected an object for ${name}`);
      const src = j as Record<string, unknown>;
      for (const k of Object.keys(src)) if (!Object.hasOwn(fields, k)) throw bad(path, `unknown field "${k}" in ${name}`);
      const out: any = {};
      for (let i = 0; i < keys.length; i++) {
        const p = path ? `${path}.${keys[i]}` : keys[i];
        if (!(keys[i] in src)) {
          if (codecs[i].name.startsWith('optional<')) {
            out[keys[i]] = null;
            continue;
          }
          throw bad(p, 'missing field');
        }
        out[keys[i]] = codecs[i].fromJson(src[keys[i]], p);
      }
      return out;
    },
  };
}
