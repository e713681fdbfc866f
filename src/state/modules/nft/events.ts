/** Events of the nft module (ERC-721's Transfer, Approval and ApprovalForAll, plus POW NFT's Mined). */
import { bool, optional, struct, u32, u64, bytes, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';
import { EventType } from '../../events.js';
import { MintRule } from './schemas.js';

/** A collection was created. */
export const CollectionCreatedEvent = new EventType('nft', 'collectionCreated', struct('CollectionCreated', { collectionId: u32, creator: address, mintRule: MintRule }));

/** ERC-721 Transfer: a mint has `from` = zero address, a burn has `to` = zero address. */
export const NftTransferEvent = new EventType('nft', 'transfer', struct('NftTransfer', { collectionId: u32, tokenId: u64, from: address, to: address }));
/** An nft.transfer event. */
export type NftTransferEvent = Infer<typeof NftTransferEvent.schema>;

/** ERC-721 Approval: the token's approved address was set (null: cleared). */
export const NftApprovalEvent = new EventType('nft', 'approval', struct('NftApproval', { collectionId: u32, tokenId: u64, owner: address, approved: optional(address) }));

/** ERC-721 ApprovalForAll, per collection. */
export const OperatorSetEvent = new EventType('nft', 'operatorSet', struct('OperatorSet', { collectionId: u32, owner: address, operator: address, approved: bool }));

/** POW NFT's Mined: a token was mined; `tokenHash` is what its traits and music come from. */
export const MinedEvent = new EventType(
  'nft',
  'mined',
  struct('Mined', { collectionId: u32, tokenId: u64, miner: address, powHash: bytes(32), tokenHash: bytes(32), generation: u32, price: u64 }),
);

/** A mined token's share of later mint prices was paid to its owner (POW NFT's Withdraw). */
export const ShareClaimedEvent = new EventType('nft', 'shareClaimed', struct('ShareClaimed', { collectionId: u32, tokenId: u64, owner: address, assetId: u32, amount: u64 }));

/** Every event type of the module. */
export const NFT_EVENTS = [CollectionCreatedEvent, NftTransferEvent, NftApprovalEvent, OperatorSetEvent, MinedEvent, ShareClaimedEvent];
