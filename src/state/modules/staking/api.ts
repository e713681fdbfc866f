/**
 * RPC interface of the staking module (schema-only, browser-safe): `staking_getValidators`,
 * `staking_getValidator`, `staking_getDelegations`, `staking_getEvidence`, the shapes other
 * proof-of-stake reports reuse (rates as exact decimal strings), and the params codecs of its
 * commands.
 */
import { Type } from '@sinclair/typebox';
import { AddressParam } from '../../../api/params.js';
import { defineSpec, param } from '../../../api/spec.js';
import { Address, Arr, Bool, Dec, Hex, Nullable, Obj, Str, StrEnum, Uint } from '../../../api/wire.js';
import * as S from './schemas.js';

/** A fraction as an exact decimal string with up to 18 places (0.05 = 5%). */
export const Rate = Type.String({ pattern: '^(0|[1-9][0-9]*)(\\.[0-9]{1,18})?$', description: 'an exact decimal fraction, e.g. 0.05 for 5%' });

/** Rewards by cause (decimal strings). */
export const RewardsByCause = Obj({ provision: Dec, tip: Dec });

/** A validator as reports show it. */
export const ValidatorView = Obj({
  /** Address of its consensus key: what the engine's proposer, signers and evidence name. */
  address: Address,
  operator: Address,
  /** Whose delegation is its self-stake (the operator, or the staking pool). */
  selfDelegator: Address,
  rewardAddress: Address,
  publicKey: Hex,
  tokens: Dec,
  shares: Dec,
  /** Voting power (tokens / power reduction). */
  power: Dec,
  selfStake: Dec,
  commission: Obj({ rate: Rate, maxRate: Rate, maxChangeRate: Rate, updatedAt: Uint }),
  jailed: Bool,
  /** Block time the jail ends (null: for ever, or not jailed). */
  jailedUntil: Nullable(Uint),
  tombstoned: Bool,
  /** In the most recently computed active set. */
  bonded: Bool,
  createdHeight: Uint,
  /** Commission accrued and not yet claimed. */
  commissionDue: Dec,
  /** Rewards allocated to it and not yet paid (commission included). */
  outstanding: Dec,
});

/** A member of an active set. */
export const SetMemberView = Obj({ address: Address, publicKey: Hex, power: Dec });

/** staking_getValidators. */
export const stakingGetValidators = defineSpec({
  name: 'staking_getValidators',
  summary: 'Every validator at the head, and the active set that signs the next block (set order: power descending, then address), with the staking totals.',
  params: [],
  result: {
    name: 'validators',
    schema: Obj({
      height: Uint,
      activeSet: Obj({ fromHeight: Uint, totalPower: Dec, validators: Arr(SetMemberView) }),
      totals: Obj({ staked: Dec, bonded: Dec, unbonding: Dec }),
      validators: Arr(ValidatorView),
    }),
  },
});

/** A validator's liveness window. */
export const SigningView = Obj({ startHeight: Uint, indexOffset: Dec, missedInWindow: Uint, window: Uint, maxMissed: Uint });

/** staking_getValidator. */
export const stakingGetValidator = defineSpec({
  name: 'staking_getValidator',
  summary: 'One validator at the head: stake, commission, jail, rewards due, its signing window and whether it signs the next block. -32001 if there is none.',
  params: [param('address', AddressParam(), 'validator address (the address of its consensus key)')],
  result: { name: 'validator', schema: Obj({ validator: ValidatorView, signing: Nullable(SigningView), inNextSet: Bool }) },
});

/** staking_getDelegations. */
export const stakingGetDelegations = defineSpec({
  name: 'staking_getDelegations',
  summary: "An account's delegations (shares, what they are worth, pending rewards by cause), unbonding entries and tracked redelegations at the head.",
  params: [param('address', AddressParam(), 'delegator')],
  result: {
    name: 'delegations',
    schema: Obj({
      delegations: Arr(Obj({ validator: Address, shares: Dec, tokens: Dec, pending: RewardsByCause })),
      unbondings: Arr(Obj({ validator: Address, creationHeight: Uint, completionTime: Uint, initialBalance: Dec, balance: Dec })),
      redelegations: Arr(Obj({ src: Address, dst: Address, creationHeight: Uint, completionTime: Uint, initialBalance: Dec, sharesDst: Dec })),
    }),
  },
});

/** staking_getEvidence. */
export const stakingGetEvidence = defineSpec({
  name: 'staking_getEvidence',
  summary: 'The most recent punishments (duplicate votes, downtime) and refused evidence with the reason (expired, tombstoned, future, unknown-validator), oldest first.',
  params: [],
  result: {
    name: 'evidence',
    schema: Arr(Obj({ height: Uint, validator: Address, kind: StrEnum(['double-sign', 'downtime', 'refused']), at: Uint, burned: Dec, reason: Str })),
  },
});

/** Params codec of each staking command (the same objects its commands declare). */
export const commandParams = {
  registerValidator: S.RegisterValidatorParams,
  delegate: S.DelegateParams,
  undelegate: S.UndelegateParams,
  redelegate: S.RedelegateParams,
  cancelUnbonding: S.CancelUnbondingParams,
  editValidator: S.EditValidatorParams,
  unjail: S.UnjailParams,
} as const;
