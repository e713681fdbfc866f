/**
 * RPC methods as the server keeps them: a method interface (`api/spec.ts`, defined once with
 * TypeBox) with its handler. Module endpoints (`state/endpoint.ts`) are methods whose handler needs
 * only the `EndpointContext`; the node's own methods (`methods/`) get the whole `MethodCall`.
 * `parseParams` validates a request's params against exactly the schemas the OpenRPC document
 * publishes, then decodes them, so the two cannot drift apart.
 */
import { Value } from '@sinclair/typebox/value';
import { TransformDecodeError } from '@sinclair/typebox/value';
import type { DecodedParams, MethodSpec, ParamSpec, ResultOf } from '../api/spec.js';
import { ParamRuleError } from '../api/params.js';
import type { Endpoint, EndpointContext } from '../state/endpoint.js';
import { invalidParams } from './errors.js';
import { describeValue, ruleFor } from './param-rules.js';
import type { RpcServices } from './services.js';
import type { WsSession } from './session.js';

/** What the node's own method handlers get: the endpoint context plus the server's services. */
export interface MethodCall extends EndpointContext {
  readonly services: RpcServices;
  /** The WebSocket session the call arrived on, or null over HTTP. */
  readonly session: WsSession | null;
  /** Runs `fn` after the response to this call has been sent (WebSocket only). */
  after(fn: () => void): void;
}

/** A method with its types erased, as kept in the registry. */
export type AnyMethod = Endpoint<MethodSpec, any>;

/** Declares one of the node's own methods: its interface and a handler over the full call. */
export function defineMethod<S extends MethodSpec>(spec: S, handler: (call: MethodCall, params: DecodedParams<S>) => ResultOf<S> | Promise<ResultOf<S>>): Endpoint<S, MethodCall> {
  return { name: spec.name, spec, handler };
}

function shorten(k: string): string {
  return k.length > 64 ? `${k.slice(0, 64)}...` : k;
}

/** `/a/0/b` (a JSON pointer from TypeBox) as `.a[0].b` after the parameter name. */
function pathName(name: string, pointer: string): string {
  if (pointer === '') return name;
  return (
    name +
    pointer
      .split('/')
      .slice(1)
      .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${shorten(seg)}`))
      .join('')
  );
}

/** Validates and decodes one parameter value; -32602 naming the parameter (and field) and the rule. */
export function parseParam(spec: ParamSpec, value: unknown): unknown {
  const first = Value.Errors(spec.schema, value).First();
  if (first) {
    const { rule, showValue } = ruleFor(first);
    const got = showValue ? `, got ${describeValue(first.value)}` : '';
    throw invalidParams(pathName(spec.name, first.path), `${rule}${got}`);
  }
  try {
    return Value.Decode(spec.schema, value);
  } catch (e) {
    if (e instanceof TransformDecodeError) {
      const cause = e.error instanceof ParamRuleError ? e.error.message : `is not valid (${(e.error as Error)?.message ?? 'decode failed'})`;
      throw invalidParams(pathName(spec.name, e.path), cause);
    }
    throw e;
  }
}

/**
 * Parses a request's `params` (absent, positional array or by-name object) against the specs:
 * too many or unknown parameters, missing required ones and bad values are -32602 errors.
 */
export function parseParams(specs: readonly ParamSpec[], raw: unknown): unknown[] {
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
      if (!specs.some((s) => s.name === k)) throw invalidParams(shorten(k), `unknown param; expected ${specs.map((s) => s.name).join(', ') || 'none'}`);
    }
    values = specs.map((s) => (Object.hasOwn(obj, s.name) ? obj[s.name] : undefined));
  } else {
    throw invalidParams('params', 'must be an array or an object');
  }
  return specs.map((s, i) => {
    const v = values[i];
    if (v === undefined || (v === null && !s.required)) {
      if (s.required) throw invalidParams(s.name, 'is required');
      return s.default === undefined ? undefined : parseParam(s, s.default);
    }
    return parseParam(s, v);
  });
}
