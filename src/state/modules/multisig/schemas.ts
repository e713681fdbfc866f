/** Parameters of the multisig module's commands (Safe: owners, threshold, nonce-bound actions). */
import { list, str, struct, u32, u64, varBytes, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';

/** Most owners of one multisig. */
export const MAX_OWNERS = 32;
/** Largest encoded params of a proposed action (a transaction's params are at most 16 KiB). */
export const MAX_ACTION_BYTES = 8 * 1024;

/** multisig.create parameters: unique owners and 1 <= threshold <= owners (Safe OwnerManager.setupOwners). */
export const CreateParams = struct('MultisigCreateParams', { owners: list(address, MAX_OWNERS), threshold: u32 });
/** multisig.create parameters. */
export type CreateParams = Infer<typeof CreateParams>;

/**
 * multisig.propose parameters: the action (any module.command with encoded params) to run as the
 * multisig at `nonce`, valid up to and including block height `expiresAt`.
 */
export const ProposeParams = struct('MultisigProposeParams', {
  multisig: address,
  nonce: u64,
  module: str(32),
  command: str(32),
  params: varBytes(MAX_ACTION_BYTES),
  expiresAt: u64,
});
/** multisig.propose parameters. */
export type ProposeParams = Infer<typeof ProposeParams>;

/** multisig.approve and multisig.execute parameters: one proposal of one multisig. */
export const ProposalRef = struct('MultisigProposalRef', { multisig: address, proposalId: u64 });
/** multisig.approve / multisig.execute parameters. */
export type ProposalRef = Infer<typeof ProposalRef>;

/** multisig.addOwner / multisig.removeOwner parameters (Safe addOwnerWithThreshold / removeOwner). */
export const OwnerParams = struct('MultisigOwnerParams', { owner: address, threshold: u32 });
/** multisig.addOwner / multisig.removeOwner parameters. */
export type OwnerParams = Infer<typeof OwnerParams>;

/** multisig.cancel parameters: none; proposed at a nonce, it uses that nonce up and does nothing else (Safe's rejection). */
export const CancelParams = struct('MultisigCancelParams', {});
/** multisig.cancel parameters. */
export type CancelParams = Infer<typeof CancelParams>;

/** multisig.changeThreshold parameters. */
export const ThresholdParams = struct('MultisigThresholdParams', { threshold: u32 });
/** multisig.changeThreshold parameters. */
export type ThresholdParams = Infer<typeof ThresholdParams>;
