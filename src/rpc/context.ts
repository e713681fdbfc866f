/**
 * What the RPC server needs from the node: the chain, the mempool and the miner. The mempool and
 * miner are described by the minimal shapes the RPC layer calls, so the real classes
 * (`mempool/mempool.ts`, `miner/mining-service.ts`) and test fakes both satisfy them.
 */
import type { Chain } from '../chain/chain.js';
import type { PreparedTx } from '../primitives/tx.js';
import type { MempoolTxInfo } from '../mempool/types.js';
import type { MiningPool } from '../mining-pool/service.js';

/** One pending transaction as the mempool lists it (the mempool's own type). */
export type MempoolEntryInfo = Pick<MempoolTxInfo, 'id' | 'sender' | 'nonce' | 'tipPerGas' | 'gas' | 'bytes' | 'addedAt'>;

/** The mempool calls the RPC layer makes (`add` throws TxError/MempoolError with `.code`). */
export interface RpcMempool {
  add(input: Uint8Array): Promise<PreparedTx>;
  list(): ReadonlyArray<MempoolEntryInfo>;
  readonly size: number;
  /** The next nonce of `address` after `accountNonce` (its head-state nonce), counting pooled transactions. */
  pendingNonce(address: Uint8Array, accountNonce: bigint): bigint;
  has(key: string): boolean;
}

/** Mining status fields the RPC layer reports. */
export interface MinerStatus {
  readonly running: boolean;
  readonly threads: number;
  readonly hashrate: number;
  readonly kernel: string;
}

/** Start/stop control of the node's miner. */
export interface MinerControl {
  status(): MinerStatus;
  start(threads?: number): Promise<void>;
  stop(): Promise<void>;
}

/** What the validator service reports (its own `ValidatorStatus` fits; the RPC layer does not import it). */
export interface ConsensusStatusSource {
  status(): {
    readonly running: boolean;
    readonly height: bigint | null;
    readonly round: number;
    readonly step: string;
    readonly proposer: Uint8Array | null;
    readonly lockedRound: number;
    readonly validRound: number;
    readonly lastCommit: { readonly height: bigint; readonly round: number; readonly blockHash: Uint8Array; readonly signatures: ReadonlyArray<{ readonly validatorIndex: number }> } | null;
    readonly validator: { readonly address: Uint8Array; readonly publicKey: Uint8Array; readonly index: number; readonly power: bigint } | null;
    readonly proposed: number;
    readonly finality: { readonly samples: number; readonly p50Ms: number | null; readonly p99Ms: number | null; readonly lastMs: number | null };
  };
}

/** Minimal structured logger (pino-compatible). */
export interface RpcLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** What net_info and net_peers read from the node's network (p2p/network.ts satisfies it). */
export interface RpcNetwork {
  info(): {
    readonly peerId: string;
    readonly listen: readonly string[];
    readonly peers: number;
    readonly bans: number;
    readonly sync: { readonly state: 'idle' | 'syncing' | 'synced'; readonly tipHeight: number; readonly bestHeaderHeight: number; readonly bestPeerHeight: number; readonly inFlight: number; readonly buffered: number };
  };
  peerList(): ReadonlyArray<{ readonly id: string; readonly address: string; readonly direction: 'inbound' | 'outbound'; readonly head: { readonly height: number; readonly hash: string } | null; readonly score: number; readonly connectedAt: number }>;
}

/** Everything RPC methods read or drive. */
export interface RpcContext {
  readonly chain: Chain;
  readonly mempool: RpcMempool;
  readonly miner: MinerControl;
  /** The validator service on a BFT network. */
  readonly consensus?: ConsensusStatusSource;
  /** The node's mining pool (miningPool_* methods), when it was configured. */
  readonly miningPool?: MiningPool;
  /** The peer-to-peer network (absent with --no-p2p). */
  readonly network?: RpcNetwork;
  readonly log?: RpcLog;
}
