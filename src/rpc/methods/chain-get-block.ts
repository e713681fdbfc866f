/** `chain_getBlock`: a block by main-chain height or by hash, with transaction ids or full transactions. */
import { chainGetBlock as spec } from '../../api/core.js';
import { hashToDisplay } from '../../encoding/hex.js';
import { notFound } from '../errors.js';
import { defineMethod } from '../method.js';
import { blockView } from '../views.js';

/** chain_getBlock. */
export const chainGetBlock = defineMethod(spec, async (call, [sel, includeTxs]) => {
  const { chain } = call.services.ctx;
  const entry = 'height' in sel ? chain.index.atHeight(sel.height) : chain.index.get(sel.hash);
  if (!entry) throw notFound('block', 'height' in sel ? { height: sel.height } : { hash: hashToDisplay(sel.hash) });
  const pb = await chain.getBlock(entry.hash);
  if (!pb) throw notFound('block', { hash: hashToDisplay(entry.hash) });
  const receipts = chain.index.isMain(entry) ? await chain.store.receipts(entry.hash) : undefined;
  return blockView(chain, entry, pb, receipts, includeTxs, await chain.getJustification(entry.hash));
});
