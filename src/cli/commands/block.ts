/** `coinworks block <height|hash|latest>`: a block's header, miner and reward, coinbase, transactions and receipts. */
import type { Command } from 'commander';
import type { BlockJson } from '../../client/types.js';
import type { CliApp } from '../app.js';
import { examples } from '../args.js';
import { formatAmount } from '../amount.js';
import { CliError } from '../errors.js';
import { emit, fields, table } from '../output.js';

/** Parses a block reference: a height, a 64-hex-digit hash, or `latest`/`head` (null). */
export function parseBlockRef(ref: string): number | string | null {
  const s = ref.trim().toLowerCase();
  if (s === 'latest' || s === 'head' || s === 'tip') return null;
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (!Number.isSafeInteger(n)) throw new CliError('CLI_BAD_ARGUMENT', `block height ${ref} is too large`, { usage: true });
    return n;
  }
  if (/^(0x)?[0-9a-f]{64}$/.test(s)) return s.replace(/^0x/, '');
  throw new CliError('CLI_BAD_ARGUMENT', `expected a block height, a 64-hex-digit block hash, or "latest"; got ${JSON.stringify(ref)}`, { usage: true });
}

/** The block reward its coinbase beneficiary got (the rewards module's `locked` event), if any. */
function rewardRows(b: BlockJson<string>): Array<readonly [string, string]> {
  const locked = (b.blockEvents ?? []).find((e) => e.module === 'rewards' && e.name === 'locked')?.data as { subsidy?: string; tips?: string; unlockHeight?: string } | undefined;
  if (!locked?.subsidy) return [];
  const total = BigInt(locked.subsidy) + BigInt(locked.tips ?? '0');
  return [['reward', `${formatAmount(total)} (subsidy ${formatAmount(locked.subsidy)} + tips ${formatAmount(locked.tips ?? '0')}), spendable from height ${locked.unlockHeight}`]];
}

/** Registers `block`. */
export function registerBlock(program: Command, app: CliApp): void {
  program
    .command('block')
    .description('show a block by height or hash ("latest" for the tip)')
    .argument('<height|hash>', 'main-chain height, block hash, or "latest"')
    .addHelpText('after', examples(['coinworks block latest', 'coinworks block 12', 'coinworks block 0000a3f1... --json']))
    .action(async (ref: string, _o: unknown, c: Command) => {
      const { json } = app.globals(c);
      const parsed = parseBlockRef(ref);
      const client = app.client(c);
      const sel = parsed ?? (await client.getHead()).height;
      const b: BlockJson<string> = await client.getBlock(sel);
      emit(app.io, json, b, () => {
        const cb = b.coinbase as { beneficiary?: unknown };
        const lines = fields([
          ['block', `${b.height}${b.mainChain ? '' : ' (not on the main chain)'}`],
          ['hash', b.hash],
          ['previous', b.prevHash],
          ['time', `${b.time} (${new Date(b.time * 1000).toISOString()})`],
          ['difficulty', `${b.difficulty} (bits 0x${b.bits.toString(16).padStart(8, '0')})`],
          ['confirmations', b.confirmations],
          ['miner', cb.beneficiary],
          ...rewardRows(b),
          ['state root', b.stateRoot],
          ['gas used', b.gasUsed],
          ['base fee', `${b.baseFeePerGas} base units per gas`],
          ['size', `${b.size} bytes`],
          ['transactions', b.txCount],
        ]);
        if (b.receipts && b.receipts.length > 0) {
          lines.push('', ...table(['transaction', 'status', 'fee'], b.receipts.map((r) => [r.id, r.status, formatAmount(r.fee)])));
        }
        return lines;
      });
    });
}
