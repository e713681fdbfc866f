/**
 * JSON-RPC 2.0 error codes and the mapping from Coinworks' typed errors to error objects:
 * protocol errors keep the standard codes, a typed domain error (TxError, MempoolError, ...)
 * becomes -32000 with `data.code` naming the rule, anything unexpected becomes -32603 with no detail.
 */
import { CoinworksError } from '../errors.js';
import { EndpointError } from '../state/endpoint.js';

/** Numeric JSON-RPC error codes used by the server. */
export const RPC_CODES = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  /** A typed domain error (transaction or mempool rule): `data.code` names it. */
  SERVER_ERROR: -32000,
  /** The block, transaction or subscription asked for is unknown. */
  NOT_FOUND: -32001,
  /** The method needs a WebSocket connection. */
  TRANSPORT: -32002,
  /** The method changes what the node does and the request has no valid credentials (auth cookie). */
  UNAUTHORIZED: -32003,
  /** A server limit (subscriptions, connections, in-flight requests) was reached. */
  LIMIT_EXCEEDED: -32005,
} as const;

/** Stable string codes of errors the RPC layer raises itself. */
export type RpcErrorCode =
  | 'RPC_PARSE_ERROR'
  | 'RPC_INVALID_REQUEST'
  | 'RPC_METHOD_NOT_FOUND'
  | 'RPC_INVALID_PARAMS'
  | 'RPC_INTERNAL'
  | 'RPC_NOT_FOUND'
  | 'RPC_WS_ONLY'
  | 'RPC_LIMIT_EXCEEDED'
  | 'RPC_BODY_TOO_LARGE'
  | 'RPC_ORIGIN_FORBIDDEN'
  | 'RPC_UNAUTHORIZED';

/** An error raised by the RPC layer with its JSON-RPC code. */
export class RpcServerError extends CoinworksError<RpcErrorCode> {
  constructor(
    /** JSON-RPC numeric code. */
    readonly rpcCode: number,
    code: RpcErrorCode,
    message: string,
    data: Record<string, unknown> = {},
  ) {
    super(code, message, data);
  }
}

/** Invalid-params error naming the parameter and the rule it broke. */
export function invalidParams(param: string, rule: string, extra: Record<string, unknown> = {}): RpcServerError {
  return new RpcServerError(RPC_CODES.INVALID_PARAMS, 'RPC_INVALID_PARAMS', `invalid param "${param}": ${rule}`, { param, ...extra });
}

/** Not-found error for an unknown block, transaction or subscription (`detail`: which one, and what is there instead). */
export function notFound(what: string, data: Record<string, unknown> = {}, detail?: string): RpcServerError {
  return new RpcServerError(RPC_CODES.NOT_FOUND, 'RPC_NOT_FOUND', `${what} not found${detail ? `: ${detail}` : ''}`, data);
}

/** Limit-exceeded error. */
export function limitExceeded(message: string, data: Record<string, unknown> = {}): RpcServerError {
  return new RpcServerError(RPC_CODES.LIMIT_EXCEEDED, 'RPC_LIMIT_EXCEEDED', message, data);
}

/** A JSON-RPC error object. */
export interface RpcErrorObject {
  code: number;
  message: string;
  data?: Record<string, unknown>;
}

/** A JSON-RPC error object with the given code and message. */
export function errorObject(code: number, message: string, data?: Record<string, unknown>): RpcErrorObject {
  return data === undefined ? { code, message } : { code, message, data };
}

function jsonSafe(v: Record<string, unknown>): Record<string, unknown> {
  // Error data may carry bigints; JSON has no bigint.
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'bigint' ? x.toString() : x;
  return out;
}

/**
 * Error object for anything a method threw. `onInternal` is told about errors that are not ours
 * (they are reported to the caller as -32603 without detail).
 */
export function toErrorObject(e: unknown, onInternal?: (e: unknown) => void): RpcErrorObject {
  if (e instanceof RpcServerError) return errorObject(e.rpcCode, e.message, { code: e.code, ...jsonSafe(e.data) });
  if (e instanceof EndpointError) return errorObject(e.kind === 'not-found' ? RPC_CODES.NOT_FOUND : RPC_CODES.INVALID_PARAMS, e.message, { code: e.code, ...jsonSafe(e.data) });
  if (e instanceof CoinworksError) return errorObject(RPC_CODES.SERVER_ERROR, e.message, { code: e.code, ...jsonSafe(e.data) });
  onInternal?.(e);
  return errorObject(RPC_CODES.INTERNAL_ERROR, 'internal error', { code: 'RPC_INTERNAL' });
}
