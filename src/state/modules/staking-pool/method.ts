/**
 * What RPC and tests may read of the staking pool: its holdings and totals, the exchange rate
 * (exact pooled / shares, and an 18-decimal string), pending rewards and fee, its validators and
 * queue, and a user's shares and their value.
 */
import { formatDec, ratioDec } from '../../../util/decimal.js';
import type { ProofOfStakeParams } from '../../../params/staking.js';
import type { StateReader } from '../../state-view.js';
import { balanceOf, getAccount } from '../accounts/method.js';
import { pendingPoolRewards, poolHoldings, poolStateOf, valueOfShares, type PoolHoldings } from './accounting.js';
import { activeValidators, exitingValidators, operatorQueue, poolValidatorStore, tickets, type PoolState, type PoolValidator } from './stores.js';

/** The pool's holdings, totals and share arithmetic. */
export { poolHoldings, poolStateOf, sharesForDeposit, valueOfShares, type PoolHoldings } from './accounting.js';
/** Module name and record types. */
export { STAKING_POOL, type PoolState, type PoolValidator, type Ticket } from './stores.js';

/** The pool's status: totals, holdings, the rate, what harvesting would add, validators and queue. */
export interface PoolStatus {
  readonly state: PoolState;
  readonly holdings: PoolHoldings;
  /** pooled / totalShares as an exact decimal string with 18 places (1 with no shares). */
  readonly rate: string;
  /** The same after harvesting now (what the next deposit or withdrawal will see). */
  readonly rateAfterHarvest: string;
  readonly pendingRewards: bigint;
  readonly pendingFee: bigint;
  readonly validators: Array<{ address: Uint8Array } & PoolValidator>;
  readonly exiting: Uint8Array[];
  readonly queuedOperators: number;
  readonly ticketsWaiting: number;
}

function rateOf(pooled: bigint, shares: bigint): string {
  return shares === 0n ? '1' : formatDec(ratioDec(pooled < 0n ? 0n : pooled, shares));
}

/** The pool's status now. */
export function poolStatus(state: StateReader, p: ProofOfStakeParams): PoolStatus {
  const s = poolStateOf(state);
  const holdings = poolHoldings(state);
  const pending = pendingPoolRewards(state, p);
  return {
    state: s,
    holdings,
    rate: rateOf(holdings.pooled, s.totalShares),
    rateAfterHarvest: rateOf(holdings.pooled + pending.rewards - pending.fee, s.totalShares),
    pendingRewards: pending.rewards,
    pendingFee: pending.fee,
    validators: activeValidators.items(state).map((address) => ({ address, ...poolValidatorStore.get(state, address)! })),
    exiting: exitingValidators.items(state),
    queuedOperators: operatorQueue.length(state),
    ticketsWaiting: tickets.length(state),
  };
}

/** A user's pool shares and what they are worth now. */
export function poolPosition(state: StateReader, user: Uint8Array): { shares: bigint; value: bigint } {
  const s = poolStateOf(state);
  const shares = balanceOf(getAccount(state, user), s.assetId);
  const { pooled } = poolHoldings(state);
  return { shares, value: pooled > 0n ? valueOfShares(pooled, s.totalShares, shares) : 0n };
}
