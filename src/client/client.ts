/**
 * `CoinworksClient`: typed access to a Coinworks node's JSON-RPC API from browsers and Node.
 * HTTP for calls (global `fetch`), WebSocket for subscriptions (global `WebSocket`, or the
 * constructor passed as `WebSocket`, e.g. from the `ws` package on Node 20). Results are the wire
 * JSON (see types.ts): amounts are decimal strings.
 */
import { bytesToHex } from '../encoding/hex.js';
import { encodeAddress } from '../crypto/address.js';
import { encodeTx, type PreparedTx, type Tx } from '../primitives/tx.js';
import { ClientError, RpcError } from './errors.js';
import { HttpTransport, type FetchFn } from './http.js';
import { verifyAccountProof, type AccountProofCheck } from './proof.js';
import type { TransferRequest } from './transfer.js';
import type {
  AccountJson,
  AccountProofJson,
  BlockJson,
  FeeEstimateJson,
  GasEstimateJson,
  Head,
  MempoolListJson,
  MethodParams,
  MethodResult,
  MiningStatusJson,
  ConsensusStatusJson,
  ValidatorsJson,
  ValidatorJson,
  NetInfoJson,
  NetPeersJson,
  OpenRpcJson,
  RpcMethodName,
  SupplyJson,
  TxInclusion,
  TxJson,
  TxResult,
} from './types.js';
import { WsTransport, type WebSocketCtor } from './ws.js';

/** Options of a client. */
export interface ClientOptions {
  /** `fetch` to use (default: the global one). */
  readonly fetch?: FetchFn;
  /** WebSocket constructor (default: the global one, if any). */
  readonly WebSocket?: WebSocketCtor;
  /** WebSocket endpoint (default: the HTTP URL with ws(s):// and path /ws). */
  readonly wsUrl?: string;
  /** Per-request timeout in ms (default 30 s). */
  readonly timeoutMs?: number;
  /**
   * Credentials for control methods (mining_start, mining_stop, ...): the node's cookie, i.e. the
   * contents of `<datadir>/.cookie` (`__cookie__:<secret>`). Sent as HTTP Basic auth, and as the
   * `auth` member of WebSocket requests.
   */
  readonly auth?: string;
}

/** An open subscription. */
export interface Subscription {
  readonly id: string;
  /** Ends the subscription on the node. */
  unsubscribe(): Promise<boolean>;
}

function defaultWsUrl(url: string): string {
  const u = new URL(url);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/ws`;
  return u.toString();
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A client of one node. */
export class CoinworksClient {
  /** HTTP endpoint. */
  readonly url: string;
  /** WebSocket endpoint. */
  readonly wsUrl: string;
  private readonly http: HttpTransport;
  private ws: WsTransport | undefined;
  private readonly wsCtor: WebSocketCtor | undefined;
  private readonly timeoutMs: number;
  private readonly auth: string | undefined;

  constructor(url: string, opts: ClientOptions = {}) {
    this.url = url;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    // Browsers throw "Illegal invocation" when fetch is called as a method of another object: call it unbound.
    const f = opts.fetch ?? (typeof globalThis.fetch === 'function' ? ((u, i) => globalThis.fetch(u, i)) as FetchFn : undefined);
    if (!f) throw new ClientError('CLIENT_HTTP', 'no global fetch: pass { fetch } in the options');
    this.http = new HttpTransport(url, f, this.timeoutMs, opts.auth);
    this.auth = opts.auth;
    this.wsUrl = opts.wsUrl ?? defaultWsUrl(url);
    this.wsCtor = opts.WebSocket ?? (globalThis as { WebSocket?: WebSocketCtor }).WebSocket;
  }

  /** Calls any method over HTTP; throws RpcError for an error answer, ClientError for transport failures. */
  call<T = unknown>(method: string, params: unknown[] | Record<string, unknown> = []): Promise<T> {
    return this.http.call<T>(method, params);
  }

  /** Calls a method the node serves, typed from its schema (positional params, or by name). */
  request<N extends RpcMethodName>(method: N, params: unknown[] | MethodParams<N> = []): Promise<MethodResult<N>> {
    return this.http.call<MethodResult<N>>(method, params as unknown[] | Record<string, unknown>);
  }

  /** The main-chain tip (chain id and network included). */
  getHead(): Promise<Head> {
    return this.request('chain_getHead');
  }

  /** A block by main-chain height or hash, with transaction ids (or full transactions). */
  getBlock(block: number | string, includeTxs?: false): Promise<BlockJson<string>>;
  getBlock(block: number | string, includeTxs: true): Promise<BlockJson<TxJson>>;
  getBlock(block: number | string, includeTxs = false): Promise<BlockJson> {
    return this.request('chain_getBlock', [block, includeTxs]) as Promise<BlockJson>;
  }

  /** Submits a signed transaction; returns its id. */
  async sendTransaction(tx: Tx | PreparedTx): Promise<string> {
    const bytes = 'bytes' in tx ? tx.bytes : encodeTx(tx);
    return this.sendRawTransaction(bytes);
  }

  /** Submits the canonical bytes (or hex) of a signed transaction; returns its id. */
  async sendRawTransaction(tx: Uint8Array | string): Promise<string> {
    const r = await this.request('tx_send', [typeof tx === 'string' ? tx : bytesToHex(tx)]);
    return r.id;
  }

  /** A transaction: included (with block, position and receipt) or pending; RpcError RPC_NOT_FOUND if unknown. */
  getTransaction(id: string): Promise<TxResult> {
    return this.request('tx_get', [id]);
  }

  /** Suggested fees per gas for the next block. */
  estimateFee(): Promise<FeeEstimateJson> {
    return this.request('tx_estimateFee');
  }

  /** Exact gas of a transaction with this command and encoded params. */
  estimateGas(module: string, command: string, params: Uint8Array | string): Promise<GasEstimateJson> {
    return this.request('tx_estimateGas', [module, command, typeof params === 'string' ? params : bytesToHex(params)]);
  }

  /** An account's nonce, pending nonce and balances. */
  getAccount(address: string): Promise<AccountJson> {
    return this.request('account_get', [address]);
  }

  /** An account's state proof against the head's state root. */
  getAccountProof(address: string): Promise<AccountProofJson> {
    return this.request('account_getProof', [address]);
  }

  /** Pending transactions. */
  listMempool(): Promise<MempoolListJson> {
    return this.request('mempool_list');
  }

  /** The node on the peer-to-peer network: peer id, listen addresses, sync state. */
  getNetInfo(): Promise<NetInfoJson> {
    return this.request('net_info');
  }

  /** The node's connected peers. */
  getPeers(): Promise<NetPeersJson> {
    return this.request('net_peers');
  }

  /** Miner status and next-block difficulty. */
  getMiningStatus(): Promise<MiningStatusJson> {
    return this.request('mining_getStatus');
  }

  /** Starts (or restarts with `threads`) the node's miner. */
  startMining(threads?: number): Promise<MiningStatusJson> {
    return this.request('mining_start', threads === undefined ? [] : [threads]);
  }

  /** Stops the node's miner. */
  stopMining(): Promise<MiningStatusJson> {
    return this.request('mining_stop');
  }

  /** The BFT engine's height, round, step, proposer, last commit and this node's validator key. */
  getConsensusStatus(): Promise<ConsensusStatusJson> {
    return this.request('consensus_getStatus');
  }

  /** Every validator and the active set that signs the next block. */
  getValidators(): Promise<ValidatorsJson> {
    return this.request('staking_getValidators');
  }

  /** One validator (by the address of its consensus key). */
  getValidator(address: string): Promise<ValidatorJson> {
    return this.request('staking_getValidator', [address]);
  }

  /** Supply of an asset (default 0, the native coin). */
  getSupply(assetId = 0): Promise<SupplyJson> {
    return this.request('supply_get', [assetId]);
  }

  /** The node's OpenRPC document. */
  discover(): Promise<OpenRpcJson> {
    return this.request('rpc.discover');
  }

  /**
   * Polls tx_get until the transaction is included (default: every 500 ms for up to 60 s).
   * Unknown ids keep being polled (the node may not have it yet); CLIENT_TX_TIMEOUT at the end.
   */
  async waitForTx(id: string, o: { timeoutMs?: number; pollMs?: number } = {}): Promise<TxInclusion & { tx: TxJson }> {
    const timeoutMs = o.timeoutMs ?? 60_000;
    const pollMs = o.pollMs ?? 500;
    const deadline = Date.now() + timeoutMs;
    let last = 'unknown';
    for (;;) {
      try {
        const r = await this.getTransaction(id);
        if (r.status === 'included') return r;
        last = r.status;
      } catch (e) {
        if (!(e instanceof RpcError && e.code === 'RPC_NOT_FOUND')) throw e;
        last = 'unknown';
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new ClientError('CLIENT_TX_TIMEOUT', `transaction ${id} not included within ${timeoutMs} ms (last seen: ${last})`, { id, last });
      await sleep(Math.min(pollMs, left));
    }
  }

  /**
   * Sends a `bank.transfer`: chain id from chain_getHead, nonce from account_get's pendingNonce,
   * fees from tx_estimateFee and the exact gas from tx_estimateGas, unless given in `r`.
   * Signs with `r.signer`; returns the id and the signed transaction.
   */
  async transfer(r: TransferRequest): Promise<{ id: string; tx: Tx }> {
    if (typeof r.amount !== 'bigint' || r.amount <= 0n) throw new ClientError('CLIENT_INVALID_ARGUMENT', 'amount must be a positive bigint');
    // Loaded on first use: signing pulls in secp256k1, which read-only callers never need.
    const { senderOf, signTransfer, transferParams } = await import('./transfer.js');
    const sender = encodeAddress(senderOf(r.publicKey));
    const params = transferParams(r.to, r.amount, r.assetId ?? 0, r.memo);
    const fee = r.fee ?? {};
    const [head, account, estimate, gas] = await Promise.all([
      this.getHead(),
      r.nonce === undefined ? this.getAccount(sender) : undefined,
      fee.maxFeePerGas === undefined || fee.maxTipPerGas === undefined ? this.estimateFee() : undefined,
      fee.gasLimit === undefined ? this.estimateGas('bank', 'transfer', params) : undefined,
    ]);
    const maxFeePerGas = fee.maxFeePerGas ?? BigInt(estimate!.maxFeePerGas);
    let maxTipPerGas = fee.maxTipPerGas ?? BigInt(estimate!.maxTipPerGas);
    if (maxTipPerGas > maxFeePerGas) maxTipPerGas = maxFeePerGas;
    const tx = await signTransfer(r, {
      chainId: head.chainId,
      nonce: r.nonce ?? BigInt(account!.pendingNonce),
      gasLimit: fee.gasLimit ?? BigInt(gas!.gas),
      maxFeePerGas,
      maxTipPerGas,
    });
    const id = await this.sendTransaction(tx);
    return { id, tx };
  }

  /** Verifies an account proof offline against a state root. */
  verifyAccountProof(proof: AccountProofJson, stateRoot: string | Uint8Array): AccountProofCheck {
    return verifyAccountProof(proof, stateRoot);
  }

  /**
   * Fetches an account's proof and the block it names, checks the block's coinbase commits to the
   * proof's state root, and verifies the proof against it.
   */
  async getVerifiedAccount(address: string): Promise<AccountProofCheck & { blockHash: string; height: number }> {
    const proof = await this.getAccountProof(address);
    const block = await this.getBlock(proof.blockHash);
    const meta = { blockHash: proof.blockHash, height: proof.height };
    if (block.coinbase.stateRoot !== proof.stateRoot) return { valid: false, reason: "block's coinbase does not commit to the proof's state root", ...meta };
    return { ...verifyAccountProof(proof, block.coinbase.stateRoot as string), ...meta };
  }

  private wsTransport(): WsTransport {
    if (!this.wsCtor) throw new ClientError('CLIENT_NO_WEBSOCKET', 'no global WebSocket: pass { WebSocket } in the options (e.g. the ws package)');
    this.ws ??= new WsTransport(this.wsUrl, this.wsCtor, this.timeoutMs, this.auth);
    return this.ws;
  }

  private async subscribe<T>(method: string, params: unknown[], onResult: (r: T) => void, onEnd?: (err: unknown) => void): Promise<Subscription> {
    const ws = this.wsTransport();
    const id = await ws.call<string>(method, params, { onNotify: (r) => onResult(r as T), onEnd });
    return {
      id,
      unsubscribe: async () => {
        ws.forget(id);
        return ws.call<boolean>('chain_unsubscribe', [id]);
      },
    };
  }

  /** Calls `onHead` with every new chain head (WebSocket); `onEnd` if the connection drops. */
  subscribeNewHeads(onHead: (head: Head) => void, onEnd?: (err: unknown) => void): Promise<Subscription> {
    return this.subscribe('chain_subscribe', ['newHeads'], onHead, onEnd);
  }

  /** Calls `onIncluded` once when the transaction is included (at once if it already is). */
  subscribeTx(id: string, onIncluded: (inclusion: TxInclusion) => void, onEnd?: (err: unknown) => void): Promise<Subscription> {
    return this.subscribe('tx_subscribe', [id], onIncluded, onEnd);
  }

  /** Calls any method over the WebSocket connection. */
  callWs<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    return this.wsTransport().call<T>(method, params);
  }

  /** Closes the WebSocket connection, if open (HTTP needs no closing). */
  close(): void {
    this.ws?.close();
    this.ws = undefined;
  }
}
