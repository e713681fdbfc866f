/**
 * What the engine needs from the application (the chain, or a simulator): the validator set of a
 * height, a value to propose, a verdict on a proposed value, and the value's id. The engine never
 * imports chain/, storage/ or state/; the lead plugs the chain in behind this interface.
 *
 * Asynchronous answers: `proposeValue` and `validateValue` may answer `null` ("not yet"); the host
 * then feeds the answer back as a `valueReady` or `valueValidated` event (`engine-types.ts`). The
 * engine keeps running its timeouts meanwhile, so a slow application costs a round, never safety.
 */
import type { ValidatorSet } from './validator-set.js';
import type { SignedProposal, SignedVote, Proposal, Vote } from './messages.js';

/** The application seam of the BFT engine. */
export interface BftApplication {
  /**
   * The validator set of `height` (priorities at the start of the height). Called when the engine
   * enters the height; with CometBFT's delay (updates decided in block h apply from h + 2) the set
   * of h + 1 is known before block h is even decided.
   */
  validatorSet(height: bigint): ValidatorSet;
  /** A new value (block) to propose at (height, round), or null to answer later with `valueReady`. */
  proposeValue(height: bigint, round: number): Uint8Array | null;
  /** Whether a proposed value is valid at `height`, or null to answer later with `valueValidated`. */
  validateValue(height: bigint, value: Uint8Array, blockHash: Uint8Array): boolean | null;
  /** The 32-byte id of a value (for blocks: the block hash). */
  valueHash(value: Uint8Array): Uint8Array;
}

/** What justifies a lock: the polka for the block and the block itself. */
export interface LockProof {
  readonly polka: readonly SignedVote[];
  readonly value: Uint8Array;
}

/**
 * Signs the engine's own messages. Implementations refuse (throw) rather than sign two different
 * messages for one height, round and step (`signer.ts` `DoubleSignGuard`); the engine treats a
 * refusal as "no message" and carries on with the round.
 */
export interface ConsensusSigner {
  /** The validator's 20-byte address. */
  readonly address: Uint8Array;
  /**
   * Signs a vote or throws. With a non-nil precommit the engine passes the lock it takes: the
   * polka (2f+1 prevotes for the block in that round) and the block's bytes. A durable signer
   * keeps them with the sign state, so a restarted validator can show why it is locked and
   * re-propose the block (`ResumePoint`).
   */
  signVote(vote: Vote, lock?: LockProof): SignedVote;
  /** Signs a proposal or throws. */
  signProposal(proposal: Proposal): SignedProposal;
}
