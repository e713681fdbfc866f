/**
 * RPC benchmarks: HTTP keep-alive on loopback, `CONCURRENCY` requests in flight, ~3 s each after a
 * short warm-up. The load generator runs in a worker thread (plain node:http with a keep-alive
 * agent), so server and client each get a core.
 * - rpc.requests_per_s: chain_getHead against the real server (createRpcServer over a test chain).
 * - rpc.bare_fastify_requests_per_s: a bare fastify route answering the same JSON body, the ceiling.
 * The two are measured in alternating rounds and the best round of each is reported, with
 * `perServerBusySecond` (requests per second the server thread was busy: steadier under load).
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import { createTestChain, mineBlock, transfer } from '../src/testing/chain.js';
import { Mempool } from '../src/mempool/mempool.js';
import { createRpcServer } from '../src/rpc/server.js';
import type { MinerControl } from '../src/rpc/context.js';
import type { BenchResult } from './result.js';

const CONCURRENCY = 32;
const SECONDS = 3;
const WARMUP_SECONDS = 0.5;
const ROUNDS = 2;

/** Load generator (plain JS, run with eval in a worker). */
const LOADGEN = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, body, concurrency, seconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const payload = Buffer.from(body);
let done = 0, errors = 0;
const lat = [];
let stopAt = 0, recording = false;
function one() {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port, path: '/', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => { if (recording) { done++; if (res.statusCode !== 200) errors++; lat.push(performance.now() - t0); } resolve(); });
    });
    req.on('error', () => { errors++; resolve(); });
    req.end(payload);
  });
}
async function loop() { while (performance.now() < stopAt) await one(); }
(async () => {
  stopAt = performance.now() + ${WARMUP_SECONDS * 1000};
  await Promise.all(Array.from({ length: concurrency }, loop));
  recording = true;
  parentPort.postMessage({ start: true });
  const t0 = performance.now();
  stopAt = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, loop));
  const dt = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const q = (p) => lat.length ? +lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(3) : 0;
  agent.destroy();
  parentPort.postMessage({ requests: done, errors, seconds: +dt.toFixed(2), p50: q(0.5), p99: q(0.99) });
})();
`;

interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
  /** Share of the measured window the server's (main) thread was busy. */
  serverBusy: number;
}

function load(port: number, body: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(LOADGEN, { eval: true, workerData: { port, body, concurrency: CONCURRENCY, seconds: SECONDS } });
    let elu0 = performance.eventLoopUtilization();
    w.on('message', (m: Omit<LoadResult, 'serverBusy'> & { start?: true }) => {
      if (m.start) {
        elu0 = performance.eventLoopUtilization();
        return;
      }
      const busy = performance.eventLoopUtilization(elu0).utilization;
      resolve({ ...m, serverBusy: +busy.toFixed(3) });
      void w.terminate();
    });
    w.once('error', reject);
  });
}

const idleMiner: MinerControl = {
  status: () => ({ running: false, threads: 0, hashrate: 0, kernel: 'none' }),
  start: async () => undefined,
  stop: async () => undefined,
};

/** Requests per second of the RPC server and of a bare fastify route with the same answer. */
export async function benchRpc(): Promise<BenchResult[]> {
  const tc = await createTestChain();
  for (let i = 0; i < 3; i++) await mineBlock(tc, { txs: [transfer(tc.chain, tc.keys[0], tc.keys[1].address, 1000n, BigInt(i))] });
  const mempool = new Mempool(tc.chain);
  const server = await createRpcServer({ chain: tc.chain, mempool, miner: idleMiner }, { port: 0 });
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getHead' });
  const answer = await (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
  if (!JSON.parse(answer).result) throw new Error(`chain_getHead failed: ${answer}`);
  const bare = Fastify({ logger: false });
  bare.post('/', async (_req, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(answer));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const barePort = (bare.server.address() as { port: number }).port;
  // Interleaved rounds, best of each: a shared machine's background load hits both alike.
  const rpcRuns: LoadResult[] = [];
  const bareRuns: LoadResult[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      rpcRuns.push(await load(server.port, body));
      bareRuns.push(await load(barePort, body));
    }
  } finally {
    await server.close();
    await bare.close();
    mempool.dispose();
  }
  const best = (runs: LoadResult[]) => runs.reduce((a, b) => (b.requests / b.seconds > a.requests / a.seconds ? b : a));
  const rpc = best(rpcRuns);
  const base = best(bareRuns);

  const rate = (r: LoadResult) => Math.round(r.requests / r.seconds);
  // Requests per second of server-thread busy time: steadier than wall-clock rates on a shared machine.
  const perBusy = (r: LoadResult) => Math.round(r.requests / (r.seconds * Math.max(r.serverBusy, 1e-6)));
  const ctx = (r: LoadResult, runs: LoadResult[]) => ({
    concurrency: CONCURRENCY,
    seconds: r.seconds,
    requests: r.requests,
    errors: r.errors,
    p50Ms: r.p50,
    p99Ms: r.p99,
    serverBusy: r.serverBusy,
    perServerBusySecond: perBusy(r),
    rounds: runs.map(rate),
  });
  return [
    { name: 'rpc.requests_per_s', value: rate(rpc), unit: 'req/s', method: 'chain_getHead', ...ctx(rpc, rpcRuns) },
    { name: 'rpc.bare_fastify_requests_per_s', value: rate(base), unit: 'req/s', ...ctx(base, bareRuns), rpcRatio: +(rate(rpc) / rate(base)).toFixed(3) },
  ];
}
