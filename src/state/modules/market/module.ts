/**
 * The market module: listings of nft tokens in the native coin or any asset (Zora Asks), Seaport's
 * per-seller counter, and sales that always pay the creator's royalty (ERC-2981, enforced here).
 */
import type { StateModule } from '../../module.js';
import { buyCommand, claimCommand } from './commands/buy.js';
import { cancelAllCommand, cancelCommand, listCommand } from './commands/list.js';
import { MARKET_EVENTS } from './events.js';
import { MARKET_ERRORS } from './errors.js';
import { marketConfig, type MarketConfig } from './method.js';
import { MARKET_MODULE } from './stores.js';

/** Builds the market module (fee and fee recipient are module config; see method.ts for defaults). */
export function createMarketModule(o: Partial<MarketConfig> = {}): StateModule & { readonly config: MarketConfig } {
  const config = marketConfig(o);
  return {
    name: MARKET_MODULE,
    config,
    commands: [listCommand(), cancelCommand(), cancelAllCommand(), buyCommand(config), claimCommand(config)],
    events: MARKET_EVENTS,
    errors: MARKET_ERRORS,
  };
}
