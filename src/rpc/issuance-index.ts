/**
 * Scans of the main chain's receipts for governed minting (issue 4): the blocks with their events,
 * the event trail of the issuance modules and the collateral timeline, plus `IssuanceIndex`, an
 * incremental per-chain cache of every multisig / assets / stablecoin event that the `asset_*` and
 * `multisig_*` RPC methods read, so a report does not re-read every block's receipts.
 *
 * The issuance modules emit events only from transactions (they have no block hooks), so blocks
 * without transactions are skipped without reading their receipts.
 */
import type { Chain } from '../chain/chain.js';
import type { Json } from '../encoding/codec.js';
import { bytesEqual } from '../encoding/hex.js';
import type { EventRecord } from '../state/events.js';
import { collateralTimeline, type CollateralPoint, type TimelineBlock } from '../state/modules/stablecoin/reports.js';

/** Modules whose events make up the issuance trail. */
export const ISSUANCE_MODULES: readonly string[] = ['multisig', 'assets', 'stablecoin'];

/** One event of the chain's history with where it happened. */
export interface TrailEntry {
  readonly height: number;
  readonly time: number;
  /** Hash of the block (internal order). */
  readonly blockHash: Uint8Array;
  /** Index of the transaction in its block, or null for block-hook events. */
  readonly txIndex: number | null;
  /** Id of the transaction (internal order), or null for block-hook events. */
  readonly txId: Uint8Array | null;
  /** Index of the event among its transaction's (or the block hooks') events. */
  readonly eventIndex: number;
  readonly module: string;
  readonly name: string;
  /** Event data as JSON (the state machine's event registry). */
  readonly data: Json;
  readonly record: EventRecord;
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

/** Every event of the given modules (default multisig, assets, stablecoin) along the main chain, as JSON. */
export async function eventTrail(chain: Chain, modules: readonly string[] = ISSUANCE_MODULES, match?: (e: TrailEntry) => boolean): Promise<TrailEntry[]> {
  const out: TrailEntry[] = [];
  for (const b of await scanBlocks(chain)) {
    b.txEvents.forEach((evs, txIndex) => {
      evs.forEach((record, eventIndex) => {
        if (!modules.includes(record.module)) return;
        const j = chain.sm.events.toJson(record);
        const e: TrailEntry = { height: b.height, time: b.time, blockHash: b.hash, txIndex, txId: b.txIds[txIndex], eventIndex, module: j.module, name: j.name, data: j.data, record };
        if (!match || match(e)) out.push(e);
      });
    });
  }
  return out;
}

/** The collateral ratio of a governed asset over the chain's history (see stablecoin/reports.ts). */
export async function collateralHistory(chain: Chain, assetId: number): Promise<CollateralPoint[]> {
  return collateralTimeline(await scanBlocks(chain), assetId);
}

/** Fields of an indexed event's data that the reports filter on. */
function keysOf(data: Json): { assetId: number | null; multisig: string | null } {
  const d = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, Json>) : {};
  return { assetId: typeof d.assetId === 'number' ? d.assetId : null, multisig: typeof d.multisig === 'string' ? d.multisig : null };
}

/** An indexed issuance event with the keys reports filter on. */
export interface IndexedEvent extends TrailEntry {
  /** `assetId` of the data, if it has one. */
  readonly assetId: number | null;
  /** `multisig` (bech32m) of the data, if it has one. */
  readonly multisig: string | null;
}

/**
 * Every issuance event of the main chain, kept up to date incrementally: each `sync` drops what a
 * reorg replaced (it keeps the hash of every scanned height and walks back to the fork point) and
 * reads the receipts of the new blocks. Syncs are serialised.
 */
export class IssuanceIndex {
  /** Main-chain hash of every scanned height. */
  private readonly hashes: Uint8Array[] = [];
  private readonly entries: IndexedEvent[] = [];
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly chain: Chain,
    private readonly modules: readonly string[] = ISSUANCE_MODULES,
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
            this.entries.push({ height: h, time: entry.header.time, blockHash: entry.hash, txIndex, txId: r.txId, eventIndex, module: j.module, name: j.name, data: j.data, record, ...keysOf(j.data) });
          });
        });
      }
      this.hashes.push(entry.hash);
    }
    return this.entries;
  }
}

const indexes = new WeakMap<Chain, IssuanceIndex>();

/** The issuance index of a chain (one per chain object, created on first use). */
export function issuanceIndex(chain: Chain): IssuanceIndex {
  let ix = indexes.get(chain);
  if (!ix) {
    ix = new IssuanceIndex(chain);
    indexes.set(chain, ix);
  }
  return ix;
}

/** Groups indexed events into timeline blocks (for `collateralTimeline`). */
export function timelineBlocks(events: readonly TrailEntry[]): TimelineBlock[] {
  const out: Array<{ height: number; time: number; events: EventRecord[] }> = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (last && last.height === e.height) last.events.push(e.record);
    else out.push({ height: e.height, time: e.time, events: [e.record] });
  }
  return out;
}
