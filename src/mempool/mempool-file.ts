/**
 * Pending transactions across a restart, as bitcoind's mempool.dat: on shutdown the node writes
 * every pooled transaction (arrival order, so each sender's nonces stay in order) to
 * `<datadir>/mempool.dat` (temp file, fsync, rename: a crash leaves the old file or the new one);
 * on start it reads them back through the normal admission checks, so ones mined or made invalid
 * meanwhile are dropped quietly. A crash may lose what arrived since the last save; peers push
 * their pools to a node that connects.
 */
import { open, readFile, rename, rm } from 'node:fs/promises';
import { CoinworksError, DecodeError } from '../errors.js';
import { decode, encode, list, struct, u32, varBytes } from '../encoding/codec.js';
import { MAX_TX_BYTES } from '../primitives/tx.js';
import type { Mempool } from './mempool.js';

/** File name inside a data directory. */
export const MEMPOOL_FILE_NAME = 'mempool.dat';
/** Format version written. */
export const MEMPOOL_FILE_VERSION = 1;

const MempoolFile = struct('MempoolFile', { version: u32, txs: list(varBytes(MAX_TX_BYTES), 1_000_000) });

/** Writes every pooled transaction to `path` (an empty pool removes the file); returns how many. */
export async function saveMempool(mempool: Mempool, path: string): Promise<number> {
  const txs = mempool.list().map((t) => mempool.get(t.key)!.bytes);
  if (txs.length === 0) {
    await rm(path, { force: true });
    return 0;
  }
  const tmp = `${path}.tmp`;
  const h = await open(tmp, 'w', 0o644);
  try {
    await h.writeFile(encode(MempoolFile, { version: MEMPOOL_FILE_VERSION, txs }));
    await h.sync();
  } finally {
    await h.close();
  }
  await rename(tmp, path);
  return txs.length;
}

/** Reads `path` (if present) back into the pool; returns how many were admitted and refused. A damaged file is ignored. */
export async function loadMempool(mempool: Mempool, path: string): Promise<{ admitted: number; refused: number }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { admitted: 0, refused: 0 };
    throw e;
  }
  let file: { version: number; txs: Uint8Array[] };
  try {
    file = decode(MempoolFile, bytes, bytes.length);
  } catch (e) {
    if (e instanceof DecodeError) return { admitted: 0, refused: 0 };
    throw e;
  }
  if (file.version !== MEMPOOL_FILE_VERSION) return { admitted: 0, refused: file.txs.length };
  let admitted = 0;
  let refused = 0;
  for (const t of file.txs) {
    try {
      await mempool.add(t);
      admitted++;
    } catch (e) {
      if (!(e instanceof CoinworksError)) throw e;
      refused++;
    }
  }
  return { admitted, refused };
}
