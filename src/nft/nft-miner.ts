/**
 * The NFT miner: finds a nonce for a mined collection's current state (POW NFT's off-chain miner)
 * with the node's SHA-256d midstate kernel, either in this thread (`findNftNonce`, for tests and
 * easy targets) or on worker threads (`NftMiner` over the CpuMiner), reporting the hash rate and the
 * expected time to a find (expected hashes = 2^256 / (target + 1)). The preimage layout and the
 * schedule come from the consensus code (state/modules/nft/pow.ts), so a find is always valid there.
 */
import { EventEmitter } from 'node:events';
import { CoinworksError } from '../errors.js';
import { sha256d } from '../crypto/hash.js';
import { CpuMiner, type FoundEvent } from '../miner/cpu-miner.js';
import { scanNonces, targetToBytes } from '../miner/kernel.js';
import type { StateReader } from '../state/state-view.js';
import { getCollection } from '../state/modules/nft/method.js';
import { expectedHashes, generationOf, minePrice, powPreimage, powTarget } from '../state/modules/nft/pow.js';
import type { MineParams } from '../state/modules/nft/schemas.js';

/** What to mine: one collection's next token, for one miner address. */
export interface NftMiningJob {
  readonly collectionId: number;
  /** The collection's prevHash (changes with every mint: then the job is stale). */
  readonly prevHash: Uint8Array;
  /** The address that will send nft.mine (the preimage binds it). */
  readonly miner: Uint8Array;
  /** Tokens minted so far (n) and the id this job mints (n + 1). */
  readonly minted: bigint;
  readonly tokenId: bigint;
  readonly generation: number;
  readonly target: bigint;
  readonly expectedHashes: bigint;
  /** Mint price of this token and its asset (POW NFT: (2^g - 1) units). */
  readonly price: bigint;
  readonly assetId: number;
}

/** A nonce that meets a job's target. */
export interface NftFind {
  readonly job: NftMiningJob;
  readonly extraNonce: bigint;
  readonly nonce: number;
  /** SHA-256d of the preimage (internal order). */
  readonly powHash: Uint8Array;
}

/** The job for a collection's next token as of `state` (the chain head); NFT_NOT_MINED if not mined. */
export function nftMiningJob(state: StateReader, collectionId: number, miner: Uint8Array): NftMiningJob {
  const c = getCollection(state, collectionId);
  if (!c) throw new CoinworksError('NFT_NOT_FOUND', `collection ${collectionId} does not exist`, { collectionId });
  if (c.mintRule !== 'mined' || !c.pow) throw new CoinworksError('NFT_NOT_MINED', `collection ${collectionId} is not mined`, { collectionId });
  if (c.maxSupply !== 0n && c.minted >= c.maxSupply) throw new CoinworksError('NFT_SOLD_OUT', `collection ${collectionId} is sold out`, { collectionId });
  const target = powTarget(c.pow, c.minted);
  const generation = generationOf(c.minted);
  return {
    collectionId,
    prevHash: Uint8Array.from(c.prevHash),
    miner: Uint8Array.from(miner),
    minted: c.minted,
    tokenId: c.minted + 1n,
    generation,
    target,
    expectedHashes: expectedHashes(target),
    price: minePrice(c.mintPrice, generation),
    assetId: c.mintAsset,
  };
}

/** The nft.mine params of a find. */
export function mineParamsOf(f: NftFind): MineParams {
  return { collectionId: f.job.collectionId, extraNonce: f.extraNonce, nonce: f.nonce };
}

/** Expected seconds to a find at `hashrate` hashes/s (Infinity when not hashing). */
export function expectedSeconds(job: Pick<NftMiningJob, 'expectedHashes'>, hashrate: number): number {
  return hashrate > 0 ? Number(job.expectedHashes) / hashrate : Infinity;
}

/** The 80-byte work unit of a job for one extraNonce (nonce slot zero; the kernel fills it). */
export function jobPreimage(job: NftMiningJob, extraNonce: bigint): Uint8Array {
  return powPreimage(job.collectionId, job.prevHash, job.miner, extraNonce, 0);
}

/**
 * Scans in this thread with the kernel until a find or `maxHashes` (default 2^32) hashes; rolls the
 * extraNonce after each full 2^32-nonce space. Returns the find and the hashes spent, or null.
 */
export function findNftNonce(job: NftMiningJob, o: { extraNonce?: bigint; maxHashes?: number; chunk?: number } = {}): { find: NftFind | null; hashes: number } {
  const target = targetToBytes(job.target);
  const max = o.maxHashes ?? 2 ** 32;
  const chunk = o.chunk ?? 1 << 20;
  let extraNonce = o.extraNonce ?? 0n;
  let start = 0;
  let hashes = 0;
  let header = jobPreimage(job, extraNonce);
  while (hashes < max) {
    const count = Math.min(chunk, 2 ** 32 - start, max - hashes);
    const r = scanNonces(header, target, start, count);
    hashes += r.hashes;
    if (r.found) {
      const full = powPreimage(job.collectionId, job.prevHash, job.miner, extraNonce, r.nonce);
      return { find: { job, extraNonce, nonce: r.nonce, powHash: sha256d(full) }, hashes };
    }
    start += count;
    if (start >= 2 ** 32) {
      start = 0;
      extraNonce++;
      header = jobPreimage(job, extraNonce);
    }
  }
  return { find: null, hashes };
}

/** Hash rate and expected time to a find of the running job. */
export interface NftMinerStats {
  readonly hashrate: number;
  readonly totalHashes: number;
  readonly expectedHashes: bigint;
  readonly expectedSeconds: number;
}

/** Events of `NftMiner`. */
export interface NftMinerEvents {
  found: [NftFind];
  error: [Error];
}

/**
 * Worker-thread NFT miner over the CpuMiner. `setJob` replaces the work at once (call it when the
 * collection's prevHash changes, i.e. after any mint); a job's first find is emitted once, later
 * finds of the same job are dropped; when a job's 2^32 nonces run out the extraNonce is rolled.
 */
export class NftMiner extends EventEmitter<NftMinerEvents> {
  private readonly cpu: CpuMiner;
  private job: NftMiningJob | null = null;
  private extraNonce = 0n;
  private seq = 0;
  private reported = false;

  constructor(o: { threads?: number; hashrateWindowMs?: number } = {}) {
    super();
    this.cpu = new CpuMiner({ threads: o.threads, hashrateWindowMs: o.hashrateWindowMs });
    this.cpu.on('found', (e) => this.onFound(e));
    this.cpu.on('exhausted', (e) => {
      if (!this.job || e.jobId !== this.jobId()) return;
      this.extraNonce++;
      this.dispatch();
    });
    this.cpu.on('error', (e) => this.emit('error', e));
  }

  /** Starts the worker threads (they begin on the current job, if any); resolves when they are up. */
  async start(): Promise<void> {
    this.cpu.start();
    await this.cpu.whenReady();
  }

  /** Replaces the job (a new prevHash, miner or collection). */
  setJob(job: NftMiningJob, extraNonce = 0n): void {
    this.job = job;
    this.extraNonce = extraNonce;
    this.dispatch();
  }

  /** Hash rate over the miner's window and the expected time to a find of the current job. */
  stats(): NftMinerStats {
    const hashrate = this.cpu.hashrate().total;
    const expected = this.job?.expectedHashes ?? 0n;
    return { hashrate, totalHashes: this.cpu.totalHashes(), expectedHashes: expected, expectedSeconds: this.job ? expectedSeconds(this.job, hashrate) : Infinity };
  }

  /** Stops the worker threads. */
  stop(): Promise<void> {
    return this.cpu.stop();
  }

  private jobId(): string {
    return `nft-${this.seq}`;
  }

  private dispatch(): void {
    if (!this.job) return;
    this.seq++;
    this.reported = false;
    this.cpu.setJob({ id: this.jobId(), header: jobPreimage(this.job, this.extraNonce), target: targetToBytes(this.job.target) });
  }

  private onFound(e: FoundEvent): void {
    if (!this.job || e.jobId !== this.jobId() || this.reported) return;
    this.reported = true;
    const extraNonce = new DataView(e.header.buffer, e.header.byteOffset).getBigUint64(56, true);
    this.emit('found', { job: this.job, extraNonce, nonce: e.nonce, powHash: e.hash });
  }
}
