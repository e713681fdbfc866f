/**
 * The network: one libp2p node (TCP, noise, yamux, identify, ping, gossipsub; no mDNS or any other
 * multicast) that connects the chain and mempool to peers.
 *
 * - Peers: bootstrap addresses are dialled at start and again while disconnected; every new
 *   connection runs the status handshake (`status` protocol: both sides learn chain id, genesis,
 *   engine and head); a peer of another chain is dropped. Banned and denied peers are refused by
 *   the connection gater; more than `maxPeers` handshaken peers are not kept.
 * - Request/response: headers after a locator, blocks by range and by hash (with justifications),
 *   transaction pushes; every protocol has a per-peer rate limit and frame and response caps.
 * - Gossip: blocks, transactions and the consensus topic (opaque bytes with a validator hook for
 *   the BFT engine), each validated before relay (`gossip.ts`). Blocks this node produced (a tip
 *   that did not come from the network) and transactions it admitted locally are published;
 *   transactions a reorg returned to the mempool are pushed to every peer.
 * - Sync: `sync.ts`, fed by statuses, gossip orphans and a periodic status refresh.
 * - Scores: every offence is charged through `penalize` (`peer-scores.ts`); at the threshold the
 *   peer is disconnected and banned, and the ban is written to disk.
 */
import './polyfill.js';
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLibp2p, type Libp2p } from 'libp2p';
import { tcp } from '@libp2p/tcp';
import { noise } from '@libp2p/noise';
import { yamux } from '@libp2p/yamux';
import { identify } from '@libp2p/identify';
import { ping } from '@libp2p/ping';
import { gossipsub } from '@libp2p/gossipsub';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import type { Connection, PeerId } from '@libp2p/interface';
import { CoinworksError, DecodeError, MempoolError } from '../errors.js';
import { sha256d } from '../crypto/hash.js';
import { decode, encode } from '../encoding/codec.js';
import { bytesToHex, hashToDisplay } from '../encoding/hex.js';
import type { Chain } from '../chain/chain.js';
import type { ChainEntry } from '../chain/chain-index.js';
import type { Mempool } from '../mempool/mempool.js';
import type { PreparedTx } from '../primitives/tx.js';
import { Header } from '../primitives/header.js';
import { banScoreOf, Offence } from './ban-scores.js';
import { GossipRouter, messageId, type PubSubLike, type TopicValidator, type Verdict } from './gossip.js';
import { loadOrCreatePeerKey, PEER_KEY_FILE } from './identity.js';
import { PeerScores, type Ban } from './peer-scores.js';
import { RateLimiter, type RateLimit } from './rate-limit.js';
import { ProtocolError, Refuse, request, serve, type ServeFault } from './reqresp.js';
import { answerBlocksByHash, answerBlocksByRange, answerHeaders, localStatus, statusMismatch } from './server.js';
import { SyncManager, type SyncState } from './sync.js';
import {
  BlockChunk,
  BlocksByHashRequest,
  BlocksByRangeRequest,
  GossipBlock,
  HeadersRequest,
  HeadersResponse,
  MAX_BLOCKS_PER_REQUEST,
  MAX_CONSENSUS_MESSAGE_BYTES,
  MAX_JUSTIFICATION_BYTES,
  MAX_TXS_PER_PUSH,
  protocolIds,
  RespCode,
  Status,
  topics,
  TxPush,
  type ProtocolIds,
  type Topics,
} from './wire.js';

/** Folder of the network's files inside a data directory. */
export const P2P_DIR_NAME = 'p2p';
/** File of persisted bans inside the p2p folder. */
export const BANS_FILE = 'bans.json';

/** Log sink (a pino logger fits). */
export interface P2pLog {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
  debug(o: object, m: string): void;
}

/** Options of the network. */
export interface P2pOptions {
  readonly chain: Chain;
  readonly mempool: Mempool;
  /** Data directory (the key and bans live in `<datadir>/p2p/`). */
  readonly datadir: string;
  /** Listen interface (default 127.0.0.1). */
  readonly host?: string;
  /** Listen port; 0 picks a free one. */
  readonly port: number;
  /** Multiaddrs (with `/p2p/<id>`) dialled at start and whenever disconnected. */
  readonly bootstrap?: readonly string[];
  /** Most peers kept (default 32). */
  readonly maxPeers?: number;
  readonly log?: P2pLog;
  /** Test-only: a file of peer ids (one per line), re-read every second; listed peers are cut off. */
  readonly denyFile?: string;
  /** How often statuses are refreshed and bootstrap peers redialled (ms, default 5000). */
  readonly refreshMs?: number;
}

/** A connected peer as `peers()` reports it. */
export interface PeerInfo {
  readonly id: string;
  readonly address: string;
  readonly direction: 'inbound' | 'outbound';
  readonly head: { readonly height: number; readonly hash: string } | null;
  readonly score: number;
  readonly connectedAt: number;
}

/** What `info()` reports. */
export interface NetworkInfo {
  readonly peerId: string;
  readonly listen: string[];
  readonly peers: number;
  readonly sync: SyncState;
  readonly bans: number;
}

/** Events of the network. */
export interface NetworkEvents {
  peerConnected: [peer: PeerInfo];
  peerDisconnected: [peer: string];
  banned: [ban: Ban];
  synced: [info: { height: number; hash: string; imported: number }];
}

interface PeerRecord {
  readonly id: string;
  readonly peerId: PeerId;
  address: string;
  direction: 'inbound' | 'outbound';
  status: Status | undefined;
  readonly connectedAt: number;
}

/** Per-protocol rate limits (per peer). */
const LIMITS: Readonly<Record<'status' | 'headers' | 'blocks' | 'txs', RateLimit>> = {
  status: { perSecond: 2, burst: 10 },
  headers: { perSecond: 5, burst: 20 },
  // Counted in blocks asked for: a fresh node syncs at up to 2,000 blocks/s from one peer.
  blocks: { perSecond: 2000, burst: 4000 },
  txs: { perSecond: 10, burst: 40 },
};

const REQUEST_TIMEOUT_MS = 30_000;
const STATUS_TIMEOUT_MS = 10_000;
const SMALL_FRAME = 256 * 1024;

function bigMax(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** Remembers recent keys (bounded, oldest first out). */
class RecentSet {
  private readonly set = new Set<string>();
  constructor(private readonly max: number) {}
  add(k: string): void {
    this.set.add(k);
    if (this.set.size > this.max) this.set.delete(this.set.values().next().value!);
  }
  has(k: string): boolean {
    return this.set.has(k);
  }
}

/** The Coinworks peer-to-peer network of one node. */
export class P2pNetwork extends EventEmitter<NetworkEvents> {
  readonly chain: Chain;
  readonly mempool: Mempool;
  readonly scores: PeerScores;
  readonly protocols: ProtocolIds;
  readonly topics: Topics;
  private readonly o: P2pOptions;
  private readonly log: P2pLog;
  private readonly maxPeers: number;
  private node: Libp2p | undefined;
  private router: GossipRouter | undefined;
  private sync: SyncManager | undefined;
  private readonly peers = new Map<string, PeerRecord>();
  private readonly limiters = {
    status: new RateLimiter(LIMITS.status),
    headers: new RateLimiter(LIMITS.headers),
    blocks: new RateLimiter(LIMITS.blocks),
    txs: new RateLimiter(LIMITS.txs),
  };
  /** Blocks and transactions that came from the network (not to be announced as our own). */
  private readonly received = new RecentSet(50_000);
  private readonly otherChain = new Map<string, number>();
  private denied = new Set<string>();
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private readonly bootstrap: Array<{ addr: string; peer: string | undefined }>;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(o: P2pOptions) {
    super();
    this.o = o;
    this.chain = o.chain;
    this.mempool = o.mempool;
    this.log = o.log ?? { info() {}, warn() {}, debug() {} };
    this.maxPeers = o.maxPeers ?? 32;
    this.protocols = protocolIds(o.chain.genesis.hash);
    this.topics = topics(o.chain.genesis.hash);
    this.scores = new PeerScores({ file: join(o.datadir, P2P_DIR_NAME, BANS_FILE) });
    this.bootstrap = (o.bootstrap ?? []).map((addr) => ({ addr, peer: multiaddr(addr).getComponents().find((c) => c.name === 'p2p')?.value }));
  }

  /** The libp2p node (after start). */
  get libp2p(): Libp2p {
    if (!this.node) throw new Error('network not started');
    return this.node;
  }

  /** This node's peer id. */
  get peerId(): string {
    return this.libp2p.peerId.toString();
  }

  /** Addresses others can dial (with `/p2p/<id>`). */
  listenAddresses(): string[] {
    return this.libp2p.getMultiaddrs().map((m) => m.toString());
  }

  /** Starts listening, dials the bootstrap peers, starts sync. */
  async start(): Promise<void> {
    await this.scores.load();
    if (this.o.denyFile) await this.readDenyFile();
    const privateKey = await loadOrCreatePeerKey(join(this.o.datadir, P2P_DIR_NAME, PEER_KEY_FILE));
    const maxBlock = this.chain.params.maxBlockBytes + MAX_JUSTIFICATION_BYTES + 1024;
    const refuse = (peer: PeerId) => this.refused(peer.toString());
    this.node = await createLibp2p({
      privateKey,
      addresses: { listen: [`/ip4/${this.o.host ?? '127.0.0.1'}/tcp/${this.o.port}`] },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      connectionGater: {
        denyDialPeer: async (peer) => refuse(peer),
        denyInboundEncryptedConnection: async (peer) => refuse(peer),
        denyOutboundEncryptedConnection: async (peer) => refuse(peer),
      },
      connectionManager: { maxConnections: this.maxPeers + 8 },
      services: {
        identify: identify(),
        ping: ping(),
        pubsub: gossipsub({
          globalSignaturePolicy: 'StrictNoSign',
          asyncValidation: true,
          allowPublishToZeroTopicPeers: true,
          ignoreDuplicatePublishError: true,
          emitSelf: false,
          fallbackToFloodsub: false,
          floodPublish: true,
          // Lodestar's mesh: D 8 (6..12), 700 ms heartbeat.
          D: 8,
          Dlo: 6,
          Dhi: 12,
          heartbeatInterval: 700,
          msgIdFn: (msg) => messageId(msg.topic, msg.data),
          maxInboundDataLength: maxBlock,
          maxOutboundBufferSize: 4 * maxBlock,
        }),
      },
    });
    const pubsub = this.node.services.pubsub as unknown as PubSubLike;
    this.router = new GossipRouter(pubsub, (p, pts, why) => this.penalize(p, pts, why), (topic, err) => this.log.warn({ topic, err: (err as Error).message }, 'gossip validator failed'));
    this.router.add(this.topics.blocks, { queue: 256, rate: { perSecond: 20, burst: 100 } }, (d, from) => this.validateBlock(d, from));
    this.router.add(this.topics.txs, { queue: 20_000, rate: { perSecond: 2000, burst: 10_000 } }, (d, from) => this.validateTx(d, from));
    this.router.add(this.topics.consensus, { queue: 10_000, rate: { perSecond: 500, burst: 2000 } });
    this.sync = new SyncManager(this.chain, this.syncTransport(), { log: this.log });
    this.sync.on('synced', (i) => {
      this.log.info(i, 'synced with peers');
      this.emit('synced', i);
    });
    this.registerHandlers();
    this.followLocal();
    this.node.addEventListener('peer:connect', (e) => void this.onConnect(e.detail));
    this.node.addEventListener('peer:disconnect', (e) => this.onDisconnect(e.detail.toString()));
    const refresh = this.o.refreshMs ?? 5000;
    this.timers.push(setInterval(() => void this.housekeeping(), refresh));
    if (this.o.denyFile) this.timers.push(setInterval(() => void this.readDenyFile(), 1000));
    for (const t of this.timers) t.unref();
    this.log.info({ peerId: this.peerId, listen: this.listenAddresses() }, 'p2p listening');
    void this.dialBootstrap();
  }

  /** Stops sync, closes every connection and the listener, and writes the ban list. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.sync?.stop();
    for (const u of this.unsubscribe) u();
    await this.node?.stop();
    await this.scores.flush();
  }

  // ---- peers ----

  private refused(peer: string): boolean {
    return this.denied.has(peer) || this.scores.isBanned(peer) || (this.otherChain.get(peer) ?? 0) > Date.now();
  }

  private async readDenyFile(): Promise<void> {
    let text = '';
    try {
      text = await readFile(this.o.denyFile!, 'utf8');
    } catch {
      text = '';
    }
    const next = new Set(text.split(/\s+/).filter(Boolean));
    const added = [...next].filter((p) => !this.denied.has(p));
    const removed = [...this.denied].filter((p) => !next.has(p));
    this.denied = next;
    for (const p of added) {
      this.log.info({ peer: p }, 'peer denied (test deny list)');
      if (this.node) await this.hangUp(p);
    }
    if (removed.length > 0) {
      this.log.info({ peers: removed }, 'peers allowed again (test deny list)');
      void this.dialBootstrap();
    }
  }

  private async dialBootstrap(): Promise<void> {
    if (!this.node || this.stopped) return;
    for (const b of this.bootstrap) {
      if (b.peer && (this.peers.has(b.peer) || this.refused(b.peer))) continue;
      if (b.peer && this.node.getConnections(peerIdFromString(b.peer)).length > 0) continue;
      try {
        await this.node.dial(multiaddr(b.addr), { signal: AbortSignal.timeout(10_000) });
      } catch (e) {
        this.log.debug({ addr: b.addr, err: (e as Error).message }, 'bootstrap dial failed');
      }
    }
  }

  private async hangUp(peer: string): Promise<void> {
    try {
      await this.node?.hangUp(peerIdFromString(peer));
    } catch {
      // already gone
    }
  }

  private async onConnect(peerId: PeerId): Promise<void> {
    const id = peerId.toString();
    if (this.refused(id)) return void this.hangUp(id);
    const conn = this.node?.getConnections(peerId)[0];
    if (!conn) return;
    const rec: PeerRecord = { id, peerId, address: conn.remoteAddr.toString(), direction: conn.direction, status: undefined, connectedAt: Date.now() };
    if (!this.peers.has(id)) this.peers.set(id, rec);
    try {
      await this.requestStatus(id);
    } catch (e) {
      this.log.debug({ peer: id, err: (e as Error).message }, 'status handshake failed');
      if (!this.peers.get(id)?.status) {
        this.peers.delete(id);
        void this.hangUp(id);
      }
      return;
    }
    const r = this.peers.get(id);
    if (!r?.status) return;
    const handshaken = [...this.peers.values()].filter((p) => p.status).length;
    if (handshaken > this.maxPeers) {
      this.log.debug({ peer: id, max: this.maxPeers }, 'too many peers; dropping');
      this.peers.delete(id);
      return void this.hangUp(id);
    }
    const info = this.peerInfo(r);
    this.log.info({ peer: id, address: info.address, direction: info.direction, height: info.head?.height }, 'peer connected');
    this.emit('peerConnected', info);
    this.sync?.schedule();
    void this.pushMempool(id);
  }

  private onDisconnect(id: string): void {
    const had = this.peers.delete(id);
    this.sync?.peerGone(id);
    for (const l of Object.values(this.limiters)) l.forget(id);
    if (had) {
      this.log.info({ peer: id }, 'peer disconnected');
      this.emit('peerDisconnected', id);
    }
  }

  /** Charges a peer; at the threshold it is banned (persisted) and disconnected. */
  penalize(peer: string, points: number, reason: string): void {
    if (points <= 0) return;
    const r = this.scores.penalize(peer, points, reason);
    this.log.debug({ peer, points, reason, tally: Math.round(r.tally) }, 'peer penalised');
    if (r.banned) {
      this.log.warn({ peer, reason, until: new Date(r.banned.until).toISOString() }, 'peer banned');
      this.emit('banned', r.banned);
      void this.hangUp(peer);
    }
  }

  private statusFrom(bytes: Uint8Array, peer: string): Status {
    const theirs = decode(Status, bytes, SMALL_FRAME);
    const mismatch = statusMismatch(localStatus(this.chain), theirs);
    if (mismatch) {
      this.log.info({ peer, reason: mismatch }, 'peer dropped: not on our chain');
      // Not an offence (another network's node), but not worth redialling for a while.
      this.otherChain.set(peer, Date.now() + 10 * 60_000);
      void this.hangUp(peer);
      throw new Refuse(RespCode.invalidRequest, `not on the same chain: ${mismatch}`);
    }
    return theirs;
  }

  private noteStatus(peer: string, s: Status): void {
    const r = this.peers.get(peer);
    if (!r) return;
    r.status = s;
    this.sync?.schedule();
  }

  /** Asks a peer for its status (carrying ours) and records its answer. */
  async requestStatus(peer: string): Promise<void> {
    const chunks = await request(this.libp2p, peerIdFromString(peer), this.protocols.status, encode(Status, localStatus(this.chain)), {
      maxFrameBytes: SMALL_FRAME,
      maxChunks: 1,
      timeoutMs: STATUS_TIMEOUT_MS,
    });
    if (chunks.length !== 1) throw new ProtocolError('status answer without a status');
    try {
      this.noteStatus(peer, this.statusFrom(chunks[0], peer));
    } catch (e) {
      if (e instanceof DecodeError) this.penalize(peer, banScoreOf(e), `status: ${e.code}`);
      throw e;
    }
  }

  private peerInfo(r: PeerRecord): PeerInfo {
    return {
      id: r.id,
      address: r.address,
      direction: r.direction,
      head: r.status ? { height: r.status.headHeight, hash: hashToDisplay(r.status.headHash) } : null,
      score: this.scores.score(r.id),
      connectedAt: r.connectedAt,
    };
  }

  /** Every handshaken peer. */
  peerList(): PeerInfo[] {
    return [...this.peers.values()].filter((r) => r.status).map((r) => this.peerInfo(r));
  }

  /** Peer id, listen addresses, sync state. */
  info(): NetworkInfo {
    return { peerId: this.peerId, listen: this.listenAddresses(), peers: this.peerList().length, sync: this.sync!.state(), bans: this.scores.listBans().length };
  }

  /** Bans in force. */
  bans(): Ban[] {
    return this.scores.listBans();
  }

  private async housekeeping(): Promise<void> {
    if (this.stopped) return;
    void this.dialBootstrap();
    for (const r of this.peers.values()) {
      if (!r.status) continue;
      this.requestStatus(r.id).catch((e) => this.log.debug({ peer: r.id, err: (e as Error).message }, 'status refresh failed'));
    }
    this.sync?.schedule();
  }

  // ---- request/response ----

  private registerHandlers(): void {
    const node = this.libp2p;
    const serveOpts = (maxRequestBytes: number) => ({ maxRequestBytes, timeoutMs: REQUEST_TIMEOUT_MS, onFault: (peer: string, f: ServeFault, e: unknown) => this.onServeFault(peer, f, e) });
    const limit = (which: keyof typeof this.limiters, peer: string, cost = 1) => {
      if (!this.limiters[which].take(peer, cost)) throw new Refuse(RespCode.rateLimited, `${which} requests above ${LIMITS[which].perSecond}/s`);
    };
    const handle = (protocol: string, maxReq: number, fn: (peer: string, req: Uint8Array) => Promise<Uint8Array[]>) =>
      node.handle(
        protocol,
        (stream, conn: Connection) => {
          const peer = conn.remotePeer.toString();
          void serve(stream, peer, (req) => fn(peer, req), serveOpts(maxReq));
        },
        { maxInboundStreams: 64, maxOutboundStreams: 64 },
      );
    void handle(this.protocols.status, SMALL_FRAME, async (peer, req) => {
      limit('status', peer);
      const theirs = this.statusFrom(req, peer);
      this.noteStatus(peer, theirs);
      return [encode(Status, localStatus(this.chain))];
    });
    void handle(this.protocols.headers, SMALL_FRAME, async (peer, req) => {
      limit('headers', peer);
      const hs = answerHeaders(this.chain, decode(HeadersRequest, req, SMALL_FRAME));
      return [encode(HeadersResponse, hs)];
    });
    void handle(this.protocols.blocksByRange, SMALL_FRAME, async (peer, req) => {
      const r = decode(BlocksByRangeRequest, req, SMALL_FRAME);
      limit('blocks', peer, Math.min(r.count, MAX_BLOCKS_PER_REQUEST));
      return (await answerBlocksByRange(this.chain, r)).map((c) => encode(BlockChunk, c));
    });
    void handle(this.protocols.blocksByHash, SMALL_FRAME, async (peer, req) => {
      const r = decode(BlocksByHashRequest, req, SMALL_FRAME);
      limit('blocks', peer, r.hashes.length);
      return (await answerBlocksByHash(this.chain, r)).map((c) => encode(BlockChunk, c));
    });
    void handle(this.protocols.txs, 8 * 1024 * 1024, async (peer, req) => {
      limit('txs', peer);
      const txs = decode(TxPush, req, 8 * 1024 * 1024);
      for (const t of txs) await this.admitTx(t, peer, true);
      return [];
    });
  }

  private onServeFault(peer: string, f: ServeFault, e: unknown): void {
    const why = (e as Error)?.message ?? String(e);
    if (f === 'garbage') this.penalize(peer, Offence.garbageFrame, `garbage request: ${why}`);
    else if (f === 'oversize') this.penalize(peer, Offence.oversizeFrame, `oversize request frame: ${why}`);
    else if (f === 'refused' && e instanceof Refuse && e.code === RespCode.rateLimited) this.penalize(peer, Offence.flood, `flood: ${why}`);
    else if (f === 'timeout') this.penalize(peer, Offence.timeout, 'request timed out');
    else if (f === 'internal') this.log.warn({ peer, err: why }, 'request handler failed');
  }

  private syncTransport() {
    const limits = (maxChunks: number) => ({ maxFrameBytes: this.chain.params.maxBlockBytes + MAX_JUSTIFICATION_BYTES + 1024, maxChunks, timeoutMs: REQUEST_TIMEOUT_MS });
    const guarded = async <T>(peer: string, what: string, f: () => Promise<T>): Promise<T> => {
      try {
        return await f();
      } catch (e) {
        if (e instanceof ProtocolError) this.penalize(peer, Offence.protocolViolation, `${what}: ${e.message}`);
        else if (e instanceof DecodeError) this.penalize(peer, banScoreOf(e), `${what}: ${e.code}`);
        throw e;
      }
    };
    return {
      peers: () =>
        [...this.peers.values()].filter((r) => r.status && !this.refused(r.id)).map((r) => ({ id: r.id, status: r.status! })),
      headers: (peer: string, req: HeadersRequest) =>
        guarded(peer, 'headers', async () => {
          const chunks = await request(this.libp2p, peerIdFromString(peer), this.protocols.headers, encode(HeadersRequest, req), { ...limits(1), maxFrameBytes: 2000 * 84 + 16 });
          if (chunks.length !== 1) throw new ProtocolError('headers answer without headers');
          return decode(HeadersResponse, chunks[0], 2000 * 84 + 16) as Header[];
        }),
      blocksByHash: (peer: string, hashes: Uint8Array[]) =>
        guarded(peer, 'blocks', async () => {
          const chunks = await request(this.libp2p, peerIdFromString(peer), this.protocols.blocksByHash, encode(BlocksByHashRequest, { hashes }), limits(hashes.length));
          const out = chunks.map((c) => decode(BlockChunk, c));
          for (const c of out) {
            this.received.add(bytesToHex(blockHashOf(c.block)));
          }
          return out;
        }),
      penalize: (peer: string, points: number, reason: string) => this.penalize(peer, points, reason),
      refreshStatus: (peer: string) => this.requestStatus(peer),
    };
  }

  // ---- gossip ----

  private async validateBlock(data: Uint8Array, from: string): Promise<Verdict> {
    let chunk: BlockChunk;
    try {
      chunk = decode(GossipBlock, data, this.chain.params.maxBlockBytes + MAX_JUSTIFICATION_BYTES + 64);
    } catch (e) {
      return { result: 'reject', points: banScoreOf(e) || Offence.garbageFrame, reason: `gossip block: ${(e as CoinworksError).code ?? 'garbage'}` };
    }
    this.received.add(bytesToHex(blockHashOf(chunk.block)));
    try {
      // No fsync before relay: the batch is atomic either way, a process crash loses nothing (the OS
      // has the write), and a power cut loses at most the last gossiped blocks, which peers serve again.
      const r = await this.chain.importBlock(chunk.block, { from, justification: chunk.justification ?? undefined, sync: false });
      if (r.status === 'orphan') {
        void this.sync?.onOrphan(from, r.missing);
        return { result: 'ignore', reason: 'orphan' };
      }
      if (r.status === 'duplicate') return { result: 'ignore', reason: 'duplicate' };
      this.sync?.peerHas(from, r.entry.hash);
      const p = this.peers.get(from);
      if (p?.status && r.entry.chainWork > p.status.headWork) p.status = { ...p.status, headHash: r.entry.hash, headHeight: r.entry.height, headWork: r.entry.chainWork };
      return { result: 'accept' };
    } catch (e) {
      if (!(e instanceof CoinworksError)) throw e;
      const points = banScoreOf(e);
      this.log.info({ peer: from, code: e.code, err: e.message }, 'gossip block refused');
      // Only the sender's own fault is a Reject; anything else is dropped (a small score may still apply).
      if (e.fault === 'peer') return { result: 'reject', points, reason: `gossip block: ${e.code}` };
      this.penalize(from, points, `gossip block: ${e.code}`);
      return { result: 'ignore', reason: e.code };
    }
  }

  /** Admits a transaction from a peer; true when it is new to the mempool. */
  private async admitTx(bytes: Uint8Array, from: string, republish: boolean): Promise<Verdict> {
    try {
      const ptx = await this.mempool.add(bytes);
      this.received.add(ptx.key);
      // A pushed transaction (reorg, a new peer's pool) is new to us: spread it to the rest.
      if (republish) void this.router?.publish(this.topics.txs, ptx.bytes).catch(() => undefined);
      return { result: 'accept' };
    } catch (e) {
      if (e instanceof MempoolError || !(e instanceof CoinworksError)) return { result: 'ignore', reason: e instanceof CoinworksError ? e.code : 'error' };
      this.penalize(from, banScoreOf(e), `tx: ${e.code}`);
      return e.fault === 'peer' ? { result: 'reject', points: 0, reason: `tx: ${e.code}` } : { result: 'ignore', reason: e.code };
    }
  }

  private async validateTx(data: Uint8Array, from: string): Promise<Verdict> {
    const v = await this.admitTx(data, from, false);
    // admitTx already charged the peer; the router must not charge it twice.
    return v.result === 'reject' ? { result: 'reject', points: 0, reason: v.reason } : v;
  }

  /**
   * The consensus topic's hook (BFT proposals and votes): `validator` sees every message (opaque
   * bytes) and its sender, handles it, and says whether to relay it (accept), drop it (ignore) or
   * drop it and charge the sender (reject with points). Undefined removes the hook.
   */
  setConsensusValidator(validator: TopicValidator | undefined): void {
    this.router!.setValidator(this.topics.consensus, validator && (async (d, from) => (d.length > MAX_CONSENSUS_MESSAGE_BYTES ? { result: 'reject', points: Offence.oversizeFrame, reason: 'oversize consensus message' } : validator(d, from))));
  }

  /** Publishes an engine message on the consensus topic. */
  publishConsensus(data: Uint8Array): Promise<void> {
    return this.router!.publish(this.topics.consensus, data);
  }

  // ---- local blocks and transactions ----

  private followLocal(): void {
    const onTip = (entry: ChainEntry) => void this.announceTip(entry);
    const onAdded = (ptx: PreparedTx) => {
      if (this.received.has(ptx.key)) return;
      void this.router?.publish(this.topics.txs, ptx.bytes).catch(() => undefined);
    };
    const onReorg = (info: { dropped: PreparedTx[] }) => {
      // The mempool (subscribed first) takes back what is still valid; its admission reads the head
      // state asynchronously, so wait until it has settled, then push those to every peer.
      void this.mempool.settled().then(() => {
        const back = info.dropped.filter((t) => this.mempool.has(t.key));
        if (back.length === 0 || !this.router) return;
        this.log.info({ txs: back.length }, 'reorg: returning dropped transactions to the network');
        for (const p of this.peers.keys()) void this.pushTxs(p, back.map((t) => t.bytes));
      });
    };
    this.chain.on('tip', onTip);
    this.mempool.on('added', onAdded);
    this.chain.on('reorg', onReorg);
    this.unsubscribe.push(
      () => this.chain.off('tip', onTip),
      () => this.mempool.off('added', onAdded),
      () => this.chain.off('reorg', onReorg),
    );
  }

  /** Publishes a new tip that did not come from the network (this node produced it). */
  private async announceTip(entry: ChainEntry): Promise<void> {
    if (this.received.has(entry.key) || !this.router) return;
    this.received.add(entry.key);
    const [block, justification] = await Promise.all([this.chain.store.blockBytes(entry.hash), this.chain.getJustification(entry.hash)]);
    if (!block) return;
    await this.router.publish(this.topics.blocks, encode(GossipBlock, { block, justification: justification ?? null })).catch((e) => this.log.debug({ err: (e as Error).message }, 'block publish failed'));
    this.log.debug({ height: entry.height, hash: hashToDisplay(entry.hash) }, 'block announced');
  }

  private async pushTxs(peer: string, txs: Uint8Array[]): Promise<void> {
    for (let i = 0; i < txs.length; i += MAX_TXS_PER_PUSH) {
      try {
        await request(this.libp2p, peerIdFromString(peer), this.protocols.txs, encode(TxPush, txs.slice(i, i + MAX_TXS_PER_PUSH)), { maxFrameBytes: SMALL_FRAME, maxChunks: 0, timeoutMs: REQUEST_TIMEOUT_MS });
      } catch (e) {
        this.log.debug({ peer, err: (e as Error).message }, 'tx push failed');
        return;
      }
    }
  }

  /** Sends a new peer our pending transactions (so a late joiner, or one that lost its pool, has them). */
  private async pushMempool(peer: string): Promise<void> {
    const txs = this.mempool.list().slice(0, 4 * MAX_TXS_PER_PUSH);
    const bytes = txs.map((t) => this.mempool.get(t.key)?.bytes).filter((b): b is Uint8Array => b !== undefined);
    if (bytes.length > 0) await this.pushTxs(peer, bytes);
  }

  /** Total weight of the best chain a peer told us of (for tests and RPC). */
  bestPeerWork(): bigint {
    let w = 0n;
    for (const r of this.peers.values()) if (r.status) w = bigMax(w, r.status.headWork);
    return w;
  }
}

/** The block hash of encoded block bytes (sha256d of the 80-byte header that starts them). */
function blockHashOf(block: Uint8Array): Uint8Array {
  return sha256d(block.subarray(0, 80));
}
