/**
 * RPC interface of the nft module (schema-only, browser-safe): `nft_getCollection`,
 * `nft_listCollections`, `nft_getToken`, `nft_tokensOf`, `nft_tokensIn`, `nft_miningJob`,
 * `nft_metadata`, and the parameter types the market's methods share. The handlers are the read
 * side in src/nft/nft-endpoint.ts (they derive traits, music and mining jobs, which live there).
 */
import { Type } from '@sinclair/typebox';
import { AddressParam, BigUintParam, HexParam, IntParam, OptionsParam } from '../../../api/params.js';
import { defineSpec, optionalParam, param } from '../../../api/spec.js';
import { Address, Arr, Bytes32, Dec, Hash, Hex, Nullable, Obj, Str, StrEnum, Uint } from '../../../api/wire.js';
import { POW_PREIMAGE_BYTES } from './pow.js';
import * as S from './schemas.js';

/** Largest u64. */
export const U64_MAX = (1n << 64n) - 1n;
/** Default page size of token and listing scans. */
export const DEFAULT_PAGE = 100;
/** Largest page size of token and listing scans. */
export const MAX_PAGE = 1000;

/** A collection id (u32). */
export const CollectionIdParam = (): ReturnType<typeof IntParam> => IntParam(0, 0xffffffff, 'collection id (u32)');
/** A token id (u64): a decimal string, or a JSON integer when it is a safe one. */
export const TokenIdParam = () => BigUintParam(U64_MAX, 'token id (u64) as a decimal string, or a safe JSON integer');
/** An asset id (u32; 0 = the native coin). */
export const AssetIdParam = (): ReturnType<typeof IntParam> => IntParam(0, 0xffffffff, 'asset id (0 = the native coin)');

/**
 * Paging fields of a list: `cursor` (the `next` of the previous page: the list continues strictly
 * after the last item it returned; read in key order from the store, so a page costs O(limit)),
 * `offset` (items to skip after the cursor, or from the start: they are read, O(offset); prefer the
 * cursor) and `limit`.
 */
export const pageFields = {
  cursor: HexParam(1, 64, 'the `next` of the previous page (opaque hex; the same filter must be used): continue after its last item'),
  offset: IntParam(0, 0xffffffff, 'items to skip (after the cursor if any); O(offset), prefer the cursor'),
  limit: IntParam(1, MAX_PAGE, `items to return (default ${DEFAULT_PAGE})`),
};
/** Paging of a list: `{cursor?, offset?, limit?}`. */
export const PageParam = () => OptionsParam(pageFields, 'paging: {cursor, offset, limit}');
/** Cursor of the next page (`page.cursor` of the next call), null on the last page. */
export const NextCursor = Nullable(Hex);

/** 64 hex digits of a 256-bit number, big-endian (targets). */
export const Target256 = Type.String({ pattern: '^[0-9a-f]{64}$' });

/** An ERC-2981 royalty. */
export const Royalty = Obj({ receiver: Address, bps: Uint });

/** A collection (nft_getCollection, nft_listCollections). */
export const Collection = Obj({
  collectionId: Uint,
  creator: Address,
  name: Str,
  symbol: Str,
  maxSupply: Dec,
  minted: Dec,
  burned: Dec,
  royalty: Nullable(Royalty),
  baseUri: Str,
  mintRule: StrEnum(['creator', 'open', 'mined']),
  mintPrice: Dec,
  mintAsset: Uint,
  pow: Nullable(Obj({ divisor: Dec, ramp: Uint, linearAfter: Uint })),
  prevHash: Bytes32,
  /** Mined collections: the next token's id, generation, target (64 hex digits, big-endian), expected hashes and price. */
  next: Type.Optional(Obj({ tokenId: Dec, generation: Uint, target: Target256, expectedHashes: Dec, price: Dec })),
});

/** A token (nft_getToken, nft_tokensOf, nft_tokensIn). */
export const Token = Obj({
  collectionId: Uint,
  tokenId: Dec,
  owner: Address,
  approved: Nullable(Address),
  contentHash: Bytes32,
  uri: Str,
  royalty: Nullable(Royalty),
  serial: Dec,
  version: Dec,
  mintedAt: Dec,
  sharesPaidUntil: Dec,
  tokenUri: Str,
  effectiveRoyalty: Nullable(Royalty),
  owedShare: Dec,
});

/** One attribute of the metadata JSON. */
export const NftAttribute = Obj({ trait_type: Str, value: Type.Union([Str, Type.Integer()]), display_type: Type.Optional(Type.Literal('number')) });

/** ERC-721 metadata JSON of a token (nft_metadata). */
export const NftMetadata = Obj({
  name: Str,
  description: Str,
  collection: Obj({ id: Uint, name: Str, symbol: Str }),
  token_id: Dec,
  content_hash: Bytes32,
  attributes: Arr(NftAttribute),
  audio: Obj({ format: Str, sample_rate: Uint, seconds: Uint, channels: Uint, bits_per_sample: Uint, sha256: Type.Optional(Bytes32) }),
  animation_url: Type.Optional(Str),
});

/** The work unit of a mined collection's next token for one miner (nft_miningJob). */
export const NftMiningJob = Obj({
  collectionId: Uint,
  miner: Address,
  height: Uint,
  tipHash: Hash,
  prevHash: Bytes32,
  minerBytes: Type.String({ pattern: '^[0-9a-f]{40}$' }),
  tag: Str,
  /** The 80-byte preimage with extraNonce 0 and nonce 0, hex. */
  preimage: Type.String({ pattern: `^[0-9a-f]{${2 * POW_PREIMAGE_BYTES}}$` }),
  minted: Dec,
  tokenId: Dec,
  generation: Uint,
  /** 64 hex digits, big-endian. */
  target: Target256,
  expectedHashes: Dec,
  price: Dec,
  assetId: Uint,
});

/** A page of collections (`total`: how many exist; `next`: cursor of the next page, null on the last). */
export const CollectionList = Obj({ total: Uint, offset: Uint, collections: Arr(Collection), next: NextCursor });
/** A page of an owner's tokens (`total`: how many it owns; `next`: cursor of the next page, null on the last). */
export const TokensOf = Obj({ address: Address, total: Uint, offset: Uint, tokens: Arr(Token), next: NextCursor });
/** A page of a collection's tokens (`next`: cursor of the next page, null on the last). */
export const TokensIn = Obj({ collectionId: Uint, offset: Uint, limit: Uint, tokens: Arr(Token), next: NextCursor });


/** nft_getCollection. */
export const nftGetCollection = defineSpec({
  name: 'nft_getCollection',
  summary:
    'A collection at the head: creator, name, symbol, supply counts, default royalty, base URI, mint rule and price; a mined collection also has its schedule, prevHash and `next` (token id, generation, target, expected hashes, price). -32001 when unknown.',
  params: [param('collectionId', CollectionIdParam(), 'collection id')],
  result: { name: 'collection', schema: Collection },
});

/** nft_listCollections. */
export const nftListCollections = defineSpec({
  name: 'nft_listCollections',
  summary: 'Collections at the head in id order and how many exist; paged with a cursor (`next` of the previous page), limit up to 1000 (default 100); offset also works, O(offset).',
  params: [optionalParam('page', PageParam(), {}, 'paging: {cursor, offset, limit}')],
  result: { name: 'collections', schema: CollectionList },
});

/** nft_getToken. */
export const nftGetToken = defineSpec({
  name: 'nft_getToken',
  summary:
    'A token at the head: owner, approved address, content hash, own URI and royalty, serial, version (transfers since mint), mint height, the effective tokenURI and royalty (ERC-721, ERC-2981) and, for a mined token, its owed share of later mint prices. -32001 when the collection or token does not exist (never minted, or burned).',
  params: [param('collectionId', CollectionIdParam(), 'collection id'), param('tokenId', TokenIdParam(), 'token id')],
  result: { name: 'token', schema: Token },
});

/** nft_tokensOf. */
export const nftTokensOf = defineSpec({
  name: 'nft_tokensOf',
  summary: "Tokens an address owns at the head, in (collection, token id) order (read from the owner index), and how many it owns; paged with a cursor (`next` of the previous page), limit up to 1000 (default 100); offset also works, O(offset).",
  params: [param('address', AddressParam(), 'owner, bech32m address (cw1...)'), optionalParam('page', PageParam(), {}, 'paging: {cursor, offset, limit}')],
  result: { name: 'tokens', schema: TokensOf },
});

/** nft_tokensIn. */
export const nftTokensIn = defineSpec({
  name: 'nft_tokensIn',
  summary: 'Tokens of one collection at the head in id order; paged with a cursor (`next` of the previous page), limit up to 1000 (default 100); offset also works, O(offset). -32001 for an unknown collection.',
  params: [param('collectionId', CollectionIdParam(), 'collection id'), optionalParam('page', PageParam(), {}, 'paging: {cursor, offset, limit}')],
  result: { name: 'tokens', schema: TokensIn },
});

/** nft_miningJob. */
export const nftMiningJob = defineSpec({
  name: 'nft_miningJob',
  summary:
    "The work unit of a mined collection's next token for one miner address, as of the head: the 80-byte preimage (u32le collectionId | prevHash | miner address | u64le extraNonce | \"cw-nft-pow/1\" | u32le nonce; given with extraNonce 0 and nonce 0) and its fields, the target (SHA-256d of the preimage read little-endian must be <= it; 64 hex digits, big-endian), generation, expected hashes and mint price. The job is void once prevHash changes (any mint). -32001 for an unknown collection; -32000 NFT_NOT_MINED, NFT_SOLD_OUT.",
  params: [param('collectionId', CollectionIdParam(), 'collection id'), param('minerAddress', AddressParam(), 'address that will send nft.mine (the preimage binds it)')],
  result: { name: 'job', schema: NftMiningJob },
});

/** nft_metadata. */
export const nftMetadata = defineSpec({
  name: 'nft_metadata',
  summary:
    "A token's ERC-721 metadata JSON: name, description, attributes (the traits derived from its content hash: element, charge, colours, motion, tempo, scale, root, waveform; generation for mined tokens), content_hash and the audio format with the WAV's SHA-256. The node serves it with an absolute animation_url at GET /nft/<collection>/<token>/metadata.json and the music at .../audio.wav. -32001 when unknown; -32000 NFT_NO_CONTENT for a token without a content hash.",
  params: [param('collectionId', CollectionIdParam(), 'collection id'), param('tokenId', TokenIdParam(), 'token id')],
  result: { name: 'metadata', schema: NftMetadata },
});

/** Params codec of each nft command (the same objects its commands declare; test/state/command-params.test.ts holds them equal). */
export const commandParams = { createCollection: S.CreateCollectionParams, mint: S.MintParams, mine: S.MineParams, transfer: S.NftTransferParams, approve: S.ApproveParams, setOperator: S.SetOperatorParams, burn: S.TokenRef, claimShare: S.TokenRef } as const;
