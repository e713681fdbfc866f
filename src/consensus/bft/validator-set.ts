/**
 * The validator set of one height and CometBFT's weighted round-robin proposer selection
 * (cometbft `types/validator_set.go`), with voting power and priorities in bigint.
 *
 * A `ValidatorSet` holds the priorities at the START of its height, before that height's first
 * proposer step. Then:
 * - proposer(h, 0) is the proposer chosen by `IncrementProposerPriority(1)` on a copy (CometBFT
 *   stores that copy as `state.Validators`), and proposer(h, r) for r > 0 by a further
 *   `IncrementProposerPriority(r)` on that copy, as CometBFT's `enterNewRound` does from round 0.
 *   Computing every round from round 0 (not from whatever round a node was in) keeps the choice
 *   identical on nodes that skipped rounds differently.
 * - the set of the next height is `advanced()` (one proposer step) with the updates that took
 *   effect applied (`withUpdates`), which is CometBFT's `NextValidators` bookkeeping.
 *
 * Order: validators are sorted by power (descending), then address (ascending), as CometBFT's
 * `ValidatorsByVotingPower`; a vote's `validatorIndex` is a position in this order.
 * Browser-safe (no node: imports): a light client uses it with `verifyCommit`.
 */
import { addressOfPublicKey } from '../../crypto/address.js';
import { bytesToHex } from '../../encoding/hex.js';
import { BftError } from './errors.js';

/** Largest total voting power, CometBFT's MaxTotalVotingPower (int64 max / 8), so sets stay portable. */
export const MAX_TOTAL_POWER = ((1n << 63n) - 1n) / 8n;
/** Most validators in one set (votes carry a u16 index). */
export const MAX_VALIDATORS = 10_000;
/** CometBFT's PriorityWindowSizeFactor: priorities are rescaled to stay within 2 x total power. */
const PRIORITY_WINDOW_FACTOR = 2n;

/** One validator of a set. */
export interface Validator {
  /** 20-byte address: first 20 bytes of SHA-256(publicKey), as account addresses. */
  readonly address: Uint8Array;
  /** 33-byte compressed secp256k1 consensus key. */
  readonly publicKey: Uint8Array;
  /** Voting power (> 0). */
  readonly power: bigint;
  /** Proposer priority at the start of the height. */
  readonly priority: bigint;
}

/** A change to the set: a new validator, a new power for an existing one, or power 0 to remove it. */
export interface ValidatorUpdate {
  readonly publicKey: Uint8Array;
  readonly power: bigint;
}

/** A validator as stored by whoever persists sets (the state): key, power and priority. */
export interface StoredValidator {
  readonly publicKey: Uint8Array;
  readonly power: bigint;
  readonly priority: bigint;
}

/** Lower address first; the tie-break of proposer selection and of the set order. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Floor division (Go's big.Int Div, Euclidean for a positive divisor), used for the average priority. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && a < 0n) ? q - 1n : q;
}

/** Working copy of priorities for the selection steps. */
interface Slot {
  v: Validator;
  priority: bigint;
}

function byPowerThenAddress(a: Validator, b: Validator): number {
  if (a.power !== b.power) return a.power > b.power ? -1 : 1;
  return compareBytes(a.address, b.address);
}

function sumPower(vals: readonly { power: bigint }[]): bigint {
  let t = 0n;
  for (const v of vals) t += v.power;
  return t;
}

/**
 * CometBFT `IncrementProposerPriority(times)` over working slots: (1) rescale when max - min
 * exceeds 2P (divide by ceil(diff / 2P), truncating like Go), (2) subtract the floor average,
 * then `times` times: (3) add each power, (4) pick the highest priority, lower address on ties,
 * (5) subtract P from it. Returns the last proposer picked.
 */
function incrementPriorities(slots: Slot[], total: bigint, times: number): Validator {
  rescale(slots, PRIORITY_WINDOW_FACTOR * total);
  centre(slots);
  if (times < 1 || slots.length === 0) throw new RangeError('incrementPriorities: needs times >= 1 and a non-empty set');
  let proposer = slots[0];
  for (let t = 0; t < times; t++) {
    for (const s of slots) s.priority += s.v.power;
    proposer = slots[0];
    for (const s of slots) {
      if (s.priority > proposer.priority || (s.priority === proposer.priority && compareBytes(s.v.address, proposer.v.address) < 0)) proposer = s;
    }
    proposer.priority -= total;
  }
  return proposer.v;
}

/** Step 1: keep max - min priority within `window` (CometBFT RescalePriorities). */
function rescale(slots: Slot[], window: bigint): void {
  if (window <= 0n || slots.length === 0) return;
  let max = slots[0].priority;
  let min = slots[0].priority;
  for (const s of slots) {
    if (s.priority > max) max = s.priority;
    if (s.priority < min) min = s.priority;
  }
  const diff = max - min;
  if (diff > window) {
    const ratio = (diff + window - 1n) / window;
    // bigint division truncates toward zero, as Go's int64 `/=`.
    for (const s of slots) s.priority /= ratio;
  }
}

/** Step 2: subtract the (floor) average priority from every validator (CometBFT shiftByAvgProposerPriority). */
function centre(slots: Slot[]): void {
  if (slots.length === 0) return;
  let sum = 0n;
  for (const s of slots) sum += s.priority;
  const avg = floorDiv(sum, BigInt(slots.length));
  for (const s of slots) s.priority -= avg;
}

/** An immutable validator set for one height. */
export class ValidatorSet {
  /** Validators in set order (power descending, address ascending). */
  readonly validators: readonly Validator[];
  /** Sum of voting power. */
  readonly totalPower: bigint;
  private readonly index = new Map<string, number>();
  private firstProposerSlots: Slot[] | null = null;
  private readonly proposers = new Map<number, Validator>();

  private constructor(validators: Validator[]) {
    this.validators = Object.freeze(validators);
    this.totalPower = sumPower(validators);
    validators.forEach((v, i) => this.index.set(bytesToHex(v.address), i));
  }

  /** The genesis set: every validator is new (priority -1.125 P), then rescaled and centred. */
  static genesis(validators: readonly ValidatorUpdate[]): ValidatorSet {
    if (validators.length === 0) throw new BftError('BFT_BAD_VALIDATOR_UPDATE', 'a genesis validator set cannot be empty');
    for (const v of validators) if (v.power <= 0n) throw new BftError('BFT_BAD_VALIDATOR_UPDATE', 'genesis validators need power > 0');
    return new ValidatorSet([]).withUpdates(validators);
  }

  /** Rebuilds a set from stored keys, powers and priorities (for example read back from state). */
  static fromStored(validators: readonly StoredValidator[]): ValidatorSet {
    if (validators.length === 0 || validators.length > MAX_VALIDATORS) throw new BftError('BFT_BAD_VALIDATOR_UPDATE', `a validator set holds 1..${MAX_VALIDATORS} validators`);
    const vals = validators.map((v) => makeValidator(v.publicKey, v.power, v.priority));
    checkDistinct(vals);
    for (const v of vals) if (v.power <= 0n) throw new BftError('BFT_BAD_VALIDATOR_UPDATE', 'stored validators need power > 0');
    if (sumPower(vals) > MAX_TOTAL_POWER) throw new BftError('BFT_BAD_VALIDATOR_UPDATE', 'total voting power exceeds the maximum');
    return new ValidatorSet(vals.sort(byPowerThenAddress));
  }

  /** Number of validators. */
  get size(): number {
    return this.validators.length;
  }

  /** Position of an address in the set, or -1. */
  indexOf(address: Uint8Array): number {
    return this.index.get(bytesToHex(address)) ?? -1;
  }

  /** The validator at a position, or undefined. */
  at(index: number): Validator | undefined {
    return this.validators[index];
  }

  /** True when `power` is more than two thirds of the total (3 x power > 2 x total): a quorum. */
  hasQuorum(power: bigint): boolean {
    return 3n * power > 2n * this.totalPower;
  }

  /** True when `power` is more than one third of the total: at least one honest validator (f + 1). */
  hasOneThird(power: bigint): boolean {
    return 3n * power > this.totalPower;
  }

  /** The proposer of round `round` at this set's height. */
  proposer(round: number): Validator {
    if (!Number.isInteger(round) || round < 0) throw new RangeError(`proposer: bad round ${round}`);
    const hit = this.proposers.get(round);
    if (hit) return hit;
    // Round 0: IncrementProposerPriority(1) on a copy; round r: a further IncrementProposerPriority(r).
    if (this.firstProposerSlots === null) {
      const slots = this.slots();
      this.proposers.set(0, incrementPriorities(slots, this.totalPower, 1));
      this.firstProposerSlots = slots;
      if (round === 0) return this.proposers.get(0)!;
    }
    const slots = this.firstProposerSlots.map((s) => ({ ...s }));
    const p = incrementPriorities(slots, this.totalPower, round);
    if (this.proposers.size < 1024) this.proposers.set(round, p);
    return p;
  }

  /** The set one proposer step later, with no membership change (the next height's starting point). */
  advanced(): ValidatorSet {
    const slots = this.slots();
    incrementPriorities(slots, this.totalPower, 1);
    return new ValidatorSet(slots.map((s) => ({ ...s.v, priority: s.priority })));
  }

  /** The set of the following height: one proposer step, then `updates` applied. */
  next(updates: readonly ValidatorUpdate[] = []): ValidatorSet {
    return this.advanced().withUpdates(updates);
  }

  /**
   * Applies updates as CometBFT's `updateWithChangeSet`: no duplicates, powers >= 0, removals of
   * members only, a non-empty result; new validators start at -(P' + P' >> 3) = -1.125 P', where P'
   * is the total after updates and before removals (so leaving and re-joining cannot reset a low
   * priority); then rescale and centre. No updates: the same set.
   */
  withUpdates(updates: readonly ValidatorUpdate[]): ValidatorSet {
    if (updates.length === 0) return this;
    const seen = new Set<string>();
    const changes: Array<{ address: Uint8Array; publicKey: Uint8Array; power: bigint }> = [];
    for (const u of updates) {
      if (!(u.publicKey instanceof Uint8Array) || u.publicKey.length !== 33) throw new BftError('BFT_BAD_VALIDATOR_UPDATE', 'a validator key is 33 bytes');
      if (typeof u.power !== 'bigint' || u.power < 0n) throw new BftError('BFT_BAD_VALIDATOR_UPDATE', 'voting power must be a bigint >= 0');
      const address = addressOfPublicKey(u.publicKey);
      const key = bytesToHex(address);
      if (seen.has(key)) throw new BftError('BFT_BAD_VALIDATOR_UPDATE', `duplicate update for validator ${key}`);
      seen.add(key);
      changes.push({ address, publicKey: u.publicKey, power: u.power });
    }
    const current = new Map<string, Validator>(this.validators.map((v) => [bytesToHex(v.address), v]));
    let removed = 0n;
    let afterUpdatesBeforeRemovals = this.totalPower;
    for (const c of changes) {
      const old = current.get(bytesToHex(c.address));
      if (c.power === 0n) {
        if (!old) throw new BftError('BFT_BAD_VALIDATOR_UPDATE', `cannot remove ${bytesToHex(c.address)}: not in the set`);
        removed += old.power;
      } else {
        afterUpdatesBeforeRemovals += c.power - (old?.power ?? 0n);
      }
    }
    if (afterUpdatesBeforeRemovals - removed > MAX_TOTAL_POWER) throw new BftError('BFT_BAD_VALIDATOR_UPDATE', 'total voting power exceeds the maximum');
    const newPriority = -(afterUpdatesBeforeRemovals + (afterUpdatesBeforeRemovals >> 3n));
    for (const c of changes) {
      const key = bytesToHex(c.address);
      const old = current.get(key);
      if (c.power === 0n) current.delete(key);
      else if (old) current.set(key, { ...old, power: c.power });
      else current.set(key, makeValidator(c.publicKey, c.power, newPriority));
    }
    const vals = [...current.values()];
    if (vals.length === 0) throw new BftError('BFT_BAD_VALIDATOR_UPDATE', 'the update would leave the validator set empty');
    if (vals.length > MAX_VALIDATORS) throw new BftError('BFT_BAD_VALIDATOR_UPDATE', `more than ${MAX_VALIDATORS} validators`);
    const total = sumPower(vals);
    const slots = vals.map((v) => ({ v, priority: v.priority }));
    rescale(slots, PRIORITY_WINDOW_FACTOR * total);
    centre(slots);
    return new ValidatorSet(slots.map((s) => ({ ...s.v, priority: s.priority })).sort(byPowerThenAddress));
  }

  /** Keys, powers and priorities in set order, for persisting. */
  toStored(): StoredValidator[] {
    return this.validators.map((v) => ({ publicKey: v.publicKey, power: v.power, priority: v.priority }));
  }

  private slots(): Slot[] {
    return this.validators.map((v) => ({ v, priority: v.priority }));
  }
}

function makeValidator(publicKey: Uint8Array, power: bigint, priority: bigint): Validator {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 33) throw new BftError('BFT_BAD_VALIDATOR_UPDATE', 'a validator key is 33 bytes');
  return Object.freeze({ address: addressOfPublicKey(publicKey), publicKey: Uint8Array.from(publicKey), power, priority });
}

function checkDistinct(vals: readonly Validator[]): void {
  const seen = new Set<string>();
  for (const v of vals) {
    const k = bytesToHex(v.address);
    if (seen.has(k)) throw new BftError('BFT_BAD_VALIDATOR_UPDATE', `validator ${k} appears twice`);
    seen.add(k);
  }
}
