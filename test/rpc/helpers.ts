/** Shared fixture of the RPC tests: a test chain with a few blocks, a real mempool, a fake miner, a server on port 0. */
import WebSocket from 'ws';
import { createTestChain, mineBlock, transfer, type TestChain } from '../../src/testing/chain.js';
import { Mempool } from '../../src/mempool/mempool.js';
import { createRpcServer, type RpcServer, type RpcServerOptions } from '../../src/rpc/server.js';
import type { MinerControl, RpcLog, RpcNetwork } from '../../src/rpc/context.js';
import { COOKIE_USER, type RpcAuth } from '../../src/rpc/auth.js';

/** The credentials every fixture's server accepts (as the node's cookie would hold them). */
export const TEST_AUTH: RpcAuth = { user: COOKIE_USER, secret: 'f'.repeat(64) };
/** The Authorization header of TEST_AUTH. */
export const TEST_AUTH_HEADER = `Basic ${Buffer.from(`${TEST_AUTH.user}:${TEST_AUTH.secret}`).toString('base64')}`;

/** A miner that only records calls (the real one is tested in test/miner). */
export class FakeMiner implements MinerControl {
  running = false;
  threads = 1;
  calls: string[] = [];
  status() {
    return { running: this.running, threads: this.threads, hashrate: this.running ? 1234 : 0, kernel: 'fake' };
  }
  async start(threads?: number) {
    this.calls.push(`start:${threads ?? ''}`);
    if (threads !== undefined) this.threads = threads;
    this.running = true;
  }
  async stop() {
    this.calls.push('stop');
    this.running = false;
  }
}

/** A running server over a test chain. */
export interface Fixture {
  readonly tc: TestChain;
  readonly mempool: Mempool;
  readonly miner: FakeMiner;
  readonly server: RpcServer;
  /** Full JSON-RPC response of one request (sent with the fixture's auth cookie). */
  rpc(method: string, params?: unknown): Promise<any>;
  /** Result of a call (sent with the fixture's auth cookie); throws with the error object otherwise. */
  call(method: string, params?: unknown): Promise<any>;
  /** Raw POST. */
  post(body: string, headers?: Record<string, string>): Promise<{ status: number; text: string; json: any }>;
  /** Mines a block with everything in the mempool. */
  mine(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a chain (3 blocks: two with transfers) and a server on an ephemeral port. */
export async function startFixture(opts: RpcServerOptions & { log?: RpcLog; network?: RpcNetwork } = {}): Promise<Fixture> {
  const tc = await createTestChain();
  const [a, b, c] = tc.keys;
  await mineBlock(tc, { txs: [transfer(tc.chain, a, b.address, 1000n, 0n)] });
  await mineBlock(tc, { txs: [transfer(tc.chain, b, c.address, 500n, 0n, { maxTipPerGas: 5n })] });
  await mineBlock(tc);
  const mempool = new Mempool(tc.chain);
  const miner = new FakeMiner();
  const { log, network, ...serverOpts } = opts;
  const server = await createRpcServer({ chain: tc.chain, mempool, miner, ...(log ? { log } : {}), ...(network ? { network } : {}) }, { port: 0, auth: TEST_AUTH, ...serverOpts });
  let nextId = 1;
  const post = async (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
    const res = await fetch(server.url, { method: 'POST', headers, body });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  };
  const rpc = async (method: string, params?: unknown) => {
    const req: Record<string, unknown> = { jsonrpc: '2.0', id: nextId++, method };
    if (params !== undefined) req.params = params;
    return (await post(JSON.stringify(req), { 'content-type': 'application/json', authorization: TEST_AUTH_HEADER })).json;
  };
  return {
    tc,
    mempool,
    miner,
    server,
    rpc,
    post,
    async call(method, params) {
      const r = await rpc(method, params);
      if (r.error) throw Object.assign(new Error(`${method}: ${r.error.message}`), { rpc: r.error });
      return r.result;
    },
    async mine() {
      await mineBlock(tc, { txs: mempool.select({ maxGas: tc.params.fees.blockGasLimit }) });
    },
    async close() {
      await server.close();
      mempool.dispose();
    },
  };
}

/** A WebSocket test client with a message queue. */
export interface WsClient {
  readonly ws: WebSocket;
  send(v: unknown): void;
  /** Next message (parsed), waiting up to `ms`. */
  next(ms?: number): Promise<any>;
  /** Sends a request and waits for the response with its id (notifications received meanwhile are kept). */
  request(method: string, params?: unknown): Promise<any>;
  /** Resolves when the socket closes, with its code. */
  closed: Promise<number>;
  close(): void;
}

let wsIds = 1000;

/** Opens a WebSocket to the server and waits until it is open (or closed). */
export async function openWs(server: RpcServer): Promise<WsClient> {
  const ws = new WebSocket(server.wsUrl);
  const queue: any[] = [];
  const waiters: Array<(m: any) => void> = [];
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    const w = waiters.shift();
    if (w) w(m);
    else queue.push(m);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('error', () => undefined);
  await new Promise<void>((resolve) => {
    ws.once('open', () => resolve());
    ws.once('close', () => resolve());
  });
  const next = (ms = 5000) =>
    new Promise<any>((resolve, reject) => {
      if (queue.length) return resolve(queue.shift());
      const t = setTimeout(() => {
        const i = waiters.indexOf(done);
        if (i >= 0) waiters.splice(i, 1);
        reject(new Error('timed out waiting for a WebSocket message'));
      }, ms);
      const done = (m: any) => {
        clearTimeout(t);
        resolve(m);
      };
      waiters.push(done);
    });
  const held: any[] = [];
  return {
    ws,
    closed,
    send: (v) => ws.send(typeof v === 'string' ? v : JSON.stringify(v)),
    next: async (ms) => (held.length ? held.shift() : next(ms)),
    async request(method, params) {
      const id = wsIds++;
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }));
      for (;;) {
        const m = await next();
        if (m.id === id) return m;
        held.push(m);
      }
    },
    close: () => ws.close(),
  };
}
