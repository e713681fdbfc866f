/**
 * In-memory chains for tests (Lisk's `src/testing`): regtest parameters, funded deterministic
 * accounts, a controllable clock, and helpers to build signed transfers and mine blocks.
 */
import { installNativeHashing } from '../crypto/native.js';
import { regtest, withAllocations, type NetworkParams, ONE_COIN } from '../params/networks.js';
import { PowEngine } from '../consensus/pow/engine.js';
import type { ConsensusEngine } from '../consensus/engine.js';
import { compactToTarget } from '../consensus/pow/compact.js';
import { StateMachine } from '../state/state-machine.js';
import { coreModules } from '../state/modules/index.js';
import { ChainStore } from '../storage/chain-store.js';
import { MemoryKv } from '../storage/memory-kv.js';
import type { KvStore } from '../storage/kv.js';
import { Chain } from '../chain/chain.js';
import type { ChainEntry } from '../chain/chain-index.js';
import { assembleBlock, templateToBlock } from '../chain/assembler.js';
import { headerHash, hashToBigInt } from '../primitives/header.js';
import type { Block } from '../primitives/block.js';
import { prepareTx, type PreparedTx } from '../primitives/tx.js';
import { buildTxBody, signTx } from '../primitives/tx-builder.js';
import { TransferParams } from '../state/modules/bank/schemas.js';
import type { StateReader } from '../state/state-view.js';
import { testKeys, type TestKey } from './keys.js';

/** A controllable clock. */
export class TestClock {
  constructor(public t: number) {}
  /** Current time. */
  now = (): number => this.t;
}

/** Options of `createTestChain`. */
export interface TestChainOptions {
  readonly params?: NetworkParams;
  readonly kv?: KvStore;
  /** Funded accounts (default 4), each with `fund` coins (default 1,000,000 CWC). */
  readonly accounts?: number;
  readonly fund?: bigint;
  readonly clock?: TestClock;
  /** Consensus engine (default: proof of work on the given parameters). */
  readonly engine?: (params: NetworkParams) => ConsensusEngine;
  /**
   * State cache of the chain in bytes (1: holds nothing, every read misses and is loaded). Default:
   * the chain's own, or nothing at all under the cold-state test mode (`COLD_STATE_ENV`).
   */
  readonly stateCacheBytes?: number;
  /** Undo window of the chain (blocks). */
  readonly undoWindow?: number;
}

/**
 * Environment variable of the cold-state test mode (`npm run test:cold`): set to `1`, every test
 * chain gets a state cache that holds nothing, so each read of head state goes to the store and a
 * synchronous read that only worked because a small state sat in memory fails (STATE_NOT_LOADED).
 */
export const COLD_STATE_ENV = 'COINWORKS_TEST_COLD_STATE';

/** True under the cold-state test mode. */
export function coldStateMode(): boolean {
  return process.env[COLD_STATE_ENV] === '1';
}

/** The state cache a test chain gets unless told: none at all under the cold-state test mode. */
export function testStateCacheBytes(o: { stateCacheBytes?: number } = {}): { stateCacheBytes?: number } {
  const bytes = o.stateCacheBytes ?? (coldStateMode() ? 1 : undefined);
  return bytes === undefined ? {} : { stateCacheBytes: bytes };
}

/** A chain with funded keys. */
export interface TestChain {
  readonly chain: Chain;
  readonly keys: TestKey[];
  readonly params: NetworkParams;
  readonly clock: TestClock;
}

/** Builds the parameters, state machine and chain of a test network (not yet opened). */
export function testChainParts(o: TestChainOptions = {}): { params: NetworkParams; keys: TestKey[]; clock: TestClock; chain: Chain } {
  installNativeHashing();
  const keys = testKeys(o.accounts ?? 4);
  const fund = o.fund ?? 1_000_000n * ONE_COIN;
  const params = withAllocations(o.params ?? regtest, keys.map((k) => ({ address: k.addressText, amount: fund })));
  const clock = o.clock ?? new TestClock(params.genesis.time + 1000);
  const engine = o.engine ? o.engine(params) : new PowEngine(params);
  const chain = new Chain({
    params,
    store: new ChainStore(o.kv ?? new MemoryKv()),
    engine,
    stateMachine: new StateMachine(params, coreModules(engine.modules())),
    now: clock.now,
    ...testStateCacheBytes(o),
    ...(o.undoWindow !== undefined ? { undoWindow: o.undoWindow } : {}),
  });
  return { params, keys, clock, chain };
}

/** Creates and opens a test chain. */
export async function createTestChain(o: TestChainOptions = {}): Promise<TestChain> {
  const parts = testChainParts(o);
  await parts.chain.open();
  return parts;
}

/** A signed bank.transfer. */
export function transfer(chain: Chain, from: TestKey, to: Uint8Array, amount: bigint, nonce: bigint, fee: { maxFeePerGas?: bigint; maxTipPerGas?: bigint; gasLimit?: bigint } = {}): PreparedTx {
  const body = buildTxBody('bank', 'transfer', TransferParams, { to, assetId: 0, amount, memo: new Uint8Array(0) }, {
    chainId: chain.params.chainId,
    nonce,
    gasLimit: fee.gasLimit ?? 100_000n,
    maxFeePerGas: fee.maxFeePerGas ?? 1_000n,
    maxTipPerGas: fee.maxTipPerGas ?? 2n,
    senderPublicKey: from.publicKey,
  });
  return prepareTx(signTx(body, from.sign));
}

/** Finds a nonce for a header by brute force (fine for regtest's easiest target). */
export function solve(block: Block): Block {
  const { target } = compactToTarget(block.header.bits);
  for (let nonce = 0; nonce <= 0xffffffff; nonce++) {
    const header = { ...block.header, nonce };
    if (hashToBigInt(headerHash(header)) <= target) return { ...block, header };
  }
  throw new Error('no nonce found');
}

/** Assembles, solves and returns (without importing) a block on the chain's tip. */
export async function makeBlock(chain: Chain, o: { txs?: readonly PreparedTx[]; beneficiary: Uint8Array; time?: number; extraNonce?: number }): Promise<Block> {
  const t = await assembleBlock(chain, { txs: o.txs ?? [], beneficiary: o.beneficiary, time: o.time });
  const en = new Uint8Array(8);
  new DataView(en.buffer).setUint32(0, o.extraNonce ?? 0, true);
  return solve(templateToBlock(t, en, 0));
}

/** The time a connected block's commands saw (`BlockInfo.time`): the engine's execution time, e.g. the parent's median time past. */
export function executionTimeOf(chain: Chain, entry: ChainEntry): number {
  return chain.engine.executionTime(entry.parent!, entry.header.time);
}

/** Mines and imports one block on the tip, advancing the clock by the target spacing. */
export async function mineBlock(tc: TestChain, o: { txs?: readonly PreparedTx[]; beneficiary?: Uint8Array } = {}): Promise<Block> {
  tc.clock.t += tc.params.blockTime;
  const block = await makeBlock(tc.chain, { txs: o.txs, beneficiary: o.beneficiary ?? tc.keys[0].address, time: tc.clock.t });
  await tc.chain.importBlock(block);
  return block;
}

/** Runs `fn` on the head state (`Chain.view`: loads what it reads): how tests read state. */
export function read<T>(tc: { readonly chain: Chain }, fn: (state: StateReader) => T): Promise<T> {
  return tc.chain.view(fn);
}
