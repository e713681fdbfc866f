/**
 * The live chain data profitability is computed from: the next block's bits and expected hashes,
 * its subsidy, the average tips of the last blocks (what a producer earns beyond the subsidy: base
 * fees are burned), and for a mined NFT collection its next token's target, expected hashes and
 * mint price.
 */
import type { Chain } from '../chain/chain.js';
import { workForBits } from '../consensus/pow/work.js';
import { blockSubsidy } from '../consensus/pow/subsidy.js';
import { powParams } from '../params/networks.js';
import { getCollection } from '../state/modules/nft/method.js';
import { expectedHashes, generationOf, minePrice, powTarget } from '../state/modules/nft/pow.js';
import type { ChainFacts } from './profitability.js';

/** Blocks whose tips are averaged. */
export const TIP_WINDOW = 20;

/** The chain's facts for the next block. */
export async function chainFacts(chain: Chain): Promise<ChainFacts & { readonly bits: number; readonly height: number }> {
  const tip = chain.tip;
  const bits = chain.engine.nextBits(tip);
  const pow = powParams(chain.params);
  let tips = 0n;
  let n = 0n;
  for (let e = tip; e.parent && n < BigInt(TIP_WINDOW); e = e.parent) {
    const r = await chain.store.receipts(e.hash);
    if (r) tips += r.receipts.reduce((a, x) => a + x.tip, 0n);
    n++;
  }
  return {
    bits,
    height: tip.height,
    workPerBlock: workForBits(bits),
    subsidy: blockSubsidy(BigInt(tip.height + 1), pow.subsidy.initial, pow.subsidy.halvingInterval),
    averageTips: n > 0n ? tips / n : 0n,
    blockTime: chain.params.blockTime,
    coinDecimals: chain.params.coin.decimals,
  };
}

/** A mined collection's next token, or why there is none. */
export type NextToken =
  | { readonly ok: true; readonly name: string; readonly nextTokenId: bigint; readonly generation: number; readonly target: bigint; readonly expectedHashes: bigint; readonly mintPrice: bigint; readonly mintAsset: number }
  | { readonly ok: false; readonly reason: 'unknown' | 'not-mined' | 'sold-out' };

/** The next token of a mined collection at the head. */
export async function nextMinedToken(chain: Chain, collectionId: number): Promise<NextToken> {
  return chain.view((s): NextToken => {
    const c = getCollection(s, collectionId);
    if (!c) return { ok: false, reason: 'unknown' };
    if (c.mintRule !== 'mined' || !c.pow) return { ok: false, reason: 'not-mined' };
    if (c.maxSupply !== 0n && c.minted >= c.maxSupply) return { ok: false, reason: 'sold-out' };
    const target = powTarget(c.pow, c.minted);
    const g = generationOf(c.minted);
    return { ok: true, name: c.name, nextTokenId: c.minted + 1n, generation: g, target, expectedHashes: expectedHashes(target), mintPrice: minePrice(c.mintPrice, g), mintAsset: c.mintAsset };
  });
}
