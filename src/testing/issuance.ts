/**
 * Test helpers for governed minting (issue 4): signed multisig, assets and stablecoin commands
 * with automatic nonces, mining them into a block and reading the receipts, the seed's USDKG
 * setup (3-of-7 mint group, 5-of-5 compliance group, an auditor), and (re-exported from
 * rpc/event-index.ts, which the asset_* / multisig_* reports read through) the chain scans for the
 * event trail and the collateral timeline.
 */
import { decode, encode, type Codec } from '../encoding/codec.js';
import { bytesEqual } from '../encoding/hex.js';
import { prepareTx, type PreparedTx } from '../primitives/tx.js';
import { buildTxBody, signTx } from '../primitives/tx-builder.js';
import type { EventRecord, EventType } from '../state/events.js';
import type { Receipt } from '../state/receipt.js';
import { getAccount } from '../state/modules/accounts/method.js';
import { CreatedEvent, ExecutedEvent } from '../state/modules/multisig/events.js';
import { getMultisig } from '../state/modules/multisig/method.js';
import { CreateParams as MultisigCreateParams, ProposalRef, ProposeParams } from '../state/modules/multisig/schemas.js';
import { CreateParams as StablecoinCreateParams } from '../state/modules/stablecoin/schemas.js';
import { AssetCreatedEvent } from '../state/modules/assets/events.js';
import type { Chain } from '../chain/chain.js';
import { collateralTimeline, type CollateralPoint } from '../state/modules/stablecoin/reports.js';
import { scanBlocks } from '../rpc/event-index.js';
import { mineBlock, type TestChain } from './chain.js';
import type { TestKey } from './keys.js';

// The chain scans live with the RPC event index; re-exported for tests.
export { eventTrail, scanBlocks, type TrailEntry } from '../rpc/event-index.js';

/** The collateral ratio of a governed asset over the chain's history (see stablecoin/reports.ts). */
export async function collateralHistory(chain: Chain, assetId: number): Promise<CollateralPoint[]> {
  return collateralTimeline(await scanBlocks(chain), assetId);
}

/** An action a multisig can propose: a command and its encoded params. */
export interface Action {
  readonly module: string;
  readonly command: string;
  readonly params: Uint8Array;
}

/** Encodes an action for a proposal. */
export function action<P>(module: string, command: string, schema: Codec<P>, params: P): Action {
  return { module, command, params: encode(schema, params) };
}

/** The code part (`TX_...`) of a failed receipt's error, or null on success. */
export function errorCodeOf(r: Receipt): string | null {
  return r.error === null ? null : r.error.slice(0, r.error.indexOf(':'));
}

/** Decoded data of every event of `type` in a receipt (or any event list), in order. */
export function eventsOf<T>(r: Receipt | readonly EventRecord[], type: EventType<T>): T[] {
  const list = 'events' in r ? r.events : r;
  return list.filter((e) => e.module === type.module && e.name === type.name).map((e) => decode(type.schema, e.data));
}

/** Builds signed commands with per-sender nonces and mines them into blocks. */
export class IssuanceDriver {
  private readonly nonces = new Map<string, bigint>();

  constructor(readonly tc: TestChain) {}

  /** A signed `module.command` from `key`, with the next nonce for that key. */
  async tx<P>(key: TestKey, module: string, command: string, schema: Codec<P>, params: P, gasLimit = 300_000n): Promise<PreparedTx> {
    const held = await this.tc.chain.view((s) => getAccount(s, key.address).nonce);
    const local = this.nonces.get(key.addressText) ?? 0n;
    const nonce = local > held ? local : held;
    this.nonces.set(key.addressText, nonce + 1n);
    const body = buildTxBody(module, command, schema, params, {
      chainId: this.tc.params.chainId,
      nonce,
      gasLimit,
      maxFeePerGas: 1_000n,
      maxTipPerGas: 2n,
      senderPublicKey: key.publicKey,
    });
    return prepareTx(signTx(body, key.sign));
  }

  /** Mines one block with exactly `txs` (throws if any was left out) and returns their receipts (`txs` may be promises of `tx`). */
  async mine(...pending: Array<PreparedTx | Promise<PreparedTx>>): Promise<Receipt[]> {
    // In order: each `tx` call reserves its nonce when it resolves.
    const txs: PreparedTx[] = [];
    for (const t of pending) txs.push(await t);
    const block = await mineBlock(this.tc, { txs });
    if (block.txs.length !== txs.length) throw new Error(`only ${block.txs.length} of ${txs.length} transactions were included`);
    return (await this.tc.chain.store.receipts(this.tc.chain.tip.hash))!.receipts;
  }

  /** Mines one transaction and returns its receipt. */
  async run(tx: PreparedTx | Promise<PreparedTx>): Promise<Receipt> {
    return (await this.mine(tx))[0];
  }

  /** Creates a multisig; returns its address (throws if the command failed). */
  async createMultisig(creator: TestKey, owners: readonly TestKey[], threshold: number): Promise<Uint8Array> {
    const r = await this.run(await this.tx(creator, 'multisig', 'create', MultisigCreateParams, { owners: owners.map((o) => o.address), threshold }));
    if (r.status !== 'success') throw new Error(`multisig.create failed: ${r.error}`);
    return eventsOf(r, CreatedEvent)[0].multisig;
  }

  /** multisig.propose of `act` as `ms` at `nonce` (default: the multisig's current nonce), expiring after `expiresAt` (default +1000 blocks). */
  propose(owner: TestKey, ms: Uint8Array, act: Action, o: { nonce: bigint; expiresAt?: bigint }): Promise<PreparedTx> {
    const expiresAt = o.expiresAt ?? BigInt(this.tc.chain.tip.height) + 1000n;
    return this.tx(owner, 'multisig', 'propose', ProposeParams, { multisig: ms, nonce: o.nonce, module: act.module, command: act.command, params: act.params, expiresAt });
  }

  /** multisig.approve. */
  approve(owner: TestKey, ms: Uint8Array, proposalId: bigint): Promise<PreparedTx> {
    return this.tx(owner, 'multisig', 'approve', ProposalRef, { multisig: ms, proposalId });
  }

  /** multisig.execute. */
  execute(key: TestKey, ms: Uint8Array, proposalId: bigint): Promise<PreparedTx> {
    return this.tx(key, 'multisig', 'execute', ProposalRef, { multisig: ms, proposalId });
  }

  /**
   * Proposes `act` as `ms` at its current nonce (by owners[0]) and has owners[1..] approve, all in
   * one block; returns the receipts (propose first).
   */
  async passProposal(ms: Uint8Array, owners: readonly TestKey[], act: Action): Promise<Receipt[]> {
    const m = await this.tc.chain.view((s) => getMultisig(s, ms));
    if (!m) throw new Error('not a multisig');
    const txs = [await this.propose(owners[0], ms, act, { nonce: m.nonce })];
    for (const o of owners.slice(1)) txs.push(await this.approve(o, ms, m.nextProposalId));
    return this.mine(...txs);
  }

  /** Passes `act` through `ms` with `owners` and returns the `multisig.executed` event (throws if it did not execute). */
  async act(ms: Uint8Array, owners: readonly TestKey[], act: Action): Promise<{ ok: boolean; error: string | null; receipts: Receipt[] }> {
    const receipts = await this.passProposal(ms, owners, act);
    const failed = receipts.find((r) => r.status !== 'success');
    if (failed) throw new Error(`proposal transaction failed: ${failed.error}`);
    const ex = receipts.flatMap((r) => eventsOf(r, ExecutedEvent));
    if (ex.length !== 1) throw new Error(`expected one execution, got ${ex.length}`);
    return { ok: ex[0].ok, error: ex[0].error, receipts };
  }
}

/** The seed's governed asset and who plays which role. */
export interface GovernedSetup {
  readonly assetId: number;
  readonly mintGroup: Uint8Array;
  readonly complianceGroup: Uint8Array;
  readonly minters: TestKey[];
  readonly officers: TestKey[];
  readonly auditor: TestKey;
  readonly holders: TestKey[];
}

/** Options of `setupGoverned` (defaults: the seed's USDKG: 6 decimals, 3 of 7, 5 of 5, 0 margin, 1 day staleness). */
export interface GovernedOptions {
  readonly symbol?: string;
  readonly mintOwners?: number;
  readonly mintThreshold?: number;
  readonly complianceOwners?: number;
  readonly complianceThreshold?: number;
  readonly reserveMarginBps?: number;
  readonly maxAttestationAge?: number;
}

/** Keys a governed setup needs from a test chain: 1 creator + mint owners + officers + 1 auditor + 3 holders. */
export function governedKeyCount(o: GovernedOptions = {}): number {
  return 1 + (o.mintOwners ?? 7) + (o.complianceOwners ?? 5) + 1 + 3;
}

/** Creates both group multisigs and the governed asset with keys[0] as creator. */
export async function setupGoverned(d: IssuanceDriver, o: GovernedOptions = {}): Promise<GovernedSetup> {
  const keys = d.tc.keys;
  const nm = o.mintOwners ?? 7;
  const nc = o.complianceOwners ?? 5;
  if (keys.length < governedKeyCount(o)) throw new Error(`setupGoverned needs ${governedKeyCount(o)} funded keys`);
  const minters = keys.slice(1, 1 + nm);
  const officers = keys.slice(1 + nm, 1 + nm + nc);
  const auditor = keys[1 + nm + nc];
  const holders = keys.slice(2 + nm + nc, 5 + nm + nc);
  const mintGroup = await d.createMultisig(keys[0], minters, o.mintThreshold ?? 3);
  const complianceGroup = await d.createMultisig(keys[0], officers, o.complianceThreshold ?? 5);
  const r = await d.run(
    await d.tx(keys[0], 'stablecoin', 'create', StablecoinCreateParams, {
      symbol: o.symbol ?? 'USDKG',
      name: 'USDKG gold-backed dollar',
      decimals: 6,
      mintGroup,
      complianceGroup,
      auditors: [auditor.address],
      reserveMarginBps: o.reserveMarginBps ?? 0,
      maxAttestationAge: o.maxAttestationAge ?? 86_400,
    }),
  );
  if (r.status !== 'success') throw new Error(`stablecoin.create failed: ${r.error}`);
  return { assetId: eventsOf(r, AssetCreatedEvent)[0].assetId, mintGroup, complianceGroup, minters, officers, auditor, holders };
}

/** Whether two addresses are equal (for readable test assertions). */
export function sameAddress(a: Uint8Array, b: Uint8Array): boolean {
  return bytesEqual(a, b);
}
