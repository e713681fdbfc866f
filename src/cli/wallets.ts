/**
 * Wallet lookups for commands: the wallet directory (`--wallet-dir`, COINWORKS_WALLET_DIR, else
 * `~/.coinworks/wallets`), and account references: an address, or an account label found in the
 * wallet named by `--wallet` or, without it, in whichever wallet has that label. Without
 * `--wallet-dir` or COINWORKS_WALLET_DIR, labels are also looked up in the devnet's wallet
 * directory `./.coinworks/devnet/wallets` when it exists (as `mine` finds the devnet's cookie), so
 * `--from dev-0` works from the directory `coinworks devnet` runs in.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { isAddress } from '../crypto/address.js';
import type { Wallet, WalletAccount } from '../wallet/wallet.js';
import { WalletError } from '../wallet/errors.js';
import { CliError } from './errors.js';
import { expandPath } from '../node/config.js';
import { getPassword, type PasswordSources } from './password.js';

/** Environment variable naming the wallet directory. */
export const WALLET_DIR_ENV = 'COINWORKS_WALLET_DIR';

/** Wallet options shared by commands. */
export interface WalletOptions {
  /** `--wallet-dir`. */
  readonly walletDir?: string;
  /** `--wallet`. */
  readonly wallet?: string;
}

/** The devnet's wallet directory, relative to the current directory (`coinworks devnet` writes its `dev` wallet there). */
export const DEVNET_WALLET_DIR = join('.coinworks', 'devnet', 'wallets');

/**
 * The wallet store, loaded on first use: it brings scrypt, AES and the HD key code, which a command
 * given a plain address never needs (start-up time, issue 14).
 */
const walletStore = () => import('../wallet/wallet-store.js');

/** The wallet directory in force: where new wallets go (default `~/.coinworks/wallets`, wallet-store's defaultWalletDir). */
export function walletDir(o: WalletOptions, env: NodeJS.ProcessEnv = process.env): string {
  const d = o.walletDir ?? (env[WALLET_DIR_ENV] || undefined);
  return d ? expandPath(d) : join(homedir(), '.coinworks', 'wallets');
}

/**
 * Directories searched for wallets: the one in force alone when given (`--wallet-dir`,
 * COINWORKS_WALLET_DIR), else `~/.coinworks/wallets` and the devnet's `./.coinworks/devnet/wallets`
 * when it exists.
 */
export function walletDirs(o: WalletOptions, env: NodeJS.ProcessEnv = process.env): string[] {
  const main = walletDir(o, env);
  if (o.walletDir ?? (env[WALLET_DIR_ENV] || undefined)) return [main];
  const devnet = resolve(DEVNET_WALLET_DIR);
  return devnet !== main && existsSync(devnet) ? [main, devnet] : [main];
}

/** A located account. */
export interface FoundAccount {
  /** Wallet holding it. */
  readonly wallet: string;
  /** Directory of that wallet. */
  readonly dir: string;
  /** The account. */
  readonly account: WalletAccount;
}

/** Finds the account labelled `ref` (or with that address) in `--wallet`, or in the only wallet that has it. */
export async function findAccount(ref: string, o: WalletOptions, env: NodeJS.ProcessEnv = process.env): Promise<FoundAccount> {
  const dirs = walletDirs(o, env);
  const { listWalletFiles, readWalletInfo } = await walletStore();
  const hits: FoundAccount[] = [];
  let wallets = 0;
  for (const dir of dirs) {
    const names = o.wallet ? (await listWalletFiles(dir)).filter((n) => n === o.wallet) : await listWalletFiles(dir);
    wallets += names.length;
    for (const name of names) {
      const info = await readWalletInfo(dir, name);
      const a = info.accounts.find((x) => x.label === ref) ?? info.accounts.find((x) => x.address === ref.toLowerCase());
      if (a) hits.push({ wallet: name, dir, account: a });
    }
  }
  const where = dirs.join(' or ');
  if (wallets === 0) {
    if (o.wallet) throw new CliError('CLI_UNKNOWN_ACCOUNT', `no wallet "${o.wallet}" in ${where} (see \`coinworks wallet list\`)`);
    throw new CliError('CLI_UNKNOWN_ACCOUNT', `no wallets in ${where}; create one with \`coinworks wallet new\` or pass --wallet-dir`);
  }
  if (hits.length === 0) {
    throw new CliError('CLI_UNKNOWN_ACCOUNT', `no account "${ref}" in ${o.wallet ? `wallet "${o.wallet}" in ${where}` : `any wallet in ${where}`} (see \`coinworks wallet list\`)`, { usage: false });
  }
  if (hits.length > 1) {
    throw new CliError('CLI_AMBIGUOUS_ACCOUNT', `account "${ref}" is in several wallets (${hits.map((h) => `${h.wallet} in ${h.dir}`).join(', ')}); choose one with --wallet${dirs.length > 1 ? ' or --wallet-dir' : ''}`, { usage: true });
  }
  return hits[0];
}

/** The address of `ref`: itself when it is an address, else the address of the account it labels. */
export async function resolveAddress(ref: string, o: WalletOptions, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (isAddress(ref)) return ref.toLowerCase();
  if (ref.toLowerCase().startsWith('cw1')) throw new CliError('CLI_BAD_ARGUMENT', `"${ref}" looks like an address but its checksum or length is wrong`, { usage: true });
  return (await findAccount(ref, o, env)).account.address;
}

/** Finds and unlocks the wallet holding account `ref` (password from the given sources). */
export async function unlockAccount(ref: string, o: WalletOptions, pw: PasswordSources): Promise<{ wallet: Wallet; account: WalletAccount }> {
  const found = await findAccount(ref, o, pw.env ?? process.env);
  const { loadWalletFile, readPublicPassword } = await walletStore();
  // A wallet whose password is public (the devnet's dev wallet) keeps it beside itself.
  const known = pw.file ? undefined : await readPublicPassword(found.dir, found.wallet);
  const password = known ?? (await getPassword(pw, { purpose: `Password of wallet "${found.wallet}"` }));
  try {
    const wallet = await loadWalletFile(found.dir, found.wallet, password);
    return { wallet, account: wallet.account(found.account.index) };
  } catch (e) {
    if (e instanceof WalletError && e.code === 'WALLET_BAD_PASSWORD') {
      throw new WalletError('WALLET_BAD_PASSWORD', `wrong password for wallet "${found.wallet}"`);
    }
    throw e;
  }
}
