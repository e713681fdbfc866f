/**
 * Shared pieces of the nft_* and market_* methods: parameter types (collection and token ids,
 * strict option objects), result schemas of collections, tokens, listings and mining jobs, the
 * not-found errors (-32001 with `data.code` naming what is missing) and the market fee in force.
 */
import type { Chain } from '../../chain/chain.js';
import { DEFAULT_MARKET_FEE_BPS, type MarketConfig } from '../../state/modules/market/method.js';
import { MARKET_MODULE } from '../../state/modules/market/stores.js';
import { invalidParams, notFound, type RpcServerError } from '../errors.js';
import { bigUintParam, intParam, type JsonSchema, type ParamType } from '../params.js';
import { addressS, arrS, bytes32S, decS, nullableS, objS, strS, uintS } from '../result-schemas.js';

/** Largest u64. */
export const U64_MAX = (1n << 64n) - 1n;
/** Default page size of token and listing scans. */
export const DEFAULT_PAGE = 100;
/** Largest page size of token and listing scans. */
export const MAX_PAGE = 1000;

/** A collection id (u32). */
export const collectionIdParam = (): ParamType<number> => intParam(0, 0xffffffff, 'collection id (u32)');
/** A token id (u64; a decimal string, or a JSON integer when it is a safe one). */
export function tokenIdParam(): ParamType<bigint> {
  const dec = bigUintParam(U64_MAX, 'token id (u64) as a decimal string');
  return { schema: { oneOf: [dec.schema, { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'token id as a JSON integer (safe integers only)' }] }, parse: dec.parse };
}
/** An asset id (u32; 0 = the native coin). */
export const assetIdParam = (): ParamType<number> => intParam(0, 0xffffffff, 'asset id (0 = the native coin)');

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : typeof v === 'string' ? 'a string' : String(v);
}

/**
 * A JSON object with only the listed, optional fields, each parsed by its own type (unknown keys,
 * non-objects and bad values are -32602 naming `param.field`). Absent or null fields are left out.
 */
export function optionsParam<T extends object>(fields: { readonly [K in keyof T]-?: ParamType<NonNullable<T[K]>> }, description: string): ParamType<T> {
  const names = Object.keys(fields);
  return {
    schema: { type: 'object', description, properties: Object.fromEntries(names.map((n) => [n, (fields as Record<string, ParamType<unknown>>)[n].schema])), additionalProperties: false },
    parse(v, name) {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalidParams(name, `must be an object with optional ${names.join(', ')}, got ${describe(v)}`);
      const src = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(src)) {
        if (!Object.hasOwn(fields, k)) throw invalidParams(`${name}.${k.length > 64 ? `${k.slice(0, 64)}...` : k}`, `unknown field; expected ${names.join(', ')}`);
        if (src[k] === null || src[k] === undefined) continue;
        out[k] = (fields as Record<string, ParamType<unknown>>)[k].parse(src[k], `${name}.${k}`);
      }
      return out as T;
    },
  };
}

/** Paging options of a scan. */
export interface PageOptions {
  readonly offset?: number;
  readonly limit?: number;
}

/** Field types of paging options. */
export const pageFields = { offset: intParam(0, 0xffffffff, 'items to skip'), limit: intParam(1, MAX_PAGE, `items to return (default ${DEFAULT_PAGE})`) };

/** -32001 for a collection that does not exist (data.code NFT_NOT_FOUND). */
export function collectionNotFound(collectionId: number): RpcServerError {
  return notFound(`collection ${collectionId}`, { code: 'NFT_NOT_FOUND', collectionId });
}

/** -32001 for a token that does not exist (never minted, or burned; data.code NFT_NOT_FOUND). */
export function tokenNotFound(collectionId: number, tokenId: bigint): RpcServerError {
  return notFound(`token ${tokenId} of collection ${collectionId}`, { code: 'NFT_NOT_FOUND', collectionId, tokenId: tokenId.toString() });
}

/** -32001 for a token that is not listed (data.code LISTING_NOT_FOUND). */
export function listingNotFound(collectionId: number, tokenId: bigint): RpcServerError {
  return notFound(`listing of token ${tokenId} of collection ${collectionId}`, { code: 'LISTING_NOT_FOUND', collectionId, tokenId: tokenId.toString() });
}

/** The market fee of the chain's market module, in basis points. */
export function marketFeeBps(chain: Chain): number {
  const m = chain.sm.modules.find((x) => x.name === MARKET_MODULE) as { config?: MarketConfig } | undefined;
  return m?.config?.feeBps ?? DEFAULT_MARKET_FEE_BPS;
}

/** 64 hex digits of a 256-bit number, big-endian (targets). */
export const target256S: JsonSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' };

/** An ERC-2981 royalty. */
export const royaltyS = objS({ receiver: addressS, bps: uintS });

/** A collection (nft_getCollection, nft_listCollections). */
export const collectionS = objS(
  {
    collectionId: uintS,
    creator: addressS,
    name: strS,
    symbol: strS,
    maxSupply: decS,
    minted: decS,
    burned: decS,
    royalty: nullableS(royaltyS),
    baseUri: strS,
    mintRule: { type: 'string', enum: ['creator', 'open', 'mined'] },
    mintPrice: decS,
    mintAsset: uintS,
    pow: nullableS(objS({ divisor: decS, ramp: uintS, linearAfter: uintS })),
    prevHash: bytes32S,
    next: objS({ tokenId: decS, generation: uintS, target: target256S, expectedHashes: decS, price: decS }),
  },
  ['next'],
);

/** A token (nft_getToken, nft_tokensOf, nft_tokensIn). */
export const tokenS = objS({
  collectionId: uintS,
  tokenId: decS,
  owner: addressS,
  approved: nullableS(addressS),
  contentHash: bytes32S,
  uri: strS,
  royalty: nullableS(royaltyS),
  serial: decS,
  version: decS,
  mintedAt: decS,
  sharesPaidUntil: decS,
  tokenUri: strS,
  effectiveRoyalty: nullableS(royaltyS),
  owedShare: decS,
});

/** A listing with its status and split (market_getListing, market_listings). */
export const listingS = objS({
  collectionId: uintS,
  tokenId: decS,
  seller: addressS,
  price: decS,
  assetId: uintS,
  expiresAt: decS,
  counter: decS,
  serial: decS,
  version: decS,
  listedAt: decS,
  status: { type: 'string', enum: ['active', 'TX_LISTING_CANCELLED', 'TX_LISTING_EXPIRED', 'TX_LISTING_STALE'] },
  royaltyReceiver: nullableS(addressS),
  royalty: decS,
  fee: decS,
  proceeds: decS,
  feeBps: uintS,
  checkedAt: uintS,
});

/** ERC-721 metadata JSON of a token (nft_metadata). */
export const metadataS: JsonSchema = {
  type: 'object',
  properties: {
    name: strS,
    description: strS,
    collection: objS({ id: uintS, name: strS, symbol: strS }),
    token_id: decS,
    content_hash: bytes32S,
    attributes: arrS(objS({ trait_type: strS, value: { oneOf: [strS, { type: 'integer' }] }, display_type: { type: 'string', enum: ['number'] } }, ['display_type'])),
    audio: objS({ format: strS, sample_rate: uintS, seconds: uintS, channels: uintS, bits_per_sample: uintS, sha256: bytes32S }, ['sha256']),
    animation_url: strS,
  },
  required: ['name', 'description', 'collection', 'token_id', 'content_hash', 'attributes', 'audio'],
  additionalProperties: false,
};
