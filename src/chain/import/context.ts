/**
 * Import step 2, context: the rules a block must meet against its parent before any state is
 * touched, each with its own typed reason: header version, coinbase identity (chain id, height),
 * the engine's time rules, header rules (difficulty and proof of work) and seal, the base fee
 * (EIP-1559, from the parent) and the gas limit.
 */
import { BlockError } from '../../errors.js';
import type { NetworkParams } from '../../params/networks.js';
import type { PreparedBlock } from '../../primitives/block.js';
import type { ConsensusEngine } from '../../consensus/engine.js';
import { nextBaseFee } from '../../state/modules/fees/base-fee.js';
import type { ChainEntry } from '../chain-index.js';

/** Checks a block against its parent; `now` is the local clock (seconds). */
export function checkContext(p: { block: PreparedBlock; parent: ChainEntry; engine: ConsensusEngine; params: NetworkParams; now: number }): void {
  const { block: pb, parent, engine, params, now } = p;
  const { header, coinbase } = pb.block;
  if (header.version < 1) throw new BlockError('BLOCK_BAD_VERSION', `header version ${header.version} is not allowed`);
  if (coinbase.chainId !== params.chainId) throw new BlockError('BLOCK_BAD_COINBASE', `coinbase is for chain ${coinbase.chainId}`);
  if (coinbase.height !== BigInt(parent.height + 1)) throw new BlockError('BLOCK_BAD_COINBASE', `coinbase height ${coinbase.height} is not ${parent.height + 1}`);
  engine.validateTime(header, parent, now);
  engine.validateHeader(header, pb.hash, parent);
  engine.validateSeal(pb, parent);
  const baseFee = nextBaseFee(params, parent.baseFeePerGas, parent.gasUsed);
  if (coinbase.baseFeePerGas !== baseFee) throw new BlockError('BLOCK_BAD_BASE_FEE', `base fee ${coinbase.baseFeePerGas} is not the required ${baseFee}`);
  if (coinbase.gasUsed > params.fees.blockGasLimit) throw new BlockError('BLOCK_GAS_LIMIT_EXCEEDED', `gas used ${coinbase.gasUsed} exceeds the limit`);
}
