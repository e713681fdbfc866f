/**
 * Import step 3, body: the transactions the block carries are the ones its header commits to — no
 * transaction twice, and the merkle root over [coinbase, txids] equals the header's.
 */
import { BlockError } from '../../errors.js';
import { bytesEqual } from '../../encoding/hex.js';
import { blockMerkleRoot, type PreparedBlock } from '../../primitives/block.js';

/** Checks duplicate transactions and the merkle root. */
export function checkBody(pb: PreparedBlock): void {
  const seen = new Set<string>();
  for (const t of pb.txs) {
    if (seen.has(t.key)) throw new BlockError('BLOCK_DUPLICATE_TX', `transaction ${t.key} appears twice`);
    seen.add(t.key);
  }
  if (!bytesEqual(blockMerkleRoot(pb.block.coinbase, pb.txs.map((t) => t.id)), pb.block.header.merkleRoot)) {
    throw new BlockError('BLOCK_BAD_MERKLE_ROOT', 'merkle root does not match the coinbase and transactions');
  }
}
