/**
 * Result types of the node's RPC methods, as they arrive on the wire: amounts of u64 and wider are
 * decimal strings (use `BigInt(x)`), block and transaction ids are reversed hex, other bytes hex,
 * addresses bech32m `cw1...`.
 */

/** chain_getHead, and each newHeads notification. */
export interface Head {
  network: string;
  chainId: number;
  height: number;
  hash: string;
  prevHash: string;
  time: number;
  bits: number;
  difficulty: string;
  chainWork: string;
  stateRoot: string;
  baseFeePerGas: string;
  nextBaseFeePerGas: string;
  gasUsed: string;
  txCount: number;
}

/** An event (data decoded when the node knows its schema, else hex). */
export interface EventJson {
  module: string;
  name: string;
  data: unknown;
}

/** A receipt. */
export interface ReceiptJson {
  status: 'success' | 'failed';
  gasUsed: string;
  fee: string;
  burned: string;
  tip: string;
  error: string | null;
  events: EventJson[];
}

/** A transaction. */
export interface TxJson {
  id: string;
  sender: string;
  size: number;
  body: {
    chainId: number;
    module: string;
    command: string;
    nonce: string;
    gasLimit: string;
    maxFeePerGas: string;
    maxTipPerGas: string;
    senderPublicKey: string;
    params: string;
  };
  signature: string;
  decodedParams: unknown;
}

/** Receipt summary inside chain_getBlock. */
export interface ReceiptSummary {
  id: string;
  status: 'success' | 'failed';
  gasUsed: string;
  fee: string;
  error: string | null;
  events: number;
}

/** chain_getBlock. */
export interface BlockJson<T = string | TxJson> {
  hash: string;
  height: number;
  mainChain: boolean;
  status: 'stored' | 'valid' | 'invalid';
  confirmations: number;
  version: number;
  prevHash: string;
  merkleRoot: string;
  time: number;
  bits: number;
  nonce: number;
  difficulty: string;
  chainWork: string;
  size: number;
  stateRoot: string;
  baseFeePerGas: string;
  gasUsed: string;
  coinbase: Record<string, unknown>;
  txCount: number;
  txs: T[];
  receipts: ReceiptSummary[] | null;
  blockEvents: EventJson[] | null;
}

/** Where a transaction was included, with its receipt (tx_subscribe notification). */
export interface TxInclusion {
  id: string;
  status: 'included';
  blockHash: string;
  height: number;
  index: number;
  confirmations: number;
  receipt: ReceiptJson;
}

/** tx_get: included (with the transaction) or pending. */
export type TxResult = (TxInclusion & { tx: TxJson }) | { id: string; status: 'pending' };

/** tx_estimateFee. */
export interface FeeEstimateJson {
  baseFeePerGas: string;
  maxTipPerGas: string;
  maxFeePerGas: string;
}

/** tx_estimateGas. */
export interface GasEstimateJson {
  gas: string;
  bytes: number;
}

/** account_get. */
export interface AccountJson {
  address: string;
  nonce: string;
  pendingNonce: string;
  balances: Array<{ assetId: number; amount: string }>;
}

/** account_getProof. */
export interface AccountProofJson {
  address: string;
  stateRoot: string;
  blockHash: string;
  height: number;
  key: string;
  value: string | null;
  index: number | null;
  siblings: string[];
  /** The block's 80-byte header (hex). */
  header: string;
  /** The block's encoded coinbase (hex). */
  coinbase: string;
  /** Merkle branch from the coinbase to the header's merkle root (hex). */
  coinbaseBranch: string[];
}

/** mempool_list. */
export interface MempoolListJson {
  size: number;
  txs: Array<{ id: string; sender: string; nonce: string; tipPerGas: string; gas: string; bytes: number; addedAt: number }>;
}

/** mining_getStatus, mining_start, mining_stop. */
export interface MiningStatusJson {
  running: boolean;
  threads: number;
  hashrate: number;
  kernel: string;
  difficulty: string;
  bits: number;
}

/** supply_get. */
export interface SupplyJson {
  assetId: number;
  byCause: Record<string, string>;
  minedByMining: string;
  burnedByFees: string;
  total: string;
}

/** rpc.discover (OpenRPC 1.2.6). */
export interface OpenRpcJson {
  openrpc: string;
  info: { title: string; version: string; description?: string };
  methods: Array<{
    name: string;
    summary?: string;
    params: Array<{ name: string; description?: string; required?: boolean; schema: Record<string, unknown> }>;
    result: { name: string; schema: Record<string, unknown> };
  }>;
}
