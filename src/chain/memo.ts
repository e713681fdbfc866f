/**
 * Remembered executions: block assembly executes a candidate block on the head state, and the
 * block, once sealed, must not be executed a second time. Several templates may be live at once (a
 * mining pool serves many jobs; a miner keeps the previous job while the next is built), so the
 * memo keeps a few slots, least recently used first out. An entry is only valid on the exact head
 * state it was computed on (`worldVersion`).
 */
import { bytesToHex } from '../encoding/hex.js';
import type { PreparedTx } from '../primitives/tx.js';
import type { BlockExecution } from '../state/state-machine.js';
import type { PreparedCommit } from '../state/state-backend.js';
import type { BlockInfo } from '../state/module.js';

/** One remembered execution. */
export interface ExecutionMemo {
  readonly info: BlockInfo;
  readonly headerTime: number;
  readonly exec: BlockExecution;
  readonly commit: PreparedCommit;
  readonly receiptsRoot: Uint8Array;
  readonly worldVersion: number;
}

/** Default number of slots. */
export const MEMO_SLOTS = 8;

/**
 * Key of the inputs that fully determine a block's execution on the head state: parent, execution
 * time, beneficiary, consensus data and transaction ids. Header time, nonce and extranonce are not
 * in it: rolling them never changes execution.
 */
export function memoKey(parentKey: string, time: number, beneficiary: Uint8Array, consensusData: Uint8Array, txs: readonly PreparedTx[]): string {
  let k = `${parentKey}|${time}|${bytesToHex(beneficiary)}|${bytesToHex(consensusData)}|`;
  for (const t of txs) k += t.key;
  return k;
}

/** An LRU of executions. */
export class ExecutionMemos {
  private readonly slots = new Map<string, ExecutionMemo>();

  constructor(private readonly capacity = MEMO_SLOTS) {}

  /** Remembers an execution (evicting the least recently used slot when full). */
  put(key: string, memo: ExecutionMemo): void {
    this.slots.delete(key);
    this.slots.set(key, memo);
    while (this.slots.size > this.capacity) this.slots.delete(this.slots.keys().next().value!);
  }

  /** The execution for `key` if it was computed on `worldVersion`; a hit is taken out. */
  take(key: string, worldVersion: number): ExecutionMemo | undefined {
    const m = this.slots.get(key);
    if (!m) return undefined;
    this.slots.delete(key);
    return m.worldVersion === worldVersion ? m : undefined;
  }

  /** Forgets every slot computed before `worldVersion` (the head state moved on). */
  prune(worldVersion: number): void {
    for (const [k, m] of this.slots) if (m.worldVersion !== worldVersion) this.slots.delete(k);
  }

  /** Number of live slots. */
  get size(): number {
    return this.slots.size;
  }
}
