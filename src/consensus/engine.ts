/**
 * The consensus-engine seam (after ethereumjs' Consensus interface): block production and
 * validation ask the engine for what differs between proof of work and proof of stake
 * (difficulty, proof, fork-choice weight, reward), and nothing else. The state modules never see it.
 */
import type { Header } from '../primitives/header.js';

/** What an engine may know about a block already in the index. */
export interface ChainEntryView {
  readonly hash: Uint8Array;
  readonly header: Header;
  readonly height: number;
  readonly chainWork: bigint;
}

/** A block-production and validation engine. */
export interface ConsensusEngine {
  /** Engine name, e.g. `pow`. */
  readonly name: string;
  /** The `bits` a child of `parent` must carry. */
  nextBits(parent: ChainEntryView): number;
  /** Checks the engine's own header rules (difficulty, proof); throws BlockError. */
  validateHeader(header: Header, hash: Uint8Array, parent: ChainEntryView): void;
  /** Fork-choice weight this header adds to its chain (most cumulative weight wins). */
  blockWeight(header: Header): bigint;
  /** New coins the producer of the block at `height` receives, and its supply-ledger cause. */
  blockReward(height: bigint): { amount: bigint; cause: 'mining' | 'staking' };
}
