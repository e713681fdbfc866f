/**
 * A block: the 80-byte header, the coinbase record, the transactions and the seal. The header's
 * merkle root commits to [sha256d(coinbase), txid 1, ..., txid n] in Bitcoin's tree; the block hash
 * is sha256d of the header for every engine. The seal is the one part the hash does not commit to:
 * what proves the block was produced by right (empty for proof of work, whose proof is the header's
 * nonce; a signature over the block hash for the authority and BFT engines).
 */
import { decode, decodeWith, encode, list, struct, u8, varBytes, type Infer } from '../encoding/codec.js';
import { DecodeError } from '../errors.js';
import { Header, headerHash } from './header.js';
import { Coinbase, coinbaseHash } from './coinbase.js';
import { Tx, prepareTx, type PreparedTx } from './tx.js';
import { merkleRoot } from './merkle.js';

/** Hard cap on transactions per block in the encoding (consensus limits are tighter: see params). */
export const MAX_BLOCK_TXS = 100_000;
/** Hard cap on an encoded block's size accepted by the decoder. */
export const MAX_BLOCK_BYTES_DECODE = 64 * 1024 * 1024;

/** Largest seal data in bytes. */
export const MAX_SEAL_BYTES = 1024;

/** Seal kinds by engine (`ConsensusEngine.sealKind`). */
export const SealKind = { pow: 0, bft: 1, authority: 2 } as const;

/** A block's seal: `kind` names the engine, `data` is the engine's proof (not committed by the hash). */
export const Seal = struct('Seal', { kind: u8, data: varBytes(MAX_SEAL_BYTES) });
/** A block seal. */
export type Seal = Infer<typeof Seal>;

/** The proof-of-work seal: kind 0, no data (the proof is the header's nonce). */
export const POW_SEAL: Seal = Object.freeze({ kind: SealKind.pow, data: new Uint8Array(0) });

/** Block schema. */
export const Block = struct('Block', { header: Header, coinbase: Coinbase, txs: list(Tx, MAX_BLOCK_TXS), seal: Seal });
/** A block. */
export type Block = Infer<typeof Block>;

/** Canonical bytes of a block. */
export function encodeBlock(b: Block): Uint8Array {
  return encode(Block, b);
}

/** Decodes a block (DecodeError on anything non-canonical or over `maxBytes`). */
export function decodeBlock(bytes: Uint8Array, maxBytes = MAX_BLOCK_BYTES_DECODE): Block {
  return decode(Block, bytes, maxBytes);
}

/** Merkle root over the coinbase and the transaction ids. */
export function blockMerkleRoot(coinbase: Coinbase, txIds: readonly Uint8Array[]): Uint8Array {
  return merkleRoot([coinbaseHash(coinbase), ...txIds]);
}

/** A block with its hash, encoding and prepared transactions computed once. */
export interface PreparedBlock {
  readonly block: Block;
  readonly hash: Uint8Array;
  readonly bytes: Uint8Array;
  readonly txs: readonly PreparedTx[];
}

/**
 * Decodes block bytes straight into a PreparedBlock: each transaction keeps a view of its own bytes
 * inside the block, so ids are hashed without re-encoding. Same rules as `decodeBlock`.
 */
export function decodePreparedBlock(bytes: Uint8Array, maxBytes = MAX_BLOCK_BYTES_DECODE): PreparedBlock {
  return decodeWith('Block', bytes, maxBytes, (r) => {
    const header = Header.read(r);
    const coinbase = Coinbase.read(r);
    const n = r.uint(4);
    if (n > MAX_BLOCK_TXS) throw new DecodeError('DECODE_OVERSIZE', `Block: ${n} transactions exceeds ${MAX_BLOCK_TXS}`);
    if (n > r.remaining) throw new DecodeError('DECODE_TRUNCATED', `Block: ${n} transactions cannot fit in ${r.remaining} bytes`);
    const txs: Tx[] = new Array(n);
    const prepared: PreparedTx[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const start = r.offset;
      txs[i] = Tx.read(r);
      prepared[i] = prepareTx(txs[i], r.slice(start, r.offset));
    }
    const seal = Seal.read(r);
    const block: Block = { header, coinbase, txs, seal };
    return Object.freeze({ block, hash: headerHash(header), bytes, txs: prepared });
  });
}

/** Computes and caches a block's hash, encoding and transaction ids. */
export function prepareBlock(block: Block, encoded?: Uint8Array): PreparedBlock {
  const bytes = encoded ?? encodeBlock(block);
  return Object.freeze({ block, hash: headerHash(block.header), bytes, txs: block.txs.map((t) => prepareTx(t)) });
}
