/**
 * TypeBox schemas of the RPC wire format, the one definition the server's result types, the OpenRPC
 * document and the client SDK's types all come from: amounts of u64 and wider are decimal strings,
 * block and transaction ids are 64 hex digits in display (reversed) order, other bytes plain hex,
 * addresses bech32m `cw1...`. Schema-only and browser-safe: nothing here reads state.
 */
import { Kind, Type, TypeRegistry, type TLiteral, type TSchema, type TUnion, type TUnsafe } from '@sinclair/typebox';
import type { Json } from '../encoding/codec.js';

/** A string. */
export const Str = Type.String();
/** A JSON integer >= 0. */
export const Uint = Type.Integer({ minimum: 0 });
/** A JSON number. */
export const Num = Type.Number();
/** A boolean. */
export const Bool = Type.Boolean();
/** An unsigned integer as a decimal string (u64 and wider). */
export const Dec = Type.String({ pattern: '^(0|[1-9][0-9]*)$' });
/** A block or transaction id: 64 hex digits, display (reversed) order. */
export const Hash = Type.String({ pattern: '^[0-9a-f]{64}$' });
/** 32 bytes of hex in natural order (state roots, content hashes). */
export const Bytes32 = Type.String({ pattern: '^[0-9a-f]{64}$' });
/** Hex bytes. */
export const Hex = Type.String({ pattern: '^([0-9a-f]{2})*$' });
/** A bech32m address. */
export const Address = Type.String({ pattern: '^cw1[02-9ac-hj-np-z]+$' });

// Any JSON value (event data, decoded params): published as `{}`, typed as the codec's Json.
TypeRegistry.Set('CoinworksJson', () => true);
/** Any JSON value (typed as the codec's `Json`). */
export function JsonValue(description?: string): TUnsafe<Json> {
  return Type.Unsafe<Json>({ [Kind]: 'CoinworksJson', ...(description ? { description } : {}) });
}

/** An object with exactly these properties (wrap a property in `Type.Optional` to make it optional). */
export function Obj<P extends Record<string, TSchema>>(properties: P, description?: string) {
  return Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });
}

/** An array of items. */
export function Arr<T extends TSchema>(items: T) {
  return Type.Array(items);
}

/** `schema` or null. */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

/** One of a fixed set of strings. */
export function StrEnum<const V extends readonly [string, ...string[]]>(values: V, description?: string): TUnion<TLiteral<V[number]>[]> {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  );
}

/** An event as JSON (data decoded when its schema is known, else hex). */
export const EventJson = Obj({ module: Str, name: Str, data: JsonValue() });

/** One event of a trail (asset_events, multisig_events). */
export const TrailEvent = Obj({
  height: Uint,
  time: Uint,
  blockHash: Hash,
  txId: Nullable(Hash),
  txIndex: Nullable(Uint),
  eventIndex: Uint,
  module: Str,
  name: Str,
  data: JsonValue(),
});

/** A page of an event trail; `nextFromHeight` starts the next page (null at the end). */
export const TrailPage = Obj({ events: Arr(TrailEvent), nextFromHeight: Nullable(Uint) });
