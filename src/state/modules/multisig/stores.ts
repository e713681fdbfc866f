/**
 * Multisig state: the account record (owners, threshold, Safe's strictly sequential nonce, the
 * queue of pending proposals) and one record per proposal, keyed by multisig address | u64be(id).
 */
import { enumOf, hash256, list, optional, str, struct, u32, u64, varBytes, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { Store } from '../../store.js';
import { MAX_ACTION_BYTES, MAX_OWNERS } from './schemas.js';

/** Most proposals one multisig may have pending at once. */
export const MAX_PENDING = 64;

/** A multisig account. */
export const Multisig = struct('Multisig', {
  owners: list(address, MAX_OWNERS),
  threshold: u32,
  /** Nonce the next executed proposal must target (Safe: strictly sequential). */
  nonce: u64,
  nextProposalId: u64,
  /** Ids of proposals still pending, oldest first. */
  pending: list(u64, MAX_PENDING),
  creator: address,
});
/** A multisig account. */
export type Multisig = Infer<typeof Multisig>;

/** Lifecycle of a proposal: `failed` means executed with an inner failure (its nonce is used up). */
export const ProposalStatus = enumOf('ProposalStatus', ['pending', 'executed', 'failed', 'voided', 'expired'] as const);
/** Lifecycle of a proposal. */
export type ProposalStatus = Infer<typeof ProposalStatus>;

/** A proposed action and its approvals. */
export const Proposal = struct('Proposal', {
  id: u64,
  nonce: u64,
  module: str(32),
  command: str(32),
  params: varBytes(MAX_ACTION_BYTES),
  /** Hash of (chain id, multisig, nonce, action, expiry): what owners approve (Safe's safeTxHash). */
  actionHash: hash256,
  proposer: address,
  approvals: list(address, MAX_OWNERS),
  createdAt: u64,
  expiresAt: u64,
  status: ProposalStatus,
  /** `CODE: message` of the inner failure, when `failed`. */
  result: optional(str(512)),
});
/** A proposal. */
export type Proposal = Infer<typeof Proposal>;

/** Multisig accounts by address. */
export const multisigStore = new Store('multisig', 'account', Multisig);
/** Proposals by multisig address | u64be(proposal id). */
export const proposalStore = new Store('multisig', 'proposal', Proposal);
/** How many multisigs each account has created: the address derivation counter. */
export const createdStore = new Store('multisig', 'created', u64);
