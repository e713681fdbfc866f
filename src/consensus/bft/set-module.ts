/**
 * The BFT engine's own state module, `bft`: the validator sets of the coming heights WITH their
 * proposer priorities. Staking decides membership and power (its active set takes effect at
 * h + 2); the priorities of CometBFT's weighted round-robin depend on every height since genesis,
 * so they are kept here, in state, where the state root makes every node agree on them.
 *
 * After block h the module holds the sets of h (which signed h: the next block's parent
 * certificate and its signers) and h + 1 (the next block's proposer and its own certificate):
 * set(h + 1) = set(h).next(staking's updates from h to h + 1), CometBFT's NextValidators step.
 * The genesis writes set(1) from staking's genesis set, every validator new (-1.125 P).
 */
import { bytes, list, struct, u64, type Infer } from '../../encoding/codec.js';
import type { StateModule } from '../../state/module.js';
import type { StateReader, StateWriter } from '../../state/state-view.js';
import { Store } from '../../state/store.js';
import { activeSetAt, activeSetUpdates } from '../../state/modules/staking/method.js';
import { MAX_VALIDATORS, ValidatorSet } from './validator-set.js';

/** Name of the engine's module. */
export const BFT_MODULE = 'bft';

/** Priorities are signed; they are stored offset by 2^63 (|priority| stays far below it: CometBFT bounds it by a few times the total power). */
const PRIORITY_OFFSET = 1n << 63n;

/** A stored set: keys, powers and offset priorities in set order. */
export const StoredSet = struct('BftStoredSet', {
  validators: list(struct('BftStoredValidator', { publicKey: bytes(33), power: u64, priority: u64 }), MAX_VALIDATORS),
});
/** A stored set. */
export type StoredSet = Infer<typeof StoredSet>;

/** Sets by u64be(height). */
export const setsStore = new Store(BFT_MODULE, 'set', StoredSet);

function heightKey(height: bigint): Uint8Array {
  const k = new Uint8Array(8);
  new DataView(k.buffer).setBigUint64(0, height, false);
  return k;
}

function toStored(set: ValidatorSet): StoredSet {
  return { validators: set.toStored().map((v) => ({ publicKey: v.publicKey, power: v.power, priority: v.priority + PRIORITY_OFFSET })) };
}

/** Sets rebuilt from stored records, by the decoded record (the store hands out one object per stored value). */
const rebuilt = new WeakMap<StoredSet, ValidatorSet>();

/** The validator set (with priorities) of `height`, or undefined when the state no longer (or does not yet) keep it. */
export function validatorSetAt(state: StateReader, height: bigint): ValidatorSet | undefined {
  const s = setsStore.get(state, heightKey(height));
  if (!s) return undefined;
  let set = rebuilt.get(s);
  if (!set) {
    set = ValidatorSet.fromStored(s.validators.map((v) => ({ publicKey: v.publicKey, power: v.power, priority: v.priority - PRIORITY_OFFSET })));
    rebuilt.set(s, set);
  }
  return set;
}

function putSet(state: StateWriter, height: bigint, set: ValidatorSet): void {
  setsStore.set(state, heightKey(height), toStored(set));
}

/** The set of `height` as staking's active set names it, every member new (the first BFT height). */
export function genesisSet(state: StateReader, height: bigint): ValidatorSet {
  return ValidatorSet.genesis(activeSetAt(state, height).validators.map((m) => ({ publicKey: m.publicKey, power: m.power })));
}

/** The `bft` module: keeps set(h) and set(h + 1) after block h. */
export function createBftSetModule(): StateModule {
  return {
    name: BFT_MODULE,
    genesis({ state }) {
      // Runs after staking's genesis (the engine lists this module last): its set starts at height 0.
      putSet(state, 1n, genesisSet(state, 1n));
    },
    afterTransactions({ block, state }) {
      const h = block.height;
      const current = validatorSetAt(state, h);
      if (!current) throw new Error(`bft: no validator set stored for height ${h}`);
      const updates = activeSetUpdates(state, h + 1n).map((u) => ({ publicKey: u.publicKey, power: u.power }));
      putSet(state, h + 1n, current.next(updates));
      if (h >= 2n) setsStore.del(state, heightKey(h - 1n));
    },
  };
}
