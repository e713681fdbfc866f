/**
 * NFTs and the marketplace from the client SDK (browser-safe): `NftClient` wraps the nft_* and
 * market_* methods, the nft and market commands (sent with `sendCommand`), and the node's content
 * routes (GET /nft/<collection>/<token>/metadata.json and /audio.wav).
 */
import { CoinworksError } from '../errors.js';
import type { Codec } from '../encoding/codec.js';
import type { Tx } from '../primitives/tx.js';
import {
  ApproveParams,
  CreateCollectionParams,
  MineParams,
  MintParams,
  NftTransferParams,
  SetOperatorParams,
  TokenRef,
} from '../state/modules/nft/schemas.js';
import { BuyParams, CancelAllParams, CancelParams, ClaimParams, ListParams } from '../state/modules/market/schemas.js';
import type { CoinworksClient } from './client.js';
import { sendCommand, type CommandOptions, type CommandSigner } from './command.js';
export { sendCommand, type CommandOptions, type CommandRequest, type CommandSigner } from './command.js';
import { ClientError } from './errors.js';
import type { CollectionJson, ListingFilter, MethodResult, ListingJson, MarketAccountJson, NftMetadataJson, NftMiningJobJson, NftTokenJson, PageOptions } from './types.js';

/** A failed GET of NFT content: `status` is the HTTP status, `code` the node's (e.g. NFT_NOT_FOUND). */
export class NftContentError extends CoinworksError<string> {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    data: Record<string, unknown> = {},
  ) {
    super(code, message, data);
  }
}

/** The subset of `fetch` the content calls use. */
export type GetFn = (
  url: string,
  init: { method: string; headers: Record<string, string>; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; headers: { get(name: string): string | null }; arrayBuffer(): Promise<ArrayBuffer> }>;

/** A command's params without the signer. */
type Send = CommandSigner & CommandOptions;

/** Options of an NftClient. */
export interface NftClientOptions {
  /** `fetch` for the GET content routes (default: the global one). */
  readonly fetch?: GetFn;
  /** Per-request timeout of content GETs in ms (default 30 s). */
  readonly timeoutMs?: number;
}

/** nft_* and market_* reads, nft and market commands, and the node's content routes. */
export class NftClient {
  private readonly getFn: GetFn | undefined;
  private readonly timeoutMs: number;

  constructor(
    readonly client: CoinworksClient,
    o: NftClientOptions = {},
  ) {
    // Called unbound: browsers refuse fetch called as a method of another object ("Illegal invocation").
    this.getFn = o.fetch ?? (typeof globalThis.fetch === 'function' ? ((u, i) => globalThis.fetch(u, i)) as GetFn : undefined);
    this.timeoutMs = o.timeoutMs ?? 30_000;
  }

  /** A collection (RpcError NFT_NOT_FOUND, -32001, when unknown). */
  getCollection(collectionId: number): Promise<CollectionJson> {
    return this.client.request('nft_getCollection', [collectionId]);
  }

  /** Collections in id order, paged. */
  listCollections(page: PageOptions = {}): Promise<MethodResult<'nft_listCollections'>> {
    return this.client.request('nft_listCollections', [page]);
  }

  /** A token (RpcError NFT_NOT_FOUND, -32001, when it does not exist). */
  getToken(collectionId: number, tokenId: bigint | number | string): Promise<NftTokenJson> {
    return this.client.request('nft_getToken', [collectionId, String(tokenId)]);
  }

  /** Tokens an address owns, paged. */
  tokensOf(address: string, page: PageOptions = {}): Promise<MethodResult<'nft_tokensOf'>> {
    return this.client.request('nft_tokensOf', [address, page]);
  }

  /** Tokens of a collection in id order, paged. */
  tokensIn(collectionId: number, page: PageOptions = {}): Promise<MethodResult<'nft_tokensIn'>> {
    return this.client.request('nft_tokensIn', [collectionId, page]);
  }

  /** The work unit of a mined collection's next token for `minerAddress`. */
  miningJob(collectionId: number, minerAddress: string): Promise<NftMiningJobJson> {
    return this.client.request('nft_miningJob', [collectionId, minerAddress]);
  }

  /** A token's metadata JSON (traits). */
  metadata(collectionId: number, tokenId: bigint | number | string): Promise<NftMetadataJson> {
    return this.client.request('nft_metadata', [collectionId, String(tokenId)]);
  }

  /** Listings, optionally of one seller and/or collection, paged. */
  listings(filter: ListingFilter = {}): Promise<MethodResult<'market_listings'>> {
    return this.client.request('market_listings', [filter]);
  }

  /** A token's listing with status and split (RpcError LISTING_NOT_FOUND, -32001, when not listed). */
  getListing(collectionId: number, tokenId: bigint | number | string): Promise<ListingJson> {
    return this.client.request('market_getListing', [collectionId, String(tokenId)]);
  }

  /** An address's market counter and claimable balance of an asset. */
  marketAccount(address: string, assetId = 0): Promise<MarketAccountJson> {
    return this.client.request('market_account', [address, assetId]);
  }

  /** URL of a token's metadata JSON on the node. */
  metadataUrl(collectionId: number, tokenId: bigint | number | string): string {
    return this.contentUrl(`/nft/${collectionId}/${tokenId}/metadata.json`);
  }

  /** URL of a token's WAV on the node. */
  audioUrl(collectionId: number, tokenId: bigint | number | string): string {
    return this.contentUrl(`/nft/${collectionId}/${tokenId}/audio.wav`);
  }

  /** Downloads a token's WAV (NftContentError on 4xx/5xx). */
  async fetchAudio(collectionId: number, tokenId: bigint | number | string): Promise<Uint8Array> {
    return (await this.get(this.audioUrl(collectionId, tokenId), 'audio/wav')).bytes;
  }

  /** Downloads a token's metadata document as the node serves it (with an absolute animation_url). */
  async fetchMetadataDocument(collectionId: number, tokenId: bigint | number | string): Promise<NftMetadataJson> {
    const { bytes } = await this.get(this.metadataUrl(collectionId, tokenId), 'application/json');
    return JSON.parse(new TextDecoder().decode(bytes)) as NftMetadataJson;
  }

  /** nft.createCollection. */
  createCollection(s: Send, params: CreateCollectionParams): Promise<{ id: string; tx: Tx }> {
    return this.send(s, 'nft', 'createCollection', CreateCollectionParams, params);
  }

  /** nft.mint (creator or open mint). */
  mint(s: Send, params: MintParams): Promise<{ id: string; tx: Tx }> {
    return this.send(s, 'nft', 'mint', MintParams, params);
  }

  /** nft.mine with a nonce found for the signer's address. */
  mine(s: Send, params: MineParams): Promise<{ id: string; tx: Tx }> {
    return this.send(s, 'nft', 'mine', MineParams, params);
  }

  /** nft.transfer. */
  transfer(s: Send, params: NftTransferParams): Promise<{ id: string; tx: Tx }> {
    return this.send(s, 'nft', 'transfer', NftTransferParams, params);
  }

  /** nft.approve (approved null clears). */
  approve(s: Send, params: ApproveParams): Promise<{ id: string; tx: Tx }> {
    return this.send(s, 'nft', 'approve', ApproveParams, params);
  }

  /** nft.setOperator. */
  setOperator(s: Send, params: SetOperatorParams): Promise<{ id: string; tx: Tx }> {
    return this.send(s, 'nft', 'setOperator', SetOperatorParams, params);
  }

  /** nft.burn. */
  burn(s: Send, params: TokenRef): Promise<{ id: string; tx: Tx }> {
    return this.send(s, 'nft', 'burn', TokenRef, params);
  }

  /** nft.claimShare. */
  claimShare(s: Send, params: TokenRef): Promise<{ id: string; tx: Tx }> {
    return this.send(s, 'nft', 'claimShare', TokenRef, params);
  }

  /** market.list. */
  list(s: Send, params: ListParams): Promise<{ id: string; tx: Tx }> {
    return this.send(s, 'market', 'list', ListParams, params);
  }

  /** market.cancel. */
  cancel(s: Send, params: CancelParams): Promise<{ id: string; tx: Tx }> {
    return this.send(s, 'market', 'cancel', CancelParams, params);
  }

  /** market.cancelAll. */
  cancelAll(s: Send): Promise<{ id: string; tx: Tx }> {
    return this.send(s, 'market', 'cancelAll', CancelAllParams, {});
  }

  /** market.buy (price and asset restated). */
  buy(s: Send, params: BuyParams): Promise<{ id: string; tx: Tx }> {
    return this.send(s, 'market', 'buy', BuyParams, params);
  }

  /** market.claim. */
  claim(s: Send, params: ClaimParams): Promise<{ id: string; tx: Tx }> {
    return this.send(s, 'market', 'claim', ClaimParams, params);
  }

  private send<P>(s: Send, module: string, command: string, schema: Codec<P>, params: P): Promise<{ id: string; tx: Tx }> {
    return sendCommand(this.client, { ...s, module, command, schema, params });
  }

  private contentUrl(path: string): string {
    const u = new URL(this.client.url);
    u.pathname = `${u.pathname.replace(/\/+$/, '')}${path}`;
    u.search = '';
    u.hash = '';
    return u.toString();
  }

  private async get(url: string, accept: string): Promise<{ bytes: Uint8Array; etag: string | null }> {
    if (!this.getFn) throw new ClientError('CLIENT_HTTP', 'no global fetch: pass { fetch } in the options');
    let res: Awaited<ReturnType<GetFn>>;
    let bytes: Uint8Array;
    try {
      res = await this.getFn(url, { method: 'GET', headers: { accept }, signal: AbortSignal.timeout(this.timeoutMs) });
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      const name = (e as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new ClientError('CLIENT_TIMEOUT', `GET ${url}: no answer within ${this.timeoutMs} ms`);
      throw new ClientError('CLIENT_HTTP', `GET ${url} failed: ${(e as Error)?.message ?? String(e)}`);
    }
    if (!res.ok) {
      let err: { code?: unknown; message?: unknown } = {};
      try {
        err = (JSON.parse(new TextDecoder().decode(bytes)) as { error?: typeof err }).error ?? {};
      } catch {
        // not a JSON error body
      }
      const code = typeof err.code === 'string' ? err.code : `HTTP_${res.status}`;
      throw new NftContentError(res.status, code, typeof err.message === 'string' ? err.message : `GET ${url}: HTTP ${res.status}`, { url });
    }
    return { bytes, etag: res.headers.get('etag') };
  }
}
