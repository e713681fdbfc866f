/**
 * A deterministic in-process network of BFT validators: N instances of the real engine
 * (`consensus/bft/engine.ts`), each with its own application and double-sign guard, a virtual
 * clock that fires their timeouts, and a network with seeded delays (hence reordering), drops,
 * partitions that heal, periodic gossip of each node's current-height messages (CometBFT's gossip
 * routines, which is what recovers dropped messages), and catch-up: a node hearing from a peer at a
 * lower height sends it the decided block with its commit certificate. Byzantine nodes rewrite
 * their messages (`bft-sim-byzantine.ts`); honest nodes may be restarted (engine state lost, sign
 * state kept). Everything is driven by one seed: a run is reproducible from its config.
 *
 * Checks while running: no two honest nodes decide different values at one height (safety), every
 * honest decision is a valid value with a certificate that verifies against the set of its height,
 * evidence names only Byzantine validators. `live` says whether every honest node reached the
 * target height in time. Test-only.
 */
import { BftEngine, type BftEngineOptions } from '../consensus/bft/engine.js';
import type { BftAction, BftEvent } from '../consensus/bft/engine-types.js';
import { verifyCommit, type CommitCertificate } from '../consensus/bft/commit.js';
import { verifyDuplicateVoteEvidence, type DuplicateVoteEvidence } from '../consensus/bft/evidence.js';
import type { VerifyFn } from '../consensus/bft/messages.js';
import { DoubleSignGuard, MemorySignStateStore } from '../consensus/bft/signer.js';
import { TEST_TIMEOUTS, type BftTimeouts } from '../consensus/bft/timeouts.js';
import { ValidatorSet, type ValidatorUpdate } from '../consensus/bft/validator-set.js';
import { sha256 } from '../crypto/hash.js';
import { bytesToHex } from '../encoding/hex.js';
import { Adversary, RawSigner, type AdversaryMessage, type ByzantineConfig } from './bft-sim-byzantine.js';
import { SimApp, decodeSimValue, type SimAppHost } from './bft-sim-app.js';
import { testKey, type TestKey } from './keys.js';
import { mulberry32 } from './prng.js';
import { simCrypto, type SimCrypto, type SimCryptoKind } from './bft-sim-crypto.js';

/** Network behaviour. */
export interface SimNetwork {
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** Chance that one message to one peer is lost. */
  readonly dropRate: number;
  /** Period of each node's re-gossip of its current-height messages. */
  readonly gossipIntervalMs: number;
}

/** Nodes in different groups cannot reach each other during [fromMs, toMs). */
export interface SimPartition {
  readonly fromMs: number;
  readonly toMs: number;
  readonly groups: readonly (readonly number[])[];
}

/** Messages from `from` to `to` take `extraMs` longer during [fromMs, toMs) (an asymmetric slow link). */
export interface SimSlowLink {
  readonly from: number;
  readonly to: number;
  readonly extraMs: number;
  readonly fromMs: number;
  readonly toMs: number;
}

/** A scripted validator update: honest proposers include it in their value at `height`. */
export interface SimUpdate {
  readonly height: bigint;
  readonly node: number;
  readonly power: bigint;
}

/** One simulation. */
export interface SimConfig {
  readonly seed: number;
  /** Genesis power of each node (0n: the node starts as a follower outside the set). */
  readonly powers: readonly bigint[];
  /** Stop once every honest node has decided heights 1..heights. */
  readonly heights: number;
  /** Virtual time limit. Default 60 000 ms. */
  readonly maxTimeMs?: number;
  readonly timeouts?: BftTimeouts;
  readonly network?: Partial<SimNetwork>;
  readonly partitions?: readonly SimPartition[];
  readonly slowLinks?: readonly SimSlowLink[];
  readonly byzantine?: Readonly<Record<number, ByzantineConfig>>;
  readonly updates?: readonly SimUpdate[];
  /** Chance that a validation answers later (valueValidated after a delay). */
  readonly asyncValidationRate?: number;
  /** Honest nodes restarted at these times (engine state lost; chain and sign state kept). */
  readonly restarts?: ReadonlyArray<{ readonly node: number; readonly atMs: number }>;
  /** Restarted nodes also lose their sign state (what a validator without double-sign protection does). */
  readonly restartLosesSignState?: boolean;
  /** Builds each engine (tests pass deliberately broken subclasses here). */
  readonly engine?: (options: BftEngineOptions, node: number) => BftEngine;
  readonly chainId?: number;
  /** Signature scheme: real secp256k1 (default) or the fast keyed-hash stand-in for long sweeps. */
  readonly crypto?: SimCryptoKind;
}

/** A decision of one node. */
export interface SimDecision {
  readonly height: bigint;
  readonly round: number;
  readonly hash: string;
  readonly atMs: number;
  /** The node that proposed the decided value (from the value itself). */
  readonly proposer: number;
  readonly certificate: CommitCertificate;
}

/** Outcome of a run. */
export interface SimResult {
  readonly seed: number;
  readonly timeMs: number;
  /** Every honest node decided every target height. */
  readonly live: boolean;
  readonly violations: string[];
  /** Decisions per node. */
  readonly decisions: SimDecision[][];
  readonly evidence: Array<{ reporter: number; offender: number; height: bigint; type: string }>;
  readonly stats: { sent: number; delivered: number; dropped: number; maxRound: number; signRefused: number; rejected: number; restarts: number };
  /** SHA-256 of the ordered log of everything observable; equal seeds give equal traces. */
  readonly trace: string;
}

type WireMsg =
  | AdversaryMessage
  | { readonly kind: 'commit'; readonly certificate: CommitCertificate; readonly value: Uint8Array }
  | { readonly kind: 'want'; readonly height: bigint; readonly blockHash: Uint8Array }
  | { readonly kind: 'value'; readonly height: bigint; readonly value: Uint8Array }
  /** A node's height, gossiped periodically (CometBFT's NewRoundStep), so a silent laggard is noticed. */
  | { readonly kind: 'status'; readonly height: bigint };

const DEFAULT_NET: SimNetwork = { minDelayMs: 1, maxDelayMs: 10, dropRate: 0, gossipIntervalMs: 50 };

const keyCache: TestKey[] = [];
/** The i-th validator key of every simulation (derived once per process). */
function simKey(i: number): TestKey {
  return (keyCache[i] ??= testKey(i, 'bft sim'));
}

/** A min-heap of timed callbacks, ties broken by insertion order. */
class EventQueue {
  private heap: Array<{ at: number; seq: number; fn: () => void }> = [];
  private seq = 0;

  push(at: number, fn: () => void): void {
    const h = this.heap;
    h.push({ at, seq: this.seq++, fn });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(h[i], h[p])) {
        [h[i], h[p]] = [h[p], h[i]];
        i = p;
      } else break;
    }
  }

  pop(): { at: number; fn: () => void } | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }

  private less(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

interface SimNodeState {
  readonly index: number;
  readonly key: TestKey;
  readonly app: SimApp;
  /** The node's sign state (its durable storage: kept across restarts unless configured otherwise). */
  store: MemorySignStateStore;
  adversary: Adversary | null;
  readonly rawSigner: RawSigner | null;
  engine: BftEngine;
  epoch: number;
  readonly decided: Map<bigint, { value: Uint8Array; certificate: CommitCertificate; hash: string }>;
  readonly lastCatchUp: Map<string, number>;
}

/** Runs one seeded simulation to completion. */
export function runSimulation(config: SimConfig): SimResult {
  return new Simulation(config).run();
}

/** A simulation in progress (use `runSimulation`). */
export class Simulation {
  private readonly queue = new EventQueue();
  private now = 0;
  private readonly rnd: () => number;
  private readonly net: SimNetwork;
  private readonly chainId: number;
  private readonly timeouts: BftTimeouts;
  private readonly nodes: SimNodeState[] = [];
  private readonly keys: TestKey[];
  private readonly verify: VerifyFn;
  private readonly crypto: SimCrypto;
  private readonly violations: string[] = [];
  private readonly evidence: SimResult['evidence'] = [];
  private readonly decisions: SimDecision[][];
  private readonly firstDecision = new Map<bigint, { hash: string; node: number }>();
  private readonly log: string[] = [];
  private readonly stats = { sent: 0, delivered: 0, dropped: 0, maxRound: 0, signRefused: 0, rejected: 0, restarts: 0 };
  private readonly updatesByHeight = new Map<bigint, ValidatorUpdate[]>();

  constructor(private readonly config: SimConfig) {
    this.rnd = mulberry32(config.seed);
    this.net = { ...DEFAULT_NET, ...config.network };
    this.chainId = config.chainId ?? 9001;
    this.timeouts = config.timeouts ?? TEST_TIMEOUTS;
    this.keys = config.powers.map((_, i) => simKey(i));
    this.decisions = config.powers.map(() => []);
    this.crypto = simCrypto(config.crypto ?? 'secp256k1');
    this.verify = this.crypto.verify;
    for (const u of config.updates ?? []) {
      const list = this.updatesByHeight.get(u.height) ?? [];
      list.push({ publicKey: this.keys[u.node].publicKey, power: u.power });
      this.updatesByHeight.set(u.height, list);
    }
  }

  private isByzantine(i: number): boolean {
    return this.config.byzantine?.[i] !== undefined;
  }

  /** Runs to the target height or the time limit. */
  run(): SimResult {
    const genesis = ValidatorSet.genesis(
      this.config.powers.flatMap((p, i) => (p > 0n ? [{ publicKey: this.keys[i].publicKey, power: p }] : [])),
    );
    const host: SimAppHost = {
      updatesFor: (h) => this.updatesByHeight.get(h) ?? [],
      salt: (node, h, r) => sha256(new TextEncoder().encode(`${this.config.seed}/${node}/${h}/${r}`)).slice(0, 8),
      deferValidation: (node, h, blockHash, valid) => {
        const rate = this.config.asyncValidationRate ?? 0;
        if (rate <= 0 || this.rnd() >= rate) return false;
        const n = this.nodes[node];
        const epoch = n.epoch;
        this.at(this.now + 1 + Math.floor(this.rnd() * 20), () => {
          if (n.epoch === epoch) this.feed(n, { kind: 'valueValidated', height: h, blockHash, valid });
        });
        return true;
      },
    };
    for (let i = 0; i < this.config.powers.length; i++) {
      const key = this.keys[i];
      const byz = this.config.byzantine?.[i];
      const rawSigner = byz ? new RawSigner(this.chainId, key.publicKey, this.crypto.signer(key.secretKey, key.publicKey)) : null;
      const app = new SimApp(host, i, genesis);
      const node: SimNodeState = {
        index: i,
        key,
        app,
        store: new MemorySignStateStore(),
        rawSigner,
        adversary: null,
        engine: null as unknown as BftEngine,
        epoch: 0,
        decided: new Map(),
        lastCatchUp: new Map(),
      };
      if (byz) {
        node.adversary = new Adversary(
          {
            node: i,
            peers: () => this.nodes.map((n) => n.index).filter((j) => j !== i),
            rnd: this.rnd,
            signer: rawSigner!,
            send: (to, msg) => this.send(i, to, msg),
            knownBlocks: (h) => {
              const e = this.nodes[i].engine;
              if (e.status().height !== h) return [];
              return e.messages().proposals.map((p) => p.proposal.proposal.blockHash);
            },
          },
          byz,
        );
      }
      node.engine = this.makeEngine(node);
      this.nodes.push(node);
    }
    for (const n of this.nodes) {
      this.feed(n, { kind: 'startHeight', height: 1n });
      this.scheduleGossip(n, Math.floor(this.rnd() * this.net.gossipIntervalMs) + 1);
    }
    for (const r of this.config.restarts ?? []) this.at(r.atMs, () => this.restart(this.nodes[r.node]));

    const maxTime = this.config.maxTimeMs ?? 60_000;
    for (;;) {
      if (this.allDone()) break;
      const ev = this.queue.pop();
      if (!ev || ev.at > maxTime) break;
      this.now = ev.at;
      ev.fn();
    }
    const live = this.allDone();
    this.log.push(`end@${this.now} live=${live} ${JSON.stringify(this.stats)}`);
    return {
      seed: this.config.seed,
      timeMs: this.now,
      live,
      violations: this.violations,
      decisions: this.decisions,
      evidence: this.evidence,
      stats: { ...this.stats },
      trace: bytesToHex(sha256(new TextEncoder().encode(this.log.join('\n')))),
    };
  }

  private makeEngine(node: SimNodeState): BftEngine {
    const signer = node.rawSigner ?? this.guard(node);
    const options: BftEngineOptions = { chainId: this.chainId, app: node.app, signer, timeouts: this.timeouts, verify: this.verify };
    return this.config.engine ? this.config.engine(options, node.index) : new BftEngine(options);
  }

  private guard(node: SimNodeState): DoubleSignGuard {
    return new DoubleSignGuard({ chainId: this.chainId, publicKey: node.key.publicKey, sign: this.crypto.signer(node.key.secretKey, node.key.publicKey), store: node.store });
  }

  private allDone(): boolean {
    const target = BigInt(this.config.heights);
    return this.nodes.every((n) => this.isByzantine(n.index) || n.decided.has(target));
  }

  private at(time: number, fn: () => void): void {
    this.queue.push(time, fn);
  }

  private partitioned(a: number, b: number): boolean {
    for (const p of this.config.partitions ?? []) {
      if (this.now < p.fromMs || this.now >= p.toMs) continue;
      const ga = p.groups.findIndex((g) => g.includes(a));
      const gb = p.groups.findIndex((g) => g.includes(b));
      if (ga !== gb) return true;
    }
    return false;
  }

  private send(from: number, to: number, msg: WireMsg): void {
    if (from === to) return;
    this.stats.sent++;
    if (this.partitioned(from, to) || (this.net.dropRate > 0 && this.rnd() < this.net.dropRate)) {
      this.stats.dropped++;
      return;
    }
    let delay = this.net.minDelayMs + Math.floor(this.rnd() * (this.net.maxDelayMs - this.net.minDelayMs + 1));
    for (const l of this.config.slowLinks ?? []) if (l.from === from && l.to === to && this.now >= l.fromMs && this.now < l.toMs) delay += l.extraMs;
    this.at(this.now + delay, () => this.deliver(from, this.nodes[to], msg));
  }

  private broadcast(from: number, msg: WireMsg): void {
    for (const n of this.nodes) this.send(from, n.index, msg);
  }

  private deliver(from: number, node: SimNodeState, msg: WireMsg): void {
    this.stats.delivered++;
    const height = node.engine.status().height;
    switch (msg.kind) {
      case 'proposal':
      case 'vote': {
        const h = msg.kind === 'proposal' ? msg.proposal.proposal.height : msg.vote.vote.height;
        if (height !== null && h < height) return this.catchUp(node, from, h);
        return this.feed(node, msg.kind === 'proposal' ? { kind: 'proposal', proposal: msg.proposal, value: msg.value } : { kind: 'vote', vote: msg.vote });
      }
      case 'commit':
        return this.feed(node, { kind: 'commit', certificate: msg.certificate, value: msg.value });
      case 'want': {
        const v = height === msg.height ? node.engine.valueOf(msg.blockHash) : undefined;
        if (v) this.send(node.index, from, { kind: 'value', height: msg.height, value: v });
        else if (height !== null && msg.height < height) this.catchUp(node, from, msg.height);
        return;
      }
      case 'value':
        return this.feed(node, { kind: 'value', height: msg.height, value: msg.value });
      case 'status':
        if (height !== null && msg.height < height) this.catchUp(node, from, msg.height);
        return;
    }
  }

  /** A peer is behind: send it the block it is deciding, with its certificate (rate-limited). */
  private catchUp(node: SimNodeState, peer: number, height: bigint): void {
    if (this.isByzantine(node.index)) return;
    const d = node.decided.get(height);
    if (!d) return;
    const k = `${peer}/${height}`;
    const last = node.lastCatchUp.get(k);
    if (last !== undefined && this.now - last < this.net.gossipIntervalMs) return;
    node.lastCatchUp.set(k, this.now);
    this.send(node.index, peer, { kind: 'commit', certificate: d.certificate, value: d.value });
  }

  private scheduleGossip(node: SimNodeState, delay: number): void {
    this.at(this.now + delay, () => {
      if (!this.isByzantine(node.index)) {
        const height = node.engine.status().height;
        if (height !== null) this.broadcast(node.index, { kind: 'status', height });
        const { proposals, votes } = node.engine.messages();
        for (const p of proposals) this.broadcast(node.index, { kind: 'proposal', proposal: p.proposal, value: p.value });
        for (const v of votes) this.broadcast(node.index, { kind: 'vote', vote: v });
      }
      this.scheduleGossip(node, this.net.gossipIntervalMs);
    });
  }

  private restart(node: SimNodeState): void {
    if (this.isByzantine(node.index)) return;
    this.stats.restarts++;
    node.epoch++;
    if (this.config.restartLosesSignState) node.store = new MemorySignStateStore();
    node.engine = this.makeEngine(node);
    let height = 1n;
    while (node.decided.has(height)) height++;
    const resume = this.guard(node).resumePoint(height) ?? undefined;
    this.log.push(`restart ${node.index}@${this.now} h=${height} r=${resume?.round ?? 0}`);
    this.feed(node, { kind: 'startHeight', height, resume });
  }

  private feed(node: SimNodeState, e: BftEvent): void {
    const actions = node.engine.handle(e);
    for (const a of actions) this.act(node, a);
  }

  private act(node: SimNodeState, a: BftAction): void {
    const i = node.index;
    switch (a.kind) {
      case 'broadcastProposal':
        this.log.push(`${this.now} ${i} proposal ${a.proposal.proposal.height}/${a.proposal.proposal.round} ${bytesToHex(a.proposal.proposal.blockHash).slice(0, 8)}`);
        if (node.adversary) return node.adversary.onProposal(a.proposal, a.value);
        return this.broadcast(i, { kind: 'proposal', proposal: a.proposal, value: a.value });
      case 'broadcastVote': {
        const v = a.vote.vote;
        if (v.round > this.stats.maxRound) this.stats.maxRound = v.round;
        this.log.push(`${this.now} ${i} ${v.type} ${v.height}/${v.round} ${v.blockHash ? bytesToHex(v.blockHash).slice(0, 8) : 'nil'}`);
        if (node.adversary) return node.adversary.onVote(a.vote);
        return this.broadcast(i, { kind: 'vote', vote: a.vote });
      }
      case 'scheduleTimeout': {
        const epoch = node.epoch;
        this.at(this.now + a.durationMs, () => {
          if (node.epoch === epoch) this.feed(node, { kind: 'timeout', height: a.height, round: a.round, step: a.step });
        });
        return;
      }
      case 'decide':
        return this.onDecide(node, a);
      case 'evidence':
        return this.onEvidence(node, a.evidence);
      case 'needValue':
        return this.broadcast(i, { kind: 'want', height: a.height, blockHash: a.blockHash });
      case 'rejected':
        this.stats.rejected++;
        return;
      case 'signRefused':
        this.stats.signRefused++;
        this.log.push(`${this.now} ${i} refused ${a.step} ${a.height}/${a.round}`);
        return;
    }
  }

  private onDecide(node: SimNodeState, a: Extract<BftAction, { kind: 'decide' }>): void {
    const i = node.index;
    const hash = bytesToHex(a.blockHash);
    this.log.push(`${this.now} ${i} decide ${a.height}/${a.round} ${hash.slice(0, 8)}`);
    node.app.applyDecided(a.height, a.value);
    node.decided.set(a.height, { value: a.value, certificate: a.certificate, hash });
    if (this.isByzantine(i)) return;
    const v = decodeSimValue(a.value);
    this.decisions[i].push({ height: a.height, round: a.round, hash, atMs: this.now, proposer: v?.proposer ?? -1, certificate: a.certificate });
    const first = this.firstDecision.get(a.height);
    if (!first) this.firstDecision.set(a.height, { hash, node: i });
    else if (first.hash !== hash) this.violations.push(`SAFETY: height ${a.height}: node ${first.node} decided ${first.hash.slice(0, 12)}, node ${i} decided ${hash.slice(0, 12)}`);
    if (!v || v.height !== a.height) this.violations.push(`VALIDITY: node ${i} decided an invalid value at height ${a.height}`);
    try {
      verifyCommit(a.certificate, node.app.validatorSet(a.height).validators, this.chainId, { verify: this.verify, height: a.height, blockHash: a.blockHash });
    } catch (e) {
      this.violations.push(`CERTIFICATE: node ${i} height ${a.height}: ${(e as Error).message}`);
    }
  }

  private onEvidence(node: SimNodeState, ev: DuplicateVoteEvidence): void {
    if (this.isByzantine(node.index)) return;
    const h = ev.voteA.vote.height;
    try {
      const idx = verifyDuplicateVoteEvidence(ev, node.app.validatorSet(h).validators, this.chainId, this.verify);
      const addr = node.app.validatorSet(h).validators[idx].address;
      const offender = this.keys.findIndex((k) => bytesToHex(k.address) === bytesToHex(addr));
      this.evidence.push({ reporter: node.index, offender, height: h, type: ev.voteA.vote.type });
      if (!this.isByzantine(offender)) this.violations.push(`EVIDENCE: honest node ${offender} equivocated (reported by ${node.index})`);
    } catch (e) {
      this.violations.push(`EVIDENCE: node ${node.index} reported evidence that does not verify: ${(e as Error).message}`);
    }
  }
}
