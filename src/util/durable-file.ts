/**
 * Crash-safe replacement of a small file: the bytes go to `<path>.tmp`, are fsynced, renamed over
 * `path`, and the directory is fsynced, so after a crash at any moment the file holds either the old
 * or the new bytes in full (POSIX rename is atomic; the directory fsync makes the rename durable).
 */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Replaces `path` with `bytes` durably (see the file comment); blocks until both fsyncs are done. */
export function replaceFileDurablySync(path: string, bytes: Uint8Array, mode = 0o600): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
