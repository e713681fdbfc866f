/**
 * Per-peer rate limits (Lodestar's reqresp rate limiter): a token bucket for each (peer, protocol)
 * that holds at most `burst` tokens and refills at `perSecond`. A request costs tokens (one, or one
 * per block asked for); a request that finds too few is refused with RATE_LIMITED and counts as a
 * flood. The clock is passed in so tests are deterministic.
 */

/** Limits of one protocol. */
export interface RateLimit {
  /** Tokens refilled per second. */
  readonly perSecond: number;
  /** Most tokens held (the largest burst allowed). */
  readonly burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets by key. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes `cost` tokens for `key`; false (and nothing taken) when too few are left. */
  take(key: string, cost = 1): boolean {
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { tokens: this.limit.burst, at: t }));
    b.tokens = Math.min(this.limit.burst, b.tokens + ((t - b.at) / 1000) * this.limit.perSecond);
    b.at = t;
    if (b.tokens < cost) return false;
    b.tokens -= cost;
    return true;
  }

  /** Forgets a key (a peer that disconnected). */
  forget(prefix: string): void {
    for (const k of this.buckets.keys()) if (k.startsWith(prefix)) this.buckets.delete(k);
  }
}
