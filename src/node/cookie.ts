/**
 * The RPC auth cookie, in the manner of bitcoind's: on every start the node writes a fresh random
 * secret to `<datadir>/.cookie` (`__cookie__:<64 hex digits>`, mode 0600, written to a temporary
 * file and renamed into place, so no other user can read it even for an instant), accepts it for
 * control methods (rpc/auth.ts), and removes it on stop. Local tools (the CLI) read it to drive the
 * node; anyone who can read the data directory can.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { COOKIE_USER, type RpcAuth } from '../rpc/auth.js';

/** Name of the cookie file inside a data directory. */
export const COOKIE_FILE_NAME = '.cookie';

/** Path of the cookie file of a data directory. */
export function cookiePath(datadir: string): string {
  return join(datadir, COOKIE_FILE_NAME);
}

/** Writes a fresh cookie (mode 0600) and returns the credentials it holds. */
export async function writeCookie(datadir: string): Promise<RpcAuth> {
  const auth: RpcAuth = { user: COOKIE_USER, secret: randomBytes(32).toString('hex') };
  const path = cookiePath(datadir);
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const h = await open(tmp, 'wx', 0o600);
  try {
    await h.chmod(0o600); // in case the umask widened it
    await h.writeFile(`${auth.user}:${auth.secret}`, 'utf8');
    await h.sync();
  } finally {
    await h.close();
  }
  await rename(tmp, path);
  return auth;
}

/** Removes the cookie if it still holds `auth` (a newer node on the same directory keeps its own). */
export async function removeCookie(datadir: string, auth: RpcAuth): Promise<void> {
  const path = cookiePath(datadir);
  try {
    if ((await readFile(path, 'utf8')).trim() === `${auth.user}:${auth.secret}`) await unlink(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** The credentials in a data directory's cookie (`user:secret`), or undefined when there is none. */
export async function readCookie(datadir: string): Promise<string | undefined> {
  try {
    const text = (await readFile(cookiePath(datadir), 'utf8')).trim();
    return text.includes(':') ? text : undefined;
  } catch (e) {
    if (['ENOENT', 'ENOTDIR', 'EACCES'].includes((e as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw e;
  }
}
