/**
 * The shape of a module's RPC endpoints (Lisk's `endpoint.ts`): each pairs a method interface from
 * the module's schema-only `api.ts` with a handler over an `EndpointContext`, the small surface of
 * the node a read endpoint needs. It lives here, below the RPC server, so modules never import
 * rpc/; the server implements the context and registers each module's endpoint list with one line.
 *
 * Rule (DESIGN.md "Reading state"): every read of head state goes through `view(fn)` (or `page`
 * for lists); `fn` must be a pure function of the state it gets, because the disk-backed state
 * runs it again after loading records it missed.
 */
import type { Static } from '@sinclair/typebox';
import type { TrailOptions } from '../api/params.js';
import type { DecodedParams, MethodSpec, ResultOf } from '../api/spec.js';
import type { TrailPage } from '../api/wire.js';
import { bytesToHex, hashToDisplay } from '../encoding/hex.js';
import { keyToString, stringToKey } from './keys.js';
import type { Json } from '../encoding/codec.js';
import { CoinworksError } from '../errors.js';
import type { NetworkParams } from '../params/networks.js';
import type { EventRecord } from './events.js';
import type { StateModule } from './module.js';
import type { StateReader } from './state-view.js';

/** The head block a view runs against. */
export interface HeadInfo {
  readonly height: number;
  /** Block hash, internal order. */
  readonly hash: Uint8Array;
  /** Header time (seconds). */
  readonly time: number;
  /** The time the next block's execution will see (the engine's execution time; PoW: median time past, BIP 113). */
  readonly nextExecutionTime: number;
}

/** Head state as endpoints read it: records by key (lists page through `EndpointContext.page`). */
export type HeadState = StateReader;

/** One page of head-state records under a prefix, in byte order of the key (`EndpointContext.page`). */
export interface HeadPage {
  readonly entries: ReadonlyArray<readonly [string, Uint8Array]>;
  /** Full state key of the last entry when more may follow: the next page starts after it. */
  readonly next?: string;
  /** How many records are under the prefix (when asked with `count`). */
  readonly total?: number;
}

/** Options of `EndpointContext.page`. */
export interface HeadPageOptions {
  /** Start strictly after this full state key (a cursor: a previous page's `next`). */
  readonly after?: string;
  /** Records to skip first (offset paging: they are read, O(skip)). */
  readonly skip?: number;
  /** Most records (at most 10,000). */
  readonly limit: number;
  /** Also count every record under the prefix (a key-only scan of it). */
  readonly count?: boolean;
}

/** The full state key a wire cursor (hex of the key's bytes after `prefix`) stands for. */
export function cursorKey(prefix: string, cursor: Uint8Array | undefined): string | undefined {
  return cursor === undefined ? undefined : prefix + keyToString(cursor);
}

/** The wire cursor (hex of the key's bytes after `prefix`) of a page's `next`, or null on the last page. */
export function nextCursor(prefix: string, next: string | undefined): string | null {
  return next === undefined ? null : bytesToHex(stringToKey(next.slice(prefix.length)));
}

/** One event emitted by a main-chain transaction, with where it happened. */
export interface IndexedEvent {
  readonly height: number;
  readonly time: number;
  /** Hash of the block (internal order). */
  readonly blockHash: Uint8Array;
  /** Index of the transaction in its block. */
  readonly txIndex: number;
  /** Id of the transaction (internal order). */
  readonly txId: Uint8Array;
  /** Index of the event among its transaction's events. */
  readonly eventIndex: number;
  readonly module: string;
  readonly name: string;
  /** Event data as JSON (the state machine's event registry). */
  readonly data: Json;
  readonly record: EventRecord;
}

/** What a module endpoint may use. */
export interface EndpointContext {
  /** Runs `fn` on the head state and the head block it belongs to (see the rule above). */
  view<T>(fn: (state: HeadState, head: HeadInfo) => T): Promise<T>;
  /**
   * Reads one page of the head-state records under `prefix` (in key order, from the store: no
   * scan of anything else), then runs `fn` on the page, the same head state and its head block
   * (pure, as for `view`). List endpoints page with this and a cursor.
   */
  page<T>(prefix: string, o: HeadPageOptions, fn: (page: HeadPage, state: HeadState, head: HeadInfo) => T): Promise<T>;
  /** Network parameters of the chain. */
  readonly params: NetworkParams;
  /** The chain's state modules (for their configuration). */
  readonly modules: readonly StateModule[];
  /** An event as JSON, decoded through the state machine's event registry. */
  eventJson(e: EventRecord): { module: string; name: string; data: Json };
  /** Command params decoded to JSON by the command's schema; null if unknown or they do not decode. */
  paramsJson(module: string, command: string, params: Uint8Array): Json | null;
  /** The next nonce of `address` after `accountNonce` (its nonce in the head state, read in a view), counting its transactions in the mempool. */
  pendingNonce(address: Uint8Array, accountNonce: bigint): bigint;
  /** Every event of `modules` emitted by main-chain transactions, oldest first (kept up to date across reorgs; do not modify). */
  events(modules: readonly string[]): Promise<readonly IndexedEvent[]>;
}

/** A method interface with its handler. */
export interface Endpoint<S extends MethodSpec = MethodSpec, C extends EndpointContext = EndpointContext> {
  /** The method name (`spec.name`). */
  readonly name: S['name'];
  readonly spec: S;
  handler(ctx: C, params: DecodedParams<S>): ResultOf<S> | Promise<ResultOf<S>>;
}

/** Binds a handler to a method interface (identity, for type inference). */
export function endpoint<S extends MethodSpec>(spec: S, handler: (ctx: EndpointContext, params: DecodedParams<S>) => ResultOf<S> | Promise<ResultOf<S>>): Endpoint<S> {
  return { name: spec.name, spec, handler };
}

/** An endpoint with its types erased, as registries keep them. */
export type AnyEndpoint = Endpoint<MethodSpec, any>;

/** What an endpoint error means to the caller: a missing object (-32001) or a bad parameter (-32602). */
export type EndpointErrorKind = 'not-found' | 'invalid-params';

/** An error an endpoint raises about the request (the RPC server maps `kind` to its JSON-RPC code; `data.code` is `code`). */
export class EndpointError extends CoinworksError<string> {
  constructor(
    readonly kind: EndpointErrorKind,
    code: string,
    message: string,
    data: Record<string, unknown> = {},
  ) {
    super(code, message, data);
  }
}

/** -32001: the object asked for does not exist (`data.code` RPC_NOT_FOUND unless `data.code` says otherwise). */
export function notFound(what: string, data: Record<string, unknown> = {}): EndpointError {
  const { code, ...rest } = data;
  return new EndpointError('not-found', typeof code === 'string' ? code : 'RPC_NOT_FOUND', `${what} not found`, rest);
}

/** -32602: a parameter breaks a rule only the state can tell (e.g. the asset is not governed). */
export function invalidParam(param: string, rule: string, extra: Record<string, unknown> = {}): EndpointError {
  return new EndpointError('invalid-params', 'RPC_INVALID_PARAMS', `invalid param "${param}": ${rule}`, { param, ...extra });
}

/**
 * A page of a trail: the events matching `match` from `o.fromHeight`, at most `o.limit` of them
 * unless one block holds more (blocks are never split); `nextFromHeight` starts the next page.
 */
export function trailPage(events: readonly IndexedEvent[], o: TrailOptions, match: (e: IndexedEvent) => boolean): Static<typeof TrailPage> {
  const out: Static<typeof TrailPage>['events'] = [];
  let lastHeight = -1;
  for (const e of events) {
    if (e.height < o.fromHeight || !match(e)) continue;
    if (out.length >= o.limit && e.height !== lastHeight) return { events: out, nextFromHeight: e.height };
    lastHeight = e.height;
    out.push({
      height: e.height,
      time: e.time,
      blockHash: hashToDisplay(e.blockHash),
      txId: hashToDisplay(e.txId),
      txIndex: e.txIndex,
      eventIndex: e.eventIndex,
      module: e.module,
      name: e.name,
      data: e.data,
    });
  }
  return { events: out, nextFromHeight: null };
}
