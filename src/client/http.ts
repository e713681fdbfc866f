/** JSON-RPC over HTTP POST with the global `fetch` (or one passed in), with a per-request timeout. */
import { ClientError, RpcError } from './errors.js';

/** The subset of `fetch` the client uses. */
export type FetchFn = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/** A JSON-RPC response as received. */
export interface WireResponse {
  jsonrpc?: string;
  id?: unknown;
  result?: unknown;
  error?: { code?: unknown; message?: unknown; data?: unknown };
}

/** Turns a response object into its result, or throws RpcError. */
export function resultOf<T>(res: WireResponse): T {
  if (res && typeof res === 'object' && res.error && typeof res.error === 'object') {
    const e = res.error;
    const data = e.data && typeof e.data === 'object' && !Array.isArray(e.data) ? (e.data as Record<string, unknown>) : e.data === undefined ? {} : { value: e.data };
    throw new RpcError(typeof e.code === 'number' ? e.code : -32603, typeof e.message === 'string' ? e.message : 'unknown error', data);
  }
  if (!res || typeof res !== 'object' || !('result' in res)) throw new ClientError('CLIENT_BAD_RESPONSE', 'response has neither result nor error');
  return res.result as T;
}

/** Base64 of a string's UTF-8 bytes (browsers and Node both have btoa). */
function base64(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Sends JSON-RPC requests to one HTTP endpoint. */
export class HttpTransport {
  private nextId = 1;

  private readonly headers: Record<string, string>;

  constructor(
    readonly url: string,
    private readonly fetchFn: FetchFn,
    private readonly timeoutMs: number,
    /** `user:secret` sent as HTTP Basic auth (the node's cookie), if any. */
    auth?: string,
  ) {
    this.headers = { 'content-type': 'application/json', ...(auth ? { authorization: `Basic ${base64(auth)}` } : {}) };
  }

  /** Calls `method` and returns its result; RpcError for an error answer, ClientError for transport failures. */
  async call<T>(method: string, params: unknown[] | Record<string, unknown> = []): Promise<T> {
    const id = this.nextId++;
    const body = JSON.stringify({ jsonrpc: '2.0', id, method, params });
    let status: number;
    let text: string;
    try {
      const res = await this.fetchFn(this.url, {
        method: 'POST',
        headers: this.headers,
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (e) {
      const name = (e as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new ClientError('CLIENT_TIMEOUT', `${method}: no answer from ${this.url} within ${this.timeoutMs} ms`);
      throw new ClientError('CLIENT_HTTP', `${method}: request to ${this.url} failed: ${(e as Error)?.message ?? String(e)}`);
    }
    let parsed: WireResponse;
    try {
      parsed = JSON.parse(text) as WireResponse;
    } catch {
      throw new ClientError('CLIENT_HTTP', `${method}: HTTP ${status} from ${this.url} without a JSON-RPC body`, { status });
    }
    return resultOf<T>(parsed);
  }
}
