/**
 * Why a reward was paid, in words: its cause as staking_getRewards records it (block provision, tips,
 * commission, pool fee) and the occasion, read from the transactions of the block it was paid in
 * (distribution pays a delegator's rewards on a claim, and automatically before its delegation
 * changes: distribution/events.ts RewardsPaidEvent; the pool's operator fee is paid when the pool
 * harvests, which every pool deposit, withdrawal or harvest does; staking-pool/pool.ts).
 */

/** The kinds of reward staking_getRewards reports. */
export type RewardCause = 'provision' | 'tip' | 'commission' | 'poolFee';

/** The part of a transaction the occasion is read from. */
export interface TxSummary {
  readonly sender: string;
  readonly module: string;
  readonly command: string;
}

/** The cause in words. */
export const CAUSE_TEXT: Readonly<Record<RewardCause, string>> = {
  provision: 'delegation reward: block provision',
  tip: 'delegation reward: tips',
  commission: 'validator commission',
  poolFee: 'staking-pool operator fee',
};

const DELEGATION_CHANGES = new Set(['delegate', 'undelegate', 'redelegate', 'cancelUnbonding']);

/**
 * How a reward of `cause` to `account` came to be paid in a block with `txs`: "claimed",
 * "auto-paid on a delegation change (staking.delegate)", "paid by a pool harvest (staking-pool.deposit)",
 * and so on; "paid in block processing" when none of the block's transactions explains it.
 */
export function rewardOccasion(cause: RewardCause, account: string, txs: readonly TxSummary[]): string {
  const own = txs.filter((t) => t.sender === account);
  const name = (t: TxSummary) => `${t.module}.${t.command}`;
  if (cause === 'poolFee') {
    const pool = txs.find((t) => t.module === 'staking-pool');
    return pool ? `paid by a pool harvest (${name(pool)})` : 'paid by a pool harvest';
  }
  if (cause === 'commission') {
    const c = own.find((t) => t.module === 'distribution' && t.command === 'claimCommission');
    return c ? `claimed (${name(c)})` : 'paid in block processing';
  }
  const claim = own.find((t) => t.module === 'distribution' && (t.command === 'claim' || t.command === 'claimAll'));
  if (claim) return `claimed (${name(claim)})`;
  const change = own.find((t) => t.module === 'staking' && DELEGATION_CHANGES.has(t.command));
  if (change) return `auto-paid on a delegation change (${name(change)})`;
  const pool = own.find((t) => t.module === 'staking-pool');
  if (pool) return `auto-paid to the pool (${name(pool)})`;
  return 'paid in block processing';
}
