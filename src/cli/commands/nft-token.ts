/**
 * `coinworks nft mint|transfer|approve|operator|burn|claim-share`: the nft module's token commands,
 * signed with a wallet account and waited for (ERC-721 rules are checked by the node, which names
 * the rule a command breaks, e.g. TX_NOT_OWNER).
 */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { sha256 } from '../../crypto/hash.js';
import { decodeAddress } from '../../crypto/address.js';
import { bytesToHex, hexToBytes } from '../../encoding/hex.js';
import { ApproveParams, MAX_ROYALTY_BPS, MAX_URI_BYTES, MintParams, NftTransferParams, SetOperatorParams, TokenRef } from '../../state/modules/nft/schemas.js';
import type { CliApp } from '../app.js';
import { examples } from '../args.js';
import { CliError } from '../errors.js';
import { resolveAddress } from '../wallets.js';
import { addTxOptions, bpsArg, eventData, formatBps, formatPrice, loadPriceUnits, parseCollectionId, parseTokenId, printSubmitted, signingAccount, submit, type TxOptions } from './nft-tx.js';

interface MintOptions extends TxOptions {
  to?: string;
  contentHash?: string;
  contentFile?: string;
  uri?: string;
  royalty?: number;
  royaltyTo?: string;
}

async function contentHashOf(o: MintOptions): Promise<Uint8Array> {
  if (o.contentHash !== undefined && o.contentFile !== undefined) throw new CliError('USAGE', 'choose one of --content-hash and --content-file');
  if (o.contentHash !== undefined) {
    if (!/^(0x)?[0-9a-fA-F]{64}$/.test(o.contentHash)) throw new CliError('CLI_BAD_ARGUMENT', `--content-hash must be 64 hex digits, got ${JSON.stringify(o.contentHash)}`, { usage: true });
    return hexToBytes(o.contentHash);
  }
  if (o.contentFile !== undefined) {
    try {
      return sha256(new Uint8Array(await readFile(o.contentFile)));
    } catch (e) {
      throw new CliError('CLI_BAD_ARGUMENT', `cannot read --content-file ${o.contentFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return new Uint8Array(32);
}

/** Registers the token commands on `nft`. */
export function registerNftTokenCommands(nft: Command, app: CliApp): void {
  addTxOptions(
    nft
      .command('mint')
      .description('mint a token of a creator or open collection (mined collections: nft mine)')
      .argument('<collection>', 'collection id')
      .argument('<token>', 'token id to mint')
      .option('--to <address|account>', 'owner of the new token (default: the sender)')
      .option('--content-hash <hex>', "32-byte content hash (traits and music derive from it); creator only")
      .option('--content-file <path>', 'use the SHA-256 of this file as the content hash')
      .option('--uri <uri>', `the token's own metadata URI (default: collection base URI + id); creator only`)
      .option('--royalty <bps>', `per-token royalty overriding the collection's (at most ${MAX_ROYALTY_BPS}); creator only`, bpsArg)
      .option('--royalty-to <address|account>', 'receiver of the per-token royalty (default: the sender)'),
  )
    .addHelpText(
      'after',
      examples([
        'coinworks nft mint 1 1 --content-file ./art.png --from dev-0',
        'coinworks nft mint 1 2 --to cw1... --content-hash 5f3a... --royalty 250 --from dev-0 --json',
      ]),
    )
    .action(async (colText: string, tokText: string, o: MintOptions, c: Command) => {
      const collectionId = parseCollectionId(colText);
      const tokenId = parseTokenId(tokText);
      if (o.uri !== undefined && new TextEncoder().encode(o.uri).length > MAX_URI_BYTES) throw new CliError('CLI_BAD_ARGUMENT', `--uri is longer than ${MAX_URI_BYTES} bytes`, { usage: true });
      if (o.royaltyTo !== undefined && !o.royalty) throw new CliError('USAGE', '--royalty-to needs --royalty <bps>');
      if (o.royalty !== undefined && o.royalty > MAX_ROYALTY_BPS) throw new CliError('CLI_BAD_ARGUMENT', `--royalty is at most ${MAX_ROYALTY_BPS} bps`, { usage: true });
      const contentHash = await contentHashOf(o);
      const to = o.to !== undefined ? await resolveAddress(o.to, o, app.env) : undefined;
      const royaltyTo = o.royaltyTo !== undefined ? await resolveAddress(o.royaltyTo, o, app.env) : undefined;
      const account = await signingAccount(app, o);
      const owner = to ?? account.address;
      const params: MintParams = {
        collectionId,
        tokenId,
        to: decodeAddress(owner),
        contentHash,
        uri: o.uri ?? '',
        royalty: o.royalty ? { receiver: decodeAddress(royaltyTo ?? account.address), bps: o.royalty } : null,
      };
      const s = await submit(app, c, o, account, 'nft', 'mint', MintParams, params);
      // What the mint cost (an open or mined collection's price, paid by the signer), in its asset's units.
      const paid = (s.inclusion?.receipt.events ?? [])
        .filter((e) => e.module === 'bank' && e.name === 'transfer' && (e.data as { from?: string }).from === account.address)
        .map((e) => e.data as { to: string; assetId: number; amount: string });
      await loadPriceUnits(app, c, paid.map((x) => x.assetId));
      const named = (ref: string | undefined, address: string) => (ref !== undefined && ref !== address ? `${ref} (${address})` : address);
      printSubmitted(app, c, s, { collectionId, tokenId: tokenId.toString(), owner, contentHash: bytesToHex(contentHash) }, [
        ['token', `${tokenId} of collection ${collectionId}`],
        ['owner', to !== undefined ? named(o.to, owner) : named(account.label, owner)],
        ['content hash', contentHash.every((b) => b === 0) ? 'none' : bytesToHex(contentHash)],
        ...paid.map((x) => ['paid', `${formatPrice(x.amount, x.assetId)} to ${x.to} (the mint price)`] as const),
        ...(params.royalty ? ([['royalty', `${formatBps(params.royalty.bps)} to ${royaltyTo ?? account.address}`]] as const) : []),
      ]);
    });

  addTxOptions(
    nft
      .command('transfer')
      .description('transfer a token (owner, approved address or operator); clears its approval')
      .argument('<collection>', 'collection id')
      .argument('<token>', 'token id')
      .argument('<to>', 'recipient: a cw1... address or an account label'),
  )
    .addHelpText('after', examples(['coinworks nft transfer 1 7 cw1... --from dev-0', 'coinworks nft transfer 2 3 dev-1 --from dev-0 --json']))
    .action(async (colText: string, tokText: string, toRef: string, o: TxOptions, c: Command) => {
      const collectionId = parseCollectionId(colText);
      const tokenId = parseTokenId(tokText);
      const to = await resolveAddress(toRef, o, app.env);
      const account = await signingAccount(app, o);
      const s = await submit(app, c, o, account, 'nft', 'transfer', NftTransferParams, { collectionId, tokenId, to: decodeAddress(to) });
      printSubmitted(app, c, s, { collectionId, tokenId: tokenId.toString(), to }, [
        ['token', `${tokenId} of collection ${collectionId}`],
        ['to', to],
      ]);
    });

  addTxOptions(
    nft
      .command('approve')
      .description("approve an address to move one token (ERC-721 approve), or clear the token's approval")
      .argument('<collection>', 'collection id')
      .argument('<token>', 'token id')
      .argument('[spender]', 'approved address or account label (omit with --clear)')
      .option('--clear', 'clear the approval'),
  )
    .addHelpText('after', examples(['coinworks nft approve 1 7 cw1... --from dev-0', 'coinworks nft approve 1 7 --clear --from dev-0']))
    .action(async (colText: string, tokText: string, spenderRef: string | undefined, o: TxOptions & { clear?: boolean }, c: Command) => {
      const collectionId = parseCollectionId(colText);
      const tokenId = parseTokenId(tokText);
      if (o.clear ? spenderRef !== undefined : spenderRef === undefined) throw new CliError('USAGE', 'give a spender, or --clear (not both)');
      const spender = spenderRef !== undefined ? await resolveAddress(spenderRef, o, app.env) : null;
      const account = await signingAccount(app, o);
      const s = await submit(app, c, o, account, 'nft', 'approve', ApproveParams, { collectionId, tokenId, approved: spender ? decodeAddress(spender) : null });
      printSubmitted(app, c, s, { collectionId, tokenId: tokenId.toString(), approved: spender }, [
        ['token', `${tokenId} of collection ${collectionId}`],
        ['approved', spender ?? 'none (cleared)'],
      ]);
    });

  addTxOptions(
    nft
      .command('operator')
      .description("let an address move all of the sender's tokens of one collection (ERC-721 setApprovalForAll), or --revoke")
      .argument('<collection>', 'collection id')
      .argument('<operator>', 'operator address or account label')
      .option('--revoke', 'revoke the operator'),
  )
    .addHelpText('after', examples(['coinworks nft operator 1 cw1... --from dev-0', 'coinworks nft operator 1 cw1... --revoke --from dev-0']))
    .action(async (colText: string, opRef: string, o: TxOptions & { revoke?: boolean }, c: Command) => {
      const collectionId = parseCollectionId(colText);
      const operator = await resolveAddress(opRef, o, app.env);
      const account = await signingAccount(app, o);
      const approved = !o.revoke;
      const s = await submit(app, c, o, account, 'nft', 'setOperator', SetOperatorParams, { collectionId, operator: decodeAddress(operator), approved });
      printSubmitted(app, c, s, { collectionId, operator, approved }, [
        ['collection', collectionId],
        ['operator', `${operator} (${approved ? 'approved' : 'revoked'})`],
      ]);
    });

  addTxOptions(nft.command('burn').description('burn a token (pays a mined token its owed share first)').argument('<collection>', 'collection id').argument('<token>', 'token id'))
    .addHelpText('after', examples(['coinworks nft burn 1 7 --from dev-0']))
    .action(async (colText: string, tokText: string, o: TxOptions, c: Command) => {
      const collectionId = parseCollectionId(colText);
      const tokenId = parseTokenId(tokText);
      const account = await signingAccount(app, o);
      const s = await submit(app, c, o, account, 'nft', 'burn', TokenRef, { collectionId, tokenId });
      printSubmitted(app, c, s, { collectionId, tokenId: tokenId.toString() }, [['burned', `token ${tokenId} of collection ${collectionId}`]]);
    });

  addTxOptions(
    nft
      .command('claim-share')
      .description("withdraw a mined token's share of later mint prices (POW NFT's withdraw) to its owner")
      .argument('<collection>', 'collection id')
      .argument('<token>', 'token id'),
  )
    .addHelpText('after', examples(['coinworks nft claim-share 2 1 --from dev-0 --json']))
    .action(async (colText: string, tokText: string, o: TxOptions, c: Command) => {
      const collectionId = parseCollectionId(colText);
      const tokenId = parseTokenId(tokText);
      const account = await signingAccount(app, o);
      const s = await submit(app, c, o, account, 'nft', 'claimShare', TokenRef, { collectionId, tokenId });
      const paid = eventData(s, 'nft', 'shareClaimed');
      printSubmitted(app, c, s, { collectionId, tokenId: tokenId.toString(), amount: paid ? String(paid.amount) : '0' }, [
        ['token', `${tokenId} of collection ${collectionId}`],
        ['claimed', paid ? formatPrice(String(paid.amount), Number(paid.assetId)) : 'nothing owed'],
      ]);
    });
}
