/**
 * How an RPC method is declared: name, summary, parameter specs (type + required + default), a
 * result schema and a handler. The same declaration drives strict parameter parsing and the
 * OpenRPC document, so the two cannot drift apart.
 */
import { invalidParams } from './errors.js';
import type { JsonSchema, ParamType } from './params.js';
import type { RpcServices } from './services.js';
import type { WsSession } from './session.js';

/** One positional (or by-name) parameter of a method. */
export interface ParamSpec<T> {
  readonly name: string;
  readonly type: ParamType<T>;
  readonly required: boolean;
  /** Value used when an optional parameter is absent or null. */
  readonly default?: T;
  readonly description: string;
}

/** A required parameter. */
export function param<T>(name: string, type: ParamType<T>, description: string): ParamSpec<T> {
  return { name, type, required: true, description };
}

/** An optional parameter with its default. */
export function optionalParam<T>(name: string, type: ParamType<T>, def: T, description: string): ParamSpec<T> {
  return { name, type, required: false, default: def, description };
}

/** Specs of a parameter tuple. */
export type ParamSpecs<P extends readonly unknown[]> = { readonly [K in keyof P]: ParamSpec<P[K]> };

/** What a handler gets besides its parameters. */
export interface MethodCall {
  readonly services: RpcServices;
  /** The WebSocket session the call arrived on, or null over HTTP. */
  readonly session: WsSession | null;
  /** Runs `fn` after the response to this call has been sent (WebSocket only). */
  after(fn: () => void): void;
}

/** A method declaration. */
export interface MethodDef<P extends readonly unknown[] = readonly unknown[], R = unknown> {
  readonly name: string;
  readonly summary: string;
  readonly params: ParamSpecs<P>;
  readonly result: { readonly name: string; readonly schema: JsonSchema; readonly description?: string };
  /** Only available over WebSocket (subscriptions). */
  readonly wsOnly?: boolean;
  handler(call: MethodCall, params: P): R | Promise<R>;
}

/** A method with its parameter types erased, as kept in the registry. */
export interface AnyMethod extends Omit<MethodDef, 'params' | 'handler'> {
  readonly params: ReadonlyArray<ParamSpec<any>>;
  handler(call: MethodCall, params: any): unknown;
}

/** Declares a method (identity, for type inference). */
export function defineMethod<P extends readonly unknown[], R>(def: MethodDef<P, R>): MethodDef<P, R> {
  return def;
}

/**
 * Parses a request's `params` (absent, positional array or by-name object) against the specs:
 * too many or unknown parameters, missing required ones and bad values are -32602 errors.
 */
export function parseParams(specs: ReadonlyArray<ParamSpec<unknown>>, raw: unknown): unknown[] {
  let values: unknown[];
  if (raw === undefined) values = [];
  else if (Array.isArray(raw)) {
    if (raw.length > specs.length) {
      throw invalidParams('params', `expected at most ${specs.length} param${specs.length === 1 ? '' : 's'} (${specs.map((s) => s.name).join(', ') || 'none'}), got ${raw.length}`);
    }
    values = raw;
  } else if (raw !== null && typeof raw === 'object') {
    const obj = raw as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      if (!specs.some((s) => s.name === k)) throw invalidParams(k.length > 64 ? `${k.slice(0, 64)}...` : k, `unknown param; expected ${specs.map((s) => s.name).join(', ') || 'none'}`);
    }
    values = specs.map((s) => (Object.hasOwn(obj, s.name) ? obj[s.name] : undefined));
  } else {
    throw invalidParams('params', 'must be an array or an object');
  }
  return specs.map((s, i) => {
    const v = values[i];
    if (v === undefined || (v === null && !s.required)) {
      if (s.required) throw invalidParams(s.name, 'is required');
      return s.default;
    }
    return s.type.parse(v, s.name);
  });
}
