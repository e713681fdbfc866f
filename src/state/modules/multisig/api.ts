/**
 * RPC interface of the multisig module (schema-only, browser-safe): `multisig_get`,
 * `multisig_pending`, `multisig_proposal`, `multisig_events`, `multisig_nextAddress`.
 */
import { AddressParam, BigUintParam, TrailOptionsParam, trailDefaults } from '../../../api/params.js';
import { defineSpec, optionalParam, param } from '../../../api/spec.js';
import { Address, Arr, Bool, Dec, Hash, Hex, JsonValue, Nullable, Obj, Str, StrEnum, TrailPage, Uint } from '../../../api/wire.js';
import * as S from './schemas.js';

const U64_MAX = (1n << 64n) - 1n;

/** A governed asset whose mint or compliance group a multisig is. */
export const GroupRole = Obj({ assetId: Uint, symbol: Str, role: StrEnum(['mint', 'compliance']) });

/** A multisig account (multisig_get). */
export const Multisig = Obj({
  address: Address,
  owners: Arr(Address),
  threshold: Uint,
  /** Nonce the next executed proposal must target. */
  nonce: Dec,
  nextProposalId: Dec,
  /** Ids of pending proposals, oldest first. */
  pending: Arr(Dec),
  creator: Address,
  /** Governed assets whose mint or compliance group it is. */
  governs: Arr(GroupRole),
});

/** A proposal with its counting approvals and whether it can execute now. */
export const Proposal = Obj({
  multisig: Address,
  proposalId: Dec,
  nonce: Dec,
  module: Str,
  command: Str,
  /** Encoded action params, hex. */
  params: Hex,
  decodedParams: JsonValue('the params as JSON (null if the command is unknown or they do not decode)'),
  /** What owners approve (chain JSON form of the hash). */
  actionHash: Hash,
  proposer: Address,
  /** Every approval recorded. */
  approvals: Arr(Address),
  /** Approvals that count: those of current owners. */
  countingApprovals: Arr(Address),
  approvalCount: Uint,
  threshold: Uint,
  createdAt: Uint,
  /** Last height at which it may be approved or executed. */
  expiresAt: Uint,
  status: StrEnum(['pending', 'executed', 'failed', 'voided', 'expired']),
  /** `CODE: message` of a failed action. */
  result: Nullable(Str),
  /** Past its expiry at the next block (`height` of the report). */
  expired: Bool,
  /** Pending, unexpired, on the current nonce with enough counting approvals: `multisig execute` would run it. */
  executable: Bool,
  /**
   * Where it stands in the queue (Safe's queue view): `needs-approvals` (on the current nonce),
   * `queued` (on a later nonce: it waits for `waitsForNonce` to be used, by its proposal executing
   * or a `multisig cancel` there), `ready` (it executes with the next approval or execute),
   * `expired`, or `closed` (not pending).
   */
  queue: Obj({
    state: StrEnum(['needs-approvals', 'queued', 'ready', 'expired', 'closed']),
    /** Approvals from current owners still needed to reach the threshold. */
    approvalsNeeded: Uint,
    /** The nonce that must be used first (the multisig's current one), for a queued proposal. */
    waitsForNonce: Nullable(Dec),
  }),
});

/** Pending proposals of a multisig (multisig_pending). */
export const MultisigPending = Obj({
  multisig: Address,
  nonce: Dec,
  threshold: Uint,
  /** Height the `expired` / `executable` flags are computed for: the next block's. */
  height: Uint,
  proposals: Arr(Proposal),
});

/** The address of the next multisig a creator makes (multisig_nextAddress). */
export const NextMultisig = Obj({ creator: Address, index: Dec, address: Address });

const MULTISIG_DESC = 'multisig address (cw1...)';

/** multisig_get. */
export const multisigGet = defineSpec({
  name: 'multisig_get',
  summary: 'A multisig account at the head: owners, threshold, nonce (the one the next executed proposal must target), next proposal id, pending proposal ids, creator, and the governed assets it is the mint or compliance group of; -32001 if the address is not a multisig.',
  params: [param('address', AddressParam(), MULTISIG_DESC)],
  result: { name: 'multisig', schema: Multisig },
});

/** multisig_pending. */
export const multisigPending = defineSpec({
  name: 'multisig_pending',
  summary:
    'Pending proposals of a multisig, oldest first, as of the next block: each with its action (decoded params), approvals recorded and counting (current owners only), threshold, executable (current nonce and enough approvals) and expired; -32001 if the address is not a multisig.',
  params: [param('address', AddressParam(), MULTISIG_DESC)],
  result: { name: 'pending', schema: MultisigPending },
});

/** multisig_proposal. */
export const multisigProposal = defineSpec({
  name: 'multisig_proposal',
  summary:
    'A proposal of a multisig by id: action (decoded params), proposer, approvals recorded and counting, threshold, status (pending, executed, failed, voided, expired), the failure of a failed action, and expired / executable as of the next block; -32001 when unknown.',
  params: [param('address', AddressParam(), MULTISIG_DESC), param('proposalId', BigUintParam(U64_MAX), 'proposal id (decimal string, or a JSON integer)')],
  result: { name: 'proposal', schema: Proposal },
});

/** multisig_events. */
export const multisigEvents = defineSpec({
  name: 'multisig_events',
  summary:
    'The event trail of a multisig, oldest first: created, proposed, approved (counting approvals), executed (ok / error), voided, expired, ownerAdded, ownerRemoved, thresholdChanged, with height, time, block hash, tx id and event JSON. Paged like asset_events. An address that never was a multisig has an empty trail.',
  params: [param('address', AddressParam(), MULTISIG_DESC), optionalParam('options', TrailOptionsParam(false), trailDefaults(false), '{fromHeight?, limit?}')],
  result: { name: 'trail', schema: TrailPage },
});

/** multisig_nextAddress. */
export const multisigNextAddress = defineSpec({
  name: 'multisig_nextAddress',
  summary:
    "Address of the next multisig `creator` creates, as of the head: sha256('multisig' | creator | u64be(index))[0:20] where index counts the multisigs it created before (each of its multisig.create transactions still pending takes the next index).",
  params: [param('creator', AddressParam(), 'creating account (cw1...)')],
  result: { name: 'next', schema: NextMultisig },
});

/** Params codec of each multisig command (the same objects its commands declare; test/state/command-params.test.ts holds them equal). */
export const commandParams = { create: S.CreateParams, propose: S.ProposeParams, approve: S.ProposalRef, execute: S.ProposalRef, addOwner: S.OwnerParams, removeOwner: S.OwnerParams, changeThreshold: S.ThresholdParams, cancel: S.CancelParams } as const;
