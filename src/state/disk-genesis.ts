/**
 * Genesis state on the disk-backed world state, built chunk by chunk (`StateMachine.genesisChunk`,
 * `GENESIS_CHUNK` allocations each): every chunk is executed on its own overlay, prepared and
 * handed to `write`, which persists its state commit, its events and the progress marker in one
 * atomic batch, and only then applied. A crash between chunks leaves a consistent state plus the
 * marker, so the build resumes at the next chunk. Memory stays bounded by one chunk.
 */
import type { EventRecord } from './events.js';
import { StateOverlay } from './overlay.js';
import { eventChunkHash } from './receipt.js';
import type { StateMachine } from './state-machine.js';
import type { PreparedCommit } from './state-backend.js';
import type { DiskWorldState } from './disk-world.js';

/** How far a genesis build got: chunks written and the hash of each chunk's events. */
export interface GenesisProgress {
  readonly chunksDone: number;
  readonly chunkHashes: readonly Uint8Array[];
}

/** One chunk to persist atomically with the progress after it. */
export interface GenesisChunkWrite {
  readonly index: number;
  readonly commit: PreparedCommit;
  readonly events: EventRecord[];
  readonly progress: GenesisProgress;
}

/** The built genesis state. */
export interface DiskGenesisState {
  readonly root: Uint8Array;
  readonly chunkHashes: readonly Uint8Array[];
}

/**
 * Builds (or resumes, from `progress`) the genesis state on `world`, which must hold exactly the
 * chunks `progress` says are done. Returns the state root and the event-chunk hashes.
 */
export async function buildDiskGenesis(
  sm: StateMachine,
  world: DiskWorldState,
  progress: GenesisProgress,
  write: (c: GenesisChunkWrite) => Promise<void>,
): Promise<DiskGenesisState> {
  const hashes = [...progress.chunkHashes];
  const total = sm.genesisChunks();
  for (let i = progress.chunksDone; i < total; i++) {
    const session = world.session();
    let overlay: StateOverlay;
    let events: EventRecord[];
    // What the modules say the chunk reads is loaded in one batch (without leaf pages: nearly
    // every key is new); anything else missed is loaded and the chunk runs again.
    await session.load(sm.genesisChunkKeys(i), false);
    for (;;) {
      overlay = new StateOverlay(session);
      events = sm.genesisChunk(overlay, i);
      if (!session.missed) break;
      await session.loadMissed();
    }
    const commit = await world.prepare(overlay.changes(), session);
    session.close();
    hashes.push(eventChunkHash(events));
    const next: GenesisProgress = { chunksDone: i + 1, chunkHashes: [...hashes] };
    await world.commit(commit, () => write({ index: i, commit, events, progress: next }));
  }
  return { root: world.root(), chunkHashes: hashes };
}
