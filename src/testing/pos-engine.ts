/**
 * A test-only consensus engine for the proof-of-stake modules: it seals nothing and checks no
 * signatures, and its coinbase `consensus` data is a plain list of the facts a test wants the
 * modules to see (proposer, the validators that "signed" the parent, duplicate-vote evidence). The
 * block reward is the mint module's provision (cause `staking`) and its modules are the
 * proof-of-stake bundle, exactly as the BFT engine adapter will wire them.
 */
import { BlockError } from '../errors.js';
import { decode, encode, list, optional, struct, u64, type Infer, type Json } from '../encoding/codec.js';
import { address } from '../primitives/address-codec.js';
import { SealKind, type PreparedBlock } from '../primitives/block.js';
import type { Header } from '../primitives/header.js';
import type { ChainEntryView, ConsensusEngine } from '../consensus/engine.js';
import type { ConsensusFacts, StateModule } from '../state/module.js';
import type { StateReader } from '../state/state-view.js';
import type { ProofOfStake } from '../state/modules/proof-of-stake.js';

/** The test engine's consensus data: the facts, plainly encoded. */
export const TestConsensusData = struct('TestPosConsensusData', {
  proposer: optional(address),
  signers: list(address, 10_000),
  evidence: list(struct('TestPosEvidence', { validator: address, height: u64 }), 256),
});
/** The test engine's consensus data. */
export type TestConsensusData = Infer<typeof TestConsensusData>;

/** Encodes facts as the test engine's consensus data. */
export function encodeTestFacts(f: TestConsensusData): Uint8Array {
  return encode(TestConsensusData, f);
}

/** An engine that hands the proof-of-stake modules whatever facts the test puts in the block. */
export class TestPosEngine implements ConsensusEngine {
  readonly name = 'test-pos';
  readonly sealKind = SealKind.bft;
  readonly finality = 'instant';

  constructor(readonly pos: ProofOfStake) {}

  genesisBits(): number {
    return 0;
  }
  nextBits(): number {
    return 0;
  }
  minChildTime(parent: ChainEntryView): number {
    return parent.header.time + 1;
  }
  maxTime(now: number): number {
    return now + 15;
  }
  validateTime(header: Header, parent: ChainEntryView): void {
    if (header.time <= parent.header.time) throw new BlockError('BLOCK_TIME_TOO_OLD', 'block time is not after its parent');
  }
  executionTime(_parent: ChainEntryView, headerTime: number): number {
    return headerTime;
  }
  validateHeader(): void {}
  validateSeal(): void {}
  blockWeight(): bigint {
    return 1n;
  }
  consensusFacts(consensusData: Uint8Array): ConsensusFacts {
    if (consensusData.length === 0) return { proposer: null, parentSigners: [], evidence: [] };
    const f = decode(TestConsensusData, consensusData);
    return { proposer: f.proposer, parentSigners: f.signers, evidence: f.evidence.map((e) => ({ kind: 'duplicate-vote' as const, validator: e.validator, height: e.height })) };
  }
  blockReward(_height: bigint, state: StateReader): { amount: bigint; cause: 'staking' } {
    return { amount: this.pos.blockReward(state), cause: 'staking' };
  }
  modules(): StateModule[] {
    return this.pos.modules();
  }
  describeBlock(pb: PreparedBlock | { readonly block: { readonly header: Header } }): Record<string, Json> {
    void pb;
    return { engine: this.name };
  }
}
