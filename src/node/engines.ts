/**
 * The engines a node can run, by `params.consensus.engine`: each gives the consensus engine the
 * chain validates with. Block producers are created beside it in node.ts (proof of work: the mining
 * service). Adding an engine touches this file and its own folder.
 */
import type { ConsensusEngine } from '../consensus/engine.js';
import { AuthorityEngine } from '../consensus/authority/engine.js';
import { PowEngine } from '../consensus/pow/engine.js';
import { BftChainEngine } from '../consensus/bft/chain-engine.js';
import { verifyNative } from '../crypto/native.js';
import type { NetworkParams } from '../params/networks.js';

/** The consensus engine of a network. */
export function engineFor(params: NetworkParams): ConsensusEngine {
  switch (params.consensus.engine) {
    case 'pow':
      return new PowEngine(params);
    case 'authority':
      return new AuthorityEngine(params);
    case 'bft':
      return new BftChainEngine(params, { verify: verifyNative });
  }
}
