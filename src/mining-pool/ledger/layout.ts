/**
 * Every key the mining pool writes to its own LevelDB store (`<datadir>/mining-pool/ledger`),
 * documented in docs/mining-pool.md too. One-byte ASCII prefixes:
 *
 *   V                                     -> u32 schema version
 *   S | u64be(seq)                        -> ShareRecord     an accepted share (PPLNS window; pruned behind it)
 *   B | u64be(height) | hash              -> FoundBlock      a block the pool found: status, PPLNS window, credits
 *   A | address                           -> Balance         unpaid balance, credited and paid totals
 *   P | u64be(seq)                        -> Payout          a payout transaction (every signed version) and its state
 *   W | address | worker                  -> WorkerRecord    first and last share, counters
 *   T | u8(resolution) | scope8 | u64be(t) -> SeriesPoint    hashrate series bucket (scope8: first 8 bytes of sha256(scope))
 *   R | u32be(id)                         -> AlarmRule       an alarm rule and its firing state
 *
 * Hashes are internal byte order, addresses the 20 raw bytes. An acknowledged share and every
 * balance change it causes are in the same atomic, fsynced batch; a payout's balance deductions
 * and its signed transaction are in one batch written BEFORE the transaction leaves the pool.
 */
import { sha256 } from '../../crypto/hash.js';

const enc = (c: string): number => c.charCodeAt(0);

/** Key prefixes. */
export const PoolPrefix = {
  version: enc('V'),
  share: enc('S'),
  block: enc('B'),
  balance: enc('A'),
  payout: enc('P'),
  worker: enc('W'),
  series: enc('T'),
  alarm: enc('R'),
} as const;

/** Current schema version of the ledger. */
export const LEDGER_VERSION = 1;

function u64be(n: bigint | number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), false);
  return out;
}

function key(prefix: number, ...parts: Uint8Array[]): Uint8Array {
  const len = parts.reduce((a, p) => a + p.length, 1);
  const out = new Uint8Array(len);
  out[0] = prefix;
  let o = 1;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Reads the u64be at `offset` of a key. */
export function readU64be(k: Uint8Array, offset: number): bigint {
  return new DataView(k.buffer, k.byteOffset, k.byteLength).getBigUint64(offset, false);
}

/** Keys of the ledger. */
export const PoolKeys = {
  version: () => new Uint8Array([PoolPrefix.version]),
  share: (seq: bigint) => key(PoolPrefix.share, u64be(seq)),
  block: (height: number, hash: Uint8Array) => key(PoolPrefix.block, u64be(height), hash),
  balance: (address: Uint8Array) => key(PoolPrefix.balance, address),
  payout: (seq: bigint) => key(PoolPrefix.payout, u64be(seq)),
  worker: (address: Uint8Array, worker: string) => key(PoolPrefix.worker, address, new TextEncoder().encode(worker)),
  seriesPrefix: (resolution: number, scope: string) => key(PoolPrefix.series, new Uint8Array([resolution]), scopeHash(scope)),
  series: (resolution: number, scope: string, bucketStart: number) => key(PoolPrefix.series, new Uint8Array([resolution]), scopeHash(scope), u64be(bucketStart)),
  alarm: (id: number) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, id, false);
    return key(PoolPrefix.alarm, b);
  },
  prefix: (p: number) => new Uint8Array([p]),
} as const;

const scopeCache = new Map<string, Uint8Array>();
/** First 8 bytes of sha256 of a series scope name ("pool", "a:<address>", "w:<address>.<worker>"). */
export function scopeHash(scope: string): Uint8Array {
  let h = scopeCache.get(scope);
  if (!h) {
    h = sha256(new TextEncoder().encode(scope)).slice(0, 8);
    if (scopeCache.size > 100_000) scopeCache.clear();
    scopeCache.set(scope, h);
  }
  return h;
}
