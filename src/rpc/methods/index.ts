/** Every RPC method the server offers, in the order the OpenRPC document lists them. */
import type { AnyMethod } from '../method.js';
import { accountGet } from './account-get.js';
import { accountGetProof } from './account-get-proof.js';
import { chainGetBlock } from './chain-get-block.js';
import { chainGetHead } from './chain-get-head.js';
import { mempoolList } from './mempool-list.js';
import { miningGetStatus, miningStart, miningStop } from './mining.js';
import { rpcDiscover } from './rpc-discover.js';
import { chainSubscribe, chainUnsubscribe, txSubscribe } from './subscribe.js';
import { supplyGet } from './supply-get.js';
import { txEstimateFee } from './tx-estimate-fee.js';
import { txEstimateGas } from './tx-estimate-gas.js';
import { txGet } from './tx-get.js';
import { txSend } from './tx-send.js';
import { nftGetCollection, nftListCollections, nftMiningJobMethod } from './nft-collection.js';
import { nftGetToken, nftMetadata, nftTokensIn, nftTokensOf } from './nft-token.js';
import { marketAccount, marketGetListing, marketListings } from './market-listing.js';
import { assetCollateral } from './asset-collateral.js';
import { assetCollateralHistory } from './asset-collateral-history.js';
import { assetEvents } from './asset-events.js';
import { assetGet } from './asset-get.js';
import { assetList } from './asset-list.js';
import { assetStatus } from './asset-status.js';
import { assetSupply } from './asset-supply.js';
import { multisigEvents } from './multisig-events.js';
import { multisigGet } from './multisig-get.js';
import { multisigNextAddress } from './multisig-next-address.js';
import { multisigPending } from './multisig-pending.js';
import { multisigProposal } from './multisig-proposal.js';

/** The methods, as declared. */
export const RPC_METHODS: readonly AnyMethod[] = [
  chainGetHead,
  chainGetBlock,
  chainSubscribe,
  chainUnsubscribe,
  txSend,
  txGet,
  txEstimateFee,
  txEstimateGas,
  txSubscribe,
  accountGet,
  accountGetProof,
  mempoolList,
  miningGetStatus,
  miningStart,
  miningStop,
  supplyGet,
  assetList,
  assetGet,
  assetSupply,
  assetCollateral,
  assetCollateralHistory,
  assetStatus,
  assetEvents,
  multisigGet,
  multisigPending,
  multisigProposal,
  multisigEvents,
  multisigNextAddress,
  nftGetCollection,
  nftListCollections,
  nftGetToken,
  nftTokensOf,
  nftTokensIn,
  nftMiningJobMethod,
  nftMetadata,
  marketListings,
  marketGetListing,
  marketAccount,
  rpcDiscover,
] as readonly AnyMethod[];

/** The methods by name. */
export function methodRegistry(methods: readonly AnyMethod[] = RPC_METHODS): ReadonlyMap<string, AnyMethod> {
  const m = new Map<string, AnyMethod>();
  for (const def of methods) {
    if (m.has(def.name)) throw new Error(`duplicate RPC method ${def.name}`);
    m.set(def.name, def);
  }
  return m;
}
