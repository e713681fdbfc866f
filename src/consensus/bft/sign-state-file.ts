/**
 * The sign state of `signer.ts` in one small file, replaced atomically: the new state is written to
 * `<path>.tmp`, fsynced, renamed over `<path>`, and the directory is fsynced, so after a crash the
 * file holds either the old state or the new one, never a torn mix. A SHA-256 trailer catches
 * bit rot; a file that does not decode is an error (BFT_SIGN_STATE_CORRUPT), never a fresh start,
 * because forgetting what was signed is exactly how a validator comes to sign twice.
 * Node only.
 */
import { readFileSync } from 'node:fs';
import { replaceFileDurablySync } from '../../util/durable-file.js';
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
    replaceFileDurablySync(this.path, bytes);
  }
}
