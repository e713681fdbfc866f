/**
 * Builds the benchmark workload once: `senders` funded keys and `blocks` blocks of signed transfers
 * (one per sender per block), mined on an in-memory regtest chain so they can be replayed.
 */
import { testChainParts, transfer, makeBlock } from '../src/testing/chain.js';
import { encodeBlock } from '../src/primitives/block.js';
import type { PreparedTx } from '../src/primitives/tx.js';

/** Pre-built blocks (encoded) and the options to rebuild an identical fresh chain. */
export interface ChainFixture {
  readonly blocks: Uint8Array[];
  readonly txCount: number;
  readonly senders: number;
}

/** Signs `senders * blocks` transfers; block b holds every sender's transfer with nonce b. */
export function signTransfers(senders: number, blocks: number): { parts: ReturnType<typeof testChainParts>; batches: PreparedTx[][] } {
  const parts = testChainParts({ accounts: senders, fund: 10n ** 12n });
  const { chain, keys } = parts;
  const batches: PreparedTx[][] = [];
  for (let b = 0; b < blocks; b++) {
    const batch: PreparedTx[] = [];
    for (let s = 0; s < senders; s++) batch.push(transfer(chain, keys[s], keys[(s + 1 + b) % senders].address, 1000n + BigInt(b), BigInt(b)));
    batches.push(batch);
  }
  return { parts, batches };
}

/** Mines the fixture chain in memory and returns its encoded blocks. */
export async function buildChainFixture(senders: number, blocks: number): Promise<ChainFixture> {
  const { parts, batches } = signTransfers(senders, blocks);
  const { chain, clock, keys } = parts;
  await chain.open();
  const out: Uint8Array[] = [];
  for (const txs of batches) {
    clock.t += 2;
    const block = await makeBlock(chain, { txs, beneficiary: keys[0].address, time: clock.t });
    await chain.importBlock(block);
    out.push(encodeBlock(block));
  }
  return { blocks: out, txCount: senders * blocks, senders };
}
