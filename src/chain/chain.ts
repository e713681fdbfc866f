/**
 * The chain: one import path for every block, produced here or received from a peer, as a
 * pipeline of named steps (Lodestar's chain/blocks): sanity (size, decoding) -> context (parent,
 * engine time/header/seal rules, base fee) -> body (duplicates, merkle root) -> signatures (worker
 * threads) -> execution (engine state checks, state machine, roots) -> commit (one atomic batch,
 * written FIRST; only then is the block marked valid in memory). A block whose parent is unknown
 * waits in the orphan pool; a block off the tip is stored and, when its branch weighs more (and
 * forks above the engine's final height), the chain reorganises from undo records.
 */
import { EventEmitter } from 'node:events';
import { BlockError, StateError, StorageError } from '../errors.js';
import { bytesEqual, bytesToHex } from '../encoding/hex.js';
import type { NetworkParams } from '../params/networks.js';
import { decodePreparedBlock, encodeBlock, type Block, type PreparedBlock } from '../primitives/block.js';
import { headerHash } from '../primitives/header.js';
import type { PreparedTx } from '../primitives/tx.js';
import type { ConsensusEngine } from '../consensus/engine.js';
import type { BlockInfo } from '../state/module.js';
import { StateMachine, type BlockExecution } from '../state/state-machine.js';
import { genesisReceiptsRoot, receiptsRoot } from '../state/receipt.js';
import type { StateReader } from '../state/state-view.js';
import { SignatureCache } from '../state/tx-signature.js';
import { DiskWorldState, readPage, readState, type IterateOptions, type PageOptions, type ReadPage, type StatePage, type StateRecordProof } from '../state/disk-world.js';
import { executeOnDisk } from '../state/disk-execute.js';
import { buildDiskGenesis } from '../state/disk-genesis.js';
import type { PreparedCommit } from '../state/state-backend.js';
import { nextBaseFee } from '../state/modules/fees/base-fee.js';
import { encode } from '../encoding/codec.js';
import { KvBatch } from '../storage/kv.js';
import { Keys } from '../storage/layout.js';
import { ChainStore } from '../storage/chain-store.js';
import { KvStateBackend, putGenesisChunk, readGenesisProgress, wipeState } from '../storage/state-store.js';
import { BlockReceipts, type BlockEntry } from '../storage/records.js';
import { ChainIndex, makeEntry, type ChainEntry } from './chain-index.js';
import { genesisBlock, genesisDigest } from './genesis.js';
import { Mutex } from './mutex.js';
import { SignatureVerifier, type SignatureCheck } from './sig-verifier.js';
import { ExecutionMemos, memoKey } from './memo.js';
import { OrphanPool } from './orphans.js';
import { HeaderChain } from './header-chain.js';
import { blockLocator, findFork } from './locator.js';
import { sanityCheck } from './import/sanity.js';
import { checkContext } from './import/context.js';
import { checkBody } from './import/body.js';
import { startSignatureChecks } from './import/signatures.js';

/**
 * Schema version of the data directory. 4: the state on disk (records `s | key -> u32be(index) |
 * value`, leaf pages `L`, page roots `R`, free list `f`, tree metadata `S`, genesis chunks `G`/`g`;
 * storage/layout.ts); a directory of an older version is refused. Version 3 (firsthour: multisig `executed`
 * events record their failure data, `errorData`) is included: 4 has both changes.
 */
export const STORE_VERSION = 4;

/** Undo records kept for the most recent blocks by default: the deepest reorganisation a node follows. */
export const DEFAULT_UNDO_WINDOW = 1000;

/** What happened to an imported block. */
export type ImportResult =
  | { status: 'connected'; entry: ChainEntry }
  | { status: 'reorganized'; entry: ChainEntry; disconnected: number; connected: number }
  | { status: 'side-chain'; entry: ChainEntry }
  | { status: 'duplicate'; entry: ChainEntry }
  | { status: 'orphan'; hash: Uint8Array; missing: Uint8Array };

/**
 * State records a connect or disconnect wrote: key -> new value (null: the record was deleted).
 * Listeners that follow the head (the mempool) read what a block changed here, without a load.
 */
export type StateChanges = ReadonlyMap<string, Uint8Array | null>;

/** A block executed on the tip (assembly), not applied. */
export interface TipExecution {
  readonly parent: ChainEntry;
  /** Header time the block was executed for. */
  readonly headerTime: number;
  readonly info: BlockInfo;
  readonly exec: BlockExecution;
  readonly commit: PreparedCommit;
  readonly receiptsRoot: Uint8Array;
}

function commitChanges(c: PreparedCommit): StateChanges {
  const m = new Map<string, Uint8Array | null>();
  for (const { key, record } of c.records) m.set(key, record ? record.value : null);
  return m;
}

/** Options of one import. */
export interface ImportOptions {
  /** Proof of finality that came with the block (BFT: its commit certificate); stored and served to peers. */
  readonly justification?: Uint8Array;
  /** Who sent it (a peer id), kept with orphans so a later failure can be charged to the sender. */
  readonly from?: string;
  /** Flush the write to disk before resolving (default true; a sync run flushes only its last block). */
  readonly sync?: boolean;
}

/** Events a Chain emits. */
export interface ChainEvents {
  /** A block was connected to the main chain; `changes` are the state records it wrote (null: deleted). */
  connect: [entry: ChainEntry, block: PreparedBlock, receipts: BlockReceipts, changes: StateChanges];
  /** A block was disconnected from the main chain (reorg); `changes` are the records its undo wrote back. */
  disconnect: [entry: ChainEntry, block: PreparedBlock, changes: StateChanges];
  /** The tip changed. */
  tip: [entry: ChainEntry];
  /** A reorganisation finished; `dropped` are transactions no longer in the main chain. */
  reorg: [info: { from: ChainEntry; to: ChainEntry; ancestor: ChainEntry; dropped: PreparedTx[] }];
  /** An orphan waiting in the pool failed once its parent arrived (`from` is who sent it). */
  orphanRejected: [info: { hash: Uint8Array; from: string | undefined; error: BlockError }];
}

/** Options of a chain. */
export interface ChainOptions {
  readonly params: NetworkParams;
  readonly store: ChainStore;
  readonly engine: ConsensusEngine;
  readonly stateMachine: StateMachine;
  /** Local clock in seconds (passed in so tests are deterministic). */
  readonly now?: () => number;
  /** Shared signature cache (the mempool fills it). */
  readonly sigCache?: SignatureCache;
  /** Orphan pool (default limits when absent). */
  readonly orphans?: OrphanPool;
  /** Memory for the state's record and page caches, in bytes (default 256 MiB). */
  readonly stateCacheBytes?: number;
  /** Blocks whose undo records are kept (default `DEFAULT_UNDO_WINDOW`): the chain never forks deeper. */
  readonly undoWindow?: number;
  /**
   * Identity of the genesis (default `genesisDigest(params)`, a hash over every allocation). A
   * caller that knows it (the node, from its genesis file) may pass it with `params` whose
   * allocations are left out once the data directory holds its genesis: they are needed only to build it.
   */
  readonly genesisDigest?: Uint8Array;
}

const EMPTY = new Uint8Array(0);

/** The block chain with its head state. */
export class Chain extends EventEmitter<ChainEvents> {
  readonly params: NetworkParams;
  readonly store: ChainStore;
  readonly engine: ConsensusEngine;
  readonly sm: StateMachine;
  readonly index = new ChainIndex();
  readonly sigCache: SignatureCache;
  /** Blocks whose undo records are kept. */
  readonly undoWindow: number;
  private readonly stateCacheBytes: number | undefined;
  private readonly knownDigest: Uint8Array | undefined;
  private worldRef: DiskWorldState | undefined;
  readonly orphans: OrphanPool;
  /** Headers learned ahead of their blocks (headers-first sync). */
  readonly headers: HeaderChain;
  private readonly verifier = new SignatureVerifier();
  private readonly now: () => number;
  private readonly lock = new Mutex();
  private readonly memos = new ExecutionMemos();
  private genesisEntry!: ChainEntry;

  constructor(o: ChainOptions) {
    super();
    this.params = o.params;
    this.store = o.store;
    this.engine = o.engine;
    this.sm = o.stateMachine;
    this.now = o.now ?? (() => Math.floor(Date.now() / 1000));
    this.sigCache = o.sigCache ?? new SignatureCache();
    this.orphans = o.orphans ?? new OrphanPool();
    this.headers = new HeaderChain(this.index, this.engine, this.now);
    this.undoWindow = Math.max(1, o.undoWindow ?? DEFAULT_UNDO_WINDOW);
    this.stateCacheBytes = o.stateCacheBytes;
    this.knownDigest = o.genesisDigest;
  }

  /** The disk-backed head state (after `open`). Read it through `view`; direct reads need cached records. */
  get world(): DiskWorldState {
    if (!this.worldRef) throw new StorageError('STORAGE_CLOSED', 'the chain is not open');
    return this.worldRef;
  }

  /** The main-chain tip. */
  get tip(): ChainEntry {
    return this.index.tip;
  }

  /** The genesis entry. */
  get genesis(): ChainEntry {
    return this.genesisEntry;
  }

  /** Height at and below which no block is ever disconnected (the engine's finality). */
  get finalizedHeight(): number {
    return this.engine.finality === 'instant' ? this.tip.height : 0;
  }

  /**
   * Lowest height a new branch may fork from: the engine's final height, or the oldest block whose
   * undo record is still kept (`undoWindow` below the tip), whichever is higher.
   */
  forkFloor(): number {
    return Math.max(this.finalizedHeight, this.tip.height - this.undoWindow);
  }

  /**
   * Runs `fn` on the head state and returns its result. Every read of head state outside block
   * execution goes through here, so a disk-backed state can load records `fn` missed and run it again:
   * `fn` must be a pure function of the state it is given.
   */
  async view<T>(fn: (state: StateReader) => T): Promise<T> {
    return readState(this.world, fn);
  }

  /**
   * One page of the head-state records under a key prefix, in key order, after the cursor
   * `o.after` (the `next` of the previous page): list queries page with this instead of scanning.
   */
  iterate(prefix: string, o: IterateOptions = {}): Promise<StatePage> {
    return this.world.iterate(prefix, o);
  }

  /**
   * `iterate` then `fn` over the page and the head state it was read from, as one consistent read
   * (`o.skip` records skipped first; with `o.count`, `page.total` counts every record under the
   * prefix: a key-only scan). `fn` must be pure, as with `view`.
   */
  viewPage<T>(prefix: string, o: PageOptions, fn: (page: ReadPage, state: StateReader) => T): Promise<T> {
    return readPage(this.world, prefix, o, fn);
  }

  /**
   * Inclusion proof of a state key against the head state root (`proof` undefined when the key has
   * no record), with the head block that root belongs to; `state/proof.ts` verifies it offline.
   */
  async proof(key: string): Promise<{ proof: StateRecordProof | undefined; root: Uint8Array; tip: ChainEntry }> {
    const r = await this.world.proof(key, () => this.tip);
    return { proof: r.proof, root: r.root, tip: r.at };
  }

  /** The head state root (always in memory). */
  stateRoot(): Uint8Array {
    return this.world.root();
  }

  /** The execution time (`BlockInfo.time`) the next block on the tip will see: "now" as state rules read it. */
  nextExecutionTime(): number {
    const tip = this.tip;
    return this.engine.executionTime(tip, Math.max(this.now(), this.engine.minChildTime(tip)));
  }

  /** Local clock (seconds). */
  clock(): number {
    return this.now();
  }

  /**
   * Opens the chain: builds the genesis into an empty store (resuming one a crash interrupted), or
   * loads the block index, the head and the state tree (page roots, free list; no record) and
   * checks the rebuilt state root against the head block's.
   */
  async open(): Promise<void> {
    const digest = this.knownDigest ?? genesisDigest(this.params);
    const meta = await this.store.meta();
    if (!meta) {
      await this.writeGenesis(digest);
      return;
    }
    if (meta.network !== this.params.name || meta.chainId !== this.params.chainId || !bytesEqual(meta.genesisDigest, digest)) {
      throw new StorageError('STORAGE_WRONG_NETWORK', `data directory belongs to ${meta.network} (chain ${meta.chainId}) with another genesis; use a different --datadir`);
    }
    if (meta.version !== STORE_VERSION) {
      throw new StorageError('STORAGE_WRONG_VERSION', `data directory has store version ${meta.version}, this node writes version ${STORE_VERSION}; start over with a new --datadir`);
    }
    this.worldRef = await DiskWorldState.open(new KvStateBackend(this.store.kv), this.cacheOptions());
    await this.load(meta.genesisHash);
  }

  private cacheOptions(): { cacheBytes?: number } {
    return this.stateCacheBytes !== undefined ? { cacheBytes: this.stateCacheBytes } : {};
  }

  /**
   * Builds the genesis chunk by chunk (each chunk one synced batch with a progress marker), then
   * writes the genesis block, metadata and head in a last batch that removes the marker. A marker
   * left by a build for other parameters is wiped first.
   */
  private async writeGenesis(digest: Uint8Array): Promise<void> {
    const kv = this.store.kv;
    let progress = await readGenesisProgress(kv);
    if (progress && !bytesEqual(progress.digest, digest)) {
      await wipeState(kv);
      progress = undefined;
    }
    const world = await DiskWorldState.open(new KvStateBackend(kv), this.cacheOptions());
    const g = await buildDiskGenesis(this.sm, world, progress ?? { chunksDone: 0, chunkHashes: [] }, async (w) => {
      const b = new KvBatch();
      putGenesisChunk(b, digest, w);
      await kv.write(b, { sync: true });
    });
    const block = genesisBlock(this.params, this.engine, g.root, genesisReceiptsRoot(g.chunkHashes));
    const hash = headerHash(block.header);
    const entry = makeEntry(hash, block.header, null, this.engine.blockWeight(block.header), {
      status: 'valid',
      gasUsed: 0n,
      baseFeePerGas: block.coinbase.baseFeePerGas,
      txCount: 0,
    });
    const events = (await this.store.genesisEvents(0)) ?? [];
    const batch = new KvBatch();
    this.store.putMeta(batch, { version: STORE_VERSION, network: this.params.name, chainId: this.params.chainId, genesisHash: hash, genesisDigest: digest });
    this.store.putBlock(batch, hash, encodeBlock(block), entryRecord(entry));
    batch.put(Keys.height(0), hash);
    batch.put(Keys.receipts(hash), encode(BlockReceipts, { receipts: [], blockEvents: events }));
    batch.put(Keys.head(), hash);
    batch.del(Keys.genesisEvents(0));
    batch.del(Keys.genesisProgress());
    await this.store.write(batch);
    this.worldRef = world;
    this.index.add(entry);
    this.index.pushTip(entry);
    this.genesisEntry = entry;
  }

  private async load(genesisHash: Uint8Array): Promise<void> {
    const records: Array<[Uint8Array, BlockEntry]> = [];
    for await (const r of this.store.entries()) records.push(r);
    records.sort((a, b) => (a[1].height < b[1].height ? -1 : a[1].height > b[1].height ? 1 : 0));
    for (const [hash, r] of records) {
      const parent = r.height === 0n ? null : this.index.get(r.header.prevHash);
      if (r.height !== 0n && !parent) throw new StorageError('STORAGE_CORRUPT', `block ${bytesToHex(hash)} has no parent in the index`);
      const e = makeEntry(hash, r.header, parent ?? null, this.engine.blockWeight(r.header), {
        status: r.status,
        gasUsed: r.gasUsed,
        baseFeePerGas: r.baseFeePerGas,
        txCount: r.txCount,
      });
      this.index.add(e);
    }
    const g = this.index.get(genesisHash);
    const headHash = await this.store.headHash();
    const head = headHash && this.index.get(headHash);
    if (!g || !head) throw new StorageError('STORAGE_CORRUPT', 'store has metadata but no genesis or head');
    this.genesisEntry = g;
    this.index.setMainChain(head);
    // The state tree was rebuilt from its page roots: its root must be the head block's.
    const headBlock = await this.getBlock(head.hash);
    if (!headBlock || !bytesEqual(headBlock.block.coinbase.stateRoot, this.world.root())) {
      throw new StorageError('STORAGE_CORRUPT', 'state in the store does not match the head block state root');
    }
    // A crash in the middle of a reorganisation can leave a heavier branch stored but not active.
    await this.lock.run(() => this.activateBestChain());
  }

  /**
   * Block info for executing a child of `parent` with header time `headerTime`: the time modules
   * see is the engine's execution time, never a field a miner may roll. `state` is the parent's
   * state (the engine may read its reward there): a reader inside `view` or block execution.
   */
  blockInfo(parent: ChainEntry, headerTime: number, beneficiary: Uint8Array, consensusData: Uint8Array, state: StateReader): BlockInfo {
    const height = BigInt(parent.height + 1);
    const reward = this.engine.blockReward(height, state);
    return {
      height,
      parentHash: parent.hash,
      time: this.engine.executionTime(parent, headerTime),
      chainId: this.params.chainId,
      beneficiary,
      baseFeePerGas: this.nextBaseFee(parent),
      reward: reward.amount,
      rewardCause: reward.cause,
      consensusData,
      consensus: this.engine.consensusFacts(consensusData, state),
      params: this.params,
    };
  }

  /** Base fee per gas of a child of `parent` (EIP-1559 from the parent's gas used; reads no state). */
  nextBaseFee(parent: ChainEntry): bigint {
    return nextBaseFee(this.params, parent.baseFeePerGas, parent.gasUsed);
  }

  /**
   * Imports a block (decoded, prepared or as bytes). Throws BlockError with the rule that failed; a
   * block found invalid is remembered so it is never executed again. A block whose parent is
   * unknown is kept in the orphan pool (`status: 'orphan'`, `missing`: the ancestor to fetch).
   */
  importBlock(input: Block | PreparedBlock | Uint8Array, opts: ImportOptions = {}): Promise<ImportResult> {
    return this.lock.run(() => this.importWithOrphans(sanityCheck(input, this.params), opts));
  }

  /**
   * Imports a run of blocks (sync): each through the same pipeline, flushing to disk once, after
   * the last (every batch is still atomic, so a crash leaves the store at a block boundary).
   * Stops at the first failure and throws it; the blocks before it stay imported.
   */
  async importRun(blocks: ReadonlyArray<Block | PreparedBlock | Uint8Array>, opts: Omit<ImportOptions, 'sync' | 'justification'> & { justifications?: ReadonlyArray<Uint8Array | undefined> } = {}): Promise<ImportResult[]> {
    const out: ImportResult[] = [];
    for (let i = 0; i < blocks.length; i++) {
      const last = i === blocks.length - 1;
      out.push(await this.importBlock(blocks[i], { from: opts.from, justification: opts.justifications?.[i], sync: last }));
    }
    return out;
  }

  private async importWithOrphans(pb: PreparedBlock, opts: ImportOptions): Promise<ImportResult> {
    const result = await this.importOne(pb, opts);
    if (result.status !== 'orphan') await this.adoptOrphans(pb.hash);
    return result;
  }

  /** Imports the orphans waiting on `parentHash`, then theirs, breadth first. */
  private async adoptOrphans(parentHash: Uint8Array): Promise<void> {
    const queue = [parentHash];
    while (queue.length > 0) {
      for (const o of this.orphans.takeChildren(queue.shift()!)) {
        try {
          await this.importOne(o.pb, { justification: o.justification, from: o.from });
          queue.push(o.pb.hash);
        } catch (e) {
          if (!(e instanceof BlockError)) throw e;
          this.emit('orphanRejected', { hash: o.pb.hash, from: o.from, error: e });
        }
      }
    }
  }

  private async importOne(pb: PreparedBlock, opts: ImportOptions): Promise<ImportResult> {
    const known = this.index.get(pb.hash);
    if (known) {
      if (known.status === 'invalid') throw new BlockError('BLOCK_KNOWN_INVALID', 'block was already found invalid');
      return { status: 'duplicate', entry: known };
    }
    const parent = this.index.get(pb.block.header.prevHash);
    if (!parent) {
      this.orphans.add(pb, opts.justification, opts.from);
      return { status: 'orphan', hash: pb.hash, missing: this.orphans.missingAncestor(pb.hash) ?? pb.block.header.prevHash };
    }
    if (this.index.hasInvalidAncestry(parent)) throw new BlockError('BLOCK_KNOWN_INVALID', 'block descends from an invalid block');
    const final = this.index.atHeight(this.finalizedHeight)!;
    if (parent.height < final.height || !this.index.descendsFrom(parent, final)) {
      throw new BlockError('BLOCK_CONFLICTS_FINAL', `block forks below the final block at height ${final.height}`, { finalHeight: final.height });
    }
    // A branch forking deeper than the undo window could never be switched to: refused, not stored.
    const floor = this.index.atHeight(this.forkFloor())!;
    if (!this.index.descendsFrom(parent, floor)) {
      throw new BlockError('BLOCK_REORG_TOO_DEEP', `block forks more than ${this.undoWindow} blocks (the undo window) below the tip`, { undoWindow: this.undoWindow, tipHeight: this.tip.height });
    }
    checkContext({ block: pb, parent, engine: this.engine, params: this.params, now: this.now() });
    checkBody(pb);
    const entry = makeEntry(pb.hash, pb.block.header, parent, this.engine.blockWeight(pb.block.header), {
      status: 'stored',
      gasUsed: pb.block.coinbase.gasUsed,
      baseFeePerGas: pb.block.coinbase.baseFeePerGas,
      txCount: pb.txs.length,
    });
    if (parent === this.tip) {
      try {
        await this.connect(entry, pb, true, startSignatureChecks(pb, this.verifier, this.sigCache), opts);
      } catch (e) {
        if (e instanceof BlockError && taintsBlock(e)) await this.markInvalid(entry, pb);
        throw e;
      }
      this.emit('tip', entry);
      return { status: 'connected', entry };
    }
    // A side branch: check its signatures, store it (written first, then indexed), then follow the most weight.
    await startSignatureChecks(pb, this.verifier, this.sigCache).finish();
    const batch = new KvBatch();
    this.store.putBlock(batch, pb.hash, pb.bytes, entryRecord(entry));
    if (opts.justification) this.store.putJustification(batch, pb.hash, opts.justification);
    await this.store.write(batch, opts.sync ?? true);
    this.index.add(entry);
    if (entry.chainWork <= this.tip.chainWork) return { status: 'side-chain', entry };
    const before = this.tip;
    const r = await this.activateBestChain();
    // The block, or a block it builds on, failed while switching to its branch: refuse it with the rule.
    const failure = r.failures.get(entry.key);
    if (failure) throw failure;
    if (this.index.hasInvalidAncestry(entry)) throw new BlockError('BLOCK_KNOWN_INVALID', 'block descends from an invalid block');
    if (this.tip === before) return { status: 'side-chain', entry };
    return { status: 'reorganized', entry, disconnected: r.disconnected, connected: r.connected };
  }

  /** Records a block as invalid: written first, then remembered in the index. */
  private async markInvalid(entry: ChainEntry, pb: PreparedBlock): Promise<void> {
    const invalid = { ...entry, status: 'invalid' as const };
    const batch = new KvBatch();
    this.store.putBlock(batch, entry.hash, pb.bytes, entryRecord(invalid));
    await this.store.write(batch);
    entry.status = 'invalid';
    this.index.add(entry);
  }

  /**
   * Executes a block of `txs` on the tip without applying it (block assembly: transactions that
   * cannot be included are left out), and remembers it (several slots) so the block, once sealed,
   * is connected without executing it twice. Runs under the import lock, so the head cannot move
   * while the block's records are being loaded.
   */
  executeOnTip(o: { headerTime: number | ((tip: ChainEntry) => number); beneficiary: Uint8Array; consensusData?: Uint8Array; txs: readonly PreparedTx[] }): Promise<TipExecution> {
    return this.lock.run(() => {
      const tip = this.tip;
      return this.execute(tip, typeof o.headerTime === 'number' ? o.headerTime : o.headerTime(tip), o.beneficiary, o.consensusData ?? EMPTY, o.txs, true);
    });
  }

  /** Executes on the head state (which must be `parent`'s); under the lock. */
  private async execute(parent: ChainEntry, headerTime: number, beneficiary: Uint8Array, consensusData: Uint8Array, txs: readonly PreparedTx[], assemble: boolean): Promise<TipExecution> {
    if (parent !== this.tip) throw new StateError('STATE_STALE', 'execution on a block that is not the tip');
    const info = await readState(this.world, (s) => this.blockInfo(parent, headerTime, beneficiary, consensusData, s));
    const { exec, commit } = await executeOnDisk(this.sm, this.world, info, txs, { assemble });
    const root = receiptsRoot(exec.receipts, exec.blockEvents);
    if (assemble) {
      const key = memoKey(parent.key, info.time, info.beneficiary, info.consensusData, exec.included);
      this.memos.put(key, { exec, commit, receiptsRoot: root, worldVersion: commit.baseVersion, info, headerTime });
    }
    return { parent, headerTime, info, exec, commit, receiptsRoot: root };
  }

  /**
   * Executes `pb` on the head state (or takes the remembered execution of the same inputs) and
   * checks what its coinbase commits to: signatures, gas used, receipts root, state root. Returns
   * the execution and its memo key.
   */
  private async executeChecked(pb: PreparedBlock, parent: ChainEntry, sigs: SignatureCheck): Promise<{ key: string; info: BlockInfo; headerTime: number; exec: BlockExecution; commit: PreparedCommit; receiptsRoot: Uint8Array }> {
    const { coinbase, header } = pb.block;
    const time = this.engine.executionTime(parent, header.time);
    const key = memoKey(parent.key, time, coinbase.beneficiary, coinbase.consensus, pb.txs);
    const memo = this.memos.take(key, this.world.version);
    const r = memo ?? (await this.execute(parent, header.time, coinbase.beneficiary, coinbase.consensus, pb.txs, false));
    const { exec, commit, receiptsRoot: rRoot } = r;
    // Signature failures take precedence: they name the offending transaction.
    await sigs.finish();
    if (exec.totals.gasUsed !== coinbase.gasUsed) throw new BlockError('BLOCK_BAD_GAS_USED', `coinbase states ${coinbase.gasUsed} gas, transactions used ${exec.totals.gasUsed}`);
    if (!bytesEqual(rRoot, coinbase.receiptsRoot)) throw new BlockError('BLOCK_BAD_RECEIPTS_ROOT', 'receipts root does not match execution');
    if (!bytesEqual(commit.root, coinbase.stateRoot)) throw new BlockError('BLOCK_BAD_STATE_ROOT', 'state root does not match execution');
    return { key, info: r.info, headerTime: r.headerTime, exec, commit, receiptsRoot: rRoot };
  }

  /**
   * Judges a block offered for a vote (a BFT proposal) by every rule of the import path, on the
   * head state, without storing or connecting it: it must build on the tip; then context (time,
   * header, seal), body, signatures, the engine's state checks in `proposal` mode (no commit
   * certificate exists yet) and full execution with its roots. Throws the BlockError of the first
   * rule broken. The execution stays in a memo slot, so once the block is decided its import does
   * not execute it again. Nothing is written, and a refused proposal is not remembered as invalid
   * (the engine keeps its own verdict per height).
   */
  validateProposal(input: Block | PreparedBlock | Uint8Array): Promise<PreparedBlock> {
    return this.lock.run(async () => {
      const pb = sanityCheck(input, this.params);
      const known = this.index.get(pb.hash);
      if (known?.status === 'invalid') throw new BlockError('BLOCK_KNOWN_INVALID', 'block was already found invalid');
      const parent = this.index.get(pb.block.header.prevHash);
      if (!parent || parent !== this.tip) throw new BlockError('BLOCK_PARENT_UNKNOWN', 'a proposal must build on the tip', { tip: this.tip.height });
      const now = this.now();
      checkContext({ block: pb, parent, engine: this.engine, params: this.params, now });
      checkBody(pb);
      const sigs = startSignatureChecks(pb, this.verifier, this.sigCache);
      // The engine reads the parent state synchronously: through a loading reader (re-run on misses).
      if (this.engine.validateWithState) await readState(this.world, (s) => this.engine.validateWithState!(pb, parent, s, undefined, { mode: 'proposal', now }));
      const r = await this.executeChecked(pb, parent, sigs);
      this.memos.put(r.key, { info: r.info, headerTime: r.headerTime, exec: r.exec, commit: r.commit, receiptsRoot: r.receiptsRoot, worldVersion: this.world.version });
      return pb;
    });
  }

  /** Executes `pb` on the head state, checks every root it commits to, and connects it: the batch is written first, memory follows. */
  private async connect(entry: ChainEntry, pb: PreparedBlock, isNew: boolean, sigs: SignatureCheck, opts: ImportOptions): Promise<void> {
    const parent = entry.parent!;
    // The engine reads the parent state synchronously: through a loading reader (re-run on misses).
    if (this.engine.validateWithState) await readState(this.world, (s) => this.engine.validateWithState!(pb, parent, s, opts.justification, { mode: 'import' }));
    const { exec, commit } = await this.executeChecked(pb, parent, sigs);
    const receipts: BlockReceipts = { receipts: exec.receipts, blockEvents: exec.blockEvents };
    const batch = new KvBatch();
    const record = entryRecord({ ...entry, status: 'valid' });
    if (isNew) this.store.putBlock(batch, pb.hash, pb.bytes, record);
    else this.store.putEntry(batch, pb.hash, record);
    if (opts.justification) this.store.putJustification(batch, pb.hash, opts.justification);
    // Undo records are kept for the last `undoWindow` blocks: the one falling out goes in this batch.
    const pruneUndo = entry.height > this.undoWindow ? this.index.atHeight(entry.height - this.undoWindow)?.hash : undefined;
    this.store.connect(batch, { hash: pb.hash, height: entry.height, txIds: pb.txs.map((t) => t.id), receipts, commit, ...(pruneUndo ? { pruneUndo } : {}) });
    // Written first: only then does memory change. The new state and the new tip appear in one
    // synchronous step (a view never pairs the new state with the old tip).
    await this.world.commit(
      commit,
      () => this.store.write(batch, opts.sync ?? true),
      () => {
        entry.status = 'valid';
        this.index.add(entry);
        this.index.pushTip(entry);
      },
    );
    this.memos.prune(this.world.version);
    this.emit('connect', entry, pb, receipts, commitChanges(commit));
  }

  /** Disconnects the tip, rolling its state back; returns the block. */
  private async disconnectTip(): Promise<PreparedBlock> {
    const entry = this.tip;
    if (!entry.parent) throw new Error('cannot disconnect genesis');
    const [pb, undo] = await Promise.all([this.getBlock(entry.hash), this.store.undo(entry.hash)]);
    if (!pb || !undo) throw new StorageError('STORAGE_CORRUPT', `missing block or undo data for ${entry.key}`);
    const commit = await this.world.prepareUndo(undo);
    const batch = new KvBatch();
    this.store.disconnect(batch, { hash: entry.hash, parentHash: entry.parent.hash, height: entry.height, txIds: pb.txs.map((t) => t.id), commit });
    await this.world.commit(
      commit,
      () => this.store.write(batch),
      () => this.index.popTip(),
    );
    this.memos.prune(this.world.version);
    this.emit('disconnect', entry, pb, commitChanges(commit));
    return pb;
  }

  /**
   * Moves the main chain to the valid branch of most weight (never forking below the final
   * height): disconnect to the common ancestor, connect the branch; a block that fails is marked
   * invalid and fork choice runs again.
   */
  private async activateBestChain(): Promise<{ disconnected: number; connected: number; failures: Map<string, BlockError> }> {
    let disconnected = 0;
    let connected = 0;
    const failures = new Map<string, BlockError>();
    const from = this.tip;
    const dropped = new Map<string, PreparedTx>();
    for (;;) {
      // Never fork below finality, nor deeper than the undo records kept (the undo window).
      const best = this.index.best(this.forkFloor());
      if (best === this.tip) break;
      const ancestor = this.index.commonAncestor(this.tip, best);
      while (this.tip !== ancestor) {
        const pb = await this.disconnectTip();
        for (const t of pb.txs) dropped.set(t.key, t);
        disconnected++;
      }
      const path: ChainEntry[] = [];
      for (let e: ChainEntry | null = best; e && e !== ancestor; e = e.parent) path.push(e);
      path.reverse();
      let failed = false;
      let untainted = false;
      for (const e of path) {
        const pb = await this.getBlock(e.hash);
        if (!pb) throw new StorageError('STORAGE_CORRUPT', `missing block ${e.key}`);
        try {
          await this.connect(e, pb, false, startSignatureChecks(pb, this.verifier, this.sigCache), { justification: await this.store.justification(e.hash) });
        } catch (err) {
          if (!(err instanceof BlockError)) throw err;
          if (taintsBlock(err)) await this.markInvalid(e, pb);
          // A block refused for what travels beside it stays valid: stop here rather than retry it for ever.
          else untainted = true;
          failures.set(e.key, err);
          failed = true;
          break;
        }
        for (const t of pb.txs) dropped.delete(t.key);
        connected++;
      }
      if (!failed || untainted) break;
    }
    if (this.tip !== from) {
      this.emit('tip', this.tip);
      if (disconnected > 0) {
        this.emit('reorg', { from, to: this.tip, ancestor: this.index.commonAncestor(from, this.tip), dropped: [...dropped.values()] });
      }
    }
    return { disconnected, connected, failures };
  }

  /** A locator of the main chain (tip, 10 below it, then doubling steps back to genesis). */
  locator(): Uint8Array[] {
    return blockLocator(this.index);
  }

  /** The last main-chain block a peer's locator shares with this chain. */
  findFork(locator: readonly Uint8Array[]): ChainEntry {
    return findFork(this.index, locator);
  }

  /** A stored block by hash. */
  async getBlock(hash: Uint8Array): Promise<PreparedBlock | undefined> {
    const bytes = await this.store.blockBytes(hash);
    return bytes && decodePreparedBlock(bytes);
  }

  /** The justification stored with a block (BFT: its commit certificate), if any. */
  getJustification(hash: Uint8Array): Promise<Uint8Array | undefined> {
    return this.store.justification(hash);
  }

  /** Closes the store after any import in progress finishes. */
  async close(): Promise<void> {
    await this.lock.run(() => this.store.kv.close());
    await this.verifier.close();
  }
}

/**
 * Whether a failure makes the block itself invalid for good. A bad or missing justification does
 * not: it travels beside the block, uncommitted by its hash, so the same block may still come
 * with a good one (otherwise anyone could get a real block refused by sending it with garbage).
 */
function taintsBlock(e: BlockError): boolean {
  return e.code !== 'BLOCK_BAD_JUSTIFICATION';
}

/** The stored form of an index entry. */
function entryRecord(e: ChainEntry): BlockEntry {
  return { header: e.header, height: BigInt(e.height), chainWork: e.chainWork, status: e.status, gasUsed: e.gasUsed, baseFeePerGas: e.baseFeePerGas, txCount: e.txCount };
}
