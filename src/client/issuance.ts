/**
 * Governed minting from the client SDK (browser-safe): `IssuanceClient` wraps the asset_* and
 * multisig_* reports and the commands that drive them: any command sent directly (the generic
 * `sendCommand`), or proposed as a multisig (`propose`, with Safe's recommended nonce and an expiry
 * height), approved and executed. Wire types are as the node sends them: amounts, nonces and
 * proposal ids are decimal strings.
 */
import type { Codec } from '../encoding/codec.js';
import { encode } from '../encoding/codec.js';
import { decodeAddress } from '../crypto/address.js';
import type { Tx } from '../primitives/tx.js';
import { ProposalRef, ProposeParams } from '../state/modules/multisig/schemas.js';
import type { CoinworksClient } from './client.js';
import { ClientError } from './errors.js';
import { sendCommand, type CommandOptions, type CommandRequest, type CommandSigner } from './command.js';
import type {
  AssetDetailJson,
  AssetJson,
  AssetStatusJson,
  AssetSupplyJson,
  CollateralHistoryJson,
  CollateralJson,
  MultisigJson,
  MultisigPendingJson,
  NextMultisigJson,
  ProposalJson,
  TrailJson,
  TrailOptions,
} from './types.js';

/** An action a multisig proposes: a command with its params and their codec. */
export interface ActionRequest<P> {
  readonly module: string;
  readonly command: string;
  readonly schema: Codec<P>;
  readonly params: P;
}

/** Default lifetime of a proposal in blocks. */
export const DEFAULT_PROPOSAL_BLOCKS = 1000;

/** What `propose` needs. */
export interface ProposeRequest<P> extends CommandSigner, CommandOptions {
  /** The multisig (cw1...) the action runs as. */
  readonly multisig: string;
  readonly action: ActionRequest<P>;
  /** Multisig nonce to target (default: Safe's recommended nonce, see `recommendedNonce`). */
  readonly proposalNonce?: bigint;
  /** Last height at which it may be approved (default: head + `expiresIn`). */
  readonly expiresAt?: bigint;
  /** Blocks it stays open when `expiresAt` is not given (default 1000). */
  readonly expiresIn?: number;
}

/** A proposal reference with its signer (approve, execute). */
export interface ProposalActRequest extends CommandSigner, CommandOptions {
  readonly multisig: string;
  readonly proposalId: bigint | string;
}

/**
 * Safe's recommended nonce for a new proposal: the multisig's nonce, or one past the highest nonce
 * a pending proposal targets (so a new proposal queues behind them instead of competing).
 */
export function recommendedNonce(ms: Pick<MultisigJson, 'nonce'>, pending: Pick<MultisigPendingJson, 'proposals'>): bigint {
  let n = BigInt(ms.nonce);
  for (const p of pending.proposals) if (!p.expired && BigInt(p.nonce) >= n) n = BigInt(p.nonce) + 1n;
  return n;
}

/** The asset_* and multisig_* reports and the governed-minting commands of one node. */
export class IssuanceClient {
  constructor(readonly client: CoinworksClient) {}

  /** Every issued asset. */
  listAssets(): Promise<AssetJson[]> {
    return this.client.request('asset_list');
  }

  /** An asset by id or symbol, with governance and latest attestation for a governed asset. */
  getAsset(asset: number | string): Promise<AssetDetailJson> {
    return this.client.request('asset_get', [asset]);
  }

  /** An asset's supply by cause. */
  getAssetSupply(asset: number | string): Promise<AssetSupplyJson> {
    return this.client.request('asset_supply', [asset]);
  }

  /** Collateral position of a governed asset. */
  getCollateral(asset: number | string): Promise<CollateralJson> {
    return this.client.request('asset_collateral', [asset]);
  }

  /** Collateral ratio over time of a governed asset. */
  getCollateralHistory(asset: number | string, o: Omit<TrailOptions, 'groups'> = {}): Promise<CollateralHistoryJson> {
    return this.client.request('asset_collateralHistory', [asset, o]);
  }

  /** An account's balance and compliance status for an asset. */
  getAssetStatus(asset: number | string, address: string): Promise<AssetStatusJson> {
    return this.client.request('asset_status', [asset, address]);
  }

  /** The event trail of an asset. */
  getAssetEvents(asset: number | string, o: TrailOptions = {}): Promise<TrailJson> {
    return this.client.request('asset_events', [asset, o]);
  }

  /** A multisig account. */
  getMultisig(address: string): Promise<MultisigJson> {
    return this.client.request('multisig_get', [address]);
  }

  /** Pending proposals of a multisig. */
  getPendingProposals(address: string): Promise<MultisigPendingJson> {
    return this.client.request('multisig_pending', [address]);
  }

  /** One proposal. */
  getProposal(address: string, proposalId: bigint | string | number): Promise<ProposalJson> {
    return this.client.request('multisig_proposal', [address, proposalId.toString()]);
  }

  /** The event trail of a multisig. */
  getMultisigEvents(address: string, o: Omit<TrailOptions, 'groups'> = {}): Promise<TrailJson> {
    return this.client.request('multisig_events', [address, o]);
  }

  /** Address of the next multisig `creator` creates. */
  nextMultisigAddress(creator: string): Promise<NextMultisigJson> {
    return this.client.request('multisig_nextAddress', [creator]);
  }

  /** Signs and submits any command (see `sendCommand`). */
  sendCommand<P>(r: CommandRequest<P>): Promise<{ id: string; tx: Tx }> {
    return sendCommand(this.client, r);
  }

  /**
   * Proposes `r.action` as the multisig (multisig.propose; the proposer's approval counts, and a
   * 1-of-n multisig executes it at once). Returns the transaction and the nonce and expiry used.
   */
  async propose<P>(r: ProposeRequest<P>): Promise<{ id: string; tx: Tx; proposalNonce: bigint; expiresAt: bigint }> {
    const [ms, pending, head] = await Promise.all([
      r.proposalNonce === undefined ? this.getMultisig(r.multisig) : undefined,
      r.proposalNonce === undefined ? this.getPendingProposals(r.multisig) : undefined,
      r.expiresAt === undefined ? this.client.getHead() : undefined,
    ]);
    const proposalNonce = r.proposalNonce ?? recommendedNonce(ms!, pending!);
    const expiresIn = r.expiresIn ?? DEFAULT_PROPOSAL_BLOCKS;
    if (!Number.isSafeInteger(expiresIn) || expiresIn < 0) throw new ClientError('CLIENT_INVALID_ARGUMENT', 'expiresIn must be a whole number of blocks');
    const expiresAt = r.expiresAt ?? BigInt(head!.height + expiresIn);
    const a = r.action;
    const { id, tx } = await sendCommand(this.client, {
      ...this.common(r),
      module: 'multisig',
      command: 'propose',
      schema: ProposeParams,
      params: { multisig: decodeAddress(r.multisig), nonce: proposalNonce, module: a.module, command: a.command, params: encode(a.schema, a.params), expiresAt },
    });
    return { id, tx, proposalNonce, expiresAt };
  }

  /** Approves a proposal (multisig.approve); the approval that reaches the threshold executes it. */
  approve(r: ProposalActRequest): Promise<{ id: string; tx: Tx }> {
    return sendCommand(this.client, { ...this.common(r), module: 'multisig', command: 'approve', schema: ProposalRef, params: { multisig: decodeAddress(r.multisig), proposalId: BigInt(r.proposalId) } });
  }

  /** Executes a proposal whose approvals already reach the threshold (multisig.execute). */
  execute(r: ProposalActRequest): Promise<{ id: string; tx: Tx }> {
    return sendCommand(this.client, { ...this.common(r), module: 'multisig', command: 'execute', schema: ProposalRef, params: { multisig: decodeAddress(r.multisig), proposalId: BigInt(r.proposalId) } });
  }

  private common(r: CommandSigner & CommandOptions): CommandSigner & CommandOptions {
    return { signer: r.signer, publicKey: r.publicKey, ...(r.fee ? { fee: r.fee } : {}), ...(r.nonce !== undefined ? { nonce: r.nonce } : {}) };
  }
}
