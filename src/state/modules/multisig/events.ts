/** Events of the multisig module: every step of a proposal's life is on chain (Safe's events). */
import { bool, hash256, list, optional, str, struct, u32, u64 } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { EventType } from '../../events.js';
import { MAX_OWNERS } from './schemas.js';

/** A multisig was created (Safe SafeSetup). */
export const CreatedEvent = new EventType('multisig', 'created', struct('MultisigCreated', { multisig: address, creator: address, owners: list(address, MAX_OWNERS), threshold: u32 }));
/** An owner proposed an action; the proposer's approval counts. */
export const ProposedEvent = new EventType(
  'multisig',
  'proposed',
  struct('MultisigProposed', { multisig: address, proposalId: u64, nonce: u64, module: str(32), command: str(32), actionHash: hash256, proposer: address, expiresAt: u64 }),
);
/** An owner approved a proposal (Safe ApproveHash); `approvals` counts current owners only. */
export const ApprovedEvent = new EventType('multisig', 'approved', struct('MultisigApproved', { multisig: address, proposalId: u64, owner: address, approvals: u32, threshold: u32 }));
/** One field of a failure's structured data (amounts in base units as decimal strings), so readers can word it for people. */
export const ErrorField = struct('MultisigErrorField', { key: str(32), value: str(128) });
/** Most data fields an executed event records of its action's failure. */
export const MAX_ERROR_FIELDS = 16;

/**
 * A proposal executed: `ok` false records the inner failure (Safe ExecutionFailure) as `CODE:
 * message` (base units) and its structured data (`errorData`); the nonce is used up either way.
 */
export const ExecutedEvent = new EventType(
  'multisig',
  'executed',
  struct('MultisigExecuted', {
    multisig: address,
    proposalId: u64,
    nonce: u64,
    module: str(32),
    command: str(32),
    ok: bool,
    error: optional(str(512)),
    errorData: list(ErrorField, MAX_ERROR_FIELDS),
  }),
);
/** A pending proposal was voided because another proposal used its nonce (Safe: one action per nonce). */
export const VoidedEvent = new EventType('multisig', 'voided', struct('MultisigVoided', { multisig: address, proposalId: u64, nonce: u64, byProposalId: u64 }));
/** A pending proposal passed its expiry height and was dropped from the queue. */
export const ExpiredEvent = new EventType('multisig', 'expired', struct('MultisigExpired', { multisig: address, proposalId: u64, expiresAt: u64 }));
/** A cancellation (Safe's rejection) executed: `nonce` is used up with no action, every other proposal on it voided. */
export const CancelledEvent = new EventType('multisig', 'cancelled', struct('MultisigCancelled', { multisig: address, nonce: u64 }));
/** An owner was added by the multisig itself (Safe AddedOwner). */
export const OwnerAddedEvent = new EventType('multisig', 'ownerAdded', struct('MultisigOwnerAdded', { multisig: address, owner: address, threshold: u32 }));
/** An owner was removed by the multisig itself (Safe RemovedOwner); its pending approvals are dropped. */
export const OwnerRemovedEvent = new EventType('multisig', 'ownerRemoved', struct('MultisigOwnerRemoved', { multisig: address, owner: address, threshold: u32, approvalsDropped: u32 }));
/** The threshold changed (Safe ChangedThreshold). */
export const ThresholdChangedEvent = new EventType('multisig', 'thresholdChanged', struct('MultisigThresholdChanged', { multisig: address, threshold: u32 }));

/** Every multisig event type. */
export const multisigEvents = [CreatedEvent, ProposedEvent, ApprovedEvent, ExecutedEvent, VoidedEvent, ExpiredEvent, CancelledEvent, OwnerAddedEvent, OwnerRemovedEvent, ThresholdChangedEvent];
