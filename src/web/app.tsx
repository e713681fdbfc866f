/**
 * The dashboard shell: header with the network and live head, navigation, the search box (height,
 * block hash, transaction id or address), and the page of the current route. Pages other than the
 * overview and explorer load on first visit (their own chunks), so the first load stays small.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useHead, useLive } from './rpc.js';
import { go, href, useRoute } from './route.js';
import { Overview } from './pages/overview.js';
import { Explorer, BlockPage, TxPage, AddressPage, resolveSearch } from './pages/explorer.js';
import { Loading } from './ui.js';

/** A lazily loaded page; `args` are the route's segments after the page name. */
type PageComponent = ComponentType<{ args?: string[] }>;
type Loader = () => Promise<PageComponent>;

const LAZY: Record<string, Loader> = {
  nfts: () => import('./pages/nfts.js').then((m) => m.Nfts),
  assets: () => import('./pages/assets.js').then((m) => m.Assets),
  mining: () => import('./pages/mining.js').then((m) => m.Mining),
  staking: () => import('./pages/staking.js').then((m) => m.Staking),
  wallet: () => import('./pages/wallet.js').then((m) => m.Wallet),
};

const NAV: Array<[string, string]> = [
  ['', 'Overview'],
  ['explorer', 'Explorer'],
  ['nfts', 'NFTs'],
  ['assets', 'Assets'],
  ['mining', 'Mining'],
  ['staking', 'Staking'],
  ['wallet', 'Wallet'],
];

function Lazy({ name, args }: { name: string; args: string[] }) {
  const [C, setC] = useState<PageComponent | null>(null);
  useEffect(() => {
    let alive = true;
    setC(null);
    void LAZY[name]().then((c) => alive && setC(() => c));
    return () => {
      alive = false;
    };
  }, [name]);
  return C ? <C args={args} /> : <Loading />;
}

function Search() {
  const [q, setQ] = useState('');
  const [msg, setMsg] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    setMsg('Searching…');
    const r = await resolveSearch(q.trim());
    if (r) {
      setMsg('');
      go(...r);
    } else setMsg(`Nothing found for "${q.trim()}"`);
  };
  return (
    <form class="search" role="search" onSubmit={submit}>
      <label for="q" class="sr-only">
        Search by height, block hash, transaction id or address
      </label>
      <input id="q" name="q" type="search" placeholder="Height, block hash, tx id or cw1… address" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} autocomplete="off" spellcheck={false} />
      <button type="submit">Search</button>
      <span class="search-msg" role="status" aria-live="polite">
        {msg}
      </span>
    </form>
  );
}

/** The app. */
export function App() {
  const route = useRoute();
  const head = useHead();
  const live = useLive();
  const page = route[0] ?? '';
  let body;
  if (page === '') body = <Overview />;
  else if (page === 'explorer') body = <Explorer />;
  else if (page === 'block' && route[1]) body = <BlockPage id={route[1]} />;
  else if (page === 'tx' && route[1]) body = <TxPage id={route[1]} />;
  else if (page === 'address' && route[1]) body = <AddressPage address={route[1]} />;
  else if (page in LAZY) body = <Lazy name={page} args={route.slice(1)} />;
  else body = <p>No such page. <a href={href()}>Back to the overview</a></p>;
  const current = ['block', 'tx', 'address'].includes(page) ? 'explorer' : page;
  useEffect(() => {
    const title = NAV.find(([k]) => k === current)?.[1] ?? 'Explorer';
    document.title = `${title} · Coinworks ${head?.network ?? ''}`.trim();
  }, [current, head?.network]);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">◆</span> Coinworks <span class="net" data-testid="network">{head?.network ?? '…'}</span>
        </div>
        <div class="live" data-testid="live">
          <span class={live ? 'dot on' : 'dot'} aria-hidden="true" /> {live ? 'live' : 'connecting'} · height <strong data-testid="head-height">{head ? head.height : '…'}</strong>
        </div>
        <nav aria-label="Pages">
          <ul>
            {NAV.map(([k, label]) => (
              <li key={k}>
                <a href={href(...(k ? [k] : []))} aria-current={current === k ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <Search />
      </header>
      <main id="main" tabIndex={-1}>
        {body}
      </main>
      <footer class="foot">Served by this node · data over its JSON-RPC WebSocket · nothing leaves this page</footer>
    </>
  );
}
