/**
 * Reports over a governed asset's history, computed from committed events (receipts) so anyone can
 * audit them: the collateral ratio after every reserve attestation and supply change, with running
 * totals by cause. Pure functions: the caller (RPC, tests) supplies the blocks' events in order.
 */
import { decode } from '../../../encoding/codec.js';
import type { EventRecord, EventType } from '../../events.js';
import { AttestedEvent, MintedEvent, RedeemedEvent, WipedEvent } from './events.js';
import { BPS } from './schemas.js';

/** One block's events, oldest block first. */
export interface TimelineBlock {
  readonly height: number;
  readonly time: number;
  readonly events: readonly EventRecord[];
}

/** A point of the collateral timeline: the position right after one event. */
export interface CollateralPoint {
  readonly height: number;
  readonly time: number;
  readonly cause: 'attest' | 'mint' | 'redeem' | 'wipe';
  /** Amount minted, redeemed or wiped; the attested reserve for `attest`. */
  readonly amount: bigint;
  readonly reserve: bigint;
  readonly supply: bigint;
  /** floor(reserve x 10000 / supply); null while supply is 0. */
  readonly ratioBps: bigint | null;
  /** Running totals of supply changes by cause. */
  readonly minted: bigint;
  readonly redeemed: bigint;
  readonly wiped: bigint;
}

function is<T>(e: EventRecord, t: EventType<T>): boolean {
  return e.module === t.module && e.name === t.name;
}

/** The collateral ratio of `assetId` after every attestation, mint, redemption and wipe. */
export function collateralTimeline(blocks: readonly TimelineBlock[], assetId: number): CollateralPoint[] {
  const out: CollateralPoint[] = [];
  let reserve = 0n;
  let supply = 0n;
  let minted = 0n;
  let redeemed = 0n;
  let wiped = 0n;
  for (const b of blocks) {
    for (const e of b.events) {
      let cause: CollateralPoint['cause'];
      let amount: bigint;
      if (is(e, AttestedEvent)) {
        const d = decode(AttestedEvent.schema, e.data);
        if (d.assetId !== assetId) continue;
        [cause, amount, reserve, supply] = ['attest', d.reserve, d.reserve, d.supply];
      } else if (is(e, MintedEvent)) {
        const d = decode(MintedEvent.schema, e.data);
        if (d.assetId !== assetId) continue;
        [cause, amount, supply] = ['mint', d.amount, d.supply];
        minted += d.amount;
      } else if (is(e, RedeemedEvent)) {
        const d = decode(RedeemedEvent.schema, e.data);
        if (d.assetId !== assetId) continue;
        [cause, amount, supply] = ['redeem', d.amount, d.supply];
        redeemed += d.amount;
      } else if (is(e, WipedEvent)) {
        const d = decode(WipedEvent.schema, e.data);
        if (d.assetId !== assetId) continue;
        [cause, amount, supply] = ['wipe', d.amount, d.supply];
        wiped += d.amount;
      } else continue;
      out.push({ height: b.height, time: b.time, cause, amount, reserve, supply, ratioBps: supply === 0n ? null : (reserve * BPS) / supply, minted, redeemed, wiped });
    }
  }
  return out;
}
