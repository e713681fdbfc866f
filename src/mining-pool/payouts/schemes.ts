/**
 * The payout schemes, as exact integer arithmetic on base units and share weights (a share's
 * weight is its difficulty x 2^32: difficulty.ts). Fees are in basis points (1% = 100).
 *
 * PPLNS ("pay per last N shares", by difficulty): when a block is found, the window is the newest
 * shares, the finding share first, back until their weights add up to N x the block's network
 * difficulty (the last share counted only in part, so the window is exactly that much work; all
 * shares when the pool has seen less). At maturity the block reward (subsidy + tips) less the fee
 * is split by window weight: address a gets floor(net x w_a / W). The rounding dust stays with the
 * pool, with the fee. An orphaned block credits nothing.
 *
 * PPS ("pay per share"): every accepted share is worth its expected share of the block subsidy,
 * floor(subsidy x w x (10000 - fee) / (network weight x 10000)), credited when it is accepted;
 * the pool keeps tips and carries the luck (orphaned blocks included).
 */
import { bytesToHex, compareBytes } from '../../encoding/hex.js';
import type { AddressAmount } from '../ledger/records.js';

/** Basis points in one. */
export const BPS = 10_000n;

/** Checks a fee in basis points. */
export function checkFeeBps(feeBps: number): bigint {
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > 10_000) throw new RangeError(`fee must be 0..10000 basis points, got ${feeBps}`);
  return BigInt(feeBps);
}

/** One share as the window sees it. */
export interface WindowShare {
  readonly address: Uint8Array;
  readonly weight: bigint;
}

/**
 * The PPLNS window: weight per address of the newest shares (newest first in `shares`) up to
 * `windowWeight` in total, the oldest share taken in part. Sorted by address bytes.
 */
export function pplnsWindow(shares: readonly WindowShare[], windowWeight: bigint): AddressAmount[] {
  const by = new Map<string, AddressAmount>();
  let left = windowWeight;
  for (const s of shares) {
    if (left <= 0n) break;
    const take = s.weight < left ? s.weight : left;
    left -= take;
    const k = bytesToHex(s.address);
    const cur = by.get(k);
    by.set(k, { address: s.address, amount: (cur?.amount ?? 0n) + take });
  }
  return [...by.values()].sort((a, b) => compareBytes(a.address, b.address));
}

/** What a confirmed PPLNS block credits: per address, and the pool's part (fee + dust). */
export interface PplnsSplit {
  readonly credits: AddressAmount[];
  readonly fee: bigint;
}

/** Splits a block reward over a PPLNS window (rules in the file comment). */
export function pplnsSplit(reward: bigint, feeBps: number, window: readonly AddressAmount[]): PplnsSplit {
  const feeRate = checkFeeBps(feeBps);
  let fee = (reward * feeRate) / BPS;
  const net = reward - fee;
  const total = window.reduce((a, w) => a + w.amount, 0n);
  if (total === 0n) return { credits: [], fee: reward };
  const credits: AddressAmount[] = [];
  let paid = 0n;
  for (const w of window) {
    const amount = (net * w.amount) / total;
    paid += amount;
    if (amount > 0n) credits.push({ address: w.address, amount });
  }
  fee += net - paid;
  return { credits, fee };
}

/** The PPS credit of one share (rule in the file comment). */
export function ppsCredit(subsidy: bigint, shareWeight: bigint, netWeight: bigint, feeBps: number): bigint {
  const feeRate = checkFeeBps(feeBps);
  if (netWeight <= 0n) return 0n;
  return (subsidy * shareWeight * (BPS - feeRate)) / (netWeight * BPS);
}
