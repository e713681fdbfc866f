/**
 * `coinworks tx <id>`: a transaction's status (pending, success, failed), block, command, the
 * amount it moved (in the asset's decimals and symbol), the fee and its split (burned base fee, tip
 * to the miner) and, in text as in `--json`, every event it emitted with its amounts in units.
 */
import type { Command } from 'commander';
import type { TxResult } from '../../client/types.js';
import type { CliApp } from '../app.js';
import { examples } from '../args.js';
import { formatAmount } from '../amount.js';
import { CliError } from '../errors.js';
import { emit, fields } from '../output.js';
import { eventLine } from '../event-text.js';
import { failureText } from '../failure-text.js';
import { Units } from '../units.js';

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
    .description('show a transaction: status, block, sender, transfer, fee split and events')
    .argument('<id>', 'transaction id (64 hex digits)')
    .addHelpText('after', examples(['coinworks tx 3f2a...', 'coinworks tx 3f2a... --json']))
    .action(async (id: string, _o: unknown, c: Command) => {
      const { json } = app.globals(c);
      if (!/^(0x)?[0-9a-fA-F]{64}$/.test(id)) throw new CliError('CLI_BAD_ARGUMENT', `transaction id must be 64 hex digits, got ${JSON.stringify(id)}`, { usage: true });
      const hex = id.replace(/^0x/, '').toLowerCase();
      const client = app.client(c);
      const r: TxResult = await client.getTransaction(hex);
      if (r.status === 'pending') {
        emit(app.io, json, { id: r.id, status: 'pending' }, () => fields([['transaction', r.id], ['status', 'pending (in the mempool)']]));
        return;
      }
      const body = r.tx.body;
      const p = (r.tx.decodedParams ?? {}) as TransferJson;
      const isTransfer = body.module === 'bank' && body.command === 'transfer';
      const rc = r.receipt;
      const data = {
        id: r.id,
        status: rc.status,
        blockHash: r.blockHash,
        height: r.height,
        index: r.index,
        confirmations: r.confirmations,
        from: r.tx.sender,
        command: `${body.module}.${body.command}`,
        nonce: body.nonce,
        params: r.tx.decodedParams,
        gasUsed: rc.gasUsed,
        fee: rc.fee,
        burned: rc.burned,
        tip: rc.tip,
        error: rc.error,
        events: rc.events,
      };
      if (json) return emit(app.io, json, data, () => '');
      const units = new Units(client);
      await units.load([typeof p.assetId === 'number' ? p.assetId : 0, ...rc.events.flatMap((e) => assetIdsIn(e.data))]);
      const price = BigInt(rc.gasUsed) === 0n ? 0n : (BigInt(rc.burned) + BigInt(rc.tip)) / BigInt(rc.gasUsed);
      emit(app.io, json, data, () => [
        ...fields([
          ['transaction', r.id],
          ['status', rc.status],
          ['block', `${r.height} ${r.blockHash} (${r.confirmations} confirmation${r.confirmations === 1 ? '' : 's'})`],
          ['from', r.tx.sender],
          ['command', `${body.module}.${body.command}`],
          ...(isTransfer
            ? ([
                ['to', String(p.to)],
                ['amount', units.show(String(p.amount), typeof p.assetId === 'number' ? p.assetId : 0)],
              ] as const)
            : []),
          ['nonce', body.nonce],
          ['fee', `${formatAmount(rc.fee)} (${rc.gasUsed} gas at ${price} per gas)`],
          ['  burned', `${formatAmount(rc.burned)} (base fee)`],
          ['  tip', `${formatAmount(rc.tip)} (to the miner)`],
          ...(rc.error ? ([['error', failureText(rc.error, null, units)]] as const) : []),
        ]),
        ...(rc.events.length === 0 ? ['events: none'] : ['events:', ...rc.events.map((e) => '  ' + eventLine(e, units))]),
      ]);
    });
}

/** Asset ids an event's data names (`assetId`), to load their units. */
export function assetIdsIn(d: unknown): number[] {
  return d !== null && typeof d === 'object' && typeof (d as { assetId?: unknown }).assetId === 'number' ? [(d as { assetId: number }).assetId] : [];
}
