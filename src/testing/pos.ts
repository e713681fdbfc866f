/**
 * In-memory proof-of-stake chains for tests: a real `Chain` and `StateMachine` running the
 * proof-of-stake modules under the test engine (src/testing/pos-engine.ts), with genesis
 * validators bonded from their operators' allocations, funded users, a controllable clock, signed
 * commands with automatic nonces, and blocks whose parent signers and evidence the test chooses.
 */
import { bytesToHex } from '../encoding/hex.js';
import type { Codec } from '../encoding/codec.js';
import { installNativeHashing } from '../crypto/native.js';
import { regtest, withAllocations, ONE_COIN, type NetworkParams } from '../params/networks.js';
import { POS_DEVNET_ECONOMICS, withGenesisValidators, type ProofOfStakeParams } from '../params/staking.js';
import { StateMachine } from '../state/state-machine.js';
import { coreModules } from '../state/modules/index.js';
import { proofOfStake, type ProofOfStake } from '../state/modules/proof-of-stake.js';
import { activeSetAt } from '../state/modules/staking/method.js';
import { getAccount } from '../state/modules/accounts/method.js';
import type { EventRecord } from '../state/events.js';
import type { Receipt } from '../state/receipt.js';
import { ChainStore } from '../storage/chain-store.js';
import { MemoryKv } from '../storage/memory-kv.js';
import { Chain, type StateChanges } from '../chain/chain.js';
import type { IterableState } from './pos-invariants.js';
import { assembleBlock, templateToBlock } from '../chain/assembler.js';
import { SealKind } from '../primitives/block.js';
import { prepareTx, type PreparedTx } from '../primitives/tx.js';
import { buildTxBody, signTx } from '../primitives/tx-builder.js';
import { encodeTestFacts, TestPosEngine } from './pos-engine.js';
import { TestClock } from './chain.js';
import { testKeys, type TestKey } from './keys.js';

/** Options of a proof-of-stake test chain. */
export interface PosChainOptions {
  /** Economics (default: the devnet's); genesis validators are added from `validators`. */
  readonly economics?: ProofOfStakeParams;
  /** Genesis validators (default 4), each bonding `selfStake` from its operator. */
  readonly validators?: number;
  readonly selfStake?: bigint;
  /** Commission rate of the genesis validators (default 5%), max 20%, max change 1%. */
  readonly commission?: bigint;
  /** Per-validator commission rates (overrides `commission`). */
  readonly commissions?: readonly bigint[];
  /** Operators' allocation (default selfStake + 1,000 CWC). */
  readonly operatorFund?: bigint;
  /** Funded users (default 6) and their allocation (default 10,000 CWC). */
  readonly users?: number;
  readonly userFund?: bigint;
  /** Seconds between blocks (default 1). */
  readonly blockTime?: number;
}

/** What one block produced. */
export interface ProducedBlock {
  readonly height: bigint;
  readonly time: number;
  readonly receipts: Receipt[];
  readonly blockEvents: EventRecord[];
}

const PERCENT = 10n ** 16n;

/**
 * A synchronous copy of a chain's head state for tests (the head state itself lives on disk and
 * is read through `Chain.view`): read whole once, then kept in step with every connect and
 * disconnect from the records each one wrote (`StateChanges`). Test states are small.
 */
export class HeadSnapshot implements IterableState {
  readonly #records = new Map<string, Uint8Array>();

  /** A snapshot of `chain`'s head that follows it from now on. */
  static async follow(chain: Chain): Promise<HeadSnapshot> {
    const s = new HeadSnapshot();
    // Read whole at one version: a block connected meanwhile (a live node) means read again.
    for (;;) {
      const version = chain.world.version;
      s.#records.clear();
      for await (const [k, v] of chain.world.entries('')) s.#records.set(k, v);
      if (chain.world.version === version) break;
    }
    // Listeners go on in the same synchronous step as the version check: no change slips between.
    const apply = (changes: StateChanges): void => {
      for (const [k, v] of changes) {
        if (v === null) s.#records.delete(k);
        else s.#records.set(k, v);
      }
    };
    chain.on('connect', (_e, _b, _r, changes) => apply(changes));
    chain.on('disconnect', (_e, _b, changes) => apply(changes));
    return s;
  }

  /** Value of a key at the head. */
  get(key: string): Uint8Array | undefined {
    return this.#records.get(key);
  }

  /** Records under `prefix` in key order. */
  *entries(prefix = ''): Iterable<[string, Uint8Array]> {
    const keys = [...this.#records.keys()].filter((k) => k.startsWith(prefix)).sort();
    for (const k of keys) yield [k, this.#records.get(k)!];
  }
}

/** A proof-of-stake chain for tests. */
export class PosChain {
  readonly pos: ProofOfStake;
  readonly params: NetworkParams;
  readonly chain: Chain;
  readonly clock: TestClock;
  /** Operator keys of the genesis validators. */
  readonly operators: TestKey[];
  /** Consensus keys of the genesis validators (validator address = address of this key). */
  readonly consensusKeys: TestKey[];
  /** Funded users. */
  readonly users: TestKey[];
  readonly blockTime: number;
  private readonly nonces = new Map<string, bigint>();
  #snapshot: HeadSnapshot | undefined;

  private constructor(o: PosChainOptions) {
    installNativeHashing();
    const n = o.validators ?? 4;
    const selfStake = o.selfStake ?? 1_000n * ONE_COIN;
    this.operators = testKeys(n, 'pos operator');
    this.consensusKeys = testKeys(n, 'pos consensus');
    this.users = testKeys(o.users ?? 6, 'pos user');
    const rate = o.commission ?? 5n * PERCENT;
    const economics = withGenesisValidators(
      o.economics ?? POS_DEVNET_ECONOMICS,
      this.operators.map((k, i) => ({
        operator: k.addressText,
        consensusPublicKey: bytesToHex(this.consensusKeys[i].publicKey),
        selfStake,
        commission: { rate: o.commissions?.[i] ?? rate, maxRate: 20n * PERCENT, maxChangeRate: 1n * PERCENT },
      })),
    );
    this.pos = proofOfStake(economics);
    this.blockTime = o.blockTime ?? 1;
    const base: NetworkParams = { ...regtest, name: 'pos-test', chainId: 0xc0de20, blockTime: this.blockTime, genesis: { ...regtest.genesis, extraData: 'coinworks pos test' } };
    this.params = withAllocations(base, [
      ...this.operators.map((k) => ({ address: k.addressText, amount: o.operatorFund ?? selfStake + 1_000n * ONE_COIN })),
      ...this.users.map((k) => ({ address: k.addressText, amount: o.userFund ?? 10_000n * ONE_COIN })),
    ]);
    this.clock = new TestClock(this.params.genesis.time);
    const engine = new TestPosEngine(this.pos);
    this.chain = new Chain({
      params: this.params,
      store: new ChainStore(new MemoryKv()),
      engine,
      stateMachine: new StateMachine(this.params, coreModules(engine.modules())),
      now: () => this.clock.t + 10,
    });
  }

  /** Creates and opens a chain. */
  static async create(o: PosChainOptions = {}): Promise<PosChain> {
    const c = new PosChain(o);
    await c.chain.open();
    c.#snapshot = await HeadSnapshot.follow(c.chain);
    return c;
  }

  /** The economics the modules run with. */
  get economics(): ProofOfStakeParams {
    return this.pos.params;
  }

  /** The head state, synchronously (a snapshot that follows the chain). */
  get state(): HeadSnapshot {
    return this.#snapshot!;
  }

  /** Height of the tip. */
  get height(): bigint {
    return BigInt(this.chain.tip.height);
  }

  /** Addresses of the genesis validators. */
  get validators(): Uint8Array[] {
    return this.consensusKeys.map((k) => k.address);
  }

  /** A signed command from `key` with its next nonce. */
  tx<P>(key: TestKey, module: string, command: string, schema: Codec<P>, params: P, o: { gasLimit?: bigint; tip?: bigint } = {}): PreparedTx {
    const held = getAccount(this.state, key.address).nonce;
    const local = this.nonces.get(key.addressText) ?? 0n;
    const nonce = local > held ? local : held;
    this.nonces.set(key.addressText, nonce + 1n);
    const body = buildTxBody(module, command, schema, params, {
      chainId: this.params.chainId,
      nonce,
      gasLimit: o.gasLimit ?? 2_000_000n,
      maxFeePerGas: 1_000n,
      maxTipPerGas: o.tip ?? 2n,
      senderPublicKey: key.publicKey,
    });
    return prepareTx(signTx(body, key.sign));
  }

  /** Forgets locally counted nonces (after a transaction was left out of a block). */
  resetNonces(): void {
    this.nonces.clear();
  }

  /** The members of the set that signed the tip (the default parent signers of the next block). */
  parentSet(): Uint8Array[] {
    return activeSetAt(this.state, this.height).validators.map((m) => m.address);
  }

  /**
   * Produces one block on the tip `dt` seconds after it (default the block time) with `txs`; its
   * parent signers are `signers` (default: every member of the tip's set) and it carries `evidence`.
   */
  async produce(o: { txs?: readonly PreparedTx[]; signers?: readonly Uint8Array[]; evidence?: ReadonlyArray<{ validator: Uint8Array; height: bigint }>; dt?: number; requireAll?: boolean } = {}): Promise<ProducedBlock> {
    this.clock.t += o.dt ?? this.blockTime;
    const signers = o.signers ?? (this.height >= 1n ? this.parentSet() : []);
    const consensusData = encodeTestFacts({ proposer: signers[0] ?? null, signers: [...signers], evidence: [...(o.evidence ?? [])] });
    const t = await assembleBlock(this.chain, { txs: o.txs ?? [], beneficiary: new Uint8Array(20), time: this.clock.t, consensusData });
    if ((o.requireAll ?? true) && t.txs.length !== (o.txs ?? []).length) {
      throw new Error(`only ${t.txs.length} of ${(o.txs ?? []).length} transactions were included: ${t.rejected.map((r) => r.error.message).join('; ')}`);
    }
    const block = { ...templateToBlock(t, new Uint8Array(0), 0), seal: { kind: SealKind.bft, data: new Uint8Array(0) } };
    const r = await this.chain.importBlock(block);
    if (r.status === 'orphan') throw new Error('orphan');
    const rec = (await this.chain.store.receipts(this.chain.tip.hash))!;
    return { height: this.height, time: this.clock.t, receipts: rec.receipts, blockEvents: rec.blockEvents };
  }

  /** Produces `n` empty blocks (every validator signing); returns the last. */
  async advance(n: number, o: { dt?: number; signers?: readonly Uint8Array[] } = {}): Promise<ProducedBlock> {
    let last: ProducedBlock | undefined;
    for (let i = 0; i < n; i++) last = await this.produce(o);
    return last!;
  }

  /** Produces a block with exactly `txs` and returns their receipts. */
  async send(...txs: PreparedTx[]): Promise<Receipt[]> {
    return (await this.produce({ txs })).receipts;
  }

  /** Produces a block with one transaction and returns its receipt. */
  async run(tx: PreparedTx): Promise<Receipt> {
    return (await this.send(tx))[0];
  }
}
