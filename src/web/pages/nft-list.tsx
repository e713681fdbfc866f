/**
 * NFTs page, acting: list a token the page's account owns for sale (market.list, in CWC, for a number
 * of days from the head's time), signed in the page through NftClient.
 */
import { useState } from 'preact/hooks';
import type { NftClient, NftTokenJson } from '../../client/index.js';
import { ActionStatus, useAction } from '../account.js';
import { client } from '../rpc.js';
import { coins, parseCoins } from '../format.js';
import type { PageAccount } from '../wallet.js';

/** Listing days offered by default (the CLI's default: cli/commands/market.ts DEFAULT_LISTING_SECONDS, 7 days). */
const DEFAULT_DAYS = '7';

/** The list-for-sale form of one token owned by `account` (hidden while it is listed; the outcome of the page's last listing stays shown). */
export function ListForm({ t, account, nft, listed }: { t: NftTokenJson; account: PageAccount; nft: NftClient; listed: boolean }) {
  const [price, setPrice] = useState('1');
  const [days, setDays] = useState(DEFAULT_DAYS);
  const [err, setErr] = useState('');
  const list = useAction();
  const id = `list-${t.collectionId}-${t.tokenId}`;
  const submit = (e: Event) => {
    e.preventDefault();
    setErr('');
    let units: bigint;
    const d = Number(days);
    try {
      units = parseCoins(price);
      if (!Number.isInteger(d) || d < 1 || d > 3650) throw new Error('days: a whole number from 1 to 3650');
    } catch (x) {
      return setErr((x as Error).message);
    }
    void list.run(
      async () => {
        const head = await client.getHead();
        return nft.list(account, { collectionId: t.collectionId, tokenId: BigInt(t.tokenId), price: units, assetId: 0, expiresAt: BigInt(head.time + d * 86_400) });
      },
      (h) => `listed #${t.tokenId} for ${coins(units)} CWC in block ${h}`,
    );
  };
  return (
    <>
      {!listed && (
        <form class="list-form" onSubmit={submit} aria-label={`List token ${t.tokenId} for sale`}>
          <label>
            Price (CWC) <input inputMode="decimal" size={8} value={price} onInput={(e) => setPrice((e.target as HTMLInputElement).value)} data-testid={`${id}-price`} />
          </label>
          <label>
            for days <input inputMode="numeric" size={4} value={days} onInput={(e) => setDays((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" disabled={list.state.busy} data-testid={`${id}-submit`}>
            List as {account.label}
          </button>
        </form>
      )}
      {err && (
        <p class="error" role="alert">
          {err}
        </p>
      )}
      <ActionStatus s={list.state} id={id} what="Listing" />
    </>
  );
}
