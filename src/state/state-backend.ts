/**
 * What the disk-backed world state needs from storage, and what it hands back to be written. The
 * state layer sits below storage (ARCHITECTURE.md layers), so it defines this port and
 * `storage/state-store.ts` implements it over a `KvStore`; the writes of a `PreparedCommit` go into
 * the chain's atomic batch (`putStateCommit`), never through here.
 */
import type { TreeUpdate } from './paged-tree.js';

/** A committed state record: its stable leaf index and its value. Deleted records do not exist. */
export interface StateRecord {
  readonly index: number;
  readonly value: Uint8Array;
}

/** Kind of one undo entry: what the block did to the key. */
export type UndoKind = 'update' | 'create' | 'delete';

/** One key a block changed: enough to put it back. */
export interface UndoEntry {
  readonly key: string;
  readonly kind: UndoKind;
  /** Leaf index of the key (before the block for update/delete, the new one for create). */
  readonly index: number;
  /** Value before the block (null for create). */
  readonly prev: Uint8Array | null;
}

/** Enough to roll one block's state changes back. */
export interface UndoRecord {
  /** First never-used leaf index before the block. */
  readonly prevNextIndex: number;
  readonly entries: readonly UndoEntry[];
}

/** A computed state change, ready to be written in a batch and then applied to the head state. */
export interface PreparedCommit {
  /** State root after the change. */
  readonly root: Uint8Array;
  /** World-state version it was computed on; `apply` refuses any other. */
  readonly baseVersion: number;
  /** Records to write (`record` null: delete the key). */
  readonly records: ReadonlyArray<{ readonly key: string; readonly record: StateRecord | null }>;
  /** New bytes of every changed leaf page (an all-zero page is deleted from disk). */
  readonly pages: ReadonlyMap<number, Uint8Array>;
  /** Upper-tree change; its `pageRoots` are persisted. */
  readonly tree: TreeUpdate;
  /** Leaf indexes that become free (keys deleted) and those no longer free (reused). */
  readonly freeAdded: readonly number[];
  readonly freeRemoved: readonly number[];
  /** First never-used leaf index after the change. */
  readonly nextIndex: number;
  /** How to undo it (absent for a commit that itself undoes a block). */
  readonly undo?: UndoRecord;
}

/** Persisted tree metadata. */
export interface StateMeta {
  /** First never-used leaf index (the dense range is [0, nextIndex)). */
  readonly nextIndex: number;
}

/** Options of an ordered scan. */
export interface ScanOptions {
  /** Start strictly after this key (a full latin1 state key), for cursors. */
  readonly after?: string;
  /** At most this many entries. */
  readonly limit?: number;
}

/** The storage side of the world state. */
export interface StateBackend {
  /** Committed records of latin1 state keys, in order; undefined where absent. */
  getRecords(keys: readonly string[]): Promise<Array<StateRecord | undefined>>;
  /** Leaf pages, in order; undefined where a page was never written (all zero). */
  getPages(pages: readonly number[]): Promise<Array<Uint8Array | undefined>>;
  /** Tree metadata; undefined for an empty state. */
  readMeta(): Promise<StateMeta | undefined>;
  /** Every persisted page root (level-4 node), in page order. */
  pageRoots(): AsyncIterable<[number, Uint8Array]>;
  /** Every free leaf index, ascending. */
  freeIndexes(): AsyncIterable<number>;
  /** Committed records whose key starts with `prefix`, in byte order of the key. */
  scan(prefix: string, o?: ScanOptions): AsyncIterable<[string, StateRecord]>;
  /** How many committed records have a key starting with `prefix` (keys only, no value decoded). */
  count(prefix: string): Promise<number>;
}
