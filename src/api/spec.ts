/**
 * How an RPC method's interface is declared, once: name, summary, parameters (TypeBox schemas,
 * required flags, defaults), result schema, transport and access. From a `MethodSpec` come the
 * server's parameter validation and handler types (`DecodedParams`, `ResultOf`), the OpenRPC
 * document, and the client SDK's types (`ResultOf`, `WireParams`, through type-only imports).
 * Schema-only and browser-safe.
 */
import type { Static, StaticDecode, TSchema } from '@sinclair/typebox';

/** One positional (or by-name) parameter. `D` is the type of its default (undefined: none). */
export interface ParamSpec<N extends string = string, S extends TSchema = TSchema, R extends boolean = boolean, D = unknown> {
  readonly name: N;
  readonly schema: S;
  readonly required: R;
  /** Wire value used when an optional parameter is absent or null (decoded like a given one). */
  readonly default?: D;
  readonly description: string;
}

/** A required parameter. */
export function param<const N extends string, S extends TSchema>(name: N, schema: S, description: string): ParamSpec<N, S, true, undefined> {
  return { name, schema, required: true, description };
}

/** An optional parameter with its default in wire form (`undefined`: the handler sees undefined). */
export function optionalParam<const N extends string, S extends TSchema, const D extends Static<S> | undefined>(name: N, schema: S, def: D, description: string): ParamSpec<N, S, false, D> {
  return def === undefined ? { name, schema, required: false, description } : { name, schema, required: false, default: def, description };
}

/**
 * Who may call a method: `read` methods are open on the loopback; `control` methods change what the
 * node does (start the miner, ...) and need the node's auth cookie.
 */
export type MethodAccess = 'read' | 'control';

/** A method's interface. */
export interface MethodSpec<N extends string = string, P extends readonly ParamSpec[] = readonly ParamSpec[], R extends TSchema = TSchema> {
  readonly name: N;
  readonly summary: string;
  readonly params: P;
  readonly result: { readonly name: string; readonly schema: R; readonly description?: string };
  /** Only available over WebSocket (subscriptions). */
  readonly wsOnly?: boolean;
  /** Default `read`. */
  readonly access?: MethodAccess;
}

/** Declares a method's interface (identity, for type inference). */
export function defineSpec<const N extends string, const P extends readonly ParamSpec[], R extends TSchema>(spec: MethodSpec<N, P, R>): MethodSpec<N, P, R> {
  return spec;
}

/** The value a handler gets for one parameter (decoded; `undefined` for an absent optional one without default). */
export type DecodedParam<P> = P extends ParamSpec<string, infer S, infer R, infer D> ? (R extends true ? StaticDecode<S> : undefined extends D ? StaticDecode<S> | undefined : StaticDecode<S>) : never;

type DecodedTuple<P extends readonly unknown[]> = { -readonly [K in keyof P]: DecodedParam<P[K]> };

/** The decoded parameter tuple a handler of `S` gets. */
export type DecodedParams<S extends MethodSpec> = DecodedTuple<S['params']>;

/** A method's result as it is on the wire (what the handler returns and the client receives). */
export type ResultOf<S extends MethodSpec> = Static<S['result']['schema']>;

type ParamName<P> = P extends ParamSpec<infer N> ? N : never;
type RequiredNames<P extends readonly ParamSpec[]> = { [K in keyof P]: P[K] extends ParamSpec<string, TSchema, true> ? ParamName<P[K]> : never }[number];
type WireOf<P extends readonly ParamSpec[], N> = Extract<P[number], ParamSpec<N & string>> extends ParamSpec<string, infer S> ? Static<S> : never;

/** A method's parameters by name, as the wire takes them (optional ones optional). */
export type WireParams<S extends MethodSpec> = { [N in RequiredNames<S['params']>]: WireOf<S['params'], N> } & { [N in Exclude<ParamName<S['params'][number]>, RequiredNames<S['params']>>]?: WireOf<S['params'], N> };
