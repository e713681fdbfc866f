/**
 * A scripted harness for one BFT engine: the test plays the other validators by hand (signed
 * proposals and votes from fixture keys) and reads the engine's actions.
 */
import { BftEngine, type BftEngineOptions } from '../../../src/consensus/bft/engine.js';
import type { BftApplication, ConsensusSigner } from '../../../src/consensus/bft/app.js';
import type { BftAction, BftEvent, ResumePoint } from '../../../src/consensus/bft/engine-types.js';
import { DoubleSignGuard, MemorySignStateStore } from '../../../src/consensus/bft/signer.js';
import { TEST_TIMEOUTS } from '../../../src/consensus/bft/timeouts.js';
import type { ValidatorSet } from '../../../src/consensus/bft/validator-set.js';
import type { SignedVote, VoteType } from '../../../src/consensus/bft/messages.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { bytesToHex } from '../../../src/encoding/hex.js';
import { CHAIN_ID, keyAt, makeSet, proposal, vote } from './fixtures.js';

const enc = new TextEncoder();
/** Bytes of a labelled value. */
export const valueOf = (label: string): Uint8Array => enc.encode(label);
/** Id of a labelled value (what the test app's valueHash returns). */
export const idOf = (label: string): Uint8Array => sha256(valueOf(label));

/** The application of the harness: fixed set, labelled values, per-label verdicts. */
export class TestApp implements BftApplication {
  /** Verdict per label: true, false, or null (answer later). Default true. */
  readonly verdicts = new Map<string, boolean | null>();
  /** What proposeValue returns (null: answer later). */
  proposeLabel: ((h: bigint, r: number) => string | null) = (h, r) => `own-${h}-${r}`;
  validateCalls = 0;

  constructor(public set: ValidatorSet) {}
  validatorSet(): ValidatorSet {
    return this.set;
  }
  proposeValue(h: bigint, r: number): Uint8Array | null {
    const l = this.proposeLabel(h, r);
    return l === null ? null : valueOf(l);
  }
  validateValue(_h: bigint, value: Uint8Array): boolean | null {
    this.validateCalls++;
    const v = this.verdicts.get(new TextDecoder().decode(value));
    return v === undefined ? true : v;
  }
  valueHash(value: Uint8Array): Uint8Array {
    return sha256(value);
  }
}

/** Options of a harness. */
export interface HarnessOptions {
  n?: number;
  powers?: bigint[];
  /** Index of the engine's validator in the set; -1 for an observer. Default: the proposer of round 3. */
  me?: number;
  signer?: ConsensusSigner | null;
  engine?: (o: BftEngineOptions) => BftEngine;
  options?: Partial<BftEngineOptions>;
}

/** One engine under test and the other validators played by the test. */
export class Harness {
  readonly set: ValidatorSet;
  readonly app: TestApp;
  readonly engine: BftEngine;
  readonly me: number;
  readonly store = new MemorySignStateStore();
  readonly log: BftAction[] = [];
  height = 1n;

  constructor(o: HarnessOptions = {}) {
    this.set = makeSet(o.n ?? 4, o.powers);
    this.app = new TestApp(this.set);
    this.me = o.me ?? this.set.indexOf(this.set.proposer(3).address);
    const key = this.me >= 0 ? keyAt(this.set, this.me) : null;
    const signer =
      o.signer !== undefined ? o.signer : key ? new DoubleSignGuard({ chainId: CHAIN_ID, publicKey: key.publicKey, sign: key.sign, store: this.store }) : null;
    const opts: BftEngineOptions = { chainId: CHAIN_ID, app: this.app, signer, timeouts: TEST_TIMEOUTS, ...o.options };
    this.engine = o.engine ? o.engine(opts) : new BftEngine(opts);
  }

  /** Index of the proposer of `round`. */
  proposer(round: number): number {
    return this.set.indexOf(this.set.proposer(round).address);
  }

  /** Validators other than me, in index order. */
  others(): number[] {
    return this.set.validators.map((_, i) => i).filter((i) => i !== this.me);
  }

  send(e: BftEvent): BftAction[] {
    const out = this.engine.handle(e);
    this.log.push(...out);
    return out;
  }

  start(height = 1n, resume?: ResumePoint): BftAction[] {
    this.height = height;
    return this.send({ kind: 'startHeight', height, resume });
  }

  /** A proposal of `label` at `round` signed by that round's proposer (or `from`). */
  propose(round: number, label: string, polRound: number | null = null, from = this.proposer(round)): BftAction[] {
    return this.send({ kind: 'proposal', proposal: proposal(keyAt(this.set, from), this.height, round, idOf(label), polRound), value: valueOf(label) });
  }

  /** Votes of `type` at `round` for `label` (null: nil) from each of `from`. */
  votes(type: VoteType, round: number, label: string | null, from: number[]): BftAction[] {
    const out: BftAction[] = [];
    for (const i of from) out.push(...this.send({ kind: 'vote', vote: vote(this.set, i, type, this.height, round, label === null ? null : idOf(label)) }));
    return out;
  }

  signedVote(i: number, type: VoteType, round: number, label: string | null): SignedVote {
    return vote(this.set, i, type, this.height, round, label === null ? null : idOf(label));
  }

  timeout(step: 'propose' | 'prevote' | 'precommit' | 'commit', round: number): BftAction[] {
    return this.send({ kind: 'timeout', height: this.height, round, step });
  }
}

/** My broadcast votes in `actions`, as "type/round/label-id-prefix|nil". */
export function myVotes(actions: BftAction[]): Array<{ type: VoteType; round: number; block: string | null }> {
  return actions.flatMap((a) => (a.kind === 'broadcastVote' ? [{ type: a.vote.vote.type, round: a.vote.vote.round, block: a.vote.vote.blockHash ? bytesToHex(a.vote.vote.blockHash) : null }] : []));
}

/** Hex id of a label, to compare with `myVotes`. */
export const hexId = (label: string): string => bytesToHex(idOf(label));

/** The actions of one kind. */
export function ofKind<K extends BftAction['kind']>(actions: BftAction[], kind: K): Array<Extract<BftAction, { kind: K }>> {
  return actions.filter((a): a is Extract<BftAction, { kind: K }> => a.kind === kind);
}
