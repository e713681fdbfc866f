/** Assets: fixed and issuer policies (Circle minter allowances), bank transfers of assets, the supply ledger by cause. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestChain } from '../../src/testing/chain.js';
import { errorCodeOf, eventsOf, IssuanceDriver } from '../../src/testing/issuance.js';
import { nativeSupplyCheck } from '../../src/testing/invariants.js';
import { balanceOf, getAccount } from '../../src/state/modules/accounts/method.js';
import { MultiSendParams, TransferParams } from '../../src/state/modules/bank/schemas.js';
import { assetIdBySymbol, assetSupply, getAsset, listAssets, minterAllowance } from '../../src/state/modules/assets/method.js';
import { BurnParams, ConfigureMinterParams, CreateAssetParams, MintParams, RemoveMinterParams, SetIssuerParams } from '../../src/state/modules/assets/schemas.js';
import { AssetCreatedEvent, MintedEvent } from '../../src/state/modules/assets/events.js';
import { TransferEvent } from '../../src/state/modules/bank/events.js';

const memo = new Uint8Array(0);

async function chain() {
  const tc = await createTestChain({ accounts: 5 });
  const d = new IssuanceDriver(tc);
  const bal = (who: Uint8Array, assetId: number) => tc.chain.view((st) => balanceOf(getAccount(st, who), assetId));
  return { tc, d, bal, keys: tc.keys };
}

test('a fixed asset gives its whole supply to the creator; ids count from 1; balances move through the bank', async () => {
  const { tc, d, bal, keys } = await chain();
  const [creator, bob, carol] = keys;
  const r = await d.run(await d.tx(creator, 'assets', 'create', CreateAssetParams, { symbol: 'GOLD', name: 'Gold grams', decimals: 3, policy: 'fixed', supply: 1_000_000n }));
  assert.equal(r.status, 'success');
  const id = eventsOf(r, AssetCreatedEvent)[0].assetId;
  assert.equal(id, 1);
  assert.equal(await bal(creator.address, id), 1_000_000n);
  assert.deepEqual((await tc.chain.view((st) => getAsset(st, id)))!.policy, 'fixed');
  const moved = await d.mine(
    await d.tx(creator, 'bank', 'transfer', TransferParams, { to: bob.address, assetId: id, amount: 400n, memo }),
    await d.tx(creator, 'bank', 'multiSend', MultiSendParams, { outputs: [{ to: bob.address, assetId: id, amount: 100n }, { to: carol.address, assetId: id, amount: 50n }] }),
  );
  assert.deepEqual(moved.map(errorCodeOf), [null, null]);
  assert.deepEqual(eventsOf(moved[0], TransferEvent)[0].assetId, id);
  assert.deepEqual([await bal(creator.address, id), await bal(bob.address, id), await bal(carol.address, id)], [999_450n, 500n, 50n]);
  // Holders of a fixed asset burn their own units; nobody mints more.
  const after = await d.mine(await d.tx(bob, 'assets', 'burn', BurnParams, { assetId: id, amount: 200n }), await d.tx(creator, 'assets', 'mint', MintParams, { assetId: id, to: creator.address, amount: 1n }));
  assert.deepEqual(after.map(errorCodeOf), [null, 'TX_UNAUTHORIZED']);
  const s = (await tc.chain.view((st) => assetSupply(st, id)));
  assert.deepEqual([s.byCause.mint, s.byCause.burn, s.total], [1_000_000n, 200n, 999_800n]);
  const r2 = await d.run(await d.tx(bob, 'assets', 'create', CreateAssetParams, { symbol: 'SILVER', name: 'Silver', decimals: 0, policy: 'fixed', supply: 5n }));
  assert.equal(eventsOf(r2, AssetCreatedEvent)[0].assetId, 2);
  assert.deepEqual((await tc.chain.view((st) => listAssets(st))).map((a) => a.symbol), ['GOLD', 'SILVER']);
  const n = await nativeSupplyCheck(tc.chain);
  assert.equal(n.held, n.ledger);
});

test('creation rules: symbol format and uniqueness, decimals, supply by policy, governed only through stablecoin.create', async () => {
  const { tc, d, keys } = await chain();
  const [creator, bob] = keys;
  const create = (symbol: string, policy: 'fixed' | 'issuer' | 'governed', supply: bigint, decimals = 2) =>
    d.tx(creator, 'assets', 'create', CreateAssetParams, { symbol, name: symbol, decimals, policy, supply });
  const rs = await d.mine(create('GOLD', 'fixed', 10n), create('gold', 'fixed', 10n), create('BAD', 'fixed', 10n, 19), create('ZERO', 'fixed', 0n), create('ISS', 'issuer', 5n), create('GOV', 'governed', 0n), create(tc.params.coin.symbol, 'fixed', 1n));
  assert.deepEqual(rs.map(errorCodeOf), [null, 'TX_INVALID_PARAMS', 'TX_INVALID_PARAMS', 'TX_INVALID_PARAMS', 'TX_INVALID_PARAMS', 'TX_INVALID_PARAMS', 'TX_DUPLICATE']);
  assert.match(rs[5].error!, /stablecoin\.create/);
  const dup = await d.run(await d.tx(bob, 'assets', 'create', CreateAssetParams, { symbol: 'GOLD', name: 'Fake gold', decimals: 2, policy: 'fixed', supply: 1n }));
  assert.equal(errorCodeOf(dup), 'TX_DUPLICATE');
  assert.equal((await tc.chain.view((st) => assetIdBySymbol(st, 'GOLD'))), 1);
});

test('issuer assets: configureMinter overwrites the allowance, mint lowers it, burn never restores it', async () => {
  const { tc, d, bal, keys } = await chain();
  const [issuer, minter, holder, stranger] = keys;
  const r = await d.run(await d.tx(issuer, 'assets', 'create', CreateAssetParams, { symbol: 'EURC', name: 'Euro coin', decimals: 6, policy: 'issuer', supply: 0n }));
  const id = eventsOf(r, AssetCreatedEvent)[0].assetId;
  const configure = (who: typeof issuer, allowance: bigint) => d.tx(who, 'assets', 'configureMinter', ConfigureMinterParams, { assetId: id, minter: minter.address, allowance });
  const mint = (amount: bigint, who = minter) => d.tx(who, 'assets', 'mint', MintParams, { assetId: id, to: holder.address, amount });
  const c = await d.mine(configure(stranger, 1_000n), configure(issuer, 1_000n), configure(issuer, 600n));
  assert.deepEqual(c.map(errorCodeOf), ['TX_UNAUTHORIZED', null, null]);
  assert.equal((await tc.chain.view((st) => minterAllowance(st, id, minter.address))), 600n, 'configureMinter overwrites');
  const m = await d.mine(mint(400n), mint(201n), mint(5n, stranger), mint(200n));
  assert.deepEqual(m.map(errorCodeOf), [null, 'TX_ALLOWANCE_EXCEEDED', 'TX_UNAUTHORIZED', null]);
  assert.equal(eventsOf(m[3], MintedEvent)[0].allowance, 0n);
  assert.equal(await bal(holder.address, id), 600n);
  // The minter gets units and burns them: its allowance stays 0. A non-minter cannot burn.
  await d.run(await d.tx(holder, 'bank', 'transfer', TransferParams, { to: minter.address, assetId: id, amount: 100n, memo }));
  const b = await d.mine(await d.tx(minter, 'assets', 'burn', BurnParams, { assetId: id, amount: 100n }), await d.tx(holder, 'assets', 'burn', BurnParams, { assetId: id, amount: 1n }));
  assert.deepEqual(b.map(errorCodeOf), [null, 'TX_UNAUTHORIZED']);
  assert.equal((await tc.chain.view((st) => minterAllowance(st, id, minter.address))), 0n);
  assert.equal(errorCodeOf(await d.run(mint(1n))), 'TX_ALLOWANCE_EXCEEDED');
  const s = (await tc.chain.view((st) => assetSupply(st, id)));
  assert.deepEqual([s.byCause.mint, s.byCause.burn, s.total], [600n, 100n, 500n]);
  // The issuer role can move (e.g. to a multisig); the old issuer loses it; removed minters cannot mint.
  const h = await d.mine(await d.tx(issuer, 'assets', 'setIssuer', SetIssuerParams, { assetId: id, issuer: stranger.address }), await d.tx(issuer, 'assets', 'removeMinter', RemoveMinterParams, { assetId: id, minter: minter.address }));
  assert.deepEqual(h.map(errorCodeOf), [null, 'TX_UNAUTHORIZED']);
  const rm = await d.mine(await d.tx(stranger, 'assets', 'removeMinter', RemoveMinterParams, { assetId: id, minter: minter.address }), mint(1n));
  assert.deepEqual(rm.map(errorCodeOf), [null, 'TX_UNAUTHORIZED']);
  assert.equal((await tc.chain.view((st) => minterAllowance(st, id, minter.address))), undefined);
});
