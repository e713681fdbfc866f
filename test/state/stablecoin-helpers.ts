/** Shared set-up of the stablecoin tests: the seed's governed asset and shorthand for its commands. */
import { createHash } from 'node:crypto';
import { createTestChain } from '../../src/testing/chain.js';
import { action, governedKeyCount, IssuanceDriver, setupGoverned, type GovernedOptions } from '../../src/testing/issuance.js';
import { balanceOf, getAccount } from '../../src/state/modules/accounts/method.js';
import { TransferParams } from '../../src/state/modules/bank/schemas.js';
import { AccountRef, AssetRef, AttestParams, MintParams, RedeemParams } from '../../src/state/modules/stablecoin/schemas.js';
import { assetSupply } from '../../src/state/modules/assets/method.js';
import type { TestKey } from '../../src/testing/keys.js';

/** SHA-256 of a report's text: what an auditor attests alongside the reserve. */
export function reportHash(text: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(text).digest());
}

/** A chain with the seed's governed asset (3 of 7 mint group, 5 of 5 compliance) and two spare keys. */
export async function governed(o: GovernedOptions = {}) {
  const tc = await createTestChain({ accounts: governedKeyCount(o) + 2 });
  const d = new IssuanceDriver(tc);
  const g = await setupGoverned(d, o);
  const [outsider, sanctioned] = tc.keys.slice(-2);
  const id = g.assetId;
  return {
    tc,
    d,
    g,
    id,
    outsider,
    sanctioned,
    bal: (who: Uint8Array, assetId = id) => tc.chain.view((st) => balanceOf(getAccount(st, who), assetId)),
    supply: () => tc.chain.view((st) => assetSupply(st, id)),
    attest: (reserve: bigint, report = `custody report ${reserve}`) => d.tx(g.auditor, 'stablecoin', 'attest', AttestParams, { assetId: id, reserve, reportHash: reportHash(report) }),
    transfer: (from: TestKey, to: Uint8Array, amount: bigint, assetId = id) => d.tx(from, 'bank', 'transfer', TransferParams, { to, assetId, amount, memo: new Uint8Array(0) }),
    redeem: (from: TestKey, amount: bigint) => d.tx(from, 'stablecoin', 'redeem', RedeemParams, { assetId: id, amount, reference: reportHash(`payout ${amount}`) }),
    /** The mint group (3 approvals by default) mints `amount` to `to`. */
    mint: (to: Uint8Array, amount: bigint, approvers = 3) => d.act(g.mintGroup, g.minters.slice(0, approvers), action('stablecoin', 'mint', MintParams, { assetId: id, to, amount })),
    /** The mint group runs a command on the asset (pause, unpause, ...). */
    mintGroupDoes: (command: string) => d.act(g.mintGroup, g.minters.slice(0, 3), action('stablecoin', command, AssetRef, { assetId: id })),
    /** The compliance group (all 5) runs freeze / unfreeze / blacklist / unblacklist / wipe on an account. */
    complianceDoes: (command: string, account: Uint8Array) => d.act(g.complianceGroup, g.officers, action('stablecoin', command, AccountRef, { assetId: id, account })),
  };
}
