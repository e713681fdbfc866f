/**
 * Collections over the key-value state, which has no iteration (a disk-backed state loads records
 * by key): an owner-scoped set with O(1) add/remove/has and listing by position (swap-remove, as
 * Solidity's EnumerableSet), and an owner-scoped FIFO queue with sequence numbers (a deque of
 * records whose head and tail live in one meta record). Both are built from typed `Store`s under
 * their module's key space, so every read and write is an ordinary state access.
 */
import { struct, u32, u64, varBytes, type Codec } from '../encoding/codec.js';
import { concatBytes } from '../encoding/hex.js';
import { Store } from './store.js';
import type { StateReader, StateWriter } from './state-view.js';

/** Big-endian u64 key part. */
export function u64Key(n: bigint): Uint8Array {
  const k = new Uint8Array(8);
  new DataView(k.buffer).setBigUint64(0, n, false);
  return k;
}

/** Big-endian u32 key part. */
export function u32Key(n: number): Uint8Array {
  const k = new Uint8Array(4);
  new DataView(k.buffer).setUint32(0, n, false);
  return k;
}

/** Concatenation of key parts (the byte concatenation of encoding/hex.ts, named for keys). */
export const keyOf: (...parts: Uint8Array[]) => Uint8Array = concatBytes;

const EMPTY = new Uint8Array(0);

/**
 * A set of byte strings per owner (e.g. the validators a delegator delegates to). Items of one set
 * must have one fixed length. Listing order is insertion order until a removal swaps the last item
 * into the hole, which every node does identically.
 */
export class IndexedSet {
  private readonly count: Store<number>;
  private readonly at: Store<Uint8Array>;
  private readonly pos: Store<number>;

  constructor(module: string, name: string, maxItemBytes = 64) {
    this.count = new Store(module, `${name}-n`, u32);
    this.at = new Store(module, `${name}-i`, varBytes(maxItemBytes));
    this.pos = new Store(module, `${name}-p`, u32);
  }

  /** Number of items of `owner`. */
  size(state: StateReader, owner: Uint8Array = EMPTY): number {
    return this.count.get(state, owner) ?? 0;
  }

  /** Whether `item` is in `owner`'s set. */
  has(state: StateReader, owner: Uint8Array, item: Uint8Array): boolean {
    return this.pos.get(state, keyOf(owner, item)) !== undefined;
  }

  /** Adds `item`; false if it was there already. */
  add(state: StateWriter, owner: Uint8Array, item: Uint8Array): boolean {
    if (this.has(state, owner, item)) return false;
    const n = this.size(state, owner);
    this.at.set(state, keyOf(owner, u32Key(n)), item);
    this.pos.set(state, keyOf(owner, item), n);
    this.count.set(state, owner, n + 1);
    return true;
  }

  /** Removes `item` (the last item moves into its place); false if it was not there. */
  remove(state: StateWriter, owner: Uint8Array, item: Uint8Array): boolean {
    const i = this.pos.get(state, keyOf(owner, item));
    if (i === undefined) return false;
    const n = this.size(state, owner);
    const last = n - 1;
    if (i !== last) {
      const moved = this.at.get(state, keyOf(owner, u32Key(last)))!;
      this.at.set(state, keyOf(owner, u32Key(i)), moved);
      this.pos.set(state, keyOf(owner, moved), i);
    }
    this.at.del(state, keyOf(owner, u32Key(last)));
    this.pos.del(state, keyOf(owner, item));
    if (last === 0) this.count.del(state, owner);
    else this.count.set(state, owner, last);
    return true;
  }

  /** Every item of `owner`, in set order. */
  items(state: StateReader, owner: Uint8Array = EMPTY): Uint8Array[] {
    const n = this.size(state, owner);
    const out: Uint8Array[] = [];
    for (let i = 0; i < n; i++) out.push(this.at.get(state, keyOf(owner, u32Key(i)))!);
    return out;
  }
}

const QueueMeta = struct('QueueMeta', { first: u64, next: u64 });

/** A FIFO queue of records per owner: `push` appends at sequence `next`, `shift` drops the head. */
export class Deque<V> {
  private readonly meta: Store<{ first: bigint; next: bigint }>;
  private readonly items: Store<V>;

  constructor(module: string, name: string, schema: Codec<V>) {
    this.meta = new Store(module, `${name}-m`, QueueMeta);
    this.items = new Store(module, `${name}-q`, schema);
  }

  /** Sequence numbers in use: [first, next). */
  range(state: StateReader, owner: Uint8Array = EMPTY): { first: bigint; next: bigint } {
    return this.meta.get(state, owner) ?? { first: 0n, next: 0n };
  }

  /** Number of records queued. */
  length(state: StateReader, owner: Uint8Array = EMPTY): number {
    const r = this.range(state, owner);
    return Number(r.next - r.first);
  }

  /** Appends a record; returns its sequence number. */
  push(state: StateWriter, owner: Uint8Array, value: V): bigint {
    const r = this.range(state, owner);
    this.items.set(state, keyOf(owner, u64Key(r.next)), value);
    this.meta.set(state, owner, { first: r.first, next: r.next + 1n });
    return r.next;
  }

  /** The record at `seq`, if queued. */
  get(state: StateReader, owner: Uint8Array, seq: bigint): V | undefined {
    return this.items.get(state, keyOf(owner, u64Key(seq)));
  }

  /** Rewrites the record at `seq` (which must be queued). */
  set(state: StateWriter, owner: Uint8Array, seq: bigint, value: V): void {
    this.items.set(state, keyOf(owner, u64Key(seq)), value);
  }

  /** The head record, if any. */
  peek(state: StateReader, owner: Uint8Array = EMPTY): { seq: bigint; value: V } | undefined {
    const r = this.range(state, owner);
    if (r.first >= r.next) return undefined;
    return { seq: r.first, value: this.items.get(state, keyOf(owner, u64Key(r.first)))! };
  }

  /** The last record, if any. */
  last(state: StateReader, owner: Uint8Array = EMPTY): { seq: bigint; value: V } | undefined {
    const r = this.range(state, owner);
    if (r.first >= r.next) return undefined;
    return { seq: r.next - 1n, value: this.items.get(state, keyOf(owner, u64Key(r.next - 1n)))! };
  }

  /** Drops the head record (no-op when empty); an emptied queue leaves no meta record. */
  shift(state: StateWriter, owner: Uint8Array = EMPTY): void {
    const r = this.range(state, owner);
    if (r.first >= r.next) return;
    this.items.del(state, keyOf(owner, u64Key(r.first)));
    if (r.first + 1n === r.next) this.meta.del(state, owner);
    else this.meta.set(state, owner, { first: r.first + 1n, next: r.next });
  }
}
