/**
 * The orphan pool: blocks whose parent is not known yet wait here (bounded in count and bytes)
 * until the parent arrives, as bcoin's chain does, so blocks that arrive out of order from peers
 * are not lost. When full, the oldest orphan leaves first.
 */
import { bytesToHex } from '../encoding/hex.js';
import type { PreparedBlock } from '../primitives/block.js';

/** Limits of the pool. */
export interface OrphanLimits {
  /** Most orphans held (default 256). */
  readonly maxBlocks: number;
  /** Most bytes held (default 64 MiB). */
  readonly maxBytes: number;
}

/** Default limits. */
export const DEFAULT_ORPHAN_LIMITS: OrphanLimits = { maxBlocks: 256, maxBytes: 64 * 1024 * 1024 };

interface Orphan {
  readonly pb: PreparedBlock;
  readonly justification: Uint8Array | undefined;
  readonly from: string | undefined;
}

/** Blocks waiting for their parent. */
export class OrphanPool {
  private readonly byHash = new Map<string, Orphan>();
  private readonly byParent = new Map<string, Set<string>>();
  private bytes = 0;

  constructor(private readonly limits: OrphanLimits = DEFAULT_ORPHAN_LIMITS) {}

  /** Number of orphans held. */
  get size(): number {
    return this.byHash.size;
  }

  /** True when the block is held. */
  has(hash: Uint8Array | string): boolean {
    return this.byHash.has(typeof hash === 'string' ? hash : bytesToHex(hash));
  }

  /** Adds an orphan (`from` names the peer that sent it); evicts the oldest ones past the limits. */
  add(pb: PreparedBlock, justification?: Uint8Array, from?: string): void {
    const key = bytesToHex(pb.hash);
    if (this.byHash.has(key)) return;
    const parent = bytesToHex(pb.block.header.prevHash);
    this.byHash.set(key, { pb, justification, from });
    let siblings = this.byParent.get(parent);
    if (!siblings) this.byParent.set(parent, (siblings = new Set()));
    siblings.add(key);
    this.bytes += pb.bytes.length;
    while (this.byHash.size > this.limits.maxBlocks || this.bytes > this.limits.maxBytes) this.remove(this.byHash.keys().next().value!);
  }

  /** Takes out every orphan whose parent is `parentHash`. */
  takeChildren(parentHash: Uint8Array | string): Array<{ pb: PreparedBlock; justification: Uint8Array | undefined; from: string | undefined }> {
    const parent = typeof parentHash === 'string' ? parentHash : bytesToHex(parentHash);
    const keys = this.byParent.get(parent);
    if (!keys) return [];
    const out = [...keys].map((k) => this.byHash.get(k)!);
    for (const k of [...keys]) this.remove(k);
    return out;
  }

  /** The root of an orphan's chain of orphans: the hash of the first missing ancestor (what to ask peers for). */
  missingAncestor(hash: Uint8Array | string): Uint8Array | undefined {
    let o = this.byHash.get(typeof hash === 'string' ? hash : bytesToHex(hash));
    if (!o) return undefined;
    for (;;) {
      const up = this.byHash.get(bytesToHex(o.pb.block.header.prevHash));
      if (!up) return o.pb.block.header.prevHash;
      o = up;
    }
  }

  private remove(key: string): void {
    const o = this.byHash.get(key);
    if (!o) return;
    this.byHash.delete(key);
    this.bytes -= o.pb.bytes.length;
    const parent = bytesToHex(o.pb.block.header.prevHash);
    const s = this.byParent.get(parent);
    s?.delete(key);
    if (s && s.size === 0) this.byParent.delete(parent);
  }
}
