/** `chain_getBlock`: a block by main-chain height or by hash, with transaction ids or full transactions. */
import type { Json } from '../../encoding/codec.js';
import { hashToDisplay } from '../../encoding/hex.js';
import { notFound } from '../errors.js';
import { defineMethod, optionalParam, param } from '../method.js';
import { boolParam, heightOrHashParam, type HeightOrHash } from '../params.js';
import { arrS, boolS, bytes32S, decS, eventS, hashS, nullableS, objS, strS, txS, uintS } from '../result-schemas.js';
import { blockView } from '../views.js';

const receiptSummaryS = objS({
  id: hashS,
  status: { type: 'string', enum: ['success', 'failed'] },
  gasUsed: decS,
  fee: decS,
  error: nullableS(strS),
  events: uintS,
});

const blockS = objS({
  hash: hashS,
  height: uintS,
  mainChain: boolS,
  status: { type: 'string', enum: ['stored', 'valid', 'invalid'] },
  confirmations: uintS,
  version: uintS,
  prevHash: hashS,
  merkleRoot: hashS,
  time: uintS,
  bits: uintS,
  nonce: uintS,
  difficulty: strS,
  chainWork: decS,
  size: uintS,
  stateRoot: bytes32S,
  baseFeePerGas: decS,
  gasUsed: decS,
  coinbase: { type: 'object', description: 'the coinbase record (Coinbase codec JSON)' },
  txCount: uintS,
  txs: { anyOf: [arrS(hashS), arrS(txS)] },
  receipts: nullableS(arrS(receiptSummaryS)),
  blockEvents: nullableS(arrS(eventS)),
});

/** chain_getBlock. */
export const chainGetBlock = defineMethod({
  name: 'chain_getBlock',
  summary: 'A block by main-chain height or hash: header fields, coinbase, transaction ids (or full transactions) and receipt summaries (null off the main chain).',
  params: [
    param('block', heightOrHashParam(), 'main-chain height (integer) or block hash (64 hex digits, display order)'),
    optionalParam('includeTxs', boolParam(), false, 'return full transactions instead of ids'),
  ],
  result: { name: 'block', schema: blockS },
  handler: async (call, [sel, includeTxs]: [HeightOrHash, boolean]): Promise<Record<string, Json>> => {
    const { chain } = call.services.ctx;
    const entry = 'height' in sel ? chain.index.atHeight(sel.height) : chain.index.get(sel.hash);
    if (!entry) throw notFound('block', 'height' in sel ? { height: sel.height } : { hash: hashToDisplay(sel.hash) });
    const pb = await chain.getBlock(entry.hash);
    if (!pb) throw notFound('block', { hash: hashToDisplay(entry.hash) });
    const receipts = chain.index.isMain(entry) ? await chain.store.receipts(entry.hash) : undefined;
    return blockView(chain, entry, pb, receipts, includeTxs);
  },
});

