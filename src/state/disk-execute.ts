/**
 * Executing a block on the disk-backed head state: load what the block obviously reads
 * (`StateMachine.prefetchKeys`, one batch, and their leaf pages in the background), execute with
 * re-runs on misses, then prepare the state commit. Nothing is applied.
 */
import type { PreparedTx } from '../primitives/tx.js';
import type { BlockInfo } from './module.js';
import type { BlockExecution, StateMachine } from './state-machine.js';
import type { PreparedCommit } from './state-backend.js';
import type { DiskWorldState } from './disk-world.js';

/** A block executed on the head state, with its commit (not applied). */
export interface DiskExecution {
  readonly exec: BlockExecution;
  readonly commit: PreparedCommit;
}

/** Options of `executeOnDisk`. */
export interface DiskExecuteOptions {
  /** Leave out transactions that cannot be included (block assembly). */
  readonly assemble?: boolean;
  /** Skip the prefetch (benchmarks measure both). */
  readonly prefetch?: boolean;
}

/** Executes `txs` as the block `info` on the head state and prepares its commit. */
export async function executeOnDisk(sm: StateMachine, world: DiskWorldState, info: BlockInfo, txs: readonly PreparedTx[], o: DiskExecuteOptions = {}): Promise<DiskExecution> {
  const session = world.session();
  try {
    if (o.prefetch !== false) await session.load(sm.prefetchKeys(info, txs));
    const exec = await sm.executeBlockLoading(session, info, txs, { assemble: o.assemble === true });
    const commit = await world.prepare(exec.overlay.changes(), session);
    return { exec, commit };
  } finally {
    // The execution's overlay reads through this session: nothing may read it after this.
    session.close();
  }
}
