/**
 * The proof-of-work engine: SHA-256d under a target set per block by ASERT (anchored at genesis),
 * Bitcoin's time rules (median-time-past, future drift), fork choice by cumulative work, and
 * Bitcoin's halving subsidy, locked for the network's maturity by the rewards module.
 */
import { BlockError } from '../../errors.js';
import { powParams, type NetworkParams, type PowParams } from '../../params/networks.js';
import { hashToBigInt, type Header } from '../../primitives/header.js';
import { SealKind, type PreparedBlock } from '../../primitives/block.js';
import type { Json } from '../../encoding/codec.js';
import { NO_CONSENSUS_FACTS, type ConsensusFacts, type StateModule } from '../../state/module.js';
import { rewardsModule } from '../../state/modules/rewards/module.js';
import type { ChainEntryView, ConsensusEngine } from '../engine.js';
import { asertNextBits } from './asert.js';
import { compactToTarget } from './compact.js';
import { medianTimePast } from './mtp.js';
import { blockSubsidy } from './subsidy.js';
import { formatDifficulty, workForBits } from './work.js';

/** Median time past of `entry` and its ancestors (up to `window` blocks), BIP 113. */
export function entryMedianTimePast(entry: ChainEntryView, window: number): number {
  const times: number[] = [];
  for (let e: ChainEntryView | null = entry; e && times.length < window; e = e.parent) times.push(e.header.time);
  return medianTimePast(times.reverse(), window);
}

/** Proof of work over Bitcoin's header. */
export class PowEngine implements ConsensusEngine {
  readonly name = 'pow';
  readonly sealKind = SealKind.pow;
  readonly finality = 'probabilistic';
  /** The proof-of-work parameters in force. */
  readonly pow: PowParams;

  constructor(
    private readonly params: NetworkParams,
    private readonly genesisTime: number = params.genesis.time,
  ) {
    this.pow = powParams(params);
  }

  /** ASERT's anchor: the genesis block's bits. */
  genesisBits(): number {
    return this.pow.genesisBits;
  }

  /** ASERT target of the child of `parent`. */
  nextBits(parent: ChainEntryView): number {
    return asertNextBits({ pow: { ...this.pow, targetSpacing: this.params.blockTime }, genesisTime: this.genesisTime, evalTime: parent.header.time, evalHeight: BigInt(parent.height) });
  }

  /** Median-time-past + 1 (BIP 113's lower bound on a child's time). */
  minChildTime(parent: ChainEntryView): number {
    return entryMedianTimePast(parent, this.pow.mtpWindow) + 1;
  }

  /** The future-drift limit. */
  maxTime(now: number): number {
    return now + this.pow.maxFutureDrift;
  }

  /** Bitcoin's ContextualCheckBlockHeader: time-too-old (<= MTP) and time-too-new (> now + drift). */
  validateTime(header: Header, parent: ChainEntryView, now: number): void {
    const mtp = entryMedianTimePast(parent, this.pow.mtpWindow);
    if (header.time <= mtp) throw new BlockError('BLOCK_TIME_TOO_OLD', `block time ${header.time} is not after the median time past ${mtp}`, { mtp });
    if (header.time > this.maxTime(now)) {
      throw new BlockError('BLOCK_TIME_TOO_NEW', `block time ${header.time} is more than ${this.pow.maxFutureDrift}s ahead of the local clock ${now}`, { now });
    }
  }

  /**
   * The parent's median time past: what lock-time rules read in Bitcoin since BIP 113. Miners roll
   * header time, nonce and extranonce; none of them changes what a block's commands see.
   */
  executionTime(parent: ChainEntryView): number {
    return entryMedianTimePast(parent, this.pow.mtpWindow);
  }

  /** Difficulty must equal the ASERT schedule; the hash must be at or under the target. */
  validateHeader(header: Header, hash: Uint8Array, parent: ChainEntryView): void {
    const expected = this.nextBits(parent);
    if (header.bits !== expected) {
      throw new BlockError('BLOCK_BAD_DIFFICULTY', `bits ${hex8(header.bits)} differ from the required ${hex8(expected)}`, { expected, got: header.bits });
    }
    const { target } = compactToTarget(header.bits);
    if (hashToBigInt(hash) > target) throw new BlockError('BLOCK_BAD_POW', 'block hash is above the target');
  }

  /** A proof-of-work block carries the empty kind-0 seal and no engine data. */
  validateSeal(pb: PreparedBlock): void {
    const { seal, coinbase } = pb.block;
    if (seal.kind !== SealKind.pow || seal.data.length !== 0) throw new BlockError('BLOCK_BAD_SEAL', `a proof-of-work block carries the empty seal of kind ${SealKind.pow}`, { kind: seal.kind });
    if (coinbase.consensus.length !== 0) throw new BlockError('BLOCK_BAD_COINBASE', 'a proof-of-work coinbase carries no consensus data');
  }

  /** Expected hashes to find this header: 2^256 / (target + 1). */
  blockWeight(header: Header): bigint {
    return workForBits(header.bits);
  }

  /** Halving subsidy. */
  blockReward(height: bigint): { amount: bigint; cause: 'mining' } {
    return { amount: blockSubsidy(height, this.pow.subsidy.initial, this.pow.subsidy.halvingInterval), cause: 'mining' };
  }

  /** No validators: no proposer, signers or evidence. */
  consensusFacts(): ConsensusFacts {
    return NO_CONSENSUS_FACTS;
  }

  /** The reward is locked for the network's maturity and paid to the coinbase beneficiary. */
  modules(): StateModule[] {
    return [rewardsModule];
  }

  /** Difficulty, bits and nonce. */
  describeBlock(pb: { readonly block: { readonly header: Header } }): Record<string, Json> {
    const h = pb.block.header;
    return { engine: this.name, bits: h.bits, nonce: h.nonce, difficulty: formatDifficulty(h.bits) };
  }
}

function hex8(n: number): string {
  return '0x' + n.toString(16).padStart(8, '0');
}
