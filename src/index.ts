/**
 * The package entry point for Node programs: the chain, state machine, primitives and the client.
 * Browser code imports `coinworks/client` instead.
 */
export * from './errors.js';
export * from './encoding/codec.js';
export * from './encoding/hex.js';
export * from './crypto/address.js';
export * from './crypto/keys.js';
export * from './primitives/tx.js';
export * from './primitives/tx-builder.js';
export * from './primitives/block.js';
export * from './primitives/header.js';
export * from './params/networks.js';
export { Chain } from './chain/chain.js';
export { Mempool } from './mempool/mempool.js';
export { StateMachine } from './state/state-machine.js';
export { coreModules } from './state/modules/index.js';
export { CoinworksClient } from './client/index.js';
