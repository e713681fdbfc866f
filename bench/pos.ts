/**
 * Proof-of-stake benchmarks on a real 4-validator devnet (four `coinworks node --network
 * pos-devnet` processes on 127.0.0.1, equal stake, the built CLI: `npm run build` first):
 *
 * - pos.finality_ms: for every block, the time from its proposer publishing the proposal to the
 *   proposer having it committed (imported with its certificate), read from each proposer's own
 *   log line. p50 and p99 over `--pos-blocks` empty blocks (default 40).
 * - pos.finality_under_load_ms: the same over the blocks of the transfer load below.
 * - pos.transfers_committed_per_s: `--pos-senders` (default 1000) funded accounts each sign
 *   `--pos-rounds` (default 5) transfers before the clock starts (the PoW figure,
 *   chain.transfers_committed_per_s, also excludes signing); they are sent over JSON-RPC
 *   (tx_send in batches of 100, spread over the four nodes) and the clock stops when the last one is
 *   committed. Blocks are at most one a second (the devnet's block time), so this is bounded by
 *   what one block holds and how fast four processes validate, vote and commit it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { testKeys } from '../src/testing/keys.js';
import { TransferParams } from '../src/state/modules/bank/schemas.js';
import { rpc, until } from '../test/cli/process-helpers.js';
import { PosCluster } from '../test/e2e/pos-cluster.js';
import type { BenchResult } from './result.js';

function arg(name: string, fallback: number): number {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : fallback;
}

/** Percentile (nearest rank) of sorted values. */
function pct(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Finality samples (ms) by height from every node's 'own proposal committed' log lines. */
function finalityByHeight(c: PosCluster): Map<number, { ms: number; round: number }> {
  const out = new Map<number, { ms: number; round: number }>();
  for (let i = 0; i < c.size; i++) {
    for (const line of c.log(i).split('\n')) {
      if (!line.includes('own proposal committed')) continue;
      try {
        const o = JSON.parse(line) as { height: string; ms: number; round: number };
        out.set(Number(o.height), { ms: o.ms, round: o.round });
      } catch {
        // a partial line
      }
    }
  }
  return out;
}

function summary(samples: number[]): { p50: number; p99: number; max: number; samples: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: pct(s, 50), p99: pct(s, 99), max: s[s.length - 1] ?? NaN, samples: s.length };
}

/** The 4-validator devnet figures. */
export async function benchPos(): Promise<BenchResult[]> {
  const blocks = arg('pos-blocks', 40);
  const senders = arg('pos-senders', 1000);
  const rounds = arg('pos-rounds', 5);
  const keys = testKeys(senders, 'pos bench');
  const root = mkdtempSync(join(tmpdir(), 'cw-bench-pos-'));
  const c = await PosCluster.create(root, 4, { allocations: keys.map((k) => ({ address: k.addressText, amount: 10n ** 12n })) });
  try {
    await c.startAll();
    await Promise.all([0, 1, 2, 3].map((i) => c.reach(i, 2)));
    // Empty blocks.
    const h0 = await c.height(0);
    await c.reach(0, h0 + blocks, 30 * 60_000);
    await new Promise((r) => setTimeout(r, 500));
    const empty = finalityByHeight(c);
    const emptyRows = [...empty].filter(([h]) => h > h0 && h <= h0 + blocks).map(([, x]) => x);
    const emptySamples = emptyRows.map((x) => x.ms);

    // Transfers: signed first, then sent and committed against the clock.
    const txs: string[] = [];
    for (let r = 0; r < rounds; r++) {
      for (let s = 0; s < senders; s++) {
        const to = keys[(s + 1 + r) % senders].address;
        txs.push(txHex(c, keys[s], to, 1000n + BigInt(r), BigInt(r)));
      }
    }
    const hStart = await c.height(0);
    const urls = [0, 1, 2, 3].map((i) => c.cluster.node(i).url);
    const t0 = performance.now();
    let refused = 0;
    // One sender's transfers go to one node; JSON-RPC batches of 100, two in flight per node.
    const perNode: string[][] = [[], [], [], []];
    txs.forEach((hex, k) => perNode[(k % senders) % 4].push(hex));
    await Promise.all(
      perNode.flatMap((list, n) => {
        const batches: string[][] = [];
        for (let i = 0; i < list.length; i += 100) batches.push(list.slice(i, i + 100));
        let next = 0;
        return [0, 1].map(async () => {
          while (next < batches.length) refused += await sendBatch(urls[n], batches[next++]);
        });
      }),
    );
    const sent = performance.now();
    let committed = 0;
    let seen = hStart;
    let lastAt = sent;
    await until(async () => {
      const tip = await c.height(0);
      for (let h = seen + 1; h <= tip; h++) {
        const b = await rpc<{ txCount: number }>(urls[0], 'chain_getBlock', [h]);
        if (b.txCount > 0) lastAt = performance.now();
        committed += b.txCount;
      }
      seen = tip;
      return committed >= txs.length - refused ? true : undefined;
    }, 30 * 60_000, 200);
    const secs = (lastAt - t0) / 1000;
    await new Promise((r) => setTimeout(r, 500));
    const loaded = finalityByHeight(c);
    const loadRows = [...loaded].filter(([h]) => h > hStart && h <= seen).map(([, x]) => x);
    const loadSamples = loadRows.map((x) => x.ms);
    const laterRounds = (rows: Array<{ round: number }>) => rows.filter((x) => x.round > 0).length;
    const e = summary(emptySamples);
    const l = summary(loadSamples);
    return [
      { name: 'pos.finality_ms', value: e.p50, unit: 'ms', p50: e.p50, p99: e.p99, max: e.max, samples: e.samples, blocks: 'empty', decidedAfterRound0: laterRounds(emptyRows), validators: 4 },
      { name: 'pos.finality_under_load_ms', value: l.p50, unit: 'ms', p50: l.p50, p99: l.p99, max: l.max, samples: l.samples, decidedAfterRound0: laterRounds(loadRows), txsPerBlock: Math.round(committed / Math.max(1, seen - hStart)), validators: 4 },
      {
        name: 'pos.transfers_committed_per_s',
        value: Math.round(committed / secs),
        unit: 'tx/s',
        transfers: committed,
        refused,
        blocks: seen - hStart,
        seconds: +secs.toFixed(2),
        sendSeconds: +((sent - t0) / 1000).toFixed(2),
        validators: 4,
      },
    ];
  } finally {
    await c.stopAll();
    rmSync(root, { recursive: true, force: true });
  }
}

function txHex(c: PosCluster, from: ReturnType<typeof testKeys>[number], to: Uint8Array, amount: bigint, nonce: bigint): string {
  return c.txWith(from, 'bank', 'transfer', TransferParams, { to, assetId: 0, amount, memo: new Uint8Array(0) }, nonce).hex;
}

/** Sends transactions in one JSON-RPC batch of tx_send calls; returns how many were refused. */
async function sendBatch(url: string, hexes: readonly string[]): Promise<number> {
  const body = hexes.map((hex, id) => ({ jsonrpc: '2.0', id, method: 'tx_send', params: [hex] }));
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const out = (await res.json()) as Array<{ error?: unknown }> | { error?: unknown };
  return Array.isArray(out) ? out.filter((r) => r.error).length : hexes.length;
}
