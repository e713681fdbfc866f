/**
 * Watches consensus messages for double signing: every proposal and vote seen (single or in a
 * bundle) is filed under (signer, height, round, step); a second, different message for the same
 * key is an equivocation. Tests feed it what the hub (or an observer on the real network) sees.
 */
import { bytesToHex } from '../encoding/hex.js';
import { decodeWire } from '../validator/wire.js';
import type { SignedVote } from '../consensus/bft/messages.js';

/** One double-signed step. */
export interface Equivocation {
  readonly signer: string;
  readonly height: bigint;
  readonly round: number;
  readonly step: string;
  readonly blocks: readonly string[];
}

/** Files every signed message it is shown. */
export class DoubleSignWatch {
  private readonly seen = new Map<string, Set<string>>();
  /** Signed votes and proposals seen. */
  messages = 0;

  /** Looks at one consensus-topic message from `from` (a proposal carries no signer address: `from` stands for it). */
  observe(from: string, data: Uint8Array): void {
    let m;
    try {
      m = decodeWire(data);
    } catch {
      return;
    }
    if (m.kind === 'vote') this.vote(m.vote);
    else if (m.kind === 'votes') for (const v of m.votes) this.vote(v);
    else if (m.kind === 'proposal') {
      const p = m.proposal.proposal;
      this.file(`proposer:${from}`, p.height, p.round, 'proposal', `${bytesToHex(p.blockHash)}/${p.polRound}`);
    }
  }

  private vote(v: SignedVote): void {
    this.file(bytesToHex(v.vote.validatorAddress), v.vote.height, v.vote.round, v.vote.type, v.vote.blockHash ? bytesToHex(v.vote.blockHash) : 'nil');
  }

  private file(signer: string, height: bigint, round: number, step: string, what: string): void {
    this.messages++;
    const k = `${signer}|${height}|${round}|${step}`;
    let s = this.seen.get(k);
    if (!s) this.seen.set(k, (s = new Set()));
    s.add(what);
  }

  /** Every step signed with two different messages (a proposal re-sent by a relay carries its proposer's `from` only when first published). */
  equivocations(): Equivocation[] {
    const out: Equivocation[] = [];
    for (const [k, s] of this.seen) {
      if (s.size < 2) continue;
      const [signer, height, round, step] = k.split('|');
      out.push({ signer, height: BigInt(height), round: Number(round), step, blocks: [...s] });
    }
    return out;
  }
}
