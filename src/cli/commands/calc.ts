/**
 * `coinworks calc mining`: mining profitability from the node's live chain data (next block's
 * difficulty and subsidy, recent tips): expected blocks, coins, revenue, power cost and profit per
 * day and per 30-day month; with `--collection`, also the expected cost of mining that
 * proof-of-work NFT collection's next token.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { MiningPoolClient } from '../../client/mining-pool.js';
import { parseDecimal, parseHashrate } from '../../mining-pool/profitability.js';
import type { CliApp } from '../app.js';
import { examples, intArg } from '../args.js';
import { formatAmount } from '../amount.js';
import { hashrateText } from '../chart.js';
import { emit, fields, table } from '../output.js';

function hashrateArg(v: string): string {
  try {
    return parseHashrate(v).toString();
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

function decimalArg(v: string): string {
  try {
    parseDecimal(v);
    return v.trim();
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

/** Registers `calc`. */
export function registerCalc(program: Command, app: CliApp): void {
  const calc = program
    .command('calc')
    .description('calculators over live chain data: mining profitability (blocks and proof-of-work NFTs)')
    .addHelpText('after', examples(['coinworks calc mining --hashrate 14MH/s --watts 65 --kwh-price 0.30 --coin-price 0.05']));
  calc
    .command('mining')
    .description('expected blocks, coins, revenue, power cost and profit per day and month; --collection adds the next NFT token\'s cost')
    .requiredOption('--hashrate <rate>', 'your hashrate, e.g. 14MH/s, 2.5GH/s or 900000 (H/s)', hashrateArg)
    .requiredOption('--watts <w>', 'power draw of the miner in watts', decimalArg)
    .requiredOption('--kwh-price <price>', 'price of one kWh of power (any currency)', decimalArg)
    .requiredOption('--coin-price <price>', 'price of one coin, in the same currency', decimalArg)
    .option('--collection <id>', 'a proof-of-work NFT collection: expected cost of its next token', intArg(0, 0xffffffff))
    .option('--currency <symbol>', 'currency symbol to print (default $)')
    .addHelpText(
      'after',
      examples([
        'coinworks calc mining --hashrate 14MH/s --watts 65 --kwh-price 0.30 --coin-price 0.05',
        'coinworks calc mining --hashrate 4MH/s --watts 15 --kwh-price 0.25 --coin-price 1 --collection 1',
        'coinworks calc mining --hashrate 1GH/s --watts 300 --kwh-price 0.1 --coin-price 2 --json',
      ]),
    )
    .action(async (o: { hashrate: string; watts: string; kwhPrice: string; coinPrice: string; collection?: number; currency?: string }, c: Command) => {
      const { json } = app.globals(c);
      const r = await new MiningPoolClient(app.client(c)).profitability({ hashrate: o.hashrate, watts: o.watts, kwhPrice: o.kwhPrice, coinPrice: o.coinPrice, ...(o.collection !== undefined ? { collectionId: o.collection } : {}) });
      const cur = o.currency ?? '$';
      const money = (v: string) => (v.startsWith('-') ? `-${cur}${v.slice(1)}` : `${cur}${v}`);
      const sym = r.network.symbol;
      emit(app.io, json, r, () => {
        const lines = fields([
          ['network', `height ${r.network.height}, difficulty ${r.network.difficulty} (about ${hashrateText(r.network.networkHashrate)} for a block every ${r.network.blockTime} s)`],
          ['block reward', `${formatAmount(r.network.subsidy, sym)} subsidy + ${formatAmount(r.network.averageTips, sym)} average tips`],
          ['your miner', `${hashrateText(Number(r.miner.hashrate))}, ${r.miner.watts.replace(/\.?0+$/, '')} W, power ${money(r.miner.kwhPrice.replace(/0+$/, '').replace(/\.$/, ''))}/kWh, coin ${money(r.miner.coinPrice.replace(/0+$/, '').replace(/\.$/, ''))}/${sym}`],
          ['share of network', `${(r.miner.shareOfNetwork * 100).toPrecision(3)}%`],
        ]);
        lines.push(
          '',
          ...table(
            ['', 'blocks', 'coins', 'revenue', 'power', 'cost', 'profit'],
            [
              ['per day', r.perDay.blocks, formatAmount(r.perDay.coins, sym), money(r.perDay.revenue), `${r.perDay.energyKwh} kWh`, money(r.perDay.cost), money(r.perDay.profit)],
              ['per month (30 d)', r.perMonth.blocks, formatAmount(r.perMonth.coins, sym), money(r.perMonth.revenue), `${r.perMonth.energyKwh} kWh`, money(r.perMonth.cost), money(r.perMonth.profit)],
            ],
          ),
        );
        if (r.nft) {
          const n = r.nft;
          lines.push(
            '',
            `Next token of collection ${n.collectionId} (${n.name}): #${n.nextTokenId}, generation ${n.generation}`,
            ...fields([
              ['expected hashes', `${n.expectedHashes} (${n.expectedSeconds} s at your hashrate)`],
              ['power', `${n.energyKwh} kWh = ${money(n.energyCost)}`],
              ['mint price', n.mintAsset === 0 ? `${formatAmount(n.mintPrice, sym)} = ${money(n.mintPriceFiat)}` : `${n.mintPrice} base units of asset ${n.mintAsset}`],
              ['expected cost', money(n.totalCost)],
            ]).map((l) => '  ' + l),
          );
        }
        return lines;
      });
    });
}
