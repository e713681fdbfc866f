/**
 * The BFT engine behind the chain's engine seam (`consensus/engine.ts`): the rules a block of a
 * Tendermint-style proof-of-stake chain meets, whoever produced it and however it arrived. The
 * state machine that decides blocks is `engine.ts`; this file only judges them.
 *
 * - Header: bits 0, nonce 0. Fork choice: every block weighs 1 and a connected block is final.
 * - Time: the proposer's clock. A child is later than its parent (strictly, in seconds) and at
 *   most `maxFutureDrift` ahead of the local clock; a proposal (not yet committed) must also be no
 *   more than `maxPastDrift` behind the validator's clock, so a proposer cannot pin time in the past.
 *   Modules see the header time.
 * - Seal (kind 1): the proposer's signature over the block hash, checked against the proposer of
 *   (height, round) of the validator set in the parent's state (`set-module.ts`).
 * - Certificates: the coinbase carries the parent's commit certificate (more than 2/3 of the
 *   parent height's power; BLOCK_BAD_PARENT_COMMIT), and every imported block comes with its own
 *   as its justification, verified against its height's set (BLOCK_BAD_JUSTIFICATION: the
 *   justification is not part of the block, so the chain does not mark the block invalid for
 *   it); a proposal is judged without one.
 * - Evidence: each item verified (both signatures by the validator's consensus key, a validator
 *   of the set at that height, not tombstoned, not from a future height, not older than the
 *   unbonding period by block time), at most `maxEvidencePerBlock`, none twice.
 * - Reward: the mint module's provision (supply cause `staking`); modules: the proof-of-stake
 *   bundle and this engine's `bft` set module.
 */
import { BlockError, CoinworksError } from '../../errors.js';
import { bytesEqual, bytesToHex, hashToDisplay } from '../../encoding/hex.js';
import type { Json } from '../../encoding/codec.js';
import { encodeAddress } from '../../crypto/address.js';
import { verifyDigest } from '../../crypto/keys.js';
import type { BftParams, NetworkParams } from '../../params/networks.js';
import type { Header } from '../../primitives/header.js';
import { SealKind, type PreparedBlock } from '../../primitives/block.js';
import { NO_CONSENSUS_FACTS, type ConsensusFacts, type MisbehaviourFact, type StateModule } from '../../state/module.js';
import type { StateReader } from '../../state/state-view.js';
import { proofOfStake, type ProofOfStake } from '../../state/modules/proof-of-stake.js';
import { getValidator, wasBondedAt } from '../../state/modules/staking/method.js';
import { blockTimeAt } from '../../state/modules/slashing/method.js';
import type { ChainEntryView, ConsensusEngine, StateCheck } from '../engine.js';
import { SignedBlockRules } from '../signed-block-rules.js';
import { bftSealDigest, decodeBlockData, MAX_BLOCK_ROUND, type BftBlockData } from './chain-data.js';
import { decodeCommit, verifyCommit, type CommitCertificate } from './commit.js';
import { evidenceHash, verifyDuplicateVoteEvidenceWithKey, type DuplicateVoteEvidence } from './evidence.js';
import { checkSignature, type VerifyFn } from './messages.js';
import { createBftSetModule, validatorSetAt } from './set-module.js';
import type { ValidatorSet } from './validator-set.js';

/** Options of the engine. */
export interface BftChainEngineOptions {
  /** Signature check (default pure-JS noble; a node passes libsecp256k1). */
  readonly verify?: VerifyFn;
}

/** Why evidence cannot be punished: `future` may become acceptable later; the others never will. */
export interface EvidenceRefusal {
  readonly code: 'future' | 'unknown-validator' | 'tombstoned' | 'not-in-set' | 'expired' | 'invalid';
  readonly message: string;
}

/** Rethrows a BFT or decode error as the block rule `code`, keeping its message. */
function asBlockError(code: 'BLOCK_BAD_SEAL' | 'BLOCK_BAD_JUSTIFICATION' | 'BLOCK_BAD_PARENT_COMMIT' | 'BLOCK_BAD_EVIDENCE' | 'BLOCK_BAD_COINBASE', what: string, e: unknown): never {
  if (e instanceof BlockError) throw e;
  if (e instanceof CoinworksError) throw new BlockError(code, `${what}: ${e.message}`, { cause: e.code });
  throw e;
}

/** JSON of a commit certificate: height, round, block hash (display order), how many signed and which set indexes. */
export function describeCommit(c: CommitCertificate): Record<string, Json> {
  return { height: c.height.toString(), round: c.round, blockHash: hashToDisplay(c.blockHash), signatures: c.signatures.length, validatorIndexes: c.signatures.map((s) => s.validatorIndex) };
}

/** The BFT rules of `params`; throws when the network runs another engine. */
function bftParamsOf(params: NetworkParams): BftParams {
  if (params.consensus.engine !== 'bft') throw new Error(`network ${params.name} does not run the BFT engine`);
  return params.consensus.bft;
}

/** The BFT consensus engine of a proof-of-stake network. */
export class BftChainEngine extends SignedBlockRules implements ConsensusEngine {
  readonly name = 'bft';
  readonly sealKind = SealKind.bft;
  readonly finality = 'instant';
  /** The proof-of-stake modules this chain runs. */
  readonly pos: ProofOfStake;
  readonly bft: BftParams;
  private readonly chainId: number;
  private readonly verify: VerifyFn;
  private readonly setModule = createBftSetModule();

  constructor(params: NetworkParams, o: BftChainEngineOptions = {}) {
    super(bftParamsOf(params).maxFutureDrift, 'a BFT block');
    this.bft = bftParamsOf(params);
    this.chainId = params.chainId;
    this.verify = o.verify ?? verifyDigest;
    this.pos = proofOfStake(this.bft.economics);
  }

  /** Seal form; the consensus data decodes, names a bounded round, and carries the parent's certificate (from height 2) and bounded, distinct evidence. */
  validateSeal(pb: PreparedBlock, parent: ChainEntryView): void {
    const { seal, coinbase } = pb.block;
    if (seal.kind !== SealKind.bft || seal.data.length !== 64) throw new BlockError('BLOCK_BAD_SEAL', `a BFT block carries a 64-byte proposer signature seal of kind ${SealKind.bft}`, { kind: seal.kind });
    const data = this.decodeData(coinbase.consensus);
    if (data.round > MAX_BLOCK_ROUND) throw new BlockError('BLOCK_BAD_COINBASE', `round ${data.round} is above the limit ${MAX_BLOCK_ROUND}`);
    const cert = data.parentCommit;
    if (parent.height === 0) {
      if (cert !== null) throw new BlockError('BLOCK_BAD_PARENT_COMMIT', 'the first block carries no parent certificate (its parent is the genesis)');
    } else {
      if (cert === null) throw new BlockError('BLOCK_BAD_PARENT_COMMIT', 'the block does not carry its parent\'s commit certificate');
      if (cert.height !== BigInt(parent.height) || !bytesEqual(cert.blockHash, parent.hash)) throw new BlockError('BLOCK_BAD_PARENT_COMMIT', 'the parent certificate is for another block');
    }
    if (data.evidence.length > this.bft.maxEvidencePerBlock) throw new BlockError('BLOCK_BAD_EVIDENCE', `${data.evidence.length} evidence items, the limit is ${this.bft.maxEvidencePerBlock}`);
    const seen = new Set<string>();
    for (const ev of data.evidence) {
      const k = bytesToHex(evidenceHash(ev));
      if (seen.has(k)) throw new BlockError('BLOCK_BAD_EVIDENCE', 'the same evidence appears twice');
      seen.add(k);
    }
  }

  /**
   * Against the parent's state: the proposer of (height, round) sealed the block, the parent
   * certificate holds more than 2/3 of the parent height's power, every evidence item verifies,
   * and (on import) the block's own certificate holds more than 2/3 of its height's power; a
   * proposal's time is close to the validator's clock.
   */
  validateWithState(pb: PreparedBlock, parent: ChainEntryView, state: StateReader, justification: Uint8Array | undefined, check: StateCheck = { mode: 'import' }): void {
    const height = BigInt(parent.height + 1);
    const data = this.decodeData(pb.block.coinbase.consensus);
    const set = this.setAt(state, height);
    const proposer = set.proposer(data.round);
    if (!bytesEqual(proposer.address, data.proposer)) throw new BlockError('BLOCK_BAD_SEAL', `round ${data.round} of height ${height} is proposed by ${bytesToHex(proposer.address)}, not ${bytesToHex(data.proposer)}`);
    try {
      checkSignature(pb.block.seal.data, bftSealDigest(this.chainId, pb.hash), proposer.publicKey, this.verify);
    } catch (e) {
      asBlockError('BLOCK_BAD_SEAL', 'seal', e);
    }
    if (data.parentCommit) {
      try {
        verifyCommit(data.parentCommit, this.setAt(state, height - 1n), this.chainId, { verify: this.verify, height: height - 1n, blockHash: parent.hash });
      } catch (e) {
        asBlockError('BLOCK_BAD_PARENT_COMMIT', 'parent certificate', e);
      }
    }
    for (const ev of data.evidence) this.checkEvidence(state, ev, height, pb.block.header.time);
    if (check.mode === 'proposal') {
      const t = pb.block.header.time;
      if (t < check.now - this.bft.maxPastDrift) throw new BlockError('BLOCK_TIME_TOO_OLD', `proposal time ${t} is more than ${this.bft.maxPastDrift}s behind the clock ${check.now}`, { now: check.now });
      return;
    }
    if (!justification) throw new BlockError('BLOCK_BAD_JUSTIFICATION', 'a BFT block is imported with its commit certificate');
    this.verifyJustification(justification, set, height, pb.hash);
  }

  /** Checks a commit certificate (a justification) for block `blockHash` at `height` against `set`; throws BLOCK_BAD_JUSTIFICATION. */
  verifyJustification(justification: Uint8Array | CommitCertificate, set: ValidatorSet, height: bigint, blockHash: Uint8Array): CommitCertificate {
    try {
      const cert = justification instanceof Uint8Array ? decodeCommit(justification) : justification;
      verifyCommit(cert, set, this.chainId, { verify: this.verify, height, blockHash });
      return cert;
    } catch (e) {
      asBlockError('BLOCK_BAD_JUSTIFICATION', 'commit certificate', e);
    }
  }

  /**
   * Why `ev` may not be punished in a block at `height` with time `time` on `state`, or null:
   * the rules a proposer applies to its evidence pool and a block's evidence must meet.
   */
  evidenceRefusal(state: StateReader, ev: DuplicateVoteEvidence, height: bigint, time: number): EvidenceRefusal | null {
    const at = ev.voteA.vote.height;
    if (at >= height) return { code: 'future', message: `evidence from height ${at}, not below this block's ${height}` };
    const v = getValidator(state, ev.voteA.vote.validatorAddress);
    if (!v) return { code: 'unknown-validator', message: 'no such validator' };
    if (v.tombstoned) return { code: 'tombstoned', message: 'validator already tombstoned' };
    if (!wasBondedAt(v, at)) return { code: 'not-in-set', message: `validator was not in the set at height ${at}` };
    const t = blockTimeAt(state, at);
    if (t === undefined || time - t > this.bft.economics.staking.unbondingPeriod) return { code: 'expired', message: 'evidence older than the unbonding period' };
    try {
      verifyDuplicateVoteEvidenceWithKey(ev, v.publicKey, this.chainId, this.verify);
    } catch (e) {
      if (e instanceof CoinworksError) return { code: 'invalid', message: e.message };
      throw e;
    }
    return null;
  }

  private checkEvidence(state: StateReader, ev: DuplicateVoteEvidence, height: bigint, time: number): void {
    const why = this.evidenceRefusal(state, ev, height, time);
    if (why !== null) throw new BlockError('BLOCK_BAD_EVIDENCE', `evidence against ${bytesToHex(ev.voteA.vote.validatorAddress)} at height ${ev.voteA.vote.height}: ${why.message}`, { reason: why.code });
  }

  /** One per block: the chain of committed blocks. */
  blockWeight(): bigint {
    return 1n;
  }

  /** Proposer, the parent certificate's signers (in set order) and the evidence, from the consensus data and the parent height's set. */
  consensusFacts(consensusData: Uint8Array, parentState: StateReader): ConsensusFacts {
    if (consensusData.length === 0) return NO_CONSENSUS_FACTS;
    const data = this.decodeData(consensusData);
    let parentSigners: Uint8Array[] = [];
    if (data.parentCommit) {
      const set = this.setAt(parentState, data.parentCommit.height);
      parentSigners = data.parentCommit.signatures.map((s) => {
        const v = set.at(s.validatorIndex);
        if (!v) throw new BlockError('BLOCK_BAD_PARENT_COMMIT', `parent certificate names validator index ${s.validatorIndex}, set has ${set.size}`);
        return v.address;
      });
    }
    const evidence: MisbehaviourFact[] = data.evidence.map((e) => ({ kind: 'duplicate-vote', validator: e.voteA.vote.validatorAddress, height: e.voteA.vote.height }));
    return { proposer: data.proposer, parentSigners, evidence };
  }

  /** The mint module's provision, cause `staking`. */
  blockReward(_height: bigint, state: StateReader): { amount: bigint; cause: 'staking' } {
    return { amount: this.pos.blockReward(state), cause: 'staking' };
  }

  /** The proof-of-stake modules, then the engine's validator-set module (after staking, whose genesis set it reads). */
  modules(): StateModule[] {
    return [...this.pos.modules(), this.setModule];
  }

  /** The validator set of `height` kept in `state` (after block h: h and h + 1); throws when it is not kept. */
  setAt(state: StateReader, height: bigint): ValidatorSet {
    const set = validatorSetAt(state, height);
    if (!set) throw new BlockError('BLOCK_BAD_PARENT_COMMIT', `no validator set is kept for height ${height} in this state`);
    return set;
  }

  /**
   * Proposer, round, the parent's commit and evidence of a block, and its own commit when the
   * justification is given (each commit as height, round, block hash and the signing indexes).
   */
  describeBlock(pb: PreparedBlock | { readonly block: { readonly header: Header } }, justification?: Uint8Array): Record<string, Json> {
    if (!('hash' in pb)) return { engine: this.name, difficulty: '0' };
    const consensus = (pb as PreparedBlock).block.coinbase.consensus;
    if (consensus.length === 0) return { engine: this.name, difficulty: '0' };
    const data = this.decodeData(consensus);
    let commit: Json = null;
    if (justification) {
      try {
        commit = describeCommit(decodeCommit(justification));
      } catch {
        commit = null;
      }
    }
    return {
      engine: this.name,
      difficulty: '0',
      proposer: encodeAddress(data.proposer),
      round: data.round,
      commit,
      parentCommit: data.parentCommit ? describeCommit(data.parentCommit) : null,
      evidence: data.evidence.map((e) => ({ validator: encodeAddress(e.voteA.vote.validatorAddress), height: e.voteA.vote.height.toString(), round: e.voteA.vote.round, type: e.voteA.vote.type })),
    };
  }

  private decodeData(bytes: Uint8Array): BftBlockData {
    try {
      return decodeBlockData(bytes);
    } catch (e) {
      asBlockError('BLOCK_BAD_COINBASE', 'BFT consensus data', e);
    }
  }
}
