/**
 * The proof-of-work engine: SHA-256d under a target set per block by ASERT (anchored at genesis),
 * fork choice by cumulative work, and Bitcoin's halving subsidy.
 */
import { BlockError } from '../../errors.js';
import type { NetworkParams } from '../../params/networks.js';
import { hashToBigInt, type Header } from '../../primitives/header.js';
import type { ChainEntryView, ConsensusEngine } from '../engine.js';
import { asertNextBits } from './asert.js';
import { compactToTarget } from './compact.js';
import { blockSubsidy } from './subsidy.js';
import { workForBits } from './work.js';

/** Proof of work over Bitcoin's header. */
export class PowEngine implements ConsensusEngine {
  readonly name = 'pow';

  constructor(
    private readonly params: NetworkParams,
    private readonly genesisTime: number,
  ) {}

  /** ASERT target of the child of `parent`. */
  nextBits(parent: ChainEntryView): number {
    return asertNextBits({ pow: this.params.pow, genesisTime: this.genesisTime, evalTime: parent.header.time, evalHeight: BigInt(parent.height) });
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

  /** Expected hashes to find this header: 2^256 / (target + 1). */
  blockWeight(header: Header): bigint {
    return workForBits(header.bits);
  }

  /** Halving subsidy. */
  blockReward(height: bigint): { amount: bigint; cause: 'mining' } {
    return { amount: blockSubsidy(height, this.params.subsidy.initial, this.params.subsidy.halvingInterval), cause: 'mining' };
  }
}

function hex8(n: number): string {
  return '0x' + n.toString(16).padStart(8, '0');
}
