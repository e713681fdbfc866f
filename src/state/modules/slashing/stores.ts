/**
 * Stores of the slashing module (Cosmos x/slashing): each validator's signing info with the
 * missed-block bit array of its rolling window, and the block times of recent heights in chunks of
 * 64 (so the age of evidence can be measured in block time, not just blocks).
 */
import { enumOf, list, str, struct, u128, u32, u64, varBytes, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { Store } from '../../store.js';

/** Module name. */
export const SLASHING = 'slashing';
/** Heights per block-time chunk. */
export const TIME_CHUNK = 64n;
/** Largest signing window (bits of the missed array). */
export const MAX_WINDOW = 10_000;

/** A validator's liveness record. */
export const SigningInfo = struct('SigningInfo', {
  /** First height its signatures count from (set when it joins the active set). */
  startHeight: u64,
  /** Signatures handled since the last reset; the window position is indexOffset mod window. */
  indexOffset: u64,
  /** Missed blocks in the window. */
  missedCount: u32,
  /** The window's missed-block bits. */
  missed: varBytes(MAX_WINDOW / 8),
});
/** A signing info. */
export type SigningInfo = Infer<typeof SigningInfo>;

/** Signing infos by validator address. */
export const signingInfoStore = new Store(SLASHING, 'signingInfo', SigningInfo);
/** Block times by u64be(height / 64): the times of those 64 heights in order. */
export const blockTimesStore = new Store(SLASHING, 'blockTimes', list(u64, Number(TIME_CHUNK)));
/** The oldest chunk of block times kept (key `f`). */
export const firstChunkStore = new Store(SLASHING, 'firstChunk', u64);

/** Punishments and refusals kept for `staking_getEvidence`. */
export const RECENT_PUNISHMENTS = 64;
/** A punishment (or refused evidence) as reports show it. */
export const Punishment = struct('Punishment', {
  /** Height of the block that handled it. */
  height: u64,
  validator: address,
  kind: enumOf('PunishmentKind', ['double-sign', 'downtime', 'refused'] as const),
  /** Height of the misbehaviour (evidence height, or the height the downtime was counted at). */
  at: u64,
  /** Tokens burned (0 for refused evidence). */
  burned: u128,
  /** Why evidence was refused ('' otherwise). */
  reason: str(32),
});
/** A punishment record. */
export type Punishment = Infer<typeof Punishment>;
/** The most recent punishments, oldest first (key `r`). */
export const punishmentsStore = new Store(SLASHING, 'punishments', list(Punishment, RECENT_PUNISHMENTS));
