/**
 * Stores of the staking pool (Kele Pool / Rocket Pool): the pool's totals, the queue of node
 * operators waiting for a validator, the validators it funded (active, and exiting with stake on
 * its way back), the withdrawal tickets in completion order, and a transient record of the pooled
 * total before a slash (so the event can show the rate before and after).
 */
import { bool, bytes, struct, u128, u32, u64, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { Deque, IndexedSet } from '../../collections.js';
import { Store } from '../../store.js';

/** Module name. */
export const STAKING_POOL = 'staking-pool';

/** The pool's totals. */
export const PoolState = struct('PoolState', {
  /** Asset id of the share token. */
  assetId: u32,
  /** Shares in existence (the share token's supply). */
  totalShares: u128,
  /** CWC promised to withdrawal tickets not yet paid. */
  owed: u128,
  /** All time: deposited, paid to tickets, rewards kept (after the fee), fees paid, slashed away. */
  deposited: u128,
  withdrawn: u128,
  rewardsKept: u128,
  feesPaid: u128,
  /** Validators funded so far. */
  funded: u32,
});
/** The pool's totals. */
export type PoolState = Infer<typeof PoolState>;

/** An operator waiting for the pool to fund a validator with its consensus key. */
export const QueuedOperator = struct('QueuedOperator', { operator: address, publicKey: bytes(33) });
/** A validator the pool funded. */
export const PoolValidator = struct('PoolValidator', { operator: address, index: u32, fundedHeight: u64, exited: bool });
/** A validator the pool funded. */
export type PoolValidator = Infer<typeof PoolValidator>;
/** A withdrawal: `amount` CWC owed to `user` from `completionTime`. */
export const Ticket = struct('WithdrawalTicket', { user: address, amount: u128, completionTime: u64 });
/** A withdrawal ticket. */
export type Ticket = Infer<typeof Ticket>;

/** The pool (key `s`). */
export const poolStore = new Store(STAKING_POOL, 'pool', PoolState);
/** Operators in funding order. */
export const operatorQueue = new Deque(STAKING_POOL, 'operators', QueuedOperator);
/** Consensus keys waiting in the queue (one slot per key). */
export const queuedKeyStore = new Store(STAKING_POOL, 'queuedKey', bool);
/** Pool validators by address. */
export const poolValidatorStore = new Store(STAKING_POOL, 'validator', PoolValidator);
/** Pool validators holding the pool's stake. */
export const activeValidators = new IndexedSet(STAKING_POOL, 'active', 20);
/** Pool validators whose stake is unbonding back to the pool. */
export const exitingValidators = new IndexedSet(STAKING_POOL, 'exiting', 20);
/** Withdrawal tickets in completion order. */
export const tickets = new Deque(STAKING_POOL, 'tickets', Ticket);
/** Pooled total before a slash of a pool validator (key `b`; deleted by the end of the slash). */
export const slashBeforeStore = new Store(STAKING_POOL, 'slashBefore', u128);
