/**
 * The pool's books: what an accepted share credits, what a found block is owed and when it is paid.
 *
 * - An accepted share is a ShareRecord (and under PPS its credit, in the same batch).
 * - A share that is a block: the PPLNS window is snapshot at once, the FoundBlock is written with
 *   status `submitted` (write-ahead, fsynced), then the block goes through `Chain.importBlock` (the
 *   one import path); it becomes `pending`, or `rejected` if the chain refuses it.
 * - At maturity (tip height >= block height + params.rewards.maturity, when the reward becomes
 *   spendable) a block still on the main chain is `confirmed` and its reward (subsidy + tips, read
 *   from the block's stored receipts) is split by its scheme; a block that is not on the main chain
 *   then is `orphaned` and never paid. Each decision is one atomic batch, so it happens once.
 * - On start-up, a `submitted` block the chain knows is `pending`; one it does not know never left
 *   the pool (killed between the write and the import) and is `rejected`.
 */
import type { Chain } from '../chain/chain.js';
import { hashToDisplay } from '../encoding/hex.js';
import { errorCode } from '../errors.js';
import { powParams } from '../params/networks.js';
import { blockSubsidy } from '../consensus/pow/subsidy.js';
import { headerHash } from '../primitives/header.js';
import type { AuthorizedWorker, StratumConnection } from './stratum/connection.js';
import type { StratumLog } from './stratum/server.js';
import { blockOf, type AcceptedShare, type RejectKind } from './shares.js';
import { PoolLedger, workerKey } from './ledger/ledger.js';
import { EXP_OFFSET, type FoundBlock, type PayoutScheme, type WorkerRecord } from './ledger/records.js';
import { pplnsSplit, pplnsWindow, ppsCredit } from './payouts/schemes.js';
import type { HashrateMonitor } from './monitor/hashrate.js';

/** Settings of the books. */
export interface AccountingOptions {
  readonly chain: Chain;
  readonly ledger: PoolLedger;
  readonly monitor: HashrateMonitor;
  readonly scheme: PayoutScheme;
  /** Pool fee in basis points. */
  readonly feeBps: number;
  /** PPLNS window: N x the network difficulty. */
  readonly pplnsN: number;
  readonly log?: StratumLog;
  readonly nowMs?: () => number;
}

/** Events worth telling (blocks). */
export interface AccountingEvents {
  onBlock?: (b: FoundBlock) => void;
}

/** The pool's books over its ledger. */
export class PoolAccounting {
  private readonly nowMs: () => number;
  private maturing: Promise<void> | undefined;
  private again = false;
  /** Blocks found since start (any status). */
  blocksFound = 0;
  events: AccountingEvents = {};

  constructor(private readonly o: AccountingOptions) {
    this.nowMs = o.nowMs ?? Date.now;
  }

  /** The block subsidy at `height` (PPS pays it per share). */
  subsidyAt(height: number): bigint {
    const pow = powParams(this.o.chain.params);
    return blockSubsidy(BigInt(height), pow.subsidy.initial, pow.subsidy.halvingInterval);
  }

  /** Stages an accepted share (and its block, when it is one); resolves when it is durable. */
  async accept(conn: StratumConnection, worker: AuthorizedWorker, share: AcceptedShare): Promise<void> {
    const { ledger } = this.o;
    const now = this.nowMs();
    const credit = this.o.scheme === 'pps' ? ppsCredit(this.subsidyAt(share.job.height), share.weight, share.job.netWeight, this.o.feeBps) : 0n;
    const block = share.isBlock ? blockOf(share, conn.extranonce1) : undefined;
    const hash = block ? headerHash(block.header) : null;
    const seq = ledger.addShare({ timeMs: BigInt(now), address: worker.address, worker: worker.worker, exp: share.exp + EXP_OFFSET, height: share.job.height, credit, blockHash: hash });
    if (credit > 0n) ledger.credit(worker.address, credit);
    this.touchWorker(worker, share.weight, 'accepted', block !== undefined);
    this.o.monitor.record(worker.addressText, worker.worker, share.weight, true);
    if (!block || !hash) {
      this.prune(share.job.netWeight);
      return ledger.commit();
    }
    const windowWeight = BigInt(this.o.pplnsN) * share.job.netWeight;
    const found: FoundBlock = {
      height: share.job.height,
      hash,
      timeMs: BigInt(now),
      finder: worker.address,
      finderWorker: worker.worker,
      shareSeq: seq,
      scheme: this.o.scheme,
      feeBps: this.o.feeBps,
      netWeight: share.job.netWeight,
      status: 'submitted',
      window: this.o.scheme === 'pplns' ? pplnsWindow(ledger.windowShares(windowWeight), windowWeight) : [],
      reward: 0n,
      fee: 0n,
      credits: [],
      reason: null,
    };
    ledger.putBlock(found);
    this.blocksFound++;
    // Write-ahead: the block is on record before it can reach the chain.
    await ledger.commit();
    this.o.log?.info({ height: found.height, hash: hashToDisplay(hash), worker: worker.name }, 'mining pool found a block');
    void this.importFound(found, block);
    this.prune(share.job.netWeight);
  }

  private async importFound(found: FoundBlock, block: ReturnType<typeof blockOf>): Promise<void> {
    const { ledger, chain } = this.o;
    let next: FoundBlock;
    try {
      const r = await chain.importBlock(block);
      next = r.status === 'orphan' ? { ...found, status: 'rejected', reason: 'parent unknown' } : { ...found, status: 'pending', reward: await this.rewardOf(found) };
    } catch (e) {
      this.o.log?.warn({ height: found.height, code: errorCode(e), err: (e as Error).message }, 'mining pool block refused by the chain');
      next = { ...found, status: 'rejected', reason: `${errorCode(e) ?? 'ERROR'}: ${(e as Error).message}`.slice(0, 256) };
    }
    ledger.putBlock(next);
    await ledger.commit().catch(() => undefined);
    this.events.onBlock?.(next);
  }

  /** Subsidy + tips of a connected block, from its stored receipts (0 when not stored). */
  private async rewardOf(b: FoundBlock): Promise<bigint> {
    const receipts = await this.o.chain.store.receipts(b.hash);
    if (!receipts) return 0n;
    return this.subsidyAt(b.height) + receipts.receipts.reduce((a, r) => a + r.tip, 0n);
  }

  /** Counts a refused share for its worker. */
  reject(worker: AuthorizedWorker, kind: RejectKind): void {
    this.touchWorker(worker, 0n, kind === 'stale' ? 'stale' : 'rejected', false);
    this.o.monitor.record(worker.addressText, worker.worker, 0n, false);
  }

  /** Records a worker the first time it is authorized. */
  seen(worker: AuthorizedWorker): void {
    if (!this.o.ledger.workers.has(workerKey(worker.address, worker.worker))) this.touchWorker(worker, 0n, 'seen', false);
  }

  private touchWorker(worker: AuthorizedWorker, weight: bigint, what: 'accepted' | 'rejected' | 'stale' | 'seen', block: boolean): void {
    const { ledger } = this.o;
    const now = BigInt(this.nowMs());
    const w: WorkerRecord = ledger.workers.get(workerKey(worker.address, worker.worker)) ?? {
      address: worker.address,
      worker: worker.worker,
      firstSeenMs: now,
      lastShareMs: 0n,
      accepted: 0n,
      rejected: 0n,
      stale: 0n,
      weight: 0n,
      blocks: 0,
    };
    ledger.putWorker({
      ...w,
      lastShareMs: what === 'accepted' ? now : w.lastShareMs,
      accepted: w.accepted + (what === 'accepted' ? 1n : 0n),
      rejected: w.rejected + (what === 'rejected' ? 1n : 0n),
      stale: w.stale + (what === 'stale' ? 1n : 0n),
      weight: w.weight + weight,
      blocks: w.blocks + (block ? 1 : 0),
    });
  }

  /** Keeps twice the widest PPLNS window of shares (at today's difficulty); older ones are deleted. */
  private prune(netWeight: bigint): void {
    this.o.ledger.pruneShares(2n * BigInt(Math.max(1, this.o.pplnsN)) * netWeight);
  }

  /** Settles what the chain has decided: matured blocks confirmed or orphaned (serialised; safe to call on every tip). */
  settle(): Promise<void> {
    if (this.maturing) {
      this.again = true;
      return this.maturing;
    }
    this.maturing = (async () => {
      try {
        do {
          this.again = false;
          await this.settleOnce();
        } while (this.again);
      } finally {
        this.maturing = undefined;
      }
    })();
    return this.maturing;
  }

  private async settleOnce(): Promise<void> {
    const { chain, ledger } = this.o;
    const maturity = chain.params.rewards.maturity;
    const tip = chain.tip;
    let changed = false;
    for (const b of [...ledger.blocks.values()]) {
      if (b.status === 'submitted') {
        // Only at start-up can a block still be `submitted` with its import finished.
        const entry = chain.index.get(b.hash);
        if (entry) ledger.putBlock({ ...b, status: 'pending', reward: await this.rewardOf(b) });
        else if (this.nowMs() - Number(b.timeMs) > 60_000) ledger.putBlock({ ...b, status: 'rejected', reason: 'never imported (the pool stopped first)' });
        else continue;
        changed = true;
        continue;
      }
      if (b.status !== 'pending' || tip.height < b.height + maturity) continue;
      const entry = chain.index.get(b.hash);
      if (!entry || !chain.index.isMain(entry)) {
        ledger.putBlock({ ...b, status: 'orphaned', reason: 'not on the main chain at maturity' });
        this.o.log?.info({ height: b.height, hash: hashToDisplay(b.hash) }, 'mining pool block orphaned: not paid');
      } else {
        const reward = await this.rewardOf(b);
        if (b.scheme === 'pplns') {
          const split = pplnsSplit(reward, b.feeBps, b.window);
          for (const c of split.credits) ledger.credit(c.address, c.amount);
          ledger.putBlock({ ...b, status: 'confirmed', reward, fee: split.fee, credits: split.credits });
        } else {
          // PPS paid every share when it was accepted; the block is the pool's income.
          ledger.putBlock({ ...b, status: 'confirmed', reward, fee: reward, credits: [] });
        }
        this.o.log?.info({ height: b.height, hash: hashToDisplay(b.hash), reward: reward.toString() }, 'mining pool block matured: credited');
      }
      changed = true;
    }
    if (changed) await ledger.commit();
  }
}
