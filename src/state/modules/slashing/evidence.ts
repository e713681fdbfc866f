/**
 * Duplicate-vote evidence (Cosmos x/evidence HandleEquivocationEvidence + x/slashing): the engine
 * has verified the two votes; the module decides. Refused, each with an event saying why: unknown
 * validator, already tombstoned, not below the current height, or older than the unbonding period
 * by block time (the stake it would slash may have left). Otherwise: slash the double-sign fraction
 * of the stake at the infraction height - 1 (Cosmos: infraction - ValidatorUpdateDelay), and
 * tombstone (jailed for ever).
 */
import type { ProofOfStakeParams } from '../../../params/staking.js';
import type { MisbehaviourFact } from '../../module.js';
import { getValidator, type StakingContext, type StakingMethods } from '../staking/method.js';
import { blockTimeAt, recordPunishment } from './block-times.js';
import { DoubleSignPunishedEvent, EvidenceRefusedEvent } from './events.js';

/** Why evidence is refused, or null when it is punished. */
export function evidenceRefusal(p: ProofOfStakeParams, ctx: StakingContext, fact: MisbehaviourFact): string | null {
  const v = getValidator(ctx.state, fact.validator);
  if (!v) return 'unknown-validator';
  if (v.tombstoned) return 'tombstoned';
  if (fact.height >= ctx.height) return 'future';
  const at = blockTimeAt(ctx.state, fact.height);
  if (at === undefined || ctx.time - at > p.staking.unbondingPeriod) return 'expired';
  return null;
}

/** Handles the evidence a block carries. */
export function handleEvidence(p: ProofOfStakeParams, staking: StakingMethods, ctx: StakingContext, evidence: readonly MisbehaviourFact[]): void {
  for (const fact of evidence) {
    const reason = evidenceRefusal(p, ctx, fact);
    if (reason !== null) {
      ctx.events.emit(EvidenceRefusedEvent, { validator: fact.validator, height: fact.height, reason });
      recordPunishment(ctx.state, { height: ctx.height, validator: fact.validator, kind: 'refused', at: fact.height, burned: 0n, reason });
      continue;
    }
    const infractionHeight = fact.height > 0n ? fact.height - 1n : 0n;
    const s = staking.slash(ctx, fact.validator, infractionHeight, p.slashing.slashFractionDoubleSign, 'double-sign');
    recordPunishment(ctx.state, { height: ctx.height, validator: fact.validator, kind: 'double-sign', at: fact.height, burned: s.slashAmount, reason: '' });
    staking.tombstone(ctx, fact.validator);
    ctx.events.emit(DoubleSignPunishedEvent, { validator: fact.validator, height: fact.height, infractionHeight });
  }
}
