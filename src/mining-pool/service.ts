/**
 * The mining pool inside the node: a Stratum v1 server for stock miners (stratum/), jobs from the
 * chain's tip (jobs.ts), share checks (shares.ts), vardiff (vardiff.ts), the books and payouts
 * (accounting.ts, payouts/), hashrate windows and series (monitor/), alarms (alarms/), all over the
 * pool's own LevelDB ledger in `<dir>/ledger` and its key in `<dir>/key.json`.
 *
 * Start order: key, ledger, monitor, books, payouts, alarms, jobs, Stratum server; then the
 * books settle what the chain decided while the pool was down and open payouts are sent again.
 */
import { join } from 'node:path';
import type { Chain } from '../chain/chain.js';
import type { ChainEntry } from '../chain/chain-index.js';
import { encodeAddress } from '../crypto/address.js';
import type { TxSource } from '../miner/mining-service.js';
import { LevelKv } from '../storage/level-kv.js';
import type { KvStore } from '../storage/kv.js';
import { PoolAccounting } from './accounting.js';
import { AlarmService, type AlarmEvent } from './alarms/alarms.js';
import type { WebhookOptions } from './alarms/webhook.js';
import { expAtMost, maxExpForBits, MIN_DIFF_EXP } from './difficulty.js';
import { MiningPoolError } from './errors.js';
import { JobManager } from './jobs.js';
import { loadOrCreatePoolKey, type PoolKey } from './key.js';
import { PoolLedger } from './ledger/ledger.js';
import type { PayoutScheme } from './ledger/records.js';
import { HashrateMonitor, Scope } from './monitor/hashrate.js';
import { PayoutService, type PayoutMempool } from './payouts/payouts.js';
import type { StratumLimits } from './stratum/limits.js';
import { StratumServer, type StratumLog } from './stratum/server.js';
import { PoolSubmitHandler } from './submit.js';
import type { VardiffOptions } from './vardiff.js';

/** Start share difficulty: one CPU thread (cpuminer at ~4 MH/s) finds a share about every second. */
export const DEFAULT_START_DIFFICULTY = 2 ** -10;

/** Settings of the pool. */
export interface MiningPoolSettings {
  /** Folder of the ledger and key (`<datadir>/mining-pool`). */
  readonly dir: string;
  readonly host: string;
  /** Stratum port (0: any free one). */
  readonly port: number;
  readonly scheme: PayoutScheme;
  /** Pool fee in basis points. */
  readonly feeBps: number;
  /** PPLNS window: N x the network difficulty. */
  readonly pplnsN: number;
  /** Smallest balance paid out (base units). */
  readonly minPayout: bigint;
  /** Start share difficulty (default 2^-10); rounded down to a power of two. */
  readonly startDifficulty?: number;
  readonly vardiff?: VardiffOptions;
  readonly limits?: Partial<StratumLimits>;
  /** Longest time between jobs (default 30 s). */
  readonly jobRefreshMs?: number;
  /** How often payouts run besides every new tip (default 60 s). */
  readonly payoutIntervalMs?: number;
  /** How often alarm rules are checked (default 30 s). */
  readonly alarmCheckMs?: number;
  readonly webhook?: WebhookOptions;
  /** Ledger store (tests; default LevelDB in `<dir>/ledger`). */
  readonly kv?: KvStore;
  /** The pool key (tests; default `<dir>/key.json`, created when absent). */
  readonly key?: PoolKey;
}

/** What the pool needs from the node. */
export interface MiningPoolDeps {
  readonly chain: Chain;
  readonly mempool: TxSource & PayoutMempool;
  readonly log?: StratumLog;
  readonly nowMs?: () => number;
}

/** The running parts (after `start`). */
interface Parts {
  readonly key: PoolKey;
  readonly ledger: PoolLedger;
  readonly monitor: HashrateMonitor;
  readonly books: PoolAccounting;
  readonly payouts: PayoutService;
  readonly alarms: AlarmService;
  readonly jobs: JobManager;
  readonly handler: PoolSubmitHandler;
  readonly server: StratumServer;
}

/** The mining pool service. */
export class MiningPool {
  private parts: Parts | undefined;
  private payoutTimer: NodeJS.Timeout | undefined;
  private readonly nowMs: () => number;
  private readonly onTip = (_e: ChainEntry) => {
    const p = this.parts;
    if (!p) return;
    void p.books
      .settle()
      .then(() => p.payouts.run())
      .catch((e: unknown) => this.d.log?.warn({ err: (e as Error).message }, 'mining pool settle failed'));
  };
  /** Alarm events for WebSocket subscribers (set by the RPC layer). */
  onAlarm: ((e: AlarmEvent) => void) | undefined;

  constructor(
    readonly settings: MiningPoolSettings,
    private readonly d: MiningPoolDeps,
  ) {
    this.nowMs = d.nowMs ?? Date.now;
  }

  /** True after start and before stop. */
  get running(): boolean {
    return this.parts !== undefined;
  }

  /** The running parts; MINING_POOL_NOT_RUNNING when stopped. */
  get p(): Parts {
    if (!this.parts) throw new MiningPoolError('MINING_POOL_NOT_RUNNING', 'the node runs no mining pool: start it with --stratum-port');
    return this.parts;
  }

  /** The chain the pool mines on. */
  get chain(): Chain {
    return this.d.chain;
  }

  /** Local clock in ms. */
  now(): number {
    return this.nowMs();
  }

  /** Start difficulty exponent. */
  get startExp(): number {
    return expAtMost(this.settings.startDifficulty ?? DEFAULT_START_DIFFICULTY);
  }

  /** The Stratum URL miners use. */
  get stratumUrl(): string {
    return `stratum+tcp://${this.settings.host}:${this.p.server.port}`;
  }

  /** Opens the ledger and starts serving miners. */
  async start(): Promise<void> {
    if (this.parts) return;
    const s = this.settings;
    const { chain } = this.d;
    if (chain.engine.name !== 'pow') throw new MiningPoolError('MINING_POOL_BAD_CONFIG', `the mining pool needs proof of work; this chain runs ${chain.engine.name}`);
    const key = s.key ?? (await loadOrCreatePoolKey(join(s.dir, 'key.json'))).key;
    const kv = s.kv ?? (await LevelKv.open(join(s.dir, 'ledger')));
    let ledger: PoolLedger | undefined;
    const opened: Array<() => unknown> = [];
    try {
      ledger = await PoolLedger.open(kv);
      const monitor = new HashrateMonitor(ledger, this.nowMs);
      const scopes = new Set<string>([Scope.pool]);
      for (const w of ledger.workers.values()) {
        const a = encodeAddress(w.address);
        scopes.add(Scope.address(a));
        scopes.add(Scope.worker(a, w.worker));
      }
      await monitor.load(scopes);
      const books = new PoolAccounting({ chain, ledger, monitor, scheme: s.scheme, feeBps: s.feeBps, pplnsN: s.pplnsN, log: this.d.log, nowMs: this.nowMs });
      const payouts = new PayoutService({ chain, mempool: this.d.mempool, ledger, key, minPayout: s.minPayout, log: this.d.log, nowMs: this.nowMs });
      const alarms = new AlarmService({ ledger, monitor, log: this.d.log, checkMs: s.alarmCheckMs, webhook: s.webhook, nowMs: this.nowMs });
      alarms.on('alarm', (e) => this.onAlarm?.(e));
      const jobs = new JobManager({ chain, mempool: this.d.mempool, beneficiary: key.address, refreshMs: s.jobRefreshMs, nowMs: this.nowMs });
      jobs.on('error', (e) => this.d.log?.warn({ err: e.message }, 'mining pool could not build a job'));
      const capExp = () => {
        const j = jobs.current;
        return j ? maxExpForBits(j.bits) : MIN_DIFF_EXP;
      };
      const handler = new PoolSubmitHandler(chain, jobs, books, capExp, this.nowMs);
      const server = new StratumServer({ host: s.host, port: s.port, jobs, handler, startExp: this.startExp, vardiff: s.vardiff, capExp, limits: s.limits, log: this.d.log, nowMs: this.nowMs });
      server.on('authorized', (_c, w) => books.seen(w));
      jobs.start();
      opened.push(() => jobs.stop());
      await server.listen();
      opened.push(() => server.close());
      alarms.start();
      this.parts = { key, ledger, monitor, books, payouts, alarms, jobs, handler, server };
      chain.on('tip', this.onTip);
      this.payoutTimer = setInterval(() => void payouts.run(), s.payoutIntervalMs ?? 60_000);
      this.payoutTimer.unref();
      this.d.log?.info({ stratum: this.stratumUrl, poolAddress: key.addressText, scheme: s.scheme, feeBps: s.feeBps }, 'mining pool started');
      await books.settle();
      await payouts.run();
    } catch (e) {
      for (const f of opened.reverse()) await f();
      if (ledger) await ledger.close();
      else await kv.close();
      this.parts = undefined;
      throw e;
    }
  }

  /** Stops serving miners and closes the ledger (everything staged is written first). */
  async stop(): Promise<void> {
    const p = this.parts;
    if (!p) return;
    this.parts = undefined;
    this.d.chain.off('tip', this.onTip);
    if (this.payoutTimer) clearInterval(this.payoutTimer);
    p.alarms.stop();
    await p.server.close();
    p.jobs.stop();
    await p.ledger.close();
  }
}
