/**
 * Wallet: the page's signing account (dev account or imported mnemonic, in memory only), its
 * balances, and a send form: a bank.transfer signed in the page through the client SDK
 * (CoinworksClient.transfer fills chain id, nonce, fees and gas from the node).
 */
import { useState } from 'preact/hooks';
import { ActionStatus, AccountPicker, useAccount, useAction } from '../account.js';
import { client, useAsync, useHead } from '../rpc.js';
import { href } from '../route.js';
import { coins, parseCoins, short } from '../format.js';
import { Card, Failed, Fields, Loading } from '../ui.js';
import { decodeAddress } from '../../crypto/address.js';

/** The wallet page. */
export function Wallet() {
  const head = useHead();
  const { account } = useAccount();
  const acct = useAsync(() => (account ? client.getAccount(account.address) : Promise.resolve(undefined)), [account?.address, head?.height]);
  const assets = useAsync(() => client.request('asset_list').catch(() => undefined), []);
  const unit = (id: number) => (id === 0 ? { symbol: 'CWC', decimals: 8 } : assets.value?.find((a) => a.assetId === id));
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('1');
  const [err, setErr] = useState('');
  const send = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    if (!account) return;
    setErr('');
    let units: bigint;
    const dest = to.trim();
    try {
      decodeAddress(dest);
      units = parseCoins(amount);
    } catch (x) {
      return setErr(`${(x as Error).message}`);
    }
    void send.run(
      () => client.transfer({ ...account, to: dest, amount: units }),
      (h) => `sent ${coins(units)} CWC to ${short(dest, 10, 6)} in block ${h}`,
    );
  };
  return (
    <>
      <h1>Wallet</h1>
      <AccountPicker devnet={/devnet$/.test(head?.network ?? '')} />
      {account && (
        <>
          <Card title={`Balances of ${account.label}`} id="wallet-balances">
            {acct.error ? (
              <Failed error={acct.error} />
            ) : !acct.value ? (
              <Loading />
            ) : (
              <Fields
                rows={[
                  ['Address', <a href={href('address', account.address)} class="mono break">{account.address}</a>],
                  ...acct.value.balances.map((b): [string, string] => {
                    const u = unit(b.assetId);
                    return [u ? `${u.symbol} (asset ${b.assetId})` : `Asset ${b.assetId}`, u ? `${coins(b.amount, 2, u.decimals)} ${u.symbol}` : `${b.amount} base units`];
                  }),
                  ['Staking', <a href={href('staking', account.address)}>delegations and rewards</a>],
                ]}
              />
            )}
          </Card>
          <Card title="Send CWC" id="send">
            <form class="calc" onSubmit={submit}>
              <label class="calc-field">
                To (cw1… address)
                <input class="mono" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} spellcheck={false} autocomplete="off" data-testid="send-to" />
              </label>
              <label class="calc-field">
                Amount (CWC)
                <input inputMode="decimal" value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} data-testid="send-amount" />
              </label>
              <button type="submit" disabled={send.state.busy} data-testid="send-submit">
                Sign and send
              </button>
            </form>
            {err && (
              <p class="error" role="alert">
                {err}
              </p>
            )}
            <ActionStatus s={send.state} id="send" what="Transfer" />
          </Card>
        </>
      )}
    </>
  );
}
