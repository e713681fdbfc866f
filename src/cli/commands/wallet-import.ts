/** `coinworks wallet import`: restores a wallet from a BIP-39 mnemonic. */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { Wallet } from '../../wallet/wallet.js';
import { createWalletFile, walletFilePath } from '../../wallet/wallet-store.js';
import type { CliApp } from '../app.js';
import { examples, intArg } from '../args.js';
import { CliError } from '../errors.js';
import { emit, fields, table } from '../output.js';
import { getPassword, promptHidden } from '../password.js';
import { walletDir } from '../wallets.js';

/** Environment variable that may hold a mnemonic to import. */
export const MNEMONIC_ENV = 'COINWORKS_MNEMONIC';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function readMnemonic(o: { mnemonicFile?: string }, env: NodeJS.ProcessEnv): Promise<string> {
  if (o.mnemonicFile) {
    try {
      return await readFile(o.mnemonicFile, 'utf8');
    } catch (e) {
      throw new CliError('CLI_BAD_ARGUMENT', `cannot read mnemonic file ${o.mnemonicFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  if (env[MNEMONIC_ENV]) return env[MNEMONIC_ENV];
  if (process.stdin.isTTY) return promptHidden('Mnemonic: ');
  const text = await readStdin();
  if (text.trim() === '') throw new CliError('CLI_BAD_ARGUMENT', `no mnemonic: pass --mnemonic-file, set ${MNEMONIC_ENV}, or pipe it on stdin`, { usage: true });
  return text;
}

/** Registers `wallet import`. */
export function registerWalletImport(wallet: Command, app: CliApp): void {
  wallet
    .command('import')
    .description('restore a wallet from its mnemonic (read from --mnemonic-file, COINWORKS_MNEMONIC, stdin or a prompt)')
    .option('--name <name>', 'wallet name', 'default')
    .option('--mnemonic-file <path>', 'file holding the mnemonic')
    .option('--accounts <n>', 'number of accounts to restore', intArg(1, 1000), 1)
    .option('--password-file <path>', 'read the password from this file (else COINWORKS_WALLET_PASSWORD, else a prompt)')
    .option('--wallet-dir <dir>', 'wallet directory (default ~/.coinworks/wallets, env COINWORKS_WALLET_DIR)')
    .addHelpText(
      'after',
      examples([
        'coinworks wallet import --name restored',
        'coinworks wallet import --mnemonic-file words.txt --accounts 3 --password-file pw.txt',
        'echo "$WORDS" | coinworks wallet import --name ci --password-file pw.txt',
      ]),
    )
    .action(async (o: { name: string; mnemonicFile?: string; accounts: number; passwordFile?: string; walletDir?: string }, c: Command) => {
      const { json } = app.globals(c);
      const dir = walletDir(o, app.env);
      const w = Wallet.fromMnemonic(await readMnemonic(o, app.env), { name: o.name });
      // Labels after the wallet: "<name>", "<name>-1", ... (as wallet new and wallet add-account name them).
      w.renameAccount(0, o.name);
      for (let i = 1; i < o.accounts; i++) w.addAccount(`${o.name}-${i}`);
      const password = await getPassword({ file: o.passwordFile, env: app.env }, { confirm: true, purpose: `New password for wallet "${o.name}"` });
      await createWalletFile(dir, o.name, w, password);
      const accounts = w.accounts();
      const data = { name: o.name, file: walletFilePath(dir, o.name), accounts };
      emit(app.io, json, data, () => [
        ...fields([['wallet', `${o.name} (${data.file})`]]),
        '',
        ...table(['account', 'address'], accounts.map((a) => [a.label, a.address])),
      ]);
    });
}
