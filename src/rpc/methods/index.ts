/**
 * Every RPC method the server offers, in the order the OpenRPC document lists them: the node's own
 * methods, then each module's endpoints, registered with one line per module.
 */
import { nftEndpoints } from '../../nft/nft-endpoint.js';
import { marketEndpoints } from '../../nft/market-endpoint.js';
import { miningPoolEndpoints } from '../../mining-pool/endpoint.js';
import { accountsEndpoints } from '../../state/modules/accounts/endpoint.js';
import { assetsEndpoints } from '../../state/modules/assets/endpoint.js';
import { multisigEndpoints } from '../../state/modules/multisig/endpoint.js';
import { stablecoinEndpoints } from '../../state/modules/stablecoin/endpoint.js';
import { supplyEndpoints } from '../../state/modules/supply/endpoint.js';
import { stakingEndpoints } from '../../state/modules/staking/endpoint.js';
import { distributionEndpoints } from '../../state/modules/distribution/endpoint.js';
import { mintEndpoints } from '../../state/modules/mint/endpoint.js';
import { stakingPoolEndpoints } from '../../state/modules/staking-pool/endpoint.js';
import type { AnyMethod } from '../method.js';
import { accountGetProof } from './account-get-proof.js';
import { chainGetBlock } from './chain-get-block.js';
import { chainGetHead } from './chain-get-head.js';
import { mempoolList } from './mempool-list.js';
import { miningGetStatus, miningStart, miningStop } from './mining.js';
import { consensusGetStatus } from './consensus.js';
import { netInfo, netPeers } from './net.js';
import { rpcDiscover } from './rpc-discover.js';
import { chainSubscribe, chainUnsubscribe, txSubscribe } from './subscribe.js';
import { txEstimateFee } from './tx-estimate-fee.js';
import { txEstimateGas } from './tx-estimate-gas.js';
import { txGet } from './tx-get.js';
import { txSend } from './tx-send.js';

/** The node's own methods. */
export const CORE_METHODS: readonly AnyMethod[] = [
  chainGetHead,
  chainGetBlock,
  chainSubscribe,
  chainUnsubscribe,
  txSend,
  txGet,
  txEstimateFee,
  txEstimateGas,
  txSubscribe,
  accountGetProof,
  mempoolList,
  miningGetStatus,
  miningStart,
  miningStop,
  consensusGetStatus,
  netInfo,
  netPeers,
];

/** The methods, as declared: the node's own, each module's endpoints (one line per module), discovery last. */
export const RPC_METHODS: readonly AnyMethod[] = [
  ...CORE_METHODS,
  ...accountsEndpoints,
  ...supplyEndpoints,
  ...assetsEndpoints,
  ...stablecoinEndpoints,
  ...multisigEndpoints,
  ...nftEndpoints,
  ...marketEndpoints,
  ...miningPoolEndpoints,
  ...stakingEndpoints,
  ...distributionEndpoints,
  ...mintEndpoints,
  ...stakingPoolEndpoints,
  rpcDiscover,
];

/** The methods by name. */
export function methodRegistry(methods: readonly AnyMethod[] = RPC_METHODS): ReadonlyMap<string, AnyMethod> {
  const m = new Map<string, AnyMethod>();
  for (const def of methods) {
    if (m.has(def.name)) throw new Error(`duplicate RPC method ${def.name}`);
    m.set(def.name, def);
  }
  return m;
}
