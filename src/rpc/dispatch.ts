/**
 * JSON-RPC 2.0 processing, independent of transport: parse, validate the envelope, run single
 * requests and batches, drop responses to notifications, and turn every failure into an error
 * object. Nothing a client sends makes it throw.
 */
import { credentialsMatch, NO_AUTH, unauthorized, type CallAuth } from './auth.js';
import { methodCall } from './call-context.js';
import { errorObject, RPC_CODES, toErrorObject, type RpcErrorObject } from './errors.js';
import { readableError } from './error-text.js';
import { parseParams } from './method.js';
import type { RpcServices } from './services.js';
import type { WsSession } from './session.js';

/** A JSON-RPC id. */
export type RpcId = string | number | null;

/** A JSON-RPC response object. */
export type RpcResponse = { jsonrpc: '2.0'; id: RpcId; result: unknown } | { jsonrpc: '2.0'; id: RpcId; error: RpcErrorObject };

/** What a transport sends back: the serialized response (null when nothing is due) and work to run after sending it. */
export interface DispatchOutcome {
  readonly body: string | null;
  readonly after: ReadonlyArray<() => void>;
}

function fail(id: RpcId, code: number, message: string, data?: Record<string, unknown>): RpcResponse {
  return { jsonrpc: '2.0', id, error: errorObject(code, message, data) };
}

function bigintSafe(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v;
}

/** Serializes a response; bigints that slipped through become decimal strings. */
export function serialize(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return JSON.stringify(v, bigintSafe);
  }
}

function isValidId(id: unknown): id is RpcId {
  return id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
}

/** Runs JSON-RPC requests against the method registry. */
export class Dispatcher {
  constructor(
    private readonly services: RpcServices,
    /** Told about errors that are not ours (bugs); the caller sees -32603. */
    private readonly onInternal: (e: unknown, method: string) => void = () => undefined,
  ) {}

  /**
   * Handles the raw text of one HTTP body or WebSocket message. `auth` tells whether the transport
   * (HTTP Basic, the WebSocket handshake) brought valid credentials for control methods.
   */
  async handleText(text: string, session: WsSession | null, auth: CallAuth = NO_AUTH): Promise<DispatchOutcome> {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { body: serialize(fail(null, RPC_CODES.PARSE_ERROR, 'parse error: request is not valid JSON')), after: [] };
    }
    const after: Array<() => void> = [];
    const res = await this.handleValue(value, session, after, auth);
    return { body: res === null ? null : serialize(res), after };
  }

  /** Handles a parsed request or batch; null when no response is due (notifications only). */
  async handleValue(value: unknown, session: WsSession | null, after: Array<() => void> = [], auth: CallAuth = NO_AUTH): Promise<RpcResponse | RpcResponse[] | null> {
    if (!Array.isArray(value)) return this.handleOne(value, session, after, auth);
    const { maxBatch } = this.services.limits;
    if (value.length === 0) return fail(null, RPC_CODES.INVALID_REQUEST, 'invalid request: empty batch');
    if (value.length > maxBatch) return fail(null, RPC_CODES.INVALID_REQUEST, `invalid request: batch of ${value.length} requests exceeds the limit of ${maxBatch}`, { limit: maxBatch });
    const out = await Promise.all(value.map((r) => this.handleOne(r, session, after, auth)));
    const responses = out.filter((r): r is RpcResponse => r !== null);
    return responses.length === 0 ? null : responses;
  }

  /** The credentials of one request: its transport's, or (WebSocket) an `auth` member of the request. */
  private authOf(r: Record<string, unknown>, session: WsSession | null, auth: CallAuth): CallAuth {
    if (auth.ok || !session || r.auth === undefined) return auth;
    const ok = typeof r.auth === 'string' && r.auth.length <= 1024 && credentialsMatch(this.services.auth, r.auth);
    return { ok, bad: !ok };
  }

  private async handleOne(req: unknown, session: WsSession | null, after: Array<() => void>, transportAuth: CallAuth): Promise<RpcResponse | null> {
    if (req === null || typeof req !== 'object' || Array.isArray(req)) return fail(null, RPC_CODES.INVALID_REQUEST, 'invalid request: expected a request object');
    const r = req as Record<string, unknown>;
    const hasId = Object.hasOwn(r, 'id');
    if (hasId && !isValidId(r.id)) return fail(null, RPC_CODES.INVALID_REQUEST, 'invalid request: "id" must be a string, a finite number or null');
    const id: RpcId = hasId ? (r.id as RpcId) : null;
    if (r.jsonrpc !== '2.0') return fail(id, RPC_CODES.INVALID_REQUEST, 'invalid request: "jsonrpc" must be "2.0"');
    if (typeof r.method !== 'string') return fail(id, RPC_CODES.INVALID_REQUEST, 'invalid request: "method" must be a string');
    if (r.params !== undefined && (r.params === null || typeof r.params !== 'object')) {
      return fail(id, RPC_CODES.INVALID_REQUEST, 'invalid request: "params" must be an array or an object');
    }
    const method = r.method;
    const def = this.services.methods.get(method);
    let response: RpcResponse;
    if (!def) {
      const shown = method.length > 64 ? `${method.slice(0, 64)}...` : method;
      response = fail(id, RPC_CODES.METHOD_NOT_FOUND, `method not found: ${JSON.stringify(shown)}`);
    } else if (def.spec.wsOnly && !session) {
      response = fail(id, RPC_CODES.TRANSPORT, `${def.name} needs a WebSocket connection (/ws)`, { code: 'RPC_WS_ONLY' });
    } else {
      const pending: Array<() => void> = [];
      const call = methodCall(this.services, session, (fn) => pending.push(fn));
      try {
        // Rule: control methods (they change what the node does) need the node's credentials.
        if (def.spec.access === 'control') {
          const auth = this.authOf(r, session, transportAuth);
          if (!auth.ok) throw unauthorized(def.name, auth.bad);
        }
        const args = parseParams(def.spec.params, r.params);
        const result = await def.handler(call, args);
        response = { jsonrpc: '2.0', id, result: result === undefined ? null : result };
        after.push(...pending);
      } catch (e) {
        // Amounts in the message in the asset's decimals and symbol (data keeps base units).
        response = { jsonrpc: '2.0', id, error: toErrorObject(await readableError(e, this.services), (err) => this.onInternal(err, method)) };
      }
    }
    return hasId ? response : null;
  }
}
