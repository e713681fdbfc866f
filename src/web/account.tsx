/**
 * The account the page signs with, shared by every page (picked once, kept while the page lives,
 * in memory only: issue 13 "nothing secret leaves the page"): the picker (the devnet's dev accounts
 * or an imported mnemonic), and the action runner every form uses: sign in the page, send, wait for
 * the block, show the outcome with a link to the transaction.
 */
import { useEffect, useState } from 'preact/hooks';
import { client, errorText } from './rpc.js';
import { short } from './format.js';
import { Card, TxLink } from './ui.js';
import type { PageAccount } from './wallet.js';

let accounts: PageAccount[] = [];
let current: PageAccount | undefined;
const subs = new Set<() => void>();

function set(list: PageAccount[], pick: PageAccount | undefined): void {
  accounts = list;
  current = pick;
  for (const s of subs) s();
}

/** The page's signing account (undefined until one is picked) and the accounts offered. */
export function useAccount(): { account?: PageAccount; accounts: readonly PageAccount[] } {
  const [, tick] = useState(0);
  useEffect(() => {
    const s = () => tick((n) => n + 1);
    subs.add(s);
    return () => void subs.delete(s);
  }, []);
  return { account: current, accounts };
}

/** Picks a signing account: the dev accounts on a devnet, or the first accounts of a typed mnemonic. */
export function AccountPicker({ devnet }: { devnet: boolean }) {
  const { account } = useAccount();
  const [words, setWords] = useState('');
  const [err, setErr] = useState('');
  const loadDev = async () => {
    const w = await import('./wallet.js');
    const list = w.accountsOf();
    set(list, list[0]);
  };
  const loadWords = async (e: Event) => {
    e.preventDefault();
    try {
      const w = await import('./wallet.js');
      const list = w.accountsOf(words, 3, 'key');
      set(list, list[0]);
      setWords('');
      setErr('');
    } catch (x) {
      setErr(errorText(x));
    }
  };
  return (
    <Card title="Account in this page" id="account-picker">
      <p class="note">Keys stay in this page's memory: nothing secret is stored or sent; transactions are signed here and sent to the node.</p>
      {devnet && accounts.length === 0 && (
        <button type="button" onClick={loadDev} data-testid="use-dev">
          Use the devnet's dev accounts
        </button>
      )}
      {accounts.length > 0 && (
        <p>
          <label for="acct">Signing as </label>
          <select id="acct" value={account?.address} onChange={(e) => set(accounts, accounts.find((a) => a.address === (e.target as HTMLSelectElement).value))} data-testid="account-select">
            {accounts.map((a) => (
              <option key={a.address} value={a.address}>
                {a.label} {short(a.address, 10, 6)}
              </option>
            ))}
          </select>
        </p>
      )}
      <form onSubmit={loadWords} class="inline">
        <label for="mnemonic">Or import a mnemonic</label>
        <input id="mnemonic" type="password" autocomplete="off" value={words} onInput={(e) => setWords((e.target as HTMLInputElement).value)} />
        <button type="submit">Import</button>
      </form>
      {err && (
        <p class="error" role="alert">
          {err}
        </p>
      )}
    </Card>
  );
}

/** The state of one action: signing, sent (with its id) and what its block said, or an error. */
export interface ActionState {
  readonly busy?: boolean;
  readonly id?: string;
  readonly status?: string;
  readonly ok?: boolean;
  readonly error?: string;
}

/**
 * Runs actions: `run(send, done)` signs and sends through `send` (which returns the tx id), waits
 * for its block, and reports "done(height)" on success or the receipt's error.
 */
export function useAction(): { state: ActionState; run: (send: () => Promise<{ id: string }>, done: (height: number) => string) => Promise<void> } {
  const [state, setState] = useState<ActionState>({});
  const run = async (send: () => Promise<{ id: string }>, done: (height: number) => string) => {
    setState({ busy: true });
    try {
      const { id } = await send();
      setState({ busy: true, id, status: 'sent, waiting for a block…' });
      const inc = await client.waitForTx(id, { timeoutMs: 120_000 });
      const ok = inc.receipt.status === 'success';
      setState({ id, ok, status: ok ? done(inc.height) : `failed in block ${inc.height}: ${inc.receipt.error ?? ''}` });
    } catch (e) {
      setState({ error: errorText(e) });
    }
  };
  return { state, run };
}

/** Where an action stands; `id` names its test id (`<id>-status`, `<id>-error`). */
export function ActionStatus({ s, id, what }: { s: ActionState; id: string; what: string }) {
  if (!s.id && !s.error && !s.busy) return null;
  return (
    <div class="purchase">
      {s.busy && !s.id && <p role="status">Signing and sending…</p>}
      {s.id && (
        <p role="status" data-testid={`${id}-status`}>
          {what} <TxLink id={s.id} />: {s.status}
        </p>
      )}
      {s.error && (
        <p class="error" role="alert" data-testid={`${id}-error`}>
          {s.error}
        </p>
      )}
    </div>
  );
}
