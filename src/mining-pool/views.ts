/** The mining pool as RPC shows it: JSON views of stats, workers, series, payouts and alarms (shapes in api.ts). */
import type { Static } from '@sinclair/typebox';
import { decodeAddress, encodeAddress } from '../crypto/address.js';
import { bytesToHex, hashToDisplay } from '../encoding/hex.js';
import { formatDifficulty } from '../consensus/pow/work.js';
import { balanceOf, getAccount } from '../state/modules/accounts/method.js';
import type { HashrateSeries, PoolAlarm, PoolBlock, PoolPayout, PoolPayouts, PoolStats, PoolWorker } from './api.js';
import { diffValue } from './difficulty.js';
import { workerKey } from './ledger/ledger.js';
import type { AlarmRule, FoundBlock, Payout } from './ledger/records.js';
import { RESOLUTIONS, Scope, workerStatus, type ResolutionName } from './monitor/hashrate.js';
import type { MiningPool } from './service.js';

/** Basis points as a percent string ("1.5"). */
export function bpsToPercent(bps: number): string {
  const s = (bps / 100).toFixed(2);
  return s.replace(/\.?0+$/, '') || '0';
}

/** A found block as JSON. */
export function blockView(pool: MiningPool, b: FoundBlock): Static<typeof PoolBlock> {
  const maturity = pool.chain.params.rewards.maturity;
  const entry = pool.chain.index.get(b.hash);
  const main = entry !== undefined && pool.chain.index.isMain(entry);
  return {
    height: b.height,
    hash: hashToDisplay(b.hash),
    time: Number(b.timeMs),
    finder: `${encodeAddress(b.finder)}.${b.finderWorker}`,
    status: b.status,
    scheme: b.scheme,
    reward: b.reward.toString(),
    fee: b.fee.toString(),
    credits: b.credits.map((c) => ({ address: encodeAddress(c.address), amount: c.amount.toString() })),
    confirmations: main ? pool.chain.tip.height - b.height + 1 : 0,
    maturesAtHeight: b.height + maturity,
    reason: b.reason,
  };
}

/** miningPool_getStats (a stopped pool reports running: false and zeros). */
export async function statsView(pool: MiningPool | undefined, chain: MiningPool['chain']): Promise<Static<typeof PoolStats>> {
  const tip = chain.tip;
  const bits = chain.engine.nextBits(tip);
  const network = { height: tip.height, bits, difficulty: formatDifficulty(bits), shareDifficultyStart: pool ? diffValue(pool.startExp) : 0 };
  if (!pool?.running) {
    return {
      running: false,
      stratum: null,
      poolAddress: null,
      scheme: pool?.settings.scheme ?? 'pplns',
      feePercent: bpsToPercent(pool?.settings.feeBps ?? 0),
      pplnsN: pool?.settings.pplnsN ?? 0,
      minPayout: (pool?.settings.minPayout ?? 0n).toString(),
      connections: 0,
      workers: { active: 0, inactive: 0, offline: 0 },
      hashrate: { current: 0, hour: 0, day: 0 },
      shares: { accepted: 0, stale: 0, duplicate: 0, lowDifficulty: 0, invalid: 0, blocks: 0 },
      blocks: { found: 0, pending: 0, confirmed: 0, orphaned: 0, rejected: 0, recent: [] },
      balances: { unpaid: '0', paid: '0', poolSpendable: '0' },
      network,
      protection: { refused: 0, banned: 0, closedForAbuse: 0 },
    };
  }
  const { p, settings } = pool;
  const now = pool.now();
  const workers = { active: 0, inactive: 0, offline: 0 };
  for (const w of p.ledger.workers.values()) workers[workerStatus(Number(w.lastShareMs), now)]++;
  const blocks = { found: 0, pending: 0, confirmed: 0, orphaned: 0, rejected: 0 };
  const all = [...p.ledger.blocks.values()].sort((a, b) => b.height - a.height || Number(b.timeMs - a.timeMs));
  for (const b of all) {
    blocks.found++;
    if (b.status === 'submitted' || b.status === 'pending') blocks.pending++;
    else blocks[b.status]++;
  }
  let unpaid = 0n;
  let paid = 0n;
  for (const b of p.ledger.balances.values()) {
    unpaid += b.balance;
    paid += b.paid;
  }
  const spendable = await chain.view((s) => balanceOf(getAccount(s, p.key.address)));
  return {
    running: true,
    stratum: { host: settings.host, port: p.server.port, url: pool.stratumUrl },
    poolAddress: p.key.addressText,
    scheme: settings.scheme,
    feePercent: bpsToPercent(settings.feeBps),
    pplnsN: settings.pplnsN,
    minPayout: settings.minPayout.toString(),
    connections: p.server.connections,
    workers,
    hashrate: p.monitor.windows(Scope.pool),
    shares: { ...p.handler.counters },
    blocks: { ...blocks, recent: all.slice(0, 20).map((b) => blockView(pool, b)) },
    balances: { unpaid: unpaid.toString(), paid: paid.toString(), poolSpendable: spendable.toString() },
    network,
    protection: { refused: p.server.counters.refused, banned: p.server.counters.banned, closedForAbuse: p.server.counters.closedAbuse },
  };
}

/** miningPool_getWorkers. */
export function workersView(pool: MiningPool, address?: Uint8Array): Array<Static<typeof PoolWorker>> {
  const { p } = pool;
  const now = pool.now();
  const connected = new Map<string, number>();
  for (const c of p.server.authorizedConnections()) for (const w of c.workers.values()) connected.set(workerKey(w.address, w.worker), c.exp);
  const filter = address ? bytesToHex(address) : undefined;
  return [...p.ledger.workers.values()]
    .filter((w) => filter === undefined || bytesToHex(w.address) === filter)
    .map((w) => {
      const a = encodeAddress(w.address);
      const exp = connected.get(workerKey(w.address, w.worker));
      return {
        name: `${a}.${w.worker}`,
        address: a,
        worker: w.worker,
        status: workerStatus(Number(w.lastShareMs), now),
        connected: exp !== undefined,
        difficulty: exp === undefined ? null : diffValue(exp),
        lastShare: w.lastShareMs === 0n ? null : Number(w.lastShareMs),
        firstSeen: Number(w.firstSeenMs),
        hashrate: p.monitor.windows(Scope.worker(a, w.worker)),
        accepted: w.accepted.toString(),
        rejected: w.rejected.toString(),
        stale: w.stale.toString(),
        blocks: w.blocks,
      };
    })
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/** miningPool_getHashrate. */
export function seriesView(pool: MiningPool, view: 'hour' | 'day' | 'month', o: { address?: string; worker?: string; from?: number; to?: number }): Static<typeof HashrateSeries> {
  const res = RESOLUTIONS.find((r) => r.view === view)!;
  let scope: string = Scope.pool;
  if (o.address !== undefined) {
    const a = encodeAddress(decodeAddress(o.address));
    scope = o.worker !== undefined ? Scope.worker(a, o.worker) : Scope.address(a);
  }
  const m = pool.p.monitor;
  return { scope, resolution: res.name as ResolutionName, view, windows: m.windows(scope), points: m.series(scope, res.name, o.from, o.to) };
}

/** A payout as JSON. */
export function payoutView(p: Payout, idOf: (tx: Uint8Array) => Uint8Array): Static<typeof PoolPayout> {
  const ids = p.txs.map((t) => hashToDisplay(idOf(t)));
  return {
    seq: p.seq.toString(),
    status: p.status,
    created: Number(p.createdMs),
    nonce: p.nonce.toString(),
    outputs: p.outputs.map((o) => ({ address: encodeAddress(o.address), amount: o.amount.toString() })),
    total: p.outputs.reduce((a, o) => a + o.amount, 0n).toString(),
    txIds: ids,
    txId: p.status === 'confirmed' ? hashToDisplay(p.txId) : null,
    confirmedHeight: p.status === 'confirmed' ? p.confirmedHeight : null,
    fee: p.fee.toString(),
  };
}

/** miningPool_getPayouts. */
export async function payoutsView(pool: MiningPool, address: Uint8Array | undefined, limit: number, idOf: (tx: Uint8Array) => Uint8Array): Promise<Static<typeof PoolPayouts>> {
  const { p } = pool;
  const filter = address ? bytesToHex(address) : undefined;
  const balances = [...p.ledger.balances.entries()]
    .filter(([hex]) => filter === undefined || hex === filter)
    .map(([hex, b]) => ({ address: encodeAddress(Uint8Array.from(Buffer.from(hex, 'hex'))), balance: b.balance.toString(), credited: b.credited.toString(), paid: b.paid.toString() }))
    .sort((x, y) => (x.address < y.address ? -1 : 1));
  const stored = await p.ledger.payouts(filter === undefined ? limit : 100_000);
  const payouts = stored.filter((x) => filter === undefined || x.outputs.some((o) => bytesToHex(o.address) === filter)).slice(0, limit);
  return { minPayout: pool.settings.minPayout.toString(), balances, payouts: payouts.map((x) => payoutView(x, idOf)) };
}

/** An alarm rule as JSON (never its secret). */
export function alarmView(r: AlarmRule): Static<typeof PoolAlarm> {
  return {
    id: r.id,
    address: encodeAddress(r.address),
    kind: r.kind,
    threshold: r.threshold,
    offlineAfterSeconds: r.offlineAfterSeconds,
    webhook: r.webhook === '' ? null : r.webhook,
    signed: r.secret !== '',
    firing: r.firing === 1,
    fired: r.fired,
    lastFired: r.lastFiredMs === 0n ? null : Number(r.lastFiredMs),
    created: Number(r.createdMs),
  };
}
