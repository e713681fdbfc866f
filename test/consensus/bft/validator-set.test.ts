import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareBytes, MAX_TOTAL_POWER, ValidatorSet, type ValidatorUpdate } from '../../../src/consensus/bft/validator-set.js';
import { BftError } from '../../../src/consensus/bft/errors.js';
import { testKeys } from '../../../src/testing/keys.js';
import { bytesToHex } from '../../../src/encoding/hex.js';

const keys = testKeys(8, 'bft validator set');
/** Keys sorted by address, so "p1" has the lower address (CometBFT's tie-break). */
const byAddress = [...keys].sort((a, b) => compareBytes(a.address, b.address));

function names(set: ValidatorSet, seq: Uint8Array[]): string[] {
  const name = new Map(byAddress.map((k, i) => [bytesToHex(k.address), `p${i + 1}`]));
  void set;
  return seq.map((a) => name.get(bytesToHex(a))!);
}

/** Proposers of `heights` consecutive heights at round 0 with no set change. */
function heightSequence(set: ValidatorSet, heights: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let s = set;
  for (let i = 0; i < heights; i++) {
    out.push(s.proposer(0).address);
    s = s.next();
  }
  return out;
}

test('proposer selection: powers 1:3 give p2, p1, p2, p2 (the reference check)', () => {
  const set = ValidatorSet.genesis([
    { publicKey: byAddress[0].publicKey, power: 1n },
    { publicKey: byAddress[1].publicKey, power: 3n },
  ]);
  assert.deepEqual(names(set, heightSequence(set, 4)), ['p2', 'p1', 'p2', 'p2']);
  // Rounds of one height follow the same rotation (IncrementProposerPriority(r) from round 0).
  assert.deepEqual(names(set, [0, 1, 2, 3].map((r) => set.proposer(r).address)), ['p2', 'p1', 'p2', 'p2']);
});

test('proposer ties go to the lower address', () => {
  const set = ValidatorSet.genesis([
    { publicKey: byAddress[3].publicKey, power: 5n },
    { publicKey: byAddress[2].publicKey, power: 5n },
  ]);
  // Equal power, equal priority: the lower address proposes first, then they alternate.
  assert.deepEqual(names(set, heightSequence(set, 4)), ['p3', 'p4', 'p3', 'p4']);
});

test('a new validator starts at -1.125 P (P after updates, before removals)', () => {
  const set = ValidatorSet.genesis([
    { publicKey: keys[0].publicKey, power: 10n },
    { publicKey: keys[1].publicKey, power: 30n },
  ]);
  // Genesis: every validator is new with P = 40: -(40 + 40 >> 3) = -45 each, then centred to 0.
  assert.deepEqual(set.validators.map((v) => v.priority), [0n, 0n]);
  // Add a validator of power 24 and remove none: P' = 64, start = -(64 + 8) = -72, then centring.
  const before = set.advanced();
  const after = before.withUpdates([{ publicKey: keys[2].publicKey, power: 24n }]);
  const pri = new Map(after.validators.map((v) => [bytesToHex(v.address), v.priority]));
  const old0 = before.validators.find((v) => compareBytes(v.address, keys[0].address) === 0)!.priority;
  const old1 = before.validators.find((v) => compareBytes(v.address, keys[1].address) === 0)!.priority;
  // Floor average of (old0, old1, -72), subtracted from every priority.
  const sum = old0 + old1 - 72n;
  const avg = sum >= 0n ? sum / 3n : -((-sum + 2n) / 3n);
  assert.equal(pri.get(bytesToHex(keys[2].address)), -72n - avg);
  assert.equal(pri.get(bytesToHex(keys[0].address)), old0 - avg);
  assert.equal(pri.get(bytesToHex(keys[1].address)), old1 - avg);
  // With a removal in the same change set, P' still counts the removed power (before removals).
  const mixed = before.withUpdates([
    { publicKey: keys[2].publicKey, power: 24n },
    { publicKey: keys[0].publicKey, power: 0n },
  ]);
  const p2 = mixed.validators.find((v) => compareBytes(v.address, keys[2].address) === 0)!.priority;
  const p1 = mixed.validators.find((v) => compareBytes(v.address, keys[1].address) === 0)!.priority;
  const s2 = old1 - 72n;
  const a2 = s2 >= 0n ? s2 / 2n : -((-s2 + 1n) / 2n);
  assert.equal(p2, -72n - a2);
  assert.equal(p1, old1 - a2);
});

test('priorities are centred on zero with the floor average (Go big.Int Div)', () => {
  // Stored priorities 0, 0, -1 sum to -1: floor(-1/3) = -1 (truncation would give 0), so every
  // priority goes up by one before the powers are added.
  const set = ValidatorSet.fromStored([
    { publicKey: byAddress[0].publicKey, power: 1n, priority: 0n },
    { publicKey: byAddress[1].publicKey, power: 1n, priority: 0n },
    { publicKey: byAddress[2].publicKey, power: 1n, priority: -1n },
  ]);
  const next = set.advanced();
  const pri = new Map(next.validators.map((v) => [bytesToHex(v.address), v.priority]));
  // After centring: 1, 1, 0; after adding power: 2, 2, 1; p1 wins the tie (lower address): 2 - 3 = -1.
  assert.equal(pri.get(bytesToHex(byAddress[0].address)), -1n);
  assert.equal(pri.get(bytesToHex(byAddress[1].address)), 2n);
  assert.equal(pri.get(bytesToHex(byAddress[2].address)), 1n);
  assert.equal(compareBytes(set.proposer(0).address, byAddress[0].address), 0);
});

test('priorities are rescaled when their spread exceeds 2 P', () => {
  // P = 2, window 4; spread 100 - (-100) = 200 > 4: divide by ceil(200 / 4) = 50 (truncating).
  const set = ValidatorSet.fromStored([
    { publicKey: byAddress[0].publicKey, power: 1n, priority: 100n },
    { publicKey: byAddress[1].publicKey, power: 1n, priority: -100n },
  ]);
  const next = set.advanced();
  const pri = new Map(next.validators.map((v) => [bytesToHex(v.address), v.priority]));
  // 100/50 = 2, -100/50 = -2; centred (avg 0); +1 each: 3, -1; p1 proposes: 3 - 2 = 1.
  assert.equal(pri.get(bytesToHex(byAddress[0].address)), 1n);
  assert.equal(pri.get(bytesToHex(byAddress[1].address)), -1n);
});

test('over many heights priorities stay centred and bounded, and proposals follow power', () => {
  fc.assert(
    fc.property(fc.array(fc.bigInt({ min: 1n, max: 300n }), { minLength: 1, maxLength: 6 }), (powers) => {
      let set = ValidatorSet.genesis(powers.map((p, i) => ({ publicKey: keys[i].publicKey, power: p })));
      const total = set.totalPower;
      const counts = new Map<string, number>();
      const rounds = Number(total) * 3;
      for (let i = 0; i < rounds; i++) {
        const p = bytesToHex(set.proposer(0).address);
        counts.set(p, (counts.get(p) ?? 0) + 1);
        set = set.next();
        let sum = 0n;
        let max = set.validators[0].priority;
        let min = max;
        for (const v of set.validators) {
          sum += v.priority;
          if (v.priority > max) max = v.priority;
          if (v.priority < min) min = v.priority;
        }
        // Centring leaves 0 <= sum < n (floor average); a proposer step adds P and subtracts P.
        assert.ok(sum >= 0n && sum < BigInt(set.size), `priority sum ${sum} centred`);
        assert.ok(max - min <= 2n * total + BigInt(set.size), `spread ${max - min} within ~2P (P=${total})`);
      }
      // Weighted round robin: over 3P heights each validator proposes close to 3 x its power.
      for (let i = 0; i < powers.length; i++) {
        const c = counts.get(bytesToHex(keys[i].address)) ?? 0;
        assert.ok(Math.abs(c - 3 * Number(powers[i])) <= powers.length, `validator ${i}: ${c} proposals for power ${powers[i]}`);
      }
    }),
    { numRuns: 40 },
  );
});

test('proposer(r) is computed from round 0, so it does not depend on the rounds a node visited', () => {
  const set = ValidatorSet.genesis([1n, 2n, 3n, 7n].map((p, i) => ({ publicKey: keys[i].publicKey, power: p })));
  const seq = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((r) => bytesToHex(set.proposer(r).address));
  // A fresh copy asked in another order agrees.
  const again = ValidatorSet.fromStored(set.toStored());
  assert.deepEqual([9, 3, 0, 7, 1, 2, 8, 4, 6, 5].map((r) => [r, bytesToHex(again.proposer(r).address)]).sort((a, b) => (a[0] as number) - (b[0] as number)).map((x) => x[1]), seq);
});

test('set order is power descending then address ascending; quorum is 3 x power > 2 x total', () => {
  const set = ValidatorSet.genesis([
    { publicKey: byAddress[2].publicKey, power: 5n },
    { publicKey: byAddress[0].publicKey, power: 1n },
    { publicKey: byAddress[1].publicKey, power: 5n },
  ]);
  assert.deepEqual(set.validators.map((v) => bytesToHex(v.address)), [byAddress[1], byAddress[2], byAddress[0]].map((k) => bytesToHex(k.address)));
  assert.equal(set.totalPower, 11n);
  // 2/3 of 11 is 7.33: 7 is not a quorum, 8 is.
  assert.equal(set.hasQuorum(7n), false);
  assert.equal(set.hasQuorum(8n), true);
  // Exactly two thirds is not enough: total 9, power 6.
  const nine = ValidatorSet.genesis([3n, 3n, 3n].map((p, i) => ({ publicKey: keys[i].publicKey, power: p })));
  assert.equal(nine.hasQuorum(6n), false);
  assert.equal(nine.hasOneThird(3n), false);
  assert.equal(nine.hasOneThird(4n), true);
});

test('updates: power changes keep the priority, removals drop, bad change sets are refused', () => {
  const base = ValidatorSet.genesis([10n, 20n, 30n].map((p, i) => ({ publicKey: keys[i].publicKey, power: p })));
  const changed = base.withUpdates([{ publicKey: keys[0].publicKey, power: 15n }]);
  assert.equal(changed.totalPower, 65n);
  const removed = base.withUpdates([{ publicKey: keys[1].publicKey, power: 0n }]);
  assert.equal(removed.size, 2);
  assert.equal(removed.indexOf(keys[1].address), -1);
  const refuse = (u: ValidatorUpdate[], what: string) =>
    assert.throws(() => base.withUpdates(u), (e: unknown) => e instanceof BftError && e.code === 'BFT_BAD_VALIDATOR_UPDATE', what);
  refuse([{ publicKey: keys[5].publicKey, power: 0n }], 'removing a non-member');
  refuse([{ publicKey: keys[0].publicKey, power: 1n }, { publicKey: keys[0].publicKey, power: 2n }], 'duplicate');
  refuse([{ publicKey: keys[0].publicKey, power: -1n }], 'negative power');
  refuse([0, 1, 2].map((i) => ({ publicKey: keys[i].publicKey, power: 0n })), 'empty result');
  refuse([{ publicKey: keys[5].publicKey, power: MAX_TOTAL_POWER }], 'total above the maximum');
  assert.equal(base.withUpdates([]), base, 'no updates, same set');
});
