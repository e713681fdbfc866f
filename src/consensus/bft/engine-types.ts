/**
 * Inputs and outputs of the BFT state machine. The host (node service or simulator) turns network
 * messages, fired timers and application answers into events, calls `BftEngine.handle`, and
 * carries out the actions it returns: send messages, arm timers, apply decided blocks, report
 * evidence. The engine itself does no I/O and reads no clock.
 */
import type { CommitCertificate } from './commit.js';
import type { DuplicateVoteEvidence } from './evidence.js';
import type { SignedProposal, SignedVote } from './messages.js';
import type { TimeoutStep } from './timeouts.js';

/** Where a restarted validator picks up: the round it last signed in, the lock it then held, its last votes. */
export interface ResumePoint {
  readonly round: number;
  /**
   * The block of its last non-nil precommit at this height (Algorithm 1 locks exactly then), with
   * the polka that justified it and, if the host still has them, the block's bytes.
   */
  readonly lock: { readonly round: number; readonly blockHash: Uint8Array; readonly polka?: readonly SignedVote[]; readonly value?: Uint8Array } | null;
  /** Its last signed votes at this height: counted and sent again. */
  readonly votes?: readonly SignedVote[];
}

/** An input of the engine. */
export type BftEvent =
  /** Enter `height` (the first height, or after a restart; later heights follow commit timeouts). */
  | { readonly kind: 'startHeight'; readonly height: bigint; readonly resume?: ResumePoint }
  /** A proposal with the value (block) it names, from the network. */
  | { readonly kind: 'proposal'; readonly proposal: SignedProposal; readonly value: Uint8Array }
  /** A vote from the network. */
  | { readonly kind: 'vote'; readonly vote: SignedVote }
  /** A timer armed by a `scheduleTimeout` action fired. */
  | { readonly kind: 'timeout'; readonly height: bigint; readonly round: number; readonly step: TimeoutStep }
  /** The application's late verdict on a value (after `validateValue` answered null). */
  | { readonly kind: 'valueValidated'; readonly height: bigint; readonly blockHash: Uint8Array; readonly valid: boolean }
  /** The application's late value to propose (after `proposeValue` answered null). */
  | { readonly kind: 'valueReady'; readonly height: bigint; readonly round: number; readonly value: Uint8Array }
  /** A value fetched after a `needValue` action. */
  | { readonly kind: 'value'; readonly height: bigint; readonly value: Uint8Array }
  /** A decided block with its certificate (block sync, or a peer's answer to a lagging node). */
  | { readonly kind: 'commit'; readonly certificate: CommitCertificate; readonly value: Uint8Array };

/** An output of the engine. */
export type BftAction =
  | { readonly kind: 'broadcastProposal'; readonly proposal: SignedProposal; readonly value: Uint8Array }
  | { readonly kind: 'broadcastVote'; readonly vote: SignedVote }
  /** Arm a timer; when it fires, feed back `{ kind: 'timeout', height, round, step }`. */
  | { readonly kind: 'scheduleTimeout'; readonly height: bigint; readonly round: number; readonly step: TimeoutStep; readonly durationMs: number }
  /** `value` is final at `height`; `certificate` proves it (put it in the next block). */
  | { readonly kind: 'decide'; readonly height: bigint; readonly round: number; readonly blockHash: Uint8Array; readonly value: Uint8Array; readonly certificate: CommitCertificate }
  /** A validator equivocated; the evidence is verified and ready for gossip and inclusion. */
  | { readonly kind: 'evidence'; readonly evidence: DuplicateVoteEvidence }
  /** A polka or 2/3 precommits name a block this node lacks (or a restart lost it): fetch it, feed a `value` event. */
  | { readonly kind: 'needValue'; readonly height: bigint; readonly blockHash: Uint8Array }
  /** A message from the network broke a rule (for peer scoring); it was ignored. */
  | { readonly kind: 'rejected'; readonly code: string; readonly reason: string }
  /** The signer refused to sign (double-sign guard or storage failure); the round goes on without it. */
  | { readonly kind: 'signRefused'; readonly height: bigint; readonly round: number; readonly step: 'proposal' | 'prevote' | 'precommit'; readonly reason: string };

/** The engine's position, for RPC (`consensus_getStatus`) and logs. */
export interface BftStatus {
  readonly height: bigint | null;
  readonly round: number;
  readonly step: 'propose' | 'prevote' | 'precommit' | 'commit' | 'idle';
  readonly proposer: Uint8Array | null;
  readonly lockedRound: number;
  readonly lockedBlock: Uint8Array | null;
  readonly validRound: number;
  readonly validBlock: Uint8Array | null;
}
