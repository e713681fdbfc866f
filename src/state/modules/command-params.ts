/**
 * The parameter format (codec) of every module command, by `module.command`, from the modules'
 * schema-only api.ts files: what the CLI and other tools need to encode a command's params, without
 * building a state machine. One line per module with commands (the proof-of-stake modules' too, which
 * only a BFT chain runs).
 */
import type { Codec } from '../../encoding/codec.js';
import { commandParams as assets } from './assets/api.js';
import { commandParams as bank } from './bank/api.js';
import { commandParams as market } from './market/api.js';
import { commandParams as multisig } from './multisig/api.js';
import { commandParams as nft } from './nft/api.js';
import { commandParams as stablecoin } from './stablecoin/api.js';
import { commandParams as staking } from './staking/api.js';
import { commandParams as distribution } from './distribution/api.js';
import { commandParams as stakingPool } from './staking-pool/api.js';

/** Params codecs by module, then command. */
export const COMMAND_PARAMS: Readonly<Record<string, Readonly<Record<string, Codec<any>>>>> = { bank, multisig, assets, stablecoin, nft, market, staking, distribution, 'staking-pool': stakingPool };

/** The params codec of `module.command`, or undefined when there is no such command. */
export function commandParamsOf(module: string, command: string): Codec<unknown> | undefined {
  const m = Object.hasOwn(COMMAND_PARAMS, module) ? COMMAND_PARAMS[module] : undefined;
  return m && Object.hasOwn(m, command) ? m[command] : undefined;
}
