/** `coinworks wallet list`: the wallets in the wallet directory and their accounts (no password needed). */
import type { Command } from 'commander';
import { listWalletFiles, readWalletInfo } from '../../wallet/wallet-store.js';
import type { WalletInfo } from '../../wallet/wallet.js';
import type { CliApp } from '../app.js';
import { examples } from '../args.js';
import { emit, table } from '../output.js';
import { walletDirs } from '../wallets.js';

/** Registers `wallet list`. */
export function registerWalletList(wallet: Command, app: CliApp): void {
  wallet
    .command('list')
    .description('list wallets and their accounts')
    .option('--wallet-dir <dir>', 'wallet directory (default ~/.coinworks/wallets, env COINWORKS_WALLET_DIR)')
    .addHelpText('after', examples(['coinworks wallet list', 'coinworks wallet list --wallet-dir ./.coinworks/devnet/wallets --json']))
    .action(async (o: { walletDir?: string }, c: Command) => {
      const { json } = app.globals(c);
      // Every directory commands look in: the default one and, when present, the devnet's.
      const dirs = walletDirs(o, app.env);
      const wallets: Array<WalletInfo & { dir: string }> = [];
      for (const dir of dirs) for (const name of await listWalletFiles(dir)) wallets.push({ ...(await readWalletInfo(dir, name)), dir });
      emit(app.io, json, { dir: dirs[0], dirs, wallets }, () =>
        wallets.length === 0
          ? `no wallets in ${dirs.join(' or ')} (create one with: coinworks wallet new)`
          : table(['wallet', 'account', 'address', ...(dirs.length > 1 ? ['directory'] : [])], wallets.flatMap((w) => w.accounts.map((a) => [w.name, a.label, a.address, ...(dirs.length > 1 ? [w.dir] : [])]))),
      );
    });
}
