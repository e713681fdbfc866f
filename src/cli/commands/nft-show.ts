/**
 * `coinworks nft show|list|music`: a token with its traits, the tokens of an address, and a token's
 * music downloaded from the node as a WAV file (checked against the SHA-256 its metadata states).
 */
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sha256 } from '../../crypto/hash.js';
import { bytesToHex } from '../../encoding/hex.js';
import { RpcError } from '../../client/errors.js';
import type { NftMetadataJson, NftTokenJson } from '../../client/types.js';
import type { CliApp } from '../app.js';
import { examples, intArg } from '../args.js';
import { CliError } from '../errors.js';
import { emit, fields, table } from '../output.js';
import { resolveAddress } from '../wallets.js';
import { Units } from '../units.js';
import { addWalletOptions, formatBps, nftClient, parseCollectionId, parseTokenId } from './nft-tx.js';

/** Text rows of a token; `owed` is its owed share in units (see `owedShareText`). */
export function tokenRows(t: NftTokenJson, owed?: string): Array<readonly [string, unknown]> {
  return [
    ['token', `${t.tokenId} of collection ${t.collectionId}`],
    ['owner', t.owner],
    ['approved', t.approved ?? 'none'],
    // All zero bytes: minted without content (--content-hash / --content-file).
    ['content hash', /^0+$/.test(t.contentHash) ? 'none' : t.contentHash],
    ['token URI', t.tokenUri || '-'],
    ['royalty', t.effectiveRoyalty ? `${formatBps(t.effectiveRoyalty.bps)} to ${t.effectiveRoyalty.receiver}${t.royalty ? ' (own)' : ' (collection default)'}` : 'none'],
    ['minted at', `block ${t.mintedAt} (serial ${t.serial}, ${t.version} transfer${t.version === '1' ? '' : 's'} since)`],
    ...(t.owedShare !== '0' ? ([['owed share', `${owed ?? `${t.owedShare} base units of the mint asset`} (nft claim-share)`]] as const) : []),
  ];
}

/** Registers `nft show`, `nft list` and `nft music`. */
export function registerNftShow(nft: Command, app: CliApp): void {
  nft
    .command('show')
    .description("show a token: owner, royalty, URI and its traits (derived from its content hash)")
    .argument('<collection>', 'collection id')
    .argument('<token>', 'token id')
    .addHelpText('after', examples(['coinworks nft show 2 1', 'coinworks nft show 2 1 --json']))
    .action(async (colText: string, tokText: string, _o: unknown, c: Command) => {
      const collectionId = parseCollectionId(colText);
      const tokenId = parseTokenId(tokText);
      const client = nftClient(app, c);
      const token = await client.getToken(collectionId, tokenId);
      // An owed share is in the collection's mint asset: shown in its decimals and symbol.
      let owed: string | undefined;
      if (token.owedShare !== '0') {
        const units = new Units(app.client(c));
        const mintAsset = (await client.getCollection(collectionId)).mintAsset;
        await units.load([mintAsset]);
        owed = units.show(token.owedShare, mintAsset);
      }
      let metadata: NftMetadataJson | null = null;
      try {
        metadata = await client.metadata(collectionId, tokenId);
      } catch (e) {
        if (!(e instanceof RpcError && e.code === 'NFT_NO_CONTENT')) throw e;
      }
      const traits = metadata ? Object.fromEntries(metadata.attributes.map((a) => [a.trait_type, a.value])) : null;
      emit(app.io, app.globals(c).json, { ...token, name: metadata?.name ?? null, traits, metadata, audioUrl: metadata ? client.audioUrl(collectionId, tokenId) : null }, () => [
        ...(metadata ? [`${metadata.name}: ${metadata.description}`] : []),
        ...fields([
          ...tokenRows(token, owed),
          ...(metadata
            ? ([
                ...metadata.attributes.map((a) => [a.trait_type.toLowerCase(), a.value] as const),
                ['music', `${metadata.audio.seconds} s at ${metadata.audio.sample_rate} Hz: coinworks nft music ${collectionId} ${tokenId} --out token.wav`],
              ] as const)
            : ([['traits', 'none (no content hash)']] as const)),
        ]),
      ]);
    });

  addWalletOptions(
    nft
      .command('list')
      .description('list the tokens an address owns')
      .argument('<address|account>', 'a cw1... address, or an account label from your wallets')
      .option('--offset <n>', 'tokens to skip', intArg(0, 0xffffffff), 0)
      .option('--limit <n>', 'tokens to show (at most 1000)', intArg(1, 1000), 100),
  )
    .addHelpText('after', examples(['coinworks nft list cw1...', 'coinworks nft list dev-0 --wallet-dir ./.coinworks/devnet/wallets --json']))
    .action(async (ref: string, o: { wallet?: string; walletDir?: string; offset: number; limit: number }, c: Command) => {
      const address = await resolveAddress(ref, o, app.env);
      const r = await nftClient(app, c).tokensOf(address, { offset: o.offset, limit: o.limit });
      emit(app.io, app.globals(c).json, r, () =>
        r.total === 0
          ? `${address} owns no tokens`
          : [
              ...table(
                ['COLLECTION', 'TOKEN', 'CONTENT HASH', 'URI'],
                r.tokens.map((t) => [String(t.collectionId), t.tokenId, t.contentHash, t.tokenUri || '-']),
              ),
              ...(r.tokens.length < r.total ? [`(${r.tokens.length} of ${r.total}; use --offset)`] : []),
            ],
      );
    });

  nft
    .command('music')
    .description("download a token's music (WAV, derived from its content hash) from the node")
    .argument('<collection>', 'collection id')
    .argument('<token>', 'token id')
    .requiredOption('--out <file>', 'where to write the WAV file')
    .addHelpText('after', examples(['coinworks nft music 2 1 --out atom-1.wav', 'coinworks nft music 2 1 --out atom-1.wav --json']))
    .action(async (colText: string, tokText: string, o: { out: string }, c: Command) => {
      const collectionId = parseCollectionId(colText);
      const tokenId = parseTokenId(tokText);
      const client = nftClient(app, c);
      const [metadata, wav] = await Promise.all([client.metadata(collectionId, tokenId), client.fetchAudio(collectionId, tokenId)]);
      const digest = bytesToHex(sha256(wav));
      if (metadata.audio.sha256 && metadata.audio.sha256 !== digest) {
        throw new CliError('CLI_PROOF_INVALID', `the WAV from the node hashes to ${digest}, but the token's metadata states ${metadata.audio.sha256}`);
      }
      const path = resolve(o.out);
      await writeFile(path, wav);
      const data = { collectionId, tokenId: tokenId.toString(), file: path, bytes: wav.length, sha256: digest, sampleRate: metadata.audio.sample_rate, seconds: metadata.audio.seconds, url: client.audioUrl(collectionId, tokenId) };
      emit(app.io, app.globals(c).json, data, () =>
        fields([
          ['token', `${tokenId} of collection ${collectionId} (${metadata.name})`],
          ['file', path],
          ['audio', `${metadata.audio.seconds} s, ${metadata.audio.sample_rate} Hz, ${metadata.audio.bits_per_sample}-bit mono WAV, ${wav.length} bytes`],
          ['sha256', `${digest} (matches the metadata)`],
        ]),
      );
    });
}
