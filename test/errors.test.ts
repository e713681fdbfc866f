/**
 * Every error says who is at fault and how badly (src/errors.ts: bcoin's VerifyError ban score, one
 * verdict table per domain, each module's in its errors.ts), for the networking layer's peer
 * scores. The tables keep their invariants, the rules the issue names score as it says, the
 * verdict reaches real errors from the chain, the mempool and the state machine, and the JSON form
 * RPC sends is unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BLOCK_VERDICTS,
  BlockError,
  CoinworksError,
  DECODE_VERDICTS,
  DecodeError,
  EncodeError,
  MEMPOOL_VERDICTS,
  MempoolError,
  peerFault,
  StorageError,
  TX_VERDICTS,
  TxError,
  type Verdict,
} from '../src/errors.js';
import { coreModules } from '../src/state/modules/index.js';
import { createTestChain, transfer } from '../src/testing/chain.js';
import { Mempool } from '../src/mempool/mempool.js';
import { prepareTx } from '../src/primitives/tx.js';
import { signTx } from '../src/primitives/tx-builder.js';

const moduleTables = Object.fromEntries(coreModules([]).flatMap((m) => (m.errors ? [[m.name, m.errors] as const] : [])));
const tables: Record<string, Readonly<Record<string, Verdict>>> = { decode: DECODE_VERDICTS, tx: TX_VERDICTS, block: BLOCK_VERDICTS, mempool: MEMPOOL_VERDICTS, ...moduleTables };

test('every verdict is a whole score 0-100; only a peer fault scores above 10, a local one scores 0', () => {
  for (const [domain, table] of Object.entries(tables)) {
    for (const [code, v] of Object.entries(table)) {
      const at = `${domain} ${code}`;
      assert.ok(Number.isInteger(v.banScore) && v.banScore >= 0 && v.banScore <= 100, at);
      assert.ok(['peer', 'local', 'none'].includes(v.fault), at);
      if (v.banScore > 10) assert.equal(v.fault, 'peer', at);
      if (v.fault === 'local') assert.equal(v.banScore, 0, at);
    }
  }
});

test('what the sender can check scores 100: undecodable data, PoW, roots, signatures, invalid transactions in a block', () => {
  const full = [
    ...Object.keys(DECODE_VERDICTS).map((c) => DECODE_VERDICTS[c as keyof typeof DECODE_VERDICTS]),
    TX_VERDICTS.TX_MALFORMED,
    TX_VERDICTS.TX_OVERSIZE,
    TX_VERDICTS.TX_BAD_SIGNATURE,
    TX_VERDICTS.TX_HIGH_S,
    TX_VERDICTS.TX_WRONG_CHAIN,
    BLOCK_VERDICTS.BLOCK_MALFORMED,
    BLOCK_VERDICTS.BLOCK_OVERSIZE,
    BLOCK_VERDICTS.BLOCK_BAD_POW,
    BLOCK_VERDICTS.BLOCK_BAD_DIFFICULTY,
    BLOCK_VERDICTS.BLOCK_BAD_MERKLE_ROOT,
    BLOCK_VERDICTS.BLOCK_BAD_STATE_ROOT,
    BLOCK_VERDICTS.BLOCK_BAD_RECEIPTS_ROOT,
    BLOCK_VERDICTS.BLOCK_BAD_COINBASE,
    BLOCK_VERDICTS.BLOCK_DUPLICATE_TX,
    BLOCK_VERDICTS.BLOCK_INVALID_TX,
    BLOCK_VERDICTS.BLOCK_BAD_SEAL,
    BLOCK_VERDICTS.BLOCK_BAD_JUSTIFICATION,
  ];
  for (const v of full) assert.deepEqual(v, { fault: 'peer', banScore: 100 });
});

test('what the sender cannot know scores 0-10: orphans, our clock, mempool policy, duplicates, state it had not seen', () => {
  const low = {
    BLOCK_PARENT_UNKNOWN: BLOCK_VERDICTS.BLOCK_PARENT_UNKNOWN,
    BLOCK_TIME_TOO_NEW: BLOCK_VERDICTS.BLOCK_TIME_TOO_NEW,
    BLOCK_DUPLICATE: BLOCK_VERDICTS.BLOCK_DUPLICATE,
    BLOCK_KNOWN_INVALID: BLOCK_VERDICTS.BLOCK_KNOWN_INVALID,
    BLOCK_ORPHAN_POOL_FULL: BLOCK_VERDICTS.BLOCK_ORPHAN_POOL_FULL,
    ...MEMPOOL_VERDICTS,
    TX_NONCE_GAP: TX_VERDICTS.TX_NONCE_GAP,
    TX_NONCE_REPLAY: TX_VERDICTS.TX_NONCE_REPLAY,
    TX_INSUFFICIENT_BALANCE: TX_VERDICTS.TX_INSUFFICIENT_BALANCE,
    TX_FEE_BELOW_BASE_FEE: TX_VERDICTS.TX_FEE_BELOW_BASE_FEE,
    TX_INVALID_PARAMS: TX_VERDICTS.TX_INVALID_PARAMS,
  };
  for (const [code, v] of Object.entries(low)) assert.ok(v.banScore <= 10, code);
  assert.deepEqual(MEMPOOL_VERDICTS.MEMPOOL_FULL, { fault: 'none', banScore: 0 });
  assert.deepEqual(MEMPOOL_VERDICTS.MEMPOOL_FEE_TOO_LOW, { fault: 'none', banScore: 0 });
  assert.deepEqual(BLOCK_VERDICTS.BLOCK_TIME_TOO_NEW, { fault: 'none', banScore: 0 });
  assert.ok(TX_VERDICTS.TX_NONCE_GAP.banScore > 0, 'a nonce gap scores low, not nothing');
  // Module codes are command rules: the transaction stays includable, nobody is at fault.
  for (const [name, table] of Object.entries(moduleTables)) for (const [code, v] of Object.entries(table)) assert.deepEqual(v, { fault: 'none', banScore: 0 }, `${name} ${code}`);
});

test('errors carry their verdict; a thrower may override it; other errors are local; the JSON form is unchanged', () => {
  const pow = new BlockError('BLOCK_BAD_POW', 'hash above target');
  assert.equal(pow.fault, 'peer');
  assert.equal(pow.banScore, 100);
  assert.equal(new BlockError('BLOCK_PARENT_UNKNOWN', 'x').banScore, 0);
  assert.equal(new DecodeError('DECODE_TRUNCATED', 'x').banScore, 100);
  assert.equal(new MempoolError('MEMPOOL_FULL', 'x').fault, 'none');
  assert.deepEqual([new TxError('TX_BAD_SIGNATURE', 'x').fault, new TxError('TX_BAD_SIGNATURE', 'x').banScore], ['peer', 100]);
  assert.deepEqual([new TxError('TX_LISTING_STALE', 'x').fault, new TxError('TX_LISTING_STALE', 'x').banScore], ['none', 0]);
  const overridden = new TxError('TX_INVALID_PARAMS', 'x', {}, peerFault());
  assert.deepEqual([overridden.fault, overridden.banScore], ['peer', 100]);
  for (const e of [new StorageError('STORAGE_CORRUPT', 'x'), new EncodeError('ENCODE_INVALID', 'x'), new CoinworksError('ANYTHING', 'x')]) {
    assert.deepEqual([e.fault, e.banScore], ['local', 0], e.code);
  }
  assert.deepEqual(Object.keys(pow.toJSON()), ['code', 'message', 'data']);
});

test('real rejections carry the verdict: garbage block, bad tx bytes, duplicate, undecodable params vs a command check', async () => {
  const tc = await createTestChain();
  const pool = new Mempool(tc.chain);
  const verdict = (e: unknown) => {
    assert.ok(e instanceof CoinworksError, String(e));
    return `${e.code} ${e.fault} ${e.banScore}`;
  };
  await assert.rejects(tc.chain.importBlock(new Uint8Array([1, 2, 3])), (e) => verdict(e) === 'BLOCK_MALFORMED peer 100');
  await assert.rejects(() => pool.add(new Uint8Array([9, 9, 9])), (e) => verdict(e) === 'TX_MALFORMED peer 100');
  const ok = transfer(tc.chain, tc.keys[0], tc.keys[1].address, 5n, 0n);
  await pool.add(ok);
  await assert.rejects(() => pool.add(ok), (e) => verdict(e) === 'MEMPOOL_DUPLICATE none 0');
  // Params that do not decode make the transaction invalid; a zero amount only fails the command.
  const garbled = prepareTx(signTx({ ...ok.tx.body, nonce: 1n, params: new Uint8Array([0xff]) }, tc.keys[0].sign));
  await assert.rejects(() => pool.add(garbled), (e) => verdict(e) === 'TX_INVALID_PARAMS peer 100');
  // (The command is checked only at the sender's next nonce, so a second sender.)
  const zero = transfer(tc.chain, tc.keys[1], tc.keys[0].address, 0n, 0n);
  await assert.rejects(() => pool.add(zero), (e) => verdict(e) === 'TX_INVALID_PARAMS none 0');
});
