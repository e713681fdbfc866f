/**
 * Block assembly: executes candidate transactions on the head state (leaving out any that cannot
 * be included), fills in the coinbase (state root, receipts root, gas, base fee, the engine's
 * consensus data) and the header fields a producer needs. The result carries the Stratum merkle
 * branch, so a pool can hand out work and rebuild the exact block from a miner's extranonce, time
 * and nonce.
 *
 * Rolling: a miner may change the header's time and nonce and the coinbase's extranonce (and
 * nothing else) without invalidating the template: execution reads the engine's execution time
 * (proof of work: the parent's median time past), never the header time, and no state rule reads
 * the block's own hash. Only the engine's time rules (median time past, future drift) and its proof
 * of work read the rolled fields.
 */
import { POW_SEAL, type Block, type Seal } from '../primitives/block.js';
import type { Coinbase } from '../primitives/coinbase.js';
import { coinbaseHash } from '../primitives/coinbase.js';
import type { Header } from '../primitives/header.js';
import { coinbaseBranch, rootFromCoinbaseBranch } from '../primitives/merkle.js';
import type { PreparedTx } from '../primitives/tx.js';
import type { CoinworksError } from '../errors.js';
import type { Chain } from './chain.js';
import type { ChainEntry } from './chain-index.js';

/** Work for one block on top of `parent`. */
export interface BlockTemplate {
  readonly parent: ChainEntry;
  readonly height: number;
  /** Header with merkleRoot and nonce still to fill. */
  readonly header: Readonly<Omit<Header, 'merkleRoot' | 'nonce'>>;
  /** Coinbase; its extraNonce is replaced by the miner's. */
  readonly coinbase: Coinbase;
  readonly txs: readonly PreparedTx[];
  /** Merkle branch of the coinbase (Stratum v1 `merkle_branch`). */
  readonly branch: readonly Uint8Array[];
  /** Candidates left out, with the reason (the mempool drops them). */
  readonly rejected: ReadonlyArray<{ tx: PreparedTx; error: CoinworksError }>;
}

/** Options of `assembleBlock`. */
export interface AssembleOptions {
  readonly txs: readonly PreparedTx[];
  readonly beneficiary: Uint8Array;
  /** Header time; defaults to the later of the local clock and median-time-past + 1. */
  readonly time?: number;
  readonly extraData?: Uint8Array;
  /** The engine's committed data for this block (empty for proof of work). */
  readonly consensusData?: Uint8Array;
}

/**
 * Builds a template on the current tip. Asynchronous: the head state loads the records the
 * transactions read (the chain executes under its import lock, so the tip cannot move meanwhile;
 * `template.parent` is the block it was built on).
 */
export async function assembleBlock(chain: Chain, o: AssembleOptions): Promise<BlockTemplate> {
  const consensus = o.consensusData ?? new Uint8Array(0);
  const { parent, headerTime: time, info, exec, commit, receiptsRoot } = await chain.executeOnTip({
    // The time is picked once the lock is held, against the tip the block builds on.
    headerTime: (tip) => o.time ?? Math.max(chain.clock(), chain.engine.minChildTime(tip)),
    beneficiary: o.beneficiary,
    consensusData: consensus,
    txs: o.txs,
  });
  const coinbase: Coinbase = {
    chainId: chain.params.chainId,
    height: info.height,
    beneficiary: o.beneficiary,
    stateRoot: commit.root,
    receiptsRoot,
    gasUsed: exec.totals.gasUsed,
    baseFeePerGas: info.baseFeePerGas,
    consensus,
    extraNonce: new Uint8Array(0),
    extraData: o.extraData ?? new TextEncoder().encode('/coinworks/'),
  };
  return {
    parent,
    height: parent.height + 1,
    header: { version: chain.params.blockVersion, prevHash: parent.hash, time, bits: chain.engine.nextBits(parent) },
    coinbase,
    txs: exec.included,
    branch: coinbaseBranch(exec.included.map((t) => t.id)),
    rejected: exec.rejected,
  };
}

/** The header a template gives for an extranonce (merkle root filled, nonce 0). */
export function templateHeader(t: BlockTemplate, extraNonce: Uint8Array, time = t.header.time): Header {
  const cb = { ...t.coinbase, extraNonce };
  return { ...t.header, time, merkleRoot: rootFromCoinbaseBranch(coinbaseHash(cb), t.branch), nonce: 0 };
}

/** The full block for a solved template (proof of work: the empty seal). */
export function templateToBlock(t: BlockTemplate, extraNonce: Uint8Array, nonce: number, time = t.header.time, seal: Seal = POW_SEAL): Block {
  const header = { ...templateHeader(t, extraNonce, time), nonce };
  return { header, coinbase: { ...t.coinbase, extraNonce }, txs: t.txs.map((p) => p.tx), seal };
}
