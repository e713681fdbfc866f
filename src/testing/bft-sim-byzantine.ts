/**
 * Byzantine behaviour for the BFT simulator. A Byzantine node runs the real engine (so it follows
 * the rounds), but signs with a raw key (no double-sign guard) and rewrites every message on its
 * way out, peer by peer: equivocating proposals (different values, lying POL rounds, invalid
 * values), double prevotes and precommits (another known block or nil, sometimes both to the same
 * peer so the equivocation is caught), votes that ignore its own lock (amnesia), withheld votes,
 * or total silence. All choices come from the simulation's seeded PRNG. Test-only.
 */
import type { ConsensusSigner } from '../consensus/bft/app.js';
import { proposalSignDigest, voteSignDigest, type Proposal, type SignedProposal, type SignedVote, type Vote } from '../consensus/bft/messages.js';
import { addressOfPublicKey } from '../crypto/address.js';
import { sha256 } from '../crypto/hash.js';
import { encodeSimValue, decodeSimValue } from './bft-sim-app.js';

/** What a Byzantine node does. */
export interface ByzantineConfig {
  /** Sends nothing at all (a crashed validator). */
  readonly silent?: boolean;
  /** As proposer, sends different values (and POL rounds) to different peers. */
  readonly equivocateProposals?: boolean;
  /** As proposer, sends some peers a value that is not valid. */
  readonly invalidProposals?: boolean;
  /** Sends conflicting prevotes to different peers. */
  readonly doublePrevote?: boolean;
  /** Sends conflicting precommits to different peers. */
  readonly doublePrecommit?: boolean;
  /** Votes for any known block regardless of its lock. */
  readonly amnesia?: boolean;
  /** Chance of withholding a vote from each peer. */
  readonly withholdRate?: number;
  /** Sends its precommit for a block to one peer only and nil to the others (one node decides, the rest go on). */
  readonly selectivePrecommit?: boolean;
}

/** A signer without any protection: signs whatever it is asked. */
export class RawSigner implements ConsensusSigner {
  readonly address: Uint8Array;

  constructor(
    private readonly chainId: number,
    publicKey: Uint8Array,
    private readonly sign: (digest: Uint8Array) => Uint8Array,
  ) {
    this.address = addressOfPublicKey(publicKey);
  }

  signVote(vote: Vote): SignedVote {
    return { vote, signature: this.sign(voteSignDigest(this.chainId, vote)) };
  }

  signProposal(proposal: Proposal): SignedProposal {
    return { proposal, signature: this.sign(proposalSignDigest(this.chainId, proposal)) };
  }
}

/** Wire messages the adversary sends. */
export type AdversaryMessage =
  | { readonly kind: 'proposal'; readonly proposal: SignedProposal; readonly value: Uint8Array }
  | { readonly kind: 'vote'; readonly vote: SignedVote };

/** What the adversary may touch. */
export interface AdversaryContext {
  readonly node: number;
  readonly peers: () => number[];
  readonly rnd: () => number;
  readonly signer: RawSigner;
  send(to: number, msg: AdversaryMessage): void;
  /** Block ids known at `height` (proposals seen by the Byzantine node's engine). */
  knownBlocks(height: bigint): Uint8Array[];
}

/** Rewrites a Byzantine node's outgoing messages. */
export class Adversary {
  constructor(
    private readonly ctx: AdversaryContext,
    readonly config: ByzantineConfig,
  ) {}

  /** The engine wants to broadcast a proposal. */
  onProposal(sp: SignedProposal, value: Uint8Array): void {
    const c = this.config;
    if (c.silent) return;
    const p = sp.proposal;
    const rnd = this.ctx.rnd;
    const variants: AdversaryMessage[] = [{ kind: 'proposal', proposal: sp, value }];
    const v = decodeSimValue(value);
    if (c.equivocateProposals && v) {
      // A fresh value, with no POL round (prevotable by any unlocked node), its honest POL round,
      // or a lie about one.
      const alt = encodeSimValue({ ...v, salt: this.salt() });
      const x = rnd();
      const pol = x < 0.5 ? null : x < 0.75 || p.round === 0 ? p.polRound : Math.floor(rnd() * p.round);
      variants.push(this.proposal(p, alt, pol));
    }
    if (c.invalidProposals && v) variants.push(this.proposal(p, encodeSimValue({ ...v, height: v.height + 7n, salt: this.salt() }), null));
    // With amnesia the proposer sometimes forgets its valid value: everyone gets the fresh one.
    if (c.amnesia && variants.length > 1 && rnd() < 0.5) {
      for (const to of this.ctx.peers()) this.ctx.send(to, variants[1]);
      return;
    }
    // Otherwise each peer gets one of the variants.
    for (const to of this.ctx.peers()) this.ctx.send(to, variants[Math.floor(rnd() * variants.length)]);
  }

  /** The engine wants to broadcast a vote. */
  onVote(sv: SignedVote): void {
    const c = this.config;
    if (c.silent) return;
    const rnd = this.ctx.rnd;
    const v = sv.vote;
    const known = this.ctx.knownBlocks(v.height);
    // The other block: for precommits mostly nil (the "one node decides, the others do not" move).
    const pick = (): Uint8Array | null => {
      if (known.length === 0 || (v.type === 'precommit' && rnd() < 0.5)) return null;
      const i = Math.floor(rnd() * (known.length + 1));
      return i === known.length ? null : known[i];
    };
    const peers = this.ctx.peers();
    if (c.selectivePrecommit && v.type === 'precommit' && v.blockHash !== null) {
      const lucky = peers[Math.floor(rnd() * peers.length)];
      const nil = this.ctx.signer.signVote({ ...v, blockHash: null });
      for (const to of peers) this.ctx.send(to, { kind: 'vote', vote: to === lucky ? sv : nil });
      return;
    }
    let main = sv;
    if (c.amnesia && rnd() < 0.5) main = this.ctx.signer.signVote({ ...v, blockHash: pick() });
    const double = v.type === 'prevote' ? c.doublePrevote : c.doublePrecommit;
    const alt = double ? this.ctx.signer.signVote({ ...v, blockHash: pick() }) : null;
    // A coherent split: a random subset of peers gets the main vote, the rest the other one;
    // sometimes one peer gets both (so the equivocation is seen and reported).
    const share = rnd();
    const both = rnd() < 0.25 ? peers[Math.floor(rnd() * peers.length)] : -1;
    for (const to of peers) {
      if (c.withholdRate && rnd() < c.withholdRate) continue;
      if (alt === null || to === both) this.ctx.send(to, { kind: 'vote', vote: main });
      if (alt !== null && (to === both || rnd() >= share)) this.ctx.send(to, { kind: 'vote', vote: alt });
      else if (alt !== null && to !== both) this.ctx.send(to, { kind: 'vote', vote: main });
    }
  }

  private proposal(p: Proposal, value: Uint8Array, polRound: number | null): AdversaryMessage {
    return { kind: 'proposal', proposal: this.ctx.signer.signProposal({ ...p, blockHash: sha256(value), polRound }), value };
  }

  private salt(): Uint8Array {
    const s = new Uint8Array(8);
    for (let i = 0; i < 8; i++) s[i] = Math.floor(this.ctx.rnd() * 256);
    return s;
  }
}
