/**
 * One Stratum v1 miner connection: the protocol as stock miners speak it (mining.md) and the
 * per-connection protections.
 *
 * - mining.subscribe is answered on the very next line, and nothing (no set_difficulty, no notify)
 *   is ever sent before it: cpuminer reads exactly one line after subscribing and takes it as the
 *   reply. The reply is [[["mining.set_difficulty", id], ["mining.notify", id]], extranonce1, size].
 * - mining.authorize ["address.worker", password] answers true, then (for the first worker)
 *   set_difficulty and the current job; payouts go to the address.
 * - every reply carries the request id and a `result` key; errors are [code, message, null].
 * - unknown methods are answered (error 20), never by dropping the connection; a malformed line is
 *   answered too, until `maxMalformed` of them.
 * - replies go out in request order, although an accepted share waits for its durable write.
 */
import type { Socket } from 'node:net';
import { decodeAddress } from '../../crypto/address.js';
import { expAtMost } from '../difficulty.js';
import type { Job } from '../jobs.js';
import type { RejectKind } from '../shares.js';
import { Vardiff } from '../vardiff.js';
import type { StratumLimits } from './limits.js';
import { LineSplitter } from './lines.js';
import { notificationLine, notifyArray, parseRequest, replyLine, StratumCode, StratumReject, type StratumRequest } from './messages.js';

/** An authorized worker of a connection. */
export interface AuthorizedWorker {
  /** The name as the miner sent it (`address.worker`). */
  readonly name: string;
  readonly address: Uint8Array;
  readonly addressText: string;
  /** The part after the address ("default" when none). */
  readonly worker: string;
}

/** What a connection needs from its server. */
export interface ConnectionHost {
  readonly limits: StratumLimits;
  nowMs(): number;
  currentJob(): Job | undefined;
  /** Re-issues work under a new job id (after a difficulty change). */
  reissue(job: Job): Job;
  /** The notify line of a job (built once per job for every connection). */
  notifyLine(job: Job, clean: boolean): string;
  /** Highest share difficulty exponent worth sending (below the network's). */
  capExp(): number;
  /** Checks and records a submission; resolves to the reply's result or a rejection. */
  submit(conn: StratumConnection, worker: AuthorizedWorker, params: unknown[]): Promise<true | StratumReject> | true | StratumReject;
  /** A connection's first worker was authorized (for worker stats). */
  authorized(conn: StratumConnection, worker: AuthorizedWorker): void;
  /** Closes and forgets a connection; `reason` is logged. */
  closed(conn: StratumConnection, reason: string): void;
  /** Bans the connection's IP (too many invalid shares). */
  ban(conn: StratumConnection, reason: string): void;
}

/** Options of one connection. */
export interface ConnectionOptions {
  readonly id: number;
  readonly ip: string;
  readonly extranonce1: Buffer;
  readonly extranonce2Bytes: number;
  readonly startExp: number;
  readonly vardiff?: ConstructorParameters<typeof Vardiff>[2];
}

/** Parses `address.worker` (the worker part optional, at most 64 characters of [A-Za-z0-9_-]). */
export function parseWorkerName(name: unknown): Omit<AuthorizedWorker, 'name'> | undefined {
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) return undefined;
  const dot = name.indexOf('.');
  const addressText = (dot < 0 ? name : name.slice(0, dot)).toLowerCase();
  const worker = dot < 0 ? 'default' : name.slice(dot + 1);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(worker)) return undefined;
  try {
    return { address: decodeAddress(addressText), addressText, worker };
  } catch {
    return undefined;
  }
}

type OutItem = { line: string | null };

/** One miner connection. */
export class StratumConnection {
  readonly id: number;
  readonly ip: string;
  readonly extranonce1: Buffer;
  readonly extranonce2Bytes: number;
  readonly vardiff: Vardiff;
  readonly connectedMs: number;
  subscribed = false;
  userAgent = '';
  readonly workers = new Map<string, AuthorizedWorker>();
  /** Difficulty exponent each job id was sent at (shares are checked and credited at it). */
  readonly jobExp = new Map<string, number>();
  lastJob: Job | undefined;
  lastMessageMs: number;
  /** Submissions and invalid ones since the last judgement (ban ratio). */
  submitted = 0;
  invalid = 0;
  accepted = 0;
  rejected = 0;
  private malformed = 0;
  private tokens: number;
  private tokensAtMs: number;
  private pendingSubmits = 0;
  private paused = false;
  private readonly out: OutItem[] = [];
  private readonly splitter: LineSplitter;
  private closedRef = false;
  private sentDiffExp: number | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly host: ConnectionHost,
    o: ConnectionOptions,
  ) {
    this.id = o.id;
    this.ip = o.ip;
    this.extranonce1 = o.extranonce1;
    this.extranonce2Bytes = o.extranonce2Bytes;
    const now = host.nowMs();
    this.connectedMs = this.lastMessageMs = this.tokensAtMs = now;
    this.tokens = host.limits.messageBurst;
    this.vardiff = new Vardiff(o.startExp, now, o.vardiff);
    this.splitter = new LineSplitter(host.limits.maxLineBytes);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.close('socket error'));
    socket.on('close', () => this.close('closed by peer'));
    socket.on('drain', () => undefined);
  }

  /** True once closed. */
  get isClosed(): boolean {
    return this.closedRef;
  }

  /** True once a worker is authorized. */
  get isAuthorized(): boolean {
    return this.workers.size > 0;
  }

  /** Difficulty exponent now in force. */
  get exp(): number {
    return this.vardiff.exp;
  }

  /** Closes the connection (idempotent). */
  close(reason: string): void {
    if (this.closedRef) return;
    this.closedRef = true;
    this.socket.destroy();
    this.host.closed(this, reason);
  }

  private onData(chunk: Buffer): void {
    if (this.closedRef) return;
    const { lines, overflow } = this.splitter.feed(chunk);
    for (const line of lines) {
      if (this.closedRef) return;
      this.onLine(line);
    }
    if (overflow && !this.closedRef) this.close(`line longer than ${this.host.limits.maxLineBytes} bytes`);
  }

  private takeToken(): boolean {
    const { messagesPerSecond, messageBurst } = this.host.limits;
    const now = this.host.nowMs();
    this.tokens = Math.min(messageBurst, this.tokens + ((now - this.tokensAtMs) / 1000) * messagesPerSecond);
    this.tokensAtMs = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private onLine(line: string): void {
    if (line.trim() === '') return;
    if (!this.takeToken()) {
      this.close('message flood');
      return;
    }
    const req = parseRequest(line);
    if ('invalid' in req) {
      // A reply (to client.get_version and the like) has no method: nothing to answer.
      if (req.invalid === 'no method' && /"result"/.test(line)) return;
      if (++this.malformed > this.host.limits.maxMalformed) {
        this.close('too many malformed lines');
        return;
      }
      this.send(replyLine(req.id, null, new StratumReject(StratumCode.other, `Malformed request: ${req.invalid}`)));
      return;
    }
    this.lastMessageMs = this.host.nowMs();
    this.handle(req);
  }

  private handle(req: StratumRequest): void {
    switch (req.method) {
      case 'mining.subscribe':
        return this.onSubscribe(req);
      case 'mining.authorize':
        return this.onAuthorize(req);
      case 'mining.submit':
        return this.onSubmit(req);
      case 'mining.suggest_difficulty':
        return this.onSuggestDifficulty(req);
      case 'mining.configure': {
        // No extension is supported (version rolling would change the header's version): say so.
        const exts = Array.isArray(req.params[0]) ? (req.params[0] as unknown[]).filter((x): x is string => typeof x === 'string') : [];
        return this.send(replyLine(req.id, Object.fromEntries(exts.slice(0, 16).map((e) => [e, false]))));
      }
      case 'mining.extranonce.subscribe':
        // Extranonce1 never changes during a connection.
        return this.send(replyLine(req.id, false));
      case 'mining.get_transactions':
        return this.send(replyLine(req.id, null, new StratumReject(StratumCode.other, 'Not supported')));
      default:
        return this.send(replyLine(req.id, null, new StratumReject(StratumCode.other, `Unknown method ${req.method.slice(0, 64)}`)));
    }
  }

  private onSubscribe(req: StratumRequest): void {
    if (typeof req.params[0] === 'string') this.userAgent = req.params[0].slice(0, 128);
    this.subscribed = true;
    const sid = this.extranonce1.toString('hex');
    this.send(replyLine(req.id, [[['mining.set_difficulty', sid], ['mining.notify', sid]], sid, this.extranonce2Bytes]));
  }

  private onAuthorize(req: StratumRequest): void {
    if (!this.subscribed) return this.send(replyLine(req.id, null, new StratumReject(StratumCode.notSubscribed, 'Not subscribed')));
    const name = req.params[0];
    const parsed = parseWorkerName(name);
    if (!parsed) return this.send(replyLine(req.id, null, new StratumReject(StratumCode.unauthorized, 'Worker name must be <address>.<worker> with a cw1 address')));
    const full = name as string;
    if (!this.workers.has(full) && this.workers.size >= this.host.limits.maxWorkersPerConnection) {
      return this.send(replyLine(req.id, null, new StratumReject(StratumCode.unauthorized, 'Too many workers on this connection')));
    }
    const first = this.workers.size === 0;
    const w: AuthorizedWorker = { name: full, ...parsed };
    this.workers.set(full, w);
    this.send(replyLine(req.id, true));
    this.host.authorized(this, w);
    if (first) this.sendWork(true);
  }

  private onSuggestDifficulty(req: StratumRequest): void {
    const d = req.params[0];
    if (typeof d !== 'number' || !Number.isFinite(d) || d <= 0) return this.send(replyLine(req.id, null, new StratumReject(StratumCode.other, 'Difficulty must be a positive number')));
    this.send(replyLine(req.id, true));
    const changed = this.vardiff.suggest(expAtMost(d), this.host.nowMs());
    if (changed !== undefined && this.isAuthorized) this.sendWork(false);
  }

  private onSubmit(req: StratumRequest): void {
    if (!this.subscribed) return this.send(replyLine(req.id, null, new StratumReject(StratumCode.notSubscribed, 'Not subscribed')));
    const worker = typeof req.params[0] === 'string' ? this.workers.get(req.params[0]) : undefined;
    if (!worker) return this.send(replyLine(req.id, null, new StratumReject(StratumCode.unauthorized, 'Unauthorized worker')));
    const r = this.host.submit(this, worker, req.params);
    if (!(r instanceof Promise)) return this.send(replyLine(req.id, r === true ? true : null, r === true ? null : r));
    // Ordered: later replies wait behind this one; reading pauses when too many are waiting.
    const slot: OutItem = { line: null };
    this.out.push(slot);
    this.pendingSubmits++;
    if (this.pendingSubmits >= this.host.limits.maxPendingSubmits && !this.paused) {
      this.paused = true;
      this.socket.pause();
    }
    r.then(
      (v) => {
        slot.line = replyLine(req.id, v === true ? true : null, v === true ? null : v);
      },
      () => {
        slot.line = replyLine(req.id, null, new StratumReject(StratumCode.other, 'Internal error'));
      },
    ).finally(() => {
      this.pendingSubmits--;
      if (this.paused && this.pendingSubmits < this.host.limits.maxPendingSubmits / 2) {
        this.paused = false;
        if (!this.closedRef) this.socket.resume();
      }
      this.flushOut();
    });
  }

  /** Counts a judged submission; bans the IP past the invalid ratio. */
  countShare(kind: RejectKind | 'accepted'): void {
    const { banMinShares, banInvalidRatio } = this.host.limits;
    this.submitted++;
    if (kind === 'accepted') this.accepted++;
    else this.rejected++;
    if (kind !== 'accepted' && kind !== 'stale') this.invalid++;
    if (this.submitted >= banMinShares) {
      if (this.invalid / this.submitted > banInvalidRatio) this.host.ban(this, `${this.invalid} of ${this.submitted} shares invalid`);
      this.submitted = 0;
      this.invalid = 0;
    }
  }

  /** Sends a line (after the replies still waiting); a client that stops reading is dropped. */
  send(line: string): void {
    if (this.closedRef) return;
    if (this.out.length > 0) {
      this.out.push({ line });
      return;
    }
    this.write(line);
  }

  private flushOut(): void {
    while (this.out.length > 0 && this.out[0].line !== null) this.write(this.out.shift()!.line!);
  }

  private write(line: string): void {
    if (this.closedRef) return;
    if (this.socket.writableLength + line.length > this.host.limits.maxWriteBufferBytes) {
      this.close('client does not read (write buffer full)');
      return;
    }
    this.socket.write(line);
  }

  /** Sends set_difficulty when it changed, then `job` (or the current one) with this connection's difficulty. */
  sendWork(clean: boolean, job: Job | undefined = this.host.currentJob()): void {
    if (!job || !this.isAuthorized || this.closedRef) return;
    const exp = this.vardiff.exp;
    if (this.sentDiffExp !== exp) {
      this.sentDiffExp = exp;
      this.send(notificationLine('mining.set_difficulty', [2 ** exp]));
      // A difficulty change applies at the next job id: re-issue the same work when it was already sent.
      if (this.jobExp.has(job.id)) job = this.host.reissue(job);
    }
    if (clean) this.jobExp.clear();
    else if (this.jobExp.size >= 32) this.jobExp.delete(this.jobExp.keys().next().value!);
    this.jobExp.set(job.id, exp);
    this.lastJob = job;
    this.send(this.host.notifyLine(job, clean));
  }

  /** Applies a vardiff decision: a new difficulty and a new job id for the same work. */
  retarget(exp: number | undefined): void {
    if (exp === undefined || !this.isAuthorized) return;
    this.sendWork(false);
  }

  /** The notify params of a job for this connection (tests). */
  static notifyParams(job: Job, clean: boolean): unknown[] {
    return notifyArray(job.notify, clean);
  }
}
