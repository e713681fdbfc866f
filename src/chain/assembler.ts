/**
 * Block assembly: executes candidate transactions on the head state (leaving out any that cannot
 * be included), fills in the coinbase (state root, receipts root, gas, base fee) and the header
 * fields a miner needs. The result carries the Stratum merkle branch, so a pool can hand out
 * work and rebuild the exact block from a miner's extranonce, time and nonce.
 */
import type { Block } from '../primitives/block.js';
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
}

/** Builds a template on the current tip. */
export function assembleBlock(chain: Chain, o: AssembleOptions): BlockTemplate {
  const parent = chain.tip;
  const mtp = chain.index.medianTimePast(parent, chain.params.pow.mtpWindow);
  const time = o.time ?? Math.max(chain.clock(), mtp + 1);
  const info = chain.blockInfo(parent, time, o.beneficiary);
  const { exec, commit, receiptsRoot } = chain.executeOnTip(info, o.txs, true);
  const coinbase: Coinbase = {
    chainId: chain.params.chainId,
    height: info.height,
    beneficiary: o.beneficiary,
    stateRoot: commit.root,
    receiptsRoot,
    gasUsed: exec.totals.gasUsed,
    baseFeePerGas: info.baseFeePerGas,
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

/** The full block for a solved template. */
export function templateToBlock(t: BlockTemplate, extraNonce: Uint8Array, nonce: number, time = t.header.time): Block {
  const header = { ...templateHeader(t, extraNonce, time), nonce };
  return { header, coinbase: { ...t.coinbase, extraNonce }, txs: t.txs.map((p) => p.tx) };
}
