/**
 * Duplicate-vote evidence (CometBFT `DuplicateVoteEvidence`): two votes by one validator for the
 * same height, round and type naming different blocks (nil counts as a block id), both validly
 * signed. The engine only reports it; the application verifies it again when it is included in a
 * block and slashes. The pair is stored in one canonical order (vote A's block id sorts first, nil
 * lowest) so one equivocation has exactly one encoding and one hash.
 * Browser-safe.
 */
import { decode, encode, struct, type Infer } from '../../encoding/codec.js';
import { sha256 } from '../../crypto/hash.js';
import { addressOfPublicKey } from '../../crypto/address.js';
import { BftError } from './errors.js';
import { SignedVote, sameBlock, verifyVoteSignature, type VerifyFn } from './messages.js';
import { compareBytes } from './validator-set.js';
import { validatorList, type CommitValidators } from './commit.js';

/** Two conflicting signed votes of one validator. */
export const DuplicateVoteEvidence = struct('BftDuplicateVoteEvidence', { voteA: SignedVote, voteB: SignedVote });
/** Two conflicting signed votes of one validator. */
export type DuplicateVoteEvidence = Infer<typeof DuplicateVoteEvidence>;

/** Order of block ids inside evidence: nil first, then bytewise. */
function compareBlockIds(a: Uint8Array | null, b: Uint8Array | null): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return compareBytes(a, b);
}

/** Builds evidence from two conflicting votes, in canonical order. Throws unless they conflict. */
export function makeDuplicateVoteEvidence(a: SignedVote, b: SignedVote): DuplicateVoteEvidence {
  checkConflict(a, b);
  return compareBlockIds(a.vote.blockHash, b.vote.blockHash) < 0 ? { voteA: a, voteB: b } : { voteA: b, voteB: a };
}

function checkConflict(a: SignedVote, b: SignedVote): void {
  const x = a.vote;
  const y = b.vote;
  if (x.type !== y.type || x.height !== y.height || x.round !== y.round) throw new BftError('BFT_EVIDENCE_INVALID', 'the votes differ in type, height or round');
  if (x.validatorIndex !== y.validatorIndex || compareBytes(x.validatorAddress, y.validatorAddress) !== 0) {
    throw new BftError('BFT_EVIDENCE_INVALID', 'the votes are from different validators');
  }
  if (sameBlock(x.blockHash, y.blockHash)) throw new BftError('BFT_EVIDENCE_INVALID', 'the votes are for the same block');
}

/**
 * Verifies evidence against the validator set of its height on network `chainId`: canonical
 * order, a real conflict, a validator of that set at the stated index, and both signatures valid.
 * Returns the offending validator's index; throws BFT_EVIDENCE_INVALID (or the signature code).
 */
export function verifyDuplicateVoteEvidence(ev: DuplicateVoteEvidence, validatorSet: CommitValidators, chainId: number, verify?: VerifyFn): number {
  const validators = validatorList(validatorSet);
  checkConflict(ev.voteA, ev.voteB);
  if (compareBlockIds(ev.voteA.vote.blockHash, ev.voteB.vote.blockHash) >= 0) throw new BftError('BFT_EVIDENCE_INVALID', 'evidence votes are not in canonical order');
  const index = ev.voteA.vote.validatorIndex;
  const val = validators[index];
  if (!val || compareBytes(val.address, ev.voteA.vote.validatorAddress) !== 0) {
    throw new BftError('BFT_EVIDENCE_INVALID', `validator index ${index} is not that address in the set of height ${ev.voteA.vote.height}`);
  }
  verifyVoteSignature(chainId, ev.voteA, val.publicKey, verify);
  verifyVoteSignature(chainId, ev.voteB, val.publicKey, verify);
  return index;
}

/**
 * Verifies evidence with the offender's consensus key when the full set of its height is no longer
 * at hand (a chain keeps only recent sets; the key is in the validator's record): canonical order,
 * a real conflict, both votes naming the key's address, and both signatures valid. The caller
 * checks that the validator was in the set at that height. Returns the offender's address.
 */
export function verifyDuplicateVoteEvidenceWithKey(ev: DuplicateVoteEvidence, publicKey: Uint8Array, chainId: number, verify?: VerifyFn): Uint8Array {
  checkConflict(ev.voteA, ev.voteB);
  if (compareBlockIds(ev.voteA.vote.blockHash, ev.voteB.vote.blockHash) >= 0) throw new BftError('BFT_EVIDENCE_INVALID', 'evidence votes are not in canonical order');
  const address = addressOfPublicKey(publicKey);
  if (compareBytes(address, ev.voteA.vote.validatorAddress) !== 0) throw new BftError('BFT_EVIDENCE_INVALID', 'the votes do not name the address of this key');
  verifyVoteSignature(chainId, ev.voteA, publicKey, verify);
  verifyVoteSignature(chainId, ev.voteB, publicKey, verify);
  return address;
}

/** Canonical bytes of evidence. */
export function encodeEvidence(ev: DuplicateVoteEvidence): Uint8Array {
  return encode(DuplicateVoteEvidence, ev);
}

/** Decodes evidence (DecodeError on anything non-canonical). */
export function decodeEvidence(b: Uint8Array): DuplicateVoteEvidence {
  return decode(DuplicateVoteEvidence, b, 1024);
}

/** Identifier of evidence: SHA-256 of its canonical encoding (for de-duplication and the evidence store). */
export function evidenceHash(ev: DuplicateVoteEvidence): Uint8Array {
  return sha256(encodeEvidence(ev));
}
