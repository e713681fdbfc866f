/**
 * Block times of recent heights, kept for the unbonding period (the evidence age rule): one record
 * per 64 heights, dropped once its last block is older than the unbonding period; and the list of
 * recent punishments reports read.
 */
import { u64Key } from '../../collections.js';
import type { StateReader, StateWriter } from '../../state-view.js';
import { blockTimesStore, firstChunkStore, punishmentsStore, RECENT_PUNISHMENTS, TIME_CHUNK, type Punishment } from './stores.js';

/** Records the time of block `height` (heights are recorded in order, from genesis). */
export function recordBlockTime(state: StateWriter, height: bigint, time: number, keepSeconds: number): void {
  const chunk = height / TIME_CHUNK;
  const times = blockTimesStore.get(state, u64Key(chunk)) ?? [];
  blockTimesStore.set(state, u64Key(chunk), [...times.slice(0, Number(height % TIME_CHUNK)), BigInt(time)]);
  if (height % TIME_CHUNK !== 0n) return;
  const cutoff = BigInt(time) - BigInt(keepSeconds);
  let first = firstChunkStore.get(state, 'f') ?? 0n;
  while (first < chunk) {
    const old = blockTimesStore.get(state, u64Key(first));
    if (old && old[old.length - 1] >= cutoff) break;
    blockTimesStore.del(state, u64Key(first));
    first++;
  }
  firstChunkStore.set(state, 'f', first);
}

/** The time of block `height`, if still kept. */
export function blockTimeAt(state: StateReader, height: bigint): number | undefined {
  const times = blockTimesStore.get(state, u64Key(height / TIME_CHUNK));
  const t = times?.[Number(height % TIME_CHUNK)];
  return t === undefined ? undefined : Number(t);
}

/** Appends a punishment to the recent list (the oldest drops out). */
export function recordPunishment(state: StateWriter, p: Punishment): void {
  const list = punishmentsStore.get(state, 'r') ?? [];
  punishmentsStore.set(state, 'r', [...list, p].slice(-RECENT_PUNISHMENTS));
}
