/** `coinworks wallet new`: creates an encrypted HD wallet and shows its mnemonic once. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { Wallet } from '../../wallet/wallet.js';
import { createWalletFile, walletFilePath } from '../../wallet/wallet-store.js';
import type { CliApp } from '../app.js';
import { examples } from '../args.js';
import { emit, fields } from '../output.js';
import { getPassword } from '../password.js';
import { walletDir } from '../wallets.js';

/** Registers `wallet new`. */
export function registerWalletNew(wallet: Command, app: CliApp): void {
  wallet
    .command('new')
    .description('create a wallet with a fresh mnemonic (shown once: write it down)')
    .option('--name <name>', 'wallet name', 'default')
    .option('--label <label>', 'label of the first account (default: the wallet name; `coinworks wallet add-account` adds more)')
    .addOption(new Option('--words <n>', 'mnemonic length').choices(['12', '24']).default('24'))
    .option('--password-file <path>', 'read the password from this file (else COINWORKS_WALLET_PASSWORD, else a prompt)')
    .option('--wallet-dir <dir>', 'wallet directory (default ~/.coinworks/wallets, env COINWORKS_WALLET_DIR)')
    .addHelpText(
      'after',
      examples([
        'coinworks wallet new',
        'coinworks wallet new --name savings --words 12      # first account: "savings"',
        'coinworks wallet new --password-file ./pw.txt --json',
      ]),
    )
    .action(async (o: { name: string; label?: string; words: string; passwordFile?: string; walletDir?: string }, c: Command) => {
      const { json } = app.globals(c);
      const dir = walletDir(o, app.env);
      const w = Wallet.create({ name: o.name, words: o.words === '12' ? 12 : 24 });
      // The first account is named after its wallet, so two wallets never both hold "account-0".
      w.renameAccount(0, o.label ?? o.name);
      const password = await getPassword({ file: o.passwordFile, env: app.env }, { confirm: true, purpose: `New password for wallet "${o.name}"` });
      await createWalletFile(dir, o.name, w, password);
      const account = w.accounts()[0];
      const data = { name: o.name, file: walletFilePath(dir, o.name), account: account.label, address: account.address, mnemonic: w.mnemonic };
      if (!json) {
        app.io.stderr.write(
          'WARNING: the mnemonic below is the only backup of this wallet. Write it down and keep it secret:\n' +
            'anyone who has it can spend your coins. It will not be shown again.\n',
        );
      }
      emit(app.io, json, data, () => [
        ...fields([
          ['wallet', `${o.name} (${data.file})`],
          ['account', account.label],
          ['address', account.address],
        ]),
        '',
        `mnemonic: ${w.mnemonic}`,
      ]);
    });
}
