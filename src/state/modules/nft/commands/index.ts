/** Every command of the nft module. */
import type { Command } from '../../../module.js';
import type { TransferChecks } from '../../bank/method.js';
import { burnCommand, claimShareCommand } from './burn.js';
import { createCollectionCommand } from './create-collection.js';
import { mineCommand } from './mine.js';
import { mintCommand } from './mint.js';
import { approveCommand, nftTransferCommand, setOperatorCommand } from './transfer.js';

/** The nft commands, sharing the chain's transfer checks for the coins they move. */
export function nftCommands(checks: TransferChecks): Command<any>[] {
  return [
    createCollectionCommand(),
    mintCommand(checks),
    mineCommand(checks),
    nftTransferCommand(),
    approveCommand(),
    setOperatorCommand(),
    burnCommand(checks),
    claimShareCommand(checks),
  ];
}
