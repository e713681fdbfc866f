/**
 * The consensus-engine seam (after ethereumjs' pluggable Consensus and Lodestar's fork choice):
 * everything that differs between proof of work, proof of stake and the toy authority engine sits
 * behind this interface. The chain asks the engine for its time rules, its header and seal rules,
 * its checks against the parent state, fork-choice weight and finality, the block reward, and its
 * own state modules; block production is a `BlockProducer` (chain/producer.ts) the node creates per
 * engine. Generic layers (chain, state, storage, mempool, primitives, p2p) never import an engine's
 * folder: they see only this file.
 */
import type { Json } from '../encoding/codec.js';
import type { Header } from '../primitives/header.js';
import type { PreparedBlock } from '../primitives/block.js';
import type { StateReader } from '../state/state-view.js';
import type { ConsensusFacts, StateModule } from '../state/module.js';

/** What an engine may know about a block already in the index (with its ancestry). */
export interface ChainEntryView {
  readonly hash: Uint8Array;
  readonly header: Header;
  readonly height: number;
  readonly chainWork: bigint;
  readonly parent: ChainEntryView | null;
}

/** Supply-ledger cause of new coins a block grants. */
export type RewardCause = 'mining' | 'staking';

/**
 * How `validateWithState` is asked: `import` (the block is being connected: a BFT block must then
 * come with its own commit certificate) or `proposal` (a validator judges a block offered for a
 * vote, which has no certificate yet; `now` is its clock in seconds, for rules on the proposer's
 * time that only make sense while the block is new).
 */
export type StateCheck = { readonly mode: 'import' } | { readonly mode: 'proposal'; readonly now: number };

/** A block-production and validation engine. */
export interface ConsensusEngine {
  /** Engine name: `pow`, `bft`, `authority`. */
  readonly name: string;
  /** `Seal.kind` this engine's blocks carry (0 proof of work, 1 BFT, 2 authority). */
  readonly sealKind: number;
  /**
   * `probabilistic`: blocks may be disconnected by a heavier branch (proof of work); `instant`: a
   * connected block is final and is never disconnected (BFT, authority).
   */
  readonly finality: 'probabilistic' | 'instant';

  /** `bits` of the genesis header. */
  genesisBits(): number;
  /** The `bits` a child of `parent` must carry (0 for engines without proof of work). */
  nextBits(parent: ChainEntryView): number;

  /** Earliest header time a child of `parent` may carry (block assembly uses max(clock, this)). */
  minChildTime(parent: ChainEntryView): number;
  /** Latest header time a block may carry by the local clock `now` (seconds). */
  maxTime(now: number): number;
  /** Time rules of a header against its parent and the local clock `now`; throws BlockError. */
  validateTime(header: Header, parent: ChainEntryView, now: number): void;
  /**
   * The time state modules see while executing a child of `parent` (`BlockInfo.time`). It must not
   * depend on fields a miner may roll (header time, nonce, extranonce), so a rolled block executes
   * exactly as its template did.
   */
  executionTime(parent: ChainEntryView, headerTime: number): number;

  /**
   * Header and seal rules that need neither state nor body (difficulty and proof of work; the form
   * and signature of a seal; the form of the coinbase's `consensus` data); throws BlockError.
   * Headers-first sync runs it on headers alone, so it reads only `header`, `hash` and `parent`
   * unless `block` is given.
   */
  validateHeader(header: Header, hash: Uint8Array, parent: ChainEntryView): void;
  /** Rules on the whole block (seal kind and data, coinbase `consensus` bytes); throws BlockError. */
  validateSeal(block: PreparedBlock, parent: ChainEntryView): void;
  /**
   * Rules that read the parent's state (BFT: proposer and commit certificates against the
   * validator set); called when the parent is the head, before execution. `justification` is the
   * proof of finality that came with the block, if any.
   */
  validateWithState?(block: PreparedBlock, parent: ChainEntryView, state: StateReader, justification: Uint8Array | undefined, check?: StateCheck): void;

  /** Fork-choice weight this header adds to its chain (the valid chain of most weight is the main chain). */
  blockWeight(header: Header): bigint;

  /**
   * The facts state modules act on (proposer, who signed the parent, verified evidence), decoded
   * from a block's consensus data; `parentState` is the state the block executes on (BFT reads the
   * parent's validator set there to name the certificate's signers).
   */
  consensusFacts(consensusData: Uint8Array, parentState: StateReader): ConsensusFacts;

  /** New coins the producer of the block at `height` is granted, read from the parent's state if the engine needs it. */
  blockReward(height: bigint, state: StateReader): { amount: bigint; cause: RewardCause };

  /** State modules this engine adds to the core ones (PoW: the maturity-locked block reward). */
  modules(): StateModule[];

  /** The engine's fields of a block for RPC and the CLI (difficulty; proposer, round, commit). */
  describeBlock(block: PreparedBlock | { readonly block: { readonly header: Header } }, justification?: Uint8Array): Record<string, Json>;
}
