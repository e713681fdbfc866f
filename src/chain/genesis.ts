/**
 * The genesis block, built deterministically from the network parameters: the modules' genesis
 * state (allocations, supply), a coinbase that commits its state root, and a header with no parent.
 * Its proof of work is not checked (as with Bitcoin's genesis): every node builds the same bytes.
 */
import type { NetworkParams } from '../params/networks.js';
import type { Block } from '../primitives/block.js';
import { blockMerkleRoot } from '../primitives/block.js';
import type { Coinbase } from '../primitives/coinbase.js';
import type { StateMachine } from '../state/state-machine.js';
import { StateOverlay } from '../state/overlay.js';
import { receiptsRoot } from '../state/receipt.js';
import type { PreparedCommit, WorldState } from '../state/world-state.js';
import type { EventRecord } from '../state/events.js';
import type { ConsensusEngine } from '../consensus/engine.js';
import { POW_SEAL } from '../primitives/block.js';

/** The genesis block with the state commit and events that go with it. */
export interface Genesis {
  readonly block: Block;
  readonly commit: PreparedCommit;
  readonly events: EventRecord[];
}

/** Builds the genesis block over an empty world state (which it does not modify). */
export function buildGenesis(params: NetworkParams, sm: StateMachine, world: WorldState, engine: ConsensusEngine): Genesis {
  const overlay = new StateOverlay(world);
  const events = sm.genesis(overlay);
  const commit = world.prepare(overlay.changes());
  const coinbase: Coinbase = {
    chainId: params.chainId,
    height: 0n,
    beneficiary: new Uint8Array(20),
    stateRoot: commit.root,
    receiptsRoot: receiptsRoot([], events),
    gasUsed: 0n,
    baseFeePerGas: params.fees.initialBaseFee,
    consensus: new Uint8Array(0),
    extraNonce: new Uint8Array(0),
    extraData: new TextEncoder().encode(params.genesis.extraData),
  };
  const block: Block = {
    header: {
      version: params.blockVersion,
      prevHash: new Uint8Array(32),
      merkleRoot: blockMerkleRoot(coinbase, []),
      time: params.genesis.time,
      bits: engine.genesisBits(),
      nonce: 0,
    },
    coinbase,
    txs: [],
    // Genesis is built, not produced: no engine seals it (as Bitcoin's genesis proof of work is never checked).
    seal: POW_SEAL,
  };
  return { block, commit, events };
}
