/**
 * One WebSocket connection: sends responses and subscription notifications, counts requests in
 * progress, and disconnects a client that stops reading (its send buffer grows past the limit).
 */
import type { WebSocket } from 'ws';
import type { RpcLimits } from './limits.js';

/** What a subscription watches. */
export type SubscriptionKind = { readonly kind: 'newHeads' } | { readonly kind: 'tx'; readonly txKey: string } | { readonly kind: 'topic'; readonly topic: string };

/** Method name of every subscription notification. */
export const SUBSCRIPTION_METHOD = 'chain_subscription';

let nextSessionId = 1;

/** State of one WebSocket connection. */
export class WsSession {
  /** Process-unique id (for logs). */
  readonly id = nextSessionId++;
  /** Open subscriptions by id. */
  readonly subs = new Map<string, SubscriptionKind>();
  /** Requests being processed. */
  inFlight = 0;
  /** Answered the last ping. */
  alive = true;
  closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly limits: RpcLimits,
  ) {}

  /** Sends a text frame; a client whose unread backlog exceeds the limit is disconnected. */
  send(text: string): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount + text.length > this.limits.maxBufferedBytes) {
      this.ws.close(1008, 'send buffer limit exceeded: read your messages');
      this.ws.terminate();
      return;
    }
    this.ws.send(text);
  }

  /** Sends a subscription notification. */
  notify(subscription: string, result: unknown): void {
    this.send(JSON.stringify({ jsonrpc: '2.0', method: SUBSCRIPTION_METHOD, params: { subscription, result } }));
  }
}
