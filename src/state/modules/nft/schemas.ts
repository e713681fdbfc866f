/**
 * Parameters and records of the nft module: collections (ERC-721 contracts) and their tokens, with
 * ERC-2981 royalties and a mint rule (creator-only, open mint at a price, or mined as POW NFT's Atoms).
 */
import { bool, bytes, enumOf, optional, str, struct, u16, u32, u64, u8, type Infer } from '../../../encoding/codec.js';
import { address } from '../../../primitives/address-codec.js';

/** Longest collection name, in UTF-8 bytes. */
export const MAX_NAME_BYTES = 64;
/** Longest collection symbol, in UTF-8 bytes. */
export const MAX_SYMBOL_BYTES = 16;
/** Longest metadata URI (collection base or per token), in UTF-8 bytes. */
export const MAX_URI_BYTES = 256;
/** Largest royalty, in basis points (ERC-2981 leaves it open; we cap it so a sale always pays the seller). */
export const MAX_ROYALTY_BPS = 5_000;
/** Basis points in one whole (ERC-2981: royalty = floor(price * bps / 10000)). */
export const BPS_DENOMINATOR = 10_000n;

/** An ERC-2981 royalty: `bps` of each sale price goes to `receiver`. */
export const Royalty = struct('Royalty', { receiver: address, bps: u16 });
/** An ERC-2981 royalty. */
export type Royalty = Infer<typeof Royalty>;

/** Who may mint: the creator only, anyone paying the price, or anyone with proof of work (POW NFT). */
export const MintRule = enumOf('MintRule', ['creator', 'open', 'mined'] as const);
/** A collection's mint rule. */
export type MintRule = Infer<typeof MintRule>;

/**
 * POW NFT's difficulty schedule, per collection: target(n) = ((2^256-1) / divisor) / ramp^g with
 * g = floor(log2(n+1)); past generation `linearAfter` also divided by (n+1) - 2^(linearAfter+1) + 1.
 * POW NFT's Atoms: divisor 300, ramp 3, linearAfter 13.
 */
export const PowParams = struct('PowParams', { divisor: u64, ramp: u8, linearAfter: u8 });
/** A mined collection's difficulty parameters. */
export type PowParams = Infer<typeof PowParams>;

/** A collection (one ERC-721 contract). */
export const Collection = struct('Collection', {
  creator: address,
  name: str(MAX_NAME_BYTES),
  symbol: str(MAX_SYMBOL_BYTES),
  /** Most tokens ever minted (0 = unlimited); burns do not free room. */
  maxSupply: u64,
  /** Tokens minted so far, burned ones included (n of the POW schedule). */
  minted: u64,
  /** Tokens burned so far. */
  burned: u64,
  /** Default royalty of every token (ERC-2981 default), or none. */
  royalty: optional(Royalty),
  /** Metadata base: a token without its own URI has URI = baseUri + tokenId. */
  baseUri: str(MAX_URI_BYTES),
  mintRule: MintRule,
  /** Open mint: price per token. Mined: POW NFT's unit price (a generation-g token costs (2^g - 1) units). */
  mintPrice: u64,
  /** Asset of `mintPrice` (0 = native coin). */
  mintAsset: u32,
  /** Difficulty schedule of a mined collection (null otherwise). */
  pow: optional(PowParams),
  /** Mined collections: hash of the last token (or the creation seed); the next nonce must build on it. */
  prevHash: bytes(32),
});
/** A collection record. */
export type Collection = Infer<typeof Collection>;

/** A token (ERC-721 id within a collection). */
export const Token = struct('Token', {
  owner: address,
  /** ERC-721 `getApproved`: cleared on every transfer. */
  approved: optional(address),
  /** Content hash (mined tokens: the token hash their traits and music come from). */
  contentHash: bytes(32),
  /** Own metadata URI ('' = collection base + id). */
  uri: str(MAX_URI_BYTES),
  /** Per-token royalty, overriding the collection default (ERC-2981). */
  royalty: optional(Royalty),
  /** Value of `collection.minted` when this token was minted: unique per mint, even for a re-minted id. */
  serial: u64,
  /** Transfers since mint: a marketplace listing records it and goes stale when it moves. */
  version: u64,
  /** Height of the block that minted it. */
  mintedAt: u64,
  /** Mined tokens with a price: POW NFT's WITHDRAWALS, the collection count up to which shares were paid. */
  sharesPaidUntil: u64,
});
/** A token record. */
export type Token = Infer<typeof Token>;

/** nft.createCollection parameters. */
export const CreateCollectionParams = struct('CreateCollectionParams', {
  name: str(MAX_NAME_BYTES),
  symbol: str(MAX_SYMBOL_BYTES),
  maxSupply: u64,
  royalty: optional(Royalty),
  baseUri: str(MAX_URI_BYTES),
  mintRule: MintRule,
  mintPrice: u64,
  mintAsset: u32,
  pow: optional(PowParams),
});
/** nft.createCollection parameters. */
export type CreateCollectionParams = Infer<typeof CreateCollectionParams>;

/** nft.mint parameters (creator or open mint; mined collections use nft.mine). */
export const MintParams = struct('MintParams', {
  collectionId: u32,
  tokenId: u64,
  to: address,
  contentHash: bytes(32),
  uri: str(MAX_URI_BYTES),
  royalty: optional(Royalty),
});
/** nft.mint parameters. */
export type MintParams = Infer<typeof MintParams>;

/** nft.mine parameters: a nonce found for the sender's address (see pow.ts for the preimage). */
export const MineParams = struct('MineParams', { collectionId: u32, extraNonce: u64, nonce: u32 });
/** nft.mine parameters. */
export type MineParams = Infer<typeof MineParams>;

/** nft.transfer parameters (ERC-721 transferFrom; `from` is the current owner). */
export const NftTransferParams = struct('NftTransferParams', { collectionId: u32, tokenId: u64, to: address });
/** nft.transfer parameters. */
export type NftTransferParams = Infer<typeof NftTransferParams>;

/** nft.approve parameters (ERC-721 approve; null clears the approval). */
export const ApproveParams = struct('ApproveParams', { collectionId: u32, tokenId: u64, approved: optional(address) });
/** nft.approve parameters. */
export type ApproveParams = Infer<typeof ApproveParams>;

/** nft.setOperator parameters (ERC-721 setApprovalForAll, per collection). */
export const SetOperatorParams = struct('SetOperatorParams', { collectionId: u32, operator: address, approved: bool });
/** nft.setOperator parameters. */
export type SetOperatorParams = Infer<typeof SetOperatorParams>;

/** Names one token (nft.burn, nft.claimShare). */
export const TokenRef = struct('TokenRef', { collectionId: u32, tokenId: u64 });
/** Names one token. */
export type TokenRef = Infer<typeof TokenRef>;
