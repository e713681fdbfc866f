/**
 * The genesis block, built deterministically from the network parameters: the modules' genesis
 * state (allocations, supply) built chunk by chunk on the disk-backed state, a coinbase that
 * commits its state root and the root of its event chunks, and a header with no parent. Its proof
 * of work is not checked (as with Bitcoin's genesis): every node builds the same bytes.
 */
import { createHash } from 'node:crypto';
import type { NetworkParams } from '../params/networks.js';
import type { Block } from '../primitives/block.js';
import { blockMerkleRoot } from '../primitives/block.js';
import type { Coinbase } from '../primitives/coinbase.js';
import { POW_SEAL } from '../primitives/block.js';
import type { ConsensusEngine } from '../consensus/engine.js';

/** The genesis block committing to `stateRoot` and `receiptsRoot` (`genesisReceiptsRoot`). */
export function genesisBlock(params: NetworkParams, engine: ConsensusEngine, stateRoot: Uint8Array, receiptsRoot: Uint8Array): Block {
  const coinbase: Coinbase = {
    chainId: params.chainId,
    height: 0n,
    beneficiary: new Uint8Array(20),
    stateRoot,
    receiptsRoot,
    gasUsed: 0n,
    baseFeePerGas: params.fees.initialBaseFee,
    consensus: new Uint8Array(0),
    extraNonce: new Uint8Array(0),
    extraData: new TextEncoder().encode(params.genesis.extraData),
  };
  return {
    header: {
      version: params.blockVersion,
      prevHash: new Uint8Array(32),
      merkleRoot: blockMerkleRoot(coinbase, []),
      time: params.genesis.time,
      bits: engine.genesisBits(),
      nonce: 0,
    },
    coinbase,
    txs: [],
    // Genesis is built, not produced: no engine seals it (as Bitcoin's genesis proof of work is never checked).
    seal: POW_SEAL,
  };
}

/**
 * Digest of everything the genesis sets (network, chain id, time, extra data, every allocation,
 * and on a proof-of-stake network the genesis validators and the downtime rules a genesis file may
 * override), stored with the chain so a data directory opened with other parameters is refused
 * without rebuilding the genesis state: a node that ran its blocks by other slashing rules would
 * compute other states. One streaming SHA-256 over the allocations' text.
 */
export function genesisDigest(params: NetworkParams): Uint8Array {
  const h = createHash('sha256');
  h.update(`coinworks genesis\n${params.name}\n${params.chainId}\n${params.genesis.time}\n${params.genesis.extraData}\n${params.blockVersion}\n${params.consensus.engine}\n`);
  for (const a of params.genesis.allocations) h.update(`${a.address} ${a.amount}\n`);
  if (params.consensus.engine === 'bft') {
    const e = params.consensus.bft.economics;
    const s = e.slashing;
    h.update(`slashing ${s.signedBlocksWindow} ${s.minSignedPerWindow} ${s.downtimeJailDuration} ${s.slashFractionDoubleSign} ${s.slashFractionDowntime}\n`);
    for (const v of e.genesisValidators) {
      const c = v.commission;
      h.update(`validator ${v.operator} ${v.consensusPublicKey} ${v.selfStake} ${c.rate} ${c.maxRate} ${c.maxChangeRate} ${v.rewardAddress ?? ''}\n`);
    }
  }
  return new Uint8Array(h.digest());
}
