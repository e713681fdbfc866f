/**
 * decodePreparedBlock (offset-slicing fast path) must be indistinguishable from decodeBlock + prepareBlock:
 * same values, ids and hashes on valid input, the same DecodeError code on invalid input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';
import { DecodeError } from '../../src/errors.js';
import { decodeBlock, decodePreparedBlock, encodeBlock, prepareBlock, type PreparedBlock } from '../../src/primitives/block.js';
import { encodeTx, txId, txSigningDigest, txSigningDigestFromBytes } from '../../src/primitives/tx.js';
import { arbBlock, arbTx } from './arbitraries.js';

function outcome(f: () => PreparedBlock): { ok: true; p: PreparedBlock } | { ok: false; code: string } {
  try {
    return { ok: true, p: f() };
  } catch (e) {
    assert.ok(e instanceof DecodeError, `non-DecodeError: ${String(e)}`);
    return { ok: false, code: e.code };
  }
}

function assertSame(bytes: Uint8Array): boolean {
  const fast = outcome(() => decodePreparedBlock(bytes));
  const slow = outcome(() => prepareBlock(decodeBlock(bytes), bytes));
  assert.equal(fast.ok, slow.ok);
  if (!fast.ok || !slow.ok) {
    assert.deepEqual(fast, slow);
    return false;
  }
  const [a, b] = [fast.p, slow.p];
  assert.deepEqual(a.block, b.block);
  assert.equal(bytesToHex(a.hash), bytesToHex(b.hash));
  assert.equal(bytesToHex(a.bytes), bytesToHex(bytes));
  assert.equal(a.txs.length, b.txs.length);
  a.txs.forEach((t, i) => {
    assert.equal(bytesToHex(t.bytes), bytesToHex(encodeTx(b.block.txs[i])), `tx ${i}: bytes`);
    assert.equal(bytesToHex(t.id), bytesToHex(b.txs[i].id), `tx ${i}: id`);
    assert.equal(t.key, b.txs[i].key);
    assert.deepEqual(t.sender, b.txs[i].sender);
  });
  return true;
}

test('decodePreparedBlock equals decodeBlock + prepareBlock on valid blocks', () => {
  fc.assert(
    fc.property(arbBlock, (block) => {
      assert.ok(assertSame(encodeBlock(block)));
      const p = decodePreparedBlock(encodeBlock(block));
      assert.deepEqual(p.block, block);
      assert.deepEqual(
        p.txs.map((t) => bytesToHex(t.id)),
        block.txs.map((t) => bytesToHex(txId(encodeTx(t)))),
      );
    }),
    { numRuns: 150 },
  );
});

test('decodePreparedBlock rejects exactly what decodeBlock rejects, with the same code', { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(arbBlock, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'cut', 'append', 'count'), (block, at, byte, op) => {
      const b = [...encodeBlock(block)];
      if (op === 'set') b[at % b.length] = byte;
      else if (op === 'cut') b.length = at % b.length;
      else if (op === 'append') b.push(byte);
      else {
        // Overwrite the transaction count that follows header + coinbase.
        const countAt = b.length - block.txs.reduce((n, t) => n + encodeTx(t).length, 0) - 4;
        const v = [0, 1, 2, 100_000, 100_001, 0xffffffff][at % 6];
        b.splice(countAt, 4, v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
      }
      assertSame(Uint8Array.from(b));
    }),
    { numRuns: 600 },
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), (raw) => {
      assertSame(raw);
    }),
    { numRuns: 500 },
  );
});

test('decodePreparedBlock on block.json vectors', () => {
  const { vectors } = JSON.parse(readFileSync(new URL('../vectors/block.json', import.meta.url), 'utf8')) as { vectors: { hex: string; txIds: string[] }[] };
  for (const v of vectors) {
    const bytes = hexToBytes(v.hex);
    assert.ok(assertSame(bytes));
    assert.deepEqual(
      decodePreparedBlock(bytes).txs.map((t) => bytesToHex(Uint8Array.from(t.id).reverse())),
      v.txIds,
    );
  }
});

test('txSigningDigestFromBytes equals txSigningDigest of the decoded body', () => {
  fc.assert(
    fc.property(arbTx, (tx) => {
      assert.equal(bytesToHex(txSigningDigestFromBytes(encodeTx(tx))), bytesToHex(txSigningDigest(tx.body)));
    }),
    { numRuns: 200 },
  );
});
