/** `coinworks wallet`: the group of wallet commands (new, import, add-account, list, show). */
import type { Command } from 'commander';
import type { CliApp } from '../app.js';
import { examples } from '../args.js';
import { registerWalletAddAccount } from './wallet-add-account.js';
import { registerWalletImport } from './wallet-import.js';
import { registerWalletList } from './wallet-list.js';
import { registerWalletNew } from './wallet-new.js';
import { registerWalletShow } from './wallet-show.js';

/** Registers `wallet` and its subcommands. */
export function registerWallet(program: Command, app: CliApp): void {
  const wallet = program
    .command('wallet')
    .description('create, restore and inspect encrypted HD wallets')
    .addHelpText('after', examples(['coinworks wallet new --name me', 'coinworks wallet add-account me', 'coinworks wallet list', 'coinworks wallet show me']));
  registerWalletNew(wallet, app);
  registerWalletImport(wallet, app);
  registerWalletAddAccount(wallet, app);
  registerWalletList(wallet, app);
  registerWalletShow(wallet, app);
}
