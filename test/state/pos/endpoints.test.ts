/**
 * The proof-of-stake RPC endpoints over a real JSON-RPC server on a proof-of-stake test chain
 * (registered here with the server's `methods` option; rpc/methods/index.ts gets one line per
 * module): staking_getValidators, staking_getValidator, staking_getDelegations, staking_getEvidence,
 * staking_getRewards, staking_getApr, staking_getPool. Every result conforms to its published
 * schema; values match the state views.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Mempool } from '../../../src/mempool/mempool.js';
import { createRpcServer } from '../../../src/rpc/server.js';
import { RPC_METHODS } from '../../../src/rpc/methods/index.js';
import { ONE_COIN } from '../../../src/params/networks.js';
import { PosChain } from '../../../src/testing/pos.js';
import { testKey } from '../../../src/testing/keys.js';
import { createTestChain } from '../../../src/testing/chain.js';
import { stakingEndpoints } from '../../../src/state/modules/staking/endpoint.js';
import { distributionEndpoints } from '../../../src/state/modules/distribution/endpoint.js';
import { mintEndpoints } from '../../../src/state/modules/mint/endpoint.js';
import { stakingPoolEndpoints } from '../../../src/state/modules/staking-pool/endpoint.js';
import { DelegateParams } from '../../../src/state/modules/staking/schemas.js';
import { ClaimParams } from '../../../src/state/modules/distribution/schemas.js';
import { DepositParams, RegisterOperatorParams } from '../../../src/state/modules/staking-pool/schemas.js';
import { pendingRewards } from '../../../src/state/modules/distribution/method.js';
import { poolHoldings } from '../../../src/state/modules/staking-pool/method.js';
import { encodeAddress } from '../../../src/crypto/address.js';
import { encode } from '../../../src/encoding/codec.js';
import { bytesToHex } from '../../../src/encoding/hex.js';
import type { Chain } from '../../../src/chain/chain.js';
import type { AnyEndpoint } from '../../../src/state/endpoint.js';
import { FakeMiner } from '../../rpc/helpers.js';
import { schemaErrors } from '../../rpc/json-schema.js';

const C = ONE_COIN;
const POS_ENDPOINTS: readonly AnyEndpoint[] = [...stakingEndpoints, ...distributionEndpoints, ...mintEndpoints, ...stakingPoolEndpoints];
const SPECS = new Map(POS_ENDPOINTS.map((e) => [e.name, e.spec]));

async function serve(chain: Chain) {
  const server = await createRpcServer({ chain, mempool: new Mempool(chain), miner: new FakeMiner() }, { port: 0, methods: RPC_METHODS });
  let id = 1;
  const rpc = async (method: string, params: unknown[] = []) => {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: id++, method, params }) });
    return (await res.json()) as { result?: any; error?: any };
  };
  const call = async (method: string, params: unknown[] = []) => {
    const r = await rpc(method, params);
    if (r.error) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    assert.deepEqual(schemaErrors(SPECS.get(method)!.result.schema, r.result), [], `${method} result conforms to its schema`);
    return r.result;
  };
  return { server, rpc, call };
}

test('the proof-of-stake endpoints report validators, delegations, rewards by cause, evidence, APR and the pool, each to its schema', async () => {
  const c = await PosChain.create();
  const [alice, bob, op] = c.users;
  const key = testKey(9, 'pool consensus');
  await c.send(
    c.tx(alice, 'staking', 'delegate', DelegateParams, { validator: c.validators[0], amount: 100n * C }),
    c.tx(op, 'staking-pool', 'registerOperator', RegisterOperatorParams, { publicKey: key.publicKey }),
    c.tx(bob, 'staking-pool', 'deposit', DepositParams, { amount: 32n * C + C / 100n }),
  );
  await c.advance(4);
  await c.run(c.tx(alice, 'distribution', 'claim', ClaimParams, { validator: c.validators[0] }));
  await c.produce({ evidence: [{ validator: c.validators[3], height: c.height }] });
  const { server, rpc, call } = await serve(c.chain);
  try {
    const vs = await call('staking_getValidators');
    assert.equal(vs.validators.length, 5);
    assert.equal(vs.activeSet.fromHeight <= Number(c.height) + 1, true);
    const v0 = await call('staking_getValidator', [encodeAddress(c.validators[0])]);
    assert.equal(v0.validator.commission.rate, '0.05');
    assert.equal(v0.inNextSet, true);
    assert.equal(v0.signing.window, 100);
    const v3 = await call('staking_getValidator', [encodeAddress(c.validators[3])]);
    assert.deepEqual([v3.validator.tombstoned, v3.validator.jailedUntil], [true, null]);
    const missing = await rpc('staking_getValidator', [alice.addressText]);
    assert.equal(missing.error.code, -32001);
    const d = await call('staking_getDelegations', [alice.addressText]);
    assert.equal(d.delegations.length, 1);
    const pending = pendingRewards(c.state, alice.address, c.validators[0]);
    assert.deepEqual(d.delegations[0].pending, { provision: pending.provision.toString(), tip: pending.tip.toString() });
    const r = await call('staking_getRewards', [alice.addressText]);
    assert.ok(BigInt(r.earned.provision) > 0n);
    assert.deepEqual([...new Set(r.history.map((x: any) => x.cause))].sort(), ['provision', 'tip']);
    const opr = await call('staking_getRewards', [c.operators[0].addressText]);
    assert.equal(opr.commissionDue.length, 1);
    const ev = await call('staking_getEvidence');
    assert.deepEqual(ev.map((x: any) => [x.kind, x.validator]), [['double-sign', encodeAddress(c.validators[3])]]);
    const apr = await call('staking_getApr');
    const withCommission = await call('staking_getApr', [encodeAddress(c.validators[0])]);
    const viaPool = await call('staking_getApr', [null, true]);
    assert.ok(Number(apr.apr) > Number(withCommission.apr), 'commission lowers the APR');
    assert.equal(viaPool.poolFee, '0.1');
    assert.ok(Number(apr.apy) > Number(apr.apr), 'daily compounding');
    const pool = await call('staking_getPool', [bob.addressText]);
    assert.equal(pool.validators.length, 1);
    assert.equal(pool.pooled, poolHoldings(c.state).pooled.toString());
    assert.equal(pool.position.shares, (32n * C + C / 100n).toString());
  } finally {
    await server.close();
  }
});

test('on a chain without proof of stake the staking endpoints answer -32001 RPC_NO_STAKING', async () => {
  const tc = await createTestChain();
  const { server, rpc } = await serve(tc.chain);
  try {
    for (const m of ['staking_getValidators', 'staking_getApr', 'staking_getPool', 'staking_getEvidence']) {
      const r = await rpc(m);
      assert.equal(r.error.code, -32001, m);
      assert.equal(r.error.data.code, 'RPC_NO_STAKING', m);
    }
  } finally {
    await server.close();
  }
});

test('tx_estimateGas takes a module name with a hyphen (staking-pool), as transactions do', async () => {
  // Found by the CLI: the param rule allowed only [A-Za-z0-9_], so no client could estimate (and
  // therefore send) a staking-pool command; the transaction codec itself takes any name.
  const c = await PosChain.create();
  const { server, rpc } = await serve(c.chain);
  try {
    const r = await rpc('tx_estimateGas', ['staking-pool', 'deposit', bytesToHex(encode(DepositParams, { amount: C }))]);
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    assert.ok(BigInt(r.result.gas) > 0n);
  } finally {
    await server.close();
  }
});
