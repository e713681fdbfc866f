/**
 * The nft module: ERC-721 collections and tokens with ERC-2981 royalties, minted by the creator,
 * bought from an open mint, or mined by proof of work as POW NFT's Atoms (pow.ts).
 */
import type { StateModule } from '../../module.js';
import { TransferChecks } from '../bank/method.js';
import { nftCommands } from './commands/index.js';
import { NFT_EVENTS } from './events.js';
import { NFT_ERRORS } from './errors.js';
import { NFT_MODULE } from './stores.js';

/** Options of the nft module. */
export interface NftModuleOptions {
  /** The chain's transfer checks (shared with the bank), applied to mint prices and share payouts. */
  readonly checks?: TransferChecks;
}

/** Builds the nft module. */
export function createNftModule(o: NftModuleOptions = {}): StateModule {
  return {
    name: NFT_MODULE,
    commands: nftCommands(o.checks ?? new TransferChecks()),
    events: NFT_EVENTS,
    errors: NFT_ERRORS,
  };
}
