/**
 * The Tendermint consensus algorithm as a deterministic state machine: Buchman, Kwon and
 * Milosevic, "The latest gossip on BFT consensus" (arXiv 1807.04938), Algorithm 1, with the
 * locking behaviour of CometBFT's `consensus/state.go` (v0.34) where the two differ.
 *
 * `handle(event)` applies one input and returns the actions it causes; the same events in the same
 * order always give the same actions (no clock, no randomness, no I/O: the signer and the
 * application are injected, timers are armed by the host). After every input the "upon" rules
 * below run until none applies. Comments name the paper's lines (L22 ...) or CometBFT.
 *
 * Per height the node keeps lockedValue/lockedRound and validValue/validRound (nil/-1 at start).
 * - StartRound (L11): the proposer re-proposes validValue with validRound as POL round, or asks the
 *   application for a new value; everyone arms the propose timeout (CometBFT arms it always).
 * - Prevote (L22, L28): on the round's first proposal, once the application has judged the value,
 *   and, for a proposal with POL round vr, once 2f+1 prevotes for it at vr are in. A locked node
 *   prevotes its locked block (CometBFT "if locked, prevote the locked block"); otherwise the
 *   proposal if valid, else nil. Propose timeout (L57): prevote the lock, or nil.
 * - Unlock (CometBFT): a polka (2f+1 prevotes) for anything other than the locked block, nil
 *   included, at a round in (lockedRound, round] releases the lock. This covers the paper's POL
 *   relaxation (L28: lockedRound <= vr) and CometBFT's nil-polka and missing-block unlocks. It is
 *   safe only together with "locked nodes prevote their lock", which is why both are CometBFT's.
 * - Precommit (L36, L44): a polka for a valid block this node has: lock it (or renew the lock,
 *   CometBFT), precommit it, and set validValue/validRound; a nil polka: precommit nil. Prevote
 *   timeout (L61): precommit nil. L34/L47: 2f+1 prevotes / precommits of any kind arm the timers.
 * - Decide (L49): 2f+1 precommits for a block at any round, with its value known and valid.
 *   Precommit timeout (L65): next round. After deciding, the commit timeout starts the next height.
 * - Round skip (L55): messages at rounds above ours from validators holding more than 1/3 of the
 *   power: jump to the highest round such a group reached.
 * "2f+1" is more than 2/3 of the voting power (3 x power > 2 x total), "f+1" more than 1/3, both
 * counted per block id over distinct validators (`vote-set.ts`: an equivocator counts in each tally).
 *
 * Around the paper, for a real network: a `commit` event (block sync, or a peer answering a laggard)
 * decides on a verified certificate; `needValue` asks the host for a block others voted for;
 * messages for the next height are held until it starts; a restarted validator resumes with its
 * lock, the polka behind it and its last votes (`ResumePoint`, kept by the double-sign guard), so it
 * neither signs twice nor leaves the others waiting for a vote or a block only it remembered.
 */
import { bytesToHex } from '../../encoding/hex.js';
import { verifyDigest } from '../../crypto/keys.js';
import type { BftApplication, ConsensusSigner, LockProof } from './app.js';
import { buildCommit, verifyCommit, type CommitCertificate } from './commit.js';
import type { BftAction, BftEvent, BftStatus, ResumePoint } from './engine-types.js';
import { BftError } from './errors.js';
import { makeDuplicateVoteEvidence } from './evidence.js';
import {
  sameBlock,
  verifyProposalSignature,
  verifyVoteSignature,
  type SignedProposal,
  type SignedVote,
  type VerifyFn,
  type VoteType,
} from './messages.js';
import { checkTimeouts, DEFAULT_TIMEOUTS, timeoutDuration, type BftTimeouts, type TimeoutStep } from './timeouts.js';
import { compareBytes, type ValidatorSet } from './validator-set.js';
import { blockKey, NIL, type BlockKey, type VoteSet } from './vote-set.js';
import { HeightState, type StoredValue } from './round-state.js';

/** Options of a `BftEngine`. */
export interface BftEngineOptions {
  /** Network id inside every sign digest. */
  readonly chainId: number;
  readonly app: BftApplication;
  /** The validator's signer; null for a node that only follows (it never votes). */
  readonly signer?: ConsensusSigner | null;
  readonly timeouts?: BftTimeouts;
  /** Signature check (default pure-JS; a node passes libsecp256k1). */
  readonly verify?: VerifyFn;
  /** Messages more than this many rounds ahead of ours are dropped unread (bounds memory). */
  readonly maxRoundsAhead?: number;
  /** Distinct proposals kept per round (a Byzantine proposer may send several). */
  readonly maxProposalsPerRound?: number;
  /** Messages for the next height held until we get there. */
  readonly maxBuffered?: number;
}

/** A round step of the state machine. */
export type Step = 'propose' | 'prevote' | 'precommit' | 'commit';

interface Decision {
  readonly round: number;
  readonly blockHash: Uint8Array;
  readonly value: Uint8Array;
  readonly certificate: CommitCertificate;
}

/** The Tendermint state machine of one node. */
export class BftEngine {
  protected readonly chainId: number;
  protected readonly app: BftApplication;
  protected readonly signer: ConsensusSigner | null;
  protected readonly timeouts: BftTimeouts;
  private readonly verify: VerifyFn;
  private readonly maxRoundsAhead: number;
  private readonly maxProposalsPerRound: number;
  private readonly maxBuffered: number;

  private hs: HeightState | null = null;
  /** round_p */
  protected round = 0;
  /** step_p */
  protected step: Step = 'propose';
  /** lockedValue_p (as its id; the bytes sit in `values` unless restored from a resume point) and lockedRound_p. */
  protected lockedKey: BlockKey | null = null;
  protected lockedHash: Uint8Array | null = null;
  protected lockedRound = -1;
  /** validValue_p and validRound_p. */
  protected validKey: BlockKey | null = null;
  protected validRound = -1;
  private decision: Decision | null = null;
  /** Round in which we are the proposer and wait for `valueReady`. */
  private awaitingValue: number | null = null;
  private myIndex = -1;
  private buffer: BftEvent[] = [];
  private out: BftAction[] = [];

  constructor(options: BftEngineOptions) {
    this.chainId = options.chainId;
    this.app = options.app;
    this.signer = options.signer ?? null;
    this.timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
    checkTimeouts(this.timeouts);
    this.verify = options.verify ?? verifyDigest;
    this.maxRoundsAhead = options.maxRoundsAhead ?? 64;
    this.maxProposalsPerRound = options.maxProposalsPerRound ?? 4;
    this.maxBuffered = options.maxBuffered ?? 4096;
  }

  /** Applies one input; returns the actions to carry out, in order. */
  handle(event: BftEvent): BftAction[] {
    this.out = [];
    this.dispatch(event);
    this.progress();
    const out = this.out;
    this.out = [];
    return out;
  }

  /** Current position (height, round, step, proposer, lock, valid value). */
  status(): BftStatus {
    const hs = this.hs;
    return {
      height: hs?.height ?? null,
      round: this.round,
      step: hs ? this.step : 'idle',
      proposer: hs ? hs.set.proposer(this.round).address : null,
      lockedRound: this.lockedRound,
      lockedBlock: this.lockedHash,
      validRound: this.validRound,
      validBlock: this.validKey === null ? null : (hs?.values.get(this.validKey)?.hash ?? null),
    };
  }

  /** The validator set of the current height. */
  validatorSet(): ValidatorSet | null {
    return this.hs?.set ?? null;
  }

  /**
   * What to gossip to peers for the current height (CometBFT gossips a peer's round, the POL round
   * and the commit): every proposal and vote of the previous, current and later rounds, and for
   * older rounds the proposals and votes of any block id holding a 2/3 majority there (the polkas
   * that justify locks and re-proposals, and the precommits that decide).
   */
  messages(): { proposals: Array<{ proposal: SignedProposal; value: Uint8Array }>; votes: SignedVote[] } {
    const hs = this.hs;
    if (!hs) return { proposals: [], votes: [] };
    const proposals: Array<{ proposal: SignedProposal; value: Uint8Array }> = [];
    const votes: SignedVote[] = [];
    for (const r of hs.sortedRounds()) {
      const rs = hs.rounds.get(r)!;
      const recent = r >= this.round - 1;
      const polka = rs.prevotes.majority();
      const commit = rs.precommits.majority();
      for (const p of rs.proposals) if (recent || p.key === polka || p.key === commit) proposals.push({ proposal: p.signed, value: hs.values.get(p.key)!.value });
      if (recent) votes.push(...rs.prevotes.all(), ...rs.precommits.all());
      else {
        if (polka !== null) votes.push(...rs.prevotes.votesFor(polka));
        if (commit !== null) votes.push(...rs.precommits.votesFor(commit));
      }
    }
    return { proposals, votes };
  }

  /** The bytes of a value of the current height, if held (to answer a peer's `needValue`). */
  valueOf(blockHash: Uint8Array): Uint8Array | undefined {
    return this.hs?.values.get(blockKey(blockHash))?.value;
  }

  // ---------------------------------------------------------------- inputs

  private dispatch(e: BftEvent): void {
    switch (e.kind) {
      case 'startHeight':
        return this.startHeight(e.height, e.resume);
      case 'proposal':
        return this.onProposal(e.proposal, e.value, e);
      case 'vote':
        return this.onVote(e.vote, e);
      case 'timeout':
        return this.onTimeout(e.height, e.round, e.step);
      case 'valueValidated': {
        const sv = this.hs && e.height === this.hs.height ? this.hs.values.get(blockKey(e.blockHash)) : undefined;
        if (sv && sv.validity === 'pending') sv.validity = e.valid ? 'valid' : 'invalid';
        return;
      }
      case 'valueReady': {
        const hs = this.hs;
        if (!hs || e.height !== hs.height || e.round !== this.round || this.awaitingValue !== this.round || this.step !== 'propose') return;
        this.awaitingValue = null;
        return this.propose(e.value, this.app.valueHash(e.value), -1);
      }
      case 'value': {
        const hs = this.hs;
        if (!hs || e.height !== hs.height) return;
        const hash = this.app.valueHash(e.value);
        const key = blockKey(hash);
        if (hs.wanted.has(key)) this.addValue(key, hash, e.value, false);
        return;
      }
      case 'commit':
        return this.onCommit(e.certificate, e.value);
    }
  }

  /** Enters `height` with fresh locks (or the lock of a resume point) at round 0 (or the resume round). */
  private startHeight(height: bigint, resume?: ResumePoint): void {
    if (this.hs && height <= this.hs.height) {
      if (height === this.hs.height) return;
      throw new RangeError(`startHeight(${height}): already at height ${this.hs.height}`);
    }
    const set = this.app.validatorSet(height);
    const hs = (this.hs = new HeightState(height, set));
    this.myIndex = this.signer ? set.indexOf(this.signer.address) : -1;
    // L54: reset lockedRound, lockedValue, validRound and validValue to their initial values.
    this.lockedKey = null;
    this.lockedHash = null;
    this.lockedRound = -1;
    this.validKey = null;
    this.validRound = -1;
    this.decision = null;
    this.awaitingValue = null;
    if (resume?.lock) {
      // A restarted validator that precommitted a block at this height was locked on it then:
      // keeping that lock is what lets it rejoin without breaking the safety argument.
      this.lockedKey = blockKey(resume.lock.blockHash);
      this.lockedHash = resume.lock.blockHash;
      this.lockedRound = resume.lock.round;
    }
    this.startRound(resume?.round ?? 0);
    if (resume?.lock) this.restoreLockProof(resume.lock);
    if (resume?.votes) this.replayOwnVotes(resume.votes);
    const held = this.buffer;
    this.buffer = [];
    for (const e of held) {
      const h = e.kind === 'proposal' ? e.proposal.proposal.height : e.kind === 'vote' ? e.vote.vote.height : -1n;
      if (h === hs.height) this.dispatch(e);
    }
  }

  /**
   * After a restart: the polka behind our lock goes back into its round (and out to peers, as an
   * old round's polka), and the locked block becomes our valid value again once its bytes are
   * here (given, or fetched with needValue), so we can re-propose it with that POL round. Without
   * this, validators locked on a block nobody else remembers would block every later round.
   */
  private restoreLockProof(lock: NonNullable<ResumePoint['lock']>): void {
    const hs = this.hs!;
    const key = blockKey(lock.blockHash);
    const set = hs.round(lock.round).prevotes;
    for (const sv of lock.polka ?? []) {
      const v = sv.vote;
      const val = hs.set.at(v.validatorIndex);
      if (v.type !== 'prevote' || v.height !== hs.height || v.round !== lock.round || blockKey(v.blockHash) !== key || !val) continue;
      if (compareBytes(val.address, v.validatorAddress) !== 0 || set.classify(sv).status === 'duplicate') continue;
      try {
        verifyVoteSignature(this.chainId, sv, val.publicKey, this.verify);
      } catch {
        continue;
      }
      this.record(set, sv);
    }
    if (lock.value && lock.value.length > 0 && sameBlock(this.app.valueHash(lock.value), lock.blockHash)) this.addValue(key, lock.blockHash, lock.value, true);
    else if (!hs.values.has(key)) this.want(key, lock.blockHash);
  }

  /**
   * After a restart: count and re-send our own last votes of this height (what CometBFT's WAL
   * replay does), and do not redo a step we already signed in the resumed round.
   */
  private replayOwnVotes(votes: readonly SignedVote[]): void {
    const hs = this.hs!;
    for (const sv of votes) {
      const v = sv.vote;
      if (v.height !== hs.height || this.myIndex < 0 || v.validatorIndex !== this.myIndex || compareBytes(v.validatorAddress, this.signer!.address) !== 0) continue;
      if (v.round > this.round + this.maxRoundsAhead) continue;
      this.record(hs.round(v.round).votes(v.type), sv);
      this.out.push({ kind: 'broadcastVote', vote: sv });
      if (v.round !== this.round) continue;
      if (v.type === 'precommit') this.step = 'precommit';
      else if (this.step === 'propose') this.step = 'prevote';
    }
  }

  private onProposal(sp: SignedProposal, value: Uint8Array, e: BftEvent): void {
    const hs = this.hs;
    if (!hs) return;
    const p = sp.proposal;
    if (p.height === hs.height + 1n) return this.hold(e);
    if (p.height !== hs.height || p.round > this.round + this.maxRoundsAhead) return;
    const key = blockKey(p.blockHash);
    const existing = hs.rounds.get(p.round);
    if (existing?.proposals.some((x) => x.key === key)) return;
    if (existing && existing.proposals.length >= this.maxProposalsPerRound) return;
    if (p.polRound !== null && p.polRound >= p.round) return this.reject('BFT_INVALID_PROPOSAL', `proposal POL round ${p.polRound} is not below its round ${p.round}`);
    const proposer = hs.set.proposer(p.round);
    try {
      verifyProposalSignature(this.chainId, sp, proposer.publicKey, this.verify);
    } catch (err) {
      return this.rejectError(err);
    }
    if (!sameBlock(this.app.valueHash(value), p.blockHash)) return this.reject('BFT_WRONG_BLOCK', 'the value does not hash to the proposed block');
    hs.round(p.round).proposals.push({ signed: sp, key });
    this.noteRound(hs.set.indexOf(proposer.address), p.round);
    this.addValue(key, p.blockHash, value, false);
  }

  private onVote(sv: SignedVote, e: BftEvent): void {
    const hs = this.hs;
    if (!hs) return;
    const v = sv.vote;
    if (v.height === hs.height + 1n) return this.hold(e);
    if (v.height !== hs.height || v.round > this.round + this.maxRoundsAhead) return;
    const val = hs.set.at(v.validatorIndex);
    if (!val || compareBytes(val.address, v.validatorAddress) !== 0) return this.reject('BFT_UNKNOWN_VALIDATOR', `vote from ${bytesToHex(v.validatorAddress)} at index ${v.validatorIndex}`);
    const set = hs.round(v.round).votes(v.type);
    if (set.classify(sv).status === 'duplicate') return;
    try {
      verifyVoteSignature(this.chainId, sv, val.publicKey, this.verify);
    } catch (err) {
      return this.rejectError(err);
    }
    this.record(set, sv);
  }

  private onTimeout(height: bigint, round: number, step: TimeoutStep): void {
    const hs = this.hs;
    if (!hs || height !== hs.height) return;
    switch (step) {
      case 'propose': // L57
        if (round === this.round && this.step === 'propose') this.prevote(this.prevoteChoice(null));
        return;
      case 'prevote': // L61
        if (round === this.round && this.step === 'prevote') this.precommit(null);
        return;
      case 'precommit': // L65
        if (round === this.round && this.step !== 'commit') this.startRound(this.round + 1);
        return;
      case 'commit': // CometBFT NewHeight after timeout_commit
        if (this.step === 'commit') this.startHeight(hs.height + 1n);
        return;
    }
  }

  /** A decided block from block sync or a peer: checked against this height's set, then final. */
  private onCommit(cert: CommitCertificate, value: Uint8Array): void {
    const hs = this.hs;
    if (!hs || cert.height !== hs.height || this.decision) return;
    try {
      verifyCommit(cert, hs.set.validators, this.chainId, { verify: this.verify });
    } catch (err) {
      return this.rejectError(err);
    }
    const hash = this.app.valueHash(value);
    if (!sameBlock(hash, cert.blockHash)) return this.reject('BFT_WRONG_BLOCK', 'the value does not hash to the committed block');
    this.finish(cert.round, hash, value, cert);
  }

  // ---------------------------------------------------------------- rules

  /** Runs the upon-rules until none applies. */
  private progress(): void {
    for (let guard = 0; guard < 100_000; guard++) {
      if (!this.hs) return;
      if (this.tryDecide()) continue;
      if (this.step === 'commit') return;
      if (this.tryRoundSkip() || this.tryUnlock() || this.tryRestoreValid() || this.tryPrevote() || this.tryPrevoteWait() || this.tryPolka() || this.tryPrecommitWait()) continue;
      return;
    }
    throw new Error('BftEngine: rules did not settle');
  }

  /** L49: 2f+1 precommits for a block at some round and its value known and valid: decide. */
  private tryDecide(): boolean {
    const hs = this.hs!;
    if (this.decision) return false;
    for (const r of hs.sortedRounds()) {
      const rs = hs.rounds.get(r)!;
      const key = rs.precommits.majority();
      if (key === null || key === NIL) continue;
      const sv = hs.values.get(key);
      if (!sv) {
        this.want(key, rs.precommits.votesFor(key)[0].vote.blockHash!);
        continue;
      }
      if (sv.validity !== 'valid') continue;
      this.finish(r, sv.hash, sv.value, buildCommit(hs.height, r, sv.hash, rs.precommits.votesFor(key)));
      return true;
    }
    return false;
  }

  /** L55: validators with more than 1/3 of the power are beyond our round: jump to the highest round they all reached. */
  private tryRoundSkip(): boolean {
    const hs = this.hs!;
    const ahead: number[] = [];
    for (let i = 0; i < hs.maxRound.length; i++) if (hs.maxRound[i] > this.round) ahead.push(i);
    if (ahead.length === 0) return false;
    ahead.sort((a, b) => hs.maxRound[b] - hs.maxRound[a] || a - b);
    let power = 0n;
    for (const i of ahead) {
      power += hs.set.validators[i].power;
      if (hs.set.hasOneThird(power)) {
        this.startRound(hs.maxRound[i]);
        return true;
      }
    }
    return false;
  }

  /**
   * CometBFT's unlock: a polka at a round in (lockedRound, round] for anything but the locked
   * block (nil included) releases the lock.
   */
  protected tryUnlock(): boolean {
    const hs = this.hs!;
    if (this.lockedRound < 0) return false;
    for (const r of hs.sortedRounds()) {
      if (r <= this.lockedRound || r > this.round) continue;
      const key = hs.rounds.get(r)!.prevotes.majority();
      if (key !== null && key !== this.lockedKey) {
        this.lockedKey = null;
        this.lockedHash = null;
        this.lockedRound = -1;
        return true;
      }
    }
    return false;
  }

  /**
   * validRound >= lockedRound holds whenever a lock is taken (L36-L43); after a restart restored
   * the lock without the value, re-establish it once the locked block's bytes are known and valid.
   */
  private tryRestoreValid(): boolean {
    if (this.lockedKey === null || this.validRound >= this.lockedRound) return false;
    if (this.hs!.values.get(this.lockedKey)?.validity !== 'valid') return false;
    this.validKey = this.lockedKey;
    this.validRound = this.lockedRound;
    return true;
  }

  /** L22 / L28: prevote on the round's proposal once its value is judged (and, with a POL round, its polka seen). */
  private tryPrevote(): boolean {
    const hs = this.hs!;
    if (this.step !== 'propose') return false;
    const first = hs.rounds.get(this.round)?.proposals[0];
    if (!first) return false;
    const sv = hs.values.get(first.key)!;
    if (sv.validity === 'pending') return false;
    const pol = first.signed.proposal.polRound;
    // L28: a re-proposal counts only with 2f+1 prevotes for it at its POL round (CometBFT isProposalComplete).
    if (pol !== null && hs.rounds.get(pol)?.prevotes.majority() !== first.key) return false;
    this.prevote(this.prevoteChoice(sv.validity === 'valid' ? sv.hash : null));
    return true;
  }

  /**
   * What to prevote given the proposal's block if it is valid (null: no proposal, or an invalid
   * one). CometBFT: a locked node prevotes its locked block; otherwise the valid proposal, or nil.
   */
  protected prevoteChoice(validProposal: Uint8Array | null): Uint8Array | null {
    if (this.lockedKey !== null) return this.lockedHash;
    return validProposal;
  }

  /** L34: 2f+1 prevotes of any kind in our round while in prevote: arm the prevote timer once. */
  private tryPrevoteWait(): boolean {
    const rs = this.hs!.round(this.round);
    if (this.step !== 'prevote' || rs.prevoteWaitArmed || !rs.prevotes.hasTwoThirdsAny()) return false;
    rs.prevoteWaitArmed = true;
    this.schedule('prevote');
    return true;
  }

  /** L36 / L44 with CometBFT's lock renewal: act on a polka of our round. */
  private tryPolka(): boolean {
    const hs = this.hs!;
    const rs = hs.round(this.round);
    const key = rs.prevotes.majority();
    if (key === null || this.step === 'propose') return false;
    if (key === NIL) {
      // L44: 2f+1 prevotes for nil: precommit nil (the unlock rule has released any lock).
      if (this.step !== 'prevote') return false;
      this.precommit(null);
      return true;
    }
    if (rs.polkaHandled) return false;
    const sv = hs.values.get(key);
    if (key === this.lockedKey) {
      // CometBFT: a polka for the block we are locked on renews the lock at this round.
      rs.polkaHandled = true;
      if (sv?.validity === 'valid') this.setValid(key);
      if (this.step === 'prevote') {
        this.lockedRound = this.round;
        this.precommit(this.lockedHash);
      }
      return true;
    }
    if (!sv) {
      this.want(key, rs.prevotes.votesFor(key)[0].vote.blockHash!);
      return false;
    }
    if (sv.validity !== 'valid') return false;
    rs.polkaHandled = true;
    if (this.step === 'prevote') {
      // L38-L41: lock on v and precommit it.
      this.lockedKey = key;
      this.lockedHash = sv.hash;
      this.lockedRound = this.round;
      this.precommit(sv.hash);
    }
    // L42-L43: validValue = v, validRound = round.
    this.setValid(key);
    return true;
  }

  /** L47: 2f+1 precommits of any kind in our round: arm the precommit timer once. */
  private tryPrecommitWait(): boolean {
    const rs = this.hs!.round(this.round);
    if (rs.precommitWaitArmed || !rs.precommits.hasTwoThirdsAny()) return false;
    rs.precommitWaitArmed = true;
    this.schedule('precommit');
    return true;
  }

  // ---------------------------------------------------------------- transitions

  /** L11 StartRound. */
  private startRound(round: number): void {
    const hs = this.hs!;
    this.round = round;
    this.step = 'propose';
    this.awaitingValue = null;
    hs.round(round);
    this.schedule('propose');
    if (this.myIndex < 0 || compareBytes(hs.set.proposer(round).address, this.signer!.address) !== 0) return;
    if (this.validKey !== null) {
      // L15: re-propose validValue with validRound as its proof-of-lock round.
      const sv = hs.values.get(this.validKey)!;
      return this.propose(sv.value, sv.hash, this.validRound);
    }
    const value = this.app.proposeValue(hs.height, round);
    if (value === null) this.awaitingValue = round;
    else this.propose(value, this.app.valueHash(value), -1);
  }

  private propose(value: Uint8Array, hash: Uint8Array, polRound: number): void {
    const hs = this.hs!;
    const proposal = { height: hs.height, round: this.round, blockHash: hash, polRound: polRound >= 0 ? polRound : null };
    let signed: SignedProposal;
    try {
      signed = this.signer!.signProposal(proposal);
    } catch (err) {
      this.out.push({ kind: 'signRefused', height: hs.height, round: this.round, step: 'proposal', reason: (err as Error).message });
      return;
    }
    const key = blockKey(hash);
    const rs = hs.round(this.round);
    if (!rs.proposals.some((p) => p.key === key)) rs.proposals.push({ signed, key });
    this.addValue(key, hash, value, true);
    this.out.push({ kind: 'broadcastProposal', proposal: signed, value });
  }

  private prevote(hash: Uint8Array | null): void {
    this.step = 'prevote';
    this.signVote('prevote', hash);
  }

  private precommit(hash: Uint8Array | null): void {
    this.step = 'precommit';
    // A block precommit is a lock: hand its polka and bytes to the signer, which keeps them with the sign state.
    let proof: LockProof | undefined;
    if (hash !== null) {
      const key = blockKey(hash);
      const value = this.hs!.values.get(key)?.value;
      proof = { polka: this.hs!.round(this.round).prevotes.votesFor(key), value: value ?? new Uint8Array(0) };
    }
    this.signVote('precommit', hash, proof);
  }

  private signVote(type: VoteType, blockHash: Uint8Array | null, proof?: LockProof): void {
    const hs = this.hs!;
    if (this.myIndex < 0) return;
    const vote = { type, height: hs.height, round: this.round, blockHash, validatorIndex: this.myIndex, validatorAddress: this.signer!.address };
    let signed: SignedVote;
    try {
      signed = this.signer!.signVote(vote, proof);
    } catch (err) {
      this.out.push({ kind: 'signRefused', height: hs.height, round: this.round, step: type, reason: (err as Error).message });
      return;
    }
    this.record(hs.round(this.round).votes(type), signed);
    this.out.push({ kind: 'broadcastVote', vote: signed });
  }

  /** Counts a verified vote; a validator's first equivocation in a vote set becomes evidence. */
  private record(set: VoteSet, sv: SignedVote): void {
    const r = set.add(sv);
    this.noteRound(sv.vote.validatorIndex, sv.vote.round);
    if (r.status === 'conflict') this.out.push({ kind: 'evidence', evidence: makeDuplicateVoteEvidence(r.existing, sv) });
  }

  private finish(round: number, blockHash: Uint8Array, value: Uint8Array, certificate: CommitCertificate): void {
    const hs = this.hs!;
    this.precommitDecided(round, blockHash, value);
    this.decision = { round, blockHash, value, certificate };
    this.step = 'commit';
    this.out.push({ kind: 'decide', height: hs.height, round, blockHash, value, certificate });
    this.schedule('commit');
  }

  /**
   * A validator that learns the decision before it voted (its check of the block ended after the
   * others' precommits came) still precommits the decided block at the decision round, unless it
   * already precommitted there or has moved past that round (the signer never goes back): its
   * signature can then join the certificate the proposer builds in the commit wait (CometBFT's
   * LastCommit gathers such late precommits) and count for its liveness. 2f+1 precommits for the
   * block in that round imply a polka for it there, so an honest validator may sign this one.
   */
  private precommitDecided(round: number, blockHash: Uint8Array, value: Uint8Array): void {
    if (this.myIndex < 0 || round !== this.round) return;
    const rs = this.hs!.round(round);
    if (rs.precommits.voted(this.myIndex)) return;
    this.signVote('precommit', blockHash, { polka: rs.prevotes.votesFor(blockKey(blockHash)), value });
  }

  private setValid(key: BlockKey): void {
    this.validKey = key;
    this.validRound = this.round;
  }

  private addValue(key: BlockKey, hash: Uint8Array, value: Uint8Array, trusted: boolean): void {
    const hs = this.hs!;
    if (hs.values.has(key)) return;
    const sv: StoredValue = { value, hash, validity: trusted ? 'valid' : 'pending' };
    hs.values.set(key, sv);
    if (trusted) return;
    const verdict = this.app.validateValue(hs.height, value, hash);
    if (verdict !== null) sv.validity = verdict ? 'valid' : 'invalid';
  }

  private want(key: BlockKey, hash: Uint8Array): void {
    const hs = this.hs!;
    if (hs.wanted.has(key)) return;
    hs.wanted.add(key);
    this.out.push({ kind: 'needValue', height: hs.height, blockHash: hash });
  }

  private noteRound(index: number, round: number): void {
    const hs = this.hs!;
    if (index >= 0 && round > hs.maxRound[index]) hs.maxRound[index] = round;
  }

  private schedule(step: TimeoutStep): void {
    this.out.push({ kind: 'scheduleTimeout', height: this.hs!.height, round: this.round, step, durationMs: timeoutDuration(this.timeouts, step, this.round) });
  }

  private hold(e: BftEvent): void {
    if (this.buffer.length < this.maxBuffered) this.buffer.push(e);
  }

  private reject(code: string, reason: string): void {
    this.out.push({ kind: 'rejected', code, reason });
  }

  private rejectError(err: unknown): void {
    if (err instanceof BftError) return this.reject(err.code, err.message);
    throw err;
  }
}
