/**
 * A pooled transaction with what policy needs precomputed, and the fee arithmetic the mempool
 * ranks by. Priority is the effective tip per gas at the next block's base fee,
 * min(maxTipPerGas, maxFeePerGas - baseFee) (EIP-1559); ties go to the earlier arrival. Also the
 * listing row of an entry.
 */
import type { PreparedTx } from '../primitives/tx.js';
import { hashToDisplay } from '../encoding/hex.js';
import { encodeAddress } from '../crypto/address.js';
import type { MempoolTxInfo } from './types.js';

/** One transaction in the pool. */
export interface PoolEntry {
  readonly ptx: PreparedTx;
  /** Hex of the sender address (map key). */
  readonly sender: string;
  readonly nonce: bigint;
  readonly maxFeePerGas: bigint;
  readonly maxTipPerGas: bigint;
  /** Gas the transaction uses (from `StateMachine.plan`; fixed, nothing is refunded). */
  readonly gas: bigint;
  /** Encoded size in bytes. */
  readonly size: number;
  /** Arrival order (strictly increasing): the tie-break between equal tips. */
  readonly seq: number;
  /** Arrival time in seconds (the mempool's clock), for expiry and listings. */
  readonly addedAt: number;
}

/** Effective tip per gas at `baseFee`: min(maxTip, maxFee - baseFee); negative when the fee cap is below the base fee. */
export function effectiveTip(e: Pick<PoolEntry, 'maxFeePerGas' | 'maxTipPerGas'>, baseFee: bigint): bigint {
  const headroom = e.maxFeePerGas - baseFee;
  return e.maxTipPerGas < headroom ? e.maxTipPerGas : headroom;
}

/**
 * Fee the transaction pays if included at `baseFee`: gas * min(maxFee, baseFee + maxTip), the
 * same price as `feeSplit` (and never more than the cap when the cap is below the base fee).
 */
export function feeAt(e: Pick<PoolEntry, 'maxFeePerGas' | 'maxTipPerGas' | 'gas'>, baseFee: bigint): bigint {
  const price = baseFee + e.maxTipPerGas;
  return e.gas * (e.maxFeePerGas < price ? e.maxFeePerGas : price);
}

/** True when `a` (tip `ta`) ranks above `b` (tip `tb`): higher tip, then earlier arrival. */
export function outranks(a: PoolEntry, ta: bigint, b: PoolEntry, tb: bigint): boolean {
  return ta > tb || (ta === tb && a.seq < b.seq);
}

/**
 * Replace-by-fee rule (geth's `PriceBump`): the replacement must raise both maxFeePerGas and
 * maxTipPerGas strictly and by at least `bumpPercent` percent (compared exactly, without rounding down).
 */
export function isSufficientBump(old: Pick<PoolEntry, 'maxFeePerGas' | 'maxTipPerGas'>, next: Pick<PoolEntry, 'maxFeePerGas' | 'maxTipPerGas'>, bumpPercent: bigint): boolean {
  const ok = (o: bigint, n: bigint) => n > o && n * 100n >= o * (100n + bumpPercent);
  return ok(old.maxFeePerGas, next.maxFeePerGas) && ok(old.maxTipPerGas, next.maxTipPerGas);
}

/** The listing row of an entry, with its priority at `baseFee`. */
export function entryInfo(e: PoolEntry, baseFee: bigint): MempoolTxInfo {
  const { ptx } = e;
  return { id: hashToDisplay(ptx.id), key: ptx.key, sender: encodeAddress(ptx.sender), nonce: e.nonce, tipPerGas: effectiveTip(e, baseFee), gas: e.gas, bytes: e.size, addedAt: e.addedAt };
}
