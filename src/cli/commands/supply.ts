/** `coinworks supply`: an asset's supply (default the native coin): total, mined, burned in fees, and every cause. */
import type { Command } from 'commander';
import type { CliApp } from '../app.js';
import { examples } from '../args.js';
import { emit, fields } from '../output.js';
import { Units } from '../units.js';

/** Registers `supply`. */
export function registerSupply(program: Command, app: CliApp): void {
  program
    .command('supply')
    .description('show the coin supply: total, mined, burned in fees, by cause')
    .option('--asset <asset>', 'asset id or symbol (default the native coin, CWC)', '0')
    .addHelpText('after', examples(['coinworks supply', 'coinworks supply --asset USDKG', 'coinworks supply --json']))
    .action(async (o: { asset: string }, c: Command) => {
      const { json } = app.globals(c);
      const client = app.client(c);
      const a = await new Units(client).resolve(o.asset);
      const s = await client.getSupply(a.assetId);
      const units = new Units(client);
      await units.load([a.assetId]);
      const fmt = (v: string) => units.show(v, a.assetId);
      emit(app.io, json, s, () => [
        ...fields([
          ...(a.assetId === 0 ? [] : ([['asset', `${a.symbol} (asset ${a.assetId}), ${a.decimals} decimals`]] as const)),
          ['total', fmt(s.total)],
          ...(a.assetId === 0
            ? ([
                ['mined', fmt(s.minedByMining)],
                ['burned (fees)', fmt(s.burnedByFees)],
              ] as const)
            : []),
        ]),
        '',
        'by cause:',
        ...fields(Object.entries(s.byCause).map(([k, v]) => [k, fmt(v)] as const)).map((l) => '  ' + l),
      ]);
    });
}
