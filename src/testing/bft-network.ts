/**
 * In-process proof-of-stake networks for tests: N validator nodes, each a real `Chain` (in-memory
 * store) under the BFT chain engine, a `Mempool` and a `ValidatorService`, talking over one
 * `ConsensusHub`. The genesis bonds one validator per node from its operator's allocation and
 * funds a few users. All nodes share a clock that may run faster than real time (`speed`), so
 * one-second blocks come quicker; round timeouts stay in real milliseconds.
 *
 * A node can be stopped and started again on the same store, sign state and locked block (a
 * restart), or dropped from the hub (a crash without restart, or a partition).
 */
import { bytesToHex } from '../encoding/hex.js';
import { installNativeHashing, verifyNative } from '../crypto/native.js';
import { bftParams, posDevnet, withAllocations, ONE_COIN, type BftTimeoutParams, type NetworkParams } from '../params/networks.js';
import { POS_DEVNET_ECONOMICS, withGenesisValidators, type ProofOfStakeParams } from '../params/staking.js';
import { StateMachine } from '../state/state-machine.js';
import { coreModules } from '../state/modules/index.js';
import { ChainStore } from '../storage/chain-store.js';
import { MemoryKv } from '../storage/memory-kv.js';
import { Chain } from '../chain/chain.js';
import { Mempool } from '../mempool/mempool.js';
import { BftChainEngine } from '../consensus/bft/chain-engine.js';
import { MemorySignStateStore } from '../consensus/bft/signer.js';
import { MemoryLockedValues } from '../validator/durable-signer.js';
import { consensusKeyFromSecret, type ConsensusKey } from '../validator/keys.js';
import { ValidatorService, type ValidatorLog } from '../validator/service.js';
import { ConsensusHub, type HubOptions } from './bft-hub.js';
import { testKey, testKeys, type TestKey } from './keys.js';

/** Round timeouts for in-process networks: short, still growing with the round. */
export const FAST_TIMEOUTS: BftTimeoutParams = {
  proposeMs: 600,
  proposeDeltaMs: 100,
  prevoteMs: 200,
  prevoteDeltaMs: 100,
  precommitMs: 200,
  precommitDeltaMs: 100,
  commitMs: 20,
};

/** The store as a chain sees it, except that closing it keeps the data for the node's restart. */
function survivingClose(kv: MemoryKv): MemoryKv {
  return new Proxy(kv, {
    get(target, prop) {
      if (prop === 'close') return async () => undefined;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** What `bftTestParams` sets up. */
export interface BftTestSetup {
  readonly params: NetworkParams;
  /** Operator accounts of the genesis validators (each funded with its self-stake + 1,000 CWC). */
  readonly operators: TestKey[];
  /** Consensus keys of the genesis validators. */
  readonly consensusKeys: TestKey[];
  /** Funded users (10,000 CWC each). */
  readonly users: TestKey[];
}

/**
 * Parameters of a proof-of-stake test network: `validators` genesis validators (self-stake 1,000
 * CWC each unless `stakes`), bonded from their operators, and `users` funded accounts.
 */
export function bftTestParams(o: { validators?: number; stakes?: readonly bigint[]; users?: number; timeouts?: BftTimeoutParams; economics?: ProofOfStakeParams; genesisTime: number }): BftTestSetup {
  const n = o.validators ?? 4;
  const operators = testKeys(n, 'bft operator');
  const consensusKeys = testKeys(n, 'bft consensus');
  const users = testKeys(o.users ?? 4, 'bft user');
  const stakes = o.stakes ?? operators.map(() => 1_000n * ONE_COIN);
  const economics = withGenesisValidators(
    o.economics ?? POS_DEVNET_ECONOMICS,
    operators.map((k, i) => ({
      operator: k.addressText,
      consensusPublicKey: bytesToHex(consensusKeys[i].publicKey),
      selfStake: stakes[i],
      commission: { rate: 5n * 10n ** 16n, maxRate: 20n * 10n ** 16n, maxChangeRate: 10n ** 16n },
    })),
  );
  const params: NetworkParams = {
    ...posDevnet,
    name: 'bft-test',
    chainId: 0xc0de30,
    consensus: { engine: 'bft', bft: { ...bftParams(posDevnet), timeouts: o.timeouts ?? FAST_TIMEOUTS, economics } },
    genesis: { ...posDevnet.genesis, time: o.genesisTime, allocations: [], extraData: 'coinworks bft test' },
  };
  return {
    params: withAllocations(params, [
      ...operators.map((k, i) => ({ address: k.addressText, amount: stakes[i] + 1_000n * ONE_COIN })),
      ...users.map((k) => ({ address: k.addressText, amount: 10_000n * ONE_COIN })),
    ]),
    operators,
    consensusKeys,
    users,
  };
}

/** Options of a test network. */
export interface BftNetworkOptions {
  /** Validator nodes (default 4). */
  readonly validators?: number;
  /** Self-stake of each (default 1,000 CWC), or one per validator. */
  readonly stakes?: readonly bigint[];
  /** Funded users (default 4, 10,000 CWC each). */
  readonly users?: number;
  /** Clock speed against real time (default 10: a chain second lasts 100 ms). */
  readonly speed?: number;
  readonly timeouts?: BftTimeoutParams;
  readonly economics?: ProofOfStakeParams;
  readonly hub?: HubOptions;
  /** Node indexes that double-sign (test switch). */
  readonly doubleSigners?: readonly number[];
  /** Extra nodes that follow without a key. */
  readonly followers?: number;
  /** Extra nodes with a consensus key that is not a genesis validator (they follow until the key joins the set). */
  readonly extraValidators?: number;
  readonly log?: (i: number) => ValidatorLog;
}

/** One node of a test network. */
export interface BftTestNode {
  readonly index: number;
  readonly id: string;
  readonly key: ConsensusKey | null;
  chain: Chain;
  mempool: Mempool;
  service: ValidatorService;
  readonly kv: MemoryKv;
  readonly signState: MemorySignStateStore;
  readonly locked: MemoryLockedValues;
  running: boolean;
}

/** A running test network. */
export class BftTestNetwork {
  readonly hub: ConsensusHub;
  readonly params: NetworkParams;
  readonly nodes: BftTestNode[] = [];
  /** Operator accounts of the genesis validators. */
  readonly operators: TestKey[];
  /** Consensus keys of the genesis validators. */
  readonly consensusKeys: TestKey[];
  readonly users: TestKey[];
  readonly clockMs: () => number;
  private readonly doubleSigners: Set<number>;

  private constructor(private readonly o: BftNetworkOptions) {
    installNativeHashing();
    this.doubleSigners = new Set(o.doubleSigners ?? []);
    const speed = o.speed ?? 10;
    const t0 = Date.now();
    const base = Math.floor(t0 / 1000) * 1000;
    this.clockMs = () => base + (Date.now() - t0) * speed;
    const setup = bftTestParams({ ...o, genesisTime: Math.floor(this.clockMs() / 1000) - 1 });
    this.params = setup.params;
    this.operators = setup.operators;
    this.consensusKeys = setup.consensusKeys;
    this.users = setup.users;
    this.hub = new ConsensusHub(o.hub ?? {});
  }

  /** Builds and starts a network. */
  static async start(o: BftNetworkOptions = {}): Promise<BftTestNetwork> {
    const net = new BftTestNetwork(o);
    const n = o.validators ?? 4;
    const extra = o.extraValidators ?? 0;
    for (let i = 0; i < n + extra + (o.followers ?? 0); i++) {
      const key = i < n ? consensusKeyFromSecret(net.consensusKeys[i].secretKey) : i < n + extra ? consensusKeyFromSecret(testKey(i, 'bft consensus').secretKey) : null;
      const node = await net.makeNode(i, key, new MemoryKv(), new MemorySignStateStore(), new MemoryLockedValues());
      net.nodes.push(node);
    }
    await Promise.all(net.nodes.map((x) => x.service.start()));
    for (const x of net.nodes) x.running = true;
    return net;
  }

  private async makeNode(index: number, key: ConsensusKey | null, kv: MemoryKv, signState: MemorySignStateStore, locked: MemoryLockedValues): Promise<BftTestNode> {
    const id = `node${index}`;
    const engine = new BftChainEngine(this.params, { verify: verifyNative });
    const chain = new Chain({
      params: this.params,
      store: new ChainStore(survivingClose(kv)),
      engine,
      stateMachine: new StateMachine(this.params, coreModules(engine.modules())),
      now: () => Math.floor(this.clockMs() / 1000),
    });
    await chain.open();
    const mempool = new Mempool(chain);
    const transport = this.hub.join(id);
    const service = new ValidatorService({
      chain,
      mempool,
      transport,
      ...(key ? { key, signState, lockedValues: locked } : {}),
      verify: verifyNative,
      clockMs: this.clockMs,
      statusIntervalMs: 200,
      testDoubleSign: this.doubleSigners.has(index),
      ...(this.o.log ? { log: this.o.log(index) } : {}),
    });
    return { index, id, key, chain, mempool, service, kv, signState, locked, running: false };
  }

  /** Stops node `i` (its store, sign state and locked block are kept for `restart`). */
  async stop(i: number): Promise<void> {
    const node = this.nodes[i];
    if (!node.running) return;
    node.running = false;
    this.hub.disconnect(node.id);
    await node.service.stop();
    node.mempool.dispose();
    await node.chain.close();
  }

  /** Starts node `i` again on what it had stored. */
  async restart(i: number): Promise<void> {
    const old = this.nodes[i];
    if (old.running) return;
    const node = await this.makeNode(i, old.key, old.kv, old.signState, old.locked);
    this.nodes[i] = node;
    await node.service.start();
    node.running = true;
  }

  /** Height of node `i`'s tip. */
  height(i: number): number {
    return this.nodes[i].chain.tip.height;
  }

  /** Polls until every running node (or those listed) has reached `height`; throws after `timeoutMs`. */
  async waitForHeight(height: number, o: { nodes?: readonly number[]; timeoutMs?: number } = {}): Promise<void> {
    const which = o.nodes ?? this.nodes.filter((x) => x.running).map((x) => x.index);
    const deadline = Date.now() + (o.timeoutMs ?? 60_000);
    while (which.some((i) => this.height(i) < height)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for height ${height}: heights ${this.nodes.map((x) => `${x.id}=${x.chain.tip.height}${x.running ? '' : '(stopped)'}`).join(' ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Stops every node. */
  async close(): Promise<void> {
    for (let i = 0; i < this.nodes.length; i++) await this.stop(i);
  }
}
