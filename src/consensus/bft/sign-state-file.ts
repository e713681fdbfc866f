/**
 * The sign state of `signer.ts` in one small file, replaced atomically: the new state is written to
 * `<path>.tmp`, fsynced, renamed over `<path>`, and the directory is fsynced, so after a crash the
 * file holds either the old state or the new one, never a torn mix. A SHA-256 trailer catches
 * bit rot; a file that does not decode is an error (BFT_SIGN_STATE_CORRUPT), never a fresh start,
 * because forgetting what was signed is exactly how a validator comes to sign twice.
 * Node only.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { sha256 } from '../../crypto/hash.js';
import { BftError } from './errors.js';
import { decodeSignState, encodeSignState, type SignState, type SignStateStore } from './signer.js';

/** A `SignStateStore` backed by a file. */
export class FileSignStateStore implements SignStateStore {
  constructor(readonly path: string) {}

  /** Reads the state; null when the file does not exist; throws BFT_SIGN_STATE_CORRUPT when it does not check out. */
  load(): SignState | null {
    let raw: Uint8Array;
    try {
      raw = new Uint8Array(readFileSync(this.path));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    if (raw.length < 32) throw new BftError('BFT_SIGN_STATE_CORRUPT', `${this.path}: too short`);
    const body = raw.subarray(0, raw.length - 32);
    const sum = sha256(body);
    for (let i = 0; i < 32; i++) if (sum[i] !== raw[body.length + i]) throw new BftError('BFT_SIGN_STATE_CORRUPT', `${this.path}: checksum mismatch`);
    try {
      return decodeSignState(body);
    } catch (e) {
      throw new BftError('BFT_SIGN_STATE_CORRUPT', `${this.path}: ${(e as Error).message}`);
    }
  }

  /** Writes the state durably (temp file, fsync, rename, directory fsync) before returning. */
  save(state: SignState): void {
    const body = encodeSignState(state);
    const bytes = new Uint8Array(body.length + 32);
    bytes.set(body, 0);
    bytes.set(sha256(body), body.length);
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    const dir = openSync(dirname(this.path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}
