/**
 * NFTs: collections (with a mined collection's next target), a gallery of tokens with their traits
 * and an audio player for each token's generated music (the node's GET /nft/<c>/<t>/audio.wav),
 * and the marketplace's listings with the royalty split shown. On a devnet a dev account (or a
 * typed mnemonic) kept in the page signs market.buy, and market.list for tokens it owns, through the
 * client SDK.
 */
import { useState } from 'preact/hooks';
import { NftClient } from '../../client/index.js';
import type { CollectionJson, ListingJson, NftTokenJson } from '../../client/index.js';
import { client, errorText, useAsync, useHead } from '../rpc.js';
import { coins, short } from '../format.js';
import { Absent, AddressLink, Card, Failed, Fields, Loading, TxLink } from '../ui.js';
import { AccountPicker, useAccount } from '../account.js';
import { ListForm } from './nft-list.js';
import type { PageAccount } from '../wallet.js';

const nft = new NftClient(client);
const keyOf = (c: number, t: string) => `${c}/${t}`;

function Traits({ c, t }: { c: number; t: string }) {
  const m = useAsync(() => nft.metadata(c, t), [c, t]);
  if (m.error) return <Failed error={m.error} />;
  if (!m.value) return <Loading />;
  return (
    <>
      <p class="token-name">{m.value.name}</p>
      <ul class="traits" aria-label="Traits">
        {m.value.attributes.map((a) => (
          <li key={a.trait_type}>
            <span class="muted">{a.trait_type}</span> {String(a.value)}
          </li>
        ))}
      </ul>
      <p class="muted small">
        {m.value.audio.seconds} s of {m.value.audio.sample_rate} Hz {m.value.audio.format}
      </p>
    </>
  );
}

/** The state of the page's last purchase (kept above the gallery: a bought token's listing disappears). */
interface Purchase {
  busy?: boolean;
  id?: string;
  status?: string;
  error?: string;
}

type BuyFn = (listing: ListingJson) => void;

function Buy({ listing, account, buy, busy }: { listing: ListingJson; account: PageAccount | undefined; buy: BuyFn; busy: boolean }) {
  if (!account) return <p class="muted small">Pick an account above to buy.</p>;
  if (listing.seller === account.address) return <p class="muted small">Listed by this account.</p>;
  return (
    <div class="buy">
      <button type="button" onClick={() => buy(listing)} disabled={busy} data-testid={`buy-${listing.collectionId}-${listing.tokenId}`}>
        Buy for {coins(listing.price)} CWC as {account.label}
      </button>
    </div>
  );
}

function PurchaseStatus({ p }: { p: Purchase }) {
  if (!p.id && !p.error && !p.busy) return null;
  return (
    <div class="purchase">
      {p.busy && !p.id && <p role="status">Signing and sending…</p>}
      {p.id && (
        <p role="status" data-testid="buy-status">
          Purchase <TxLink id={p.id} />: {p.status}
        </p>
      )}
      {p.error && (
        <p class="error" role="alert" data-testid="buy-error">
          {p.error}
        </p>
      )}
    </div>
  );
}

function TokenCard({ t, listing, account, buy, busy }: { t: NftTokenJson; listing?: ListingJson; account?: PageAccount; buy: BuyFn; busy: boolean }) {
  return (
    <article class="token" data-testid={`token-${t.collectionId}-${t.tokenId}`} aria-label={`Token ${t.tokenId} of collection ${t.collectionId}`}>
      <div class="swatch" aria-hidden="true" style={{ background: `linear-gradient(135deg, #${t.contentHash.slice(0, 6)}, #${t.contentHash.slice(6, 12)})` }} />
      <h3>
        #{t.tokenId} <span class="muted small">collection {t.collectionId}</span>
      </h3>
      <Traits c={t.collectionId} t={t.tokenId} />
      <audio controls preload="metadata" src={nft.audioUrl(t.collectionId, t.tokenId)} aria-label={`Music of token ${t.tokenId}`} data-testid="token-audio" />
      <p class="small">
        Owner <AddressLink address={t.owner} />
      </p>
      {listing && listing.status === 'active' && (
        <div class="listing" data-testid="listing">
          <Fields
            rows={[
              ['Price', `${coins(listing.price)} CWC`],
              ['Royalty', listing.royaltyReceiver ? <>{coins(listing.royalty)} CWC to <AddressLink address={listing.royaltyReceiver} /></> : 'none'],
              ['Market fee', `${coins(listing.fee)} CWC (${listing.feeBps / 100} %)`],
              ['Seller gets', `${coins(listing.proceeds)} CWC`],
            ]}
          />
          <Buy listing={listing} account={account} buy={buy} busy={busy} />
        </div>
      )}
      {account && t.owner === account.address && <ListForm t={t} account={account} nft={nft} listed={listing?.status === 'active'} />}
    </article>
  );
}

function Collection({ c, listings, account, buy, busy }: { c: CollectionJson; listings: Map<string, ListingJson>; account?: PageAccount; buy: BuyFn; busy: boolean }) {
  const head = useHead();
  const toks = useAsync(() => nft.tokensIn(c.collectionId, { limit: 24 }), [c.collectionId, head?.height]);
  return (
    <Card title={`${c.name} (${c.symbol})`} id={`collection-${c.collectionId}`}>
      <Fields
        rows={[
          ['Minted', `${c.minted}${c.maxSupply !== '0' ? ` of ${c.maxSupply}` : ''} (${c.burned} burned)`],
          ['Mint rule', c.mintRule],
          ['Royalty', c.royalty ? `${c.royalty.bps / 100} % to ${short(c.royalty.receiver, 10, 6)}` : 'none'],
          ...(c.next ? [['Next mined token', `#${c.next.tokenId}, generation ${c.next.generation}, ~${BigInt(c.next.expectedHashes).toLocaleString('en-US')} hashes expected`] as [string, string]] : []),
        ]}
      />
      {toks.error ? (
        <Failed error={toks.error} />
      ) : !toks.value ? (
        <Loading />
      ) : toks.value.tokens.length === 0 ? (
        <p class="muted">No tokens yet.</p>
      ) : (
        <div class="gallery">
          {toks.value.tokens.map((t) => (
            <TokenCard key={t.tokenId} t={t} listing={listings.get(keyOf(t.collectionId, t.tokenId))} account={account} buy={buy} busy={busy} />
          ))}
        </div>
      )}
    </Card>
  );
}

/** The NFTs page. */
export function Nfts() {
  const head = useHead();
  const cols = useAsync(() => nft.listCollections({ limit: 20 }), [head?.height]);
  const lst = useAsync(() => nft.listings({ limit: 1000 }), [head?.height]);
  const { account } = useAccount();
  const [purchase, setPurchase] = useState<Purchase>({});
  const buy: BuyFn = async (listing) => {
    if (!account) return;
    setPurchase({ busy: true });
    try {
      const { id } = await nft.buy(account, { collectionId: listing.collectionId, tokenId: BigInt(listing.tokenId), price: BigInt(listing.price), assetId: listing.assetId });
      setPurchase({ busy: true, id, status: `token #${listing.tokenId} sent, waiting for a block…` });
      const inc = await client.waitForTx(id, { timeoutMs: 120_000 });
      setPurchase({ id, status: inc.receipt.status === 'success' ? `bought token #${listing.tokenId} of collection ${listing.collectionId} in block ${inc.height}` : `failed: ${inc.receipt.error ?? ''}` });
    } catch (e) {
      setPurchase({ error: errorText(e) });
    }
  };
  if (cols.error) return <Failed error={cols.error} />;
  if (!cols.value) return <Loading />;
  const listings = new Map((lst.value?.listings ?? []).map((l) => [keyOf(l.collectionId, l.tokenId), l]));
  const active = (lst.value?.listings ?? []).filter((l) => l.status === 'active');
  return (
    <>
      <h1>NFTs</h1>
      {cols.value.collections.length === 0 ? (
        <Absent what="NFT collections" why="No collection exists on this chain yet (coinworks nft collection create)." />
      ) : (
        <>
          <AccountPicker devnet={/devnet$/.test(head?.network ?? '')} />
          <Card title={`Marketplace (${active.length} active listings)`} id="market">
            {active.length === 0 ? <p class="muted">Nothing is for sale right now.</p> : <p>Listed tokens show their price, royalty and a buy button in the gallery below.</p>}
            <PurchaseStatus p={purchase} />
          </Card>
          {cols.value.collections.map((c) => (
            <Collection key={c.collectionId} c={c} listings={listings} account={account} buy={buy} busy={purchase.busy === true} />
          ))}
        </>
      )}
    </>
  );
}
