/**
 * Share checks, in the order pools apply them (mining.md "Share checks"):
 *   1. the job is known (else 21 "job not found") and not stale (21 "stale": another tip, or too old);
 *   2. extranonce2 is exactly the subscribed size, in hex (20);
 *   3. ntime is 8 hex digits within [job ntime, min(job ntime + MAX_NTIME_ROLL, the engine's
 *      future-drift limit)] (20), so a share that is a block is a VALID block under rolled time:
 *      job ntime is never below the engine's minChildTime, the upper bound is its maxTime;
 *   4. nonce is 8 hex digits (20);
 *   5. not a duplicate: extranonce1 | extranonce2 | ntime | nonce, hex lower-cased, per job (22);
 *   6. sha256d(header) <= the share target of the difficulty the job was sent at (23).
 * A share whose hash also meets the network target is a block; `blockOf` rebuilds it exactly.
 * Hashing: the coinbase and merkle fold with crypto/hash, the header with the native SHA-256d
 * kernel (src/miner/kernel.ts), asked whether nonce..nonce+1 meets each target.
 */
import { sha256d } from '../crypto/hash.js';
import { templateToBlock } from '../chain/assembler.js';
import type { Block } from '../primitives/block.js';
import type { ConsensusEngine } from '../consensus/engine.js';
import { scanNonces, targetToBytes } from '../miner/kernel.js';
import { shareTarget, shareWeight } from './difficulty.js';
import type { Job, JobLookup } from './jobs.js';
import { parseHex8, StratumCode, StratumReject } from './stratum/messages.js';

/** Most seconds a miner may roll ntime past the job's (ckpool's 7000 s); the engine's drift limit applies too. */
export const MAX_NTIME_ROLL = 7000;

/** A submitted share's raw fields (mining.submit params 1-4). */
export interface SubmitFields {
  readonly jobId: unknown;
  readonly extranonce2: unknown;
  readonly ntime: unknown;
  readonly nonce: unknown;
}

/** An accepted share. */
export interface AcceptedShare {
  readonly ok: true;
  readonly job: Job;
  /** Difficulty exponent it was checked and is credited at. */
  readonly exp: number;
  readonly weight: bigint;
  readonly extranonce2: Buffer;
  readonly ntime: number;
  readonly nonce: number;
  /** True when the hash also meets the network target. */
  readonly isBlock: boolean;
}

/** What a refused share counts as (for ban ratios and stats). */
export type RejectKind = 'stale' | 'duplicate' | 'low-difficulty' | 'invalid';

/** A refused share. */
export interface RejectedShare {
  readonly ok: false;
  readonly kind: RejectKind;
  readonly reject: StratumReject;
}

/** Result of a share check. */
export type ShareResult = AcceptedShare | RejectedShare;

const HEX = /^[0-9a-fA-F]*$/;

function refuse(kind: RejectKind, code: StratumReject['code'], message: string): RejectedShare {
  return { ok: false, kind, reject: new StratumReject(code, message) };
}

/** Everything a share check needs besides the submission. */
export interface ShareCheckContext {
  readonly lookup: (jobId: string) => JobLookup;
  /** The difficulty exponent this connection was sent `jobId` at (undefined: never sent to it). */
  readonly expOf: (jobId: string) => number | undefined;
  readonly extranonce1: Buffer;
  readonly extranonce2Bytes: number;
  readonly engine: ConsensusEngine;
  /** Local clock in seconds. */
  readonly now: number;
}

const targetCache = new Map<number, Uint8Array>();
function shareTargetBytes(exp: number): Uint8Array {
  let t = targetCache.get(exp);
  if (!t) targetCache.set(exp, (t = targetToBytes(shareTarget(exp))));
  return t;
}
const netTargetCache = new WeakMap<Job, Uint8Array>();
function netTargetBytes(job: Job): Uint8Array {
  let t = netTargetCache.get(job);
  if (!t) netTargetCache.set(job, (t = targetToBytes(job.netTarget)));
  return t;
}

/** The 80-byte header a share hashes. */
export function shareHeader(job: Job, extranonce1: Buffer, extranonce2: Buffer, ntime: number, nonce: number): Buffer {
  const cb = Buffer.concat([job.coinb1, extranonce1, extranonce2, job.coinb2]);
  let root = sha256d(cb);
  if (job.branch.length > 0) {
    const pair = new Uint8Array(64);
    for (const b of job.branch) {
      pair.set(root, 0);
      pair.set(b, 32);
      root = sha256d(pair);
    }
  }
  const header = Buffer.from(job.headerBase);
  header.set(root, 36);
  header.writeUInt32LE(ntime >>> 0, 68);
  header.writeUInt32LE(nonce >>> 0, 76);
  return header;
}

/** Checks one submission (rules in the file comment). */
export function checkShare(s: SubmitFields, c: ShareCheckContext): ShareResult {
  if (typeof s.jobId !== 'string' || s.jobId.length === 0 || s.jobId.length > 64) return refuse('invalid', StratumCode.jobNotFound, 'Job not found');
  const found = c.lookup(s.jobId);
  if ('stale' in found) return refuse('stale', StratumCode.jobNotFound, 'Stale job');
  if ('unknown' in found) return refuse('stale', StratumCode.jobNotFound, 'Job not found');
  const { job } = found;
  const exp = c.expOf(s.jobId);
  if (exp === undefined) return refuse('stale', StratumCode.jobNotFound, 'Job not found');

  const en2 = s.extranonce2;
  if (typeof en2 !== 'string' || en2.length !== 2 * c.extranonce2Bytes || !HEX.test(en2)) {
    return refuse('invalid', StratumCode.other, `Incorrect size of extranonce2 (expected ${c.extranonce2Bytes} bytes)`);
  }
  const ntime = parseHex8(s.ntime);
  if (ntime === undefined) return refuse('invalid', StratumCode.other, 'ntime must be 8 hex digits');
  const maxTime = Math.min(job.ntime + MAX_NTIME_ROLL, c.engine.maxTime(c.now));
  if (ntime < job.ntime || ntime > maxTime) return refuse('invalid', StratumCode.other, 'ntime out of range');
  const nonce = parseHex8(s.nonce);
  if (nonce === undefined) return refuse('invalid', StratumCode.other, 'nonce must be 8 hex digits');

  const key = `${c.extranonce1.toString('hex')}${en2.toLowerCase()}${(s.ntime as string).toLowerCase()}${(s.nonce as string).toLowerCase()}`;
  if (job.seen.has(key)) return refuse('duplicate', StratumCode.duplicate, 'Duplicate share');
  job.seen.add(key);

  const extranonce2 = Buffer.from(en2, 'hex');
  const header = shareHeader(job, c.extranonce1, extranonce2, ntime, nonce);
  if (!scanNonces(header, shareTargetBytes(exp), nonce, 1).found) return refuse('low-difficulty', StratumCode.lowDifficulty, 'Low difficulty share');
  const isBlock = scanNonces(header, netTargetBytes(job), nonce, 1).found;
  return { ok: true, job, exp, weight: shareWeight(exp), extranonce2, ntime, nonce, isBlock };
}

/** The block an accepted share solves (the template with the miner's extranonce, time and nonce). */
export function blockOf(share: AcceptedShare, extranonce1: Buffer): Block {
  return templateToBlock(share.job.template, new Uint8Array(Buffer.concat([extranonce1, share.extranonce2])), share.nonce, share.ntime);
}
