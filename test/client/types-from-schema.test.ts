/**
 * The client's wire types are the server's schemas: each typed client call returns exactly
 * `Static<>` of its method's TypeBox result schema (checked by the compiler: `npm run typecheck`
 * fails if one drifts), and no client file declares a result shape by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Static, TSchema } from '@sinclair/typebox';
import type { CoinworksClient } from '../../src/client/client.js';
import type { IssuanceClient } from '../../src/client/issuance.js';
import type { NftClient } from '../../src/client/nft.js';
import type { MiningPoolClient } from '../../src/client/mining-pool.js';
import type * as miningPool from '../../src/mining-pool/api.js';
import type * as core from '../../src/api/core.js';
import type * as accounts from '../../src/state/modules/accounts/api.js';
import type * as supply from '../../src/state/modules/supply/api.js';
import type * as assets from '../../src/state/modules/assets/api.js';
import type * as stablecoin from '../../src/state/modules/stablecoin/api.js';
import type * as multisig from '../../src/state/modules/multisig/api.js';
import type * as nft from '../../src/state/modules/nft/api.js';
import type * as market from '../../src/state/modules/market/api.js';
import type { Head, MethodResult, RpcMethodName } from '../../src/client/types.js';
import { RPC_METHODS } from '../../src/rpc/methods/index.js';

/** True when X and Y are the same type (not merely assignable). */
type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
type Returns<F> = F extends (...a: any[]) => Promise<infer R> ? R : never;
type ResultSchema<S> = S extends { result: { schema: infer R extends TSchema } } ? Static<R> : never;

/** Compile-time assertions: each line fails `tsc` if the client type is not the schema's Static<>. */
const checks = {
  getHead: true as Equal<Returns<CoinworksClient['getHead']>, ResultSchema<typeof core.chainGetHead>>,
  head: true as Equal<Head, Static<typeof core.Head>>,
  getTransaction: true as Equal<Returns<CoinworksClient['getTransaction']>, ResultSchema<typeof core.txGet>>,
  estimateFee: true as Equal<Returns<CoinworksClient['estimateFee']>, ResultSchema<typeof core.txEstimateFee>>,
  estimateGas: true as Equal<Returns<CoinworksClient['estimateGas']>, ResultSchema<typeof core.txEstimateGas>>,
  getAccount: true as Equal<Returns<CoinworksClient['getAccount']>, ResultSchema<typeof accounts.accountGet>>,
  getAccountProof: true as Equal<Returns<CoinworksClient['getAccountProof']>, ResultSchema<typeof core.accountGetProof>>,
  listMempool: true as Equal<Returns<CoinworksClient['listMempool']>, ResultSchema<typeof core.mempoolList>>,
  getMiningStatus: true as Equal<Returns<CoinworksClient['getMiningStatus']>, ResultSchema<typeof core.miningGetStatus>>,
  startMining: true as Equal<Returns<CoinworksClient['startMining']>, ResultSchema<typeof core.miningStart>>,
  getSupply: true as Equal<Returns<CoinworksClient['getSupply']>, ResultSchema<typeof supply.supplyGet>>,
  discover: true as Equal<Returns<CoinworksClient['discover']>, ResultSchema<typeof core.rpcDiscover>>,
  listAssets: true as Equal<Returns<IssuanceClient['listAssets']>, ResultSchema<typeof assets.assetList>>,
  getAssetSupply: true as Equal<Returns<IssuanceClient['getAssetSupply']>, ResultSchema<typeof assets.assetSupply>>,
  getAsset: true as Equal<Returns<IssuanceClient['getAsset']>, ResultSchema<typeof stablecoin.assetGet>>,
  getCollateral: true as Equal<Returns<IssuanceClient['getCollateral']>, ResultSchema<typeof stablecoin.assetCollateral>>,
  getCollateralHistory: true as Equal<Returns<IssuanceClient['getCollateralHistory']>, ResultSchema<typeof stablecoin.assetCollateralHistory>>,
  getAssetStatus: true as Equal<Returns<IssuanceClient['getAssetStatus']>, ResultSchema<typeof stablecoin.assetStatus>>,
  getAssetEvents: true as Equal<Returns<IssuanceClient['getAssetEvents']>, ResultSchema<typeof stablecoin.assetEvents>>,
  getMultisig: true as Equal<Returns<IssuanceClient['getMultisig']>, ResultSchema<typeof multisig.multisigGet>>,
  getPendingProposals: true as Equal<Returns<IssuanceClient['getPendingProposals']>, ResultSchema<typeof multisig.multisigPending>>,
  getProposal: true as Equal<Returns<IssuanceClient['getProposal']>, ResultSchema<typeof multisig.multisigProposal>>,
  getMultisigEvents: true as Equal<Returns<IssuanceClient['getMultisigEvents']>, ResultSchema<typeof multisig.multisigEvents>>,
  nextMultisigAddress: true as Equal<Returns<IssuanceClient['nextMultisigAddress']>, ResultSchema<typeof multisig.multisigNextAddress>>,
  getCollection: true as Equal<Returns<NftClient['getCollection']>, ResultSchema<typeof nft.nftGetCollection>>,
  listCollections: true as Equal<Returns<NftClient['listCollections']>, ResultSchema<typeof nft.nftListCollections>>,
  getToken: true as Equal<Returns<NftClient['getToken']>, ResultSchema<typeof nft.nftGetToken>>,
  tokensOf: true as Equal<Returns<NftClient['tokensOf']>, ResultSchema<typeof nft.nftTokensOf>>,
  tokensIn: true as Equal<Returns<NftClient['tokensIn']>, ResultSchema<typeof nft.nftTokensIn>>,
  miningJob: true as Equal<Returns<NftClient['miningJob']>, ResultSchema<typeof nft.nftMiningJob>>,
  metadata: true as Equal<Returns<NftClient['metadata']>, ResultSchema<typeof nft.nftMetadata>>,
  listings: true as Equal<Returns<NftClient['listings']>, ResultSchema<typeof market.marketListings>>,
  getListing: true as Equal<Returns<NftClient['getListing']>, ResultSchema<typeof market.marketGetListing>>,
  marketAccount: true as Equal<Returns<NftClient['marketAccount']>, ResultSchema<typeof market.marketAccount>>,
  poolStats: true as Equal<Returns<MiningPoolClient['stats']>, ResultSchema<typeof miningPool.miningPoolGetStats>>,
  poolWorkers: true as Equal<Returns<MiningPoolClient['workers']>, ResultSchema<typeof miningPool.miningPoolGetWorkers>>,
  poolHashrate: true as Equal<Returns<MiningPoolClient['hashrate']>, ResultSchema<typeof miningPool.miningPoolGetHashrate>>,
  poolPayouts: true as Equal<Returns<MiningPoolClient['payouts']>, ResultSchema<typeof miningPool.miningPoolGetPayouts>>,
  poolSetAlarm: true as Equal<Returns<MiningPoolClient['setAlarm']>, ResultSchema<typeof miningPool.miningPoolSetAlarm>>,
  poolProfitability: true as Equal<Returns<MiningPoolClient['profitability']>, ResultSchema<typeof miningPool.miningPoolGetProfitability>>,
  names: true as Equal<Extract<RpcMethodName, 'chain_getHead' | 'market_account' | 'rpc.discover'>, 'chain_getHead' | 'market_account' | 'rpc.discover'>,
  anyName: true as Equal<MethodResult<'chain_getHead'>, Static<typeof core.Head>>,
} satisfies Record<string, true>;

test('client result types are Static<> of the method schemas (compile-time checks above)', () => {
  assert.ok(Object.values(checks).every((v) => v === true));
});

test('the client names a result type for every method the server registers', () => {
  // RpcMethodName is built from the api modules' exports; this keeps the two lists equal at run time too.
  const text = readFileSync(resolve(import.meta.dirname, '../../src/client/types.ts'), 'utf8');
  const apis = [...text.matchAll(/import type \* as (\w+) from '([^']+)'/g)].map((m) => m[2]);
  const root = resolve(import.meta.dirname, '../../src/client');
  const registered = new Set(RPC_METHODS.map((m) => m.spec));
  return Promise.all(apis.map((p) => import(join(root, p.replace(/\.js$/, '.ts'))))).then((mods) => {
    const exported = new Set(mods.flatMap((m) => Object.values(m)).filter((v: any) => v && typeof v === 'object' && typeof v.name === 'string' && Array.isArray(v.params) && v.result));
    assert.deepEqual([...registered].filter((s) => !exported.has(s)).map((s) => s.name), [], 'registered methods whose spec the client does not see');
  });
});

test('no client file declares a wire shape by hand (types come from the schemas)', () => {
  const dir = resolve(import.meta.dirname, '../../src/client');
  const bad: string[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/^export (?:interface|type) (\w+Json|Head|TxInclusion|TxResult|ReceiptSummary)\b[^=\n]*(=?)(.*)$/gm)) {
      if (m[2] !== '=' || !/Static<|MethodResult<|Omit<Static</.test(m[3])) bad.push(`${f}: ${m[1]}`);
    }
  }
  assert.deepEqual(bad, []);
});
