/**
 * TypeBox parameter types of RPC methods. Each is the JSON Schema the OpenRPC document publishes
 * (the server validates every parameter against exactly that schema) plus, where the wire form is
 * not what a handler wants, a decode step (hex to bytes, display-order ids to internal order,
 * bech32m to the 20 address bytes, decimal strings to bigint) that enforces what JSON Schema cannot
 * say (address checksums, u64 bounds). `RULE` names each type's rule in plain words for -32602
 * messages. Schema-only and browser-safe.
 */
import { Type, type TObject, type TOptional, type TSchema } from '@sinclair/typebox';
import { decodeAddress, encodeAddress } from '../crypto/address.js';
import { bytesToHex, hashToDisplay, hexToBytes } from '../encoding/hex.js';
import { CoinworksError } from '../errors.js';
import { StrEnum } from './wire.js';

/** Symbol under which a schema carries the human rule of its values (not part of the JSON). */
export const RULE: unique symbol = Symbol.for('coinworks.rpc.rule');

/** A value that has the right JSON shape but breaks a rule JSON Schema cannot express (thrown by decode steps). */
export class ParamRuleError extends CoinworksError<'RPC_PARAM_RULE'> {
  constructor(rule: string) {
    super('RPC_PARAM_RULE', rule);
  }
}

/** Attaches the human rule to a schema (kept off the published JSON). */
export function withRule<T extends TSchema>(schema: T, rule: string): T {
  // An enumerable symbol: TypeBox's spreads and clones keep it, JSON.stringify never shows it.
  (schema as unknown as Record<symbol, string>)[RULE] = rule;
  return schema;
}

/** The rule a schema carries, if any. */
export function ruleOf(schema: unknown): string | undefined {
  return schema !== null && typeof schema === 'object' ? ((schema as Record<symbol, unknown>)[RULE] as string | undefined) : undefined;
}

function opts(description?: string): { description?: string } {
  return description ? { description } : {};
}

/** An integer in [min, max] given as a JSON number. */
export function IntParam(min: number, max: number, description?: string) {
  return Type.Integer({ minimum: min, maximum: max, ...opts(description) });
}

/** Hex bytes (optional 0x prefix) of `minBytes..maxBytes` bytes, decoded to bytes. */
export function HexParam(minBytes: number, maxBytes: number, description?: string) {
  const exact = minBytes === maxBytes;
  const wire = Type.String({
    // The length bound comes first so an oversize string fails before the pattern runs over it.
    maxLength: 2 * maxBytes + 2,
    pattern: exact ? `^(0x)?[0-9a-fA-F]{${2 * minBytes}}$` : `^(0x)?([0-9a-fA-F]{2}){${minBytes},${maxBytes}}$`,
    ...opts(description),
  });
  withRule(wire, exact ? `must be exactly ${minBytes} bytes (${2 * minBytes} hex digits)` : `must be ${minBytes} to ${maxBytes} bytes of even-length hex`);
  return Type.Transform(wire)
    .Decode((v) => hexToBytes(v))
    .Encode((b) => bytesToHex(b));
}

/** A 32-byte block or transaction id in display order (reversed hex), decoded to internal order. */
export function HashParam(description?: string) {
  const wire = withRule(Type.String({ maxLength: 66, pattern: '^(0x)?[0-9a-fA-F]{64}$', ...opts(description) }), 'must be exactly 32 bytes (64 hex digits)');
  return Type.Transform(wire)
    .Decode((v) => hexToBytes(v).reverse())
    .Encode((b) => hashToDisplay(b));
}

/** A bech32m `cw1...` address, decoded to its 20 bytes (the checksum is checked). */
export function AddressParam(description?: string) {
  const wire = withRule(Type.String({ maxLength: 90, pattern: '^cw1[02-9ac-hj-np-z]+$', ...opts(description) }), 'must be a bech32m address (cw1..., at most 90 characters)');
  return Type.Transform(wire)
    .Decode((v) => {
      try {
        return decodeAddress(v);
      } catch (e) {
        throw new ParamRuleError((e as Error).message);
      }
    })
    .Encode((b) => encodeAddress(b));
}

/** A JSON boolean. */
export function BoolParam(description?: string) {
  return Type.Boolean(opts(description));
}

/** One of a fixed set of strings. */
export function EnumParam<const V extends readonly [string, ...string[]]>(values: V, description?: string) {
  return withRule(StrEnum(values, description), `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
}

/** A string of 1..`maxLength` characters matching `pattern`. */
export function StringParam(maxLength: number, pattern: RegExp, description?: string) {
  return Type.String({ minLength: 1, maxLength, pattern: pattern.source, ...opts(description) });
}

const DECIMAL = '^(0|[1-9][0-9]*)$';

/** A non-negative integer up to `max`: a decimal string, or a JSON integer when it is a safe one; decoded to bigint. */
export function BigUintParam(max: bigint, description?: string) {
  const wire = withRule(
    Type.Union([Type.String({ maxLength: 80, pattern: DECIMAL, description: 'decimal string' }), Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'JSON integer (safe integers only)' })], opts(description)),
    'must be a non-negative integer as a decimal string (or a safe JSON integer)',
  );
  return Type.Transform(wire)
    .Decode((v) => {
      const n = BigInt(v);
      if (n > max) throw new ParamRuleError(`must be between 0 and ${max}`);
      return n;
    })
    .Encode((n) => n.toString());
}

/** A main-chain height (integer) or a block hash (64 hex digits, display order). */
export type HeightOrHash = { readonly height: number } | { readonly hash: Uint8Array };

/** Block selector: a height as a JSON integer, or a hash as hex; decoded to `HeightOrHash`. */
export function HeightOrHashParam(description?: string) {
  const wire = withRule(
    Type.Union([Type.Integer({ minimum: 0, maximum: 0xffffffff, description: 'main-chain height' }), Type.String({ maxLength: 66, pattern: '^(0x)?[0-9a-fA-F]{64}$', description: 'block hash (display order)' })], opts(description)),
    'must be a height (integer from 0 to 4294967295) or a block hash (64 hex digits)',
  );
  return Type.Transform(wire)
    .Decode((v): HeightOrHash => (typeof v === 'number' ? { height: v } : { hash: hexToBytes(v).reverse() }))
    .Encode((s) => ('height' in s ? s.height : hashToDisplay(s.hash)));
}

/** A JSON object with only these (all optional) fields. */
export function OptionsParam<P extends Record<string, TSchema>>(fields: P, description?: string) {
  const optional = Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, Type.Optional(s)])) as { [K in keyof P]: TOptional<P[K]> };
  return withRule(Type.Object(optional, { additionalProperties: false, ...opts(description) }), `must be an object with only the optional fields ${Object.keys(fields).join(', ')}`);
}

/** Largest page of events. */
export const MAX_TRAIL_LIMIT = 1000;
/** Default page of events. */
export const DEFAULT_TRAIL_LIMIT = 100;

/** Paging of an event trail as handlers see it (defaults filled in). */
export interface TrailOptions {
  /** First height to report (default 0). */
  readonly fromHeight: number;
  /** Most events per page (default 100, at most 1000); a page never splits a block. */
  readonly limit: number;
  /** asset_events only: include the events of the asset's group multisigs (default true). */
  readonly groups?: boolean;
}

/** `{fromHeight?, limit?}` (and `groups?` when `withGroups`), decoded with the defaults filled in. */
export function TrailOptionsParam<const G extends boolean>(withGroups: G) {
  const page = {
    fromHeight: Type.Optional(Type.Integer({ minimum: 0, maximum: 0xffffffff, description: 'first block height (default 0)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_TRAIL_LIMIT, description: `most events (default ${DEFAULT_TRAIL_LIMIT}); a page ends at a block boundary` })),
  };
  const groups = { groups: Type.Optional(Type.Boolean({ description: "include the events of the asset's group multisigs (default true)" })) };
  const wire = Type.Object(withGroups ? { ...page, ...groups } : page, { additionalProperties: false }) as TObject<typeof page & typeof groups>;
  return Type.Transform(wire)
    .Decode((o): TrailOptions => {
      const base = { fromHeight: o.fromHeight ?? 0, limit: o.limit ?? DEFAULT_TRAIL_LIMIT };
      return withGroups ? { ...base, groups: o.groups !== false } : base;
    })
    .Encode((o) => ({ fromHeight: o.fromHeight, limit: o.limit, ...(o.groups === undefined ? {} : { groups: o.groups }) }));
}

/** Default trail options in wire form (with `groups` for asset_events). */
export function trailDefaults(withGroups: boolean): { fromHeight: number; limit: number; groups?: boolean } {
  return withGroups ? { fromHeight: 0, limit: DEFAULT_TRAIL_LIMIT, groups: true } : { fromHeight: 0, limit: DEFAULT_TRAIL_LIMIT };
}

const SYMBOL_RE = /^[A-Z][A-Z0-9]{0,11}$/;

/** An asset: its id (integer >= 1) or its symbol (e.g. "USDKG"). */
export function AssetRefParam(description?: string) {
  return withRule(
    Type.Union([Type.Integer({ minimum: 1, maximum: 0xffffffff }), Type.String({ maxLength: 12, pattern: SYMBOL_RE.source })], opts(description)),
    'must be an asset id (integer from 1 to 4294967295) or a symbol (1-12 of A-Z and 0-9, starting with a letter)',
  );
}
