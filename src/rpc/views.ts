/**
 * JSON views of chain objects for RPC results (bigints as decimal strings, ids in display order),
 * with the head view and the fee estimate cached per tip so hot methods do no repeated work.
 */
import type { Static } from '@sinclair/typebox';
import type { Block, Head, Receipt as ReceiptSchema, Tx } from '../api/core.js';
import type { Chain } from '../chain/chain.js';
import type { ChainEntry } from '../chain/chain-index.js';
import { decode, type Json } from '../encoding/codec.js';
import { bytesToHex, hashToDisplay } from '../encoding/hex.js';
import { encodeAddress } from '../crypto/address.js';
import { Coinbase } from '../primitives/coinbase.js';
import { Header } from '../primitives/header.js';
import type { PreparedBlock } from '../primitives/block.js';
import { TxBody, type PreparedTx } from '../primitives/tx.js';
import type { Receipt } from '../state/receipt.js';
import type { BlockReceipts } from '../storage/records.js';
import { nextBaseFee } from '../state/modules/fees/base-fee.js';
import { estimateFee, type FeeEstimate } from '../state/modules/fees/estimate.js';

/** The chain head as RPC shows it. */
export type HeadView = Static<typeof Head>;
/** A receipt as RPC shows it. */
export type ReceiptView = Static<typeof ReceiptSchema>;
/** A transaction as RPC shows it. */
export type TxView = Static<typeof Tx>;
/** A block as RPC shows it. */
export type BlockView = Static<typeof Block>;

/** JSON view of a receipt, events decoded through the state machine's event registry. */
export function receiptView(chain: Chain, r: Receipt): ReceiptView {
  return {
    status: r.status,
    gasUsed: r.gasUsed.toString(),
    fee: r.fee.toString(),
    burned: r.burned.toString(),
    tip: r.tip.toString(),
    error: r.error,
    events: r.events.map((e) => chain.sm.events.toJson(e) as ReceiptView['events'][number]),
  };
}

/** JSON view of a transaction, its params decoded when the command is known. */
export function txView(chain: Chain, ptx: PreparedTx): TxView {
  const { body } = ptx.tx;
  let decodedParams: Json | null = null;
  const cmd = chain.sm.command(body.module, body.command);
  if (cmd) {
    try {
      decodedParams = cmd.schema.toJson(decode(cmd.schema, body.params));
    } catch {
      decodedParams = null;
    }
  }
  return {
    id: hashToDisplay(ptx.id),
    sender: encodeAddress(ptx.sender),
    size: ptx.bytes.length,
    body: TxBody.toJson(body) as TxView['body'],
    signature: bytesToHex(ptx.tx.signature),
    decodedParams,
  };
}

/** Head view of a main-chain entry; `stateRoot` is the root committed by its block. */
export function headView(chain: Chain, entry: ChainEntry, stateRoot: Uint8Array): HeadView {
  return {
    network: chain.params.name,
    chainId: chain.params.chainId,
    height: entry.height,
    hash: hashToDisplay(entry.hash),
    prevHash: hashToDisplay(entry.header.prevHash),
    time: entry.header.time,
    bits: entry.header.bits,
    difficulty: engineDifficulty(chain, entry),
    chainWork: entry.chainWork.toString(),
    stateRoot: bytesToHex(stateRoot),
    baseFeePerGas: entry.baseFeePerGas.toString(),
    nextBaseFeePerGas: nextBaseFee(chain.params, entry.baseFeePerGas, entry.gasUsed).toString(),
    gasUsed: entry.gasUsed.toString(),
    txCount: entry.txCount,
  };
}

/** The block's difficulty as its engine states it ("0" for engines without proof of work). */
function engineDifficulty(chain: Chain, entry: ChainEntry): string {
  const d = chain.engine.describeBlock({ block: { header: entry.header } }).difficulty;
  return typeof d === 'string' ? d : '0';
}

/** JSON view of a block with its header fields, coinbase, transactions and receipt summaries. */
export function blockView(chain: Chain, entry: ChainEntry, pb: PreparedBlock, receipts: BlockReceipts | undefined, includeTxs: boolean, justification?: Uint8Array): BlockView {
  const main = chain.index.isMain(entry);
  const header = Header.toJson(pb.block.header) as Pick<BlockView, 'version' | 'prevHash' | 'merkleRoot' | 'time' | 'bits' | 'nonce'>;
  return {
    hash: hashToDisplay(entry.hash),
    height: entry.height,
    mainChain: main,
    status: entry.status,
    confirmations: main ? chain.tip.height - entry.height + 1 : 0,
    ...header,
    difficulty: engineDifficulty(chain, entry),
    chainWork: entry.chainWork.toString(),
    size: pb.bytes.length,
    stateRoot: bytesToHex(pb.block.coinbase.stateRoot),
    baseFeePerGas: pb.block.coinbase.baseFeePerGas.toString(),
    gasUsed: pb.block.coinbase.gasUsed.toString(),
    coinbase: Coinbase.toJson(pb.block.coinbase) as Record<string, Json>,
    consensus: chain.engine.describeBlock(pb, justification),
    txCount: pb.txs.length,
    txs: includeTxs ? pb.txs.map((t) => txView(chain, t)) : pb.txs.map((t) => hashToDisplay(t.id)),
    receipts: receipts
      ? receipts.receipts.map((r) => ({
          id: hashToDisplay(r.txId),
          status: r.status,
          gasUsed: r.gasUsed.toString(),
          fee: r.fee.toString(),
          error: r.error,
          events: r.events.length,
        }))
      : null,
    blockEvents: receipts ? receipts.blockEvents.map((e) => chain.sm.events.toJson(e) as ReceiptView['events'][number]) : null,
  };
}

/** Per-tip caches of the head view and the fee estimate. */
export class ViewCache {
  private headMemo: { entry: ChainEntry; view: Promise<HeadView> } | undefined;
  private fee: { entry: ChainEntry; estimate: Promise<FeeEstimate> } | undefined;

  constructor(
    private readonly chain: Chain,
    /** How many recent blocks' tips feed the fee estimate. */
    private readonly feeBlocks = 10,
  ) {}

  /** View of the current tip (the head state's root is the tip's state root). */
  head(): Promise<HeadView> {
    if (this.headMemo?.entry !== this.chain.tip) {
      // The root is always in memory and moves with the tip (one synchronous step).
      const tip = this.chain.tip;
      const view = (async () => ({ tip, view: headView(this.chain, tip, this.chain.stateRoot()) }))();
      const memo = { entry: this.chain.tip, view: view.then((v) => v.view) };
      this.headMemo = memo;
      view.catch(() => {
        if (this.headMemo === memo) this.headMemo = undefined;
      });
    }
    return this.headMemo!.view;
  }

  /** Fee estimate for the next block from the tips paid per gas in the last `feeBlocks` blocks. */
  feeEstimate(): Promise<FeeEstimate> {
    const tip = this.chain.tip;
    if (this.fee?.entry !== tip) {
      const estimate = this.computeFee(tip);
      this.fee = { entry: tip, estimate };
      estimate.catch(() => {
        if (this.fee?.estimate === estimate) this.fee = undefined;
      });
    }
    return this.fee.estimate;
  }

  private async computeFee(tip: ChainEntry): Promise<FeeEstimate> {
    const tips: bigint[] = [];
    let e: ChainEntry | null = tip;
    for (let i = 0; i < this.feeBlocks && e && e.parent; i++, e = e.parent) {
      if (e.txCount === 0) continue;
      const rs = await this.chain.store.receipts(e.hash);
      for (const r of rs?.receipts ?? []) if (r.gasUsed > 0n) tips.push(r.tip / r.gasUsed);
    }
    return estimateFee(this.chain.params, { baseFeePerGas: tip.baseFeePerGas, gasUsed: tip.gasUsed }, tips);
  }
}
