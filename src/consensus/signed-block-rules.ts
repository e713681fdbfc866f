/**
 * The header and time rules shared by engines whose blocks are signed rather than mined (the toy
 * authority engine and the BFT engine): no proof of work (bits 0 and nonce 0), a block time strictly
 * after the parent's (whole seconds, so at most one block a second) and at most `maxFutureDrift`
 * seconds ahead of the local clock, and the header time itself as the execution time (the signer, or
 * the validators who voted on it, fixed it; nothing rolls it as a miner rolls ntime).
 */
import { BlockError } from '../errors.js';
import type { Header } from '../primitives/header.js';
import type { ChainEntryView } from './engine.js';

/** Base class of the signed-block engines: the `ConsensusEngine` methods of the rules above. */
export abstract class SignedBlockRules {
  /**
   * @param maxFutureDrift seconds a block time may run ahead of the local clock
   * @param blockNoun how errors name a block of this engine ("a BFT block")
   */
  protected constructor(
    private readonly maxFutureDrift: number,
    private readonly blockNoun: string,
  ) {}

  /** No proof of work. */
  genesisBits(): number {
    return 0;
  }

  /** No proof of work. */
  nextBits(): number {
    return 0;
  }

  /** Strictly after the parent. */
  minChildTime(parent: ChainEntryView): number {
    return parent.header.time + 1;
  }

  /** The future-drift limit. */
  maxTime(now: number): number {
    return now + this.maxFutureDrift;
  }

  /** Later than the parent, not ahead of the local clock by more than the drift. */
  validateTime(header: Header, parent: ChainEntryView, now: number): void {
    if (header.time <= parent.header.time) throw new BlockError('BLOCK_TIME_TOO_OLD', `block time ${header.time} is not after its parent's ${parent.header.time}`);
    if (header.time > this.maxTime(now)) throw new BlockError('BLOCK_TIME_TOO_NEW', `block time ${header.time} is more than ${this.maxFutureDrift}s ahead of the local clock ${now}`, { now });
  }

  /** The header time: the signer (or the validators who voted on the block) fixed it. */
  executionTime(_parent: ChainEntryView, headerTime: number): number {
    return headerTime;
  }

  /** bits and nonce are zero. */
  validateHeader(header: Header): void {
    if (header.bits !== 0 || header.nonce !== 0) throw new BlockError('BLOCK_BAD_DIFFICULTY', `${this.blockNoun} carries bits 0 and nonce 0`);
  }
}
