/**
 * A Stratum v1 miner for tests and benchmarks that follows the wire format byte for byte as stock
 * miner software reads it (shared/reference/mining.md, from pooler/cpuminer), written from that
 * description and not from the pool's code:
 * - sends `mining.subscribe` and takes the very next line as its reply (a notification there is a
 *   protocol violation); then `mining.authorize`;
 * - checks every server line: one JSON object per line; replies carry `id` and a `result` key,
 *   errors are [code, message, null]; notify has prevhash of 64 hex, version, nbits and ntime of
 *   exactly 8 hex, merkle entries of 64 hex, clean_jobs a boolean; set_difficulty a positive number;
 * - builds coinbase = coinb1 | extranonce1 | extranonce2 | coinb2, root = sha256d(coinbase) folded
 *   with the branch, header = LE32(version) | prevhash word-unswapped | root | LE32(ntime) |
 *   LE32(nbits) | LE32(nonce), and scans nonces with the SHA-256d kernel against
 *   diff1 / difficulty (the difficulty applies from the next notify, as cpuminer does);
 * - submits [user, job_id, extranonce2, ntime, nonce], extranonce2 a little-endian counter reset
 *   on each new job id, ntime the job's own.
 * Violations are collected in `violations` (tests assert there are none).
 */
import { connect, type Socket } from 'node:net';
import { EventEmitter } from 'node:events';
import { sha256d } from '../crypto/hash.js';
import { scanNonces } from '../miner/kernel.js';

/** diff1 = 0xFFFF x 2^208. */
const DIFF1 = 0xffffn << 208n;

/** A job as the miner keeps it. */
export interface MinerJob {
  readonly id: string;
  readonly prevhash: string;
  readonly coinb1: string;
  readonly coinb2: string;
  readonly branch: readonly string[];
  readonly version: string;
  readonly nbits: string;
  readonly ntime: string;
  readonly clean: boolean;
  /** Difficulty in force for this job (the last set_difficulty before its notify). */
  readonly difficulty: number;
}

/** Options of a test miner. */
export interface StratumMinerOptions {
  readonly port: number;
  readonly host?: string;
  /** `address.worker`. */
  readonly user: string;
  readonly password?: string;
  readonly userAgent?: string;
  /** Nonces per kernel call before yielding to the event loop (default 65536). */
  readonly chunk?: number;
  /** Pause between chunks in ms (throttles the hashrate; default 0). */
  readonly pauseMs?: number;
  /** Do not mine, only connect and follow jobs (connection tests). */
  readonly idle?: boolean;
}

/** Reply of a request. */
interface Reply {
  readonly result: unknown;
  readonly error: unknown;
}

/** The share target for a (float) difficulty, exactly: diff = m x 2^e, target = diff1 x 2^-e / m. */
export function targetForDifficulty(diff: number): bigint {
  if (!(diff > 0) || !Number.isFinite(diff)) throw new RangeError('difficulty must be a positive number');
  let e = 0;
  let m = diff;
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  while (m > Number.MAX_SAFE_INTEGER) {
    m /= 2;
    e++;
  }
  const M = BigInt(m);
  return e <= 0 ? (DIFF1 << BigInt(-e)) / M : DIFF1 / (M << BigInt(e));
}

function targetBytes(t: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = t > (1n << 256n) - 1n ? (1n << 256n) - 1n : t;
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Compact bits (8 hex, big-endian) to a target. */
export function bitsToTarget(nbits: string): bigint {
  const b = Number.parseInt(nbits, 16);
  const exp = b >>> 24;
  const mant = BigInt(b & 0x007fffff);
  return exp <= 3 ? mant >> BigInt(8 * (3 - exp)) : mant << BigInt(8 * (exp - 3));
}

const HEX64 = /^[0-9a-f]{64}$/;
const HEX8 = /^[0-9a-f]{8}$/;

/** A test miner. */
export class StratumMiner extends EventEmitter<{ job: [MinerJob]; accepted: [string]; rejected: [string, unknown]; difficulty: [number]; line: [string] }> {
  readonly violations: string[] = [];
  readonly difficulties: number[] = [];
  readonly jobs: MinerJob[] = [];
  accepted = 0;
  rejected = 0;
  readonly rejectCodes: number[] = [];
  /** Shares whose hash met the network target of their job. */
  blockCandidates = 0;
  hashes = 0;
  extranonce1 = '';
  extranonce2Size = 0;
  private socket: Socket | undefined;
  private buf = '';
  private nextId = 1;
  private readonly pending = new Map<number, (r: Reply) => void>();
  private awaitingSubscribe: ((line: string) => void) | undefined;
  private difficulty = 1;
  private current: MinerJob | undefined;
  private en2 = 0;
  private nonce = 0;
  private running = false;
  private closed = false;
  private subscribedRef = false;

  constructor(readonly o: StratumMinerOptions) {
    super();
  }

  /** The job being mined. */
  get job(): MinerJob | undefined {
    return this.current;
  }

  /** True once the connection closed. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Connects, subscribes and authorizes; resolves with the authorize result. */
  async start(): Promise<boolean> {
    const socket = connect({ host: this.o.host ?? '127.0.0.1', port: this.o.port });
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (s: string) => this.onData(s));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.running = false;
      for (const f of this.pending.values()) f({ result: null, error: 'closed' });
      this.pending.clear();
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const subLine = await new Promise<string>((resolve) => {
      this.awaitingSubscribe = resolve;
      this.writeRaw(`{"id": ${this.nextId++}, "method": "mining.subscribe", "params": [${JSON.stringify(this.o.userAgent ?? 'coinworks-test-miner/1')}]}\n`);
    });
    this.checkSubscribeReply(subLine);
    const auth = await this.request('mining.authorize', [this.o.user, this.o.password ?? 'x']);
    if (auth.result !== true) return false;
    if (!this.o.idle) this.running = true;
    if (this.running) void this.mineLoop();
    return true;
  }

  /** Stops mining and closes the connection. */
  stop(): void {
    this.running = false;
    this.socket?.destroy();
  }

  /** Sends a request and resolves with its reply. */
  request(method: string, params: unknown[]): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      if (this.closed) return resolve({ result: null, error: 'closed' });
      this.pending.set(id, resolve);
      this.writeRaw(JSON.stringify({ id, method, params }) + '\n');
    });
  }

  /** Writes raw bytes (abuse tests). */
  writeRaw(s: string | Buffer): void {
    if (!this.closed) this.socket?.write(s);
  }

  private checkSubscribeReply(line: string): void {
    let msg: { id?: unknown; result?: unknown; error?: unknown; method?: unknown };
    try {
      msg = JSON.parse(line);
    } catch {
      this.violations.push(`subscribe reply is not JSON: ${line}`);
      return;
    }
    if (msg.method !== undefined) this.violations.push(`the line after mining.subscribe is a ${String(msg.method)} notification, not the reply`);
    if (!('result' in msg)) this.violations.push('subscribe reply has no result key');
    const r = msg.result as unknown[];
    if (!Array.isArray(r) || r.length !== 3) {
      this.violations.push(`subscribe result is not [subscriptions, extranonce1, size]: ${line}`);
      return;
    }
    const subs = r[0] as unknown[];
    if (!Array.isArray(subs) || !subs.some((s) => Array.isArray(s) && s[0] === 'mining.notify')) this.violations.push('subscribe result lacks the mining.notify subscription');
    if (typeof r[1] !== 'string' || !/^([0-9a-f]{2})+$/.test(r[1])) this.violations.push(`extranonce1 is not hex: ${String(r[1])}`);
    if (!Number.isInteger(r[2]) || (r[2] as number) < 1 || (r[2] as number) > 100) this.violations.push(`extranonce2 size ${String(r[2])} is outside 1..100`);
    this.extranonce1 = String(r[1]);
    this.extranonce2Size = Number(r[2]);
    this.subscribedRef = true;
  }

  private onData(s: string): void {
    this.buf += s;
    let i;
    while ((i = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, i);
      this.buf = this.buf.slice(i + 1);
      this.emit('line', line);
      if (this.awaitingSubscribe) {
        const f = this.awaitingSubscribe;
        this.awaitingSubscribe = undefined;
        f(line);
        continue;
      }
      this.onLine(line);
    }
  }

  private onLine(line: string): void {
    let msg: { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: unknown };
    try {
      msg = JSON.parse(line);
    } catch {
      this.violations.push(`line is not JSON: ${line.slice(0, 200)}`);
      return;
    }
    if (typeof msg.method === 'string') return this.onNotification(msg.method, msg.params);
    if (!('result' in msg)) this.violations.push(`reply without a result key: ${line.slice(0, 200)}`);
    if (!('id' in msg) || msg.id === null) this.violations.push(`reply without an id: ${line.slice(0, 200)}`);
    if (msg.error !== null && msg.error !== undefined) {
      const e = msg.error as unknown[];
      if (!Array.isArray(e) || e.length !== 3 || typeof e[0] !== 'number' || typeof e[1] !== 'string' || e[2] !== null) this.violations.push(`error is not [code, message, null]: ${JSON.stringify(msg.error)}`);
    }
    const f = this.pending.get(msg.id as number);
    if (f) {
      this.pending.delete(msg.id as number);
      f({ result: msg.result, error: msg.error ?? null });
    }
  }

  private onNotification(method: string, params: unknown): void {
    if (!this.subscribedRef) this.violations.push(`${method} before the subscribe reply`);
    if (method === 'mining.set_difficulty') {
      const d = Array.isArray(params) ? params[0] : undefined;
      if (typeof d !== 'number' || !(d > 0)) this.violations.push(`set_difficulty ${JSON.stringify(params)} is not a positive number`);
      else {
        this.difficulty = d;
        this.difficulties.push(d);
        this.emit('difficulty', d);
      }
      return;
    }
    if (method === 'mining.notify') {
      const p = params as unknown[];
      if (!Array.isArray(p) || p.length !== 9) return void this.violations.push(`notify has ${Array.isArray(p) ? p.length : 'no'} params`);
      const [id, prevhash, coinb1, coinb2, branch, version, nbits, ntime, clean] = p;
      if (typeof id !== 'string' || id === '') this.violations.push('notify job_id is not a string');
      if (typeof prevhash !== 'string' || !HEX64.test(prevhash)) this.violations.push(`notify prevhash ${String(prevhash)} is not 64 hex`);
      if (typeof coinb1 !== 'string' || !/^([0-9a-f]{2})*$/.test(coinb1)) this.violations.push('coinb1 is not hex');
      if (typeof coinb2 !== 'string' || !/^([0-9a-f]{2})+$/.test(coinb2)) this.violations.push('coinb2 is not hex');
      if (!Array.isArray(branch) || !branch.every((b) => typeof b === 'string' && HEX64.test(b))) this.violations.push('merkle branch entries are not 64 hex');
      for (const [n, v] of [['version', version], ['nbits', nbits], ['ntime', ntime]] as const) if (typeof v !== 'string' || !HEX8.test(v)) this.violations.push(`notify ${n} ${String(v)} is not exactly 8 hex`);
      if (typeof clean !== 'boolean') this.violations.push('clean_jobs is not a JSON boolean');
      const job: MinerJob = { id: id as string, prevhash: prevhash as string, coinb1: coinb1 as string, coinb2: coinb2 as string, branch: branch as string[], version: version as string, nbits: nbits as string, ntime: ntime as string, clean: clean === true, difficulty: this.difficulty };
      this.jobs.push(job);
      if (this.current?.id !== job.id) {
        this.current = job;
        this.en2 = 0;
        this.nonce = 0;
      }
      this.emit('job', job);
      return;
    }
    if (method === 'client.reconnect' || method === 'client.show_message' || method === 'client.get_version') return;
    this.violations.push(`unexpected notification ${method}`);
  }

  /** The 80-byte header of `job` for extranonce2 `en2` (hex) and nonce 0. */
  header(job: MinerJob, en2: string): Buffer {
    const cb = Buffer.from(job.coinb1 + this.extranonce1 + en2 + job.coinb2, 'hex');
    let root = sha256d(cb);
    for (const b of job.branch) root = sha256d(Buffer.concat([root, Buffer.from(b, 'hex')]));
    const prev = Buffer.from(job.prevhash, 'hex');
    for (let i = 0; i < 32; i += 4) prev.subarray(i, i + 4).reverse();
    const le = (h: string) => Buffer.from(h, 'hex').reverse();
    return Buffer.concat([le(job.version), prev, Buffer.from(root), le(job.ntime), le(job.nbits), Buffer.alloc(4)]);
  }

  /** The extranonce2 of counter `n`: little-endian, the subscribed size, hex. */
  en2Hex(n: number): string {
    const b = Buffer.alloc(this.extranonce2Size);
    b.writeUIntLE(n % 2 ** Math.min(48, 8 * this.extranonce2Size), 0, Math.min(6, this.extranonce2Size));
    return b.toString('hex');
  }

  private async mineLoop(): Promise<void> {
    const chunk = this.o.chunk ?? 65536;
    while (this.running) {
      const job = this.current;
      if (!job) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      const en2 = this.en2Hex(this.en2);
      const header = this.header(job, en2);
      const shareTarget = targetForDifficulty(job.difficulty);
      const netTarget = bitsToTarget(job.nbits);
      const t = targetBytes(shareTarget);
      const r = scanNonces(header, t, this.nonce, Math.min(chunk, 2 ** 32 - this.nonce));
      this.hashes += r.hashes;
      if (r.found) {
        header.writeUInt32LE(r.nonce, 76);
        const h = sha256d(header);
        let v = 0n;
        for (let i = 31; i >= 0; i--) v = (v << 8n) | BigInt(h[i]);
        if (v <= netTarget) this.blockCandidates++;
        void this.submit(job, en2, r.nonce);
        this.nonce = r.nonce + 1;
      } else this.nonce += r.hashes;
      if (this.nonce >= 2 ** 32) {
        this.nonce = 0;
        this.en2++;
      }
      await new Promise((resolve) => (this.o.pauseMs ? setTimeout(resolve, this.o.pauseMs) : setImmediate(resolve)));
    }
  }

  /** Submits a share. */
  async submit(job: MinerJob, en2: string, nonce: number, ntime: string = job.ntime): Promise<Reply> {
    const r = await this.request('mining.submit', [this.o.user, job.id, en2, ntime, (nonce >>> 0).toString(16).padStart(8, '0')]);
    if (r.result === true) {
      this.accepted++;
      this.emit('accepted', job.id);
    } else {
      this.rejected++;
      const code = Array.isArray(r.error) ? (r.error[0] as number) : -1;
      this.rejectCodes.push(code);
      this.emit('rejected', job.id, r.error);
    }
    return r;
  }
}
