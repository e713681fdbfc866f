/**
 * The chain: one import path for every block, mined here or received from elsewhere. A block is
 * checked against its parent (validate-block.ts); if it extends the tip it is executed and
 * connected at once; otherwise it is stored, and if its branch has more cumulative work the chain
 * reorganises: blocks are disconnected back to the common ancestor (state rolled back from undo
 * records) and the heavier branch is connected. Each connect or disconnect is one atomic batch.
 */
import { EventEmitter } from 'node:events';
import { BlockError, StorageError, TxError, errorCode } from '../errors.js';
import { bytesEqual, bytesToHex } from '../encoding/hex.js';
import type { NetworkParams } from '../params/networks.js';
import { decodePreparedBlock, encodeBlock, prepareBlock, type Block, type PreparedBlock } from '../primitives/block.js';
import { headerHash } from '../primitives/header.js';
import type { PreparedTx } from '../primitives/tx.js';
import type { ConsensusEngine } from '../consensus/engine.js';
import type { BlockInfo } from '../state/module.js';
import { StateMachine, type BlockExecution } from '../state/state-machine.js';
import { receiptsRoot } from '../state/receipt.js';
import type { StateReader } from '../state/state-view.js';
import { SignatureCache } from '../state/tx-signature.js';
import { WorldState, type PreparedCommit, type UndoRecord } from '../state/world-state.js';
import { nextBaseFee } from '../state/modules/fees/base-fee.js';
import { KvBatch } from '../storage/kv.js';
import { ChainStore } from '../storage/chain-store.js';
import type { BlockEntry, BlockReceipts } from '../storage/records.js';
import { ChainIndex, makeEntry, type ChainEntry } from './chain-index.js';
import { buildGenesis } from './genesis.js';
import { validateBlockContext } from './validate-block.js';
import { Mutex } from './mutex.js';
import { SignatureVerifier, type SignatureCheck } from './sig-verifier.js';

/** Schema version of the data directory. */
export const STORE_VERSION = 1;

/** What happened to an imported block. */
export type ImportResult =
  | { status: 'connected'; entry: ChainEntry }
  | { status: 'reorganized'; entry: ChainEntry; disconnected: number; connected: number }
  | { status: 'side-chain'; entry: ChainEntry }
  | { status: 'duplicate'; entry: ChainEntry };

/** Events a Chain emits. */
export interface ChainEvents {
  /** A block was connected to the main chain. */
  connect: [entry: ChainEntry, block: PreparedBlock, receipts: BlockReceipts];
  /** A block was disconnected from the main chain (reorg). */
  disconnect: [entry: ChainEntry, block: PreparedBlock];
  /** The tip changed. */
  tip: [entry: ChainEntry];
  /** A reorganisation finished; `dropped` are transactions no longer in the main chain. */
  reorg: [info: { from: ChainEntry; to: ChainEntry; ancestor: ChainEntry; dropped: PreparedTx[] }];
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
}

interface ExecutionMemo {
  readonly key: string;
  readonly exec: BlockExecution;
  readonly commit: PreparedCommit;
  readonly receiptsRoot: Uint8Array;
  readonly worldVersion: number;
}

/** The block chain with its head state. */
export class Chain extends EventEmitter<ChainEvents> {
  readonly params: NetworkParams;
  readonly store: ChainStore;
  readonly engine: ConsensusEngine;
  readonly sm: StateMachine;
  readonly index = new ChainIndex();
  readonly world = new WorldState();
  readonly sigCache: SignatureCache;
  private readonly verifier = new SignatureVerifier();
  private readonly now: () => number;
  private readonly lock = new Mutex();
  private genesisEntry!: ChainEntry;
  /** Bumped on every state change, so memoised executions are only reused on the state they saw. */
  private worldVersion = 0;
  private memo: ExecutionMemo | undefined;

  constructor(o: ChainOptions) {
    super();
    this.params = o.params;
    this.store = o.store;
    this.engine = o.engine;
    this.sm = o.stateMachine;
    this.now = o.now ?? (() => Math.floor(Date.now() / 1000));
    this.sigCache = o.sigCache ?? new SignatureCache();
  }

  /** The main-chain tip. */
  get tip(): ChainEntry {
    return this.index.tip;
  }

  /** The genesis entry. */
  get genesis(): ChainEntry {
    return this.genesisEntry;
  }

  /**
   * Runs `fn` on the head state and returns its result. Every read of head state outside block
   * execution goes through here, so a disk-backed state can load records `fn` missed and run it again:
   * `fn` must be a pure function of the state it is given.
   */
  async view<T>(fn: (state: StateReader) => T): Promise<T> {
    return fn(this.world);
  }

  /** Local clock (seconds). */
  clock(): number {
    return this.now();
  }

  /** Opens the chain: writes genesis into an empty store, or loads the index and state and checks them. */
  async open(): Promise<void> {
    const genesis = buildGenesis(this.params, this.sm, new WorldState());
    const genesisHash = headerHash(genesis.block.header);
    const meta = await this.store.meta();
    if (!meta) {
      await this.writeGenesis(genesis.block, genesisHash, genesis.commit, genesis.events);
      return;
    }
    if (meta.network !== this.params.name || meta.chainId !== this.params.chainId || !bytesEqual(meta.genesisHash, genesisHash)) {
      throw new StorageError('STORAGE_WRONG_NETWORK', `data directory belongs to ${meta.network} (chain ${meta.chainId}) with another genesis; use a different --datadir`);
    }
    await this.load(genesisHash);
  }

  private async writeGenesis(block: Block, hash: Uint8Array, commit: PreparedCommit, events: BlockReceipts['blockEvents']): Promise<void> {
    const entry = makeEntry(hash, block.header, null, this.engine.blockWeight(block.header), {
      status: 'valid',
      gasUsed: 0n,
      baseFeePerGas: block.coinbase.baseFeePerGas,
      txCount: 0,
    });
    const batch = new KvBatch();
    this.store.putMeta(batch, { version: STORE_VERSION, network: this.params.name, chainId: this.params.chainId, genesisHash: hash });
    this.store.putBlock(batch, hash, encodeBlock(block), this.entryRecord(entry));
    const undo = this.undoOf(commit);
    this.store.connect(batch, { hash, height: 0, txIds: [], receipts: { receipts: [], blockEvents: events }, undo, changes: commit.changes });
    await this.store.write(batch);
    this.world.apply(commit);
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
    const state: Array<[string, { index: number; value: Uint8Array | null }]> = [];
    for await (const r of this.store.stateRecords()) state.push(r);
    this.world.load(state);
    const headBlock = await this.getBlock(head.hash);
    if (!headBlock || !bytesEqual(headBlock.block.coinbase.stateRoot, this.world.root())) {
      throw new StorageError('STORAGE_CORRUPT', 'state in the store does not match the head block state root');
    }
    // A crash in the middle of a reorganisation can leave a heavier branch stored but not active.
    await this.lock.run(() => this.activateBestChain());
  }

  private entryRecord(e: ChainEntry): BlockEntry {
    return { header: e.header, height: BigInt(e.height), chainWork: e.chainWork, status: e.status, gasUsed: e.gasUsed, baseFeePerGas: e.baseFeePerGas, txCount: e.txCount };
  }

  private undoOf(commit: PreparedCommit): UndoRecord {
    return { prevNextIndex: this.world.size, entries: commit.changes.map((c) => ({ key: c.key, prev: c.prev })) };
  }

  /** Block info for executing a child of `parent`. */
  blockInfo(parent: ChainEntry, time: number, beneficiary: Uint8Array): BlockInfo {
    const height = BigInt(parent.height + 1);
    const reward = this.engine.blockReward(height);
    return {
      height,
      parentHash: parent.hash,
      time,
      chainId: this.params.chainId,
      beneficiary,
      baseFeePerGas: nextBaseFee(this.params, parent.baseFeePerGas, parent.gasUsed),
      reward: reward.amount,
      rewardCause: reward.cause,
      params: this.params,
    };
  }

  /**
   * Imports a block (decoded or as bytes). Throws BlockError with the rule that failed; a block
   * found invalid is remembered so it is never executed again.
   */
  importBlock(input: Block | Uint8Array): Promise<ImportResult> {
    return this.lock.run(() => this.importLocked(input));
  }

  private async importLocked(input: Block | Uint8Array): Promise<ImportResult> {
    let pb: PreparedBlock;
    try {
      pb = input instanceof Uint8Array ? decodePreparedBlock(input, this.params.maxBlockBytes * 2) : prepareBlock(input);
    } catch (e) {
      // Oversize only when the whole input is over the limit; an inner field over its own maximum
      // (a transaction's params, say) is a malformed block.
      if (input instanceof Uint8Array && input.length > this.params.maxBlockBytes * 2) throw new BlockError('BLOCK_OVERSIZE', (e as Error).message);
      throw new BlockError('BLOCK_MALFORMED', `block does not decode: ${(e as Error).message}`, { decodeCode: errorCode(e) });
    }
    const known = this.index.get(pb.hash);
    if (known) {
      if (known.status === 'invalid') throw new BlockError('BLOCK_KNOWN_INVALID', 'block was already found invalid');
      return { status: 'duplicate', entry: known };
    }
    const parent = this.index.get(pb.block.header.prevHash);
    if (!parent) throw new BlockError('BLOCK_PARENT_UNKNOWN', 'parent block is unknown', { parent: bytesToHex(pb.block.header.prevHash) });
    if (this.index.hasInvalidAncestry(parent)) throw new BlockError('BLOCK_KNOWN_INVALID', 'block descends from an invalid block');
    validateBlockContext({ block: pb, parent, index: this.index, engine: this.engine, params: this.params, now: this.now() });
    const entry = makeEntry(pb.hash, pb.block.header, parent, this.engine.blockWeight(pb.block.header), {
      status: 'stored',
      gasUsed: pb.block.coinbase.gasUsed,
      baseFeePerGas: pb.block.coinbase.baseFeePerGas,
      txCount: pb.txs.length,
    });
    if (parent === this.tip) {
      // Signatures are verified on worker threads while this thread executes the block.
      const sigs = this.startSignatureChecks(pb);
      this.index.add(entry);
      try {
        await this.connect(entry, pb, true, sigs);
      } catch (e) {
        if (e instanceof BlockError) await this.markInvalid(entry, pb);
        throw e;
      }
      this.emit('tip', entry);
      return { status: 'connected', entry };
    }
    // A side branch: check its signatures, store it, then follow the most work.
    await this.startSignatureChecks(pb).finish();
    const batch = new KvBatch();
    this.store.putBlock(batch, pb.hash, pb.bytes, this.entryRecord(entry));
    await this.store.write(batch);
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

  /**
   * Starts verifying every signature not already in the cache (checked at mempool admission);
   * the promise rejects with BLOCK_INVALID_TX naming the transaction's rule.
   */
  private startSignatureChecks(pb: PreparedBlock): SignatureCheck {
    const toBlockError = (e: unknown): never => {
      if (e instanceof TxError) {
        const index = pb.txs.findIndex((t) => t.key === e.data.txId);
        throw new BlockError('BLOCK_INVALID_TX', `transaction ${index}: ${e.message}`, { index, txCode: e.code });
      }
      throw e;
    };
    const unchecked = pb.txs.filter((t) => !this.sigCache.has(t.key));
    try {
      const check = this.verifier.start(unchecked);
      return { finish: () => check.finish().catch(toBlockError) };
    } catch (e) {
      return { finish: () => Promise.reject(e).catch(toBlockError) };
    }
  }

  private async markInvalid(entry: ChainEntry, pb: PreparedBlock): Promise<void> {
    entry.status = 'invalid';
    this.index.add(entry);
    const batch = new KvBatch();
    this.store.putBlock(batch, entry.hash, pb.bytes, this.entryRecord(entry));
    await this.store.write(batch);
  }

  /** Key of the inputs that fully determine a block's execution on the current head state. */
  private memoKey(parentKey: string, time: number, beneficiary: Uint8Array, txs: readonly PreparedTx[]): string {
    return `${parentKey}|${time}|${bytesToHex(beneficiary)}|${txs.map((t) => t.key).join(',')}`;
  }


  /**
   * Executes a block on the head state without applying it: used by block assembly, and
   * remembered so the block, once mined, is connected without executing it twice.
   */
  executeOnTip(info: BlockInfo, txs: readonly PreparedTx[], assemble: boolean): { exec: BlockExecution; commit: PreparedCommit; receiptsRoot: Uint8Array } {
    const exec = this.sm.executeBlock(this.world, info, txs, { assemble });
    const commit = this.world.prepare(exec.overlay.changes());
    const root = receiptsRoot(exec.receipts, exec.blockEvents);
    if (assemble) {
      const key = this.memoKey(this.tip.key, info.time, info.beneficiary, exec.included);
      this.memo = { key, exec, commit, receiptsRoot: root, worldVersion: this.worldVersion };
    }
    return { exec, commit, receiptsRoot: root };
  }

  /** Executes `pb` on the head state, checks every root it commits to, and connects it atomically. */
  private async connect(entry: ChainEntry, pb: PreparedBlock, isNew: boolean, sigs: SignatureCheck): Promise<void> {
    const { coinbase, header } = pb.block;
    const parent = entry.parent!;
    const info = this.blockInfo(parent, header.time, coinbase.beneficiary);
    const key = this.memoKey(parent.key, header.time, coinbase.beneficiary, pb.txs);
    const memo = this.memo && this.memo.key === key && this.memo.worldVersion === this.worldVersion ? this.memo : undefined;
    this.memo = undefined;
    const { exec, commit, receiptsRoot: rRoot } = memo ?? this.executeOnTip(info, pb.txs, false);
    // Signature failures take precedence: they name the offending transaction.
    await sigs.finish();
    if (exec.totals.gasUsed !== coinbase.gasUsed) throw new BlockError('BLOCK_BAD_GAS_USED', `coinbase states ${coinbase.gasUsed} gas, transactions used ${exec.totals.gasUsed}`);
    if (!bytesEqual(rRoot, coinbase.receiptsRoot)) throw new BlockError('BLOCK_BAD_RECEIPTS_ROOT', 'receipts root does not match execution');
    if (!bytesEqual(commit.root, coinbase.stateRoot)) throw new BlockError('BLOCK_BAD_STATE_ROOT', 'state root does not match execution');
    entry.status = 'valid';
    const receipts: BlockReceipts = { receipts: exec.receipts, blockEvents: exec.blockEvents };
    const batch = new KvBatch();
    if (isNew) this.store.putBlock(batch, pb.hash, pb.bytes, this.entryRecord(entry));
    else this.store.putEntry(batch, pb.hash, this.entryRecord(entry));
    this.store.connect(batch, { hash: pb.hash, height: entry.height, txIds: pb.txs.map((t) => t.id), receipts, undo: this.undoOf(commit), changes: commit.changes });
    await this.store.write(batch);
    this.world.apply(commit);
    this.worldVersion++;
    this.index.pushTip(entry);
    this.emit('connect', entry, pb, receipts);
  }

  /** Disconnects the tip, rolling its state back; returns the block. */
  private async disconnectTip(): Promise<PreparedBlock> {
    const entry = this.tip;
    if (!entry.parent) throw new Error('cannot disconnect genesis');
    const [pb, undo] = await Promise.all([this.getBlock(entry.hash), this.store.undo(entry.hash)]);
    if (!pb || !undo) throw new StorageError('STORAGE_CORRUPT', `missing block or undo data for ${entry.key}`);
    const batch = new KvBatch();
    this.store.disconnect(batch, { hash: entry.hash, parentHash: entry.parent.hash, height: entry.height, txIds: pb.txs.map((t) => t.id), undo });
    await this.store.write(batch);
    this.world.undo(undo);
    this.worldVersion++;
    this.memo = undefined;
    this.index.popTip();
    this.emit('disconnect', entry, pb);
    return pb;
  }

  /**
   * Moves the main chain to the valid branch with the most work: disconnect to the common
   * ancestor, connect the branch; a block that fails is marked invalid and fork choice runs again.
   */
  private async activateBestChain(): Promise<{ disconnected: number; connected: number; failures: Map<string, BlockError> }> {
    let disconnected = 0;
    let connected = 0;
    const failures = new Map<string, BlockError>();
    const from = this.tip;
    const dropped = new Map<string, PreparedTx>();
    for (;;) {
      const best = this.index.best();
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
      for (const e of path) {
        const pb = await this.getBlock(e.hash);
        if (!pb) throw new StorageError('STORAGE_CORRUPT', `missing block ${e.key}`);
        try {
          await this.connect(e, pb, false, this.startSignatureChecks(pb));
        } catch (err) {
          if (!(err instanceof BlockError)) throw err;
          await this.markInvalid(e, pb);
          failures.set(e.key, err);
          failed = true;
          break;
        }
        for (const t of pb.txs) dropped.delete(t.key);
        connected++;
      }
      if (!failed) break;
    }
    if (this.tip !== from) {
      this.emit('tip', this.tip);
      if (disconnected > 0) {
        this.emit('reorg', { from, to: this.tip, ancestor: this.index.commonAncestor(from, this.tip), dropped: [...dropped.values()] });
      }
    }
    return { disconnected, connected, failures };
  }

  /** A stored block by hash. */
  async getBlock(hash: Uint8Array): Promise<PreparedBlock | undefined> {
    const bytes = await this.store.blockBytes(hash);
    return bytes && decodePreparedBlock(bytes);
  }

  /** Closes the store after any import in progress finishes. */
  async close(): Promise<void> {
    await this.lock.run(() => this.store.kv.close());
    await this.verifier.close();
  }
}
