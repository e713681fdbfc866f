/**
 * The Coinworks client SDK (browser-safe: nothing on its import path uses `node:` modules).
 * `new CoinworksClient(url)` talks to a node's JSON-RPC API; `verifyAccountProof` checks state
 * proofs offline.
 */
/** The client. */
export { CoinworksClient, type ClientOptions, type Subscription } from './client.js';
/** Errors: RpcError (the node answered with an error), ClientError (transport). */
export { RpcError, ClientError, type ClientErrorCode } from './errors.js';
/** Low-level HTTP transport. */
export { HttpTransport, resultOf, type FetchFn, type WireResponse } from './http.js';
/** Low-level WebSocket transport. */
export { WsTransport, type WebSocketCtor, type WebSocketLike } from './ws.js';
/** Offline proof verification. */
export { verifyAccountProof, verifyAccountProofWithHeader, accountStateKey, type AccountProofCheck, type HeaderProofCheck, type ProvenAccount } from './proof.js';
/** Building and signing transfers. */
export { signTransfer, transferParams, senderOf, type AsyncSigner, type TransferFee, type TransferRequest } from './transfer.js';
/** NFTs and the marketplace: any signed command, nft_* / market_* reads and commands, NFT content. */
export { NftClient, NftContentError, sendCommand, type CommandOptions, type CommandRequest, type CommandSigner, type NftClientOptions } from './nft.js';
/** Governed minting: asset_* / multisig_* reports, commands sent directly or proposed, approved and executed as a multisig. */
export { IssuanceClient, recommendedNonce, DEFAULT_PROPOSAL_BLOCKS, type ActionRequest, type ProposalActRequest, type ProposeRequest } from './issuance.js';
/** The mining pool: stats, workers, hashrate series, payouts, alarms, profitability. */
export { MiningPoolClient } from './mining-pool.js';
/** Wire types of every method's params and result, derived from the methods' TypeBox schemas. */
export type * from './types.js';
/** Staking yield projection: what a stake earns over a period at the rates staking_getApr reports. */
export { projectYield, type YieldProjection } from './staking-yield.js';
