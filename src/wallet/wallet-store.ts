/**
 * Encrypted wallets on disk (Node only): one `<name>.json` WalletFile per wallet in a directory,
 * by default `~/.coinworks/wallets` (every function takes the directory, so callers can override it).
 * The directory is created with mode 0700 and files with mode 0600. Writes are atomic: the JSON goes
 * to a temporary file in the same directory, is fsynced, then moved into place (a hard link for new
 * files, so an existing wallet is never overwritten even by a concurrent writer; a rename for
 * updates), and the directory is fsynced. Two concurrent updates of one wallet are not merged: the
 * last write wins.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsc } from 'node:fs';
import { link, lstat, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { WalletError } from './errors.js';
import { parseKeystore, type KeystoreOptions } from './keystore.js';
import { parseWalletInfo, validateWalletName, Wallet, type WalletFile, type WalletInfo } from './wallet.js';

const SUFFIX = '.json';

/** `~/.coinworks/wallets`: where wallets live unless the caller says otherwise. */
export function defaultWalletDir(): string {
  return join(homedir(), '.coinworks', 'wallets');
}

/** Path of wallet `name` in `dir` (the name is checked: no path separators or dot-files). */
export function walletFilePath(dir: string, name: string): string {
  return join(dir, validateWalletName(name) + SUFFIX);
}

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | null)?.code;
}

async function fsyncDir(dir: string): Promise<void> {
  // Makes the new directory entry durable; not supported everywhere (e.g. Windows), so best effort.
  try {
    const h = await open(dir, fsc.O_RDONLY);
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    /* ignore */
  }
}

/** Writes `text` to a fresh temporary file in `dir` (mode 0600, fsynced); returns its path. */
async function writeTemp(dir: string, name: string, text: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${name}${SUFFIX}.${randomBytes(6).toString('hex')}.tmp`);
  const h = await open(tmp, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, 0o600);
  try {
    await h.chmod(0o600); // in case the umask or platform widened it
    await h.writeFile(text, 'utf8');
    await h.sync();
  } catch (e) {
    await h.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await h.close();
  return tmp;
}

async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (e) {
    if (errno(e) === 'ENOENT') return false;
    throw e;
  }
}

async function readFileOf(dir: string, name: string): Promise<string> {
  const path = walletFilePath(dir, name);
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if (errno(e) === 'ENOENT') throw new WalletError('WALLET_NOT_FOUND', `no wallet "${name}" in ${dir}`, { name, dir });
    throw e;
  }
}

/** Encrypts `wallet` and stores it as a new `<name>.json`; WALLET_EXISTS if that wallet already exists. */
export async function createWalletFile(
  dir: string,
  name: string,
  wallet: Wallet,
  password: string,
  opts: KeystoreOptions = {},
): Promise<WalletFile> {
  const path = walletFilePath(dir, name);
  const exists = () => new WalletError('WALLET_EXISTS', `wallet "${name}" already exists in ${dir}: choose another --name (\`coinworks wallet add-account ${name}\` adds an account to it)`, { name, dir });
  if (await pathExists(path)) throw exists();
  const file = await wallet.toEncrypted(password, { ...opts, name });
  const tmp = await writeTemp(dir, name, JSON.stringify(file, null, 2) + '\n');
  try {
    try {
      await link(tmp, path); // atomic, and fails if the name is already taken
    } catch (e) {
      if (errno(e) === 'EEXIST') throw exists();
      // File systems without hard links: fall back to check-then-rename (not race-free).
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'].includes(errno(e) ?? '')) throw e;
      if (await pathExists(path)) throw exists();
      await rename(tmp, path);
    }
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  await fsyncDir(dir);
  return file;
}

/** Names of the wallets stored in `dir`, sorted; empty when the directory does not exist. */
export async function listWalletFiles(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    if (errno(e) === 'ENOENT') return [];
    throw e;
  }
  const names: string[] = [];
  for (const f of entries) {
    if (!f.endsWith(SUFFIX)) continue;
    const name = f.slice(0, -SUFFIX.length);
    try {
      validateWalletName(name);
      names.push(name);
    } catch {
      /* not one of ours (temporary or foreign file) */
    }
  }
  return names.sort();
}

/** Decrypts wallet `name`; WALLET_NOT_FOUND, WALLET_BAD_PASSWORD or WALLET_CORRUPT on failure. */
export async function loadWalletFile(dir: string, name: string, password: string): Promise<Wallet> {
  const wallet = await Wallet.fromEncrypted(await readFileOf(dir, name), password);
  wallet.name = name;
  return wallet;
}

/** Name and accounts of wallet `name` without the password (the list is not authenticated until loaded). */
export async function readWalletInfo(dir: string, name: string): Promise<WalletInfo> {
  const info = parseWalletInfo(await readFileOf(dir, name));
  return { name, accounts: info.accounts };
}

/**
 * Loads wallet `name`, applies `update` (e.g. `w => w.addAccount('savings')`), re-encrypts it with the
 * same password and scrypt cost, and atomically replaces the file; returns the updated wallet.
 */
export async function updateWalletFile(
  dir: string,
  name: string,
  password: string,
  update: (wallet: Wallet) => void | Promise<void>,
): Promise<Wallet> {
  const text = await readFileOf(dir, name);
  const { kdfparams } = parseKeystore(text);
  const wallet = await Wallet.fromEncrypted(text, password);
  wallet.name = name;
  await update(wallet);
  const file = await wallet.toEncrypted(password, { n: kdfparams.n, r: kdfparams.r, p: kdfparams.p, name });
  const tmp = await writeTemp(dir, name, JSON.stringify(file, null, 2) + '\n');
  try {
    await rename(tmp, walletFilePath(dir, name));
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fsyncDir(dir);
  return wallet;
}

const PASSWORD_SUFFIX = '.password';

/**
 * Path of the public-password file of wallet `name`: `<name>.password` beside the wallet. Only a
 * wallet whose password is public anyway (the devnet's `dev` wallet) has one; `wallet new` and
 * `wallet import` never write it.
 */
export function publicPasswordPath(dir: string, name: string): string {
  return join(dir, validateWalletName(name) + PASSWORD_SUFFIX);
}

/** Writes the public-password file of wallet `name` (mode 0600). */
export async function writePublicPassword(dir: string, name: string, password: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const h = await open(publicPasswordPath(dir, name), fsc.O_WRONLY | fsc.O_CREAT | fsc.O_TRUNC, 0o600);
  try {
    await h.writeFile(password + '\n', 'utf8');
  } finally {
    await h.close();
  }
}

/** The public password kept beside wallet `name` (its first line), if it has one. */
export async function readPublicPassword(dir: string, name: string): Promise<string | undefined> {
  try {
    const line = (await readFile(publicPasswordPath(dir, name), 'utf8')).split(/\r?\n/)[0];
    return line === '' ? undefined : line;
  } catch (e) {
    if (errno(e) === 'ENOENT') return undefined;
    throw e;
  }
}
