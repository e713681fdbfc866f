/** Records of the mining pool's ledger (keys in layout.ts), in the node's canonical binary encoding. */
import { enumOf, hash256, list, optional, str, struct, u128, u32, u64, u8, varBytes, type Infer } from '../../encoding/codec.js';
import { address } from '../../primitives/address-codec.js';

/** Longest worker name (the part after the address). */
export const MAX_WORKER_NAME = 64;
/** Share difficulty exponents are stored offset by this (u8). */
export const EXP_OFFSET = 64;

/** An accepted share. `credit` is its PPS payment (0 under PPLNS); `blockHash` is set when it solved a block. */
export const ShareRecord = struct('ShareRecord', {
  timeMs: u64,
  address,
  worker: str(MAX_WORKER_NAME),
  exp: u8,
  height: u32,
  credit: u64,
  blockHash: optional(hash256),
});
/** An accepted share. */
export type ShareRecord = Infer<typeof ShareRecord>;

/** Payout schemes. */
export const PAYOUT_SCHEMES = ['pplns', 'pps'] as const;
/** A payout scheme. */
export type PayoutScheme = (typeof PAYOUT_SCHEMES)[number];

/**
 * Life of a found block: `submitted` (written before import), `pending` (on a chain, maturing),
 * `confirmed` (mature on the main chain: credited), `orphaned` (not on the main chain at maturity:
 * never paid), `rejected` (the chain refused it).
 */
export const BLOCK_STATUSES = ['submitted', 'pending', 'confirmed', 'orphaned', 'rejected'] as const;
/** A found block's status. */
export type FoundBlockStatus = (typeof BLOCK_STATUSES)[number];

/** One address's part of something (PPLNS window weight or a credit amount). */
export const AddressAmount = struct('AddressAmount', { address, amount: u128 });
/** One address's part. */
export type AddressAmount = Infer<typeof AddressAmount>;

/** Most addresses in one PPLNS window. */
export const MAX_WINDOW_ADDRESSES = 100_000;

/** A block the pool found. */
export const FoundBlock = struct('FoundBlock', {
  height: u32,
  hash: hash256,
  timeMs: u64,
  finder: address,
  finderWorker: str(MAX_WORKER_NAME),
  shareSeq: u64,
  scheme: enumOf('PayoutScheme', PAYOUT_SCHEMES),
  /** The pool fee in force when it was found (basis points). */
  feeBps: u32,
  /** Network difficulty of the block, in share weight. */
  netWeight: u128,
  status: enumOf('FoundBlockStatus', BLOCK_STATUSES),
  /** PPLNS: share weight per address in the window, snapshot when the block was found. */
  window: list(AddressAmount, MAX_WINDOW_ADDRESSES),
  /** Subsidy plus tips, read from the chain once connected (0 before). */
  reward: u64,
  /** The pool's fee plus rounding dust (confirmed PPLNS blocks). */
  fee: u64,
  /** Amounts credited at confirmation (PPLNS). */
  credits: list(AddressAmount, MAX_WINDOW_ADDRESSES),
  reason: optional(str(256)),
});
/** A found block. */
export type FoundBlock = Infer<typeof FoundBlock>;

/** An address's account with the pool. */
export const Balance = struct('Balance', { balance: u64, credited: u64, paid: u64 });
/** An address's account with the pool. */
export type Balance = Infer<typeof Balance>;

/** A payout's state: `sent` (signed, deducted, in the mempool or waiting) or `confirmed` (in the main chain). */
export const PAYOUT_STATUSES = ['sent', 'confirmed'] as const;
/** A payout's state. */
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** Most versions (fee bumps) of one payout: all spend the same nonce, so at most one is ever mined. */
export const MAX_PAYOUT_VERSIONS = 8;

/** A payout transaction. */
export const Payout = struct('Payout', {
  seq: u64,
  createdMs: u64,
  nonce: u64,
  outputs: list(AddressAmount, 256),
  status: enumOf('PayoutStatus', PAYOUT_STATUSES),
  /** Every signed version, oldest first (canonical tx bytes). */
  txs: list(varBytes(64 * 1024), MAX_PAYOUT_VERSIONS),
  confirmedHeight: u32,
  /** Id of the version that was mined (zero until confirmed). */
  txId: hash256,
  /** Fee the mined version paid (0 until confirmed). */
  fee: u64,
});
/** A payout transaction. */
export type Payout = Infer<typeof Payout>;

/** Counters of one worker (address + name). */
export const WorkerRecord = struct('WorkerRecord', {
  address,
  worker: str(MAX_WORKER_NAME),
  firstSeenMs: u64,
  lastShareMs: u64,
  accepted: u64,
  rejected: u64,
  stale: u64,
  weight: u128,
  blocks: u32,
});
/** Counters of one worker. */
export type WorkerRecord = Infer<typeof WorkerRecord>;

/** One bucket of a hashrate series. */
export const SeriesPoint = struct('SeriesPoint', { weight: u128, accepted: u32, rejected: u32 });
/** One bucket of a hashrate series. */
export type SeriesPoint = Infer<typeof SeriesPoint>;

/** Alarm kinds: a hashrate drop below a share of the recent average, or N workers not sharing. */
export const ALARM_KINDS = ['hashrate-drop', 'workers-offline'] as const;
/** An alarm kind. */
export type AlarmKind = (typeof ALARM_KINDS)[number];

/** An alarm rule with its firing state. */
export const AlarmRule = struct('AlarmRule', {
  id: u32,
  address,
  kind: enumOf('AlarmKind', ALARM_KINDS),
  /** hashrate-drop: percent drop from the recent average that fires (1-100); workers-offline: how many workers. */
  threshold: u32,
  /** workers-offline: seconds without a share after which a worker counts as offline (default 600). */
  offlineAfterSeconds: u32,
  webhook: str(512),
  secret: str(256),
  createdMs: u64,
  firing: u8,
  lastFiredMs: u64,
  fired: u32,
});
/** An alarm rule. */
export type AlarmRule = Infer<typeof AlarmRule>;
