/**
 * The mining pool's ledger: shares, found blocks, balances, payouts, workers, hashrate series and
 * alarm rules in the pool's own LevelDB store (key layout in layout.ts), with the live part held in
 * memory (balances, workers, blocks, unconfirmed payouts, the recent shares a PPLNS window needs).
 *
 * Crash safety (issue 12): every change is staged into ONE pending batch and `commit()` resolves
 * once a batch holding it was written atomically with fsync (group commit: many shares per fsync,
 * so throughput does not pay one disk flush per share). Callers acknowledge a share to the miner,
 * or let a payout transaction leave the pool, only after `commit()` resolves; a SIGKILL therefore
 * loses only changes nobody was told about. The in-memory state is the staged state; after a
 * crash it is rebuilt from the store by `open`.
 */
import { bytesToHex } from '../../encoding/hex.js';
import { decode, encode, type Codec } from '../../encoding/codec.js';
import { KvBatch, type KvStore } from '../../storage/kv.js';
import { MiningPoolError } from '../errors.js';
import { LEDGER_VERSION, PoolKeys, PoolPrefix, readU64be } from './layout.js';
import { AlarmRule, Balance, EXP_OFFSET, FoundBlock, Payout, ShareRecord, WorkerRecord, type SeriesPoint } from './records.js';
import { SeriesPoint as SeriesPointCodec } from './records.js';

/** A share the PPLNS window may still need. */
export interface RecentShare {
  readonly seq: bigint;
  readonly address: Uint8Array;
  readonly weight: bigint;
  readonly timeMs: number;
}

/** A zero balance. */
export const ZERO_BALANCE: Balance = { balance: 0n, credited: 0n, paid: 0n };

/** The key of a worker in maps: `<address hex>.<name>`. */
export function workerKey(address: Uint8Array, worker: string): string {
  return `${bytesToHex(address)}.${worker}`;
}

/** The pool's ledger over a key-value store. */
export class PoolLedger {
  /** Unpaid balances and totals by address (hex). */
  readonly balances = new Map<string, Balance>();
  /** Workers by `workerKey`. */
  readonly workers = new Map<string, WorkerRecord>();
  /** Every found block by hash (hex, internal order). */
  readonly blocks = new Map<string, FoundBlock>();
  /** Payouts not yet confirmed, by seq. */
  readonly openPayouts = new Map<bigint, Payout>();
  /** Alarm rules by id. */
  readonly alarms = new Map<number, AlarmRule>();
  /** Accepted shares, oldest first, as far back as the PPLNS window may reach. */
  private recentShares: RecentShare[] = [];
  private recentHead = 0;
  private recentWeight = 0n;
  private nextShare = 0n;
  private nextPayout = 0n;
  private nextAlarm = 1;
  private batch = new KvBatch();
  private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  private flushing: Promise<void> | undefined;
  private closed = false;
  /** fsynced batches written (for stats and tests). */
  flushes = 0;

  private constructor(readonly kv: KvStore) {}

  /** Opens the ledger on `kv`, creating it when empty, and loads the live state. */
  static async open(kv: KvStore): Promise<PoolLedger> {
    const l = new PoolLedger(kv);
    await l.load();
    return l;
  }

  private async load(): Promise<void> {
    const v = await this.kv.get(PoolKeys.version());
    if (v === undefined) {
      const b = new KvBatch();
      const out = new Uint8Array(4);
      new DataView(out.buffer).setUint32(0, LEDGER_VERSION, false);
      b.put(PoolKeys.version(), out);
      await this.kv.write(b, { sync: true });
    } else if (new DataView(v.buffer, v.byteOffset, v.byteLength).getUint32(0, false) !== LEDGER_VERSION) {
      throw new MiningPoolError('MINING_POOL_LEDGER_CORRUPT', 'the mining pool ledger has an unknown schema version');
    }
    const read = async <T>(prefix: number, codec: Codec<T>, fn: (k: Uint8Array, v: T) => void) => {
      for await (const [k, val] of this.kv.iterate(PoolKeys.prefix(prefix))) fn(k, decode(codec, val));
    };
    await read(PoolPrefix.balance, Balance, (k, b) => this.balances.set(bytesToHex(k.subarray(1)), b));
    await read(PoolPrefix.worker, WorkerRecord, (_k, w) => this.workers.set(workerKey(w.address, w.worker), w));
    await read(PoolPrefix.block, FoundBlock, (_k, b) => this.blocks.set(bytesToHex(b.hash), b));
    await read(PoolPrefix.alarm, AlarmRule, (_k, r) => {
      this.alarms.set(r.id, r);
      this.nextAlarm = Math.max(this.nextAlarm, r.id + 1);
    });
    for await (const [k] of this.kv.iterate(PoolKeys.prefix(PoolPrefix.payout), { reverse: true, limit: 1 })) this.nextPayout = readU64be(k, 1) + 1n;
    await read(PoolPrefix.payout, Payout, (_k, p) => {
      if (p.status === 'sent') this.openPayouts.set(p.seq, p);
    });
    await read(PoolPrefix.share, ShareRecord, (k, s) => {
      const seq = readU64be(k, 1);
      this.pushRecent({ seq, address: s.address, weight: 1n << BigInt(s.exp - EXP_OFFSET + 32), timeMs: Number(s.timeMs) });
      this.nextShare = seq + 1n;
    });
  }

  private pushRecent(s: RecentShare): void {
    this.recentShares.push(s);
    this.recentWeight += s.weight;
  }

  /** Stages a write. */
  private put<T>(key: Uint8Array, codec: Codec<T>, value: T): void {
    if (this.closed) throw new MiningPoolError('MINING_POOL_LEDGER_CLOSED', 'the mining pool ledger is closed');
    this.batch.put(key, encode(codec, value));
  }

  /**
   * Resolves once everything staged so far is durable (one atomic fsynced batch, shared with
   * whatever else was staged meanwhile).
   */
  commit(): Promise<void> {
    if (this.closed) return Promise.reject(new MiningPoolError('MINING_POOL_LEDGER_CLOSED', 'the mining pool ledger is closed'));
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.flushing ??= this.flush();
    return p;
  }

  private async flush(): Promise<void> {
    try {
      while (this.waiters.length > 0) {
        const batch = this.batch;
        const waiters = this.waiters;
        this.batch = new KvBatch();
        this.waiters = [];
        try {
          if (batch.size > 0) {
            await this.kv.write(batch, { sync: true });
            this.flushes++;
          }
          for (const w of waiters) w.resolve();
        } catch (e) {
          for (const w of waiters) w.reject(e);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  // ---- shares ------------------------------------------------------------------------------------

  /** Stages an accepted share; returns its sequence number. */
  addShare(rec: ShareRecord): bigint {
    const seq = this.nextShare++;
    this.put(PoolKeys.share(seq), ShareRecord, rec);
    this.pushRecent({ seq, address: rec.address, weight: 1n << BigInt(rec.exp - EXP_OFFSET + 32), timeMs: Number(rec.timeMs) });
    return seq;
  }

  /** Shares accepted so far (next sequence number). */
  get shareCount(): bigint {
    return this.nextShare;
  }

  /**
   * The newest shares back to (and including) the one that reaches `weight` in total, newest first;
   * fewer when the pool has not seen that much work.
   */
  windowShares(weight: bigint, fromSeq?: bigint): RecentShare[] {
    const out: RecentShare[] = [];
    let sum = 0n;
    for (let i = this.recentShares.length - 1; i >= this.recentHead && sum < weight; i--) {
      const s = this.recentShares[i];
      if (fromSeq !== undefined && s.seq > fromSeq) continue;
      out.push(s);
      sum += s.weight;
    }
    return out;
  }

  /** Forgets (and deletes) shares beyond the newest `keepWeight` of work: no PPLNS window reaches them. */
  pruneShares(keepWeight: bigint): number {
    let n = 0;
    while (this.recentHead < this.recentShares.length) {
      const s = this.recentShares[this.recentHead];
      if (this.recentWeight - s.weight < keepWeight) break;
      this.recentWeight -= s.weight;
      this.batch.del(PoolKeys.share(s.seq));
      this.recentHead++;
      n++;
    }
    if (this.recentHead > 4096 && this.recentHead * 2 > this.recentShares.length) {
      this.recentShares = this.recentShares.slice(this.recentHead);
      this.recentHead = 0;
    }
    return n;
  }

  /** Shares held for the PPLNS window. */
  get recentCount(): number {
    return this.recentShares.length - this.recentHead;
  }

  // ---- balances ----------------------------------------------------------------------------------

  /** The account of an address. */
  balanceOf(address: Uint8Array): Balance {
    return this.balances.get(bytesToHex(address)) ?? ZERO_BALANCE;
  }

  /** Stages a credit. */
  credit(address: Uint8Array, amount: bigint): void {
    if (amount <= 0n) return;
    const b = this.balanceOf(address);
    this.setBalance(address, { balance: b.balance + amount, credited: b.credited + amount, paid: b.paid });
  }

  /** Stages a payment out of a balance (it must cover `amount`). */
  debit(address: Uint8Array, amount: bigint): void {
    const b = this.balanceOf(address);
    if (b.balance < amount) throw new MiningPoolError('MINING_POOL_LEDGER_CORRUPT', 'a payout exceeds the balance it pays', { balance: b.balance.toString(), amount: amount.toString() });
    this.setBalance(address, { balance: b.balance - amount, credited: b.credited, paid: b.paid + amount });
  }

  private setBalance(address: Uint8Array, b: Balance): void {
    this.balances.set(bytesToHex(address), b);
    this.put(PoolKeys.balance(address), Balance, b);
  }

  // ---- blocks, payouts, workers, series, alarms --------------------------------------------------

  /** Stages a found block (new or updated). */
  putBlock(b: FoundBlock): void {
    this.blocks.set(bytesToHex(b.hash), b);
    this.put(PoolKeys.block(b.height, b.hash), FoundBlock, b);
  }

  /** The next payout sequence number (reserved). */
  takePayoutSeq(): bigint {
    return this.nextPayout++;
  }

  /** Stages a payout (new or updated). */
  putPayout(p: Payout): void {
    if (p.status === 'sent') this.openPayouts.set(p.seq, p);
    else this.openPayouts.delete(p.seq);
    this.put(PoolKeys.payout(p.seq), Payout, p);
  }

  /** Payouts, newest first (from the store), at most `limit`. */
  async payouts(limit: number): Promise<Payout[]> {
    const out: Payout[] = [];
    for await (const [, v] of this.kv.iterate(PoolKeys.prefix(PoolPrefix.payout), { reverse: true, limit })) out.push(decode(Payout, v));
    return out;
  }

  /** Stages a worker record. */
  putWorker(w: WorkerRecord): void {
    this.workers.set(workerKey(w.address, w.worker), w);
    this.put(PoolKeys.worker(w.address, w.worker), WorkerRecord, w);
  }

  /** Stages a series bucket. */
  putSeries(resolution: number, scope: string, bucketStart: number, p: SeriesPoint): void {
    this.put(PoolKeys.series(resolution, scope, bucketStart), SeriesPointCodec, p);
  }

  /** Stages the deletion of a series bucket. */
  delSeries(resolution: number, scope: string, bucketStart: number): void {
    this.batch.del(PoolKeys.series(resolution, scope, bucketStart));
  }

  /** Stored buckets of a series, oldest first: [bucketStart, point]. */
  async series(resolution: number, scope: string): Promise<Array<[number, SeriesPoint]>> {
    const out: Array<[number, SeriesPoint]> = [];
    for await (const [k, v] of this.kv.iterate(PoolKeys.seriesPrefix(resolution, scope))) out.push([Number(readU64be(k, 10)), decode(SeriesPointCodec, v)]);
    return out;
  }

  /** A new alarm id. */
  takeAlarmId(): number {
    return this.nextAlarm++;
  }

  /** Stages an alarm rule (new or updated). */
  putAlarm(r: AlarmRule): void {
    this.alarms.set(r.id, r);
    this.put(PoolKeys.alarm(r.id), AlarmRule, r);
  }

  /** Stages the removal of an alarm rule. */
  delAlarm(id: number): void {
    this.alarms.delete(id);
    this.batch.del(PoolKeys.alarm(id));
  }

  /** Writes what is staged and closes the store. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.batch.size > 0) await this.commit().catch(() => undefined);
    await this.flushing;
    this.closed = true;
    await this.kv.close();
  }
}
