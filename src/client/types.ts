/**
 * Wire types of the node's RPC methods, derived from the one TypeBox definition of each method
 * (`api/core.ts` and each module's `api.ts`) through type-only imports, so they can never drift from
 * what the server sends and the OpenRPC document publishes; nothing here is written by hand.
 * Amounts of u64 and wider are decimal strings (use `BigInt(x)`), block and transaction ids are
 * reversed hex, other bytes hex, addresses bech32m `cw1...`.
 */
import type { Static } from '@sinclair/typebox';
import type { MethodSpec, ResultOf, WireParams } from '../api/spec.js';
import type * as core from '../api/core.js';
import type * as wire from '../api/wire.js';
import type * as accounts from '../state/modules/accounts/api.js';
import type * as assets from '../state/modules/assets/api.js';
import type * as market from '../state/modules/market/api.js';
import type * as multisig from '../state/modules/multisig/api.js';
import type * as nft from '../state/modules/nft/api.js';
import type * as stablecoin from '../state/modules/stablecoin/api.js';
import type * as supply from '../state/modules/supply/api.js';
import type * as miningPool from '../mining-pool/api.js';
import type * as staking from '../state/modules/staking/api.js';
import type * as distribution from '../state/modules/distribution/api.js';
import type * as mint from '../state/modules/mint/api.js';
import type * as stakingPool from '../state/modules/staking-pool/api.js';

/** The method interfaces exported by one api module. */
type SpecsOf<M> = Extract<M[keyof M], MethodSpec>;

/** Every method interface the node serves. */
export type RpcSpec = SpecsOf<typeof core> | SpecsOf<typeof accounts> | SpecsOf<typeof supply> | SpecsOf<typeof assets> | SpecsOf<typeof stablecoin> | SpecsOf<typeof multisig> | SpecsOf<typeof nft> | SpecsOf<typeof market>
  | SpecsOf<typeof staking> | SpecsOf<typeof distribution> | SpecsOf<typeof mint> | SpecsOf<typeof stakingPool>
  | SpecsOf<typeof miningPool>;
/** Name of a method the node serves. */
export type RpcMethodName = RpcSpec['name'];
/** The interface of method `N`. */
export type RpcSpecOf<N extends RpcMethodName> = Extract<RpcSpec, { name: N }>;
/** The result of method `N` as it arrives on the wire. */
export type MethodResult<N extends RpcMethodName> = ResultOf<RpcSpecOf<N>>;
/** The parameters of method `N` by name, in wire form. */
export type MethodParams<N extends RpcMethodName> = WireParams<RpcSpecOf<N>>;

/** chain_getHead, and each newHeads notification. */
export type Head = Static<typeof core.Head>;
/** An event (data decoded when the node knows its schema, else hex). */
export type EventJson = Static<typeof wire.EventJson>;
/** A receipt. */
export type ReceiptJson = Static<typeof core.Receipt>;
/** A transaction. */
export type TxJson = Static<typeof core.Tx>;
/** Receipt summary inside chain_getBlock. */
export type ReceiptSummary = Static<typeof core.ReceiptSummary>;
/** chain_getBlock, with the transactions as ids (`string`) or in full (`TxJson`). */
export type BlockJson<T extends string | TxJson = string | TxJson> = Omit<Static<typeof core.Block>, 'txs'> & { txs: T[] };
/** Where a transaction was included, with its receipt (tx_subscribe notification). */
export type TxInclusion = Static<typeof core.TxInclusion>;
/** tx_get: included (with the transaction) or pending. */
export type TxResult = MethodResult<'tx_get'>;
/** tx_estimateFee. */
export type FeeEstimateJson = MethodResult<'tx_estimateFee'>;
/** tx_estimateGas. */
export type GasEstimateJson = MethodResult<'tx_estimateGas'>;
/** account_get. */
export type AccountJson = MethodResult<'account_get'>;
/** account_getProof. */
export type AccountProofJson = MethodResult<'account_getProof'>;
/** mempool_list. */
export type MempoolListJson = MethodResult<'mempool_list'>;
/** mining_getStatus, mining_start, mining_stop. */
export type MiningStatusJson = MethodResult<'mining_getStatus'>;
/** consensus_getStatus result. */
export type ConsensusStatusJson = MethodResult<'consensus_getStatus'>;
/** staking_getValidators result. */
export type ValidatorsJson = MethodResult<'staking_getValidators'>;
/** staking_getValidator result. */
export type ValidatorJson = MethodResult<'staking_getValidator'>;
/** net_info. */
export type NetInfoJson = MethodResult<'net_info'>;
/** net_peers. */
export type NetPeersJson = MethodResult<'net_peers'>;
/** supply_get. */
export type SupplyJson = MethodResult<'supply_get'>;
/** rpc.discover (OpenRPC 1.2.6; the type generated from the OpenRPC meta-schema). */
export type OpenRpcJson = MethodResult<'rpc.discover'>;

/** An asset (asset_list, asset_get). */
export type AssetJson = Static<typeof assets.Asset>;
/** A reserve attestation; `reportHash` and `reportSha256` are both the report's SHA-256 in natural order. */
export type AttestationJson = Static<typeof stablecoin.Attestation>;
/** Governance of a governed asset. */
export type GovernanceJson = Static<typeof stablecoin.Governance>;
/** asset_get. */
export type AssetDetailJson = MethodResult<'asset_get'>;
/** asset_supply. */
export type AssetSupplyJson = MethodResult<'asset_supply'>;
/** asset_collateral. */
export type CollateralJson = MethodResult<'asset_collateral'>;
/** A point of asset_collateralHistory. */
export type CollateralPointJson = Static<typeof stablecoin.CollateralPoint>;
/** asset_collateralHistory. */
export type CollateralHistoryJson = MethodResult<'asset_collateralHistory'>;
/** asset_status. */
export type AssetStatusJson = MethodResult<'asset_status'>;
/** One event of a trail (asset_events, multisig_events). */
export type TrailEventJson = Static<typeof wire.TrailEvent>;
/** A page of a trail; `nextFromHeight` starts the next page (null at the end). */
export type TrailJson = MethodResult<'asset_events'>;
/** Paging of the trail methods (`groups`: asset_events only). */
export type TrailOptions = NonNullable<MethodParams<'asset_events'>['options']>;
/** multisig_get. */
export type MultisigJson = MethodResult<'multisig_get'>;
/** A proposal (multisig_proposal, multisig_pending). */
export type ProposalJson = MethodResult<'multisig_proposal'>;
/** multisig_pending. */
export type MultisigPendingJson = MethodResult<'multisig_pending'>;
/** multisig_nextAddress. */
export type NextMultisigJson = MethodResult<'multisig_nextAddress'>;

/** An ERC-2981 royalty on the wire. */
export type RoyaltyJson = Static<typeof nft.Royalty>;
/** nft_getCollection. */
export type CollectionJson = MethodResult<'nft_getCollection'>;
/** nft_getToken. */
export type NftTokenJson = MethodResult<'nft_getToken'>;
/** nft_miningJob. */
export type NftMiningJobJson = MethodResult<'nft_miningJob'>;
/** One attribute of the metadata JSON. */
export type NftAttributeJson = Static<typeof nft.NftAttribute>;
/** nft_metadata (ERC-721 metadata JSON). */
export type NftMetadataJson = MethodResult<'nft_metadata'>;
/** A listing's status: active, or the error a buy would fail with now. */
export type ListingStatusJson = Static<typeof market.ListingStatus>;
/** market_getListing. */
export type ListingJson = MethodResult<'market_getListing'>;
/** market_account. */
export type MarketAccountJson = MethodResult<'market_account'>;
/** Paging of scans. */
export type PageOptions = NonNullable<MethodParams<'nft_listCollections'>['page']>;
/** Filter and paging of market_listings. */
export type ListingFilter = NonNullable<MethodParams<'market_listings'>['filter']>;
