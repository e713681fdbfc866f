/**
 * The in-memory index of every known block (main chain and side branches), loaded from the store
 * on start-up: parent links, cumulative weight, the main chain by height, and fork choice.
 */
import { bytesToHex } from '../encoding/hex.js';
import type { Header } from '../primitives/header.js';
import type { ChainEntryView } from '../consensus/engine.js';

/** A known block. */
export interface ChainEntry extends ChainEntryView {
  /** Hex of the hash (internal order), for map keys. */
  readonly key: string;
  readonly parent: ChainEntry | null;
  /** `stored`: known, not yet executed; `valid`: executed successfully once; `invalid`: never again. */
  status: 'stored' | 'valid' | 'invalid';
  /** Gas used and base fee as the block's coinbase states them (checked when it is connected). */
  readonly gasUsed: bigint;
  readonly baseFeePerGas: bigint;
  readonly txCount: number;
}

/** Builds an entry from its parts. */
export function makeEntry(hash: Uint8Array, header: Header, parent: ChainEntry | null, weight: bigint, fields: Pick<ChainEntry, 'status' | 'gasUsed' | 'baseFeePerGas' | 'txCount'>): ChainEntry {
  return {
    hash,
    key: bytesToHex(hash),
    header,
    parent,
    height: parent ? parent.height + 1 : 0,
    chainWork: (parent?.chainWork ?? 0n) + weight,
    ...fields,
  };
}

/** Block index with the main chain. */
export class ChainIndex {
  private readonly byKey = new Map<string, ChainEntry>();
  private readonly main: ChainEntry[] = [];

  /** Entry by hash. */
  get(hash: Uint8Array | string): ChainEntry | undefined {
    return this.byKey.get(typeof hash === 'string' ? hash : bytesToHex(hash));
  }

  /** Adds an entry (its parent must be present unless it is genesis). */
  add(e: ChainEntry): void {
    this.byKey.set(e.key, e);
  }

  /** Every entry. */
  all(): IterableIterator<ChainEntry> {
    return this.byKey.values();
  }

  /** Main-chain tip. */
  get tip(): ChainEntry {
    return this.main[this.main.length - 1];
  }

  /** Main-chain entry at a height. */
  atHeight(height: number): ChainEntry | undefined {
    return this.main[height];
  }

  /** True when the entry is on the main chain. */
  isMain(e: ChainEntry): boolean {
    return this.main[e.height] === e;
  }

  /** Appends a block that extends the tip. */
  pushTip(e: ChainEntry): void {
    if (this.main.length > 0 && e.parent !== this.tip) throw new Error('pushTip: entry does not extend the tip');
    this.main.push(e);
  }

  /** Removes the tip (its parent becomes the tip). */
  popTip(): ChainEntry {
    const e = this.main.pop();
    if (!e) throw new Error('popTip: empty chain');
    return e;
  }

  /** Sets the main chain to end at `tip` by walking parent links (start-up). */
  setMainChain(tip: ChainEntry): void {
    this.main.length = 0;
    const path: ChainEntry[] = [];
    for (let e: ChainEntry | null = tip; e; e = e.parent) path.push(e);
    this.main.push(...path.reverse());
  }

  /** Deepest block that both entries descend from. */
  commonAncestor(a: ChainEntry, b: ChainEntry): ChainEntry {
    let x: ChainEntry | null = a;
    let y: ChainEntry | null = b;
    while (x && y && x !== y) {
      if (x.height > y.height) x = x.parent;
      else if (y.height > x.height) y = y.parent;
      else {
        x = x.parent;
        y = y.parent;
      }
    }
    if (!x || x !== y) throw new Error('entries share no ancestor');
    return x;
  }

  /** True when `e` or any ancestor is invalid. */
  hasInvalidAncestry(e: ChainEntry): boolean {
    for (let x: ChainEntry | null = e; x; x = x.parent) {
      if (x.status === 'invalid') return true;
      if (x.status === 'valid' && this.isMain(x)) return false;
    }
    return false;
  }

  /**
   * Fork choice: the entry with the most cumulative weight whose ancestry is not invalid and that
   * does not fork below `finalizedHeight` (a final block is never disconnected). Ties keep the tip.
   */
  best(finalizedHeight = 0): ChainEntry {
    let best = this.tip;
    const final = this.main[Math.min(finalizedHeight, this.main.length - 1)];
    for (const e of this.byKey.values()) {
      if (e.chainWork > best.chainWork && !this.hasInvalidAncestry(e) && this.descendsFrom(e, final)) best = e;
    }
    return best;
  }

  /** True when `e` is `ancestor` or descends from it. */
  descendsFrom(e: ChainEntry, ancestor: ChainEntry): boolean {
    let x: ChainEntry | null = e;
    while (x && x.height > ancestor.height) x = x.parent;
    return x === ancestor;
  }
}
