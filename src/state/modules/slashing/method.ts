/** What RPC and tests may read of slashing: signing infos, the window's limits, recent block times, and why evidence would be refused. */
import type { StateReader } from '../../state-view.js';
import { punishmentsStore, signingInfoStore, type Punishment, type SigningInfo } from './stores.js';

/** The kept time of a recent block. */
export { blockTimeAt } from './block-times.js';
/** Why evidence would be refused (null: it would be punished). */
export { evidenceRefusal } from './evidence.js';
/** Blocks of the window a validator may miss. */
export { maxMissed } from './liveness.js';
/** Module name and record types. */
export { SLASHING, type Punishment, type SigningInfo } from './stores.js';

/** A validator's signing info, if it ever joined the active set. */
export function signingInfoOf(state: StateReader, validator: Uint8Array): SigningInfo | undefined {
  return signingInfoStore.get(state, validator);
}

/** The most recent punishments and refused evidence, oldest first. */
export function recentPunishments(state: StateReader): Punishment[] {
  return punishmentsStore.get(state, 'r') ?? [];
}
