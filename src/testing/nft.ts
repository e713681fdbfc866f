/**
 * Test helpers for the nft and market modules: a test chain with an extra test asset (and optional
 * frozen addresses, as a compliance module would freeze them), signed module commands mined in real
 * blocks, and in-process NFT mining against the chain head.
 */
import assert from 'node:assert/strict';
import type { Codec } from '../encoding/codec.js';
import { TxError } from '../errors.js';
import { bytesEqual } from '../encoding/hex.js';
import { installNativeHashing } from '../crypto/native.js';
import { regtest, withAllocations, ONE_COIN } from '../params/networks.js';
import { PowEngine } from '../consensus/pow/engine.js';
import { StateMachine } from '../state/state-machine.js';
import type { BlockInfo, StateModule } from '../state/module.js';
import type { Receipt } from '../state/receipt.js';
import type { StateReader } from '../state/state-view.js';
import { coreModules } from '../state/modules/index.js';
import { rewardsModule } from '../state/modules/rewards/module.js';
import { credit, getAccount, balanceOf } from '../state/modules/accounts/method.js';
import type { TransferChecks } from '../state/modules/bank/hooks.js';
import { recordSupply } from '../state/modules/supply/method.js';
import { DEFAULT_POW } from '../state/modules/nft/pow.js';
import { CreateCollectionParams, MineParams, type PowParams } from '../state/modules/nft/schemas.js';
import { nextCollectionStore } from '../state/modules/nft/stores.js';
import { ChainStore } from '../storage/chain-store.js';
import { MemoryKv } from '../storage/memory-kv.js';
import { Chain } from '../chain/chain.js';
import { prepareTx, type PreparedTx } from '../primitives/tx.js';
import { buildTxBody, signTx } from '../primitives/tx-builder.js';
import { findNftNonce, mineParamsOf, nftMiningJob, type NftFind, type NftMiningJob } from '../nft/nft-miner.js';
import { mineBlock, TestClock, testStateCacheBytes, type TestChain } from './chain.js';
import { testKeys, type TestKey } from './keys.js';

/** Asset id of the test asset every key holds (stands in for an issued asset). */
export const TEST_ASSET = 7;

/** Options of `createNftTestChain`. */
export interface NftTestChainOptions {
  readonly accounts?: number;
  /** Test-asset balance of every key (default 1,000,000 units). */
  readonly assetFund?: bigint;
  /** Addresses frozen for the test asset: they can neither send nor receive it (TX_FROZEN). */
  readonly frozen?: readonly Uint8Array[];
}

/** A test chain whose keys also hold TEST_ASSET, with the chain's transfer checks exposed. */
export async function createNftTestChain(o: NftTestChainOptions = {}): Promise<TestChain & { checks: TransferChecks }> {
  installNativeHashing();
  const keys = testKeys(o.accounts ?? 4);
  const params = withAllocations(regtest, keys.map((k) => ({ address: k.addressText, amount: 1_000_000n * ONE_COIN })));
  const clock = new TestClock(params.genesis.time + 1000);
  const modules = coreModules([rewardsModule]);
  const bank = modules.find((m) => m.name === 'bank') as StateModule & { checks: TransferChecks };
  const frozen = o.frozen ?? [];
  bank.checks.add((_state, from, to, assetId) => {
    if (assetId !== TEST_ASSET) return;
    if (frozen.some((f) => bytesEqual(f, from) || bytesEqual(f, to))) throw new TxError('TX_FROZEN', 'address is frozen for the test asset');
  });
  const fund = o.assetFund ?? 1_000_000n;
  modules.push({
    name: 'testAsset',
    genesis({ state }) {
      for (const k of keys) credit(state, k.address, TEST_ASSET, fund);
      recordSupply(state, TEST_ASSET, 'mint', fund * BigInt(keys.length));
    },
  });
  const chain = new Chain({
    params,
    store: new ChainStore(new MemoryKv()),
    engine: new PowEngine(params, params.genesis.time),
    stateMachine: new StateMachine(params, modules),
    now: clock.now,
    ...testStateCacheBytes(),
  });
  await chain.open();
  return { chain, keys, params, clock, checks: bank.checks };
}

/** A signed `module.command` from `key` (nonce: the account's next one in head state, plus `ahead`). */
export async function commandTx<P>(tc: TestChain, key: TestKey, module: string, command: string, schema: Codec<P>, params: P, ahead = 0n): Promise<PreparedTx> {
  const nonce = (await tc.chain.view((s) => getAccount(s, key.address).nonce)) + ahead;
  const body = buildTxBody(module, command, schema, params, {
    chainId: tc.params.chainId,
    nonce,
    gasLimit: 500_000n,
    maxFeePerGas: 1_000n,
    maxTipPerGas: 2n,
    senderPublicKey: key.publicKey,
  });
  return prepareTx(signTx(body, key.sign));
}

/** Beneficiary of the blocks these helpers mine: no test key, so rewards never blur a balance check. */
export const BLOCK_BENEFICIARY = new Uint8Array(20).fill(0xee);

/** Mines a block holding `txs` (beneficiary BLOCK_BENEFICIARY) and returns their receipts. */
export async function mineTxs(tc: TestChain, txs: readonly PreparedTx[]): Promise<Receipt[]> {
  await mineBlock(tc, { txs, beneficiary: BLOCK_BENEFICIARY });
  const r = await tc.chain.store.receipts(tc.chain.tip.hash);
  assert.ok(r, 'tip has receipts');
  assert.equal(r.receipts.length, txs.length, 'every transaction was included');
  return r.receipts;
}

/** Sends one command in its own block; returns its receipt. */
export async function send<P>(tc: TestChain, key: TestKey, module: string, command: string, schema: Codec<P>, params: P): Promise<Receipt> {
  return (await mineTxs(tc, [await commandTx(tc, key, module, command, schema, params)]))[0];
}

/** The TxError code of a failed receipt (null on success). */
export function receiptCode(r: Receipt): string | null {
  return r.error === null ? null : r.error.split(':')[0];
}

/** Asserts a receipt succeeded. */
export function assertSuccess(r: Receipt): void {
  assert.equal(r.status, 'success', `expected success, got ${r.error}`);
}

/** Asserts a receipt failed with `code`. */
export function assertFailed(r: Receipt, code: string): void {
  assert.equal(r.status, 'failed', `expected ${code}, but the transaction succeeded`);
  assert.equal(receiptCode(r), code, `expected ${code}, got ${r.error}`);
}

/** Block info of the block after the tip (for mempool-style verifyTx checks); `state` is the head state (a view's). */
export function nextBlockInfo(tc: TestChain, state: StateReader): BlockInfo {
  return tc.chain.blockInfo(tc.chain.tip, tc.clock.t + tc.params.blockTime, BLOCK_BENEFICIARY, new Uint8Array(0), state);
}

/** The execution time (`BlockInfo.time`) of the block after the tip (no state read). */
export function nextBlockTime(tc: TestChain): number {
  return tc.chain.engine.executionTime(tc.chain.tip, tc.clock.t + tc.params.blockTime);
}

/** The code mempool admission (StateMachine.verifyTx on the head) refuses `tx` with, or null. */
export function admissionCode(tc: TestChain, tx: PreparedTx): Promise<string | null> {
  return tc.chain.view((s) => {
    try {
      tc.chain.sm.verifyTx(s, tx, nextBlockInfo(tc, s));
      return null;
    } catch (e) {
      if (e instanceof TxError) return e.code;
      throw e;
    }
  });
}

/** Balance of an asset in head state. */
export function balance(tc: TestChain, address: Uint8Array, assetId = 0): Promise<bigint> {
  return tc.chain.view((s) => balanceOf(getAccount(s, address), assetId));
}

/** nft.createCollection params with defaults (creator-only, no royalty). */
export function collectionParams(over: Partial<CreateCollectionParams> = {}): CreateCollectionParams {
  return { name: 'Test', symbol: 'TST', maxSupply: 0n, royalty: null, baseUri: '', mintRule: 'creator', mintPrice: 0n, mintAsset: 0, pow: null, ...over };
}

/** Params of a mined collection with a tiny schedule (divisor 2 by default) so tests mine in milliseconds. */
export function minedCollectionParams(pow: Partial<PowParams> = {}, over: Partial<CreateCollectionParams> = {}): CreateCollectionParams {
  return collectionParams({ name: 'Atoms', symbol: 'ATOM', mintRule: 'mined', pow: { ...DEFAULT_POW, divisor: 2n, ...pow }, ...over });
}

/** Creates a collection in its own block; returns its id (read from the event order: ids count from 1). */
export async function createCollection(tc: TestChain, key: TestKey, params: CreateCollectionParams): Promise<number> {
  const id = (await tc.chain.view((s) => nextCollectionStore.get(s, ''))) ?? 1;
  assertSuccess(await send(tc, key, 'nft', 'createCollection', CreateCollectionParams, params));
  return id;
}

/** Finds a nonce in this thread for `key` on a collection's current head state. */
export async function findNonce(tc: TestChain, collectionId: number, key: TestKey, maxHashes = 2 ** 26): Promise<{ job: NftMiningJob; find: NftFind; hashes: number }> {
  const job = await tc.chain.view((s) => nftMiningJob(s, collectionId, key.address));
  const { find, hashes } = findNftNonce(job, { maxHashes });
  assert.ok(find, `no nonce within ${maxHashes} hashes (expected ${job.expectedHashes})`);
  return { job, find, hashes };
}

/** Mines one token of a mined collection for `key` (find + nft.mine in a block); returns the receipt. */
export async function mineToken(tc: TestChain, collectionId: number, key: TestKey): Promise<{ receipt: Receipt; job: NftMiningJob; find: NftFind; hashes: number }> {
  const { job, find, hashes } = await findNonce(tc, collectionId, key);
  const receipt = await send(tc, key, 'nft', 'mine', MineParams, mineParamsOf(find));
  return { receipt, job, find, hashes };
}
