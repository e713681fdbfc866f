/**
 * Handlers of the `miningPool_*` RPC methods (interfaces in api.ts), registered with one line in
 * rpc/methods/index.ts. They reach the pool through the RPC context (`ctx.miningPool`); every
 * method but miningPool_getStats and miningPool_getProfitability needs a running pool
 * (MINING_POOL_NOT_RUNNING otherwise).
 */
import { formatDifficulty } from '../consensus/pow/work.js';
import { isAddress } from '../crypto/address.js';
import { MiningPoolError } from './errors.js';
import { invalidParam, notFound } from '../state/endpoint.js';
import { prepareTx, decodeTx } from '../primitives/tx.js';
import { defineMethod, type AnyMethod, type MethodCall } from '../rpc/method.js';
import { RPC_CODES, RpcServerError } from '../rpc/errors.js';
import {
  miningPoolGetAlarms,
  miningPoolGetHashrate,
  miningPoolGetPayouts,
  miningPoolGetProfitability,
  miningPoolGetStats,
  miningPoolGetWorkers,
  miningPoolRemoveAlarm,
  miningPoolSetAlarm,
  miningPoolSubscribe,
} from './api.js';
import { chainFacts, nextMinedToken } from './chain-facts.js';
import { formatFixed, nftCost, parseDecimal, period, showFixed, type MinerFacts } from './profitability.js';
import type { MiningPool } from './service.js';
import { alarmView, payoutsView, seriesView, statsView, workersView } from './views.js';
import { ALARM_KINDS, type AlarmKind } from './ledger/records.js';

/** The WebSocket topic of alarm events. */
export const ALARM_TOPIC = 'miningPool.alarms';

function pool(call: MethodCall): MiningPool {
  const p = call.services.ctx.miningPool;
  if (!p?.running) throw new MiningPoolError('MINING_POOL_NOT_RUNNING', 'this node runs no mining pool: start it with --stratum-port <port>');
  return p;
}

const idOf = (bytes: Uint8Array) => prepareTx(decodeTx(bytes), bytes).id;

/** miningPool_getStats. */
export const getStats = defineMethod(miningPoolGetStats, (call) => statsView(call.services.ctx.miningPool, call.services.ctx.chain));

/** miningPool_getWorkers. */
export const getWorkers = defineMethod(miningPoolGetWorkers, (call, [address]) => workersView(pool(call), address));

/** miningPool_getHashrate. */
export const getHashrate = defineMethod(miningPoolGetHashrate, (call, [view, options]) => {
  const o = options ?? {};
  if (o.worker !== undefined && o.address === undefined) throw invalidParam('options.worker', 'needs options.address');
  if (o.address !== undefined && !isAddress(o.address)) throw invalidParam('options.address', 'must be a valid cw1 address');
  return seriesView(pool(call), view, o);
});

/** miningPool_getPayouts. */
export const getPayouts = defineMethod(miningPoolGetPayouts, (call, [address, limit]) => payoutsView(pool(call), address, limit, idOf));

/** miningPool_setAlarm. */
export const setAlarm = defineMethod(miningPoolSetAlarm, async (call, [rule]) => {
  const p = pool(call);
  if (rule.address === undefined) throw invalidParam('rule.address', 'is required');
  if (rule.kind === undefined || !ALARM_KINDS.includes(rule.kind as AlarmKind)) throw invalidParam('rule.kind', 'is required: hashrate-drop or workers-offline');
  if (rule.threshold === undefined) throw invalidParam('rule.threshold', 'is required');
  try {
    const r = await p.p.alarms.add({
      address: rule.address,
      kind: rule.kind as AlarmKind,
      threshold: rule.threshold,
      ...(rule.offlineAfterSeconds !== undefined ? { offlineAfterSeconds: rule.offlineAfterSeconds } : {}),
      ...(rule.webhook !== undefined ? { webhook: rule.webhook } : {}),
      ...(rule.secret !== undefined ? { secret: rule.secret } : {}),
    });
    return alarmView(r);
  } catch (e) {
    if (e instanceof MiningPoolError && e.code === 'MINING_POOL_BAD_ALARM') throw invalidParam('rule', e.message);
    throw e;
  }
});

/** miningPool_removeAlarm. */
export const removeAlarm = defineMethod(miningPoolRemoveAlarm, (call, [id]) => pool(call).p.alarms.remove(id));

/** miningPool_getAlarms. */
export const getAlarms = defineMethod(miningPoolGetAlarms, (call, [address]) => {
  const rules = pool(call).p.alarms.rules();
  const hex = address ? Buffer.from(address).toString('hex') : undefined;
  return rules.filter((r) => hex === undefined || Buffer.from(r.address).toString('hex') === hex).map(alarmView);
});

/** miningPool_subscribe. */
export const subscribe = defineMethod(miningPoolSubscribe, (call) => {
  const p = pool(call);
  if (!call.session) throw new RpcServerError(RPC_CODES.TRANSPORT, 'RPC_WS_ONLY', 'subscriptions need a WebSocket connection (/ws)');
  const hub = call.services.hub;
  p.onAlarm ??= (e) => hub.publish(ALARM_TOPIC, e);
  return hub.subscribeTopic(call.session, ALARM_TOPIC);
});

function decimalParam(name: string, text: string): bigint {
  try {
    return parseDecimal(text);
  } catch (e) {
    throw invalidParam(name, (e as Error).message);
  }
}

/** miningPool_getProfitability. */
export const getProfitability = defineMethod(miningPoolGetProfitability, async (call, [hashrate, watts, kwhPrice, coinPrice, collectionId]) => {
  const { chain } = call.services.ctx;
  if (chain.engine.name !== 'pow') throw new MiningPoolError('MINING_POOL_BAD_CONFIG', `this chain runs ${chain.engine.name}, not proof of work`);
  const miner: MinerFacts = { hashrate: BigInt(hashrate), watts: decimalParam('watts', watts), kwhPrice: decimalParam('kwhPrice', kwhPrice), coinPrice: decimalParam('coinPrice', coinPrice) };
  const facts = await chainFacts(chain);
  const day = period(facts, miner, 86_400);
  const month = period(facts, miner, 30 * 86_400);
  const view = (f: typeof day) => ({ blocks: f.blocks, coins: f.coins.toString(), revenue: showFixed(f.revenue, 2), cost: showFixed(f.cost, 2), profit: showFixed(f.profit, 2), energyKwh: showFixed(f.energyKwh, 3) });
  const networkHashrate = Number(facts.workPerBlock) / facts.blockTime;
  let nft = null;
  if (collectionId !== undefined) {
    const next = await nextMinedToken(chain, collectionId);
    if (!next.ok) {
      if (next.reason === 'unknown') throw notFound(`collection ${collectionId}`, { code: 'NFT_NOT_FOUND' });
      throw invalidParam('collectionId', next.reason === 'not-mined' ? 'is not a proof-of-work (mined) collection' : 'is sold out');
    }
    const c = nftCost(next.expectedHashes, next.mintPrice, next.mintAsset === 0, miner, facts.coinDecimals);
    nft = {
      collectionId,
      name: next.name,
      nextTokenId: next.nextTokenId.toString(),
      generation: next.generation,
      target: next.target.toString(16).padStart(64, '0'),
      expectedHashes: c.expectedHashes.toString(),
      expectedSeconds: c.expectedSeconds,
      energyKwh: showFixed(c.energyKwh, 6),
      energyCost: showFixed(c.energyCost, 4),
      mintPrice: c.mintPrice.toString(),
      mintAsset: next.mintAsset,
      mintPriceFiat: showFixed(c.mintPriceFiat, 4),
      totalCost: showFixed(c.totalCost, 4),
    };
  }
  return {
    network: {
      height: facts.height,
      bits: facts.bits,
      difficulty: formatDifficulty(facts.bits),
      workPerBlock: facts.workPerBlock.toString(),
      networkHashrate,
      blockTime: facts.blockTime,
      subsidy: facts.subsidy.toString(),
      averageTips: facts.averageTips.toString(),
      symbol: chain.params.coin.symbol,
      decimals: facts.coinDecimals,
    },
    miner: { hashrate: miner.hashrate.toString(), watts: formatFixed(miner.watts), kwhPrice: formatFixed(miner.kwhPrice), coinPrice: formatFixed(miner.coinPrice), shareOfNetwork: networkHashrate > 0 ? Number(miner.hashrate) / networkHashrate : 0 },
    perDay: view(day),
    perMonth: view(month),
    nft,
  };
});

/** Every mining-pool method, for the RPC registry. */
export const miningPoolEndpoints: readonly AnyMethod[] = [getStats, getWorkers, getHashrate, getPayouts, setAlarm, removeAlarm, getAlarms, subscribe, getProfitability];
