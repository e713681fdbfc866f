/**
 * Variable share difficulty for one worker connection (mining.md "Vardiff"): aim at one share
 * every `targetSeconds` (default 10 s). The observed rate is measured over a window that closes
 * after `windowShares` accepted shares (default 20) or `windowSeconds` (default 60 s), whichever
 * comes first; the difficulty then moves only when the rate is more than 2x off (hysteresis:
 * powers of two never oscillate around a rate between two steps), by the power of two nearest the
 * error, clamped to [min, max] (and below the network difficulty by the caller). A window with no
 * share at all lowers the difficulty 4x. A miner's mining.suggest_difficulty sets the difficulty
 * and becomes its floor.
 *
 * Difficulties are exponents: difficulty 2^exp (difficulty.ts explains why).
 */
import { MAX_DIFF_EXP, MIN_DIFF_EXP } from './difficulty.js';

/** Vardiff settings. */
export interface VardiffOptions {
  /** Seconds between shares to aim at (default 10). */
  readonly targetSeconds?: number;
  /** Shares that close a window (default 20). */
  readonly windowShares?: number;
  /** Seconds that close a window (default 60). */
  readonly windowSeconds?: number;
  /** Lowest exponent (default MIN_DIFF_EXP). */
  readonly minExp?: number;
  /** Highest exponent (default MAX_DIFF_EXP). */
  readonly maxExp?: number;
}

/** Default vardiff settings. */
export const VARDIFF_DEFAULTS: Required<VardiffOptions> = { targetSeconds: 10, windowShares: 20, windowSeconds: 60, minExp: MIN_DIFF_EXP, maxExp: MAX_DIFF_EXP };

/** The retarget state of one connection. */
export class Vardiff {
  private readonly o: Required<VardiffOptions>;
  private expRef: number;
  private floor: number;
  private windowStartMs: number;
  private shares = 0;

  constructor(startExp: number, nowMs: number, o: VardiffOptions = {}) {
    this.o = { ...VARDIFF_DEFAULTS, ...o };
    this.floor = this.o.minExp;
    this.expRef = this.clamp(startExp);
    this.windowStartMs = nowMs;
  }

  /** The current difficulty exponent. */
  get exp(): number {
    return this.expRef;
  }

  /** A miner's mining.suggest_difficulty (as an exponent): becomes the difficulty and its floor; returns the new exponent if it changed. */
  suggest(exp: number, nowMs: number): number | undefined {
    this.floor = Math.min(this.o.maxExp, Math.max(this.o.minExp, exp));
    return this.set(this.floor, nowMs);
  }

  /** Counts an accepted share; returns the new exponent when the window closed with a change. */
  onShare(nowMs: number, capExp = this.o.maxExp): number | undefined {
    this.shares++;
    if (this.shares >= this.o.windowShares || nowMs - this.windowStartMs >= this.o.windowSeconds * 1000) return this.retarget(nowMs, capExp);
    return undefined;
  }

  /** Periodic check (no share may arrive at all); returns the new exponent on a change. */
  tick(nowMs: number, capExp = this.o.maxExp): number | undefined {
    if (nowMs - this.windowStartMs >= this.o.windowSeconds * 1000) return this.retarget(nowMs, capExp);
    return undefined;
  }

  private retarget(nowMs: number, capExp: number): number | undefined {
    const seconds = Math.max(0.001, (nowMs - this.windowStartMs) / 1000);
    const shares = this.shares;
    this.windowStartMs = nowMs;
    this.shares = 0;
    let next: number;
    if (shares === 0) next = this.expRef - 2;
    else {
      // Share rate relative to the aim: > 1 means shares come too fast (raise the difficulty).
      const ratio = (shares / seconds) * this.o.targetSeconds;
      if (ratio <= 2 && ratio >= 0.5) next = this.expRef;
      else next = this.expRef + Math.round(Math.log2(ratio));
    }
    next = Math.min(next, capExp);
    return this.set(next, nowMs);
  }

  private set(exp: number, nowMs: number): number | undefined {
    const e = this.clamp(exp);
    if (e === this.expRef) return undefined;
    this.expRef = e;
    this.windowStartMs = nowMs;
    this.shares = 0;
    return e;
  }

  private clamp(exp: number): number {
    return Math.min(this.o.maxExp, Math.max(this.floor, this.o.minExp, Math.round(exp)));
  }
}
