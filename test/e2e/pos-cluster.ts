/**
 * Proof-of-stake end-to-end helpers: N real `coinworks node --network pos-devnet` processes on
 * 127.0.0.1, each a genesis validator. Each data directory gets its consensus key first (so the
 * genesis can name it), then one genesis (the 8 funded test keys; test key i is validator i's
 * operator, bonding `SELF_STAKE`) is written to all. Processes start, stop and restart through the
 * multi-node `Cluster` helpers; each node dials every other node it knows.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { bytesToHex } from '../../src/encoding/hex.js';
import { writeGenesisFile, type GenesisSpec, type SlashingOverrides } from '../../src/node/genesis-file.js';
import { NETWORKS } from '../../src/params/networks.js';
import { parseDec } from '../../src/util/decimal.js';
import { loadOrCreateConsensusKey } from '../../src/validator/keys.js';
import { encodeAddress } from '../../src/crypto/address.js';
import { testKeys, type TestKey } from '../../src/testing/keys.js';
import { buildTxBody, signTx } from '../../src/primitives/tx-builder.js';
import { encode, type Codec } from '../../src/encoding/codec.js';
import { Tx, prepareTx } from '../../src/primitives/tx.js';
import { hashToDisplay } from '../../src/encoding/hex.js';
import { cleanEnv, rpc, until, background } from '../cli/process-helpers.js';
import { Cluster, type NodeProc } from './p2p-cluster.js';
import { E2E_STEP_TIMEOUT_MS } from './limits.js';

/** Self-stake of each genesis validator: 100 CWC (equal voting power). */
export const SELF_STAKE = 100n * 100_000_000n;

/** A block as chain_getBlock reports it on a BFT chain (the parts these tests read). */
export interface PosBlock {
  hash: string;
  height: number;
  consensus?: { proposer?: string; round?: number; evidence?: unknown[] };
}

/** A validator as staking_getValidator reports it (the parts these tests read). */
export interface ValidatorView {
  validator: { address: string; operator: string; jailed: boolean; tombstoned: boolean; jailedUntil: number | null; tokens: string; bonded: boolean };
  signing: { missedInWindow: number; window: number } | null;
  inNextSet: boolean;
}

/** N validator processes of one proof-of-stake devnet. */
export class PosCluster {
  private constructor(
    readonly cluster: Cluster,
    readonly validators: string[],
    readonly genesis: GenesisSpec,
  ) {}

  /** Keys and genesis for `n` validators under `root` (all on `pos-devnet`). */
  static async create(root: string, n: number, o: { slashing?: SlashingOverrides; allocations?: ReadonlyArray<{ address: string; amount: bigint }> } = {}): Promise<PosCluster> {
    const keys = testKeys(8);
    const pubs: string[] = [];
    const addrs: string[] = [];
    for (let i = 0; i < n; i++) {
      const dir = join(root, `node-${i}`);
      await mkdir(dir, { recursive: true });
      const { key } = await loadOrCreateConsensusKey(dir);
      pubs.push(bytesToHex(key.publicKey));
      addrs.push(encodeAddress(key.address));
    }
    const genesis: GenesisSpec = {
      network: 'pos-devnet',
      time: Math.floor(Date.now() / 1000),
      allocations: [...NETWORKS['pos-devnet'].genesis.allocations, ...keys.map((k) => ({ address: k.addressText, amount: 10n ** 15n })), ...(o.allocations ?? [])],
      validators: pubs.map((p, i) => ({
        operator: keys[i].addressText,
        consensusPublicKey: p,
        selfStake: SELF_STAKE,
        commission: { rate: parseDec('0.05'), maxRate: parseDec('0.2'), maxChangeRate: parseDec('0.01') },
      })),
      ...(o.slashing ? { slashing: o.slashing } : {}),
    };
    for (let i = 0; i < n; i++) await writeGenesisFile(join(root, `node-${i}`), genesis);
    return new PosCluster(Cluster.open(root, n, genesis), addrs, genesis);
  }

  /** Number of validators. */
  get size(): number {
    return this.cluster.size;
  }

  /** Starts node i dialling every other running node; `env` adds environment (the test-only switches). */
  async start(i: number, o: { env?: Record<string, string>; logLevel?: string } = {}): Promise<NodeProc> {
    const others = [...Array(this.size).keys()].filter((j) => j !== i && this.cluster.nodes[j]);
    if (!o.env) return this.cluster.start(i, { bootstrap: others, logLevel: o.logLevel ?? 'info' });
    // The Cluster helper knows no extra environment: start the same command line with it.
    return this.startWithEnv(i, others, o.env, o.logLevel ?? 'info');
  }

  private async startWithEnv(i: number, others: number[], env: Record<string, string>, logLevel: string): Promise<NodeProc> {
    const c = this.cluster;
    const prev = c.nodes[i];
    const args = [
      '--json',
      'node',
      '--network',
      'pos-devnet',
      '--datadir',
      c.dir(i),
      '--rpc-port',
      '0',
      '--p2p-port',
      prev?.p2p ? prev.p2p.split('/')[4] : '0',
      '--log-format',
      'json',
      '--log-level',
      logLevel,
      ...others.flatMap((j) => ['--bootstrap', c.nodes[j]!.p2p]),
    ];
    const proc = background(args, { env: cleanEnv({ COINWORKS_P2P_DENY_FILE: join(c.dir(i), 'deny.txt'), ...env }) });
    await proc.waitFor(/^\}$/m, E2E_STEP_TIMEOUT_MS);
    const info = JSON.parse(proc.output().stdout) as { rpc: string; peerId: string; p2p: string[] };
    const n: NodeProc = { index: i, dir: c.dir(i), url: info.rpc, peerId: info.peerId, p2p: info.p2p[0], proc };
    c.nodes[i] = n;
    return n;
  }

  /** Starts every node in order (each dials those before it). */
  async startAll(o: { env?: (i: number) => Record<string, string> | undefined } = {}): Promise<void> {
    for (let i = 0; i < this.size; i++) {
      const env = o.env?.(i);
      await this.start(i, env ? { env } : {});
    }
  }

  /** SIGKILLs node i (its process is gone; its data directory stays). */
  async kill(i: number): Promise<void> {
    await this.cluster.node(i).proc.stop('SIGKILL');
  }

  /**
   * SIGKILLs node i the moment its log shows a line matching `re` (from now on), or after
   * `timeoutMs` if none comes; says which.
   */
  async killWhen(i: number, re: RegExp, timeoutMs: number): Promise<'matched' | 'timeout'> {
    const proc = this.cluster.node(i).proc;
    const why = await new Promise<'matched' | 'timeout'>((resolve) => {
      const stderr = proc.child.stderr!;
      const done = (w: 'matched' | 'timeout') => {
        clearTimeout(timer);
        stderr.off('data', onData);
        proc.child.kill('SIGKILL');
        resolve(w);
      };
      const onData = (d: string | Buffer) => {
        if (re.test(d.toString())) done('matched');
      };
      const timer = setTimeout(() => done('timeout'), timeoutMs);
      stderr.on('data', onData);
    });
    await proc.exited;
    return why;
  }

  /** Tip height of node i. */
  async height(i: number): Promise<number> {
    return (await this.cluster.head(i)).height;
  }

  /** Waits until node i's tip reaches `height`. */
  async reach(i: number, height: number, timeoutMs = E2E_STEP_TIMEOUT_MS): Promise<number> {
    return until(async () => {
      const h = await this.height(i).catch(() => -1);
      return h >= height ? h : undefined;
    }, timeoutMs, 300);
  }

  /** Block hash of node i at `height` (undefined when it has none). */
  async hashAt(i: number, height: number): Promise<string | undefined> {
    try {
      const b = await rpc<{ hash: string } | null>(this.cluster.node(i).url, 'chain_getBlock', [height]);
      return b?.hash;
    } catch {
      return undefined;
    }
  }

  /** Safety: every listed node that has a block at a height has the same one, for heights 1..upTo. */
  async assertOneChain(which: number[], upTo: number): Promise<void> {
    for (let h = 1; h <= upTo; h++) {
      const hashes = new Set<string>();
      for (const i of which) {
        const x = await this.hashAt(i, h);
        if (x) hashes.add(x);
      }
      if (hashes.size > 1) throw new Error(`safety violation: height ${h} has blocks ${[...hashes].join(', ')}`);
    }
  }

  /** staking_getValidator of validator v, asked of node i. */
  validator(i: number, v: number): Promise<ValidatorView> {
    return rpc<ValidatorView>(this.cluster.node(i).url, 'staking_getValidator', [this.validators[v]]);
  }

  /** Signs test key `from`'s transaction `module.command(params)` with `nonce`; hex for tx_send and the id. */
  tx<T>(from: number, module: string, command: string, codec: Codec<T>, params: T, nonce: bigint): { hex: string; id: string } {
    return this.txWith(this.cluster.keys[from], module, command, codec, params, nonce, 200_000n);
  }

  /** Signs `key`'s transaction `module.command(params)` with `nonce` (gas limit 100,000 by default, as the other benchmarks). */
  txWith<T>(key: TestKey, module: string, command: string, codec: Codec<T>, params: T, nonce: bigint, gasLimit = 100_000n): { hex: string; id: string } {
    const body = buildTxBody(module, command, codec, params, {
      chainId: NETWORKS['pos-devnet'].chainId,
      nonce,
      gasLimit,
      maxFeePerGas: 10_000n,
      maxTipPerGas: 5n,
      senderPublicKey: key.publicKey,
    });
    const tx = signTx(body, key.sign);
    return { hex: bytesToHex(encode(Tx, tx)), id: hashToDisplay(prepareTx(tx).id) };
  }

  /** The node's log so far (its stderr, JSON lines). */
  log(i: number): string {
    return this.cluster.node(i).proc.output().stderr;
  }

  /** Stops every running node (SIGINT). */
  stopAll(): Promise<void> {
    return this.cluster.stopAll();
  }
}
