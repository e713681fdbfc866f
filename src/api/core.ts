/**
 * Interfaces of the node's own RPC methods (chain, transactions, mempool, miner, state proofs,
 * discovery): parameters and results as TypeBox schemas, defined once. Module methods are declared
 * beside their module (`api.ts`). Schema-only and browser-safe: the handlers live in `rpc/methods/`.
 */
import { Type } from '@sinclair/typebox';
import type { OpenrpcDocument } from '@open-rpc/meta-schema';
import { MAX_PARAMS_BYTES, MAX_TX_BYTES } from '../primitives/tx.js';
import { defineSpec, optionalParam, param } from './spec.js';
import { AddressParam, BoolParam, EnumParam, HashParam, HeightOrHashParam, HexParam, IntParam, StringParam } from './params.js';
import { Address, Arr, Bool, Bytes32, Dec, EventJson, Hash, Hex, JsonValue, Nullable, Num, Obj, Str, StrEnum, Uint } from './wire.js';

// ---------------------------------------------------------------------------------------------
// Shapes

/** Chain head (chain_getHead and newHeads notifications). */
export const Head = Obj({
  network: Str,
  chainId: Uint,
  height: Uint,
  hash: Hash,
  prevHash: Hash,
  time: Uint,
  bits: Uint,
  difficulty: Type.String({ pattern: '^[0-9]+(\\.[0-9]+)?$' }),
  chainWork: Dec,
  stateRoot: Bytes32,
  baseFeePerGas: Dec,
  nextBaseFeePerGas: Dec,
  gasUsed: Dec,
  txCount: Uint,
});

/** A receipt. */
export const Receipt = Obj({
  status: StrEnum(['success', 'failed']),
  gasUsed: Dec,
  fee: Dec,
  burned: Dec,
  tip: Dec,
  error: Nullable(Str),
  events: Arr(EventJson),
});

/** A transaction body. */
export const TxBody = Obj({
  chainId: Uint,
  module: Str,
  command: Str,
  nonce: Dec,
  gasLimit: Dec,
  maxFeePerGas: Dec,
  maxTipPerGas: Dec,
  senderPublicKey: Hex,
  params: Hex,
});

/** A transaction with its id, sender, size and decoded params. */
export const Tx = Obj({
  id: Hash,
  sender: Address,
  size: Uint,
  body: TxBody,
  signature: Hex,
  decodedParams: JsonValue('the params as JSON (null if the command is unknown or they do not decode)'),
});

/** Where a transaction was included, with its receipt (tx_subscribe notification). */
export const TxInclusion = Obj({
  id: Hash,
  status: Type.Literal('included'),
  blockHash: Hash,
  height: Uint,
  index: Uint,
  confirmations: Uint,
  receipt: Receipt,
});

/** An included transaction with the transaction itself (tx_get). */
export const IncludedTx = Type.Composite([TxInclusion, Obj({ tx: Tx })], { additionalProperties: false });

/** A transaction still in the mempool (tx_get). */
export const PendingTx = Obj({ id: Hash, status: Type.Literal('pending') });

/** Receipt summary inside chain_getBlock. */
export const ReceiptSummary = Obj({
  id: Hash,
  status: StrEnum(['success', 'failed']),
  gasUsed: Dec,
  fee: Dec,
  error: Nullable(Str),
  events: Uint,
});

/** A block (chain_getBlock): header fields, coinbase, transactions and receipt summaries. */
export const Block = Obj({
  hash: Hash,
  height: Uint,
  mainChain: Bool,
  status: StrEnum(['stored', 'valid', 'invalid']),
  confirmations: Uint,
  version: Uint,
  prevHash: Hash,
  merkleRoot: Hash,
  time: Uint,
  bits: Uint,
  nonce: Uint,
  difficulty: Str,
  chainWork: Dec,
  size: Uint,
  stateRoot: Bytes32,
  baseFeePerGas: Dec,
  gasUsed: Dec,
  coinbase: Type.Record(Type.String(), JsonValue(), { description: 'the coinbase record (Coinbase codec JSON)' }),
  consensus: Type.Record(Type.String(), JsonValue(), { description: "the consensus engine's view of the block (proof of work: engine and difficulty; BFT: proposer, round, its commit and its parent's commit, evidence)" }),
  txCount: Uint,
  txs: Type.Union([Arr(Hash), Arr(Tx)]),
  receipts: Nullable(Arr(ReceiptSummary)),
  blockEvents: Nullable(Arr(EventJson)),
});

/** Suggested fees per gas (tx_estimateFee). */
export const FeeEstimate = Obj({ baseFeePerGas: Dec, maxTipPerGas: Dec, maxFeePerGas: Dec });

/** Exact gas of a transaction (tx_estimateGas). */
export const GasEstimate = Obj({ gas: Dec, bytes: Uint });

/** An account's state proof with the block committing to it (account_getProof). */
export const AccountProof = Obj({
  address: Address,
  stateRoot: Bytes32,
  blockHash: Hash,
  height: Uint,
  key: Hex,
  value: Nullable(Hex),
  index: Nullable(Uint),
  siblings: Arr(Bytes32),
  /** The block's 80-byte header (hex). */
  header: Hex,
  /** The block's encoded coinbase (hex); it holds the state root. */
  coinbase: Hex,
  /** Merkle branch from the coinbase to the header's merkle root (hex, internal order). */
  coinbaseBranch: Arr(Bytes32),
});

/** One pending transaction (mempool_list). */
export const MempoolItem = Obj({
  id: Hash,
  sender: Str,
  nonce: Dec,
  tipPerGas: Type.String({ pattern: '^-?(0|[1-9][0-9]*)$', description: 'effective tip per gas at the next base fee (negative: cannot pay it now)' }),
  gas: Dec,
  bytes: Uint,
  addedAt: Num,
});

/** The mempool (mempool_list). */
export const MempoolList = Obj({ size: Uint, txs: Arr(MempoolItem) });

/** Mining status with the difficulty the next block must meet. */
export const MiningStatus = Obj({ running: Bool, threads: Uint, hashrate: Num, kernel: Str, difficulty: Str, bits: Uint });

/** The OpenRPC document (rpc.discover); its schema is the OpenRPC meta-schema, bundled in the document's components. */
export const OpenRpcDoc = Type.Unsafe<OpenrpcDocument>({ $ref: '#/components/schemas/openrpcDocument' });

// ---------------------------------------------------------------------------------------------
// Methods

/** Most worker threads `mining_start` accepts. */
export const MAX_MINING_THREADS = 256;

// Module names may hold a hyphen (`staking-pool`); the transaction codec takes any name up to 32 bytes.
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const ADDRESS_DESC = 'bech32m address (cw1...)';
const TX_ID_DESC = 'transaction id (64 hex digits, display order)';

/** chain_getHead. */
export const chainGetHead = defineSpec({
  name: 'chain_getHead',
  summary: 'The main-chain tip: height, hash, time, bits, difficulty, chain work, state root, base fee, chain id and network.',
  params: [],
  result: { name: 'head', schema: Head },
});

/** chain_getBlock. */
export const chainGetBlock = defineSpec({
  name: 'chain_getBlock',
  summary: 'A block by main-chain height or hash: header fields, coinbase, transaction ids (or full transactions) and receipt summaries (null off the main chain).',
  params: [
    param('block', HeightOrHashParam(), 'main-chain height (integer) or block hash (64 hex digits, display order)'),
    optionalParam('includeTxs', BoolParam(), false, 'return full transactions instead of ids'),
  ],
  result: { name: 'block', schema: Block },
});

/** chain_subscribe. */
export const chainSubscribe = defineSpec({
  name: 'chain_subscribe',
  summary: 'Subscribes to new chain heads (WebSocket only): a `chain_subscription` notification with the head (as chain_getHead) on every tip change. Returns the subscription id.',
  params: [param('topic', EnumParam(['newHeads']), 'what to follow')],
  result: { name: 'subscription', schema: Str },
  wsOnly: true,
});

/** chain_unsubscribe. */
export const chainUnsubscribe = defineSpec({
  name: 'chain_unsubscribe',
  summary: 'Ends a subscription of this connection; false when there is no such subscription.',
  params: [param('subscription', StringParam(66, /^0x[0-9a-f]+$/), 'subscription id')],
  result: { name: 'removed', schema: Bool },
  wsOnly: true,
});

/** tx_send. */
export const txSend = defineSpec({
  name: 'tx_send',
  summary: 'Submits a signed transaction to the mempool; returns its id. Rejections are -32000 with data.code naming the rule (e.g. TX_NONCE_GAP, MEMPOOL_FEE_TOO_LOW).',
  params: [param('tx', HexParam(1, MAX_TX_BYTES), 'canonical bytes of the signed transaction, hex')],
  result: { name: 'accepted', schema: Obj({ id: Hash }) },
});

/** tx_get. */
export const txGet = defineSpec({
  name: 'tx_get',
  summary: 'A transaction by id: the transaction, its block, position and receipt (events decoded) once included; {status: "pending"} while in the mempool; -32001 when unknown.',
  params: [param('id', HashParam(), TX_ID_DESC)],
  result: { name: 'transaction', schema: Type.Union([IncludedTx, PendingTx]) },
});

/** tx_estimateFee. */
export const txEstimateFee = defineSpec({
  name: 'tx_estimateFee',
  summary: "Suggested fees per gas: the next block's base fee, the median tip per gas paid in the last 10 blocks (at least 1), and a cap covering three full blocks of base-fee rise plus the tip.",
  params: [],
  result: { name: 'fees', schema: FeeEstimate },
});

/** tx_estimateGas. */
export const txEstimateGas = defineSpec({
  name: 'tx_estimateGas',
  summary: 'Gas used by a transaction of `module.command` with these encoded params (exact: per-tx gas + command gas + gas per byte of the signed encoding). Use it as gasLimit.',
  params: [
    param('module', StringParam(32, NAME), 'module name, e.g. "bank"'),
    param('command', StringParam(32, NAME), 'command name, e.g. "transfer"'),
    param('params', HexParam(0, MAX_PARAMS_BYTES), 'canonical encoding of the command params, hex'),
  ],
  result: { name: 'gas', schema: GasEstimate },
});

/** tx_subscribe. */
export const txSubscribe = defineSpec({
  name: 'tx_subscribe',
  summary:
    'Subscribes to the inclusion of a transaction (WebSocket only): one `chain_subscription` notification with its block, position and receipt when a connected block contains it (at once if it already is), then the subscription ends.',
  params: [param('id', HashParam(), TX_ID_DESC)],
  result: { name: 'subscription', schema: Str },
  wsOnly: true,
});

/** account_getProof. */
export const accountGetProof = defineSpec({
  name: 'account_getProof',
  summary:
    'State proof of an account at the head: key, value (canonical Account record, hex; null if the account has no record), leaf index and the 32 sibling hashes bottom-up, with the state root and the block committing to it.',
  params: [param('address', AddressParam(), ADDRESS_DESC)],
  result: { name: 'proof', schema: AccountProof },
});

/** mempool_list. */
export const mempoolList = defineSpec({
  name: 'mempool_list',
  summary: 'Pending transactions: id, sender, nonce, tip per gas, gas, size and when each was added.',
  params: [],
  result: { name: 'mempool', schema: MempoolList },
});

/** mining_getStatus. */
export const miningGetStatus = defineSpec({
  name: 'mining_getStatus',
  summary: 'Miner status (running, threads, hashes per second, kernel) and the difficulty and bits of the next block.',
  params: [],
  result: { name: 'status', schema: MiningStatus },
});

/** mining_start. */
export const miningStart = defineSpec({
  name: 'mining_start',
  summary: 'Starts the miner (or restarts it with a new thread count); returns the status. Needs the node\'s auth cookie.',
  params: [optionalParam('threads', IntParam(1, MAX_MINING_THREADS), undefined, 'worker threads (default: the miner’s current setting)')],
  result: { name: 'status', schema: MiningStatus },
  access: 'control',
});

/** mining_stop. */
export const miningStop = defineSpec({
  name: 'mining_stop',
  summary: 'Stops the miner; returns the status. Needs the node\'s auth cookie.',
  params: [],
  result: { name: 'status', schema: MiningStatus },
  access: 'control',
});

/** A commit certificate as consensus_getStatus shows it. */
export const CommitView = Obj({ height: Uint, round: Uint, blockHash: Hash, signatures: Uint, validatorIndexes: Arr(Uint) });

/** Where the BFT engine stands (consensus_getStatus). */
export const ConsensusStatus = Obj({
  engine: Str,
  /** Whether the node runs the round-driven validator service (BFT networks). */
  running: Bool,
  /** Height being decided (the tip + 1), null when not running. */
  height: Nullable(Uint),
  round: Uint,
  step: StrEnum(['propose', 'prevote', 'precommit', 'commit', 'idle']),
  /** Proposer of the current round. */
  proposer: Nullable(Address),
  lockedRound: Type.Integer({ minimum: -1 }),
  validRound: Type.Integer({ minimum: -1 }),
  /** The commit certificate of the tip (the next block carries it). */
  lastCommit: Nullable(CommitView),
  /** This node's consensus key: its address, key, index in the current set (-1: not in it) and power. */
  validator: Nullable(Obj({ address: Address, publicKey: Hex, index: Type.Integer({ minimum: -1 }), power: Dec })),
  /** Blocks this node proposed that were committed, and their time from proposal to commit. */
  proposed: Uint,
  finality: Obj({ samples: Uint, p50Ms: Nullable(Num), p99Ms: Nullable(Num), lastMs: Nullable(Num) }),
});

/** consensus_getStatus. */
export const consensusGetStatus = defineSpec({
  name: 'consensus_getStatus',
  summary: 'The BFT engine: height, round and step, the round\'s proposer, lock, the tip\'s commit certificate, this node\'s validator key and its place in the set, and finality figures (on proof of work: engine and running false).',
  params: [],
  result: { name: 'status', schema: ConsensusStatus },
});

/** Where sync stands (net_info). */
export const SyncStatus = Obj({
  state: StrEnum(['off', 'idle', 'syncing', 'synced'], 'off: no p2p; idle: no peers; syncing: a peer is ahead or blocks are being fetched; synced: caught up with every peer'),
  tipHeight: Uint,
  bestHeaderHeight: Uint,
  bestPeerHeight: Uint,
  inFlight: Uint,
  buffered: Uint,
});

/** The node's network (net_info). */
export const NetInfo = Obj({
  enabled: Bool,
  peerId: Nullable(Str),
  listen: Arr(Str),
  peers: Uint,
  bans: Uint,
  sync: SyncStatus,
});

/** One connected peer (net_peers). */
export const NetPeer = Obj({
  id: Str,
  address: Str,
  direction: StrEnum(['inbound', 'outbound']),
  head: Nullable(Obj({ height: Uint, hash: Hash })),
  score: Type.Integer({ maximum: 0, description: '0 for a clean peer, down to -100 where it is banned; offences decay with a 10-minute half-life' }),
  connectedAt: Uint,
});

/** net_info. */
export const netInfo = defineSpec({
  name: 'net_info',
  summary: 'This node on the peer-to-peer network: peer id, listen addresses, peer and ban counts, and where sync stands.',
  params: [],
  result: { name: 'info', schema: NetInfo },
});

/** net_peers. */
export const netPeers = defineSpec({
  name: 'net_peers',
  summary: 'The connected peers: id, address, direction, announced head, score (0 clean, -100 banned) and connection time (ms).',
  params: [],
  result: { name: 'peers', schema: Arr(NetPeer) },
});

/** rpc.discover. */
export const rpcDiscover = defineSpec({
  name: 'rpc.discover',
  summary: 'The OpenRPC 1.2.6 document describing every method, its params and its result (self-contained: the OpenRPC meta-schema is bundled in components.schemas).',
  params: [],
  result: { name: 'openrpc', schema: OpenRpcDoc },
});

/** The node's own methods, in the order the OpenRPC document lists them. */
export const CORE_SPECS = [
  chainGetHead,
  chainGetBlock,
  chainSubscribe,
  chainUnsubscribe,
  txSend,
  txGet,
  txEstimateFee,
  txEstimateGas,
  txSubscribe,
  accountGetProof,
  mempoolList,
  miningGetStatus,
  miningStart,
  miningStop,
  netInfo,
  netPeers,
  rpcDiscover,
] as const;
