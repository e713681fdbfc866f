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
 *   s | stateKey       -> StateRecord      head state: leaf index and value of every record
 *   j | hash           -> bytes            a block's justification (BFT: its commit certificate), when it came with one
 *
 * Hashes are internal byte order (32 bytes). A block's connection writes b/e (if new), n, u, r, t,
 * every changed s, and H in ONE atomic batch, so a crash leaves the store at a block boundary.
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
  justification: enc('j'),
} as const;

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
  justification: (hash: Uint8Array) => prefixed(Prefix.justification, hash),
};
