/**
 * A proof-of-stake chain under the real BFT chain engine, driven block by block without the
 * consensus rounds: the test holds every validator's consensus key, so it builds each block as its
 * round's proposer would (coinbase data with round, proposer, the parent's certificate and
 * evidence; the proposer's seal) and imports it with a certificate of the validators it chooses.
 * Every part can be bent to test a rule (another proposer, a seal by the wrong key, a thin
 * certificate, a time off the clock, bad evidence).
 */
import { installNativeHashing, verifyNative } from '../crypto/native.js';
import { bytesEqual } from '../encoding/hex.js';
import type { Codec } from '../encoding/codec.js';
import type { ProofOfStakeParams } from '../params/staking.js';
import { SealKind, encodeBlock, type Block } from '../primitives/block.js';
import { headerHash } from '../primitives/header.js';
import { prepareTx, type PreparedTx } from '../primitives/tx.js';
import { buildTxBody, signTx } from '../primitives/tx-builder.js';
import { StateMachine } from '../state/state-machine.js';
import { coreModules } from '../state/modules/index.js';
import { getAccount } from '../state/modules/accounts/method.js';
import { ChainStore } from '../storage/chain-store.js';
import { MemoryKv } from '../storage/memory-kv.js';
import { Chain, type ImportResult } from '../chain/chain.js';
import { assembleBlock, templateToBlock } from '../chain/assembler.js';
import { BftChainEngine } from '../consensus/bft/chain-engine.js';
import { bftSealDigest, encodeBlockData, type BftBlockData } from '../consensus/bft/chain-data.js';
import { buildCommit, encodeCommit, type CommitCertificate } from '../consensus/bft/commit.js';
import type { DuplicateVoteEvidence } from '../consensus/bft/evidence.js';
import { voteSignDigest, type SignedVote, type Vote } from '../consensus/bft/messages.js';
import type { ValidatorSet } from '../consensus/bft/validator-set.js';
import { bftTestParams, type BftTestSetup } from './bft-network.js';
import { TestClock } from './chain.js';
import type { TestKey } from './keys.js';

/** How to build one block (every field defaults to what an honest proposer does). */
export interface BuildOptions {
  readonly round?: number;
  /** Address named as proposer (default: the proposer of the round). */
  readonly proposer?: Uint8Array;
  /** Key that seals (default: the named proposer's). */
  readonly sealKey?: TestKey;
  /** Indexes (in the parent height's set) whose precommits form the parent certificate (default: all). */
  readonly parentSigners?: readonly number[];
  /** Replace the parent certificate. */
  readonly parentCommit?: CommitCertificate | null;
  readonly evidence?: readonly DuplicateVoteEvidence[];
  /** Header time (default: parent + 1 or the clock, whichever is later). */
  readonly time?: number;
  readonly txs?: readonly PreparedTx[];
}

/** A built, sealed block and its parts. */
export interface BuiltBlock {
  readonly block: Block;
  readonly bytes: Uint8Array;
  readonly hash: Uint8Array;
  readonly height: bigint;
  readonly data: BftBlockData;
}

/** A BFT chain driven by a test that holds every consensus key. */
export class BftChainDriver {
  readonly chain: Chain;
  readonly engine: BftChainEngine;
  readonly clock: TestClock;
  readonly setup: BftTestSetup;
  /** The certificate each imported block came with, by height. */
  private readonly certs = new Map<bigint, CommitCertificate>();
  private readonly nonces = new Map<string, bigint>();

  private constructor(o: { validators?: number; stakes?: readonly bigint[]; users?: number; economics?: ProofOfStakeParams }) {
    installNativeHashing();
    const genesisTime = 1_800_000_000;
    this.setup = bftTestParams({ ...o, genesisTime });
    this.clock = new TestClock(genesisTime);
    this.engine = new BftChainEngine(this.setup.params, { verify: verifyNative });
    this.chain = new Chain({
      params: this.setup.params,
      store: new ChainStore(new MemoryKv()),
      engine: this.engine,
      stateMachine: new StateMachine(this.setup.params, coreModules(this.engine.modules())),
      now: () => this.clock.t,
    });
  }

  /** A driver over a new chain. */
  static async create(o: { validators?: number; stakes?: readonly bigint[]; users?: number; economics?: ProofOfStakeParams } = {}): Promise<BftChainDriver> {
    const d = new BftChainDriver(o);
    await d.chain.open();
    return d;
  }

  /** Height of the tip. */
  get height(): bigint {
    return BigInt(this.chain.tip.height);
  }

  /** The set of `height` (the tip's state keeps tip and tip + 1). */
  set(height: bigint): Promise<ValidatorSet> {
    return this.chain.view((s) => this.engine.setAt(s, height));
  }

  /** The consensus key of an address. */
  keyOf(address: Uint8Array): TestKey {
    const k = this.setup.consensusKeys.find((x) => bytesEqual(x.address, address));
    if (!k) throw new Error('no such validator key');
    return k;
  }

  /** A signed vote of validator `index` of `set`. */
  vote(set: ValidatorSet, index: number, v: Omit<Vote, 'validatorIndex' | 'validatorAddress'>): SignedVote {
    const val = set.validators[index];
    const vote: Vote = { ...v, validatorIndex: index, validatorAddress: val.address };
    return { vote, signature: this.keyOf(val.address).sign(voteSignDigest(this.setup.params.chainId, vote)) };
  }

  /** A certificate for `blockHash` at (height, round) signed by validators `indexes` of the set of `height`. */
  async certificate(height: bigint, round: number, blockHash: Uint8Array, indexes?: readonly number[], given?: ValidatorSet): Promise<CommitCertificate> {
    const set = given ?? (await this.set(height));
    const which = indexes ?? set.validators.map((_, i) => i);
    return buildCommit(height, round, blockHash, which.map((i) => this.vote(set, i, { type: 'precommit', height, round, blockHash })));
  }

  /** Builds (and seals) the next block without importing it. */
  async build(o: BuildOptions = {}): Promise<BuiltBlock> {
    const tip = this.chain.tip;
    const height = BigInt(tip.height + 1);
    const round = o.round ?? 0;
    const set = await this.set(height);
    const proposer = o.proposer ?? set.proposer(round).address;
    let parentCommit: CommitCertificate | null = null;
    if (o.parentCommit !== undefined) parentCommit = o.parentCommit;
    else if (tip.height > 0) {
      const prev = this.certs.get(BigInt(tip.height))!;
      parentCommit = o.parentSigners ? await this.certificate(prev.height, prev.round, prev.blockHash, o.parentSigners, await this.set(prev.height)) : prev;
    }
    const data: BftBlockData = { round, proposer, parentCommit, evidence: [...(o.evidence ?? [])] };
    const time = o.time ?? Math.max(this.clock.t, tip.header.time + 1);
    const t = await assembleBlock(this.chain, { txs: o.txs ?? [], beneficiary: proposer, time, consensusData: encodeBlockData(data) });
    if ((o.txs?.length ?? 0) !== t.txs.length) throw new Error(`only ${t.txs.length} of ${o.txs!.length} transactions fit: ${t.rejected.map((r) => r.error.message).join('; ')}`);
    const unsealed = templateToBlock(t, new Uint8Array(0), 0, time);
    const hash = headerHash(unsealed.header);
    const sealKey = o.sealKey ?? this.keyOf(proposer);
    const block: Block = { ...unsealed, seal: { kind: SealKind.bft, data: sealKey.sign(bftSealDigest(this.setup.params.chainId, hash)) } };
    return { block, bytes: encodeBlock(block), hash, height, data };
  }

  /** Imports a built block with a certificate (default: every validator of its height signs, round of the block). */
  async import(b: BuiltBlock, o: { signers?: readonly number[]; justification?: Uint8Array | null } = {}): Promise<ImportResult> {
    const cert = await this.certificate(b.height, b.data.round, b.hash, o.signers);
    const justification = o.justification === null ? undefined : (o.justification ?? encodeCommit(cert));
    const r = await this.chain.importBlock(b.bytes, justification ? { justification } : {});
    this.certs.set(b.height, cert);
    return r;
  }

  /** Builds and imports the next block; the clock moves one second first. */
  async produce(o: BuildOptions & { signers?: readonly number[] } = {}): Promise<BuiltBlock> {
    this.clock.t = Math.max(this.clock.t + 1, this.chain.tip.header.time + 1);
    const b = await this.build(o);
    await this.import(b, o.signers ? { signers: o.signers } : {});
    return b;
  }

  /** Produces `n` blocks. */
  async advance(n: number, o: BuildOptions & { signers?: readonly number[] } = {}): Promise<void> {
    for (let i = 0; i < n; i++) await this.produce(o);
  }

  /** A signed transaction from `key` with its next nonce. */
  async tx<P>(key: TestKey, module: string, command: string, schema: Codec<P>, params: P): Promise<PreparedTx> {
    const held = await this.chain.view((s) => getAccount(s, key.address).nonce);
    const local = this.nonces.get(key.addressText) ?? 0n;
    const nonce = local > held ? local : held;
    this.nonces.set(key.addressText, nonce + 1n);
    const body = buildTxBody(module, command, schema, params, {
      chainId: this.setup.params.chainId,
      nonce,
      gasLimit: 2_000_000n,
      maxFeePerGas: 1_000n,
      maxTipPerGas: 2n,
      senderPublicKey: key.publicKey,
    });
    return prepareTx(signTx(body, key.sign));
  }
}
