/**
 * Duplicate-vote evidence waiting to be included in a block (CometBFT's evidence pool): what this
 * node's engine caught and what peers gossiped. A proposer takes the items the chain would accept
 * now (the engine's `evidenceRefusal`), up to the block limit; items the chain refuses for good
 * (already punished, expired, unknown) are dropped then. Bounded, oldest out first.
 */
import { bytesToHex } from '../encoding/hex.js';
import { evidenceHash, type DuplicateVoteEvidence } from '../consensus/bft/evidence.js';
import type { EvidenceRefusal } from '../consensus/bft/chain-engine.js';
import type { StateReader } from '../state/state-view.js';

/** Most items kept. */
export const MAX_POOLED_EVIDENCE = 1024;

/** Decides whether a chain at `height` with block time `time` would punish `ev` (null) or why not. */
export type EvidenceJudge = (state: StateReader, ev: DuplicateVoteEvidence, height: bigint, time: number) => EvidenceRefusal | null;

/** Pending evidence. */
export class EvidencePool {
  private readonly items = new Map<string, DuplicateVoteEvidence>();

  constructor(private readonly judge: EvidenceJudge) {}

  /** Adds an item; false when it was already held. */
  add(ev: DuplicateVoteEvidence): boolean {
    const k = bytesToHex(evidenceHash(ev));
    if (this.items.has(k)) return false;
    this.items.set(k, ev);
    while (this.items.size > MAX_POOLED_EVIDENCE) this.items.delete(this.items.keys().next().value!);
    return true;
  }

  /** Items a block at `height` (time `time`) on `state` may carry, at most `max`; refused ones are dropped. */
  pick(state: StateReader, height: bigint, time: number, max: number): DuplicateVoteEvidence[] {
    const out: DuplicateVoteEvidence[] = [];
    const offenders = new Set<string>();
    for (const [k, ev] of this.items) {
      if (out.length >= max) break;
      const offender = bytesToHex(ev.voteA.vote.validatorAddress);
      // One item per offender and block: the first tombstones it, a second would be refused.
      if (offenders.has(offender)) continue;
      const why = this.judge(state, ev, height, time);
      if (why === null) {
        out.push(ev);
        offenders.add(offender);
      } else if (why.code !== 'future') this.items.delete(k);
    }
    return out;
  }

  /** Forgets items (included in a block). */
  remove(evidence: readonly DuplicateVoteEvidence[]): void {
    for (const ev of evidence) this.items.delete(bytesToHex(evidenceHash(ev)));
  }

  /** Number of items. */
  get size(): number {
    return this.items.size;
  }
}
