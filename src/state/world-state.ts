/**
 * The committed state at the chain head: every record in memory with its stable leaf index in the
 * state tree. A block's changes are first `prepare`d (new root computed on an O(1) clone of the
 * tree, nothing applied), then `apply`d, which returns the undo record that `undo` uses to roll the
 * block back on a reorganisation.
 *
 * Leaf indexes: a key gets the next free index the first time it is written; within one block new
 * keys are numbered in byte order of the key, so every node assigns the same indexes. A deleted
 * record keeps its index (its leaf becomes zero) and reuses it if written again.
 */
import { StateTree } from './merkle-tree.js';
import { stringToKey } from './keys.js';
import type { StateReader } from './state-view.js';

const ZERO_LEAF = new Uint8Array(32);

/** A record as committed: its leaf index and value (null when deleted). */
export interface StateRecord {
  readonly index: number;
  readonly value: Uint8Array | null;
}

/** One change of a prepared commit, with what it replaces. */
export interface StateChange {
  readonly key: string;
  readonly record: StateRecord;
  readonly prev: StateRecord | undefined;
}

/** Changes ready to apply, with the root they produce. */
export interface PreparedCommit {
  readonly root: Uint8Array;
  readonly changes: readonly StateChange[];
  readonly nextIndex: number;
  readonly tree: StateTree;
}

/** Enough to roll a block's state changes back. */
export interface UndoRecord {
  readonly prevNextIndex: number;
  readonly entries: ReadonlyArray<{ key: string; prev: StateRecord | undefined }>;
}

/** The head state: records, leaf indexes and the state tree. */
export class WorldState implements StateReader {
  private readonly records = new Map<string, StateRecord>();
  private tree = new StateTree();
  private nextIndex = 0;

  /** Current value of a key. */
  get(key: string): Uint8Array | undefined {
    return this.records.get(key)?.value ?? undefined;
  }

  /** The record (index and value) of a key, deleted ones included. */
  record(key: string): StateRecord | undefined {
    return this.records.get(key);
  }

  /** State root. */
  root(): Uint8Array {
    return this.tree.root();
  }

  /** Number of leaf indexes ever assigned. */
  get size(): number {
    return this.nextIndex;
  }

  /** Every key with a present value (for supply checks and tooling; O(n)). */
  *entries(prefix = ''): IterableIterator<[string, Uint8Array]> {
    for (const [k, r] of this.records) if (r.value !== null && k.startsWith(prefix)) yield [k, r.value];
  }

  /** Computes the root after `changes` without applying them. */
  prepare(changes: ReadonlyMap<string, Uint8Array | null>): PreparedCommit {
    const existing: StateChange[] = [];
    const fresh: string[] = [];
    for (const [key, value] of changes) {
      const prev = this.records.get(key);
      if (prev) existing.push({ key, prev, record: { index: prev.index, value } });
      else if (value !== null) fresh.push(key);
    }
    // Byte order of latin1 keys equals JS string order (every char is below 256).
    fresh.sort();
    let next = this.nextIndex;
    const out = existing;
    for (const key of fresh) out.push({ key, prev: undefined, record: { index: next++, value: changes.get(key)! } });
    const tree = this.tree.clone();
    tree.setLeaves(out.map((c) => ({ index: c.record.index, leaf: leafOf(c.key, c.record.value) })));
    return { root: tree.root(), changes: out, nextIndex: next, tree };
  }

  /** Applies a prepared commit; returns its undo record. */
  apply(p: PreparedCommit): UndoRecord {
    const undo: UndoRecord = { prevNextIndex: this.nextIndex, entries: p.changes.map((c) => ({ key: c.key, prev: c.prev })) };
    for (const c of p.changes) this.records.set(c.key, c.record);
    this.tree = p.tree;
    this.nextIndex = p.nextIndex;
    return undo;
  }

  /** Rolls back one applied commit (the most recent one not yet undone). */
  undo(u: UndoRecord): void {
    const leaves: Array<{ index: number; leaf: Uint8Array }> = [];
    for (const e of u.entries) {
      const cur = this.records.get(e.key);
      if (!cur) continue;
      if (e.prev) {
        this.records.set(e.key, e.prev);
        leaves.push({ index: e.prev.index, leaf: leafOf(e.key, e.prev.value) });
      } else {
        this.records.delete(e.key);
        leaves.push({ index: cur.index, leaf: ZERO_LEAF });
      }
    }
    this.tree.setLeaves(leaves);
    this.nextIndex = u.prevNextIndex;
  }

  /** Loads committed records (on start-up) and rebuilds the tree in one batch. */
  load(records: Iterable<[string, StateRecord]>): void {
    const leaves: Array<{ index: number; leaf: Uint8Array }> = [];
    for (const [key, r] of records) {
      this.records.set(key, r);
      if (r.index >= this.nextIndex) this.nextIndex = r.index + 1;
      if (r.value !== null) leaves.push({ index: r.index, leaf: leafOf(key, r.value) });
    }
    this.tree.setLeaves(leaves);
  }

  /** Inclusion proof of a key against the current root. */
  proof(key: string): { index: number; value: Uint8Array | null; siblings: Uint8Array[] } | undefined {
    const r = this.records.get(key);
    if (!r) return undefined;
    return { index: r.index, value: r.value, siblings: this.tree.proof(r.index) };
  }
}

function leafOf(key: string, value: Uint8Array | null): Uint8Array {
  return value === null ? ZERO_LEAF : StateTree.leafHash(stringToKey(key), value);
}
