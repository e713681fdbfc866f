/**
 * `coinworks market`: list a token for sale (in the native coin or any asset), cancel one listing
 * or all of them (the seller's counter), buy (royalty first, then the market fee, then the seller,
 * in one step), claim credited royalties and fees, and read listings and market accounts.
 */
import type { Command } from 'commander';
import type { ListingJson } from '../../client/types.js';
import { BuyParams, CancelAllParams, CancelParams, ClaimParams, ListParams } from '../../state/modules/market/schemas.js';
import type { CliApp } from '../app.js';
import { examples, intArg } from '../args.js';
import { CliError } from '../errors.js';
import { emit, fields, table } from '../output.js';
import { resolveAddress } from '../wallets.js';
import {
  addTxOptions,
  addWalletOptions,
  assetArg,
  eventData,
  formatBps,
  formatPrice,
  nftClient,
  parseCollectionId,
  parsePrice,
  priceAsset,
  loadPriceUnits,
  parseTokenId,
  printSubmitted,
  signingAccount,
  submit,
  type TxOptions,
} from './nft-tx.js';

/** Default listing lifetime: 7 days. */
export const DEFAULT_LISTING_SECONDS = 7 * 86_400;

/** A block time (unix seconds) with its UTC date, as `block` shows times. */
export function blockTimeText(t: bigint | string | number): string {
  const ms = Number(t) * 1000;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? `block time ${t} (${new Date(ms).toISOString().replace('.000Z', 'Z')})` : `block time ${t}`;
}

/** Text rows of a listing. */
export function listingRows(l: ListingJson): Array<readonly [string, unknown]> {
  return [
    ['token', `${l.tokenId} of collection ${l.collectionId}`],
    ['seller', l.seller],
    ['price', formatPrice(l.price, l.assetId)],
    ['status', l.status === 'active' ? 'active' : `not fillable (${l.status})`],
    ['expires', blockTimeText(l.expiresAt)],
    ['royalty', l.royaltyReceiver ? `${formatPrice(l.royalty, l.assetId)} to ${l.royaltyReceiver}` : 'none'],
    ['market fee', `${formatPrice(l.fee, l.assetId)} (${formatBps(l.feeBps)})`],
    ['seller gets', formatPrice(l.proceeds, l.assetId)],
  ];
}

/** Registers `market` and its subcommands. */
export function registerMarket(program: Command, app: CliApp): void {
  const market = program
    .command('market')
    .description('the NFT marketplace: list, cancel, buy (royalty always paid), claim royalties and fees')
    .addHelpText(
      'after',
      examples([
        'coinworks market list 1 7 2.5 --from dev-0',
        'coinworks market show 1 7',
        'coinworks market buy 1 7 --from dev-1',
        'coinworks market claim --from dev-0',
        'coinworks market listings --seller dev-0 --json',
      ]),
    );

  addTxOptions(
    market
      .command('list')
      .description('list a token you own for sale (a new listing replaces the old one)')
      .argument('<collection>', 'collection id')
      .argument('<token>', 'token id')
      .argument('<price>', "price in the currency's decimals: CWC (8), or the --asset's own")
      .option('--asset <asset>', 'currency: asset id or symbol (default the native coin, CWC)', assetArg)
      .option('--expires-in <seconds>', `listing lifetime from the head block time (default ${DEFAULT_LISTING_SECONDS}, 7 days)`, intArg(1, 100 * 365 * 86_400))
      .option('--expires-at <time>', 'expiry as a block time (unix seconds); exclusive', intArg(1, Number.MAX_SAFE_INTEGER)),
  )
    .addHelpText('after', examples(['coinworks market list 1 7 2.5 --from dev-0', 'coinworks market list 1 7 1000 --asset 3 --expires-in 3600 --from dev-0 --json']))
    .action(async (colText: string, tokText: string, priceText: string, o: TxOptions & { asset?: string; expiresIn?: number; expiresAt?: number }, c: Command) => {
      const collectionId = parseCollectionId(colText);
      const tokenId = parseTokenId(tokText);
      const assetId = await priceAsset(app, c, o.asset);
      const price = parsePrice(priceText, assetId);
      if (o.expiresIn !== undefined && o.expiresAt !== undefined) throw new CliError('USAGE', 'choose one of --expires-in and --expires-at');
      const account = await signingAccount(app, o);
      const expiresAt = o.expiresAt !== undefined ? BigInt(o.expiresAt) : BigInt((await app.client(c).getHead()).time + (o.expiresIn ?? DEFAULT_LISTING_SECONDS));
      const s = await submit(app, c, o, account, 'market', 'list', ListParams, { collectionId, tokenId, price, assetId, expiresAt });
      printSubmitted(app, c, s, { collectionId, tokenId: tokenId.toString(), price: price.toString(), assetId, expiresAt: expiresAt.toString() }, [
        ['listed', `token ${tokenId} of collection ${collectionId}`],
        ['price', formatPrice(price, assetId)],
        ['expires', blockTimeText(expiresAt)],
      ]);
    });

  addTxOptions(market.command('cancel').description('cancel the listing of a token (its seller, owner or operator)').argument('<collection>', 'collection id').argument('<token>', 'token id'))
    .addHelpText('after', examples(['coinworks market cancel 1 7 --from dev-0']))
    .action(async (colText: string, tokText: string, o: TxOptions, c: Command) => {
      const collectionId = parseCollectionId(colText);
      const tokenId = parseTokenId(tokText);
      const account = await signingAccount(app, o);
      const s = await submit(app, c, o, account, 'market', 'cancel', CancelParams, { collectionId, tokenId });
      printSubmitted(app, c, s, { collectionId, tokenId: tokenId.toString() }, [['cancelled', `listing of token ${tokenId} of collection ${collectionId}`]]);
    });

  addTxOptions(market.command('cancel-all').description("cancel every listing of the sender at once (bumps the seller's counter)"))
    .addHelpText('after', examples(['coinworks market cancel-all --from dev-0 --json']))
    .action(async (o: TxOptions, c: Command) => {
      const account = await signingAccount(app, o);
      const s = await submit(app, c, o, account, 'market', 'cancelAll', CancelAllParams, {});
      const ev = eventData(s, 'market', 'counterIncremented');
      printSubmitted(app, c, s, { seller: account.address, counter: ev ? String(ev.counter) : null }, [
        ['seller', `${account.label} (${account.address})`],
        ['counter', ev ? `${String(ev.counter)} (every earlier listing is cancelled)` : '(pending)'],
      ]);
    });

  addTxOptions(
    market
      .command('buy')
      .description('buy a listed token at its listed price: royalty first, then the market fee, then the seller, in one step')
      .argument('<collection>', 'collection id')
      .argument('<token>', 'token id')
      .option('--price <amount>', 'the price you agree to pay (default: the listed price); a different listing price fails with TX_LISTING_MISMATCH')
      .option('--asset <asset>', 'the currency you agree to pay in, id or symbol (default: the listed one)', assetArg),
  )
    .addHelpText('after', examples(['coinworks market buy 1 7 --from dev-1', 'coinworks market buy 1 7 --price 2.5 --from dev-1 --json']))
    .action(async (colText: string, tokText: string, o: TxOptions & { price?: string; asset?: string }, c: Command) => {
      const collectionId = parseCollectionId(colText);
      const tokenId = parseTokenId(tokText);
      const listing = await nftClient(app, c).getListing(collectionId, tokenId);
      const assetId = await priceAsset(app, c, o.asset, listing.assetId);
      const price = o.price !== undefined ? parsePrice(o.price, assetId) : BigInt(listing.price);
      const account = await signingAccount(app, o);
      const s = await submit(app, c, o, account, 'market', 'buy', BuyParams, { collectionId, tokenId, price, assetId });
      const sold = eventData(s, 'market', 'sold');
      // `marketFee`, not `fee`: the transaction's own fee is `fee` in the JSON output.
      const split = sold
        ? { royaltyReceiver: (sold.royaltyReceiver as string | null) ?? null, royalty: String(sold.royalty), marketFee: String(sold.fee), proceeds: String(sold.proceeds), seller: String(sold.seller) }
        : { royaltyReceiver: listing.royaltyReceiver, royalty: listing.royalty, marketFee: listing.fee, proceeds: listing.proceeds, seller: listing.seller };
      printSubmitted(app, c, s, { collectionId, tokenId: tokenId.toString(), buyer: account.address, price: price.toString(), assetId, ...split }, [
        ['bought', `token ${tokenId} of collection ${collectionId}`],
        ['price', formatPrice(price, assetId)],
        ['royalty', split.royaltyReceiver ? `${formatPrice(split.royalty, assetId)} to ${split.royaltyReceiver} (claimable)` : 'none'],
        ['market fee', formatPrice(split.marketFee, assetId)],
        ['seller got', `${formatPrice(split.proceeds, assetId)} (${split.seller})`],
      ]);
    });

  addTxOptions(market.command('claim').description('withdraw the royalties and fees credited to the sender in one asset').option('--asset <asset>', 'asset id or symbol (default the native coin, CWC)', assetArg))
    .addHelpText('after', examples(['coinworks market claim --from dev-0', 'coinworks market claim --asset 3 --from dev-0 --json']))
    .action(async (o: TxOptions & { asset?: string }, c: Command) => {
      const assetId = await priceAsset(app, c, o.asset);
      const account = await signingAccount(app, o);
      const s = await submit(app, c, o, account, 'market', 'claim', ClaimParams, { assetId });
      const ev = eventData(s, 'market', 'claimed');
      const amount = ev ? String(ev.amount) : null;
      printSubmitted(app, c, s, { owner: account.address, assetId, amount }, [['claimed', amount === null ? '(pending)' : formatPrice(amount, assetId)]]);
    });

  market
    .command('show')
    .description("show a token's listing: price, status, and how a buy would split it (royalty, fee, seller)")
    .argument('<collection>', 'collection id')
    .argument('<token>', 'token id')
    .addHelpText('after', examples(['coinworks market show 1 7', 'coinworks market show 1 7 --json']))
    .action(async (colText: string, tokText: string, _o: unknown, c: Command) => {
      const l = await nftClient(app, c).getListing(parseCollectionId(colText), parseTokenId(tokText));
      await loadPriceUnits(app, c, [l.assetId]);
      emit(app.io, app.globals(c).json, l, () => fields(listingRows(l)));
    });

  addWalletOptions(
    market
      .command('listings')
      .description('list listings, optionally of one seller and/or collection')
      .option('--seller <address|account>', 'only this seller')
      .option('--collection <id>', 'only this collection', intArg(0, 0xffffffff))
      .option('--active', 'only listings that can be filled now')
      .option('--offset <n>', 'listings to skip', intArg(0, 0xffffffff), 0)
      .option('--limit <n>', 'listings to show (at most 1000)', intArg(1, 1000), 100),
  )
    .addHelpText('after', examples(['coinworks market listings', 'coinworks market listings --seller dev-0 --active --json']))
    .action(async (o: { seller?: string; collection?: number; active?: boolean; offset: number; limit: number; wallet?: string; walletDir?: string }, c: Command) => {
      const seller = o.seller !== undefined ? await resolveAddress(o.seller, o, app.env) : undefined;
      const r = await nftClient(app, c).listings({ ...(seller ? { seller } : {}), ...(o.collection !== undefined ? { collectionId: o.collection } : {}), offset: o.offset, limit: o.limit });
      await loadPriceUnits(app, c, r.listings.map((x) => x.assetId));
      const rows = o.active ? r.listings.filter((l) => l.status === 'active') : r.listings;
      emit(app.io, app.globals(c).json, { ...r, listings: rows }, () =>
        rows.length === 0
          ? 'no listings'
          : table(
              ['COLLECTION', 'TOKEN', 'PRICE', 'STATUS', 'SELLER'],
              rows.map((l) => [String(l.collectionId), l.tokenId, formatPrice(l.price, l.assetId), l.status, l.seller]),
            ),
      );
    });

  addWalletOptions(
    market
      .command('account')
      .description("an address's market counter and the royalties and fees it can claim")
      .argument('<address|account>', 'a cw1... address, or an account label from your wallets')
      .option('--asset <asset>', 'asset of the claimable balance, id or symbol (default the native coin, CWC)', assetArg),
  )
    .addHelpText('after', examples(['coinworks market account cw1...', 'coinworks market account dev-0 --asset 3 --json']))
    .action(async (ref: string, o: { asset?: string; wallet?: string; walletDir?: string }, c: Command) => {
      const address = await resolveAddress(ref, o, app.env);
      const a = await nftClient(app, c).marketAccount(address, await priceAsset(app, c, o.asset));
      emit(app.io, app.globals(c).json, a, () =>
        fields([
          ['address', a.address],
          ['counter', a.counter],
          ['claimable', formatPrice(a.claimable, a.assetId)],
        ]),
      );
    });
}
