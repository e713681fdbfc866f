/**
 * Events emitted by main-chain transactions, read from the stored receipts: `EventIndex` is an
 * incremental per-chain cache of every event of a set of modules (the `asset_*` / `multisig_*`
 * reports read the issuance modules' trail through `EndpointContext.events`), so a report does not
 * re-read every block's receipts; `scanBlocks` / `eventTrail` are the one-shot scans tests use.
 *
 * Only transaction events are indexed: blocks without transactions are skipped without reading
 * their receipts (the modules whose trails are reported have no block hooks).
 */
import type { Chain } from '../chain/chain.js';
import type { Json } from '../encoding/codec.js';
import { bytesEqual } from '../encoding/hex.js';
import type { IndexedEvent } from '../state/endpoint.js';
import type { EventRecord } from '../state/events.js';
import type { TimelineBlock } from '../state/modules/stablecoin/reports.js';

/** One event of the chain's history with where it happened (block-hook events have no transaction). */
export interface TrailEntry extends Omit<IndexedEvent, 'txIndex' | 'txId'> {
  readonly txIndex: number | null;
  readonly txId: Uint8Array | null;
}

/** A block with its events: all of them (transactions first, then block hooks) and per transaction. */
export type ScannedBlock = TimelineBlock & { readonly hash: Uint8Array; readonly txEvents: EventRecord[][]; readonly txIds: Uint8Array[] };

/** The main chain's blocks from `fromHeight` with their events (from receipts), oldest first. */
export async function scanBlocks(chain: Chain, fromHeight = 0): Promise<ScannedBlock[]> {
  const out: ScannedBlock[] = [];
  for (let h = fromHeight; h <= chain.tip.height; h++) {
    const entry = chain.index.atHeight(h);
    if (!entry) break;
    const rc = await chain.store.receipts(entry.hash);
    const txEvents = (rc?.receipts ?? []).map((r) => r.events);
    out.push({ height: h, time: entry.header.time, hash: entry.hash, events: [...txEvents.flat(), ...(rc?.blockEvents ?? [])], txEvents, txIds: (rc?.receipts ?? []).map((r) => r.txId) });
  }
  return out;
}

/** Every transaction event of `modules` along the main chain, as JSON (optionally filtered). */
export async function eventTrail(chain: Chain, modules: readonly string[], match?: (e: TrailEntry) => boolean): Promise<TrailEntry[]> {
  const out: TrailEntry[] = [];
  for (const b of await scanBlocks(chain)) {
    b.txEvents.forEach((evs, txIndex) => {
      evs.forEach((record, eventIndex) => {
        if (!modules.includes(record.module)) return;
        const j = chain.sm.events.toJson(record);
        const e: TrailEntry = { height: b.height, time: b.time, blockHash: b.hash, txIndex, txId: b.txIds[txIndex], eventIndex, module: j.module, name: j.name, data: j.data as Json, record };
        if (!match || match(e)) out.push(e);
      });
    });
  }
  return out;
}

/**
 * Every transaction event of some modules along the main chain, kept up to date incrementally:
 * each `sync` drops what a reorg replaced (it keeps the hash of every scanned height and walks back
 * to the fork point) and reads the receipts of the new blocks. Syncs are serialised.
 */
export class EventIndex {
  /** Main-chain hash of every scanned height. */
  private readonly hashes: Uint8Array[] = [];
  private readonly entries: IndexedEvent[] = [];
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly chain: Chain,
    private readonly modules: readonly string[],
  ) {}

  /** Brings the index to the current tip and returns the events, oldest first (do not modify). */
  events(): Promise<readonly IndexedEvent[]> {
    const run = this.lock.then(() => this.sync());
    this.lock = run.catch(() => undefined);
    return run;
  }

  private async sync(): Promise<readonly IndexedEvent[]> {
    const { chain } = this;
    // The deepest scanned height still on the main chain; every height below it is too (hash chain).
    let h = Math.min(this.hashes.length, chain.tip.height + 1);
    while (h > 0 && !bytesEqual(this.hashes[h - 1], chain.index.atHeight(h - 1)?.hash ?? new Uint8Array(0))) h--;
    this.hashes.length = h;
    while (this.entries.length > 0 && this.entries[this.entries.length - 1].height >= h) this.entries.pop();
    for (; h <= chain.tip.height; h++) {
      const entry = chain.index.atHeight(h);
      if (!entry) break;
      if (entry.txCount > 0) {
        const rc = await chain.store.receipts(entry.hash);
        // The chain may have reorganised while the receipts were read: stop; the next sync resumes.
        if (!rc || chain.index.atHeight(h) !== entry) break;
        rc.receipts.forEach((r, txIndex) => {
          r.events.forEach((record, eventIndex) => {
            if (!this.modules.includes(record.module)) return;
            const j = chain.sm.events.toJson(record);
            this.entries.push({ height: h, time: entry.header.time, blockHash: entry.hash, txIndex, txId: r.txId, eventIndex, module: j.module, name: j.name, data: j.data as Json, record });
          });
        });
      }
      this.hashes.push(entry.hash);
    }
    return this.entries;
  }
}

const indexes = new WeakMap<Chain, Map<string, EventIndex>>();

/** The event index of `modules` on a chain (one per chain object and module set, created on first use). */
export function eventIndex(chain: Chain, modules: readonly string[]): EventIndex {
  let byKey = indexes.get(chain);
  if (!byKey) indexes.set(chain, (byKey = new Map()));
  const key = [...modules].sort().join(',');
  let ix = byKey.get(key);
  if (!ix) byKey.set(key, (ix = new EventIndex(chain, modules)));
  return ix;
}
