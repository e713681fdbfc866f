/** `coinworks supply`: the native coin's supply: total, mined, burned in fees, and every cause. */
import type { Command } from 'commander';
import type { CliApp } from '../app.js';
import { examples, intArg } from '../args.js';
import { formatAmount } from '../amount.js';
import { emit, fields } from '../output.js';

/** Registers `supply`. */
export function registerSupply(program: Command, app: CliApp): void {
  program
    .command('supply')
    .description('show the coin supply: total, mined, burned in fees, by cause')
    .option('--asset <id>', 'asset id (default 0, the native coin)', intArg(0, 0xffffffff), 0)
    .addHelpText('after', examples(['coinworks supply', 'coinworks supply --json']))
    .action(async (o: { asset: number }, c: Command) => {
      const { json } = app.globals(c);
      const s = await app.client(c).getSupply(o.asset);
      const fmt = (v: string) => (o.asset === 0 ? formatAmount(v) : v);
      emit(app.io, json, s, () => [
        ...fields([
          ['total', fmt(s.total)],
          ['mined', fmt(s.minedByMining)],
          ['burned (fees)', fmt(s.burnedByFees)],
        ]),
        '',
        'by cause:',
        ...fields(Object.entries(s.byCause).map(([k, v]) => [k, fmt(v)] as const)).map((l) => '  ' + l),
      ]);
    });
}
