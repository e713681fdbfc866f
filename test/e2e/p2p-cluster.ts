/**
 * Multi-node end-to-end helpers: real `coinworks node` processes on 127.0.0.1 that share one
 * genesis (written by the test, funding deterministic test keys), each with its own data
 * directory, RPC and p2p port; links are cut and healed with the test-only deny file
 * (COINWORKS_P2P_DENY_FILE). A chain can be pre-built in-process into a node's data directory
 * (regtest difficulty) so a late joiner has thousands of blocks to catch up.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { background, cleanEnv, rpc, until, type Background } from '../cli/process-helpers.js';
import { writeGenesisFile, paramsForGenesis, type GenesisSpec } from '../../src/node/genesis-file.js';
import type { NetworkName } from '../../src/node/config.js';
import { NETWORKS } from '../../src/params/networks.js';
import { testKeys, type TestKey } from '../../src/testing/keys.js';
import { buildTxBody, signTx } from '../../src/primitives/tx-builder.js';
import { TransferParams } from '../../src/state/modules/bank/schemas.js';
import { encode } from '../../src/encoding/codec.js';
import { Tx, prepareTx } from '../../src/primitives/tx.js';
import { bytesToHex, hashToDisplay } from '../../src/encoding/hex.js';
import { E2E_STEP_TIMEOUT_MS } from './limits.js';

/** One running node process. */
export interface NodeProc {
  readonly index: number;
  readonly dir: string;
  readonly url: string;
  readonly peerId: string;
  readonly p2p: string;
  readonly proc: Background;
}

/** The head as chain_getHead reports it. */
export interface Head {
  height: number;
  hash: string;
  chainWork: string;
}

/** A set of node data directories on one genesis. */
export class Cluster {
  readonly keys: TestKey[];
  readonly nodes: Array<NodeProc | undefined> = [];
  private constructor(
    readonly root: string,
    readonly network: NetworkName,
    readonly genesis: GenesisSpec,
    readonly size: number,
  ) {
    this.keys = testKeys(8);
  }

  /** Writes the genesis (8 funded test keys) into `size` data directories under `root`. */
  static async create(root: string, size: number, o: { network?: NetworkName; genesisTime?: number } = {}): Promise<Cluster> {
    const network = o.network ?? 'devnet';
    const keys = testKeys(8);
    const genesis: GenesisSpec = {
      network,
      time: o.genesisTime ?? Math.floor(Date.now() / 1000),
      allocations: [...NETWORKS[network].genesis.allocations, ...keys.map((k) => ({ address: k.addressText, amount: 10n ** 15n }))],
    };
    const c = new Cluster(root, network, genesis, size);
    for (let i = 0; i < size; i++) await writeGenesisFile(c.dir(i), genesis);
    return c;
  }

  /** Nodes over data directories that already hold `genesis` (e.g. a benchmark's pre-built chain). */
  static open(root: string, size: number, genesis: GenesisSpec): Cluster {
    return new Cluster(root, genesis.network, genesis, size);
  }

  /** Data directory of node i. */
  dir(i: number): string {
    return join(this.root, `node-${i}`);
  }

  /** The network parameters of this genesis. */
  params() {
    return paramsForGenesis(this.genesis);
  }

  private denyFile(i: number): string {
    return join(this.dir(i), 'deny.txt');
  }

  /** Starts node i (dialling the listed running nodes); resolves once its start line is printed. */
  async start(i: number, o: { bootstrap?: number[]; mine?: boolean; logLevel?: string; extra?: string[] } = {}): Promise<NodeProc> {
    await mkdir(this.dir(i), { recursive: true });
    const bootstrap = (o.bootstrap ?? []).map((j) => this.nodes[j]?.p2p).filter((a): a is string => !!a);
    const args = [
      '--json',
      'node',
      '--network',
      this.network,
      '--datadir',
      this.dir(i),
      '--rpc-port',
      '0',
      '--p2p-port',
      this.nodes[i]?.p2p ? this.nodes[i]!.p2p.split('/')[4] : '0',
      '--log-format',
      'json',
      '--log-level',
      o.logLevel ?? 'info',
      '--beneficiary',
      this.keys[i % this.keys.length].addressText,
      ...bootstrap.flatMap((b) => ['--bootstrap', b]),
      ...(o.mine ? ['--mine', '--threads', '1'] : []),
      ...(o.extra ?? []),
    ];
    const proc = background(args, { env: cleanEnv({ COINWORKS_P2P_DENY_FILE: this.denyFile(i) }) });
    await proc.waitFor(/^\}$/m, E2E_STEP_TIMEOUT_MS);
    const info = JSON.parse(proc.output().stdout) as { rpc: string; peerId: string; p2p: string[] };
    const n: NodeProc = { index: i, dir: this.dir(i), url: info.rpc, peerId: info.peerId, p2p: info.p2p[0], proc };
    this.nodes[i] = n;
    return n;
  }

  /** Node i (must be running). */
  node(i: number): NodeProc {
    const n = this.nodes[i];
    if (!n) throw new Error(`node ${i} is not running`);
    return n;
  }

  /** Calls a control method (mining_start, mining_stop) on node i with its auth cookie. */
  async control<T = unknown>(i: number, method: string, params: unknown[] = []): Promise<T> {
    const cookie = (await readFile(join(this.dir(i), '.cookie'), 'utf8')).trim();
    const res = await fetch(this.node(i).url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(cookie).toString('base64')}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const body = (await res.json()) as { result?: T; error?: { message: string } };
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
    return body.result as T;
  }

  /** The head of node i. */
  head(i: number): Promise<Head> {
    return rpc<Head>(this.node(i).url, 'chain_getHead');
  }

  /** Cuts node i off from the listed nodes (both directions need a call each). */
  async deny(i: number, peers: number[]): Promise<void> {
    await writeFile(this.denyFile(i), peers.map((j) => this.node(j).peerId).join('\n') + '\n');
  }

  /** Polls until every listed node reports the same tip; returns it. */
  async sameTip(which: number[], o: { minHeight?: number; timeoutMs?: number } = {}): Promise<Head> {
    return until(async () => {
      const heads = await Promise.all(which.map((i) => this.head(i)));
      const first = heads[0];
      return heads.every((h) => h.hash === first.hash) && first.height >= (o.minHeight ?? 0) ? first : undefined;
    }, o.timeoutMs ?? E2E_STEP_TIMEOUT_MS, 250);
  }

  /** Stops every running node (SIGINT, then waits). */
  async stopAll(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n?.proc.stop('SIGINT')));
  }

  /** A signed transfer from test key `from` (hex for tx_send) and its id in display order. */
  transfer(from: number, to: number, amount: bigint, nonce: bigint): { hex: string; id: string } {
    const k = this.keys[from];
    const body = buildTxBody('bank', 'transfer', TransferParams, { to: this.keys[to].address, assetId: 0, amount, memo: new Uint8Array(0) }, {
      chainId: NETWORKS[this.network].chainId,
      nonce,
      gasLimit: 100_000n,
      maxFeePerGas: 10_000n,
      maxTipPerGas: 5n,
      senderPublicKey: k.publicKey,
    });
    const tx = signTx(body, k.sign);
    return { hex: bytesToHex(encode(Tx, tx)), id: hashToDisplay(prepareTx(tx).id) };
  }
}

/** Where a transaction is, as tx_get reports it. */
export interface TxStatus {
  status: string;
  blockHash?: string;
  height?: number;
}

/** tx_get on a node (undefined when unknown). */
export async function txStatus(url: string, id: string): Promise<TxStatus | undefined> {
  try {
    return await rpc<TxStatus>(url, 'tx_get', [id]);
  } catch {
    return undefined;
  }
}

/**
 * Builds `blocks` blocks (regtest difficulty, block i at genesis time + 2i, a few transfers every
 * tenth block) straight into node i's data directory, before that node starts.
 */
export async function prebuildChain(c: Cluster, i: number, blocks: number): Promise<{ height: number; hash: string }> {
  const { LevelKv } = await import('../../src/storage/level-kv.js');
  const { ChainStore } = await import('../../src/storage/chain-store.js');
  const { Chain } = await import('../../src/chain/chain.js');
  const { StateMachine } = await import('../../src/state/state-machine.js');
  const { coreModules } = await import('../../src/state/modules/index.js');
  const { engineFor } = await import('../../src/node/engines.js');
  const { makeBlock, transfer } = await import('../../src/testing/chain.js');
  const { installNativeHashing } = await import('../../src/crypto/native.js');
  installNativeHashing();
  const params = c.params();
  const engine = engineFor(params);
  const kv = await LevelKv.open(join(c.dir(i), 'chain'));
  const chain = new Chain({ params, store: new ChainStore(kv), engine, stateMachine: new StateMachine(params, coreModules(engine.modules())) });
  await chain.open();
  const nonces = c.keys.map(() => 0n);
  for (let h = 1; h <= blocks; h++) {
    const txs = [];
    if (h % 10 === 0) {
      for (let k = 0; k < 8; k++) txs.push(transfer(chain, c.keys[k], c.keys[(k + 1) % 8].address, 1000n + BigInt(h), nonces[k]++));
    }
    const block = await makeBlock(chain, { txs, beneficiary: c.keys[0].address, time: c.genesis.time + 2 * h });
    await chain.importBlock(block, { sync: h === blocks });
  }
  const tip = { height: chain.tip.height, hash: hashToDisplay(chain.tip.hash) };
  await chain.close();
  return tip;
}
