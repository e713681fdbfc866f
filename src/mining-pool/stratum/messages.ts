/**
 * Stratum v1 messages as stock miner software reads them (mining.md, read in pooler/cpuminer):
 * - every reply carries the request's `id`, a `result` key (null on error) and an `error` key
 *   (null, or `[code, message, null]`: 20 other, 21 job not found / stale, 22 duplicate,
 *   23 low difficulty, 24 unauthorized worker, 25 not subscribed);
 * - `mining.notify` sends prevhash as the header's internal bytes with each 4-byte word
 *   byte-swapped, and version, nbits and ntime as exactly 8 hex characters (the uint32 big-endian,
 *   leading zeros kept); clean_jobs is a JSON boolean.
 */

/** Standard mining.submit / Stratum error codes. */
export const StratumCode = {
  other: 20,
  jobNotFound: 21,
  duplicate: 22,
  lowDifficulty: 23,
  unauthorized: 24,
  notSubscribed: 25,
} as const;

/** One of the standard codes. */
export type StratumCodeValue = (typeof StratumCode)[keyof typeof StratumCode];

/** A Stratum error: `[code, message, null]` on the wire. */
export class StratumReject {
  constructor(
    readonly code: StratumCodeValue,
    readonly message: string,
  ) {}

  /** The wire form. */
  toWire(): [number, string, null] {
    return [this.code, this.message, null];
  }
}

/** A request as it arrived: id (any JSON value, kept as is), method and params. */
export interface StratumRequest {
  readonly id: unknown;
  readonly method: string;
  readonly params: unknown[];
}

/** Parses one line; a string says why it is not a request (the caller answers with id null). */
export function parseRequest(line: string): StratumRequest | { readonly invalid: string; readonly id: unknown } {
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch {
    return { invalid: 'not JSON', id: null };
  }
  if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) return { invalid: 'not a JSON object', id: null };
  const o = msg as Record<string, unknown>;
  const id = o.id === undefined ? null : o.id;
  if (typeof o.method !== 'string') return { invalid: 'no method', id };
  const params = o.params === undefined || o.params === null ? [] : o.params;
  if (!Array.isArray(params)) return { invalid: 'params must be an array', id };
  return { id, method: o.method, params };
}

/** The reply line to a request (newline included). */
export function replyLine(id: unknown, result: unknown, error: StratumReject | null = null): string {
  return JSON.stringify({ id: id ?? null, result: error ? null : result, error: error ? error.toWire() : null }) + '\n';
}

/** A notification line from the server (newline included; id null, as pools send them). */
export function notificationLine(method: string, params: unknown[]): string {
  return JSON.stringify({ id: null, method, params }) + '\n';
}

/** A uint32 as Stratum sends version, nbits, ntime and nonce: exactly 8 hex digits, big-endian. */
export function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** Reads an 8-hex-digit big-endian uint32 (either case); undefined for any other form. */
export function parseHex8(s: unknown): number | undefined {
  if (typeof s !== 'string' || s.length !== 8 || !/^[0-9a-fA-F]{8}$/.test(s)) return undefined;
  return Number.parseInt(s, 16) >>> 0;
}

/** mining.notify prevhash: the 32 internal-order bytes with each 4-byte word byte-swapped, hex. */
export function stratumPrevhash(internal: Uint8Array): string {
  const b = Buffer.from(internal);
  for (let i = 0; i < 32; i += 4) b.subarray(i, i + 4).reverse();
  return b.toString('hex');
}

/** The mining.notify params of one job. */
export interface NotifyParams {
  readonly jobId: string;
  readonly prevhash: string;
  readonly coinb1: string;
  readonly coinb2: string;
  readonly merkleBranch: readonly string[];
  readonly version: string;
  readonly nbits: string;
  readonly ntime: string;
}

/** The params array of mining.notify, in wire order. */
export function notifyArray(p: NotifyParams, cleanJobs: boolean): unknown[] {
  return [p.jobId, p.prevhash, p.coinb1, p.coinb2, p.merkleBranch, p.version, p.nbits, p.ntime, cleanJobs === true];
}
