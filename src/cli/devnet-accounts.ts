/**
 * The devnet's development accounts: 20 keys derived (BIP-44, `m/44'/8645'/0'/0/<i>`) from a
 * mnemonic, by default the well-known, public development mnemonic below, each funded at genesis,
 * and the `dev` wallet file holding them (password `devnet`) so the CLI can sign with them.
 * Everything here is public: never use these keys outside a devnet.
 */
import { ONE_COIN } from '../params/networks.js';
import { deriveAccount } from '../wallet/hd.js';
import { mnemonicToSeed } from '../wallet/mnemonic.js';
import { Wallet } from '../wallet/wallet.js';
import { createWalletFile, writePublicPassword } from '../wallet/wallet-store.js';

/** Well-known development mnemonic (public: anyone can spend from these keys). */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';
/**
 * Number of development accounts (Hardhat's 20): enough for the documented flows, e.g. the
 * governed-minting seed's 3-of-7 and 5-of-5 groups, an auditor and three holders.
 */
export const DEV_ACCOUNT_COUNT = 20;
/** Genesis balance of each development account: 1,000,000 CWC in base units. */
export const DEV_ACCOUNT_FUNDS = 1_000_000n * ONE_COIN;
/** Name of the development wallet file. */
export const DEV_WALLET_NAME = 'dev';
/** Password of the development wallet file (public). */
export const DEV_WALLET_PASSWORD = 'devnet';
/** scrypt cost of the development wallet: low, since its password is public anyway. */
export const DEV_WALLET_SCRYPT_N = 2 ** 10;

/** One development account. */
export interface DevAccount {
  /** Wallet label, `dev-<index>`. */
  readonly label: string;
  /** Address index. */
  readonly index: number;
  /** BIP-32 path. */
  readonly path: string;
  /** bech32m address. */
  readonly address: string;
}

/** The first `count` development accounts of `mnemonic`. */
export function devAccounts(mnemonic = DEV_MNEMONIC, count = DEV_ACCOUNT_COUNT): DevAccount[] {
  const seed = mnemonicToSeed(mnemonic);
  const out: DevAccount[] = [];
  for (let i = 0; i < count; i++) {
    const a = deriveAccount(seed, i);
    a.secretKey.fill(0);
    out.push({ label: `dev-${i}`, index: i, path: a.path, address: a.address });
  }
  return out;
}

/** Writes the `dev` wallet (accounts `dev-0` .. `dev-<count-1>`) into `walletDir`. */
export async function writeDevWallet(walletDir: string, mnemonic = DEV_MNEMONIC, count = DEV_ACCOUNT_COUNT): Promise<void> {
  const w = Wallet.fromMnemonic(mnemonic, { name: DEV_WALLET_NAME });
  w.renameAccount(0, 'dev-0');
  for (let i = 1; i < count; i++) w.addAccount(`dev-${i}`);
  await createWalletFile(walletDir, DEV_WALLET_NAME, w, DEV_WALLET_PASSWORD, { n: DEV_WALLET_SCRYPT_N });
  // Its password is public: kept beside it, so commands signing with dev accounts need no password flag.
  await writePublicPassword(walletDir, DEV_WALLET_NAME, DEV_WALLET_PASSWORD);
}
