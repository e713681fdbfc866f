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
  // Say which block and where the chain is (a reset devnet starts again at 0): issue 14.
  if (!entry) {
    throw 'height' in sel
      ? notFound(`block`, { height: sel.height }, `no block at height ${sel.height}: the tip is at height ${chain.tip.height}`)
      : notFound('block', { hash: hashToDisplay(sel.hash) }, `no block ${hashToDisplay(sel.hash)} on this node`);
  }
  const pb = await chain.getBlock(entry.hash);
  if (!pb) throw notFound('block', { hash: hashToDisplay(entry.hash) });
  const receipts = chain.index.isMain(entry) ? await chain.store.receipts(entry.hash) : undefined;
  return blockView(chain, entry, pb, receipts, includeTxs, await chain.getJustification(entry.hash));
});
