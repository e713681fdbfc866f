/** Resource limits of the RPC server, with defaults sized for a local node. */

/** Limits of one RPC server. */
export interface RpcLimits {
  /** Largest HTTP request body in bytes (default 1 MiB); larger gets HTTP 413. */
  readonly bodyLimit: number;
  /** Most requests in one batch (default 100); larger gets one -32600 error. */
  readonly maxBatch: number;
  /** Largest WebSocket message in bytes (default 1 MiB); larger closes the socket with 1009. */
  readonly wsMaxPayload: number;
  /** Most open WebSocket connections (default 64); one more is told -32005 and closed with 1013. */
  readonly maxConnections: number;
  /** Most open subscriptions per WebSocket connection (default 32). */
  readonly maxSubscriptionsPerConnection: number;
  /** Most requests in progress per WebSocket connection (default 256); more get -32005. */
  readonly maxInFlightPerConnection: number;
  /** A WebSocket client that lets this many bytes queue up unread is disconnected (default 16 MiB). */
  readonly maxBufferedBytes: number;
  /** HTTP request timeout in ms (default 30 s), so a slow client cannot hold a socket forever. */
  readonly requestTimeoutMs: number;
  /** Interval of WebSocket pings in ms; a peer that misses one is dropped (default 30 s). */
  readonly pingIntervalMs: number;
}

/** The default limits. */
export const DEFAULT_RPC_LIMITS: RpcLimits = Object.freeze({
  bodyLimit: 1024 * 1024,
  maxBatch: 100,
  wsMaxPayload: 1024 * 1024,
  maxConnections: 64,
  maxSubscriptionsPerConnection: 32,
  maxInFlightPerConnection: 256,
  maxBufferedBytes: 16 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  pingIntervalMs: 30_000,
});

/** Defaults overridden by `partial`, each checked to be a positive integer. */
export function resolveLimits(partial: Partial<RpcLimits> = {}): RpcLimits {
  const out = { ...DEFAULT_RPC_LIMITS, ...partial };
  for (const [k, v] of Object.entries(out)) {
    if (!Number.isSafeInteger(v) || v <= 0) throw new RangeError(`RPC limit ${k} must be a positive integer, got ${String(v)}`);
  }
  return Object.freeze(out);
}
