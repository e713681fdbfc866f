/** `coinworks nft`: the group of NFT commands (collections, minting, mining, transfers, traits and music). */
import type { Command } from 'commander';
import type { CliApp } from '../app.js';
import { examples } from '../args.js';
import { registerNftCollection } from './nft-collection.js';
import { registerNftMine } from './nft-mine.js';
import { registerNftShow } from './nft-show.js';
import { registerNftTokenCommands } from './nft-token.js';

/** Registers `nft` and its subcommands. */
export function registerNft(program: Command, app: CliApp): void {
  const nft = program
    .command('nft')
    .description('NFT collections and tokens: create, mint, mine by proof of work, transfer, traits and music')
    .addHelpText(
      'after',
      examples([
        'coinworks nft collection create --name Atoms --symbol ATOM --mined --divisor 300 --from dev-0',
        'coinworks nft mine 1 --threads 2 --count 3 --from dev-0',
        'coinworks nft show 1 1',
        'coinworks nft music 1 1 --out atom-1.wav',
        'coinworks nft list dev-0 --json',
      ]),
    );
  registerNftCollection(nft, app);
  registerNftTokenCommands(nft, app);
  registerNftShow(nft, app);
  registerNftMine(nft, app);
}
