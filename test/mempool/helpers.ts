/** Shared setup for mempool tests: a funded test chain with a mempool on it. */
import assert from 'node:assert/strict';
import { createTestChain, transfer, type TestChain, type TestChainOptions } from '../../src/testing/chain.js';
import { Mempool } from '../../src/mempool/mempool.js';
import type { MempoolOptions } from '../../src/mempool/options.js';
import type { RemovalReason } from '../../src/mempool/types.js';
import type { TestKey } from '../../src/testing/keys.js';
import type { PreparedTx } from '../../src/primitives/tx.js';
import { errorCode } from '../../src/errors.js';

/** A test chain and a mempool following it. */
export interface PoolSetup {
  readonly tc: TestChain;
  readonly pool: Mempool;
  readonly keys: TestKey[];
  /** Every `removed` event so far. */
  readonly removed: Array<{ key: string; reason: RemovalReason }>;
}

/** Creates a test chain (4 funded keys unless told) and a mempool on it. */
export async function setup(o: { chain?: TestChainOptions; pool?: MempoolOptions } = {}): Promise<PoolSetup> {
  const tc = await createTestChain(o.chain);
  const pool = new Mempool(tc.chain, o.pool);
  const removed: PoolSetup['removed'] = [];
  pool.on('removed', (ptx, reason) => removed.push({ key: ptx.key, reason }));
  return { tc, pool, keys: tc.keys, removed };
}

/** A 1-unit transfer from `from` to the last test key at `nonce` (maxFee 1000, tip 2 unless told). */
export function tx(s: PoolSetup, from: TestKey, nonce: number | bigint, fee: { maxFeePerGas?: bigint; maxTipPerGas?: bigint } = {}): PreparedTx {
  return transfer(s.tc.chain, from, s.keys[s.keys.length - 1].address, 1n, BigInt(nonce), fee);
}

/** Asserts that `fn` throws a Coinworks error with `code`. */
export function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.equal(errorCode(e), code, `expected ${code}, got ${errorCode(e)}: ${(e as Error)?.message}`);
    assert.ok((e as Error).message.length > 0, 'rejection has a reason');
    return true;
  });
}

/** Asserts that `fn` rejects with a Coinworks error with `code`. */
export async function rejectsCode(fn: () => Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(fn, (e: unknown) => {
    assert.equal(errorCode(e), code, `expected ${code}, got ${errorCode(e)}: ${(e as Error)?.message}`);
    assert.ok((e as Error).message.length > 0, 'rejection has a reason');
    return true;
  });
}

/** Nonces of transactions, in order. */
export function nonces(txs: readonly PreparedTx[]): bigint[] {
  return txs.map((t) => t.tx.body.nonce);
}
