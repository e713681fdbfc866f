/**
 * Parameter types of RPC methods: each pairs a JSON Schema (published through OpenRPC) with a
 * strict parser that throws -32602 naming the parameter and the rule. Numbers must be safe
 * integers in range (no floats, no 1e400, no 2^80), hex must have the exact length, addresses
 * must be valid bech32m `cw1...` text.
 */
import { decodeAddress } from '../crypto/address.js';
import { hexToBytes } from '../encoding/hex.js';
import { invalidParams } from './errors.js';

/** A JSON Schema object (as published in the OpenRPC document). */
export type JsonSchema = { readonly [k: string]: unknown };

/** A parameter type: its schema and its parser. */
export interface ParamType<T> {
  readonly schema: JsonSchema;
  /** Parses a JSON value; throws RpcServerError(-32602) naming `name`. */
  parse(value: unknown, name: string): T;
}

/** How a bad JSON value is named in an invalid-params message. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'a number out of range';
  return typeof v === 'object' ? 'an object' : String(v);
}

/** An integer in [min, max] given as a JSON number (safe integers only). */
export function intParam(min: number, max: number, description?: string): ParamType<number> {
  return {
    schema: { type: 'integer', minimum: min, maximum: max, ...(description ? { description } : {}) },
    parse(v, name) {
      if (typeof v !== 'number') throw invalidParams(name, `must be an integer, got ${describe(v)}`);
      if (!Number.isSafeInteger(v)) throw invalidParams(name, `must be a safe integer between ${min} and ${max}, got ${describe(v)}`);
      if (v < min || v > max) throw invalidParams(name, `must be between ${min} and ${max}, got ${v}`);
      return v;
    },
  };
}

const HEX_RE = /^(0x)?[0-9a-fA-F]*$/;

/** Hex bytes (optional 0x prefix) of `minBytes..maxBytes` bytes. */
export function hexParam(minBytes: number, maxBytes: number, description?: string): ParamType<Uint8Array> {
  const exact = minBytes === maxBytes;
  return {
    schema: {
      type: 'string',
      pattern: exact ? `^(0x)?[0-9a-fA-F]{${2 * minBytes}}$` : `^(0x)?([0-9a-fA-F]{2}){${minBytes},${maxBytes}}$`,
      ...(description ? { description } : {}),
    },
    parse(v, name) {
      if (typeof v !== 'string') throw invalidParams(name, `must be a hex string, got ${describe(v)}`);
      const digits = v.startsWith('0x') ? v.length - 2 : v.length;
      const rule = exact ? `exactly ${minBytes} bytes (${2 * minBytes} hex digits)` : `${minBytes} to ${maxBytes} bytes`;
      if (digits > 2 * maxBytes || digits < 2 * minBytes) throw invalidParams(name, `must be ${rule}, got ${digits} hex digits`);
      if (digits % 2 !== 0 || !HEX_RE.test(v)) throw invalidParams(name, 'must be an even-length hex string');
      return hexToBytes(v);
    },
  };
}

/** A 32-byte block or transaction id in display order (reversed hex); parsed to internal order. */
export function hashParam(description?: string): ParamType<Uint8Array> {
  const hex = hexParam(32, 32, description);
  return { schema: hex.schema, parse: (v, name) => hex.parse(v, name).reverse() };
}

/** A bech32m `cw1...` address; parsed to its 20 bytes. */
export function addressParam(description?: string): ParamType<Uint8Array> {
  return {
    schema: { type: 'string', pattern: '^cw1[02-9ac-hj-np-z]+$', maxLength: 90, ...(description ? { description } : {}) },
    parse(v, name) {
      if (typeof v !== 'string') throw invalidParams(name, `must be a bech32m address string, got ${describe(v)}`);
      if (v.length > 90) throw invalidParams(name, `must be a bech32m address of at most 90 characters, got ${v.length}`);
      try {
        return decodeAddress(v);
      } catch (e) {
        throw invalidParams(name, (e as Error).message);
      }
    },
  };
}

/** A JSON boolean. */
export function boolParam(description?: string): ParamType<boolean> {
  return {
    schema: { type: 'boolean', ...(description ? { description } : {}) },
    parse(v, name) {
      if (typeof v !== 'boolean') throw invalidParams(name, `must be true or false, got ${describe(v)}`);
      return v;
    },
  };
}

/** One of a fixed set of strings. */
export function enumParam<const V extends readonly string[]>(values: V, description?: string): ParamType<V[number]> {
  return {
    schema: { type: 'string', enum: [...values], ...(description ? { description } : {}) },
    parse(v, name) {
      if (typeof v !== 'string' || !values.includes(v)) throw invalidParams(name, `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${describe(v)}`);
      return v as V[number];
    },
  };
}

/** A main-chain height (integer) or a block hash (64 hex digits). */
export type HeightOrHash = { readonly height: number } | { readonly hash: Uint8Array };

/** Block selector: height as a JSON integer, or hash as hex. */
export function heightOrHashParam(): ParamType<HeightOrHash> {
  const height = intParam(0, 0xffffffff, 'main-chain height');
  const hash = hashParam('block hash (display order)');
  return {
    schema: { oneOf: [height.schema, hash.schema] },
    parse(v, name) {
      if (typeof v === 'number') return { height: height.parse(v, name) };
      if (typeof v === 'string') return { hash: hash.parse(v, name) };
      throw invalidParams(name, `must be a height (integer) or a block hash (64 hex digits), got ${describe(v)}`);
    },
  };
}

/** A non-negative integer given as a decimal string (or a safe JSON integer), up to `max`. */
export function bigUintParam(max: bigint, description?: string): ParamType<bigint> {
  return {
    schema: { type: 'string', pattern: '^(0|[1-9][0-9]*)$', ...(description ? { description } : {}) },
    parse(v, name) {
      let n: bigint;
      if (typeof v === 'number' && Number.isSafeInteger(v)) n = BigInt(v);
      else if (typeof v === 'string' && v.length <= 80 && /^(0|[1-9][0-9]*)$/.test(v)) n = BigInt(v);
      else throw invalidParams(name, `must be a non-negative integer as a decimal string, got ${describe(v)}`);
      if (n < 0n || n > max) throw invalidParams(name, `must be between 0 and ${max}`);
      return n;
    },
  };
}

/** A string of 1..`maxLength` characters matching `pattern`. */
export function stringParam(maxLength: number, pattern: RegExp, description?: string): ParamType<string> {
  return {
    schema: { type: 'string', minLength: 1, maxLength, pattern: pattern.source, ...(description ? { description } : {}) },
    parse(v, name) {
      if (typeof v !== 'string') throw invalidParams(name, `must be a string, got ${describe(v)}`);
      if (v.length === 0 || v.length > maxLength) throw invalidParams(name, `must be 1 to ${maxLength} characters, got ${v.length}`);
      if (!pattern.test(v)) throw invalidParams(name, `must match ${pattern.source}`);
      return v;
    },
  };
}
