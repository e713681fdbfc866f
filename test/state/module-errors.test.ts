/**
 * Each state module owns its transaction codes (its folder's errors.ts, `defineTxErrors`), the
 * generic ones stay in src/errors.ts, and every code that existed before keeps its string: RPC,
 * CLI and clients switch on them. A code is declared once; a module throws only generic codes and
 * its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CoinworksError, defineTxErrors, TX_VERDICTS, TxError, txErrorOwner } from '../../src/errors.js';
import { coreModules } from '../../src/state/modules/index.js';
import { StateMachine } from '../../src/state/state-machine.js';
import { regtest } from '../../src/params/networks.js';
import type { StateModule } from '../../src/state/module.js';
import { proofOfStake } from '../../src/state/modules/proof-of-stake.js';
import { POS_DEVNET_ECONOMICS } from '../../src/params/staking.js';

/** Every transaction code before modules owned theirs (src/errors.ts at the start of issue 8). */
const BEFORE = (
  'TX_MALFORMED TX_OVERSIZE TX_BAD_SIGNATURE TX_HIGH_S TX_WRONG_CHAIN TX_NONCE_GAP TX_NONCE_REPLAY TX_INSUFFICIENT_BALANCE ' +
  'TX_AMOUNT_OVERFLOW TX_FEE_BELOW_BASE_FEE TX_GAS_LIMIT_TOO_LOW TX_GAS_LIMIT_TOO_HIGH TX_TIP_ABOVE_MAX_FEE TX_UNKNOWN_COMMAND ' +
  'TX_INVALID_PARAMS TX_COMMAND_FAILED TX_UNAUTHORIZED TX_NOT_FOUND TX_DUPLICATE TX_LIMIT_EXCEEDED TX_THRESHOLD_NOT_MET ' +
  'TX_PROPOSAL_EXPIRED TX_PROPOSAL_CLOSED TX_PROPOSAL_NONCE TX_ALLOWANCE_EXCEEDED TX_PAUSED TX_FROZEN TX_BLACKLISTED TX_NOT_FROZEN ' +
  'TX_STALE_ATTESTATION TX_RESERVE_EXCEEDED TX_COLLECTION_NOT_FOUND TX_NFT_NOT_FOUND TX_NFT_EXISTS TX_NFT_ZERO_ADDRESS ' +
  'TX_NFT_SOLD_OUT TX_NFT_MINT_CLOSED TX_NOT_OWNER TX_NOT_CREATOR TX_BAD_POW_NONCE TX_NOTHING_TO_CLAIM TX_LISTING_NOT_FOUND ' +
  'TX_LISTING_STALE TX_LISTING_EXPIRED TX_LISTING_CANCELLED TX_LISTING_MISMATCH'
).split(' ');

const MODULES = resolve(import.meta.dirname, '../../src/state/modules');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Codes each module folder names as a literal (`new TxError('TX_…'`, a status), outside errors.ts. */
function thrownByModule(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of walk(MODULES)) {
    const parts = relative(MODULES, f).split('/');
    if (parts.length < 2 || parts[parts.length - 1] === 'errors.ts') continue;
    const set = out.get(parts[0]) ?? new Set<string>();
    for (const m of readFileSync(f, 'utf8').matchAll(/'(TX_[A-Z_]+)'/g)) set.add(m[1]);
    out.set(parts[0], set);
  }
  return out;
}

test('every code that existed is still declared, once: generic in errors.ts or by one module', () => {
  const sm = new StateMachine(regtest, coreModules([]));
  const declared = [...Object.keys(TX_VERDICTS), ...sm.errorCodes.keys()].sort();
  assert.deepEqual(declared, [...BEFORE].sort(), 'no code lost, renamed or added without updating this list');
  for (const code of BEFORE) assert.ok(txErrorOwner(code), `${code} has an owner`);
  assert.equal(txErrorOwner('TX_LISTING_STALE'), 'market');
  assert.equal(txErrorOwner('TX_FROZEN'), 'stablecoin');
  assert.equal(txErrorOwner('TX_PROPOSAL_NONCE'), 'multisig');
  assert.equal(txErrorOwner('TX_BAD_POW_NONCE'), 'nft');
  assert.equal(txErrorOwner('TX_ALLOWANCE_EXCEEDED'), 'assets');
  assert.equal(txErrorOwner('TX_NONCE_GAP'), 'generic');
  // Each module's table is what its StateModule carries.
  for (const m of coreModules([])) for (const code of Object.keys(m.errors ?? {})) assert.equal(txErrorOwner(code), m.name, code);
});

test('a module throws only generic codes and its own, and uses every code it declares', () => {
  // The proof-of-stake modules (an engine's modules) are checked too.
  const sm = new StateMachine(regtest, coreModules(proofOfStake(POS_DEVNET_ECONOMICS).modules()));
  for (const [module, codes] of thrownByModule()) {
    for (const code of codes) {
      const owner = txErrorOwner(code);
      assert.ok(owner === 'generic' || owner === module, `${module} throws ${code}, owned by ${owner ?? 'nobody'}: declare it in ${module}/errors.ts or make it generic`);
    }
  }
  const thrown = thrownByModule();
  for (const [code, module] of sm.errorCodes) assert.ok(thrown.get(module)?.has(code), `${module} declares ${code} but never uses it`);
});

test('a code cannot be declared twice or shadow a generic one', () => {
  const dup = (e: unknown) => e instanceof CoinworksError && e.code === 'ERRORS_DUPLICATE_CODE';
  assert.throws(() => defineTxErrors('other', { TX_LISTING_STALE: { fault: 'none', banScore: 0 } }), dup);
  assert.throws(() => defineTxErrors('other', { TX_NONCE_GAP: { fault: 'none', banScore: 0 } }), dup);
  // Re-declaring one's own code (a module file loaded twice) is harmless.
  assert.doesNotThrow(() => defineTxErrors('market', { TX_LISTING_STALE: { fault: 'none', banScore: 0 } }));
  // Two modules in one chain declaring one code are refused by the state machine too.
  const clash: StateModule[] = [...coreModules([]), { name: 'copy', errors: { TX_LISTING_STALE: { fault: 'none', banScore: 0 } } }];
  assert.throws(() => new StateMachine(regtest, clash), (e: unknown) => e instanceof CoinworksError && e.code === 'STATE_MODULES_INVALID' && /market and copy both declare TX_LISTING_STALE/.test(e.message));
});

test('TxError is still the class thrown, with the code and message as before', () => {
  const e = new TxError('TX_LISTING_STALE', 'listing is stale', { counter: '3' });
  assert.ok(e instanceof TxError && e instanceof CoinworksError);
  assert.equal(e.name, 'TxError');
  assert.deepEqual(e.toJSON(), { code: 'TX_LISTING_STALE', message: 'listing is stale', data: { counter: '3' } });
});
