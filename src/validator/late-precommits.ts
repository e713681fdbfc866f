/**
 * Precommits for the parent's block that arrive after this node has moved on to the next height.
 * The certificate a block carries (its parent's commit) may hold more than the 2/3 that decided the
 * parent: CometBFT's LastCommit gathers late precommits during timeout_commit. A node that entered
 * the next height ignores votes of the height before it, so a validator whose precommit is always
 * later than the commit wait (a slower machine) would never be seen to sign, and would be jailed for
 * downtime while signing. These precommits are checked against the parent's validator set (index,
 * address, signature) and added to the certificate just before this node proposes.
 */
import type { CommitCertificate, CommitSig } from '../consensus/bft/commit.js';
import { sameBlock, verifyVoteSignature, type SignedVote, type VerifyFn } from '../consensus/bft/messages.js';
import { compareBytes, type ValidatorSet } from '../consensus/bft/validator-set.js';

/** Late precommits for one certificate. */
export class LatePrecommits {
  private cert: CommitCertificate | null = null;
  private set: ValidatorSet | undefined;
  private readonly late = new Map<number, Uint8Array>();

  /** Starts over for `cert`, the parent's certificate, whose height's validator set is `set`. */
  reset(cert: CommitCertificate | null, set: ValidatorSet | undefined): void {
    this.cert = cert;
    this.set = set;
    this.late.clear();
  }

  /**
   * Offers `sv`: kept when it is a valid precommit for the certificate's block and round that the
   * certificate lacks; `forged` when it claims to be one but its validator index, address or
   * signature is wrong (the sender's fault); otherwise `unused`.
   */
  offer(sv: SignedVote, chainId: number, verify?: VerifyFn): 'kept' | 'forged' | 'unused' {
    const c = this.cert;
    const v = sv.vote;
    if (!c || !this.set || v.type !== 'precommit' || v.height !== c.height || v.round !== c.round || !sameBlock(v.blockHash, c.blockHash)) return 'unused';
    if (this.late.has(v.validatorIndex) || c.signatures.some((s) => s.validatorIndex === v.validatorIndex)) return 'unused';
    const val = this.set.at(v.validatorIndex);
    if (!val || compareBytes(val.address, v.validatorAddress) !== 0) return 'forged';
    try {
      verifyVoteSignature(chainId, sv, val.publicKey, verify);
    } catch {
      return 'forged';
    }
    this.late.set(v.validatorIndex, sv.signature);
    return 'kept';
  }

  /** The certificate with the late precommits added (indexes increasing), or `cert` unchanged when there are none or it is another. */
  merged(cert: CommitCertificate): CommitCertificate {
    if (this.late.size === 0 || cert !== this.cert) return cert;
    const signatures: CommitSig[] = [...cert.signatures, ...[...this.late].map(([validatorIndex, signature]) => ({ validatorIndex, signature }))];
    signatures.sort((a, b) => a.validatorIndex - b.validatorIndex);
    return { ...cert, signatures };
  }
}
