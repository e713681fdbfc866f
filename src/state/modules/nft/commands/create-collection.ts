/** nft.createCollection: a new ERC-721 collection with its royalty default and mint rule. */
import { TxError } from '../../../../errors.js';
import type { Command } from '../../../module.js';
import { isZeroAddress } from '../method.js';
import { collectionSeed } from '../pow.js';
import { CreateCollectionParams, MAX_ROYALTY_BPS, type Royalty } from '../schemas.js';
import { collectionKey, collectionStore, nextCollectionStore } from '../stores.js';
import { CollectionCreatedEvent } from '../events.js';

/** Gas of nft.createCollection. */
export const CREATE_COLLECTION_GAS = 50_000n;
/** Highest generation threshold a schedule may name (POW NFT uses 13). */
export const MAX_LINEAR_AFTER = 62;

/** ERC-2981: a royalty pays a non-zero receiver at most MAX_ROYALTY_BPS. */
export function checkRoyalty(r: Royalty | null): void {
  if (!r) return;
  if (isZeroAddress(r.receiver)) throw new TxError('TX_NFT_ZERO_ADDRESS', 'royalty receiver must not be the zero address (ERC-2981)');
  if (r.bps > MAX_ROYALTY_BPS) throw new TxError('TX_INVALID_PARAMS', `royalty ${r.bps} bps exceeds ${MAX_ROYALTY_BPS}`);
}

/** Stateless checks of a new collection. */
function checkParams(p: CreateCollectionParams): void {
  if (p.name === '') throw new TxError('TX_INVALID_PARAMS', 'collection name must not be empty');
  checkRoyalty(p.royalty);
  if ((p.mintRule === 'mined') !== (p.pow !== null)) throw new TxError('TX_INVALID_PARAMS', 'pow parameters are required for, and only for, a mined collection');
  if (p.mintRule === 'creator' && p.mintPrice !== 0n) throw new TxError('TX_INVALID_PARAMS', 'a creator-only collection has no mint price');
  if (p.pow) {
    if (p.pow.divisor < 1n) throw new TxError('TX_INVALID_PARAMS', 'pow divisor must be at least 1');
    if (p.pow.ramp < 1) throw new TxError('TX_INVALID_PARAMS', 'pow ramp must be at least 1');
    if (p.pow.linearAfter > MAX_LINEAR_AFTER) throw new TxError('TX_INVALID_PARAMS', `pow linearAfter must be at most ${MAX_LINEAR_AFTER}`);
  }
}

/** Creates a collection owned (as creator) by the sender; ids count up from 1. */
export function createCollectionCommand(): Command<CreateCollectionParams> {
  return {
    name: 'createCollection',
    schema: CreateCollectionParams,
    gas: () => CREATE_COLLECTION_GAS,
    verify({ params }) {
      checkParams(params);
    },
    execute({ params, sender, state, events, block }) {
      const id = nextCollectionStore.get(state, '') ?? 1;
      if (id === 0xffff_ffff) throw new TxError('TX_COMMAND_FAILED', 'no collection ids left');
      nextCollectionStore.set(state, '', id + 1);
      collectionStore.set(state, collectionKey(id), {
        creator: sender,
        name: params.name,
        symbol: params.symbol,
        maxSupply: params.maxSupply,
        minted: 0n,
        burned: 0n,
        royalty: params.royalty,
        baseUri: params.baseUri,
        mintRule: params.mintRule,
        mintPrice: params.mintPrice,
        mintAsset: params.mintAsset,
        pow: params.pow,
        // POW NFT: work builds on the previous token's hash; the first builds on a seed of this block.
        prevHash: params.mintRule === 'mined' ? collectionSeed(id, block.parentHash, block.height) : new Uint8Array(32),
      });
      events.emit(CollectionCreatedEvent, { collectionId: id, creator: sender, mintRule: params.mintRule });
    },
  };
}
