/**
 * The validator's signer: the double-sign guard (`consensus/bft/signer.ts`) over its fsynced file,
 * plus the block it is locked on in a file of its own. The guard's state is rewritten with every
 * signature; keeping the locked block there would rewrite a block of up to a megabyte three times a
 * height. So the block is written once, when the lock is taken (before the precommit that takes
 * it is signed), and the guard keeps only its hash; on restart the resume point gets the block back
 * from the file (or, if the file holds another block, the engine fetches it from peers).
 */
import { readFileSync } from 'node:fs';
import { replaceFileDurablySync } from '../util/durable-file.js';
import { sha256 } from '../crypto/hash.js';
import { bytesEqual } from '../encoding/hex.js';
import type { ConsensusSigner, LockProof } from '../consensus/bft/app.js';
import type { ResumePoint } from '../consensus/bft/engine-types.js';
import type { Proposal, SignedProposal, SignedVote, Vote } from '../consensus/bft/messages.js';
import type { DoubleSignGuard } from '../consensus/bft/signer.js';

/** Where the locked block lives: `save` must be durable before it returns. */
export interface LockedValueStore {
  save(blockHash: Uint8Array, value: Uint8Array): void;
  /** The stored block if it is the one named, else undefined. */
  load(blockHash: Uint8Array): Uint8Array | undefined;
}

/** One file `<hash 32 bytes><block>`, replaced atomically (temp file, fsync, rename, directory fsync). */
export class LockedValueFile implements LockedValueStore {
  private last: Uint8Array | null = null;

  constructor(readonly path: string) {}

  /** Writes the block unless it is already the stored one. */
  save(blockHash: Uint8Array, value: Uint8Array): void {
    if (this.last && bytesEqual(this.last, blockHash)) return;
    const bytes = new Uint8Array(32 + 32 + value.length);
    bytes.set(blockHash, 0);
    bytes.set(value, 32);
    bytes.set(sha256(bytes.subarray(0, 32 + value.length)), 32 + value.length);
    replaceFileDurablySync(this.path, bytes);
    this.last = Uint8Array.from(blockHash);
  }

  /** The block, when the file holds exactly that one and its checksum holds. */
  load(blockHash: Uint8Array): Uint8Array | undefined {
    let raw: Uint8Array;
    try {
      raw = new Uint8Array(readFileSync(this.path));
    } catch {
      return undefined;
    }
    if (raw.length < 64 || !bytesEqual(raw.subarray(0, 32), blockHash)) return undefined;
    const body = raw.subarray(0, raw.length - 32);
    if (!bytesEqual(sha256(body), raw.subarray(raw.length - 32))) return undefined;
    return raw.slice(32, raw.length - 32);
  }
}

/** A locked-block store in memory (tests). */
export class MemoryLockedValues implements LockedValueStore {
  private held: { hash: Uint8Array; value: Uint8Array } | null = null;
  /** Keeps the block. */
  save(blockHash: Uint8Array, value: Uint8Array): void {
    this.held = { hash: blockHash, value };
  }
  /** The block if it is the one held. */
  load(blockHash: Uint8Array): Uint8Array | undefined {
    return this.held && bytesEqual(this.held.hash, blockHash) ? this.held.value : undefined;
  }
}

/** The engine's `ConsensusSigner`: the guard, with the locked block kept beside it. */
export class DurableSigner implements ConsensusSigner {
  readonly address: Uint8Array;

  constructor(
    readonly guard: DoubleSignGuard,
    private readonly locked: LockedValueStore,
  ) {
    this.address = guard.address;
  }

  /** Signs a vote; a block precommit first stores the block it locks on. */
  signVote(vote: Vote, lock?: LockProof): SignedVote {
    if (lock && vote.blockHash !== null && lock.value.length > 0) this.locked.save(vote.blockHash, lock.value);
    return this.guard.signVote(vote, lock && { polka: lock.polka, value: new Uint8Array(0) });
  }

  /** Signs a proposal. */
  signProposal(proposal: Proposal): SignedProposal {
    return this.guard.signProposal(proposal);
  }

  /** The guard's resume point of `height`, with the locked block read back from its file. */
  resumePoint(height: bigint): ResumePoint | undefined {
    const r = this.guard.resumePoint(height);
    if (!r) return undefined;
    if (!r.lock || r.lock.value?.length) return r;
    const value = this.locked.load(r.lock.blockHash);
    return value ? { ...r, lock: { ...r.lock, value } } : r;
  }
}
