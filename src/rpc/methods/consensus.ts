/** `consensus_getStatus`: where the BFT engine stands, from the validator service. */
import type { Static } from '@sinclair/typebox';
import { consensusGetStatus as spec, type ConsensusStatus } from '../../api/core.js';
import { encodeAddress } from '../../crypto/address.js';
import { bytesToHex, hashToDisplay } from '../../encoding/hex.js';
import { defineMethod } from '../method.js';

/** consensus_getStatus. */
export const consensusGetStatus = defineMethod(spec, (call): Static<typeof ConsensusStatus> => {
  const { chain, consensus } = call.services.ctx;
  const engine = chain.engine.name;
  if (!consensus) {
    return { engine, running: false, height: null, round: 0, step: 'idle', proposer: null, lockedRound: -1, validRound: -1, lastCommit: null, validator: null, proposed: 0, finality: { samples: 0, p50Ms: null, p99Ms: null, lastMs: null } };
  }
  const s = consensus.status();
  const c = s.lastCommit;
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  return {
    engine,
    running: s.running,
    height: s.height === null ? null : Number(s.height),
    round: s.round,
    step: s.step as Static<typeof ConsensusStatus>['step'],
    proposer: s.proposer ? encodeAddress(s.proposer) : null,
    lockedRound: s.lockedRound,
    validRound: s.validRound,
    lastCommit: c ? { height: Number(c.height), round: c.round, blockHash: hashToDisplay(c.blockHash), signatures: c.signatures.length, validatorIndexes: c.signatures.map((x) => x.validatorIndex) } : null,
    validator: s.validator ? { address: encodeAddress(s.validator.address), publicKey: bytesToHex(s.validator.publicKey), index: s.validator.index, power: s.validator.power.toString() } : null,
    proposed: s.proposed,
    finality: { samples: s.finality.samples, p50Ms: round(s.finality.p50Ms), p99Ms: round(s.finality.p99Ms), lastMs: round(s.finality.lastMs) },
  };
});
