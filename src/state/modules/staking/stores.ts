/**
 * Stores of the staking module (Cosmos x/staking's keeper layout, over a state without iteration):
 * validators and their list, delegations (shares) with a per-delegator index, unbonding and
 * redelegation entries per pair with per-validator indexes (slashing reaches them) and time queues
 * (maturity), the tokens history of each validator (the stake at an infraction height), the active
 * sets by the height they take effect from, and the totals the bonded pool must match.
 */
import { bool, bytes, list, struct, u128, u32, u64, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { Deque, IndexedSet, keyOf } from '../../collections.js';
import { Store } from '../../store.js';

/** Module name (key prefix and transaction `module`). */
export const STAKING = 'staking';
/** Compressed secp256k1 public key length. */
export const PUBLIC_KEY_BYTES = 33;
/** Capacity of an entry list; the live limit is `StakingParams.maxEntries` (7). */
export const ENTRY_LIST_CAP = 32;
/** Most validators one active set may hold (votes carry a u16 index). */
export const MAX_SET_SIZE = 10_000;
/** Bonded intervals remembered per validator (which sets it was in, for old evidence). */
export const BONDED_INTERVALS = 8;

/** A validator's commission: rate now, the cap it may never exceed, the most it may move per change, when it last moved. */
export const Commission = struct('Commission', { rate: u64, maxRate: u64, maxChangeRate: u64, updatedAt: u64 });
/** A validator's commission. */
export type Commission = Infer<typeof Commission>;

/** A stretch of heights a validator was in the active set (`until` 0 while it still is). */
export const BondedInterval = struct('BondedInterval', { from: u64, until: u64 });

/**
 * A validator. Its address is the address of its consensus key (the BFT engine's validator
 * address), so the engine's proposer, signers and evidence name it directly. `tokens` are the
 * stake behind it, `shares` the delegator shares issued against them (a slash lowers tokens only,
 * so every share is worth less). `selfDelegator` is whose delegation counts as self-stake: the
 * operator, or the staking pool for a validator it funds.
 */
export const Validator = struct('Validator', {
  address,
  operator: address,
  selfDelegator: address,
  rewardAddress: address,
  publicKey: bytes(PUBLIC_KEY_BYTES),
  tokens: u128,
  shares: u128,
  commission: Commission,
  jailed: bool,
  /** Block time from which `unjail` is allowed (u64 max for ever). */
  jailedUntil: u64,
  tombstoned: bool,
  /** In the most recently computed active set. */
  bonded: bool,
  createdHeight: u64,
  bondedIntervals: list(BondedInterval, BONDED_INTERVALS),
});
/** A validator. */
export type Validator = Infer<typeof Validator>;

/** A delegation: shares of one validator held by one delegator. */
export const Delegation = struct('Delegation', { shares: u128 });
/** A delegation. */
export type Delegation = Infer<typeof Delegation>;

/** Tokens on their way out: slashable until `completionTime` for infractions before it began. */
export const UnbondingEntry = struct('UnbondingEntry', { creationHeight: u64, completionTime: u64, initialBalance: u128, balance: u128 });
/** An unbonding entry. */
export type UnbondingEntry = Infer<typeof UnbondingEntry>;
/** Unbonding entries of one (delegator, validator). */
export const Unbonding = struct('Unbonding', { entries: list(UnbondingEntry, ENTRY_LIST_CAP) });

/** A redelegation, tracked until it matures: the source's slashes reach the shares it bought at the destination. */
export const RedelegationEntry = struct('RedelegationEntry', { creationHeight: u64, completionTime: u64, initialBalance: u128, sharesDst: u128 });
/** A redelegation entry. */
export type RedelegationEntry = Infer<typeof RedelegationEntry>;
/** Redelegation entries of one (delegator, source, destination). */
export const Redelegation = struct('Redelegation', { entries: list(RedelegationEntry, ENTRY_LIST_CAP) });

/** One member of an active set, in set order (power descending, address ascending). */
export const SetMember = struct('SetMember', { address, publicKey: bytes(PUBLIC_KEY_BYTES), power: u64 });
/** A member of an active set. */
export type SetMember = Infer<typeof SetMember>;
/** The active set from some height on. */
export const ActiveSet = struct('ActiveSet', { validators: list(SetMember, MAX_SET_SIZE) });

/** Totals the bonded-pool account must hold: validators' tokens and unbonding balances; and the bonded part (mint's bonded ratio). */
export const Totals = struct('StakingTotals', { staked: u128, unbonding: u128, bonded: u128 });
/** Staking totals. */
export type Totals = Infer<typeof Totals>;

/** Validators by address. */
export const validatorStore = new Store(STAKING, 'validator', Validator);
/** Validator address by consensus public key (one key, one validator). */
export const publicKeyStore = new Store(STAKING, 'publicKey', address);
/** Every validator address. */
export const validatorList = new IndexedSet(STAKING, 'validators', 20);
/** Delegations by delegator | validator. */
export const delegationStore = new Store(STAKING, 'delegation', Delegation);
/** Validators each delegator delegates to. */
export const delegatorValidators = new IndexedSet(STAKING, 'delegatorValidators', 20);
/** Unbonding entries by delegator | validator. */
export const unbondingStore = new Store(STAKING, 'unbonding', Unbonding);
/** Delegators with unbonding entries, per validator (slashing). */
export const validatorUnbondings = new IndexedSet(STAKING, 'validatorUnbondings', 20);
/** Validators a delegator is unbonding from. */
export const delegatorUnbondings = new IndexedSet(STAKING, 'delegatorUnbondings', 20);
/** Redelegation entries by delegator | source | destination. */
export const redelegationStore = new Store(STAKING, 'redelegation', Redelegation);
/** (delegator | destination) pairs redelegating away from each source validator (slashing). */
export const sourceRedelegations = new IndexedSet(STAKING, 'sourceRedelegations', 40);
/** (source | destination) pairs of each delegator's redelegations. */
export const delegatorRedelegations = new IndexedSet(STAKING, 'delegatorRedelegations', 40);
/** Immature redelegation entries INTO a validator, by delegator | destination (the no-hopping rule). */
export const incomingStore = new Store(STAKING, 'incoming', u32);

/** Unbondings in completion order. */
export const unbondingQueue = new Deque(STAKING, 'unbondingQueue', struct('UnbondingQueued', { delegator: address, validator: address, completionTime: u64 }));
/** Redelegations in maturity order. */
export const redelegationQueue = new Deque(STAKING, 'redelegationQueue', struct('RedelegationQueued', { delegator: address, src: address, dst: address, completionTime: u64 }));
/** Each validator's tokens at the end of every block they changed in (owner: validator). */
export const tokenHistory = new Deque(STAKING, 'tokens', struct('TokensAt', { height: u64, time: u64, tokens: u128 }));

/** Active sets by u64be(height they take effect from). */
export const setStore = new Store(STAKING, 'set', ActiveSet);
/** Heights (ascending) of the active sets still kept (key `i`). */
export const setIndexStore = new Store(STAKING, 'setIndex', list(u64, 16));
/** Totals (key `t`). */
export const totalsStore = new Store(STAKING, 'totals', Totals);
/** Set within a block when powers or membership may have changed (key `d`; deleted at the end of the block, so never committed). */
export const dirtyStore = new Store(STAKING, 'dirty', bool);

/** Key of a (delegator, validator) pair. */
export function pairKey(delegator: Uint8Array, validator: Uint8Array): Uint8Array {
  return keyOf(delegator, validator);
}

/** Key of a (delegator, source, destination) triple. */
export function tripleKey(delegator: Uint8Array, src: Uint8Array, dst: Uint8Array): Uint8Array {
  return keyOf(delegator, src, dst);
}
