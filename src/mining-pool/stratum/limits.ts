/**
 * Protection limits of the Stratum server (issue 12 item 7): every one keeps a single client from
 * stopping the node or slowing other miners. Each has a test in test/mining-pool/abuse.test.ts.
 */

/** Limits of the Stratum server. */
export interface StratumLimits {
  /** Longest line in bytes (a submit is ~150 bytes); a longer one closes the connection. */
  readonly maxLineBytes: number;
  /** Open connections from one IP address; more are refused. */
  readonly maxConnectionsPerIp: number;
  /** Open connections in all. */
  readonly maxConnections: number;
  /** Seconds a connection may take to subscribe and authorize. */
  readonly handshakeSeconds: number;
  /** Seconds without a complete message after which a connection is closed. */
  readonly idleSeconds: number;
  /** Messages per second a connection may send on average (token bucket)... */
  readonly messagesPerSecond: number;
  /** ...and in a burst; a connection that runs out is closed. */
  readonly messageBurst: number;
  /** Bytes queued for a client that does not read; past this it is disconnected. */
  readonly maxWriteBufferBytes: number;
  /** Submissions awaiting their durable write; past this the server stops reading the socket until they are answered. */
  readonly maxPendingSubmits: number;
  /** Submissions seen before the invalid ratio is judged. */
  readonly banMinShares: number;
  /** Share of invalid submissions (not counting stale ones) that bans (0-1). */
  readonly banInvalidRatio: number;
  /** Seconds an IP stays banned (new connections refused). */
  readonly banSeconds: number;
  /** Malformed lines (not JSON, not a request) tolerated before the connection is closed. */
  readonly maxMalformed: number;
  /** Workers one connection may authorize. */
  readonly maxWorkersPerConnection: number;
}

/** Default limits. */
export const DEFAULT_STRATUM_LIMITS: StratumLimits = {
  maxLineBytes: 16 * 1024,
  maxConnectionsPerIp: 256,
  maxConnections: 20_000,
  handshakeSeconds: 30,
  idleSeconds: 600,
  messagesPerSecond: 50,
  messageBurst: 500,
  maxWriteBufferBytes: 256 * 1024,
  maxPendingSubmits: 512,
  banMinShares: 100,
  banInvalidRatio: 0.5,
  banSeconds: 600,
  maxMalformed: 20,
  maxWorkersPerConnection: 16,
};

/** Limits with overrides. */
export function resolveStratumLimits(o: Partial<StratumLimits> = {}): StratumLimits {
  return { ...DEFAULT_STRATUM_LIMITS, ...o };
}
