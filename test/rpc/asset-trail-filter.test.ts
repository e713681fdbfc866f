/**
 * Issue 14, item 8: an asset's audit trail (asset_events) holds only what is about that asset. Two
 * stablecoins share one mint group; a failed mint of the other asset (no attestation) is proposed,
 * approved and executed by that group, and none of it appears in USDKG's trail, while USDKG's own
 * failed mint and the group's own creation do.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeAddress } from '../../src/crypto/address.js';
import { Mempool } from '../../src/mempool/mempool.js';
import { createRpcServer } from '../../src/rpc/server.js';
import { action, eventsOf } from '../../src/testing/issuance.js';
import { AssetCreatedEvent } from '../../src/state/modules/assets/events.js';
import { CreateParams as StablecoinCreateParams, MintParams } from '../../src/state/modules/stablecoin/schemas.js';
import { FakeMiner } from './helpers.js';
import { governed } from '../state/stablecoin-helpers.js';

test("asset_events: a shared group's proposals about another asset stay out of this asset's trail", async (t) => {
  const s = await governed();
  const { d, g, id } = s;
  const other = await d.run(
    d.tx(s.tc.keys[0], 'stablecoin', 'create', StablecoinCreateParams, {
      symbol: 'EURKG',
      name: 'EURKG',
      decimals: 6,
      mintGroup: g.mintGroup,
      complianceGroup: g.complianceGroup,
      auditors: [g.auditor.address],
      reserveMarginBps: 0,
      maxAttestationAge: 86_400,
    }),
  );
  assert.equal(other.status, 'success', other.error ?? '');
  const eur = eventsOf(other, AssetCreatedEvent)[0].assetId;
  const to = g.holders[0].address;
  // Both mints fail when they execute (no reserve attestation yet): failures are recorded in the group's trail.
  const eurMint = await d.act(g.mintGroup, g.minters.slice(0, 3), action('stablecoin', 'mint', MintParams, { assetId: eur, to, amount: 5n }));
  const usdMint = await d.act(g.mintGroup, g.minters.slice(0, 3), action('stablecoin', 'mint', MintParams, { assetId: id, to, amount: 7n }));
  assert.deepEqual([eurMint.ok, usdMint.ok], [false, false]);

  const mempool = new Mempool(s.tc.chain);
  const server = await createRpcServer({ chain: s.tc.chain, mempool, miner: new FakeMiner() }, { port: 0 });
  t.after(async () => {
    await server.close();
    mempool.dispose();
  });
  const call = async (method: string, params: unknown[]) => {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
    const r = (await res.json()) as { result?: any; error?: { message: string } };
    if (r.error) throw new Error(`${method}: ${r.error.message}`);
    return r.result;
  };
  const mg = encodeAddress(g.mintGroup);
  const groupEvents = (trail: { events: any[] }) => trail.events.filter((e) => e.module === 'multisig' && e.data.multisig === mg).map((e) => `${e.name} ${e.data.proposalId ?? '-'}`);

  // The group's own trail has both proposals (0: EURKG, 1: USDKG).
  const all = groupEvents(await call('multisig_events', [mg]));
  assert.deepEqual(all, ['created -', 'proposed 0', 'approved 0', 'approved 0', 'approved 0', 'executed 0', 'proposed 1', 'approved 1', 'approved 1', 'approved 1', 'executed 1']);
  // USDKG's trail: the group's creation and proposal 1 only; EURKG's: proposal 0 only.
  assert.deepEqual(groupEvents(await call('asset_events', ['USDKG'])), ['created -', 'proposed 1', 'approved 1', 'approved 1', 'approved 1', 'executed 1']);
  assert.deepEqual(groupEvents(await call('asset_events', ['EURKG'])), ['created -', 'proposed 0', 'approved 0', 'approved 0', 'approved 0', 'executed 0']);
});
