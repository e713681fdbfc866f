/**
 * The validator service: the block producer of a proof-of-stake node. It hosts the pure
 * Tendermint state machine (`consensus/bft/engine.ts`) and carries out what it asks:
 *
 * - Events, one at a time: messages from the consensus topic (proposals, votes, commits, values),
 *   fired timers, the chain's verdict on a proposal, and its own proposal once built. Every input
 *   goes through one queue, so the engine never runs re-entrantly.
 * - Proposing: when the engine asks for a value, wait for the clock to pass the parent's second
 *   (one block a second), take transactions from the mempool, and build the block with the
 *   assembler: its coinbase carries the round, this validator as proposer, the parent's commit
 *   certificate (with the late precommits the commit wait collected, and those that came after it,
 *   checked against the parent's set: `late-precommits.ts`) and pending evidence; the
 *   seal is the proposer's signature over the block hash.
 * - Voting: a proposal is judged by full block validation on the head state WITHOUT connecting
 *   it (`Chain.validateProposal`, which keeps the execution in a memo slot for the commit).
 *   Signatures go through the double-sign guard over its fsynced file (`durable-signer.ts`);
 *   after a restart the engine resumes from the guard's resume point (round, lock, last votes).
 * - Committing: a decision is imported with its certificate as justification (the same import
 *   path as any block); after the commit wait the next height starts on the new tip.
 * - Keeping peers in step (CometBFT's gossip): a status every second and after every height; a
 *   peer still at a height this node committed gets that block and certificate; a peer at our
 *   height gets the votes it lacks and, if it has none, the round's proposal; a block named by a
 *   polka but missing is asked for (`want`) and answered (`value`). Blocks that arrive by block
 *   sync move the engine to the new tip.
 * - Evidence the engine catches is gossiped, pooled and put in this node's next proposals.
 * - Checking before relay: every message from the network is decoded and screened (`screen.ts`)
 *   before its verdict goes back to gossip: forged proposals, votes, bundles, commits and evidence
 *   are rejected and their sender charged; only valid messages of our height are relayed.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { BlockError, CoinworksError } from '../errors.js';
import { sha256, sha256d } from '../crypto/hash.js';
import { bytesEqual, bytesToHex } from '../encoding/hex.js';
import { encodeAddress } from '../crypto/address.js';
import { SealKind, encodeBlock, type Block } from '../primitives/block.js';
import { HEADER_BYTES, headerHash } from '../primitives/header.js';
import type { Chain } from '../chain/chain.js';
import type { ChainEntry } from '../chain/chain-index.js';
import type { BlockProducer, ProducerStatus } from '../chain/producer.js';
import { assembleBlock, templateToBlock } from '../chain/assembler.js';
import type { TxSource } from '../miner/mining-service.js';
import type { BftApplication } from '../consensus/bft/app.js';
import { BftChainEngine } from '../consensus/bft/chain-engine.js';
import { bftSealDigest, decodeBlockData, encodeBlockData } from '../consensus/bft/chain-data.js';
import { buildCommit, decodeCommit, encodeCommit, type CommitCertificate } from '../consensus/bft/commit.js';
import { BftEngine } from '../consensus/bft/engine.js';
import type { BftAction, BftEvent } from '../consensus/bft/engine-types.js';
import type { DuplicateVoteEvidence } from '../consensus/bft/evidence.js';
import { sameBlock, voteSignDigest, type VerifyFn, type Vote } from '../consensus/bft/messages.js';
import { DoubleSignGuard, type SignStateStore } from '../consensus/bft/signer.js';
import type { BftTimeouts } from '../consensus/bft/timeouts.js';
import type { ValidatorSet } from '../consensus/bft/validator-set.js';
import { LatePrecommits } from './late-precommits.js';
import { DurableSigner, MemoryLockedValues, type LockedValueStore } from './durable-signer.js';
import { EvidencePool } from './evidence-pool.js';
import type { ConsensusKey } from './keys.js';
import type { ConsensusTransport, TransportVerdict } from './transport.js';
import { decodeWire, encodeWire, MAX_BUNDLE_VOTES, MAX_WIRE_BLOCK_BYTES, type WireMessage } from './wire.js';
import { INVALID_MESSAGE_POINTS, screenMessage, UNDECODABLE_POINTS } from './screen.js';

/** Minimal structured logger (pino fits). */
export interface ValidatorLog {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
  debug(o: object, m: string): void;
}

const SILENT: ValidatorLog = { info() {}, warn() {}, debug() {} };

/** Options of a validator service. */
export interface ValidatorServiceOptions {
  readonly chain: Chain;
  readonly mempool: TxSource;
  readonly transport: ConsensusTransport;
  /** The consensus key; absent: the node follows consensus (decides and imports) without voting. */
  readonly key?: ConsensusKey;
  /** Durable state of the double-sign guard (required with `key`). */
  readonly signState?: SignStateStore;
  /** Where the block of a lock is kept (default: memory). */
  readonly lockedValues?: LockedValueStore;
  /** Signature check (default pure JS; a node passes libsecp256k1). */
  readonly verify?: VerifyFn;
  /** Clock in milliseconds (default `Date.now`); the chain's clock should be its seconds. */
  readonly clockMs?: () => number;
  readonly log?: ValidatorLog;
  /** Period of the status message (ms, default 1000). */
  readonly statusIntervalMs?: number;
  /** Round timeouts (default: the network's). */
  readonly timeouts?: BftTimeouts;
  /** TEST ONLY: with every prevote for a block, also sign and send a prevote for nil (a double sign). */
  readonly testDoubleSign?: boolean;
}

/** What `status()` reports (RPC `consensus_getStatus`). */
export interface ValidatorStatus extends ProducerStatus {
  readonly height: bigint | null;
  readonly round: number;
  readonly step: string;
  /** Proposer of the current round. */
  readonly proposer: Uint8Array | null;
  readonly lockedRound: number;
  readonly validRound: number;
  /** The certificate of the tip (the one the next block carries). */
  readonly lastCommit: CommitCertificate | null;
  /** This node's validator key and its position in the current set (-1: not in it), or null for a follower. */
  readonly validator: { readonly address: Uint8Array; readonly publicKey: Uint8Array; readonly index: number; readonly power: bigint } | null;
  /** Blocks this node proposed that were committed, and how long each took from proposal to commit. */
  readonly proposed: number;
  readonly finality: { readonly samples: number; readonly p50Ms: number | null; readonly p99Ms: number | null; readonly lastMs: number | null };
}

/** Most tasks queued before incoming network messages are dropped (the engine must keep up). */
const MAX_QUEUE = 20_000;
/** Proposals and votes of the next height kept until it is entered (they can beat the block they build on). */
const MAX_EARLY = 256;
/** Finality samples kept. */
const MAX_SAMPLES = 2000;

/** Percentile of sorted samples (nearest rank). */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The round-driven proposer and voter of a BFT chain. */
export class ValidatorService implements BlockProducer {
  private readonly chain: Chain;
  private readonly engine: BftChainEngine;
  private readonly log: ValidatorLog;
  private readonly clockMs: () => number;
  private readonly statusIntervalMs: number;
  private readonly signer: DurableSigner | null;
  private readonly evidence: EvidencePool;
  private readonly timeouts: BftTimeouts;
  private bft: BftEngine | null = null;
  private running = false;
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private statusTimer: NodeJS.Timeout | null = null;
  private readonly sets = new Map<bigint, ValidatorSet>();
  /**
   * Proposals and votes for the height after ours, kept until we enter it: the proposer may move
   * on (and propose) before this node has imported the parent, and a proposal dropped then is lost
   * for the height. Screened again on entry; not relayed before.
   */
  private early: Array<{ data: Uint8Array; from: string; height: bigint }> = [];
  private decided: { height: bigint; round: number; hash: Uint8Array; cert: CommitCertificate } | null = null;
  private lastCommit: CommitCertificate | null = null;
  /** Precommits for the parent's block that came after the commit wait (joined to lastCommit before proposing). */
  private readonly late = new LatePrecommits();
  private heightStartedAt = 0;
  private nonce: bigint;
  private readonly proposedAt = new Map<string, number>();
  private readonly samples: number[] = [];
  private proposedCount = 0;
  private readonly sentCommit = new Map<bigint, number>();
  private readonly sentProposal = new Map<string, number>();
  private readonly sentValue = new Map<string, number>();
  private sentBundleAt = -Infinity;
  private readonly onTip = (entry: ChainEntry) => this.tipMoved(entry);
  private readonly onConnect = (_e: ChainEntry, pb: { block: Block }) => this.forgetIncluded(pb.block);

  constructor(private readonly o: ValidatorServiceOptions) {
    this.chain = o.chain;
    if (!(o.chain.engine instanceof BftChainEngine)) throw new Error('the validator service runs on a BFT chain');
    this.engine = o.chain.engine;
    this.log = o.log ?? SILENT;
    this.clockMs = o.clockMs ?? (() => Date.now());
    this.statusIntervalMs = o.statusIntervalMs ?? 1000;
    this.timeouts = o.timeouts ?? this.engine.bft.timeouts;
    this.nonce = BigInt('0x' + randomBytes(7).toString('hex')) << 8n;
    if (o.key) {
      if (!o.signState) throw new Error('a validator key needs its sign-state store');
      const guard = new DoubleSignGuard({ chainId: o.chain.params.chainId, publicKey: o.key.publicKey, sign: o.key.sign, store: o.signState });
      this.signer = new DurableSigner(guard, o.lockedValues ?? new MemoryLockedValues());
    } else this.signer = null;
    this.evidence = new EvidencePool((s, ev, h, t) => this.engine.evidenceRefusal(s, ev, h, t));
  }

  /** Starts following consensus (and voting, with a key) from the tip. Idempotent. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.bft = new BftEngine({ chainId: this.chain.params.chainId, app: this.app(), signer: this.signer, timeouts: this.timeouts, ...(this.o.verify ? { verify: this.o.verify } : {}) });
    this.o.transport.setHandler((d, from) => this.receive(d, from));
    this.chain.on('tip', this.onTip);
    this.chain.on('connect', this.onConnect);
    await this.enqueue(() => this.enterHeight(BigInt(this.chain.tip.height + 1)));
    this.statusTimer = setInterval(() => void this.enqueue(() => this.sendStatus()), this.statusIntervalMs);
    this.log.info({ height: this.chain.tip.height + 1, validator: this.o.key ? encodeAddress(this.o.key.address) : null }, 'consensus started');
  }

  /** Stops: no more timers, messages or signatures; waits for the event in progress. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.statusTimer = null;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.o.transport.setHandler(undefined);
    this.chain.off('tip', this.onTip);
    this.chain.off('connect', this.onConnect);
    await this.queue;
  }

  /** Height, round, step, proposer, lock, last commit, this validator, finality figures. */
  status(): ValidatorStatus {
    const s = this.bft?.status();
    const set = this.bft?.validatorSet() ?? null;
    const key = this.o.key;
    const index = key && set ? set.indexOf(key.address) : -1;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return {
      running: this.running,
      height: s?.height ?? null,
      round: s?.round ?? 0,
      step: s?.step ?? 'idle',
      proposer: s?.proposer ?? null,
      lockedRound: s?.lockedRound ?? -1,
      validRound: s?.validRound ?? -1,
      lastCommit: this.lastCommit,
      validator: key ? { address: key.address, publicKey: key.publicKey, index, power: index >= 0 ? set!.validators[index].power : 0n } : null,
      proposed: this.proposedCount,
      finality: { samples: sorted.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), lastMs: this.samples.length ? this.samples[this.samples.length - 1] : null },
    };
  }

  // ------------------------------------------------------------ the queue

  /** Runs `task` after every task before it; errors are logged, never thrown into the queue. */
  private enqueue(task: () => Promise<void> | void): Promise<void> {
    this.queued++;
    const p = this.queue.then(async () => {
      try {
        if (this.running) await task();
      } catch (e) {
        this.log.warn({ err: (e as Error).message, stack: (e as Error).stack }, 'consensus task failed');
      } finally {
        this.queued--;
      }
    });
    this.queue = p;
    return p;
  }

  /** Feeds one event to the engine and carries out its actions in order. */
  private async handle(e: BftEvent): Promise<void> {
    if (!this.bft) return;
    for (const a of this.bft.handle(e)) await this.perform(a);
  }

  private async perform(a: BftAction): Promise<void> {
    switch (a.kind) {
      case 'broadcastProposal':
        this.proposedAt.set(bytesToHex(a.proposal.proposal.blockHash), performance.now());
        this.publish({ kind: 'proposal', proposal: a.proposal, value: a.value });
        this.log.debug({ height: a.proposal.proposal.height.toString(), round: a.proposal.proposal.round }, 'proposal sent');
        return;
      case 'broadcastVote':
        this.publish({ kind: 'vote', vote: a.vote });
        this.log.debug({ type: a.vote.vote.type, height: a.vote.vote.height.toString(), round: a.vote.vote.round }, 'vote sent');
        if (this.o.testDoubleSign) this.doubleSign(a.vote.vote);
        return;
      case 'scheduleTimeout':
        return this.arm(a);
      case 'decide':
        return this.commit(a);
      case 'evidence':
        this.log.warn({ validator: encodeAddress(a.evidence.voteA.vote.validatorAddress), height: a.evidence.voteA.vote.height.toString(), round: a.evidence.voteA.vote.round }, 'duplicate vote caught');
        if (this.evidence.add(a.evidence)) this.publish({ kind: 'evidence', evidence: a.evidence });
        return;
      case 'needValue':
        this.publish({ kind: 'want', height: a.height, blockHash: a.blockHash });
        return;
      case 'rejected':
        this.log.debug({ code: a.code, reason: a.reason }, 'consensus message refused');
        return;
      case 'signRefused':
        this.log.warn({ height: a.height.toString(), round: a.round, step: a.step, reason: a.reason }, 'signature refused');
        return;
    }
  }

  private arm(a: Extract<BftAction, { kind: 'scheduleTimeout' }>): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.enqueue(() => (a.step === 'commit' ? this.advance(a.height) : this.handle({ kind: 'timeout', height: a.height, round: a.round, step: a.step })));
    }, a.durationMs);
    this.timers.add(t);
  }

  // ------------------------------------------------------------ heights

  /** Enters `height` on the tip: the set from state, the parent's certificate, the guard's resume point. */
  private async enterHeight(height: bigint): Promise<void> {
    const bft = this.bft!;
    const at = bft.status().height;
    if (at !== null && height <= at) return;
    const tip = this.chain.tip;
    if (BigInt(tip.height + 1) !== height) return;
    const set = await this.chain.view((s) => this.engine.setAt(s, height));
    if (this.chain.tip !== tip) return;
    const parentSet = this.sets.get(height - 1n);
    this.sets.clear();
    this.sets.set(height, set);
    if (!this.lastCommit || this.lastCommit.height !== height - 1n || !bytesEqual(this.lastCommit.blockHash, tip.hash)) {
      const j = tip.height > 0 ? await this.chain.getJustification(tip.hash) : undefined;
      this.lastCommit = j ? decodeCommit(j) : null;
    }
    this.late.reset(this.lastCommit, parentSet);
    this.decided = null;
    this.proposedAt.clear();
    this.heightStartedAt = performance.now();
    const resume = this.signer?.resumePoint(height);
    if (resume) this.log.info({ height: height.toString(), round: resume.round, locked: resume.lock ? resume.lock.round : -1, votes: resume.votes?.length ?? 0 }, 'resuming a height signed before a restart');
    await this.handle({ kind: 'startHeight', height, ...(resume ? { resume } : {}) });
    this.sendStatus();
    const early = this.early.filter((e) => e.height === height);
    this.early = this.early.filter((e) => e.height > height);
    for (const e of early) await this.receive(e.data, e.from);
  }

  /** The commit wait is over: the certificate gains the late precommits, and the next height starts on the tip. */
  private async advance(height: bigint): Promise<void> {
    if (this.bft?.status().height !== height) return;
    const d = this.decided;
    if (d && d.height === height) {
      const votes = this.bft.messages().votes.filter((v) => v.vote.type === 'precommit' && v.vote.height === height && v.vote.round === d.round && sameBlock(v.vote.blockHash, d.hash));
      if (votes.length > d.cert.signatures.length) {
        try {
          this.lastCommit = buildCommit(height, d.round, d.hash, votes);
        } catch {
          this.lastCommit = d.cert;
        }
      }
    }
    if (BigInt(this.chain.tip.height) >= height) await this.enterHeight(BigInt(this.chain.tip.height + 1));
  }

  /** A decision: import the block with its certificate, through the one import path. */
  private async commit(a: Extract<BftAction, { kind: 'decide' }>): Promise<void> {
    this.decided = { height: a.height, round: a.round, hash: a.blockHash, cert: a.certificate };
    this.lastCommit = a.certificate;
    const t0 = this.proposedAt.get(bytesToHex(a.blockHash));
    try {
      await this.chain.importBlock(a.value, { justification: encodeCommit(a.certificate) });
      if (t0 !== undefined) {
        const ms = performance.now() - t0;
        this.proposedCount++;
        this.samples.push(ms);
        this.log.info({ height: a.height.toString(), round: a.round, ms: Math.round(ms * 10) / 10 }, 'own proposal committed');
        if (this.samples.length > MAX_SAMPLES) this.samples.shift();
      }
    } catch (e) {
      this.log.warn({ height: a.height.toString(), err: (e as Error).message }, 'a decided block did not import');
      // The chain did not move: wait for block sync (tipMoved) rather than enter a height without its parent.
      this.decided = null;
    }
    this.sendStatus();
  }

  /** The tip moved by something else than our own decision (block sync): follow it. */
  private tipMoved(entry: ChainEntry): void {
    const h = this.bft?.status().height;
    if (h === null || h === undefined || BigInt(entry.height) < h) return;
    if (this.decided && this.decided.height === BigInt(entry.height)) return;
    void this.enqueue(() => this.enterHeight(BigInt(this.chain.tip.height + 1)));
  }

  private forgetIncluded(block: Block): void {
    if (block.coinbase.consensus.length === 0) return;
    try {
      this.evidence.remove(decodeBlockData(block.coinbase.consensus).evidence);
    } catch {
      // a connected block's data always decodes
    }
  }

  // ------------------------------------------------------------ the application

  private app(): BftApplication {
    return {
      validatorSet: (height) => {
        const s = this.sets.get(height);
        if (!s) throw new Error(`validator set of height ${height} was not loaded`);
        return s;
      },
      proposeValue: (height, round) => {
        void this.buildProposal(height, round).catch((e) => this.log.warn({ err: (e as Error).message }, 'proposal failed'));
        return null;
      },
      validateValue: (height, value, hash) => {
        void this.judge(height, value, hash);
        return null;
      },
      valueHash: (value) => (value.length >= HEADER_BYTES ? sha256d(value.subarray(0, HEADER_BYTES)) : sha256(value)),
    };
  }

  /** Full validation of a proposed block on the head state, without connecting it; the verdict goes back to the engine. */
  private async judge(height: bigint, value: Uint8Array, hash: Uint8Array): Promise<void> {
    let valid = false;
    try {
      await this.chain.validateProposal(value);
      valid = true;
    } catch (e) {
      if (!(e instanceof CoinworksError)) throw e;
      this.log.info({ height: height.toString(), code: e.code, reason: e.message }, 'proposal refused');
    }
    await this.enqueue(() => this.handle({ kind: 'valueValidated', height, blockHash: hash, valid }));
  }

  /** Builds this validator's block for (height, round) once the clock has passed the parent's second. */
  private async buildProposal(height: bigint, round: number): Promise<void> {
    const key = this.o.key!;
    const still = () => this.running && this.bft?.status().height === height && this.bft.status().round === round && BigInt(this.chain.tip.height + 1) === height;
    const tip = this.chain.tip;
    const minMs = this.engine.minChildTime(tip) * 1000;
    while (this.clockMs() < minMs) {
      await new Promise((r) => setTimeout(r, Math.max(1, Math.min(25, minMs - this.clockMs()))));
      if (!still()) return;
    }
    if (!still() || this.chain.tip !== tip) return;
    const time = Math.max(Math.floor(this.clockMs() / 1000), this.engine.minChildTime(tip));
    const evidence = await this.chain.view((st) => this.evidence.pick(st, height, time, this.engine.bft.maxEvidencePerBlock));
    if (!still() || this.chain.tip !== tip) return;
    if (this.lastCommit) this.lastCommit = this.late.merged(this.lastCommit);
    this.late.reset(this.lastCommit, undefined);
    const parentCommit = height === 1n ? null : this.lastCommit;
    if (height > 1n && (!parentCommit || !bytesEqual(parentCommit.blockHash, tip.hash))) {
      this.log.warn({ height: height.toString() }, 'no certificate of the parent to propose with');
      return;
    }
    let txs = this.o.mempool.select({ maxGas: this.chain.params.fees.blockGasLimit });
    for (;;) {
      const value = await this.assemble(tip, txs, time, encodeBlockData({ round, proposer: key.address, parentCommit, evidence }));
      if (value.length <= MAX_WIRE_BLOCK_BYTES || txs.length === 0) {
        await this.enqueue(() => this.handle({ kind: 'valueReady', height, round, value }));
        return;
      }
      // The block must fit one consensus message: fewer transactions.
      txs = txs.slice(0, Math.floor(txs.length / 2));
    }
  }

  private async assemble(tip: ChainEntry, txs: ReturnType<TxSource['select']>, time: number, consensusData: Uint8Array): Promise<Uint8Array> {
    const key = this.o.key!;
    const t = await assembleBlock(this.chain, { txs, beneficiary: key.address, time, consensusData });
    if (t.rejected.length > 0) this.o.mempool.remove?.(t.rejected.map((r) => r.tx.key));
    if (t.parent !== tip) throw new BlockError('BLOCK_PARENT_UNKNOWN', 'the tip moved while the proposal was built');
    const unsealed = templateToBlock(t, new Uint8Array(0), 0, time);
    const seal = key.sign(bftSealDigest(this.chain.params.chainId, headerHash(unsealed.header)));
    return encodeBlock({ ...unsealed, seal: { kind: SealKind.bft, data: seal } });
  }

  /** TEST ONLY: a conflicting prevote for nil beside a prevote for a block, signed with the raw key (no guard). */
  private doubleSign(vote: Vote): void {
    const key = this.o.key;
    if (!key || vote.type !== 'prevote' || vote.blockHash === null || !bytesEqual(vote.validatorAddress, key.address)) return;
    const twin = { ...vote, blockHash: null };
    const signature = key.sign(voteSignDigest(this.chain.params.chainId, twin));
    this.log.warn({ height: vote.height.toString(), round: vote.round }, 'TEST: double-signing a prevote');
    this.publish({ kind: 'vote', vote: { vote: twin, signature } });
  }

  // ------------------------------------------------------------ the network

  private publish(m: WireMessage): void {
    this.nonce++;
    void this.o.transport.publish(encodeWire(m, this.nonce)).catch((e) => this.log.debug({ kind: m.kind, err: (e as Error).message }, 'publish failed'));
  }

  /**
   * A message from peer `from`: decoded and checked now, before gossip relays it (`screen.ts`:
   * undecodable or forged messages are the sender's fault and charged), then handled in turn.
   */
  private async receive(data: Uint8Array, from: string): Promise<TransportVerdict> {
    if (!this.running) return { result: 'ignore', reason: 'not running' };
    let m: WireMessage;
    try {
      m = decodeWire(data);
    } catch (e) {
      return { result: 'reject', points: UNDECODABLE_POINTS, reason: `consensus message: ${(e as Error).message}` };
    }
    const s = this.bft?.status();
    const height = s?.height ?? null;
    let verdict = screenMessage(m, {
      chainId: this.chain.params.chainId,
      height,
      round: s?.round ?? 0,
      set: height === null ? undefined : this.sets.get(height),
      ...(this.o.verify ? { verify: this.o.verify } : {}),
      valueHash: (v) => (v.length >= HEADER_BYTES ? sha256d(v.subarray(0, HEADER_BYTES)) : sha256(v)),
    });
    if (m.kind === 'evidence' && verdict.result === 'ignore' && verdict.reason === 'evidence-state') verdict = await this.judgeEvidence(m.evidence);
    if (verdict.result === 'ignore' && m.kind === 'vote' && height !== null && m.vote.vote.height === height - 1n) {
      // A late precommit for the parent's block (after the commit wait): kept for the certificate this node proposes with.
      if (this.late.offer(m.vote, this.chain.params.chainId, this.o.verify) === 'forged') verdict = { result: 'reject', points: INVALID_MESSAGE_POINTS, reason: 'consensus message: forged precommit of the previous height' };
    }
    if (verdict.result === 'ignore' && height !== null && (m.kind === 'proposal' || m.kind === 'vote')) {
      const mh = m.kind === 'proposal' ? m.proposal.proposal.height : m.vote.vote.height;
      if (mh === height + 1n && this.early.length < MAX_EARLY) this.early.push({ data, from, height: mh });
    }
    if (verdict.result === 'reject') {
      this.log.info({ peer: from, kind: m.kind, reason: verdict.reason }, 'consensus message refused; sender charged');
      return verdict;
    }
    if (this.queued > MAX_QUEUE) return { result: 'ignore', reason: 'busy' };
    void this.enqueue(() => this.onMessage(m, from));
    return verdict;
  }

  /** Evidence of an older height, judged on the head state: relayed when punishable, rejected when forged. */
  private async judgeEvidence(ev: DuplicateVoteEvidence): Promise<TransportVerdict> {
    const height = BigInt(this.chain.tip.height + 1);
    const why = await this.chain.view((st) => this.engine.evidenceRefusal(st, ev, height, Math.floor(this.clockMs() / 1000)));
    if (why === null) return { result: 'accept' };
    if (why.code === 'invalid') return { result: 'reject', points: INVALID_MESSAGE_POINTS, reason: `consensus message: evidence: ${why.message}` };
    return { result: 'ignore', reason: `evidence ${why.code}` };
  }

  private async onMessage(m: WireMessage, from: string): Promise<void> {
    const h = this.bft!.status().height;
    switch (m.kind) {
      case 'proposal':
        return this.handle({ kind: 'proposal', proposal: m.proposal, value: m.value });
      case 'vote':
        return this.handle({ kind: 'vote', vote: m.vote });
      case 'votes':
        for (const vote of m.votes) await this.handle({ kind: 'vote', vote });
        return;
      case 'evidence':
        return this.onEvidence(m.evidence);
      case 'status':
        return this.onStatus(m, from);
      case 'commit':
        if (m.certificate.height === h) return this.handle({ kind: 'commit', certificate: m.certificate, value: m.block });
        return;
      case 'want':
        return this.onWant(m);
      case 'value':
        if (m.height === h) return this.handle({ kind: 'value', height: m.height, value: m.value });
        return;
    }
  }

  private async onEvidence(ev: DuplicateVoteEvidence): Promise<void> {
    const height = BigInt(this.chain.tip.height + 1);
    const why = await this.chain.view((st) => this.engine.evidenceRefusal(st, ev, height, Math.floor(this.clockMs() / 1000)));
    if (why && why.code !== 'future') return;
    this.evidence.add(ev);
  }

  /** Tells peers where we are. */
  private sendStatus(): void {
    const s = this.bft?.status();
    if (!s || s.height === null) return;
    const hasProposal = this.bft!.messages().proposals.some((p) => p.proposal.proposal.round === s.round);
    this.publish({ kind: 'status', height: s.height, round: s.round, hasProposal, tip: BigInt(this.chain.tip.height) });
  }

  /** A peer's status: send it the commit it misses, the votes it lacks, or the round's proposal. */
  private async onStatus(s: Extract<WireMessage, { kind: 'status' }>, _from: string): Promise<void> {
    const st = this.bft!.status();
    if (st.height === null) return;
    const now = performance.now();
    if (s.height < st.height) {
      if (s.height < 1n || (this.sentCommit.get(s.height) ?? -Infinity) > now - this.statusIntervalMs) return;
      this.sentCommit.set(s.height, now);
      if (this.sentCommit.size > 64) this.sentCommit.delete(this.sentCommit.keys().next().value!);
      const entry = this.chain.index.atHeight(Number(s.height));
      if (!entry) return;
      const [block, j] = await Promise.all([this.chain.store.blockBytes(entry.hash), this.chain.getJustification(entry.hash)]);
      if (block && j) this.publish({ kind: 'commit', block, certificate: decodeCommit(j) });
      return;
    }
    if (s.height !== st.height) return;
    const stuck = now - this.heightStartedAt > this.statusIntervalMs;
    if ((s.round < st.round || stuck) && now - this.sentBundleAt > this.statusIntervalMs) {
      this.sentBundleAt = now;
      const votes = this.bft!.messages().votes.slice(-MAX_BUNDLE_VOTES);
      if (votes.length > 0) this.publish({ kind: 'votes', votes });
    }
    if (!s.hasProposal && s.round <= st.round) {
      const p = this.bft!.messages().proposals.find((x) => x.proposal.proposal.round === s.round);
      const k = `${s.height}/${s.round}`;
      if (p && (this.sentProposal.get(k) ?? -Infinity) <= now - this.statusIntervalMs) {
        this.sentProposal.set(k, now);
        if (this.sentProposal.size > 64) this.sentProposal.delete(this.sentProposal.keys().next().value!);
        this.publish({ kind: 'proposal', proposal: p.proposal, value: p.value });
      }
    }
  }

  /** A peer lacks a block a polka or certificate names: answer with it if we hold it. */
  private async onWant(w: Extract<WireMessage, { kind: 'want' }>): Promise<void> {
    const k = bytesToHex(w.blockHash);
    const now = performance.now();
    if ((this.sentValue.get(k) ?? -Infinity) > now - this.statusIntervalMs) return;
    const value = this.bft!.valueOf(w.blockHash);
    if (value) {
      this.sentValue.set(k, now);
      this.publish({ kind: 'value', height: w.height, value });
    } else {
      const entry = this.chain.index.get(w.blockHash);
      if (!entry || !this.chain.index.isMain(entry)) return;
      const [block, j] = await Promise.all([this.chain.store.blockBytes(entry.hash), this.chain.getJustification(entry.hash)]);
      if (!block || !j) return;
      this.sentValue.set(k, now);
      this.publish({ kind: 'commit', block, certificate: decodeCommit(j) });
    }
    if (this.sentValue.size > 256) this.sentValue.delete(this.sentValue.keys().next().value!);
  }
}
