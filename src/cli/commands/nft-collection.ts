/**
 * `coinworks nft collection create|show|list`: create a collection (creator-only, open mint at a
 * price, or mined by proof of work with its difficulty schedule), and read collections back.
 */
import type { Command } from 'commander';
import { decodeAddress } from '../../crypto/address.js';
import type { CollectionJson } from '../../client/types.js';
import { DEFAULT_POW } from '../../state/modules/nft/pow.js';
import { CreateCollectionParams, MAX_NAME_BYTES, MAX_ROYALTY_BPS, MAX_SYMBOL_BYTES, MAX_URI_BYTES, type PowParams } from '../../state/modules/nft/schemas.js';
import type { CliApp } from '../app.js';
import { examples, intArg, unitsArg } from '../args.js';
import { CliError } from '../errors.js';
import { emit, fields, table } from '../output.js';
import { resolveAddress } from '../wallets.js';
import {
  addTxOptions,
  assetArg,
  bpsArg,
  eventData,
  formatBps,
  formatPrice,
  nftClient,
  parseCollectionId,
  parsePrice,
  priceAsset,
  loadPriceUnits,
  printSubmitted,
  signingAccount,
  submit,
  type TxOptions,
} from './nft-tx.js';

interface CreateOptions extends TxOptions {
  name: string;
  symbol: string;
  maxSupply?: bigint;
  royalty?: number;
  royaltyTo?: string;
  baseUri?: string;
  open?: boolean;
  mined?: boolean;
  mintPrice?: string;
  mintAsset?: string;
  divisor?: bigint;
  ramp?: number;
  linearAfter?: number;
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** Text rows of a collection. */
export function collectionRows(col: CollectionJson): Array<readonly [string, unknown]> {
  const rows: Array<readonly [string, unknown]> = [
    ['collection', `${col.collectionId} ${col.name} (${col.symbol})`],
    ['creator', col.creator],
    ['mint rule', col.mintRule],
    ['minted', col.maxSupply === '0' ? `${col.minted} (unlimited supply)` : `${col.minted} of ${col.maxSupply}`],
    ['burned', col.burned],
    ['royalty', col.royalty ? `${formatBps(col.royalty.bps)} to ${col.royalty.receiver}` : 'none'],
    ['base URI', col.baseUri || '-'],
  ];
  if (col.mintRule !== 'creator') rows.push(['mint price', col.mintRule === 'mined' ? `${formatPrice(col.mintPrice, col.mintAsset)} per unit ((2^g - 1) units per token)` : formatPrice(col.mintPrice, col.mintAsset)]);
  if (col.pow) rows.push(['schedule', `divisor ${col.pow.divisor}, ramp ${col.pow.ramp}, linear after generation ${col.pow.linearAfter}`]);
  if (col.next) {
    rows.push(['next token', `#${col.next.tokenId} (generation ${col.next.generation})`]);
    rows.push(['target', col.next.target]);
    rows.push(['expected hashes', col.next.expectedHashes]);
    rows.push(['price', formatPrice(col.next.price, col.mintAsset)]);
  }
  return rows;
}

function registerCreate(collection: Command, app: CliApp): void {
  addTxOptions(
    collection
      .command('create')
      .description('create a collection: creator-only (default), --open mint at a price, or --mined by proof of work')
      .requiredOption('--name <name>', `collection name (up to ${MAX_NAME_BYTES} bytes)`)
      .requiredOption('--symbol <symbol>', `symbol (up to ${MAX_SYMBOL_BYTES} bytes)`)
      .option('--max-supply <n>', 'most tokens ever minted (default 0 = unlimited)', unitsArg)
      .option('--royalty <bps>', `default royalty in basis points (100 = 1%, at most ${MAX_ROYALTY_BPS}; default none)`, bpsArg)
      .option('--royalty-to <address|account>', 'royalty receiver (default: the creator)')
      .option('--base-uri <uri>', `metadata base URI: token URI = base + id (up to ${MAX_URI_BYTES} bytes)`)
      .option('--open', 'anyone may mint (nft mint) by paying --mint-price to the creator')
      .option('--mined', 'tokens are mined by proof of work (nft mine), POW NFT style')
      .option('--mint-price <amount>', 'open: price per token; mined: unit price, a generation-g token costs (2^g - 1) units (in the price asset decimals: CWC, or those of --mint-asset)')
      .option('--mint-asset <asset>', 'asset of the mint price, id or symbol (default the native coin, CWC)', assetArg)
      .option('--divisor <n>', `mined: base target = (2^256 - 1) / divisor (default ${DEFAULT_POW.divisor}; expected hashes of token 1 ~ divisor)`, unitsArg)
      .option('--ramp <n>', `mined: each generation divides the target by this (default ${DEFAULT_POW.ramp})`, intArg(1, 255))
      .option('--linear-after <g>', `mined: past this generation the target also falls linearly (default ${DEFAULT_POW.linearAfter})`, intArg(0, 255)),
  )
    .addHelpText(
      'after',
      examples([
        'coinworks nft collection create --name Gallery --symbol GAL --royalty 500 --from dev-0',
        'coinworks nft collection create --name Drops --symbol DRP --open --mint-price 0.5 --max-supply 1000 --from dev-0',
        'coinworks nft collection create --name Atoms --symbol ATOM --mined --divisor 300 --mint-price 0.01 --from dev-0 --json',
      ]),
    )
    .action(async (o: CreateOptions, c: Command) => {
      if (o.open && o.mined) throw new CliError('USAGE', 'choose one of --open and --mined');
      if (!o.mined && (o.divisor !== undefined || o.ramp !== undefined || o.linearAfter !== undefined)) throw new CliError('USAGE', '--divisor, --ramp and --linear-after only apply with --mined');
      if (!o.open && !o.mined && (o.mintPrice !== undefined || o.mintAsset !== undefined)) throw new CliError('USAGE', '--mint-price and --mint-asset only apply with --open or --mined');
      if (o.royaltyTo !== undefined && !o.royalty) throw new CliError('USAGE', '--royalty-to needs --royalty <bps>');
      if (o.royalty !== undefined && o.royalty > MAX_ROYALTY_BPS) throw new CliError('CLI_BAD_ARGUMENT', `--royalty is at most ${MAX_ROYALTY_BPS} bps`, { usage: true });
      if (utf8Length(o.name) > MAX_NAME_BYTES || o.name === '') throw new CliError('CLI_BAD_ARGUMENT', `--name must be 1 to ${MAX_NAME_BYTES} bytes`, { usage: true });
      if (utf8Length(o.symbol) > MAX_SYMBOL_BYTES || o.symbol === '') throw new CliError('CLI_BAD_ARGUMENT', `--symbol must be 1 to ${MAX_SYMBOL_BYTES} bytes`, { usage: true });
      if (o.baseUri !== undefined && utf8Length(o.baseUri) > MAX_URI_BYTES) throw new CliError('CLI_BAD_ARGUMENT', `--base-uri is longer than ${MAX_URI_BYTES} bytes`, { usage: true });
      if (o.divisor === 0n) throw new CliError('CLI_BAD_ARGUMENT', '--divisor must be at least 1', { usage: true });
      const mintAsset = await priceAsset(app, c, o.mintAsset);
      const mintPrice = o.mintPrice === undefined ? 0n : parsePrice(o.mintPrice, mintAsset, { allowZero: true });
      if (o.open && o.mintPrice === undefined) throw new CliError('USAGE', '--open needs --mint-price');
      const royaltyTo = o.royalty ? (o.royaltyTo !== undefined ? await resolveAddress(o.royaltyTo, o, app.env) : undefined) : undefined;
      const account = await signingAccount(app, o);
      const pow: PowParams | null = o.mined ? { divisor: o.divisor ?? DEFAULT_POW.divisor, ramp: o.ramp ?? DEFAULT_POW.ramp, linearAfter: o.linearAfter ?? DEFAULT_POW.linearAfter } : null;
      const params: CreateCollectionParams = {
        name: o.name,
        symbol: o.symbol,
        maxSupply: o.maxSupply ?? 0n,
        royalty: o.royalty ? { receiver: decodeAddress(royaltyTo ?? account.address), bps: o.royalty } : null,
        baseUri: o.baseUri ?? '',
        mintRule: o.mined ? 'mined' : o.open ? 'open' : 'creator',
        mintPrice,
        mintAsset,
        pow,
      };
      const s = await submit(app, c, o, account, 'nft', 'createCollection', CreateCollectionParams, params);
      const created = eventData(s, 'nft', 'collectionCreated');
      const collectionId = created ? Number(created.collectionId) : null;
      printSubmitted(
        app,
        c,
        s,
        { collectionId, name: o.name, symbol: o.symbol, mintRule: params.mintRule, creator: account.address, ...(pow ? { pow } : {}) },
        [
          ['collection', collectionId ?? '(pending)'],
          ['name', `${o.name} (${o.symbol})`],
          ['mint rule', params.mintRule + (pow ? `, divisor ${pow.divisor}, ramp ${pow.ramp}, linear after ${pow.linearAfter}` : '')],
          ['creator', `${account.label} (${account.address})`],
          ['royalty', params.royalty ? `${formatBps(params.royalty.bps)} to ${royaltyTo ?? account.address}` : 'none'],
        ],
      );
    });
}

/** Registers `nft collection` and its subcommands. */
export function registerNftCollection(nft: Command, app: CliApp): void {
  const collection = nft
    .command('collection')
    .description('create and inspect NFT collections')
    .addHelpText('after', examples(['coinworks nft collection create --name Atoms --symbol ATOM --mined --from dev-0', 'coinworks nft collection show 1', 'coinworks nft collection list --json']));
  registerCreate(collection, app);
  collection
    .command('show')
    .description('show a collection; a mined one with its next token, target, expected hashes and price')
    .argument('<collection>', 'collection id')
    .addHelpText('after', examples(['coinworks nft collection show 1', 'coinworks nft collection show 1 --json']))
    .action(async (idText: string, _o: unknown, c: Command) => {
      const col = await nftClient(app, c).getCollection(parseCollectionId(idText));
      await loadPriceUnits(app, c, [col.mintAsset]);
      emit(app.io, app.globals(c).json, col, () => fields(collectionRows(col)));
    });
  collection
    .command('list')
    .description('list collections')
    .option('--offset <n>', 'collections to skip', intArg(0, 0xffffffff), 0)
    .option('--limit <n>', 'collections to show (at most 1000)', intArg(1, 1000), 100)
    .addHelpText('after', examples(['coinworks nft collection list', 'coinworks nft collection list --offset 100 --json']))
    .action(async (o: { offset: number; limit: number }, c: Command) => {
      const r = await nftClient(app, c).listCollections({ offset: o.offset, limit: o.limit });
      await loadPriceUnits(app, c, r.collections.map((x) => x.mintAsset));
      emit(app.io, app.globals(c).json, r, () =>
        r.collections.length === 0
          ? 'no collections'
          : table(
              ['ID', 'NAME', 'SYMBOL', 'RULE', 'MINTED', 'CREATOR'],
              r.collections.map((x) => [String(x.collectionId), x.name, x.symbol, x.mintRule, x.minted, x.creator]),
            ),
      );
    });
}
