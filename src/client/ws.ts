/**
 * JSON-RPC over WebSocket for subscriptions: one lazily opened socket, requests matched to
 * responses by id, `chain_subscription` notifications routed to their subscriber. Uses the global
 * WebSocket (browsers, Node 22+) or a constructor passed in (e.g. the `ws` package on Node 20).
 */
import { ClientError } from './errors.js';
import { resultOf, type WireResponse } from './http.js';

/** The subset of the WebSocket API the client uses (browser WebSocket and `ws` both fit). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (ev: any) => void): void;
}

/** A WebSocket constructor. */
export type WebSocketCtor = new (url: string) => WebSocketLike;

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
  timer: ReturnType<typeof setTimeout>;
  /** For subscribe calls: registered under the returned id as soon as the response arrives. */
  onNotify?: (result: unknown) => void;
  onEnd?: (err: unknown) => void;
}

/** One WebSocket connection to the node. */
export class WsTransport {
  private socket: WebSocketLike | undefined;
  private opening: Promise<WebSocketLike> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly subs = new Map<string, { onNotify: (result: unknown) => void; onEnd?: (err: unknown) => void }>();
  private serverError: unknown;

  constructor(
    readonly url: string,
    private readonly ctor: WebSocketCtor,
    private readonly timeoutMs: number,
    /** `user:secret` (the node's cookie) sent as the `auth` member of every request, if any. */
    private readonly auth?: string,
  ) {}

  private open(): Promise<WebSocketLike> {
    if (this.socket && this.socket.readyState === 1) return Promise.resolve(this.socket);
    if (this.opening) return this.opening;
    this.opening = new Promise<WebSocketLike>((resolve, reject) => {
      const ws = new this.ctor(this.url);
      let opened = false;
      ws.addEventListener('open', () => {
        opened = true;
        this.socket = ws;
        this.opening = undefined;
        resolve(ws);
      });
      ws.addEventListener('message', (ev: { data: unknown }) => this.onMessage(typeof ev.data === 'string' ? ev.data : String(ev.data)));
      ws.addEventListener('error', () => undefined);
      ws.addEventListener('close', (ev: { code?: number; reason?: string }) => {
        const err = this.serverError ?? new ClientError('CLIENT_WS_CLOSED', `WebSocket ${this.url} closed (${ev?.code ?? '?'} ${ev?.reason ?? ''})`.trim(), { closeCode: ev?.code });
        this.serverError = undefined;
        if (this.socket === ws) this.socket = undefined;
        this.opening = undefined;
        if (!opened) reject(err);
        this.failAll(err);
      });
    });
    return this.opening;
  }

  private failAll(err: unknown): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(err);
    }
    for (const [id, s] of this.subs) {
      this.subs.delete(id);
      s.onEnd?.(err);
    }
  }

  private onMessage(text: string): void {
    let msg: WireResponse & { method?: unknown; params?: { subscription?: unknown; result?: unknown } };
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    const batch = Array.isArray(msg) ? msg : [msg];
    for (const m of batch) {
      if (m && m.method === 'chain_subscription' && m.params && typeof m.params.subscription === 'string') {
        this.subs.get(m.params.subscription)?.onNotify(m.params.result);
        continue;
      }
      if (m && typeof m.id === 'number') {
        const p = this.pending.get(m.id);
        if (!p) continue;
        this.pending.delete(m.id);
        clearTimeout(p.timer);
        try {
          const result = resultOf(m);
          if (p.onNotify && typeof result === 'string') this.subs.set(result, { onNotify: p.onNotify, onEnd: p.onEnd });
          p.resolve(result);
        } catch (e) {
          p.reject(e);
        }
        continue;
      }
      // An error not tied to a request (e.g. the connection limit): reported if the socket then closes.
      if (m && m.id === null && m.error) {
        try {
          resultOf(m);
        } catch (e) {
          this.serverError = e;
        }
      }
    }
  }

  /** Calls a method over the socket. */
  async call<T>(method: string, params: unknown[] = [], hooks: { onNotify?: (r: unknown) => void; onEnd?: (err: unknown) => void } = {}): Promise<T> {
    const ws = await this.open();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ClientError('CLIENT_TIMEOUT', `${method}: no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer, ...hooks });
      try {
        ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params, ...(this.auth ? { auth: this.auth } : {}) }));
      } catch (e) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new ClientError('CLIENT_WS_CLOSED', `${method}: ${(e as Error)?.message ?? String(e)}`));
      }
    });
  }

  /** Forgets a subscription locally (after unsubscribing on the node). */
  forget(id: string): void {
    this.subs.delete(id);
  }

  /** Closes the socket; pending calls fail with CLIENT_WS_CLOSED. */
  close(): void {
    const ws = this.socket;
    this.socket = undefined;
    ws?.close(1000, 'client closed');
    this.failAll(new ClientError('CLIENT_WS_CLOSED', 'client closed the WebSocket'));
  }
}
