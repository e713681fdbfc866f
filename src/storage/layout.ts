/**
 * Every key the node writes to its store, in one place (bcoin's layout.js). One-byte prefixes:
 *
 *   M                  -> ChainMeta        network name, chain id, genesis hash, schema version
 *   H                  -> hash             current head (main-chain tip) block hash
 *   b | hash           -> Block bytes      every block ever accepted as valid-looking (main or side chain)
 *   e | hash           -> BlockEntry       header, height, cumulative work, status, gas used, base fee
 *   n | u64be(height)  -> hash             main chain by height
 *   u | hash           -> UndoRecord       state changes to roll back a connected block
 *   r | hash           -> BlockReceipts    receipts and block-hook events of a connected block
 *   t | txid           -> TxLocation       main-chain position of a transaction
 *   s | stateKey       -> u32be(leaf index) | value
 *                                          head state: one key per live record (a delete removes it;
 *                                          no tombstones), read through the world state's LRU cache
 *   L | u32be(page)    -> 16 x 32 bytes    leaf page: the leaf hashes of indexes 16*page .. 16*page+15
 *                                          (levels 0-3 of the state tree); absent when all 16 are empty
 *   R | u32be(page)    -> 32 bytes         page root (level-4 node of the state tree); absent when the
 *                                          page is empty. Start-up reads these (one prefix scan, N/16
 *                                          keys) and rebuilds levels 5-32 in memory
 *   f | u32be(index)   -> (empty)          a free leaf index (its record was deleted); new keys take
 *                                          the smallest free ones first
 *   S                  -> u32be(nextIndex) state tree metadata: first never-used leaf index
 *   G                  -> GenesisProgress  present only while a genesis is being written in several
 *                                          batches (large allocations); gone once M is written
 *   g | u32be(chunk)   -> event list       genesis events of allocation chunk >= 1 (chunk 0's are the
 *                                          genesis block's receipts, r | hash)
 *   j | hash           -> bytes            a block's justification (BFT: its commit certificate), when it came with one
 *
 * Hashes are internal byte order (32 bytes). A block's connection writes b/e (if new), n, u, r, t,
 * every changed s / L / R / f, S and H in ONE atomic batch (and deletes the undo record that falls
 * out of the undo window), so a crash leaves the store at a block boundary.
 */

const enc = (c: string): number => c.charCodeAt(0);

/** Key prefixes. */
export const Prefix = {
  meta: enc('M'),
  head: enc('H'),
  block: enc('b'),
  entry: enc('e'),
  height: enc('n'),
  undo: enc('u'),
  receipts: enc('r'),
  tx: enc('t'),
  state: enc('s'),
  page: enc('L'),
  pageRoot: enc('R'),
  free: enc('f'),
  stateMeta: enc('S'),
  genesisProgress: enc('G'),
  genesisEvents: enc('g'),
  justification: enc('j'),
} as const;

function u32key(p: number, n: number): Uint8Array {
  // Byte by byte: a DataView per key costs more than the key (hundreds of thousands per block run).
  return Uint8Array.of(p, n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
}

function prefixed(p: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + body.length);
  out[0] = p;
  out.set(body, 1);
  return out;
}

/** Key builders. */
export const Keys = {
  meta: (): Uint8Array => Uint8Array.of(Prefix.meta),
  head: (): Uint8Array => Uint8Array.of(Prefix.head),
  block: (hash: Uint8Array) => prefixed(Prefix.block, hash),
  entry: (hash: Uint8Array) => prefixed(Prefix.entry, hash),
  height(height: number): Uint8Array {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(height), false);
    return prefixed(Prefix.height, b);
  },
  undo: (hash: Uint8Array) => prefixed(Prefix.undo, hash),
  receipts: (hash: Uint8Array) => prefixed(Prefix.receipts, hash),
  tx: (txid: Uint8Array) => prefixed(Prefix.tx, txid),
  state: (stateKey: Uint8Array) => prefixed(Prefix.state, stateKey),
  page: (page: number) => u32key(Prefix.page, page),
  pageRoot: (page: number) => u32key(Prefix.pageRoot, page),
  free: (index: number) => u32key(Prefix.free, index),
  stateMeta: (): Uint8Array => Uint8Array.of(Prefix.stateMeta),
  genesisProgress: (): Uint8Array => Uint8Array.of(Prefix.genesisProgress),
  genesisEvents: (chunk: number) => u32key(Prefix.genesisEvents, chunk),
  justification: (hash: Uint8Array) => prefixed(Prefix.justification, hash),
};
