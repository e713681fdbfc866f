/**
 * Wallet lookups for commands: the wallet directory (`--wallet-dir`, COINWORKS_WALLET_DIR, else
 * `~/.coinworks/wallets`), and account references: an address, or an account label found in the
 * wallet named by `--wallet` or, without it, in whichever wallet of the directory has that label.
 */
import { isAddress } from '../crypto/address.js';
import { defaultWalletDir, listWalletFiles, loadWalletFile, readWalletInfo } from '../wallet/wallet-store.js';
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

/** The wallet directory in force. */
export function walletDir(o: WalletOptions, env: NodeJS.ProcessEnv = process.env): string {
  const d = o.walletDir ?? (env[WALLET_DIR_ENV] || undefined);
  return d ? expandPath(d) : defaultWalletDir();
}

/** A located account. */
export interface FoundAccount {
  /** Wallet holding it. */
  readonly wallet: string;
  /** The account. */
  readonly account: WalletAccount;
}

/** Finds the account labelled `ref` (or with that address) in `--wallet`, or in the only wallet of the directory that has it. */
export async function findAccount(ref: string, o: WalletOptions, env: NodeJS.ProcessEnv = process.env): Promise<FoundAccount> {
  const dir = walletDir(o, env);
  const names = o.wallet ? [o.wallet] : await listWalletFiles(dir);
  if (names.length === 0) throw new CliError('CLI_UNKNOWN_ACCOUNT', `no wallets in ${dir}; create one with \`coinworks wallet new\` or pass --wallet-dir`);
  const hits: FoundAccount[] = [];
  for (const name of names) {
    const info = await readWalletInfo(dir, name);
    const a = info.accounts.find((x) => x.label === ref) ?? info.accounts.find((x) => x.address === ref.toLowerCase());
    if (a) hits.push({ wallet: name, account: a });
  }
  if (hits.length === 0) {
    const where = o.wallet ? `wallet "${o.wallet}"` : `any wallet in ${dir}`;
    throw new CliError('CLI_UNKNOWN_ACCOUNT', `no account "${ref}" in ${where}`, { usage: false });
  }
  if (hits.length > 1) {
    throw new CliError('CLI_AMBIGUOUS_ACCOUNT', `account "${ref}" is in several wallets (${hits.map((h) => h.wallet).join(', ')}); choose one with --wallet`, { usage: true });
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
  const password = await getPassword(pw, { purpose: `Password of wallet "${found.wallet}"` });
  try {
    const wallet = await loadWalletFile(walletDir(o, pw.env ?? process.env), found.wallet, password);
    return { wallet, account: wallet.account(found.account.index) };
  } catch (e) {
    if (e instanceof WalletError && e.code === 'WALLET_BAD_PASSWORD') {
      throw new WalletError('WALLET_BAD_PASSWORD', `wrong password for wallet "${found.wallet}"`);
    }
    throw e;
  }
}
