/**
 * Subscriptions over WebSocket: `newHeads` (a notification on every chain 'tip') and per
 * transaction (one notification when a connected block contains it, then the subscription ends).
 * Listens to the chain once for all sessions; limits subscriptions per session.
 */
import { randomBytes } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { TxInclusion } from '../api/core.js';
import type { Chain } from '../chain/chain.js';
import type { ChainEntry } from '../chain/chain-index.js';
import { bytesToHex, hashToDisplay } from '../encoding/hex.js';
import type { PreparedBlock } from '../primitives/block.js';
import type { BlockReceipts } from '../storage/records.js';
import { limitExceeded } from './errors.js';
import type { RpcLog } from './context.js';
import type { WsSession } from './session.js';
import { receiptView, type ViewCache } from './views.js';

/** Notification payload of a transaction subscription. */
export type TxInclusionView = Static<typeof TxInclusion>;

/** Every subscription of every session. */
export class SubscriptionHub {
  private readonly heads = new Map<string, WsSession>();
  private readonly txs = new Map<string, Map<string, WsSession>>();
  /** Subscriptions to named event topics (e.g. the mining pool's alarms): topic -> id -> session. */
  private readonly topics = new Map<string, Map<string, WsSession>>();
  private readonly onTip = (): void => this.publishHead();
  private readonly onConnect = (entry: ChainEntry, pb: PreparedBlock, receipts: BlockReceipts): void => this.publishTxs(entry, pb, receipts);
  private attached = false;

  constructor(
    private readonly chain: Chain,
    private readonly views: ViewCache,
    private readonly maxPerSession: number,
    private readonly log?: RpcLog,
  ) {}

  /** Starts listening to the chain. */
  attach(): void {
    if (this.attached) return;
    this.attached = true;
    this.chain.on('tip', this.onTip);
    this.chain.on('connect', this.onConnect);
  }

  /** Stops listening and forgets every subscription. */
  detach(): void {
    this.chain.off('tip', this.onTip);
    this.chain.off('connect', this.onConnect);
    this.attached = false;
    this.heads.clear();
    this.txs.clear();
    this.topics.clear();
  }

  /** Number of open subscriptions (all sessions). */
  get size(): number {
    let n = this.heads.size;
    for (const m of this.txs.values()) n += m.size;
    for (const m of this.topics.values()) n += m.size;
    return n;
  }

  private newId(session: WsSession): string {
    if (session.subs.size >= this.maxPerSession) {
      throw limitExceeded(`too many subscriptions on this connection (limit ${this.maxPerSession})`, { limit: this.maxPerSession });
    }
    return `0x${randomBytes(16).toString('hex')}`;
  }

  /** Subscribes a session to new heads; returns the subscription id. */
  subscribeHeads(session: WsSession): string {
    const id = this.newId(session);
    session.subs.set(id, { kind: 'newHeads' });
    this.heads.set(id, session);
    return id;
  }

  /** Subscribes a session to the inclusion of a transaction (internal-order id). */
  subscribeTx(session: WsSession, txId: Uint8Array): string {
    const id = this.newId(session);
    const key = bytesToHex(txId);
    session.subs.set(id, { kind: 'tx', txKey: key });
    let m = this.txs.get(key);
    if (!m) this.txs.set(key, (m = new Map()));
    m.set(id, session);
    return id;
  }

  /** Subscribes a session to a named event topic (events come from `publish`); returns the subscription id. */
  subscribeTopic(session: WsSession, topic: string): string {
    const id = this.newId(session);
    session.subs.set(id, { kind: 'topic', topic });
    let m = this.topics.get(topic);
    if (!m) this.topics.set(topic, (m = new Map()));
    m.set(id, session);
    return id;
  }

  /** Notifies every subscriber of `topic` with `payload`. */
  publish(topic: string, payload: unknown): void {
    for (const [id, session] of this.topics.get(topic) ?? []) session.notify(id, payload);
  }

  /** Ends one subscription of a session; false when the session has no such subscription. */
  unsubscribe(session: WsSession, id: string): boolean {
    const sub = session.subs.get(id);
    if (!sub) return false;
    session.subs.delete(id);
    if (sub.kind === 'newHeads') this.heads.delete(id);
    else if (sub.kind === 'topic') {
      const m = this.topics.get(sub.topic);
      m?.delete(id);
      if (m && m.size === 0) this.topics.delete(sub.topic);
    } else {
      const m = this.txs.get(sub.txKey);
      m?.delete(id);
      if (m && m.size === 0) this.txs.delete(sub.txKey);
    }
    return true;
  }

  /** Ends every subscription of a closed session. */
  dropSession(session: WsSession): void {
    for (const id of [...session.subs.keys()]) this.unsubscribe(session, id);
  }

  /**
   * Notifies a transaction subscription at once if its transaction is already in the main chain
   * (called after the subscribe response was sent).
   */
  async checkIncluded(session: WsSession, id: string): Promise<void> {
    const sub = session.subs.get(id);
    if (!sub || sub.kind !== 'tx') return;
    const view = await inclusionOf(this.chain, sub.txKey);
    if (view && session.subs.has(id)) {
      this.unsubscribe(session, id);
      session.notify(id, view);
    }
  }

  private publishHead(): void {
    if (this.heads.size === 0) return;
    this.views.head().then(
      (head) => {
        for (const [id, session] of this.heads) session.notify(id, head);
      },
      (e: unknown) => this.log?.warn({ err: (e as Error)?.message }, 'rpc: newHeads notification failed'),
    );
  }

  private publishTxs(entry: ChainEntry, pb: PreparedBlock, receipts: BlockReceipts): void {
    if (this.txs.size === 0) return;
    try {
      pb.txs.forEach((t, index) => {
        const m = this.txs.get(t.key);
        if (!m) return;
        const view: TxInclusionView = {
          id: hashToDisplay(t.id),
          status: 'included',
          blockHash: hashToDisplay(entry.hash),
          height: entry.height,
          index,
          confirmations: 1,
          receipt: receiptView(this.chain, receipts.receipts[index]),
        };
        for (const [id, session] of [...m]) {
          this.unsubscribe(session, id);
          session.notify(id, view);
        }
      });
    } catch (e) {
      this.log?.warn({ err: (e as Error)?.message }, 'rpc: transaction notification failed');
    }
  }
}

/** Where a transaction (internal-order hex key) sits in the main chain, with its receipt; undefined if not there. */
export async function inclusionOf(chain: Chain, txKey: string): Promise<TxInclusionView | undefined> {
  const id = Uint8Array.from(Buffer.from(txKey, 'hex'));
  const loc = await chain.store.txLocation(id);
  if (!loc) return undefined;
  const entry = chain.index.get(loc.blockHash);
  const receipts = await chain.store.receipts(loc.blockHash);
  const r = receipts?.receipts[loc.index];
  if (!entry || !r || !chain.index.isMain(entry)) return undefined;
  return {
    id: hashToDisplay(id),
    status: 'included',
    blockHash: hashToDisplay(entry.hash),
    height: entry.height,
    index: loc.index,
    confirmations: chain.tip.height - entry.height + 1,
    receipt: receiptView(chain, r),
  };
}
