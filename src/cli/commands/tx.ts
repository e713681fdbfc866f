/** `coinworks tx <id>`: a transaction's status (pending, success, failed), block, transfer and fee. */
import type { Command } from 'commander';
import type { TxResult } from '../../client/types.js';
import type { CliApp } from '../app.js';
import { examples } from '../args.js';
import { formatAmount } from '../amount.js';
import { CliError } from '../errors.js';
import { emit, fields } from '../output.js';

interface TransferJson {
  to?: unknown;
  amount?: unknown;
  assetId?: unknown;
  memo?: unknown;
}

/** Registers `tx`. */
export function registerTx(program: Command, app: CliApp): void {
  program
    .command('tx')
    .description('show a transaction: status, block, sender, transfer and fee')
    .argument('<id>', 'transaction id (64 hex digits)')
    .addHelpText('after', examples(['coinworks tx 3f2a...', 'coinworks tx 3f2a... --json']))
    .action(async (id: string, _o: unknown, c: Command) => {
      const { json } = app.globals(c);
      if (!/^(0x)?[0-9a-fA-F]{64}$/.test(id)) throw new CliError('CLI_BAD_ARGUMENT', `transaction id must be 64 hex digits, got ${JSON.stringify(id)}`, { usage: true });
      const hex = id.replace(/^0x/, '').toLowerCase();
      const r: TxResult = await app.client(c).getTransaction(hex);
      if (r.status === 'pending') {
        emit(app.io, json, { id: r.id, status: 'pending' }, () => fields([['transaction', r.id], ['status', 'pending (in the mempool)']]));
        return;
      }
      const body = r.tx.body;
      const p = (r.tx.decodedParams ?? {}) as TransferJson;
      const isTransfer = body.module === 'bank' && body.command === 'transfer';
      const data = {
        id: r.id,
        status: r.receipt.status,
        blockHash: r.blockHash,
        height: r.height,
        index: r.index,
        confirmations: r.confirmations,
        from: r.tx.sender,
        command: `${body.module}.${body.command}`,
        nonce: body.nonce,
        params: r.tx.decodedParams,
        gasUsed: r.receipt.gasUsed,
        fee: r.receipt.fee,
        error: r.receipt.error,
        events: r.receipt.events,
      };
      emit(app.io, json, data, () =>
        fields([
          ['transaction', r.id],
          ['status', r.receipt.status],
          ['block', `${r.height} ${r.blockHash} (${r.confirmations} confirmation${r.confirmations === 1 ? '' : 's'})`],
          ['from', r.tx.sender],
          ['command', `${body.module}.${body.command}`],
          ...(isTransfer
            ? ([
                ['to', String(p.to)],
                ['amount', p.assetId === 0 || p.assetId === undefined ? formatAmount(String(p.amount)) : `${String(p.amount)} of asset ${String(p.assetId)}`],
              ] as const)
            : []),
          ['nonce', body.nonce],
          ['fee', `${formatAmount(r.receipt.fee)} (${r.receipt.gasUsed} gas)`],
          ...(r.receipt.error ? ([['error', r.receipt.error]] as const) : []),
        ]),
      );
    });
}
