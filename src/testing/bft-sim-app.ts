/**
 * The application each simulated validator runs behind the BFT engine: values are small encoded
 * records (height, round, proposer, salt, validator updates); the validator set of every height
 * follows CometBFT's delay (updates decided in the value of height h apply from height h + 2),
 * computed from the node's own decided values, so nodes agree on sets only by agreeing on values.
 * Test-only.
 */
import { bytes, decode, encode, list, struct, u16, u32, u64, type Infer } from '../encoding/codec.js';
import { sha256 } from '../crypto/hash.js';
import type { BftApplication } from '../consensus/bft/app.js';
import { ValidatorSet, type ValidatorUpdate } from '../consensus/bft/validator-set.js';

/** The value (block stand-in) of the simulation. */
export const SimValue = struct('SimValue', {
  height: u64,
  round: u32,
  proposer: u16,
  salt: bytes(8),
  updates: list(struct('SimUpdate', { publicKey: bytes(33), power: u64 }), 16),
});
/** The value (block stand-in) of the simulation. */
export type SimValue = Infer<typeof SimValue>;

/** Encodes a value. */
export function encodeSimValue(v: SimValue): Uint8Array {
  return encode(SimValue, v);
}

/** Decodes a value, or null when the bytes are not one. */
export function decodeSimValue(b: Uint8Array): SimValue | null {
  try {
    return decode(SimValue, b, 4096);
  } catch {
    return null;
  }
}

/** What the simulation provides to an application instance. */
export interface SimAppHost {
  /** Scripted validator updates an honest proposer includes at `height`. */
  updatesFor(height: bigint): readonly ValidatorUpdate[];
  /** 8 bytes of salt for a proposal (deterministic per node, height, round). */
  salt(node: number, height: bigint, round: number): Uint8Array;
  /** When set, validation answers later: the host delivers `valueValidated` after some delay. */
  deferValidation(node: number, height: bigint, blockHash: Uint8Array, valid: boolean): boolean;
}

/** One node's application. */
export class SimApp implements BftApplication {
  private readonly sets = new Map<bigint, ValidatorSet>();

  constructor(
    private readonly host: SimAppHost,
    readonly node: number,
    genesis: ValidatorSet,
  ) {
    this.sets.set(1n, genesis);
    this.sets.set(2n, genesis.next());
  }

  /** The set of `height` (known up to the last decided height + 2). */
  validatorSet(height: bigint): ValidatorSet {
    const s = this.sets.get(height);
    if (!s) throw new Error(`node ${this.node}: no validator set for height ${height} yet`);
    return s;
  }

  /** Records a decided value: its updates shape the set of height + 2. */
  applyDecided(height: bigint, value: Uint8Array): void {
    if (this.sets.has(height + 2n)) return;
    const v = decodeSimValue(value);
    const updates = v ? v.updates : [];
    this.sets.set(height + 2n, this.validatorSet(height + 1n).next(updates));
  }

  proposeValue(height: bigint, round: number): Uint8Array {
    return encodeSimValue({
      height,
      round,
      proposer: this.node,
      salt: this.host.salt(this.node, height, round),
      updates: this.host.updatesFor(height).map((u) => ({ publicKey: u.publicKey, power: u.power })),
    });
  }

  validateValue(height: bigint, value: Uint8Array, blockHash: Uint8Array): boolean | null {
    const valid = this.isValid(height, value);
    return this.host.deferValidation(this.node, height, blockHash, valid) ? null : valid;
  }

  /** Validity: decodes, names this height, and its updates apply cleanly to the set they will change. */
  isValid(height: bigint, value: Uint8Array): boolean {
    const v = decodeSimValue(value);
    if (!v || v.height !== height) return false;
    if (v.updates.length === 0) return true;
    try {
      this.validatorSet(height + 1n).next(v.updates);
      return true;
    } catch {
      return false;
    }
  }

  valueHash(value: Uint8Array): Uint8Array {
    return sha256(value);
  }
}
