/**
 * Subscribes the mempool to a chain's events. Each handler is guarded: chain events fire inside
 * block import after the block is written, so a mempool failure must never reach the import; it
 * goes to `onError` instead.
 */
import type { Chain, StateChanges } from '../chain/chain.js';
import type { PreparedBlock } from '../primitives/block.js';
import type { PreparedTx } from '../primitives/tx.js';

/** What the pool does on each chain event. */
export interface ChainSyncHandlers {
  /** A block was connected to the main chain (`changes`: the state records it wrote). */
  connect(block: PreparedBlock, changes: StateChanges): void;
  /** A block was disconnected from the main chain (`changes`: the state records its undo wrote back). */
  disconnect(block: PreparedBlock, changes: StateChanges): void;
  /** A reorganisation finished; `dropped` are transactions no longer in the main chain. */
  reorg(dropped: readonly PreparedTx[]): void;
  /** The tip changed. */
  tip(): void;
  /** A handler threw. */
  onError(err: unknown): void;
}

/** Subscribes `h` to `chain`; returns the function that unsubscribes. */
export function followChain(chain: Chain, h: ChainSyncHandlers): () => void {
  const guard =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A): void => {
      try {
        fn(...args);
      } catch (err) {
        h.onError(err);
      }
    };
  const onConnect = guard((_e: unknown, block: PreparedBlock, _r: unknown, changes: StateChanges) => h.connect(block, changes));
  const onDisconnect = guard((_e: unknown, block: PreparedBlock, changes: StateChanges) => h.disconnect(block, changes));
  const onReorg = guard((info: { dropped: PreparedTx[] }) => h.reorg(info.dropped));
  const onTip = guard(() => h.tip());
  chain.on('connect', onConnect);
  chain.on('disconnect', onDisconnect);
  chain.on('reorg', onReorg);
  chain.on('tip', onTip);
  return () => {
    chain.off('connect', onConnect);
    chain.off('disconnect', onDisconnect);
    chain.off('reorg', onReorg);
    chain.off('tip', onTip);
  };
}
