/**
 * Headers-first sync from several peers (Bitcoin Core since 0.10; Lodestar's range sync in
 * batches). For every peer whose status claims more weight than we know of, ask for headers after
 * our locator (again from the last header while answers come back full); each header is checked by
 * the engine before any body is asked for (`HeaderChain.addHeaders`). The best header chain's
 * missing bodies are split into batches and downloaded in parallel from the peers that have them
 * (a peer has a block when it sent us a header at or above it on the same branch); downloaded
 * bodies are imported strictly in height order as runs (`Chain.importRun`, one fsync per run)
 * through the one import path, while later batches are still downloading. A batch that fails or
 * times out goes to another peer. A header chain that contains a block found invalid is dropped and
 * asked again. Blocks that arrive by gossip ahead of their parent are handled by `onOrphan`: the
 * missing ancestors are fetched by hash from the sender, and a deep gap turns into header sync.
 *
 * The network is behind `SyncTransport` (requests to a peer by id), so the rules here are tested
 * with in-memory chains and no sockets.
 */
import { EventEmitter } from 'node:events';
import { BlockError, CoinworksError } from '../errors.js';
import type { Chain, ImportResult } from '../chain/chain.js';
import type { ChainEntry } from '../chain/chain-index.js';
import { HeaderChain, type HeaderEntry } from '../chain/header-chain.js';
import { blockLocator } from '../chain/locator.js';
import { bytesToHex, hashToDisplay } from '../encoding/hex.js';
import { sha256d } from '../crypto/hash.js';
import { HEADER_BYTES, headerHash, type Header } from '../primitives/header.js';
import { banScoreOf, Offence } from './ban-scores.js';
import { MAX_BLOCKS_PER_REQUEST, MAX_HEADERS, MAX_LOCATOR, type BlockChunk, type HeadersRequest, type Status } from './wire.js';

/** A peer as sync sees it. */
export interface SyncPeer {
  readonly id: string;
  /** Its latest status (head hash, height and weight). */
  readonly status: Status;
}

/** How sync reaches peers. Every call may throw (timeout, refusal, closed connection). */
export interface SyncTransport {
  /** Peers that completed the status handshake and are not banned. */
  peers(): SyncPeer[];
  /** Headers after the fork point of `req.locator` on the peer's main chain. */
  headers(peer: string, req: HeadersRequest): Promise<Header[]>;
  /** The blocks with these hashes, in order (possibly fewer). */
  blocksByHash(peer: string, hashes: Uint8Array[]): Promise<BlockChunk[]>;
  /** Charges a peer for misbehaviour. */
  penalize(peer: string, points: number, reason: string): void;
  /** Asks a peer for its status again (its head moved on); the answer reaches `peers()`. */
  refreshStatus(peer: string): Promise<void>;
}

/** Tuning of sync. */
export interface SyncOptions {
  /** Blocks per body request (default 16, at most MAX_BLOCKS_PER_REQUEST). */
  readonly batchSize?: number;
  /** Body requests in flight per peer (default 2). */
  readonly perPeerInFlight?: number;
  /** How far ahead of the next block to import bodies are downloaded, in blocks (default 512). */
  readonly window?: number;
  /** Most bytes of downloaded bodies held waiting for import (default 256 MiB). */
  readonly maxBufferedBytes?: number;
  /** How deep a gossip orphan's missing ancestors are fetched by hash before header sync takes over (default 8). */
  readonly orphanDepth?: number;
  /** Log lines (default none). */
  readonly log?: { info(o: object, m: string): void; debug(o: object, m: string): void; warn(o: object, m: string): void };
}

/** What `state()` reports. */
export interface SyncState {
  /** `syncing` while a peer claims more weight than our tip or bodies are outstanding, else `synced` (or `idle` with no peers). */
  readonly state: 'idle' | 'syncing' | 'synced';
  readonly tipHeight: number;
  /** Height of the best header known (the tip when no better header chain is known). */
  readonly bestHeaderHeight: number;
  /** Highest head a peer announced. */
  readonly bestPeerHeight: number;
  /** Body requests in flight. */
  readonly inFlight: number;
  /** Bodies downloaded and waiting for import. */
  readonly buffered: number;
}

/** Events of the sync manager. */
export interface SyncEvents {
  /** The node caught up with every peer (after having been behind). */
  synced: [info: { height: number; hash: string; imported: number }];
  /** A run of blocks was imported. */
  imported: [info: { from: string; count: number; height: number }];
}

interface Batch {
  readonly hashes: Uint8Array[];
  readonly key: string;
  peer?: string;
}

interface Downloaded {
  readonly chunk: BlockChunk;
  readonly from: string;
}

const LOG_NONE = { info() {}, debug() {}, warn() {} };
/** Pause before asking a peer for headers again after a failed or refused answer. */
const HEADERS_RETRY_MS = 5000;

/** The header hash of encoded block bytes (the header is the block's first 80 bytes). */
function blockBytesHash(block: Uint8Array): Uint8Array | undefined {
  return block.length < HEADER_BYTES ? undefined : sha256d(block.subarray(0, HEADER_BYTES));
}

/** Headers-first, parallel-download block sync. */
export class SyncManager extends EventEmitter<SyncEvents> {
  private headers: HeaderChain;
  private readonly batchSize: number;
  private readonly perPeer: number;
  private readonly window: number;
  private readonly maxBuffered: number;
  private readonly orphanDepth: number;
  private readonly log: NonNullable<SyncOptions['log']>;
  /** Best header (or block) each peer showed us, for choosing who to ask for which bodies. */
  private readonly peerBest = new Map<string, HeaderEntry | ChainEntry>();
  /** Peers whose headers we are fetching now, and the status head their last finished fetch covered. */
  private readonly headerSyncs = new Set<string>();
  private readonly headersDoneFor = new Map<string, string>();
  private readonly inFlight = new Map<string, Batch>();
  private readonly perPeerCount = new Map<string, number>();
  private readonly downloaded = new Map<string, Downloaded>();
  private bufferedBytes = 0;
  private importing = false;
  private scheduled = false;
  private stopped = false;
  private wasBehind = false;
  private importedSinceBehind = 0;
  private readonly orphanFetches = new Set<string>();
  /** Peers that failed a batch (by the batch's first hash): asked again only when nobody else can serve it. */
  private readonly failedBy = new Map<string, Set<string>>();

  constructor(
    private readonly chain: Chain,
    private readonly net: SyncTransport,
    o: SyncOptions = {},
  ) {
    super();
    this.headers = this.newHeaderChain();
    this.batchSize = Math.min(o.batchSize ?? 16, MAX_BLOCKS_PER_REQUEST);
    this.perPeer = o.perPeerInFlight ?? 2;
    this.window = o.window ?? 512;
    this.maxBuffered = o.maxBufferedBytes ?? 256 * 1024 * 1024;
    this.orphanDepth = o.orphanDepth ?? 8;
    this.log = o.log ?? LOG_NONE;
  }

  private newHeaderChain(): HeaderChain {
    return new HeaderChain(this.chain.index, this.chain.engine, () => this.chain.clock());
  }

  /** Stops scheduling work (requests in flight finish and are dropped). */
  stop(): void {
    this.stopped = true;
  }

  /** Runs a sync step soon (coalesced): call on a new peer, a new status, or a finished request. */
  schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.stopped) this.step();
    });
  }

  /** A peer left: its batches go back to the queue. */
  peerGone(peer: string): void {
    this.peerBest.delete(peer);
    this.headersDoneFor.delete(peer);
    for (const [k, b] of this.inFlight) if (b.peer === peer) this.inFlight.delete(k);
    this.perPeerCount.delete(peer);
    this.schedule();
  }

  /** A peer relayed a block we accepted: it has that block (and its ancestors). */
  peerHas(peer: string, hash: Uint8Array): void {
    const e = this.chain.index.get(hash);
    const cur = this.peerBest.get(peer);
    if (e && (!cur || e.chainWork > cur.chainWork)) this.peerBest.set(peer, e);
  }

  /** Where sync stands. */
  state(): SyncState {
    const peers = this.net.peers();
    const tip = this.chain.tip;
    const best = this.headers.best();
    const bestPeer = peers.reduce((m, p) => Math.max(m, p.status.headHeight), 0);
    const behind = this.isBehind(peers);
    return {
      state: peers.length === 0 ? 'idle' : behind ? 'syncing' : 'synced',
      tipHeight: tip.height,
      bestHeaderHeight: best?.height ?? tip.height,
      bestPeerHeight: bestPeer,
      inFlight: this.inFlight.size,
      buffered: this.downloaded.size,
    };
  }

  private isBehind(peers: readonly SyncPeer[]): boolean {
    const tipWork = this.chain.tip.chainWork;
    if (this.headers.best()) return true;
    if (this.inFlight.size > 0 || this.importing) return true;
    // A peer ahead whose headers we have not fetched yet.
    return peers.some((p) => p.status.headWork > tipWork && this.headersDoneFor.get(p.id) !== bytesToHex(p.status.headHash));
  }

  /** One step: start header fetches, assign body batches, start the importer, report catching up. */
  private step(): void {
    const peers = this.net.peers();
    this.startHeaderSyncs(peers);
    this.assignBatches(peers);
    void this.importReady();
    const behind = this.isBehind(peers);
    if (behind && !this.wasBehind) {
      this.wasBehind = true;
      this.importedSinceBehind = 0;
    } else if (!behind && this.wasBehind && peers.length > 0) {
      this.wasBehind = false;
      const tip = this.chain.tip;
      this.emit('synced', { height: tip.height, hash: hashToDisplay(tip.hash), imported: this.importedSinceBehind });
    }
  }

  // ---- headers ----

  private startHeaderSyncs(peers: readonly SyncPeer[]): void {
    const tipWork = this.chain.tip.chainWork;
    for (const p of peers) {
      if (this.headerSyncs.has(p.id)) continue;
      if (p.status.headWork <= tipWork) continue;
      const head = bytesToHex(p.status.headHash);
      if (this.headersDoneFor.get(p.id) === head) continue;
      // We already know that head (as a block or a header): no need to ask.
      const known = this.headers.get(p.status.headHash);
      if (known) {
        this.headersDoneFor.set(p.id, head);
        this.notePeerBest(p.id, known);
        continue;
      }
      this.headerSyncs.add(p.id);
      void this.syncHeaders(p, head).finally(() => {
        this.headerSyncs.delete(p.id);
        this.schedule();
      });
    }
  }

  private notePeerBest(peer: string, e: HeaderEntry | ChainEntry): void {
    const cur = this.peerBest.get(peer);
    if (!cur || e.chainWork > cur.chainWork) this.peerBest.set(peer, e);
  }

  /** Asks one peer for headers until its answers stop coming back full. */
  private async syncHeaders(p: SyncPeer, head: string): Promise<void> {
    let from: Uint8Array | undefined;
    // Whatever happens, this status head is done; a failure is retried after a pause.
    this.headersDoneFor.set(p.id, head);
    const retryLater = () => {
      const t = setTimeout(() => {
        if (this.headersDoneFor.get(p.id) === head) this.headersDoneFor.delete(p.id);
        this.schedule();
      }, HEADERS_RETRY_MS);
      t.unref?.();
    };
    while (!this.stopped) {
      const base = blockLocator(this.chain.index);
      const locator = (from ? [from, ...base] : base).slice(0, MAX_LOCATOR);
      let hs: Header[];
      try {
        hs = await this.net.headers(p.id, { locator, limit: MAX_HEADERS });
      } catch (e) {
        this.log.debug({ peer: p.id, err: (e as Error).message }, 'headers request failed');
        retryLater();
        return;
      }
      if (hs.length === 0) return;
      try {
        const added = this.headers.addHeaders(hs);
        const last = this.headers.get(headerHash(hs[hs.length - 1]));
        if (last) this.notePeerBest(p.id, last);
        if (added > 0) this.log.debug({ peer: p.id, added, height: last?.height }, 'headers');
        from = last?.hash;
      } catch (e) {
        if (!(e instanceof CoinworksError)) throw e;
        // The headers before the bad one were kept; bodies may still come from this peer's valid part.
        this.net.penalize(p.id, banScoreOf(e), `headers: ${e.code}`);
        retryLater();
        return;
      }
      this.schedule();
      if (hs.length < MAX_HEADERS) return;
    }
  }

  // ---- bodies ----

  /** Missing bodies of the best header chain, in height order, at most the window. */
  private wanted(): Uint8Array[] {
    const want = this.headers.missingBlocks(this.window);
    if (want.length === 0) return want;
    // A header chain built on a block found invalid is poison: forget every header and ask again.
    const first = this.headers.get(want[0]);
    const parent = first && 'parent' in first && first.parent ? this.chain.index.get(first.parent.key) : undefined;
    if (parent?.status === 'invalid') {
      this.log.warn({ height: first!.height }, 'best header chain builds on an invalid block; dropping headers');
      this.headers = this.newHeaderChain();
      this.headersDoneFor.clear();
      this.peerBest.clear();
      return [];
    }
    return want;
  }

  /** True when `peer` showed us a header or block at or above `hash` on the same branch. */
  private peerHasBlock(peer: string, hash: Uint8Array): boolean {
    const target = this.headers.get(hash);
    let e: HeaderEntry | ChainEntry | null | undefined = this.peerBest.get(peer);
    if (!target || !e || e.height < target.height) return false;
    while (e && e.height > target.height) e = e.parent;
    return e !== null && e !== undefined && e.key === target.key;
  }

  private assignBatches(peers: readonly SyncPeer[]): void {
    if (this.bufferedBytes >= this.maxBuffered) return;
    const want = this.wanted();
    if (want.length === 0) return;
    const ids = peers.map((p) => p.id);
    for (let i = 0; i < want.length; i += this.batchSize) {
      const slice = want.slice(i, i + this.batchSize).filter((h) => !this.downloaded.has(bytesToHex(h)));
      if (slice.length === 0) continue;
      const key = bytesToHex(slice[0]);
      if (this.inFlight.has(key)) continue;
      const last = slice[slice.length - 1];
      const able = ids.filter((id) => this.peerHasBlock(id, last));
      const failed = this.failedBy.get(key);
      const fresh = failed ? able.filter((id) => !failed.has(id)) : able;
      if (fresh.length === 0 && failed) this.failedBy.delete(key);
      const candidates = (fresh.length > 0 ? fresh : able).filter((id) => (this.perPeerCount.get(id) ?? 0) < this.perPeer);
      if (candidates.length === 0) continue;
      candidates.sort((a, b) => (this.perPeerCount.get(a) ?? 0) - (this.perPeerCount.get(b) ?? 0));
      const batch: Batch = { hashes: slice, key, peer: candidates[0] };
      this.inFlight.set(key, batch);
      this.perPeerCount.set(batch.peer!, (this.perPeerCount.get(batch.peer!) ?? 0) + 1);
      void this.download(batch);
    }
  }

  private async download(batch: Batch): Promise<void> {
    const peer = batch.peer!;
    try {
      const chunks = await this.net.blocksByHash(peer, batch.hashes);
      if (chunks.length > batch.hashes.length) throw new ProtocolViolation(`${chunks.length} blocks for ${batch.hashes.length} asked`);
      for (let i = 0; i < chunks.length; i++) {
        const got = blockBytesHash(chunks[i].block);
        if (!got || bytesToHex(got) !== bytesToHex(batch.hashes[i])) throw new ProtocolViolation('a block that was not asked for');
        const key = bytesToHex(batch.hashes[i]);
        if (!this.downloaded.has(key)) {
          this.downloaded.set(key, { chunk: chunks[i], from: peer });
          this.bufferedBytes += chunks[i].block.length;
        }
      }
      if (chunks.length === batch.hashes.length) this.failedBy.delete(batch.key);
      else this.markFailed(batch.key, peer);
    } catch (e) {
      this.markFailed(batch.key, peer);
      if (e instanceof ProtocolViolation) this.net.penalize(peer, Offence.protocolViolation, `blocks: ${e.message}`);
      else this.log.debug({ peer, err: (e as Error).message }, 'blocks request failed');
    } finally {
      if (this.inFlight.get(batch.key) === batch) this.inFlight.delete(batch.key);
      const n = (this.perPeerCount.get(peer) ?? 1) - 1;
      if (n > 0) this.perPeerCount.set(peer, n);
      else this.perPeerCount.delete(peer);
      this.schedule();
    }
  }

  private markFailed(key: string, peer: string): void {
    let s = this.failedBy.get(key);
    if (!s) this.failedBy.set(key, (s = new Set()));
    s.add(peer);
  }

  // ---- import ----

  /** Imports the downloaded prefix of the wanted blocks, in order, as runs from one sender each. */
  private async importReady(): Promise<void> {
    if (this.importing) return;
    this.importing = true;
    try {
      for (;;) {
        if (this.stopped) return;
        const want = this.wanted();
        const run: Downloaded[] = [];
        const keys: string[] = [];
        for (const h of want) {
          const k = bytesToHex(h);
          const d = this.downloaded.get(k);
          if (!d || (run.length > 0 && d.from !== run[0].from) || run.length >= 64) break;
          run.push(d);
          keys.push(k);
        }
        this.dropStale(want);
        if (run.length === 0) return;
        for (const k of keys) this.forget(k);
        const from = run[0].from;
        try {
          const results = await this.chain.importRun(
            run.map((d) => d.chunk.block),
            { from, justifications: run.map((d) => d.chunk.justification ?? undefined) },
          );
          this.importedSinceBehind += results.filter(isNew).length;
          this.emit('imported', { from, count: run.length, height: this.chain.tip.height });
        } catch (e) {
          if (!(e instanceof BlockError) && !(e instanceof CoinworksError)) throw e;
          this.net.penalize(from, banScoreOf(e), `block: ${e.code}`);
          this.log.warn({ peer: from, code: e.code, err: e.message }, 'synced block refused');
        }
        this.schedule();
      }
    } finally {
      this.importing = false;
    }
  }

  private forget(key: string): void {
    const d = this.downloaded.get(key);
    if (!d) return;
    this.downloaded.delete(key);
    this.bufferedBytes -= d.chunk.block.length;
  }

  /** Drops downloaded bodies no longer on the wanted path (the best branch changed, or they were imported by gossip). */
  private dropStale(want: readonly Uint8Array[]): void {
    if (this.downloaded.size === 0) return;
    const keep = new Set(want.map(bytesToHex));
    for (const k of [...this.downloaded.keys()]) if (!keep.has(k)) this.forget(k);
  }

  // ---- gossip orphans ----

  /**
   * A block from `peer` waits in the orphan pool for `missing`. Shallow gaps are closed by fetching
   * the missing ancestors by hash from the same peer; when the gap is deeper than `orphanDepth`,
   * or the peer cannot serve them, header sync with that peer takes over.
   */
  async onOrphan(peer: string, missing: Uint8Array): Promise<void> {
    const key = bytesToHex(missing);
    if (this.orphanFetches.has(key) || this.stopped) return;
    this.orphanFetches.add(key);
    try {
      let want: Uint8Array | undefined = missing;
      for (let depth = 0; want && depth < this.orphanDepth; depth++) {
        if (this.chain.index.get(want)) return;
        const chunks = await this.net.blocksByHash(peer, [want]).catch(() => [] as BlockChunk[]);
        if (chunks.length !== 1) break;
        const got = blockBytesHash(chunks[0].block);
        if (!got || bytesToHex(got) !== bytesToHex(want)) {
          this.net.penalize(peer, Offence.protocolViolation, 'blocks: a block that was not asked for');
          return;
        }
        let r: ImportResult;
        try {
          r = await this.chain.importBlock(chunks[0].block, { from: peer, justification: chunks[0].justification ?? undefined });
        } catch (e) {
          if (!(e instanceof CoinworksError)) throw e;
          this.net.penalize(peer, banScoreOf(e), `block: ${e.code}`);
          return;
        }
        want = r.status === 'orphan' ? r.missing : undefined;
        if (!want) return;
      }
      // Deep gap: let header sync find the way, from the peer's fresh status.
      this.headersDoneFor.delete(peer);
      await this.net.refreshStatus(peer).catch(() => undefined);
      this.schedule();
    } finally {
      this.orphanFetches.delete(key);
    }
  }
}

function isNew(r: ImportResult): boolean {
  return r.status === 'connected' || r.status === 'reorganized' || r.status === 'side-chain';
}

class ProtocolViolation extends Error {}
