/**
 * The options every transaction-sending command shares (`--from`, wallet, password, fees, waiting)
 * and the helpers that read them: one definition for send, asset, multisig, nft and market.
 */
import type { Command } from 'commander';
import type { CliApp } from './app.js';
import type { CommandSigner } from '../client/command.js';
import { intArg, unitsArg } from './args.js';
import { unlockAccount } from './wallets.js';

/** Options of every command that signs a transaction. */
export interface TxOptions {
  from: string;
  wallet?: string;
  walletDir?: string;
  passwordFile?: string;
  maxFeePerGas?: bigint;
  tipPerGas?: bigint;
  gasLimit?: bigint;
  wait: boolean;
  timeout: number;
}

/** Adds the wallet options (`--wallet`, `--wallet-dir`) to a read command that takes account labels. */
export function addWalletOptions(cmd: Command): Command {
  return cmd
    .option('--wallet <name>', 'wallet holding the account labels (default: any wallet that has them)')
    .option('--wallet-dir <dir>', 'wallet directory (default ~/.coinworks/wallets, env COINWORKS_WALLET_DIR)');
}

/**
 * Adds `--from` and the signing, fee and waiting options. `o` is the `--from` help text, or
 * `{ fromHelp, noWait }` (`--no-wait` is added unless `noWait` is false).
 */
export function addTxOptions(cmd: Command, o: string | { noWait?: boolean; fromHelp?: string } = {}): Command {
  const opts = typeof o === 'string' ? { fromHelp: o } : o;
  const out = addWalletOptions(cmd.requiredOption('--from <account>', opts.fromHelp ?? 'signing account label (or address) in your wallets'))
    .option('--password-file <path>', 'read the wallet password from this file (else COINWORKS_WALLET_PASSWORD, else a prompt)')
    .option('--max-fee-per-gas <units>', 'fee cap per gas in base units (default: node estimate)', unitsArg)
    .option('--tip-per-gas <units>', 'miner tip per gas in base units (default: node estimate)', unitsArg)
    .option('--gas-limit <gas>', 'gas limit (default: exact estimate from the node)', unitsArg);
  if (opts.noWait !== false) out.option('--no-wait', 'return once the node accepted the transaction');
  return out.option('--timeout <seconds>', 'how long to wait for inclusion', intArg(1, 86_400), 120);
}

/** An unlocked signing account. */
export interface SigningAccount extends CommandSigner {
  readonly address: string;
  readonly label: string;
}

/** Unlocks `--from`. */
export async function signingAccount(app: CliApp, o: TxOptions): Promise<SigningAccount> {
  const { wallet, account } = await unlockAccount(o.from, o, { file: o.passwordFile, env: app.env });
  return { signer: (digest) => wallet.sign(account.index, digest), publicKey: wallet.publicKeyFor(account.index), address: account.address, label: account.label };
}

/** The fee settings given on the command line. */
export function feeOf(o: Pick<TxOptions, 'maxFeePerGas' | 'tipPerGas' | 'gasLimit'>): { maxFeePerGas?: bigint; maxTipPerGas?: bigint; gasLimit?: bigint } {
  return {
    ...(o.maxFeePerGas !== undefined ? { maxFeePerGas: o.maxFeePerGas } : {}),
    ...(o.tipPerGas !== undefined ? { maxTipPerGas: o.tipPerGas } : {}),
    ...(o.gasLimit !== undefined ? { gasLimit: o.gasLimit } : {}),
  };
}
