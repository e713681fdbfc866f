/**
 * The Stratum v1 TCP server: accepts miner connections (per-IP and total caps, bans), gives each a
 * unique extranonce1, broadcasts every new job (clean_jobs on a tip change), runs vardiff and the
 * idle and handshake timeouts from one sweep timer (cheap with thousands of connections), and
 * hands submissions to the share handler. Nothing a client sends can throw out of here: a client
 * is at worst disconnected, and the node and other miners keep going.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Job, JobManager } from '../jobs.js';
import { MiningPoolError } from '../errors.js';
import type { VardiffOptions } from '../vardiff.js';
import { StratumConnection, type AuthorizedWorker, type ConnectionHost } from './connection.js';
import { resolveStratumLimits, type StratumLimits } from './limits.js';
import { notificationLine, notifyArray, type StratumReject } from './messages.js';

/** What the server does with a submission (checks, ledger, blocks). */
export interface SubmitHandler {
  submit(conn: StratumConnection, worker: AuthorizedWorker, params: unknown[]): Promise<true | StratumReject> | true | StratumReject;
}

/** Minimal logger. */
export interface StratumLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

/** Options of the Stratum server. */
export interface StratumServerOptions {
  readonly host?: string;
  /** Port (0: any free one). */
  readonly port: number;
  readonly jobs: JobManager;
  readonly handler: SubmitHandler;
  /** Start difficulty exponent of a new connection. */
  readonly startExp: number;
  readonly vardiff?: VardiffOptions;
  /** Highest difficulty exponent worth sending (below the network's). */
  readonly capExp: () => number;
  readonly limits?: Partial<StratumLimits>;
  readonly log?: StratumLog;
  readonly nowMs?: () => number;
}

/** Events of the server. */
export interface StratumServerEvents {
  authorized: [StratumConnection, AuthorizedWorker];
  disconnected: [StratumConnection, string];
  banned: [string, string];
}

/** The Stratum v1 server. */
export class StratumServer extends EventEmitter<StratumServerEvents> implements ConnectionHost {
  readonly limits: StratumLimits;
  private server: Server | undefined;
  private readonly conns = new Set<StratumConnection>();
  private readonly perIp = new Map<string, number>();
  private readonly bans = new Map<string, number>();
  private readonly extranonces = new Set<string>();
  private nextExtranonce = randomBytes(4).readUInt32BE(0);
  private nextId = 1;
  private sweepTimer: NodeJS.Timeout | undefined;
  private notifyCache: { job: Job; clean: boolean; line: string } | undefined;
  private readonly onJob = (job: Job, clean: boolean) => this.broadcast(job, clean);
  private portRef = 0;
  /** Counters for stats. */
  readonly counters = { refused: 0, banned: 0, closedAbuse: 0 };

  constructor(private readonly o: StratumServerOptions) {
    super();
    this.limits = resolveStratumLimits(o.limits);
  }

  /** The port listened on. */
  get port(): number {
    return this.portRef;
  }

  /** Open connections. */
  get connections(): number {
    return this.conns.size;
  }

  /** Connections with an authorized worker. */
  authorizedConnections(): StratumConnection[] {
    return [...this.conns].filter((c) => c.isAuthorized);
  }

  /** Local clock in ms. */
  nowMs(): number {
    return (this.o.nowMs ?? Date.now)();
  }

  /** Starts listening. */
  async listen(): Promise<number> {
    const server = createServer({ noDelay: true, keepAlive: true }, (s) => this.accept(s));
    server.maxConnections = this.limits.maxConnections + 64;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e) => reject(new MiningPoolError('MINING_POOL_LISTEN_FAILED', `cannot listen for Stratum on ${this.o.host ?? '127.0.0.1'}:${this.o.port}: ${(e as Error).message}`, { code: (e as NodeJS.ErrnoException).code })));
      server.listen({ host: this.o.host ?? '127.0.0.1', port: this.o.port, backlog: 2048 }, () => resolve());
    });
    server.on('error', (e) => this.o.log?.warn({ err: (e as Error).message }, 'stratum server error'));
    this.server = server;
    this.portRef = (server.address() as AddressInfo).port;
    this.o.jobs.on('job', this.onJob);
    this.sweepTimer = setInterval(() => this.sweep(), 1000);
    this.sweepTimer.unref();
    return this.portRef;
  }

  /** Closes every connection and stops listening. */
  async close(): Promise<void> {
    this.o.jobs.off('job', this.onJob);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    for (const c of [...this.conns]) c.close('server stopping');
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    const ip = normaliseIp(socket.remoteAddress ?? '');
    const refuse = (why: string) => {
      this.counters.refused++;
      this.o.log?.debug?.({ ip, why }, 'stratum connection refused');
      socket.destroy();
    };
    socket.on('error', () => undefined);
    const bannedUntil = this.bans.get(ip);
    if (bannedUntil !== undefined) {
      if (bannedUntil > this.nowMs()) return refuse('banned');
      this.bans.delete(ip);
    }
    if (this.conns.size >= this.limits.maxConnections) return refuse('server full');
    const n = this.perIp.get(ip) ?? 0;
    if (n >= this.limits.maxConnectionsPerIp) return refuse('too many connections from this address');
    this.perIp.set(ip, n + 1);
    const conn = new StratumConnection(socket, this, {
      id: this.nextId++,
      ip,
      extranonce1: this.takeExtranonce(),
      extranonce2Bytes: this.o.jobs.extranonce2Bytes,
      startExp: this.o.startExp,
      ...(this.o.vardiff ? { vardiff: this.o.vardiff } : {}),
    });
    this.conns.add(conn);
  }

  /** A fresh extranonce1, unique among open connections. */
  private takeExtranonce(): Buffer {
    for (;;) {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(this.nextExtranonce >>> 0, 0);
      this.nextExtranonce = (this.nextExtranonce + 1) >>> 0;
      const k = b.toString('hex');
      if (!this.extranonces.has(k)) {
        this.extranonces.add(k);
        return b;
      }
    }
  }

  // ---- ConnectionHost ------------------------------------------------------------------------------

  /** The newest job. */
  currentJob(): Job | undefined {
    return this.o.jobs.current;
  }

  /** Same work, new id. */
  reissue(job: Job): Job {
    return this.o.jobs.reissue(job);
  }

  /** The notify line of a job, built once per job for every connection. */
  notifyLine(job: Job, clean: boolean): string {
    const c = this.notifyCache;
    if (c && c.job === job && c.clean === clean) return c.line;
    const line = notificationLine('mining.notify', notifyArray(job.notify, clean));
    this.notifyCache = { job, clean, line };
    return line;
  }

  /** Highest difficulty exponent worth sending. */
  capExp(): number {
    return this.o.capExp();
  }

  /** Hands a submission to the share handler. */
  submit(conn: StratumConnection, worker: AuthorizedWorker, params: unknown[]): Promise<true | StratumReject> | true | StratumReject {
    return this.o.handler.submit(conn, worker, params);
  }

  /** A worker was authorized. */
  authorized(conn: StratumConnection, worker: AuthorizedWorker): void {
    this.emit('authorized', conn, worker);
  }

  /** Forgets a closed connection. */
  closed(conn: StratumConnection, reason: string): void {
    if (!this.conns.delete(conn)) return;
    this.extranonces.delete(conn.extranonce1.toString('hex'));
    const n = (this.perIp.get(conn.ip) ?? 1) - 1;
    if (n <= 0) this.perIp.delete(conn.ip);
    else this.perIp.set(conn.ip, n);
    if (!/^(closed by peer|server stopping)$/.test(reason)) this.counters.closedAbuse++;
    this.o.log?.debug?.({ conn: conn.id, ip: conn.ip, reason }, 'stratum connection closed');
    this.emit('disconnected', conn, reason);
  }

  /** Bans an IP: the offending connection is closed, new ones are refused for `banSeconds`. */
  ban(conn: StratumConnection, reason: string): void {
    this.bans.set(conn.ip, this.nowMs() + this.limits.banSeconds * 1000);
    this.counters.banned++;
    this.o.log?.warn({ ip: conn.ip, reason, seconds: this.limits.banSeconds }, 'stratum client banned');
    this.emit('banned', conn.ip, reason);
    conn.close(`banned: ${reason}`);
  }

  /** True while `ip` is banned. */
  isBanned(ip: string): boolean {
    const until = this.bans.get(normaliseIp(ip));
    return until !== undefined && until > this.nowMs();
  }

  private broadcast(job: Job, clean: boolean): void {
    for (const c of this.conns) if (c.isAuthorized) c.sendWork(clean, job);
  }

  /** Timeouts and vardiff checks for every connection. */
  private sweep(): void {
    const now = this.nowMs();
    const { handshakeSeconds, idleSeconds } = this.limits;
    const cap = this.o.capExp();
    for (const c of [...this.conns]) {
      if (!c.isAuthorized && now - c.connectedMs > handshakeSeconds * 1000) c.close('no authorize in time');
      else if (now - c.lastMessageMs > idleSeconds * 1000) c.close('idle');
      else if (c.isAuthorized) c.retarget(c.vardiff.tick(now, cap));
    }
  }
}

/** `::ffff:1.2.3.4` as `1.2.3.4`. */
function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
