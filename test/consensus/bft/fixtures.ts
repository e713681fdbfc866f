/** Shared fixtures of the BFT tests: deterministic validator keys, a set, and vote/proposal signing. */
import { ValidatorSet } from '../../../src/consensus/bft/validator-set.js';
import { proposalSignDigest, voteSignDigest, type Proposal, type SignedProposal, type SignedVote, type Vote, type VoteType } from '../../../src/consensus/bft/messages.js';
import { testKeys, type TestKey } from '../../../src/testing/keys.js';
import { sha256 } from '../../../src/crypto/hash.js';

export const CHAIN_ID = 77;
export const keys: TestKey[] = testKeys(7, 'bft fixtures');

/** A set of the first `n` keys with the given powers (default 1 each). */
export function makeSet(n = 4, powers?: bigint[]): ValidatorSet {
  return ValidatorSet.genesis(keys.slice(0, n).map((k, i) => ({ publicKey: k.publicKey, power: powers?.[i] ?? 1n })));
}

/** The key of the validator at `index` of `set`. */
export function keyAt(set: ValidatorSet, index: number): TestKey {
  const a = set.validators[index].address;
  return keys.find((k) => k.address.every((b, i) => b === a[i]))!;
}

/** A vote by validator `index` of `set`, signed for `chainId`. */
export function vote(set: ValidatorSet, index: number, type: VoteType, height: bigint, round: number, blockHash: Uint8Array | null, chainId = CHAIN_ID): SignedVote {
  const v: Vote = { type, height, round, blockHash, validatorIndex: index, validatorAddress: set.validators[index].address };
  return { vote: v, signature: keyAt(set, index).sign(voteSignDigest(chainId, v)) };
}

/** A proposal signed by `key`. */
export function proposal(key: TestKey, height: bigint, round: number, blockHash: Uint8Array, polRound: number | null = null, chainId = CHAIN_ID): SignedProposal {
  const p: Proposal = { height, round, blockHash, polRound };
  return { proposal: p, signature: key.sign(proposalSignDigest(chainId, p)) };
}

/** A 32-byte block id from a label. */
export function hashOf(label: string): Uint8Array {
  return sha256(new TextEncoder().encode(label));
}
