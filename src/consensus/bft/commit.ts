/**
 * Commit certificates: the precommit signatures of more than two thirds of the voting power for one
 * block hash at one (height, round). The block of height h + 1 carries the certificate of block h,
 * and a syncing node receives the tip's certificate as its justification, so anyone holding the
 * validator set of height h can check offline that block h is final.
 *
 * A certificate lists only precommits for the block (nil precommits prove nothing), as
 * (validatorIndex, signature) pairs in strictly increasing index order; each signature is over
 * the precommit sign bytes rebuilt from the certificate and the set (`messages.ts`).
 * Browser-safe: a light client runs `verifyCommit` with the pure-JS curve.
 */
import { bytes, decode, encode, hash256, list, struct, u16, u32, u64, type Infer } from '../../encoding/codec.js';
import { BftError } from './errors.js';
import { checkSignature, sameBlock, voteSignDigest, type SignedVote, type VerifyFn, type Vote } from './messages.js';
import { MAX_VALIDATORS } from './validator-set.js';

/** One precommit signature in a certificate. */
export const CommitSig = struct('BftCommitSig', { validatorIndex: u16, signature: bytes(64) });
/** One precommit signature in a certificate. */
export type CommitSig = Infer<typeof CommitSig>;

/** Proof that `blockHash` was committed at `height` (decided in `round`). */
export const CommitCertificate = struct('BftCommitCertificate', {
  height: u64,
  round: u32,
  blockHash: hash256,
  signatures: list(CommitSig, MAX_VALIDATORS),
});
/** Proof that `blockHash` was committed at `height`. */
export type CommitCertificate = Infer<typeof CommitCertificate>;

/** What `verifyCommit` needs of each validator of the height, in set order. */
export interface CommitValidator {
  readonly address: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly power: bigint;
}

/** The validators of a height: a `ValidatorSet` or just its `validators` list. */
export type CommitValidators = readonly CommitValidator[] | { readonly validators: readonly CommitValidator[] };

/** The list form of `CommitValidators`. */
export function validatorList(v: CommitValidators): readonly CommitValidator[] {
  return 'validators' in v ? v.validators : v;
}

/** Options of `verifyCommit`. */
export interface VerifyCommitOptions {
  /** Signature check (default: pure-JS noble; a node passes libsecp256k1). */
  verify?: VerifyFn;
  /** When given, the certificate must be for this height. */
  height?: bigint;
  /** When given, the certificate must be for this block. */
  blockHash?: Uint8Array;
}

/** The precommit a certificate entry stands for. */
export function commitVote(cert: CommitCertificate, validatorIndex: number, validatorAddress: Uint8Array): Vote {
  return { type: 'precommit', height: cert.height, round: cert.round, blockHash: cert.blockHash, validatorIndex, validatorAddress };
}

/**
 * Builds a certificate from precommits for one block at one (height, round). The caller (the
 * engine) passes votes it has verified; entries are sorted by validator index.
 */
export function buildCommit(height: bigint, round: number, blockHash: Uint8Array, precommits: readonly SignedVote[]): CommitCertificate {
  const signatures: CommitSig[] = [];
  for (const p of precommits) {
    const v = p.vote;
    if (v.type !== 'precommit' || v.height !== height || v.round !== round || !sameBlock(v.blockHash, blockHash)) {
      throw new BftError('BFT_MALFORMED', 'buildCommit: a vote is not a precommit for this block, height and round');
    }
    signatures.push({ validatorIndex: v.validatorIndex, signature: p.signature });
  }
  signatures.sort((a, b) => a.validatorIndex - b.validatorIndex);
  for (let i = 1; i < signatures.length; i++) {
    if (signatures[i].validatorIndex === signatures[i - 1].validatorIndex) throw new BftError('BFT_DUPLICATE_SIGNATURE', 'buildCommit: two precommits from one validator');
  }
  return { height, round, blockHash, signatures };
}

/**
 * Verifies a commit certificate against the validator set of its height on network `chainId`:
 * indexes strictly increasing and inside the set, every signature low-s and valid for the
 * precommit it stands for, and more than 2/3 of the total power signed (3 x signed > 2 x total).
 * Returns the signed and total power; throws BftError naming the first broken rule.
 */
export function verifyCommit(
  cert: CommitCertificate,
  validatorSet: CommitValidators,
  chainId: number,
  options: VerifyCommitOptions = {},
): { signedPower: bigint; totalPower: bigint } {
  const validators = validatorList(validatorSet);
  if (options.height !== undefined && cert.height !== options.height) {
    throw new BftError('BFT_WRONG_HEIGHT', `certificate is for height ${cert.height}, expected ${options.height}`);
  }
  if (options.blockHash !== undefined && !sameBlock(cert.blockHash, options.blockHash)) {
    throw new BftError('BFT_WRONG_BLOCK', 'certificate is for another block');
  }
  if (validators.length === 0) throw new BftError('BFT_UNKNOWN_VALIDATOR', 'empty validator set');
  let total = 0n;
  for (const v of validators) total += v.power;
  let signed = 0n;
  let last = -1;
  for (const s of cert.signatures) {
    if (s.validatorIndex <= last) throw new BftError('BFT_DUPLICATE_SIGNATURE', `certificate indexes must increase strictly (index ${s.validatorIndex} after ${last})`);
    last = s.validatorIndex;
    const val = validators[s.validatorIndex];
    if (!val) throw new BftError('BFT_UNKNOWN_VALIDATOR', `certificate names validator index ${s.validatorIndex}, set has ${validators.length}`);
    try {
      checkSignature(s.signature, voteSignDigest(chainId, commitVote(cert, s.validatorIndex, val.address)), val.publicKey, options.verify);
    } catch (e) {
      if (e instanceof BftError) throw new BftError(e.code, `precommit of validator ${s.validatorIndex}: ${e.message}`, { validatorIndex: s.validatorIndex });
      throw e;
    }
    signed += val.power;
  }
  if (!(3n * signed > 2n * total)) {
    throw new BftError('BFT_INSUFFICIENT_POWER', `certificate holds ${signed} of ${total} voting power; more than two thirds is needed`, {
      signedPower: signed.toString(),
      totalPower: total.toString(),
    });
  }
  return { signedPower: signed, totalPower: total };
}

/** Canonical bytes of a certificate. */
export function encodeCommit(cert: CommitCertificate): Uint8Array {
  return encode(CommitCertificate, cert);
}

/** Decodes a certificate (DecodeError on anything non-canonical). */
export function decodeCommit(b: Uint8Array): CommitCertificate {
  return decode(CommitCertificate, b, 16 + MAX_VALIDATORS * 66 + 64);
}
