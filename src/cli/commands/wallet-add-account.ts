/** `coinworks wallet add-account <wallet>`: derives the wallet's next account (needs its password). */
import type { Command } from 'commander';
import { listWalletFiles, readPublicPassword, readWalletInfo, updateWalletFile, walletFilePath } from '../../wallet/wallet-store.js';
import type { CliApp } from '../app.js';
import { examples } from '../args.js';
import { CliError } from '../errors.js';
import { emit, fields } from '../output.js';
import { getPassword } from '../password.js';
import { walletDirs } from '../wallets.js';

/** The directory holding wallet `name` among the wallet directories; CLI_UNKNOWN_ACCOUNT if none does. */
export async function walletDirOf(name: string, o: { walletDir?: string }, env: NodeJS.ProcessEnv): Promise<string> {
  const dirs = walletDirs(o, env);
  for (const d of dirs) if ((await listWalletFiles(d)).includes(name)) return d;
  throw new CliError('CLI_UNKNOWN_ACCOUNT', `no wallet "${name}" in ${dirs.join(' or ')} (see \`coinworks wallet list\`)`);
}

/** Registers `wallet add-account`. */
export function registerWalletAddAccount(wallet: Command, app: CliApp): void {
  wallet
    .command('add-account')
    .description('derive the next account of a wallet (BIP-44 index + 1) and add it with a label')
    .argument('<wallet>', 'wallet name')
    .option('--label <label>', 'label of the new account (default <wallet>-<index>)')
    .option('--password-file <path>', 'read the wallet password from this file (else COINWORKS_WALLET_PASSWORD, else a prompt)')
    .option('--wallet-dir <dir>', 'wallet directory (default ~/.coinworks/wallets, env COINWORKS_WALLET_DIR)')
    .addHelpText('after', examples(['coinworks wallet add-account me', 'coinworks wallet add-account me --label savings --password-file pw.txt --json']))
    .action(async (name: string, o: { label?: string; passwordFile?: string; walletDir?: string }, c: Command) => {
      const { json } = app.globals(c);
      const dir = await walletDirOf(name, o, app.env);
      const before = await readWalletInfo(dir, name);
      const index = before.accounts.reduce((m, a) => Math.max(m, a.index + 1), 0);
      const label = o.label ?? `${name}-${index}`;
      const password = (o.passwordFile ? undefined : await readPublicPassword(dir, name)) ?? (await getPassword({ file: o.passwordFile, env: app.env }, { purpose: `Password of wallet "${name}"` }));
      const w = await updateWalletFile(dir, name, password, (w) => void w.addAccount(label));
      const added = w.accounts().find((a) => a.label === label)!;
      emit(app.io, json, { wallet: name, file: walletFilePath(dir, name), account: added.label, index: added.index, address: added.address }, () =>
        fields([
          ['wallet', `${name} (${walletFilePath(dir, name)})`],
          ['account', `${added.label} (index ${added.index})`],
          ['address', added.address],
        ]),
      );
    });
}
