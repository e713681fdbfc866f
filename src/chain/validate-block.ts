/**
 * Block checks that need no state, in pipeline order, each one rule with its own typed reason:
 * size, coinbase identity, time against median-time-past and the local clock, the engine's
 * difficulty and proof, duplicate transactions, merkle root, base fee and gas limit.
 */
import { BlockError } from '../errors.js';
import type { NetworkParams } from '../params/networks.js';
import { blockMerkleRoot, type PreparedBlock } from '../primitives/block.js';
import { bytesEqual } from '../encoding/hex.js';
import type { ConsensusEngine } from '../consensus/engine.js';
import { nextBaseFee } from '../state/modules/fees/base-fee.js';
import type { ChainEntry, ChainIndex } from './chain-index.js';

/** Checks a block against its parent before any state is touched. `now` is the local clock (seconds). */
export function validateBlockContext(p: { block: PreparedBlock; parent: ChainEntry; index: ChainIndex; engine: ConsensusEngine; params: NetworkParams; now: number }): void {
  const { block: pb, parent, index, engine, params, now } = p;
  const { header, coinbase } = pb.block;
  if (pb.bytes.length > params.maxBlockBytes) throw new BlockError('BLOCK_OVERSIZE', `block is ${pb.bytes.length} bytes, above the limit ${params.maxBlockBytes}`);
  if (header.version < 1) throw new BlockError('BLOCK_BAD_VERSION', `header version ${header.version} is not allowed`);
  if (coinbase.chainId !== params.chainId) throw new BlockError('BLOCK_BAD_COINBASE', `coinbase is for chain ${coinbase.chainId}`);
  if (coinbase.height !== BigInt(parent.height + 1)) throw new BlockError('BLOCK_BAD_COINBASE', `coinbase height ${coinbase.height} is not ${parent.height + 1}`);
  // Median-time-past rule (BIP 113) and the future-drift rule.
  const mtp = index.medianTimePast(parent, params.pow.mtpWindow);
  if (header.time <= mtp) throw new BlockError('BLOCK_TIME_TOO_OLD', `block time ${header.time} is not after the median time past ${mtp}`, { mtp });
  if (header.time > now + params.pow.maxFutureDrift) {
    throw new BlockError('BLOCK_TIME_TOO_NEW', `block time ${header.time} is more than ${params.pow.maxFutureDrift}s ahead of the local clock ${now}`, { now });
  }
  engine.validateHeader(header, pb.hash, parent);
  const seen = new Set<string>();
  for (const t of pb.txs) {
    if (seen.has(t.key)) throw new BlockError('BLOCK_DUPLICATE_TX', `transaction ${t.key} appears twice`);
    seen.add(t.key);
  }
  if (!bytesEqual(blockMerkleRoot(coinbase, pb.txs.map((t) => t.id)), header.merkleRoot)) {
    throw new BlockError('BLOCK_BAD_MERKLE_ROOT', 'merkle root does not match the coinbase and transactions');
  }
  const baseFee = nextBaseFee(params, parent.baseFeePerGas, parent.gasUsed);
  if (coinbase.baseFeePerGas !== baseFee) throw new BlockError('BLOCK_BAD_BASE_FEE', `base fee ${coinbase.baseFeePerGas} is not the required ${baseFee}`);
  if (coinbase.gasUsed > params.fees.blockGasLimit) throw new BlockError('BLOCK_GAS_LIMIT_EXCEEDED', `gas used ${coinbase.gasUsed} exceeds the limit`);
}
