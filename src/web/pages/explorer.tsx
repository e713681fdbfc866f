/**
 * Explorer: search (height, block hash, transaction id, address), and the block, transaction
 * (status, fee split, events, params) and account (balances by asset, NFTs, recent activity) pages.
 * The node keeps no index by address, so an account's activity is what the last blocks show.
 */
import { useState } from 'preact/hooks';
import { RpcError } from '../../client/index.js';
import type { BlockJson, TxJson, TxResult } from '../../client/index.js';
import { client, useAsync, useHead } from '../rpc.js';
import { coins, int, short, when } from '../format.js';
import { href } from '../route.js';
import { AddressLink, BlockLink, Card, Failed, Fields, Loading, TxLink } from '../ui.js';

const HEX64 = /^[0-9a-fA-F]{64}$/;
const ADDRESS = /^cw1[02-9ac-hj-np-z]{6,}$/i;

const notFound = (e: unknown) => e instanceof RpcError && (e.code === 'RPC_NOT_FOUND' || e.rpcCode === -32001 || e.rpcCode === -32602);

/** Where a search leads: ['block', h], ['tx', id], ['address', a], or undefined when nothing matches. */
export async function resolveSearch(q: string): Promise<string[] | undefined> {
  if (/^\d+$/.test(q)) {
    try {
      await client.getBlock(Number(q));
      return ['block', q];
    } catch (e) {
      if (notFound(e)) return undefined;
      throw e;
    }
  }
  if (HEX64.test(q)) {
    const id = q.toLowerCase();
    const [b, t] = await Promise.allSettled([client.getBlock(id), client.getTransaction(id)]);
    if (b.status === 'fulfilled') return ['block', id];
    if (t.status === 'fulfilled') return ['tx', id];
    return undefined;
  }
  if (ADDRESS.test(q)) return ['address', q.toLowerCase()];
  return undefined;
}

/** The explorer's landing page. */
export function Explorer() {
  const head = useHead();
  return (
    <>
      <h1>Explorer</h1>
      <Card title="Search">
        <p>
          Use the search box above with a block height, a block hash, a transaction id (64 hex digits) or a <span class="mono">cw1…</span> address.
        </p>
        {head && (
          <p>
            Latest block: <BlockLink id={head.height} /> (<span class="mono">{short(head.hash)}</span>)
          </p>
        )}
      </Card>
    </>
  );
}

/** A block. */
export function BlockPage({ id }: { id: string }) {
  const r = useAsync(() => client.getBlock(/^\d+$/.test(id) ? Number(id) : id, true), [id]);
  if (r.loading && !r.value) return <Loading />;
  if (r.error) return <Failed error={r.error} />;
  const b = r.value as BlockJson<TxJson>;
  return (
    <>
      <h1>
        Block <span data-testid="block-height">{b.height}</span>
      </h1>
      <Card title="Header">
        <Fields
          rows={[
            ['Hash', <span class="mono break" data-testid="block-hash">{b.hash}</span>],
            ['Previous', b.height > 0 ? <BlockLink id={b.prevHash} /> : '—'],
            ['Time', when(b.time)],
            ['Status', `${b.status}${b.mainChain ? ', main chain' : ', side chain'}, ${b.confirmations} confirmations`],
            ['Difficulty', b.difficulty],
            ['Nonce', String(b.nonce)],
            ['Size', `${int(b.size)} bytes`],
            ['Base fee', `${int(b.baseFeePerGas)} per gas`],
            ['Gas used', int(b.gasUsed)],
            ['Beneficiary', typeof b.coinbase.beneficiary === 'string' ? <AddressLink address={b.coinbase.beneficiary} full /> : '—'],
            ['State root', <span class="mono break">{b.stateRoot}</span>],
          ]}
        />
        <p>
          {b.height > 0 && <a href={href('block', b.height - 1)}>← previous</a>} {b.confirmations > 1 && <a href={href('block', b.height + 1)}>next →</a>}
        </p>
      </Card>
      <Card title={`Transactions (${b.txCount})`}>
        {b.txs.length === 0 ? (
          <p class="muted">No transactions in this block.</p>
        ) : (
          <div class="table-wrap" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Command</th>
                  <th scope="col">Sender</th>
                  <th scope="col">Status</th>
                  <th scope="col">Fee</th>
                </tr>
              </thead>
              <tbody>
                {b.txs.map((t, i) => (
                  <tr key={t.id} data-testid="tx-row">
                    <td>
                      <TxLink id={t.id} />
                    </td>
                    <td>
                      {t.body.module}.{t.body.command}
                    </td>
                    <td>
                      <AddressLink address={t.sender} />
                    </td>
                    <td>{b.receipts?.[i]?.status ?? '—'}</td>
                    <td>{b.receipts?.[i] ? `${coins(b.receipts[i].fee, 0)} CWC` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {b.blockEvents && b.blockEvents.length > 0 && (
        <Card title="Block events">
          <Events events={b.blockEvents} />
        </Card>
      )}
    </>
  );
}

function Events({ events }: { events: ReadonlyArray<{ module: string; name: string; data: unknown }> }) {
  return (
    <ol class="events">
      {events.map((e, i) => (
        <li key={i}>
          <strong>
            {e.module}.{e.name}
          </strong>
          <pre tabIndex={0}>{JSON.stringify(e.data, null, 1)}</pre>
        </li>
      ))}
    </ol>
  );
}

/** A transaction. */
export function TxPage({ id }: { id: string }) {
  const head = useHead();
  const r = useAsync(() => client.getTransaction(id), [id, head?.height]);
  if (r.loading && !r.value) return <Loading />;
  if (r.error) return <Failed error={r.error} />;
  const t = r.value as TxResult;
  if (t.status === 'pending')
    return (
      <>
        <h1>Transaction</h1>
        <Card title="Pending">
          <p data-testid="tx-status">pending: in the mempool, not yet in a block</p>
          <p class="mono break">{t.id}</p>
        </Card>
      </>
    );
  const rc = t.receipt;
  return (
    <>
      <h1>Transaction</h1>
      <Card title="Summary">
        <Fields
          rows={[
            ['Id', <span class="mono break" data-testid="tx-id">{t.id}</span>],
            ['Status', <span class={rc.status === 'success' ? 'ok' : 'error'} data-testid="tx-status">{rc.status}{rc.error ? `: ${rc.error}` : ''}</span>],
            ['Block', <><BlockLink id={t.height} /> (position {t.index}, {t.confirmations} confirmations)</>],
            ['Command', `${t.tx.body.module}.${t.tx.body.command}`],
            ['Sender', <AddressLink address={t.tx.sender} full />],
            ['Nonce', t.tx.body.nonce],
            ['Size', `${t.tx.size} bytes`],
          ]}
        />
      </Card>
      <Card title="Fee" id="fee-split">
        <Fields
          rows={[
            ['Gas used', `${int(rc.gasUsed)} of ${int(t.tx.body.gasLimit)}`],
            ['Fee paid', `${coins(rc.fee, 0)} CWC`],
            ['Burned (base fee)', `${coins(rc.burned, 0)} CWC`],
            ['Tip to the block producer', `${coins(rc.tip, 0)} CWC`],
            ['Max fee / tip per gas', `${int(t.tx.body.maxFeePerGas)} / ${int(t.tx.body.maxTipPerGas)}`],
          ]}
        />
      </Card>
      <Card title="Parameters">
        <pre tabIndex={0}>{JSON.stringify(t.tx.decodedParams, null, 1)}</pre>
      </Card>
      <Card title={`Events (${rc.events.length})`}>{rc.events.length ? <Events events={rc.events} /> : <p class="muted">No events.</p>}</Card>
    </>
  );
}

const SCAN_BLOCKS = 100;

/** An account. */
export function AddressPage({ address }: { address: string }) {
  const head = useHead();
  const acct = useAsync(() => client.getAccount(address), [address, head?.height]);
  const nfts = useAsync(() => client.request('nft_tokensOf', [address, { limit: 50 }]), [address, head?.height]);
  const [scan, setScan] = useState(false);
  const activity = useAsync(async () => {
    if (!scan || !head) return [];
    const out: Array<{ height: number; tx: TxJson; role: string }> = [];
    const from = Math.max(0, head.height - SCAN_BLOCKS + 1);
    for (let h = head.height; h >= from; h -= 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, h - from + 1) }, (_, i) => client.getBlock(h - i, true)));
      for (const b of batch)
        for (const tx of b.txs) {
          const p = tx.decodedParams as Record<string, unknown> | null;
          const to = p && typeof p === 'object' ? p.to : undefined;
          if (tx.sender === address) out.push({ height: b.height, tx, role: 'sent' });
          else if (to === address) out.push({ height: b.height, tx, role: 'received' });
        }
    }
    return out;
  }, [address, scan]);
  return (
    <>
      <h1>Account</h1>
      <p class="mono break" data-testid="address">
        {address}
      </p>
      <p>
        <a href={href('staking', address)} data-testid="staking-link">
          Delegations and staking rewards of this address
        </a>
      </p>
      <Card title="Balances">
        {acct.error ? (
          <Failed error={acct.error} />
        ) : !acct.value ? (
          <Loading />
        ) : (
          <>
            <Fields
              rows={[
                ['Nonce', `${acct.value.nonce} (pending ${acct.value.pendingNonce})`],
                ...acct.value.balances.map((b): [string, string] => [b.assetId === 0 ? 'CWC (asset 0)' : `Asset ${b.assetId}`, coins(b.amount)]),
              ]}
            />
          </>
        )}
      </Card>
      <Card title="NFTs">
        {nfts.error ? (
          <Failed error={nfts.error} />
        ) : !nfts.value ? (
          <Loading />
        ) : nfts.value.tokens.length === 0 ? (
          <p class="muted">No NFTs.</p>
        ) : (
          <ul>
            {nfts.value.tokens.map((t) => (
              <li key={`${t.collectionId}-${t.tokenId}`}>
                Collection {t.collectionId}, token <a href={href('nfts')}>#{t.tokenId}</a>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Recent activity">
        {!scan ? (
          <button type="button" onClick={() => setScan(true)}>
            Scan the last {SCAN_BLOCKS} blocks
          </button>
        ) : activity.loading ? (
          <Loading />
        ) : activity.error ? (
          <Failed error={activity.error} />
        ) : (activity.value ?? []).length === 0 ? (
          <p class="muted">No transactions from or to this address in the last {SCAN_BLOCKS} blocks.</p>
        ) : (
          <ul>
            {activity.value!.map((a) => (
              <li key={a.tx.id}>
                <BlockLink id={a.height} /> {a.role} <TxLink id={a.tx.id} /> {a.tx.body.module}.{a.tx.body.command}
              </li>
            ))}
          </ul>
        )}
        <p class="note">The node keeps no index by address: this scans recent blocks in the browser.</p>
      </Card>
    </>
  );
}
