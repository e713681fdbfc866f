/**
 * Headers-first sync (Bitcoin Core since 0.10, bcoin's chain.getHeaders): a node first learns a
 * peer's chain of headers, checks each one's engine rules (time, difficulty and proof of work)
 * against its parent, and only then downloads the bodies of the best header chain, in order,
 * through the one import path. A header chain that does not weigh more than our own is never
 * downloaded; a header that breaks a rule is refused with the rule's BlockError (a ban score for
 * the peer that sent it). Header entries live in memory only: after a restart they are asked again.
 */
import { BlockError } from '../errors.js';
import { bytesToHex } from '../encoding/hex.js';
import { headerHash, type Header } from '../primitives/header.js';
import type { ConsensusEngine } from '../consensus/engine.js';
import type { ChainEntry, ChainIndex } from './chain-index.js';

/** A header known ahead of its block. */
export interface HeaderEntry {
  readonly hash: Uint8Array;
  readonly key: string;
  readonly header: Header;
  readonly height: number;
  readonly chainWork: bigint;
  readonly parent: HeaderEntry | ChainEntry;
}

/** Most headers one `addHeaders` call takes (Bitcoin's headers message carries 2,000). */
export const MAX_HEADERS_PER_MESSAGE = 2000;

/** Headers ahead of the block index, and the best chain among them. */
export class HeaderChain {
  private readonly byKey = new Map<string, HeaderEntry>();
  private bestEntry: HeaderEntry | undefined;

  constructor(
    private readonly index: ChainIndex,
    private readonly engine: ConsensusEngine,
    private readonly now: () => number,
  ) {}

  /** The header entry (or block index entry) with this hash. */
  get(hash: Uint8Array | string): HeaderEntry | ChainEntry | undefined {
    const key = typeof hash === 'string' ? hash : bytesToHex(hash);
    return this.index.get(key) ?? this.byKey.get(key);
  }

  /** Number of headers held ahead of the index. */
  get size(): number {
    return this.byKey.size;
  }

  /**
   * Validates and adds a run of headers, each the child of the one before (the first the child of a
   * known block or header). Returns how many were new. Throws BlockError on the first bad header
   * (BLOCK_PARENT_UNKNOWN when the run connects to nothing known, BLOCK_MALFORMED when it is not a
   * chain or too long); the headers before it stay.
   */
  addHeaders(headers: readonly Header[]): number {
    if (headers.length > MAX_HEADERS_PER_MESSAGE) throw new BlockError('BLOCK_MALFORMED', `${headers.length} headers in one message, above ${MAX_HEADERS_PER_MESSAGE}`);
    let added = 0;
    let prev: HeaderEntry | ChainEntry | undefined;
    for (const header of headers) {
      const parent = this.get(header.prevHash);
      if (!parent) {
        throw new BlockError(prev ? 'BLOCK_MALFORMED' : 'BLOCK_PARENT_UNKNOWN', prev ? 'headers do not form a chain' : 'the first header connects to no known block', { parent: bytesToHex(header.prevHash) });
      }
      if (prev && parent !== prev) throw new BlockError('BLOCK_MALFORMED', 'headers do not form a chain');
      const hash = headerHash(header);
      const known = this.get(hash);
      if (known) {
        if ('status' in known && known.status === 'invalid') throw new BlockError('BLOCK_KNOWN_INVALID', 'header of a block already found invalid');
        prev = known;
        continue;
      }
      if ('status' in parent && parent.status === 'invalid') throw new BlockError('BLOCK_KNOWN_INVALID', 'header descends from an invalid block');
      this.engine.validateTime(header, parent, this.now());
      this.engine.validateHeader(header, hash, parent);
      const entry: HeaderEntry = { hash, key: bytesToHex(hash), header, height: parent.height + 1, chainWork: parent.chainWork + this.engine.blockWeight(header), parent };
      this.byKey.set(entry.key, entry);
      if (!this.bestEntry || entry.chainWork > this.bestEntry.chainWork) this.bestEntry = entry;
      prev = entry;
      added++;
    }
    return added;
  }

  /** The header ahead of the index with the most cumulative weight, if it weighs more than the tip. */
  best(): HeaderEntry | undefined {
    this.prune();
    return this.bestEntry && this.bestEntry.chainWork > this.index.tip.chainWork ? this.bestEntry : undefined;
  }

  /**
   * Hashes of the blocks to download next, in height order: the best header chain's blocks that
   * the index does not have yet, at most `limit`.
   */
  missingBlocks(limit: number): Uint8Array[] {
    const best = this.best();
    if (!best) return [];
    const path: Uint8Array[] = [];
    for (let e: HeaderEntry | ChainEntry = best; !this.index.get(e.key); e = (e as HeaderEntry).parent) path.push(e.hash);
    return path.reverse().slice(0, limit);
  }

  /** Forgets headers whose blocks are now in the index. */
  private prune(): void {
    for (const [k] of this.byKey) if (this.index.get(k)) this.byKey.delete(k);
    if (this.bestEntry && this.index.get(this.bestEntry.key)) {
      this.bestEntry = undefined;
      for (const e of this.byKey.values()) if (!this.bestEntry || e.chainWork > this.bestEntry.chainWork) this.bestEntry = e;
    }
  }
}

/** Up to `limit` main-chain headers after the fork point `from` (what a peer answers a locator with). */
export function headersAfter(index: ChainIndex, from: ChainEntry, limit = MAX_HEADERS_PER_MESSAGE): Header[] {
  const out: Header[] = [];
  for (let h = from.height + 1; h <= index.tip.height && out.length < limit; h++) out.push(index.atHeight(h)!.header);
  return out;
}
