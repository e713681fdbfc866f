/**
 * RPC interface of the mining pool (schema-only, browser-safe): the `miningPool_*` methods, defined
 * once with TypeBox. Amounts are decimal strings of base units, hashrates hashes per second,
 * times unix milliseconds unless named otherwise, addresses bech32m `cw1...`.
 */
import { Type } from '@sinclair/typebox';
import { AddressParam, EnumParam, IntParam, OptionsParam, StringParam } from '../api/params.js';
import { defineSpec, optionalParam, param } from '../api/spec.js';
import { Address, Arr, Bool, Dec, Hash, Num, Nullable, Obj, Str, StrEnum, Uint } from '../api/wire.js';

/** Hashrate over the three sliding windows. */
export const HashrateWindows = Obj({ current: Num, hour: Num, day: Num }, 'hashes per second over the last 10 minutes, hour and day');

/** Share counters. */
export const ShareCounts = Obj({ accepted: Uint, stale: Uint, duplicate: Uint, lowDifficulty: Uint, invalid: Uint, blocks: Uint });

/** A block the pool found. */
export const PoolBlock = Obj({
  height: Uint,
  hash: Hash,
  time: Uint,
  finder: Str,
  status: StrEnum(['submitted', 'pending', 'confirmed', 'orphaned', 'rejected']),
  scheme: StrEnum(['pplns', 'pps']),
  reward: Dec,
  fee: Dec,
  credits: Arr(Obj({ address: Address, amount: Dec })),
  confirmations: Uint,
  maturesAtHeight: Uint,
  reason: Nullable(Str),
});

/** miningPool_getStats. */
export const PoolStats = Obj({
  running: Bool,
  stratum: Nullable(Obj({ host: Str, port: Uint, url: Str })),
  poolAddress: Nullable(Address),
  scheme: StrEnum(['pplns', 'pps']),
  feePercent: Str,
  pplnsN: Uint,
  minPayout: Dec,
  connections: Uint,
  workers: Obj({ active: Uint, inactive: Uint, offline: Uint }),
  hashrate: HashrateWindows,
  shares: ShareCounts,
  blocks: Obj({ found: Uint, pending: Uint, confirmed: Uint, orphaned: Uint, rejected: Uint, recent: Arr(PoolBlock) }),
  balances: Obj({ unpaid: Dec, paid: Dec, poolSpendable: Dec }),
  network: Obj({ height: Uint, bits: Uint, difficulty: Str, shareDifficultyStart: Num }),
  protection: Obj({ refused: Uint, banned: Uint, closedForAbuse: Uint }),
});

/** One worker. */
export const PoolWorker = Obj({
  name: Str,
  address: Address,
  worker: Str,
  status: StrEnum(['active', 'inactive', 'offline']),
  connected: Bool,
  difficulty: Nullable(Num),
  lastShare: Nullable(Uint),
  firstSeen: Uint,
  hashrate: HashrateWindows,
  accepted: Dec,
  rejected: Dec,
  stale: Dec,
  blocks: Uint,
});

/** A series point. */
export const HashratePoint = Obj({ time: Uint, hashrate: Num, accepted: Uint, rejected: Uint }, 'bucket start in unix seconds; hashes per second over the bucket');

/** miningPool_getHashrate. */
export const HashrateSeries = Obj({ scope: Str, resolution: StrEnum(['1m', '15m', '1h']), view: StrEnum(['hour', 'day', 'month']), windows: HashrateWindows, points: Arr(HashratePoint) });

/** A payout. */
export const PoolPayout = Obj({
  seq: Dec,
  status: StrEnum(['sent', 'confirmed']),
  created: Uint,
  nonce: Dec,
  outputs: Arr(Obj({ address: Address, amount: Dec })),
  total: Dec,
  txIds: Arr(Hash),
  txId: Nullable(Hash),
  confirmedHeight: Nullable(Uint),
  fee: Dec,
});

/** An address's account. */
export const PoolBalance = Obj({ address: Address, balance: Dec, credited: Dec, paid: Dec });

/** miningPool_getPayouts. */
export const PoolPayouts = Obj({ minPayout: Dec, balances: Arr(PoolBalance), payouts: Arr(PoolPayout) });

/** An alarm rule (its secret is never returned). */
export const PoolAlarm = Obj({
  id: Uint,
  address: Address,
  kind: StrEnum(['hashrate-drop', 'workers-offline']),
  threshold: Uint,
  offlineAfterSeconds: Uint,
  webhook: Nullable(Str),
  signed: Bool,
  firing: Bool,
  fired: Uint,
  lastFired: Nullable(Uint),
  created: Uint,
});

/** Profitability figures of one period. */
export const ProfitPeriod = Obj({ blocks: Str, coins: Dec, revenue: Str, cost: Str, profit: Str, energyKwh: Str });

/** miningPool_getProfitability. */
export const Profitability = Obj({
  network: Obj({ height: Uint, bits: Uint, difficulty: Str, workPerBlock: Dec, networkHashrate: Num, blockTime: Uint, subsidy: Dec, averageTips: Dec, symbol: Str, decimals: Uint }),
  miner: Obj({ hashrate: Dec, watts: Str, kwhPrice: Str, coinPrice: Str, shareOfNetwork: Num }),
  perDay: ProfitPeriod,
  perMonth: ProfitPeriod,
  nft: Nullable(
    Obj({
      collectionId: Uint,
      name: Str,
      nextTokenId: Dec,
      generation: Uint,
      target: Str,
      expectedHashes: Dec,
      expectedSeconds: Str,
      energyKwh: Str,
      energyCost: Str,
      mintPrice: Dec,
      mintAsset: Uint,
      mintPriceFiat: Str,
      totalCost: Str,
    }),
  ),
});

const SCOPE_WORKER = /^[A-Za-z0-9_-]{1,64}$/;
const DECIMAL_TEXT = /^[0-9]{1,30}(\.[0-9]{1,8})?$/;

/** miningPool_getStats. */
export const miningPoolGetStats = defineSpec({
  name: 'miningPool_getStats',
  summary: "The mining pool: Stratum endpoint, payout scheme and fee, connections, workers by status, pool hashrate (10 min, 1 h, 24 h), share counters, found blocks (recent ones with status), unpaid and paid totals, the pool's spendable coins and abuse counters. `running` is false when the node runs no pool.",
  params: [],
  result: { name: 'stats', schema: PoolStats },
});

/** miningPool_getWorkers. */
export const miningPoolGetWorkers = defineSpec({
  name: 'miningPool_getWorkers',
  summary: 'Workers (of one address, or all): status (active: a share in the last 10 minutes, inactive: up to 24 h, then offline), hashrate windows, share counters, current difficulty when connected.',
  params: [optionalParam('address', AddressParam(), undefined, 'payout address (default: every worker)')],
  result: { name: 'workers', schema: Arr(PoolWorker) },
});

/** miningPool_getHashrate. */
export const miningPoolGetHashrate = defineSpec({
  name: 'miningPool_getHashrate',
  summary:
    'A hashrate series for a chart: of the pool, an address or one worker, at the resolution of a view (hour: 1-minute buckets, day: 15-minute, month: 1-hour), optionally over [from, to] (unix seconds); gaps are zeros.',
  params: [
    optionalParam('view', EnumParam(['hour', 'day', 'month']), 'hour', 'chart view: hour, day or month'),
    optionalParam('options', OptionsParam({ address: Type.String({ maxLength: 90, pattern: '^cw1[02-9ac-hj-np-z]+$' }), worker: StringParam(64, SCOPE_WORKER), from: IntParam(0, 0xffffffff), to: IntParam(0, 0xffffffff) }), {}, 'scope and range: {address, worker, from, to}'),
  ],
  result: { name: 'series', schema: HashrateSeries },
});

/** miningPool_getPayouts. */
export const miningPoolGetPayouts = defineSpec({
  name: 'miningPool_getPayouts',
  summary: 'Balances (unpaid, credited, paid) and payout transactions (newest first; sent or confirmed, with every signed version), of one address or all.',
  params: [optionalParam('address', AddressParam(), undefined, 'payout address (default: all)'), optionalParam('limit', IntParam(1, 1000), 100, 'most payouts to return')],
  result: { name: 'payouts', schema: PoolPayouts },
});

/** miningPool_setAlarm. */
export const miningPoolSetAlarm = defineSpec({
  name: 'miningPool_setAlarm',
  summary:
    "Adds an alarm rule for a payout address: `hashrate-drop` (threshold: percent below the 1-hour average the 10-minute hashrate must fall) or `workers-offline` (threshold: how many workers without a share for offlineAfterSeconds, default 600). Each firing and resolution is a webhook POST (JSON, header X-Coinworks-Signature: sha256=HMAC of the body under the secret, retried with backoff), a WebSocket event (miningPool_subscribe) and a log line. Needs the node's auth cookie.",
  params: [
    param(
      'rule',
      OptionsParam({
        address: Type.String({ maxLength: 90, pattern: '^cw1[02-9ac-hj-np-z]+$' }),
        kind: StrEnum(['hashrate-drop', 'workers-offline']),
        threshold: IntParam(1, 100_000),
        offlineAfterSeconds: IntParam(1, 30 * 86_400),
        webhook: Type.String({ maxLength: 512 }),
        secret: Type.String({ maxLength: 256 }),
      }),
      'the rule: {address, kind, threshold, offlineAfterSeconds?, webhook?, secret?}',
    ),
  ],
  result: { name: 'alarm', schema: PoolAlarm },
  access: 'control',
});

/** miningPool_removeAlarm. */
export const miningPoolRemoveAlarm = defineSpec({
  name: 'miningPool_removeAlarm',
  summary: 'Removes an alarm rule; false when there is none with that id. Needs the node\'s auth cookie.',
  params: [param('id', IntParam(1, 0xffffffff), 'alarm id')],
  result: { name: 'removed', schema: Bool },
  access: 'control',
});

/** miningPool_getAlarms. */
export const miningPoolGetAlarms = defineSpec({
  name: 'miningPool_getAlarms',
  summary: 'Alarm rules (of one address or all) with their state: firing, times fired, last firing.',
  params: [optionalParam('address', AddressParam(), undefined, 'payout address (default: all)')],
  result: { name: 'alarms', schema: Arr(PoolAlarm) },
});

/** miningPool_subscribe. */
export const miningPoolSubscribe = defineSpec({
  name: 'miningPool_subscribe',
  summary: 'Subscribes to mining-pool alarm events (WebSocket only): a `chain_subscription` notification with the event (as the webhook body) on every firing and resolution. End it with chain_unsubscribe.',
  params: [param('topic', EnumParam(['alarms']), 'what to follow')],
  result: { name: 'subscription', schema: Str },
  wsOnly: true,
});

/** miningPool_getProfitability. */
export const miningPoolGetProfitability = defineSpec({
  name: 'miningPool_getProfitability',
  summary:
    "Mining profitability from live chain data (the next block's difficulty and subsidy, the average tips of the last 20 blocks): expected blocks, coins, revenue, power cost and profit per day and per 30-day month for a hashrate, power draw, power price and coin price; with a collection id, also the expected cost of mining that proof-of-work NFT collection's next token. Works without a pool.",
  params: [
    param('hashrate', StringParam(40, /^[0-9]{1,30}$/), 'hashes per second (decimal string)'),
    param('watts', StringParam(40, DECIMAL_TEXT), 'power draw in watts (decimal, up to 8 decimals)'),
    param('kwhPrice', StringParam(40, DECIMAL_TEXT), 'price of one kWh (decimal)'),
    param('coinPrice', StringParam(40, DECIMAL_TEXT), 'price of one coin (decimal)'),
    optionalParam('collectionId', IntParam(0, 0xffffffff), undefined, 'a mined NFT collection (optional)'),
  ],
  result: { name: 'profitability', schema: Profitability },
});

/** Every mining-pool method, in the order the OpenRPC document lists them. */
export const MINING_POOL_SPECS = [
  miningPoolGetStats,
  miningPoolGetWorkers,
  miningPoolGetHashrate,
  miningPoolGetPayouts,
  miningPoolSetAlarm,
  miningPoolRemoveAlarm,
  miningPoolGetAlarms,
  miningPoolSubscribe,
  miningPoolGetProfitability,
] as const;
