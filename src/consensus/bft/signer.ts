/**
 * Double-sign protection for a validator key, after CometBFT's privval `FilePV` "last sign state".
 *
 * Before signing, the (height, round, step) of the message (step: proposal 1, prevote 2,
 * precommit 3) is compared with the last one signed:
 * - lower: refused (height, round or step regression);
 * - equal: the same message again gets the same signature back (a restarted validator asked to
 *   redo its last step), a different one is refused (that would be an equivocation);
 * - higher: signed, and the new state is saved through the store BEFORE the signature leaves this
 *   object, so a crash after the message went out can never let the validator forget it.
 * The state also remembers the last non-nil precommit of the height, which is the lock the
 * validator held; `resumePoint` gives both to the engine after a restart.
 * Browser-safe; the file-backed store is `sign-state-file.ts` (node only).
 */
import { bytes, decode, encode, hash256, list, optional, struct, u32, u64, u8, varBytes, type Infer } from '../../encoding/codec.js';
import { addressOfPublicKey } from '../../crypto/address.js';
import type { ConsensusSigner, LockProof } from './app.js';
import type { ResumePoint } from './engine-types.js';
import { BftError } from './errors.js';
import { proposalSignDigest, SignedVote, voteSignDigest, type Proposal, type SignedProposal, type Vote } from './messages.js';
import { compareBytes, MAX_VALIDATORS } from './validator-set.js';

/** Largest block kept with a lock in the sign state. */
export const MAX_LOCKED_VALUE_BYTES = 8 * 1024 * 1024;

/** Own votes of the current height kept in the sign state (two per round: the last eight rounds). */
export const KEPT_VOTES = 16;

/** Step numbers of the sign state (CometBFT stepPropose / stepPrevote / stepPrecommit). */
export const SIGN_STEP = { proposal: 1, prevote: 2, precommit: 3 } as const;

/** What the guard persists after every signature. */
export const SignState = struct('BftSignState', {
  height: u64,
  round: u32,
  step: u8,
  /** Digest of the last message signed. */
  digest: bytes(32),
  signature: bytes(64),
  /** Last non-nil precommit at `height`: the lock held when the state was written, and the polka behind it. */
  lock: optional(struct('BftSignLock', { round: u32, blockHash: hash256, polka: list(SignedVote, MAX_VALIDATORS), value: varBytes(MAX_LOCKED_VALUE_BYTES) })),
  /** The last votes signed at `height`, oldest first (replayed after a restart, as CometBFT's WAL). */
  votes: list(SignedVote, KEPT_VOTES),
});
/** What the guard persists after every signature. */
export type SignState = Infer<typeof SignState>;

/** Canonical bytes of a sign state. */
export function encodeSignState(s: SignState): Uint8Array {
  return encode(SignState, s);
}

/** Decodes a sign state (DecodeError on anything non-canonical). */
export function decodeSignState(b: Uint8Array): SignState {
  return decode(SignState, b, MAX_LOCKED_VALUE_BYTES + 4 * 1024 * 1024);
}

/** Durable home of the sign state. `save` must not return before the state is durable. */
export interface SignStateStore {
  /** The last saved state, or null for a key that never signed. */
  load(): SignState | null;
  /** Saves durably, or throws (the signature is then withheld). */
  save(state: SignState): void;
}

/** A store in memory, for tests and simulations. */
export class MemorySignStateStore implements SignStateStore {
  private state: SignState | null = null;
  /** Number of successful saves. */
  saves = 0;

  /** The last saved state, or null. */
  load(): SignState | null {
    return this.state;
  }

  /** Keeps the state. */
  save(state: SignState): void {
    this.state = state;
    this.saves++;
  }
}

/** Options of a `DoubleSignGuard`. */
export interface DoubleSignGuardOptions {
  readonly chainId: number;
  /** The validator's 33-byte compressed key. */
  readonly publicKey: Uint8Array;
  /** Signs a 32-byte digest (RFC 6979, low-s): noble `signDigest` or libsecp256k1 in a node. */
  readonly sign: (digest: Uint8Array) => Uint8Array;
  readonly store: SignStateStore;
}

/** A `ConsensusSigner` that never signs two different messages for one height, round and step. */
export class DoubleSignGuard implements ConsensusSigner {
  /** The validator's address. */
  readonly address: Uint8Array;
  private readonly chainId: number;
  private readonly sign: (digest: Uint8Array) => Uint8Array;
  private readonly store: SignStateStore;
  private last: SignState | null;

  constructor(options: DoubleSignGuardOptions) {
    this.chainId = options.chainId;
    this.address = addressOfPublicKey(options.publicKey);
    this.sign = options.sign;
    this.store = options.store;
    this.last = options.store.load();
  }

  /** The last signed (height, round, step) and lock, or null. */
  lastSignState(): SignState | null {
    return this.last;
  }

  /**
   * Where the engine should resume `height` after a restart: the last round signed, the lock then
   * held, and the last votes signed (the engine counts and re-sends them, so a vote that only a
   * faulty peer received before the crash is not lost for good).
   */
  resumePoint(height: bigint): ResumePoint | null {
    const s = this.last;
    if (!s || s.height !== height) return null;
    const votes = s.votes;
    return { round: s.round, lock: s.lock ? { round: s.lock.round, blockHash: s.lock.blockHash, polka: s.lock.polka, value: s.lock.value } : null, votes };
  }

  /** Signs a vote of this validator (keeping the lock proof of a non-nil precommit), or throws BFT_DOUBLE_SIGN. */
  signVote(vote: Vote, proof?: LockProof): SignedVote {
    if (compareBytes(vote.validatorAddress, this.address) !== 0) throw new BftError('BFT_DOUBLE_SIGN', 'refusing to sign a vote for another validator address');
    const lock =
      vote.type === 'precommit' && vote.blockHash !== null
        ? { round: vote.round, blockHash: vote.blockHash, polka: [...(proof?.polka ?? [])], value: proof?.value ?? new Uint8Array(0) }
        : undefined;
    const signature = this.guarded(vote.height, vote.round, SIGN_STEP[vote.type], voteSignDigest(this.chainId, vote), lock, (sig) => ({ vote, signature: sig }));
    return { vote, signature };
  }

  /** Signs a proposal, or throws BFT_DOUBLE_SIGN. */
  signProposal(proposal: Proposal): SignedProposal {
    const signature = this.guarded(proposal.height, proposal.round, SIGN_STEP.proposal, proposalSignDigest(this.chainId, proposal), undefined, () => null);
    return { proposal, signature };
  }

  private guarded(
    height: bigint,
    round: number,
    step: number,
    digest: Uint8Array,
    lock: SignState['lock'] | undefined,
    kept: (signature: Uint8Array) => SignedVote | null,
  ): Uint8Array {
    const s = this.last;
    if (s) {
      const hrs = `${height}/${round}/${step}`;
      const was = `${s.height}/${s.round}/${s.step}`;
      if (height < s.height) throw new BftError('BFT_DOUBLE_SIGN', `height regression: asked to sign ${hrs} after ${was}`);
      if (height === s.height) {
        if (round < s.round) throw new BftError('BFT_DOUBLE_SIGN', `round regression: asked to sign ${hrs} after ${was}`);
        if (round === s.round) {
          if (step < s.step) throw new BftError('BFT_DOUBLE_SIGN', `step regression: asked to sign ${hrs} after ${was}`);
          if (step === s.step) {
            // Same height, round and step: only the very same message may be (re-)signed.
            if (compareBytes(digest, s.digest) === 0) return s.signature;
            throw new BftError('BFT_DOUBLE_SIGN', `conflicting message at ${hrs}: already signed a different one`);
          }
        }
      }
    }
    const signature = this.sign(digest);
    const same = s !== null && s.height === height;
    const vote = kept(signature);
    const votes = [...(same ? s.votes : []), ...(vote ? [vote] : [])].slice(-KEPT_VOTES);
    const next: SignState = { height, round, step, digest, signature, lock: lock ?? (same ? s.lock : null), votes };
    // Persist first: if this throws, the signature never leaves.
    this.store.save(next);
    this.last = next;
    return signature;
  }
}
