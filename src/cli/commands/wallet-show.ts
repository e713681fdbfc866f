/** `coinworks wallet show [name]`: one wallet's accounts; `--add <label>` derives a new account (needs the password). */
import type { Command } from 'commander';
import { readWalletInfo, updateWalletFile, walletFilePath } from '../../wallet/wallet-store.js';
import type { CliApp } from '../app.js';
import { examples } from '../args.js';
import { emit, fields, table } from '../output.js';
import { getPassword } from '../password.js';
import { walletDirOf } from './wallet-add-account.js';

/** Registers `wallet show`. */
export function registerWalletShow(wallet: Command, app: CliApp): void {
  wallet
    .command('show')
    .description('show a wallet and its accounts')
    .argument('[name]', 'wallet name', 'default')
    .option('--add <label>', 'derive and add the next account with this label (as `wallet add-account --label`; asks for the password)')
    .option('--password-file <path>', 'password file for --add')
    .option('--wallet-dir <dir>', 'wallet directory (default ~/.coinworks/wallets, env COINWORKS_WALLET_DIR)')
    .addHelpText('after', examples(['coinworks wallet show', 'coinworks wallet show dev --wallet-dir ./.coinworks/devnet/wallets', 'coinworks wallet show me --add savings']))
    .action(async (name: string, o: { add?: string; passwordFile?: string; walletDir?: string }, c: Command) => {
      const { json } = app.globals(c);
      const dir = await walletDirOf(name, o, app.env);
      let info = await readWalletInfo(dir, name);
      if (o.add !== undefined) {
        const password = await getPassword({ file: o.passwordFile, env: app.env }, { purpose: `Password of wallet "${name}"` });
        const label = o.add;
        const w = await updateWalletFile(dir, name, password, (w) => void w.addAccount(label));
        info = { name, accounts: w.accounts() };
      }
      const file = walletFilePath(dir, name);
      emit(app.io, json, { name, file, accounts: info.accounts }, () => [
        ...fields([['wallet', `${name} (${file})`]]),
        '',
        ...table(['index', 'account', 'address'], info.accounts.map((a) => [String(a.index), a.label, a.address])),
      ]);
    });
}
