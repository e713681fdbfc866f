/**
 * Hashrate from accepted share difficulty (mining.md: hashrate ~ sum(shareDiff) x 2^32 / seconds,
 * i.e. the sum of share weights per second), for the pool, each address and each worker:
 * - sliding windows (10 minutes "current", 1 hour, 24 hours) over time buckets;
 * - time series at three resolutions for the three chart views: 1-minute buckets for the hour view
 *   (kept 2 hours), 15-minute buckets for the day view (kept 2 days), 1-hour buckets for the month
 *   view (kept 32 days). Every bucket is written through the ledger (same batches as the shares),
 *   so the series survive a restart; buckets past their retention are deleted.
 * Worker status follows Kele Pool: active if it shared in the last 10 minutes, inactive up to
 * 24 hours, offline after that.
 */
import type { PoolLedger } from '../ledger/ledger.js';
import type { SeriesPoint } from '../ledger/records.js';

/** A series resolution. */
export interface Resolution {
  readonly name: '1m' | '15m' | '1h';
  /** The chart view it serves. */
  readonly view: 'hour' | 'day' | 'month';
  readonly seconds: number;
  /** Buckets kept. */
  readonly keep: number;
  /** Buckets the view shows by default (an hour, a day, 30 days). */
  readonly show: number;
}

/** The three resolutions, index = the resolution byte in the ledger key. */
export const RESOLUTIONS: readonly Resolution[] = [
  { name: '1m', view: 'hour', seconds: 60, keep: 120, show: 60 },
  { name: '15m', view: 'day', seconds: 900, keep: 192, show: 96 },
  { name: '1h', view: 'month', seconds: 3600, keep: 32 * 24, show: 30 * 24 },
];

/** Resolution names. */
export type ResolutionName = Resolution['name'];

/** Sliding windows reported as hashrates. */
export const WINDOWS = { current: 600, hour: 3600, day: 86_400 } as const;

/** Worker status thresholds (Kele Pool): active < 10 min since the last share, inactive < 24 h, else offline. */
export const ACTIVE_SECONDS = 600;
/** See ACTIVE_SECONDS. */
export const INACTIVE_SECONDS = 86_400;

/** A worker's status. */
export type WorkerStatus = 'active' | 'inactive' | 'offline';

/** Status of a worker whose last share was at `lastShareMs` (0: never). */
export function workerStatus(lastShareMs: number, nowMs: number): WorkerStatus {
  if (lastShareMs <= 0) return 'offline';
  const age = (nowMs - lastShareMs) / 1000;
  if (age < ACTIVE_SECONDS) return 'active';
  if (age < INACTIVE_SECONDS) return 'inactive';
  return 'offline';
}

/** The series scope names. */
export const Scope = {
  pool: 'pool',
  address: (addressText: string) => `a:${addressText}`,
  worker: (addressText: string, worker: string) => `w:${addressText}.${worker}`,
} as const;

/** One point of a series as RPC returns it. */
export interface SeriesSample {
  /** Bucket start (unix seconds). */
  readonly time: number;
  /** Hashes per second over the bucket. */
  readonly hashrate: number;
  readonly accepted: number;
  readonly rejected: number;
}

interface ScopeState {
  /** Buckets per resolution: bucket start (s) -> point. */
  readonly buckets: Array<Map<number, SeriesPoint>>;
  firstSeenS: number;
}

const EMPTY: SeriesPoint = { weight: 0n, accepted: 0, rejected: 0 };

/** Hashrate windows and series for every scope. */
export class HashrateMonitor {
  private readonly scopes = new Map<string, ScopeState>();

  constructor(
    private readonly ledger: PoolLedger,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Loads stored series of `scopes` (at start-up). */
  async load(scopes: Iterable<string>): Promise<void> {
    for (const scope of scopes) {
      const st = this.state(scope);
      for (let r = 0; r < RESOLUTIONS.length; r++) {
        for (const [t, p] of await this.ledger.series(r, scope)) {
          st.buckets[r].set(t, p);
          st.firstSeenS = Math.min(st.firstSeenS, t);
        }
      }
    }
  }

  private state(scope: string): ScopeState {
    let s = this.scopes.get(scope);
    if (!s) {
      s = { buckets: RESOLUTIONS.map(() => new Map()), firstSeenS: Number.POSITIVE_INFINITY };
      this.scopes.set(scope, s);
    }
    return s;
  }

  /** Records one judged share (weight counts only when accepted) for the pool, its address and its worker. */
  record(addressText: string, worker: string, weight: bigint, accepted: boolean): void {
    const nowS = Math.floor(this.nowMs() / 1000);
    for (const scope of [Scope.pool, Scope.address(addressText), Scope.worker(addressText, worker)]) this.add(scope, nowS, weight, accepted);
  }

  private add(scope: string, nowS: number, weight: bigint, accepted: boolean): void {
    const st = this.state(scope);
    if (st.firstSeenS > nowS) st.firstSeenS = nowS;
    for (let r = 0; r < RESOLUTIONS.length; r++) {
      const res = RESOLUTIONS[r];
      const t = nowS - (nowS % res.seconds);
      const m = st.buckets[r];
      const cur = m.get(t);
      if (!cur) this.expire(scope, r, m, t - res.seconds * (res.keep - 1));
      const p = cur ?? EMPTY;
      const next: SeriesPoint = accepted ? { weight: p.weight + weight, accepted: p.accepted + 1, rejected: p.rejected } : { weight: p.weight, accepted: p.accepted, rejected: p.rejected + 1 };
      m.set(t, next);
      this.ledger.putSeries(r, scope, t, next);
    }
  }

  private expire(scope: string, r: number, m: Map<number, SeriesPoint>, oldest: number): void {
    for (const t of m.keys()) {
      if (t < oldest) {
        m.delete(t);
        this.ledger.delSeries(r, scope, t);
      }
    }
  }

  /** Hashes per second of a scope over the last `seconds` (from 1-minute buckets up to 2 h, 15-minute ones beyond). */
  hashrate(scope: string, seconds: number): number {
    const st = this.scopes.get(scope);
    if (!st) return 0;
    const nowS = this.nowMs() / 1000;
    const r = seconds <= 7200 ? 0 : 1;
    const res = RESOLUTIONS[r];
    const from = Math.floor((nowS - seconds) / res.seconds) * res.seconds;
    let sum = 0n;
    for (const [t, p] of st.buckets[r]) if (t >= from) sum += p.weight;
    // Divide by the time covered: since the window's first bucket, or since the scope's first share.
    const span = nowS - Math.max(from, st.firstSeenS);
    if (sum === 0n || span <= 0) return 0;
    return Number(sum) / Math.max(span, 1);
  }

  /** The three windows of a scope. */
  windows(scope: string): { current: number; hour: number; day: number } {
    return { current: this.hashrate(scope, WINDOWS.current), hour: this.hashrate(scope, WINDOWS.hour), day: this.hashrate(scope, WINDOWS.day) };
  }

  /** A series of `scope` at `resolution` for [fromS, toS] (unix seconds; default: the view's span), gaps filled with zeros. */
  series(scope: string, resolution: ResolutionName, fromS?: number, toS?: number): SeriesSample[] {
    const r = RESOLUTIONS.findIndex((x) => x.name === resolution);
    const res = RESOLUTIONS[r];
    const nowS = Math.floor(this.nowMs() / 1000);
    const last = Math.min(toS ?? nowS, nowS);
    const end = last - (last % res.seconds);
    const first = Math.max(fromS ?? end - res.seconds * (res.show - 1), end - res.seconds * (res.keep - 1));
    const start = first - (first % res.seconds);
    const st = this.scopes.get(scope);
    const m = st?.buckets[r];
    const out: SeriesSample[] = [];
    for (let t = start; t <= end; t += res.seconds) {
      const p = m?.get(t) ?? EMPTY;
      // A bucket is divided by the time it covers: the one in progress only up to now, the first
      // one only from the scope's first share.
      const from = Math.max(t, st?.firstSeenS ?? t);
      const span = Math.max(1, Math.min(t + res.seconds, nowS) - from);
      out.push({ time: t, hashrate: p.weight === 0n ? 0 : Number(p.weight) / span, accepted: p.accepted, rejected: p.rejected });
    }
    return out;
  }

  /** Known scopes. */
  scopeNames(): string[] {
    return [...this.scopes.keys()];
  }
}
