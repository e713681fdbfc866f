/** What other modules may call on the bank: move coins between accounts with every check applied. */
import { TxError } from '../../../errors.js';
import type { EventSink } from '../../module.js';
import type { StateWriter } from '../../state-view.js';
import { credit, debit } from '../accounts/method.js';
import { TransferEvent } from './events.js';
import type { TransferChecks } from './hooks.js';

/** The transfer checks other modules register on (compliance) and pass to `moveCoins`. */
export { TransferChecks, type TransferCheck } from './hooks.js';

/** Moves `amount` of an asset from one account to another and emits a transfer event. */
export function moveCoins(
  state: StateWriter,
  events: EventSink,
  checks: TransferChecks,
  from: Uint8Array,
  to: Uint8Array,
  assetId: number,
  amount: bigint,
): void {
  if (amount <= 0n) throw new TxError('TX_INVALID_PARAMS', 'amount must be positive');
  checks.run(state, from, to, assetId, amount);
  debit(state, from, assetId, amount);
  credit(state, to, assetId, amount);
  events.emit(TransferEvent, { from, to, assetId, amount });
}
