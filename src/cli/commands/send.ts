/**
 * `coinworks send <to> <amount> --from <account>`: signs a transfer with a wallet account, submits
 * it, and (unless --no-wait) waits until it is mined, showing a spinner on a terminal.
 */
import type { Command } from 'commander';
import type { TxInclusion } from '../../client/types.js';
import type { CliApp } from '../app.js';
import { examples, intArg, unitsArg } from '../args.js';
import { COIN_DECIMALS, COIN_SYMBOL, formatAmount, parseAmount } from '../amount.js';
import { CliError } from '../errors.js';
import { emit, fields } from '../output.js';
import { withSpinner } from '../spinner.js';
import { Units } from '../units.js';
import { resolveAddress, unlockAccount } from '../wallets.js';
import { feeOf } from '../tx-options.js';

interface SendOptions {
  from: string;
  wallet?: string;
  walletDir?: string;
  passwordFile?: string;
  memo?: string;
  asset?: string;
  maxFeePerGas?: bigint;
  tipPerGas?: bigint;
  gasLimit?: bigint;
  wait: boolean;
  timeout: number;
}

/** Registers `send`. */
export function registerSend(program: Command, app: CliApp): void {
  program
    .command('send')
    .description('send coins from a wallet account and wait until the transfer is mined')
    .argument('<to>', 'recipient: a cw1... address or an account label from your wallets')
    .argument('<amount>', 'amount, e.g. 1.5: in CWC (8 decimals), or in the asset\'s own decimals with --asset')
    .requiredOption('--from <account>', 'sending account label (or address) in your wallets')
    .option('--wallet <name>', 'wallet holding the accounts (default: any wallet that has them)')
    .option('--wallet-dir <dir>', 'wallet directory (default ~/.coinworks/wallets, env COINWORKS_WALLET_DIR)')
    .option('--password-file <path>', 'read the wallet password from this file (else COINWORKS_WALLET_PASSWORD, else a prompt)')
    .option('--memo <text>', 'memo (up to 256 bytes of UTF-8)')
    .option('--asset <asset>', 'asset id or symbol, e.g. USDKG (default the native coin, CWC)')
    .option('--max-fee-per-gas <units>', 'fee cap per gas in base units (default: node estimate)', unitsArg)
    .option('--tip-per-gas <units>', 'miner tip per gas in base units (default: node estimate)', unitsArg)
    .option('--gas-limit <gas>', 'gas limit (default: exact estimate from the node)', unitsArg)
    .option('--no-wait', 'return once the node accepted the transaction')
    .option('--timeout <seconds>', 'how long to wait for inclusion', intArg(1, 86_400), 120)
    .addHelpText(
      'after',
      examples([
        'coinworks send cw1... 1.5 --from dev-0           # from the directory the devnet runs in',
        'coinworks send savings 0.25 --from me --memo "rent"',
        'coinworks send cw1... 10.5 --asset USDKG --from dev-14',
        'COINWORKS_WALLET_PASSWORD=... coinworks send cw1... 10 --from me --no-wait --json',
      ]),
    )
    .action(async (toRef: string, amountText: string, o: SendOptions, c: Command) => {
      const { json } = app.globals(c);
      const client = app.client(c);
      // Amounts are in the asset's own decimals (8 for the native coin, e.g. 6 for a stablecoin).
      const unit = o.asset !== undefined ? await new Units(client).resolve(o.asset) : { assetId: 0, symbol: COIN_SYMBOL, decimals: COIN_DECIMALS };
      const amount = parseAmount(amountText, unit.decimals);
      const show = (v: bigint) => formatAmount(v, unit.symbol, unit.decimals);
      if (o.memo !== undefined && new TextEncoder().encode(o.memo).length > 256) throw new CliError('CLI_BAD_ARGUMENT', '--memo is longer than 256 bytes', { usage: true });
      const to = await resolveAddress(toRef, o, app.env);
      // The recipient as the user named it, with its address (as `from` is shown).
      const toText = toRef.toLowerCase() === to ? to : `${toRef} (${to})`;
      const { wallet, account } = await unlockAccount(o.from, o, { file: o.passwordFile, env: app.env });
      const fee = feeOf(o);
      const { id } = await client.transfer({
        signer: (digest) => wallet.sign(account.index, digest),
        publicKey: wallet.publicKeyFor(account.index),
        to,
        amount,
        assetId: unit.assetId,
        ...(o.memo !== undefined ? { memo: o.memo } : {}),
        fee,
      });
      const sent = { id, from: account.address, to, amount: amount.toString(), assetId: unit.assetId };
      if (!o.wait) {
        emit(app.io, json, { ...sent, status: 'pending' }, () =>
          fields([
            ['transaction', id],
            ['from', `${account.label} (${account.address})`],
            ['to', toText],
            ['amount', show(amount)],
            ['status', 'pending (not waiting; check with `coinworks tx <id>`)'],
          ]),
        );
        return;
      }
      if (!json) app.io.stderr.write(`sent ${id}\n`);
      const inc: TxInclusion = await withSpinner(`waiting for ${id.slice(0, 16)}… to be mined`, () => client.waitForTx(id, { timeoutMs: o.timeout * 1000 }), app.io.stderr);
      const r = inc.receipt;
      emit(app.io, json, { ...sent, status: r.status, blockHash: inc.blockHash, height: inc.height, index: inc.index, gasUsed: r.gasUsed, fee: r.fee, error: r.error }, () =>
        fields([
          ['transaction', id],
          ['from', `${account.label} (${account.address})`],
          ['to', toText],
          ['amount', show(amount)],
          ['status', r.status],
          ['block', `${inc.height} ${inc.blockHash}`],
          ['fee', formatAmount(r.fee)],
          ...(r.error ? ([['error', r.error]] as const) : []),
        ]),
      );
      if (r.status !== 'success') throw new CliError('CLI_TX_FAILED', `transaction ${id} was mined but failed: ${r.error ?? 'unknown reason'}`);
    });
}
