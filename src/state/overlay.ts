/**
 * A copy-on-write overlay over committed state, with nested snapshots: each transaction runs inside
 * `snapshot()` and is undone whole by `revert()` if its command fails (Lisk's state-machine rule),
 * and a block's changes are read off with `changes()` when it is done.
 */
import type { StateReader, StateWriter } from './state-view.js';

/** Marker for a deleted key inside the overlay. */
const DELETED = null;

/** Copy-on-write state overlay with a journal for snapshots. */
export class StateOverlay implements StateWriter {
  private readonly writes = new Map<string, Uint8Array | null>();
  /** Journal of (key, previous overlay entry or undefined when the key was not in the overlay). */
  private readonly journal: Array<[string, Uint8Array | null | undefined]> = [];

  constructor(private readonly base: StateReader) {}

  /** Reads through the overlay to the base. */
  get(key: string): Uint8Array | undefined {
    const w = this.writes.get(key);
    if (w !== undefined) return w === DELETED ? undefined : w;
    return this.base.get(key);
  }

  /** Writes a value, journaling the previous overlay entry. */
  set(key: string, value: Uint8Array): void {
    this.journal.push([key, this.writes.get(key)]);
    this.writes.set(key, value);
  }

  /** Deletes a key, journaling the previous overlay entry. */
  del(key: string): void {
    this.journal.push([key, this.writes.get(key)]);
    this.writes.set(key, DELETED);
  }

  /** Marks a point to revert to. */
  snapshot(): number {
    return this.journal.length;
  }

  /** Undoes every write made since `snap`. */
  revert(snap: number): void {
    while (this.journal.length > snap) {
      const [key, prev] = this.journal.pop()!;
      if (prev === undefined) this.writes.delete(key);
      else this.writes.set(key, prev);
    }
  }

  /** Every key written (null = deleted), for commitment and persistence. */
  changes(): ReadonlyMap<string, Uint8Array | null> {
    return this.writes;
  }
}
