/**
 * The "async stores" alternative (Lisk's way: every store read is awaited and a record not in
 * memory is read from the database there and then), measured on the same transfers without
 * rewriting every module: for each transaction, in order, its sender's and recipient's records
 * are read one awaited single-key read at a time (as an awaited store would), and each of the
 * ~8 store reads a transfer makes costs one `await` even when cached. The block is then executed
 * by the ordinary state machine on what was read, so the commit is identical and comparable.
 */
import type { PreparedTx } from '../src/primitives/tx.js';
import type { BlockInfo } from '../src/state/module.js';
import type { StateMachine } from '../src/state/state-machine.js';
import type { DiskWorldState } from '../src/state/disk-world.js';
import type { DiskExecution } from '../src/state/disk-execute.js';
import { accountKey } from '../src/state/modules/accounts/method.js';
import { decode } from '../src/encoding/codec.js';
import { TransferParams } from '../src/state/modules/bank/schemas.js';

/** Store reads of one transfer (fee check, charge, balance check, debit, credit, transfer checks). */
const READS_PER_TRANSFER = 8;

/** Executes transfers with per-read awaits and sequential single-key loads; same result as `executeOnDisk`. */
export async function asyncExecuteTransfers(sm: StateMachine, world: DiskWorldState, info: BlockInfo, txs: readonly PreparedTx[]): Promise<DiskExecution> {
  const session = world.session();
  for (const ptx of txs) {
    const to = decode(TransferParams, ptx.tx.body.params).to;
    for (const key of [accountKey(ptx.sender), accountKey(to)]) {
      if (session.known(key) === undefined) await session.load([key], false);
    }
    for (let i = 0; i < READS_PER_TRANSFER; i++) await Promise.resolve();
  }
  const exec = await sm.executeBlockLoading(session, info, txs);
  const commit = await world.prepare(exec.overlay.changes(), session);
  return { exec, commit };
}
