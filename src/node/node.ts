/**
 * A full node in one process: the chain on LevelDB in `<datadir>/chain`, the mempool (reloaded
 * from `<datadir>/mempool.dat`), the CPU mining service, the peer-to-peer network (unless
 * `--no-p2p`) and the JSON-RPC server, with a pino logger (one child per component). `start()`
 * opens everything in that order; `stop()` closes it in reverse (the network before the mempool is
 * saved) and waits for a block import in progress to finish before the database closes, so a stop
 * never leaves a half-written block.
 */
import { join } from 'node:path';
import { installNativeHashing } from '../crypto/native.js';
import { decodeAddress, encodeAddress } from '../crypto/address.js';
import { verifyNative } from '../crypto/native.js';
import { bytesToHex, hashToDisplay } from '../encoding/hex.js';
import { FileSignStateStore } from '../consensus/bft/sign-state-file.js';
import { LockedValueFile } from '../validator/durable-signer.js';
import { loadOrCreateConsensusKey, LOCKED_BLOCK_FILE, SIGN_STATE_FILE, validatorFile, type ConsensusKey } from '../validator/keys.js';
import { ValidatorService } from '../validator/service.js';
import { NO_PEERS, type ConsensusTransport } from '../validator/transport.js';
import { P2pConsensusTransport } from '../validator/p2p-transport.js';
import { Chain } from '../chain/chain.js';
import type { ChainEntry } from '../chain/chain-index.js';
import { engineFor } from './engines.js';
import { StateMachine } from '../state/state-machine.js';
import { coreModules } from '../state/modules/index.js';
import { ChainStore } from '../storage/chain-store.js';
import { LevelKv } from '../storage/level-kv.js';
import type { NetworkParams } from '../params/networks.js';
import type { PreparedBlock } from '../primitives/block.js';
import { Mempool } from '../mempool/mempool.js';
import { loadMempool, MEMPOOL_FILE_NAME, saveMempool } from '../mempool/mempool-file.js';
import { P2pNetwork } from '../p2p/network.js';
import { MiningService, type MiningServiceOptions } from '../miner/mining-service.js';
import type { RpcAuth } from '../rpc/auth.js';
import { createRpcServer } from '../rpc/server.js';
import { findDashboardDir } from './dashboard-dir.js';
import { MiningPool } from '../mining-pool/service.js';
import { MiningPoolError } from '../mining-pool/errors.js';
import type { NodeConfig } from './config.js';
import { removeCookie, writeCookie } from './cookie.js';
import { NodeError } from './errors.js';
import { loadOrCreateGenesis, paramsForGenesis, rememberedGenesis, rememberGenesis, summarizeGenesis, type GenesisSpec, type GenesisSummary } from './genesis-file.js';
import { genesisDigest } from '../chain/genesis.js';
import { createLogger, type NodeLogger } from './logger.js';

/** Folder of the chain database inside a data directory. */
export const CHAIN_DIR_NAME = 'chain';

/** Mining service that refuses to start when the node has no beneficiary address, or its network is not proof of work. */
class NodeMiningService extends MiningService {
  constructor(
    o: MiningServiceOptions,
    private readonly hasBeneficiary: boolean,
    private readonly engineName: string,
  ) {
    super(o);
  }

  /** Starts mining; CONFIG_INVALID when no beneficiary is configured or the network has no proof of work. */
  override async start(threads?: number): Promise<void> {
    if (this.engineName !== 'pow') {
      throw new NodeError('CONFIG_INVALID', `this network runs the ${this.engineName} engine: there is nothing to mine; validators make its blocks (see \`coinworks validator --help\`)`);
    }
    if (!this.hasBeneficiary) {
      throw new NodeError('CONFIG_INVALID', 'this node has no beneficiary address to mine to: restart it with --beneficiary <address>');
    }
    await super.start(threads);
  }
}

/** Options of a node besides its configuration. */
export interface CoinworksNodeOptions {
  /** Logger to use (default: one built from the config's level and format). */
  readonly log?: NodeLogger;
  /** Local clock in seconds (tests). */
  readonly now?: () => number;
  /** When the Stratum port is taken, listen on any free port instead (devnet's default port). */
  readonly stratumPortFallback?: boolean;
}

/** Folder of the mining pool (ledger and key) inside a data directory. */
export const MINING_POOL_DIR_NAME = 'mining-pool';
/** Test-only environment variable: a file of peer ids the node refuses (re-read every second), to cut links in partition tests. */
export const P2P_DENY_FILE_ENV = 'COINWORKS_P2P_DENY_FILE';

/** What a started node reports. */
export interface NodeInfo {
  /** Base URL of the JSON-RPC server. */
  readonly rpcUrl: string;
  /** Port the JSON-RPC server listens on (the actual one when 0 was asked for). */
  readonly rpcPort: number;
  /** Genesis of the data directory (network, time, number of allocations). */
  readonly genesis: GenesisSummary;
  /** Height of the tip after opening. */
  readonly height: number;
  /** Address of this node's consensus key (proof-of-stake networks). */
  readonly validator?: string;
  /** Stratum URL of the mining pool, when it runs. */
  readonly stratumUrl?: string;
  /** Address the mining pool's blocks pay (its key), when it runs. */
  readonly poolAddress?: string;
  /** This node's peer id and listen addresses (none with `--no-p2p`). */
  readonly p2p: { readonly peerId: string; readonly listen: readonly string[] } | undefined;
}

type RpcHandle = Awaited<ReturnType<typeof createRpcServer>>;

/** A Coinworks node: chain, mempool, miner and RPC server over one data directory. */
export class CoinworksNode {
  /** The configuration the node was built with. */
  readonly config: NodeConfig;
  /** Root logger. */
  readonly log: NodeLogger;
  private readonly now: (() => number) | undefined;
  private readonly stratumPortFallback: boolean;
  private kv: LevelKv | undefined;
  private chainRef: Chain | undefined;
  private mempoolRef: Mempool | undefined;
  private minerRef: NodeMiningService | undefined;
  private validatorRef: ValidatorService | undefined;
  private validatorKey: ConsensusKey | undefined;
  private poolRef: MiningPool | undefined;
  private netRef: P2pNetwork | undefined;
  private rpc: RpcHandle | undefined;
  private cookie: RpcAuth | undefined;
  private infoRef: NodeInfo | undefined;
  private state: 'new' | 'starting' | 'running' | 'stopping' | 'stopped' = 'new';
  private stopping: Promise<void> | undefined;
  private readonly onConnect = (entry: ChainEntry, block: PreparedBlock) => {
    this.log.child({ component: 'chain' }).info({ height: entry.height, hash: hashToDisplay(entry.hash), txs: block.txs.length }, 'block');
  };

  constructor(config: NodeConfig, o: CoinworksNodeOptions = {}) {
    this.config = config;
    this.log = o.log ?? createLogger({ level: config.logLevel, format: config.logFormat });
    this.now = o.now;
    this.stratumPortFallback = o.stratumPortFallback === true;
  }

  /** The mining pool (after `start()`, when a Stratum port is configured). */
  get miningPool(): MiningPool | undefined {
    return this.poolRef;
  }

  /** The chain (after `start()`). */
  get chain(): Chain {
    return this.need(this.chainRef);
  }

  /** The mempool (after `start()`). */
  get mempool(): Mempool {
    return this.need(this.mempoolRef);
  }

  /** The mining service (after `start()`). */
  get miner(): MiningService {
    return this.need(this.minerRef);
  }

  /** The validator service (proof-of-stake networks, after `start()`), else undefined. */
  get validator(): ValidatorService | undefined {
    return this.validatorRef;
  }

  /**
   * The validator service of a BFT network: the consensus key of the data directory (created on
   * first start), the double-sign guard's fsynced state and the locked block beside it, over the
   * network's consensus topic. TEST ONLY: COINWORKS_TEST_DOUBLE_SIGN=1 makes it double-sign.
   */
  private async openValidator(chain: Chain, mempool: Mempool): Promise<ValidatorService> {
    const c = this.config;
    const { key, created } = await loadOrCreateConsensusKey(c.datadir);
    this.validatorKey = key;
    const log = this.log.child({ component: 'consensus' });
    if (created) log.info({ address: encodeAddress(key.address), publicKey: bytesToHex(key.publicKey) }, 'created a consensus key');
    const doubleSign = process.env.COINWORKS_TEST_DOUBLE_SIGN === '1';
    if (doubleSign) log.warn({}, 'TEST SWITCH: this validator will double-sign');
    return new ValidatorService({
      chain,
      mempool,
      transport: this.consensusTransport(),
      key,
      signState: new FileSignStateStore(validatorFile(c.datadir, SIGN_STATE_FILE)),
      lockedValues: new LockedValueFile(validatorFile(c.datadir, LOCKED_BLOCK_FILE)),
      verify: verifyNative,
      log,
      testDoubleSign: doubleSign,
    });
  }

  /** The p2p network's consensus topic (with `--no-p2p`: no peers, so only a lone validator decides). */
  private consensusTransport(): ConsensusTransport {
    return this.netRef ? new P2pConsensusTransport(this.netRef) : NO_PEERS;
  }

  /** The peer-to-peer network (after `start()`; undefined with `--no-p2p`). */
  get network(): P2pNetwork | undefined {
    this.need(this.chainRef);
    return this.netRef;
  }

  /** RPC URL, port, genesis and height (after `start()`). */
  get info(): NodeInfo {
    return this.need(this.infoRef);
  }

  /** Network parameters in force (after `start()`). */
  get params(): NetworkParams {
    return this.chain.params;
  }

  private need<T>(v: T | undefined): T {
    if (v === undefined) throw new NodeError('NODE_NOT_RUNNING', 'the node is not running');
    return v;
  }

  /** Opens the data directory and starts every service; on failure everything opened is closed again. */
  async start(): Promise<NodeInfo> {
    if (this.state !== 'new') throw new NodeError('NODE_ALREADY_RUNNING', 'a node can only be started once');
    this.state = 'starting';
    try {
      return await this.open();
    } catch (e) {
      await this.shutdown().catch(() => undefined);
      this.state = 'stopped';
      throw e;
    }
  }

  private async open(): Promise<NodeInfo> {
    const c = this.config;
    installNativeHashing();
    this.kv = await LevelKv.open(join(c.datadir, CHAIN_DIR_NAME));
    const store = new ChainStore(this.kv);
    // A chain that already holds its genesis needs only the genesis identity: with the genesis file
    // unchanged since it was remembered, the allocations are neither parsed nor hashed again.
    const remembered = (await store.meta()) ? await rememberedGenesis(c.datadir) : undefined;
    let genesis: GenesisSummary;
    let params: NetworkParams;
    let digest: Uint8Array;
    let spec: GenesisSpec | undefined;
    if (remembered && remembered.summary.network === c.network) {
      genesis = remembered.summary;
      // The remembered rules (validators, downtime overrides) without the allocations: the same params.
      params = paramsForGenesis(remembered.rules);
      digest = remembered.digest;
    } else {
      const loaded = await loadOrCreateGenesis(c.datadir, c.network);
      if (loaded.created) this.log.info({ network: c.network, time: loaded.genesis.time }, 'wrote a new genesis');
      spec = loaded.genesis;
      genesis = summarizeGenesis(spec);
      params = paramsForGenesis(spec);
      digest = genesisDigest(params);
    }
    const engine = engineFor(params);
    const chain = new Chain({
      params,
      store,
      engine,
      stateMachine: new StateMachine(params, coreModules(engine.modules())),
      ...(this.now ? { now: this.now } : {}),
      stateCacheBytes: c.stateCacheMb * 1024 * 1024,
      genesisDigest: digest,
    });
    await chain.open();
    if (spec) await rememberGenesis(c.datadir, spec, digest);
    this.chainRef = chain;
    chain.on('connect', this.onConnect);
    this.mempoolRef = new Mempool(chain);
    const pooled = await loadMempool(this.mempoolRef, join(c.datadir, MEMPOOL_FILE_NAME));
    if (pooled.admitted + pooled.refused > 0) this.log.child({ component: 'mempool' }).info(pooled, 'reloaded pending transactions');
    const minerLog = this.log.child({ component: 'miner' });
    this.minerRef = new NodeMiningService(
      {
        chain,
        mempool: this.mempoolRef,
        beneficiary: c.beneficiary ? decodeAddress(c.beneficiary) : new Uint8Array(20),
        threads: c.threads,
        // The chain logs every connected block; the miner's own line would repeat it.
        log: { info: (o, m) => minerLog.debug(o, m), warn: (o, m) => minerLog.warn(o, m) },
      },
      c.beneficiary !== undefined,
      engine.name,
    );
    this.minerRef.on('error', (e) => minerLog.error({ err: e.message }, 'miner error'));
    if (c.p2p) {
      const netLog = this.log.child({ component: 'p2p' });
      this.netRef = new P2pNetwork({
        chain,
        mempool: this.mempoolRef,
        datadir: c.datadir,
        host: c.p2pHost,
        port: c.p2pPort,
        bootstrap: c.bootstrap,
        maxPeers: c.maxPeers,
        log: netLog,
        denyFile: process.env[P2P_DENY_FILE_ENV] || undefined,
      });
      await this.netRef.start();
    }
    if (engine.name === 'bft') this.validatorRef = await this.openValidator(chain, this.mempoolRef);
    if (c.stratumPort !== undefined && c.stratumPort !== 'off') this.poolRef = await this.startPool(chain, c.stratumPort);
    // A fresh cookie on every start: control methods (mining_start, ...) need it (rpc/auth.ts).
    this.cookie = await writeCookie(c.datadir);
    try {
      this.rpc = await createRpcServer(
        {
          chain,
          mempool: this.mempoolRef,
          miner: this.minerRef,
          log: this.log.child({ component: 'rpc' }),
          ...(this.netRef ? { network: this.netRef } : {}),
          ...(this.poolRef ? { miningPool: this.poolRef } : {}),
          ...(this.validatorRef ? { consensus: this.validatorRef } : {}),
        },
        { host: c.rpcHost, port: c.rpcPort, auth: this.cookie, allowedOrigins: c.rpcAllowedOrigins, ...(c.dashboard !== false ? { dashboardDir: findDashboardDir() } : {}) },
      );
    } catch (e) {
      // A second devnet or node on the same port: say so and how to pick another (0 = any free port).
      if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new NodeError('RPC_PORT_IN_USE', `RPC port ${c.rpcPort} on ${c.rpcHost} is already in use (another devnet or node running?): stop it, or choose another port with --rpc-port <port> (0 picks a free one)`, { host: c.rpcHost, port: c.rpcPort });
      }
      throw e;
    }
    const p2p = this.netRef && { peerId: this.netRef.peerId, listen: this.netRef.listenAddresses() };
    this.infoRef = {
      rpcUrl: this.rpc.url,
      rpcPort: this.rpc.port,
      genesis,
      height: chain.tip.height,
      p2p,
      ...(this.poolRef ? { stratumUrl: this.poolRef.stratumUrl, poolAddress: this.poolRef.p.key.addressText } : {}),
      ...(this.validatorKey ? { validator: encodeAddress(this.validatorKey.address) } : {}),
    };
    this.log.info({ network: c.network, datadir: c.datadir, height: chain.tip.height, rpc: this.rpc.url, p2p: p2p?.listen[0] }, 'node started');
    if (this.validatorRef) await this.validatorRef.start();
    if (c.mine) {
      await this.minerRef.start(c.threads);
      this.log.child({ component: 'miner' }).info({ threads: c.threads, beneficiary: c.beneficiary }, 'mining started');
    }
    this.state = 'running';
    return this.infoRef;
  }

  /** Starts the mining pool on `port` (falling back to a free port when allowed and it is taken). */
  private async startPool(chain: Chain, port: number): Promise<MiningPool> {
    const c = this.config;
    const log = this.log.child({ component: 'mining-pool' });
    const make = (p: number) =>
      new MiningPool(
        {
          dir: join(c.datadir, MINING_POOL_DIR_NAME),
          host: c.stratumHost ?? '127.0.0.1',
          port: p,
          scheme: c.miningPoolScheme ?? 'pplns',
          feeBps: c.miningPoolFeeBps ?? 100,
          pplnsN: c.miningPoolPplnsN ?? 2,
          minPayout: c.miningPoolMinPayout ?? 10_000_000n,
          startDifficulty: c.stratumDifficulty ?? 2 ** -10,
        },
        { chain, mempool: this.mempoolRef!, log, ...(this.now ? { nowMs: () => this.now!() * 1000 } : {}) },
      );
    let pool = make(port);
    try {
      await pool.start();
    } catch (e) {
      if (!(this.stratumPortFallback && e instanceof MiningPoolError && e.code === 'MINING_POOL_LISTEN_FAILED' && e.data.code === 'EADDRINUSE')) throw e;
      log.warn({ port }, `Stratum port ${port} is in use: listening on a free port instead`);
      pool = make(0);
      await pool.start();
    }
    return pool;
  }

  /** Stops mining, closes the RPC server, waits for any block import in progress, and closes the database. Idempotent. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    if (this.state === 'new') {
      this.state = 'stopped';
      return Promise.resolve();
    }
    this.state = 'stopping';
    this.stopping = this.shutdown().then(() => {
      this.state = 'stopped';
      this.log.info({}, 'node stopped');
    });
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    const errors: unknown[] = [];
    const step = async (f: () => Promise<void> | void) => {
      try {
        await f();
      } catch (e) {
        errors.push(e);
      }
    };
    if (this.validatorRef) await step(() => this.validatorRef!.stop());
    if (this.minerRef) await step(() => this.minerRef!.stop());
    if (this.rpc) await step(() => this.rpc!.close());
    if (this.poolRef) await step(() => this.poolRef!.stop());
    if (this.netRef) await step(() => this.netRef!.stop());
    if (this.mempoolRef) {
      // Losing the pool is not worth failing a shutdown over: peers push theirs on the next start.
      try {
        const n = await saveMempool(this.mempoolRef, join(this.config.datadir, MEMPOOL_FILE_NAME));
        if (n > 0) this.log.child({ component: 'mempool' }).info({ txs: n }, 'saved pending transactions');
      } catch (e) {
        this.log.child({ component: 'mempool' }).warn({ err: (e as Error).message }, 'could not save pending transactions');
      }
      await step(() => this.mempoolRef!.dispose());
    }
    if (this.cookie) await step(() => removeCookie(this.config.datadir, this.cookie!));
    if (this.chainRef) {
      this.chainRef.off('connect', this.onConnect);
      await step(() => this.chainRef!.close());
    } else if (this.kv) {
      await step(() => this.kv!.close());
    }
    if (errors.length > 0) throw errors[0];
  }
}
