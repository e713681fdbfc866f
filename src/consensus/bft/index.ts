/**
 * The BFT (Tendermint / CometBFT) consensus library: the state machine, its messages, validator
 * sets with proposer selection, commit certificates, duplicate-vote evidence and the double-sign
 * guard. Everything here is browser-safe and free of I/O except `sign-state-file.ts` (node only),
 * which is deliberately not re-exported.
 */
export * from './app.js';
export * from './commit.js';
export * from './engine.js';
export * from './engine-types.js';
export * from './errors.js';
export * from './evidence.js';
export * from './messages.js';
export * from './signer.js';
export * from './timeouts.js';
export * from './validator-set.js';
export * from './vote-set.js';
