/**
 * The mempool: transactions waiting for a block. Admission runs the consensus checks against the
 * head state (decode, low-s signature, `StateMachine.verifyTx` with future nonces allowed), then
 * local policy (duplicates, replace-by-fee, per-sender and pool limits, fees the sender can pay).
 * `select` gives the miner the best ordering for the next block. The pool follows the chain:
 * mined transactions leave, transactions of disconnected blocks come back after a reorg.
 */
import { EventEmitter } from 'node:events';
import { CoinworksError, MempoolError, TxError } from '../errors.js';
import { bytesToHex, hashToDisplay } from '../encoding/hex.js';
import { decodeAddress } from '../crypto/address.js';
import type { PreparedTx } from '../primitives/tx.js';
import type { PreparedBlock } from '../primitives/block.js';
import type { BlockInfo } from '../state/module.js';
import { accountKey, balanceOf, getAccount, NATIVE_ASSET, type Account } from '../state/modules/accounts/method.js';
import type { StateReader } from '../state/state-view.js';
import type { Chain, StateChanges } from '../chain/chain.js';
import type { ChainEntry } from '../chain/chain-index.js';
import { effectiveTip, entryInfo, feeAt, isSufficientBump, type PoolEntry } from './entry.js';
import { toPreparedTx, type TxInput } from './normalize.js';
import { resolveMempoolOptions, type MempoolOptions, type ResolvedMempoolOptions } from './options.js';
import { PoolIndex } from './pool-index.js';
import { expireEntries, revalidateSenders, type DropFn } from './maintenance.js';
import { followChain } from './chain-sync.js';
import { selectEntries, type SelectLimits } from './select.js';
import type { MempoolEvents, MempoolTxInfo, RemovalReason } from './types.js';

/** The mempool's public types, re-exported for callers that import only this file. */
export type { MempoolOptions, ResolvedMempoolOptions, SelectLimits, MempoolEvents, MempoolTxInfo, RemovalReason, TxInput };

const ZERO_BENEFICIARY = new Uint8Array(20);
const EMPTY = new Uint8Array(0);

/** Pending transactions, kept valid against the chain's head. */
export class Mempool extends EventEmitter<MempoolEvents> {
  /** Policy settings with defaults filled in. */
  readonly options: ResolvedMempoolOptions;
  private readonly index = new PoolIndex();
  private readonly now: () => number;
  private seq = 0;
  private next: { tip: ChainEntry; info: BlockInfo } | undefined;
  /** Maintenance that reads the head state (after a reorg), one after the other. */
  private maintenance: Promise<void> = Promise.resolve();
  private readonly unfollow: () => void;

  constructor(
    readonly chain: Chain,
    opts: MempoolOptions = {},
  ) {
    super();
    this.options = resolveMempoolOptions(opts);
    this.now = opts.now ?? (() => chain.clock());
    this.unfollow = followChain(chain, {
      connect: (b, changes) => this.onConnect(b, changes),
      disconnect: (b, changes) => this.onDisconnect(b, changes),
      reorg: (dropped) => this.onReorg(dropped),
      // A new tip changes the next base fee: priorities are recomputed lazily on next use.
      tip: () => (this.next = undefined),
      onError: (err) => {
        if (this.listenerCount('error') > 0) this.emit('error', err);
      },
    });
  }

  /** Stops following the chain. */
  dispose(): void {
    this.unfollow();
  }

  /** Number of pooled transactions. */
  get size(): number {
    return this.index.size;
  }

  /** Sum of the encoded sizes of pooled transactions. */
  get bytes(): number {
    return this.index.bytes;
  }

  /** Base fee per gas of the next block (what priorities are computed at). */
  get baseFeePerGas(): bigint {
    return this.chain.nextBaseFee(this.chain.tip);
  }

  /**
   * Validates and pools a transaction; returns it prepared. Throws TxError for a consensus rule
   * (TX_MALFORMED, TX_OVERSIZE, TX_HIGH_S, TX_BAD_SIGNATURE, the `verifyTx` rules, and
   * TX_INSUFFICIENT_BALANCE for the sender's pending fees) or MempoolError for a policy rule.
   * Asynchronous: the consensus checks read the head state through `Chain.view` (which loads what
   * they need from disk); the pool changes in one synchronous step after that read, and the read
   * is taken again if a block was connected in between.
   */
  async add(input: TxInput): Promise<PreparedTx> {
    const ptx = toPreparedTx(input);
    this.refuseDuplicate(ptx);
    this.chain.sigCache.check(ptx);
    for (;;) {
      const r = await this.chain.view((state) => {
        const tip = this.chain.tip;
        const block = this.nextBlock(tip, state);
        const { gas } = this.chain.sm.verifyTx(state, ptx, block, true);
        return { tip, gas, baseFee: block.baseFeePerGas, account: getAccount(state, ptx.sender) };
      });
      // The head moved while the checks were read: read them again on the new head.
      if (r.tip !== this.chain.tip) continue;
      this.expire();
      this.refuseDuplicate(ptx);
      this.admit(ptx, r.gas, r.baseFee, r.account);
      return ptx;
    }
  }

  private refuseDuplicate(ptx: PreparedTx): void {
    if (this.index.byKey.has(ptx.key)) throw new MempoolError('MEMPOOL_DUPLICATE', `transaction ${hashToDisplay(ptx.id)} is already in the mempool`, { id: hashToDisplay(ptx.id) });
  }

  /** Resolves once the pool has caught up with the chain (maintenance after a reorg, re-added transactions). */
  settled(): Promise<void> {
    return this.maintenance;
  }

  /** Policy checks and insertion, after the consensus checks passed. */
  private admit(ptx: PreparedTx, gas: bigint, baseFee: bigint, acc: Account): void {
    const o = this.options;
    const { nonce, maxFeePerGas, maxTipPerGas } = ptx.tx.body;
    const sender = bytesToHex(ptx.sender);
    if (nonce > acc.nonce + o.maxNonceAhead) {
      throw new MempoolError('MEMPOOL_NONCE_TOO_FAR', `nonce ${nonce} is more than ${o.maxNonceAhead} ahead of the account nonce ${acc.nonce}`, { nonce: nonce.toString(), accountNonce: acc.nonce.toString() });
    }
    if (maxTipPerGas < o.minTipPerGas) throw new MempoolError('MEMPOOL_FEE_TOO_LOW', `maxTipPerGas ${maxTipPerGas} is below this node's minimum ${o.minTipPerGas}`, { minTipPerGas: o.minTipPerGas.toString() });
    const s = this.index.senders.get(sender);
    if (s) s.stateNonce = acc.nonce;
    const entry: PoolEntry = { ptx, sender, nonce, maxFeePerGas, maxTipPerGas, gas, size: ptx.bytes.length, seq: ++this.seq, addedAt: this.now() };
    const old = s?.get(nonce);
    if (old && !isSufficientBump(old, entry, o.replacementBumpPercent)) {
      const msg = `replacing nonce ${nonce} needs maxFeePerGas and maxTipPerGas both at least ${o.replacementBumpPercent}% above ${old.maxFeePerGas} and ${old.maxTipPerGas}`;
      throw new MempoolError('MEMPOOL_REPLACEMENT_UNDERPRICED', msg, { id: hashToDisplay(old.ptx.id), maxFeePerGas: old.maxFeePerGas.toString(), maxTipPerGas: old.maxTipPerGas.toString() });
    }
    if (!old && s && s.size >= o.maxPerSender) throw new MempoolError('MEMPOOL_SENDER_LIMIT', `sender already has ${s.size} pending transactions (limit ${o.maxPerSender})`, { limit: o.maxPerSender });
    // The sender must afford the fees of all its pending transactions plus this one at the next base fee.
    const need = (s?.totalFees(baseFee, old) ?? 0n) + feeAt(entry, baseFee);
    const have = balanceOf(acc, NATIVE_ASSET);
    if (need > have) {
      throw new TxError('TX_INSUFFICIENT_BALANCE', `balance ${have} cannot pay the fees ${need} of this and the sender's other pending transactions`, { assetId: 0, balance: have.toString(), fee: need.toString(), pending: true });
    }
    const victims = this.makeRoom(entry, old, baseFee);
    for (const v of victims) this.drop(v, 'evicted');
    if (old) this.drop(old, 'replaced');
    this.index.insert(entry, ptx.sender, acc.nonce);
    this.emit('added', ptx, old?.ptx);
  }

  /** Transactions to evict so `entry` fits (none when it already fits); MEMPOOL_FULL if it cannot. */
  private makeRoom(entry: PoolEntry, old: PoolEntry | undefined, baseFee: bigint): PoolEntry[] {
    const o = this.options;
    const count = this.index.size + (old ? 0 : 1) - o.maxTxs;
    const bytes = this.index.bytes - (old?.size ?? 0) + entry.size - o.maxBytes;
    if (count <= 0 && bytes <= 0) return [];
    if (entry.size > o.maxBytes) throw new MempoolError('MEMPOOL_FULL', `transaction of ${entry.size} bytes is larger than the whole mempool (${o.maxBytes} bytes)`);
    const tip = effectiveTip(entry, baseFee);
    // Only a sender's last nonce is evicted (no gaps), and only for a strictly higher tip.
    const victims = this.index.eviction.pick({ count: Math.max(0, count), bytes: Math.max(0, bytes), tip, exclude: entry.sender, baseFee });
    if (!victims) {
      throw new MempoolError('MEMPOOL_FULL', `mempool is full (${this.index.size} transactions, ${this.index.bytes} bytes) and every evictable transaction pays a tip of at least ${tip}`, { tipPerGas: tip.toString() });
    }
    return victims;
  }

  /** The best transactions for the next block, in the order they must be included. */
  select(opts: SelectLimits): PreparedTx[] {
    const baseFee = this.baseFeePerGas;
    return selectEntries(this.index.senders.values(), baseFee, opts, this.chain.params.fees.txBaseGas).map((e) => e.ptx);
  }

  /** Removes transactions by key (internal-order hex) or id; returns how many were pooled. */
  remove(keys: Iterable<string | Uint8Array>, reason: RemovalReason = 'removed'): number {
    let n = 0;
    for (const k of keys) {
      const e = this.index.byKey.get(typeof k === 'string' ? k : bytesToHex(k));
      if (e && this.drop(e, reason)) n++;
    }
    return n;
  }

  /** True when the transaction (key or id) is pooled. */
  has(key: string | Uint8Array): boolean {
    return this.index.byKey.has(typeof key === 'string' ? key : bytesToHex(key));
  }

  /** The pooled transaction with this key or id. */
  get(key: string | Uint8Array): PreparedTx | undefined {
    return this.index.byKey.get(typeof key === 'string' ? key : bytesToHex(key))?.ptx;
  }

  /** Every pooled transaction in arrival order, with its priority at the next base fee. */
  list(): MempoolTxInfo[] {
    const baseFee = this.baseFeePerGas;
    return [...this.index.byKey.values()].map((e) => entryInfo(e, baseFee));
  }

  /**
   * Nonce a client should use next: `accountNonce` (the sender's nonce in the head state, read by
   * the caller inside its view), past any consecutive pooled nonces (address bytes or text; bad
   * text throws AddressError).
   */
  pendingNonce(sender: Uint8Array | string, accountNonce: bigint): bigint {
    const address = typeof sender === 'string' ? decodeAddress(sender) : sender;
    return this.index.senders.get(bytesToHex(address))?.pendingNonce(accountNonce) ?? accountNonce;
  }

  /** `pendingNonce` with the sender's account nonce read from the head state (through `Chain.view`). */
  async nextNonce(sender: Uint8Array | string): Promise<bigint> {
    const address = typeof sender === 'string' ? decodeAddress(sender) : sender;
    const accountNonce = await this.chain.view((s) => getAccount(s, address).nonce);
    return this.pendingNonce(address, accountNonce);
  }

  /** Removes every transaction (reason `cleared`). */
  clear(): void {
    const all = [...this.index.byKey.values()];
    this.index.clear();
    for (const e of all) this.emit('removed', e.ptx, 'cleared');
  }

  /** Block info of the next block on `tip` (cached per tip); time as the assembler picks it; `state` is the tip's. */
  private nextBlock(tip: ChainEntry, state: StateReader): BlockInfo {
    if (this.next?.tip !== tip) {
      this.next = { tip, info: this.chain.blockInfo(tip, Math.max(this.chain.clock(), this.chain.engine.minChildTime(tip)), ZERO_BENEFICIARY, EMPTY, state) };
    }
    return this.next.info;
  }

  private drop(e: PoolEntry, reason: RemovalReason): boolean {
    if (!this.index.delete(e)) return false;
    this.emit('removed', e.ptx, reason);
    return true;
  }

  private readonly dropFn: DropFn = (e, reason) => void this.drop(e, reason);

  private expire(): void {
    expireEntries(this.index, this.now() - this.options.ttlSeconds, this.dropFn);
  }

  /**
   * Re-checks `senders` against the head state. Senders whose account the block's own `changes`
   * hold (every sender of its transactions: the fee and nonce always change the account) are
   * checked at once from them; any other is checked after a read through `Chain.view`.
   */
  private revalidate(senders: Iterable<string>, changes?: StateChanges): void {
    const later: string[] = [];
    const now: string[] = [];
    for (const key of senders) {
      const s = this.index.senders.get(key);
      if (!s) continue;
      if (changes?.has(accountKey(s.address))) now.push(key);
      else later.push(key);
    }
    if (now.length > 0) {
      const reader = changesReader(changes!);
      revalidateSenders(this.index, (a) => getAccount(reader, a), this.baseFeePerGas, now, this.dropFn);
    }
    if (later.length > 0) this.schedule(() => this.revalidateFromHead(later));
  }

  /** Revalidates senders from the head state (a read through `Chain.view`), again if the head moved meanwhile. */
  private async revalidateFromHead(senders: readonly string[]): Promise<void> {
    for (;;) {
      const r = await this.chain.view((state) => {
        const accounts = new Map<string, Account>();
        for (const key of senders) {
          const s = this.index.senders.get(key);
          if (s) accounts.set(key, getAccount(state, s.address));
        }
        return { tip: this.chain.tip, accounts };
      });
      if (r.tip !== this.chain.tip) continue;
      revalidateSenders(this.index, (a) => r.accounts.get(bytesToHex(a))!, this.baseFeePerGas, r.accounts.keys(), this.dropFn);
      return;
    }
  }

  /** Runs `work` after the maintenance already queued (serialised; errors go to `error`). */
  private schedule(work: () => Promise<void>): void {
    this.maintenance = this.maintenance.then(work).catch((err: unknown) => {
      if (this.listenerCount('error') > 0) this.emit('error', err);
    });
  }

  /** Mined transactions leave; the block's senders are re-checked (nonces used, balance spent). */
  private onConnect(block: PreparedBlock, changes: StateChanges): void {
    const senders = new Set<string>();
    for (const t of block.txs) {
      const e = this.index.byKey.get(t.key);
      if (e) this.drop(e, 'mined');
      senders.add(bytesToHex(t.sender));
    }
    this.revalidate(senders, changes);
    this.expire();
  }

  /** A disconnected block lowers its senders' account nonces (read from what its undo wrote back); nothing pooled becomes invalid. */
  private onDisconnect(block: PreparedBlock, changes: StateChanges): void {
    const reader = changesReader(changes);
    for (const t of block.txs) {
      const s = this.index.senders.get(bytesToHex(t.sender));
      if (s && changes.has(accountKey(s.address))) s.stateNonce = getAccount(reader, s.address).nonce;
    }
  }

  /** After a reorg every sender is re-checked (credits may be lost), then dropped transactions return in nonce order; invalid ones are silently ignored. */
  private onReorg(dropped: readonly PreparedTx[]): void {
    const senders = [...this.index.senders.keys()];
    if (senders.length > 0) this.schedule(() => this.revalidateFromHead(senders));
    const nonceOf = (t: PreparedTx) => t.tx.body.nonce;
    const byNonce = [...dropped].sort((a, b) => (nonceOf(a) < nonceOf(b) ? -1 : nonceOf(a) > nonceOf(b) ? 1 : 0));
    this.schedule(async () => {
      for (const t of byNonce) {
        try {
          await this.add(t);
        } catch (e) {
          if (!(e instanceof CoinworksError)) throw e;
        }
      }
    });
  }
}

/** A reader over a block's state writes (keys it did not write read as absent: callers check `has` first). */
function changesReader(changes: StateChanges): StateReader {
  return { get: (k) => changes.get(k) ?? undefined };
}
