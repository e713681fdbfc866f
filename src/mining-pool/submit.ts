/**
 * mining.submit as the pool handles it: the share checks (shares.ts) against the job the
 * connection was sent, at the difficulty it was sent at (so shares for jobs issued before a vardiff
 * change are credited at the OLD difficulty), then the books (accounting.ts), the hashrate monitor,
 * vardiff and the ban ratio. The reply (true) is sent only once the share is durable.
 */
import type { Chain } from '../chain/chain.js';
import type { PoolAccounting } from './accounting.js';
import type { JobManager } from './jobs.js';
import { checkShare } from './shares.js';
import type { AuthorizedWorker, StratumConnection } from './stratum/connection.js';
import { StratumCode, StratumReject } from './stratum/messages.js';
import type { SubmitHandler } from './stratum/server.js';

/** Counters of judged shares. */
export interface ShareCounters {
  accepted: number;
  stale: number;
  duplicate: number;
  lowDifficulty: number;
  invalid: number;
  blocks: number;
}

/** The pool's mining.submit handler. */
export class PoolSubmitHandler implements SubmitHandler {
  /** Since start. */
  readonly counters: ShareCounters = { accepted: 0, stale: 0, duplicate: 0, lowDifficulty: 0, invalid: 0, blocks: 0 };

  constructor(
    private readonly chain: Chain,
    private readonly jobs: JobManager,
    private readonly books: PoolAccounting,
    private readonly capExp: () => number,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Checks one submission: [worker, job_id, extranonce2, ntime, nonce]. */
  submit(conn: StratumConnection, worker: AuthorizedWorker, params: unknown[]): Promise<true | StratumReject> | StratumReject {
    if (params.length < 5 || params.length > 6) {
      conn.countShare('invalid');
      this.counters.invalid++;
      return new StratumReject(StratumCode.other, 'mining.submit takes [worker, job_id, extranonce2, ntime, nonce]');
    }
    if (params.length === 6) {
      // Version rolling was never negotiated (mining.configure answers false).
      conn.countShare('invalid');
      this.counters.invalid++;
      return new StratumReject(StratumCode.other, 'Version rolling is not supported');
    }
    const r = checkShare(
      { jobId: params[1], extranonce2: params[2], ntime: params[3], nonce: params[4] },
      {
        lookup: (id) => this.jobs.lookup(id),
        expOf: (id) => conn.jobExp.get(id),
        extranonce1: conn.extranonce1,
        extranonce2Bytes: conn.extranonce2Bytes,
        engine: this.chain.engine,
        // The chain's clock: the same `now` its future-drift rule reads.
        now: this.chain.clock(),
      },
    );
    if (!r.ok) {
      conn.countShare(r.kind);
      if (r.kind === 'stale') this.counters.stale++;
      else if (r.kind === 'duplicate') this.counters.duplicate++;
      else if (r.kind === 'low-difficulty') this.counters.lowDifficulty++;
      else this.counters.invalid++;
      this.books.reject(worker, r.kind);
      return r.reject;
    }
    conn.countShare('accepted');
    this.counters.accepted++;
    if (r.isBlock) this.counters.blocks++;
    const durable = this.books.accept(conn, worker, r);
    // Vardiff counts the share now; a change is sent after this share's reply (the reply queue keeps the order).
    const change = conn.vardiff.onShare(this.nowMs(), this.capExp());
    if (change !== undefined) queueMicrotask(() => conn.retarget(change));
    return durable.then(() => true as const);
  }
}
