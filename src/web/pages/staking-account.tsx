/**
 * Staking page, one address: its delegations (worth, shares, pending rewards by cause), unbonding
 * entries and redelegations (staking_getDelegations), and its rewards (staking_getRewards): what a
 * claim pays now, commission due, earnings by cause, and each recent reward with its cause and the
 * occasion it was paid on (reward-cause.ts, read from that block's transactions).
 */
import { useEffect, useState } from 'preact/hooks';
import type { MethodResult } from '../../client/index.js';
import { client, useAsync, useHead } from '../rpc.js';
import { go } from '../route.js';
import { coins, when } from '../format.js';
import { CAUSE_TEXT, rewardOccasion, type RewardCause, type TxSummary } from '../reward-cause.js';
import { AddressLink, BlockLink, Card, Failed, Fields, Loading } from '../ui.js';

type Rewards = MethodResult<'staking_getRewards'>;

/** The occasion of every reward in `history`, from the transactions of the blocks they were paid in. */
async function occasions(address: string, history: Rewards['history']): Promise<Map<string, string>> {
  const heights = [...new Set(history.map((h) => h.height))];
  const blocks = new Map<number, TxSummary[]>();
  for (let i = 0; i < heights.length; i += 8) {
    const batch = await Promise.all(heights.slice(i, i + 8).map((h) => client.getBlock(h, true)));
    for (const b of batch) blocks.set(b.height, b.txs.map((t) => ({ sender: t.sender, module: t.body.module, command: t.body.command })));
  }
  return new Map(history.map((h, i) => [`${i}`, rewardOccasion(h.cause as RewardCause, address, blocks.get(h.height) ?? [])]));
}

function Delegations({ address, height }: { address: string; height?: number }) {
  const d = useAsync(() => client.request('staking_getDelegations', [address]), [address, height]);
  if (d.error) return <Failed error={d.error} />;
  if (!d.value) return <Loading />;
  const v = d.value;
  const staked = v.delegations.reduce((s, x) => s + BigInt(x.tokens), 0n);
  return (
    <Card title="Delegations" id="delegations">
      <Fields
        rows={[
          ['Staked', `${coins(staked)} CWC with ${v.delegations.length} validator(s)`],
          ['Unbonding', `${coins(v.unbondings.reduce((s, x) => s + BigInt(x.balance), 0n))} CWC in ${v.unbondings.length} entr${v.unbondings.length === 1 ? 'y' : 'ies'}`],
        ]}
      />
      {v.delegations.length === 0 ? (
        <p class="muted">No delegations.</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Validator</th>
                <th scope="col">Worth</th>
                <th scope="col">Shares</th>
                <th scope="col">Pending: provision</th>
                <th scope="col">Pending: tips</th>
              </tr>
            </thead>
            <tbody>
              {v.delegations.map((x) => (
                <tr key={x.validator} data-testid="delegation-row">
                  <td>
                    <AddressLink address={x.validator} />
                  </td>
                  <td>{coins(x.tokens)} CWC</td>
                  <td>{x.shares}</td>
                  <td>{coins(x.pending.provision)} CWC</td>
                  <td>{coins(x.pending.tip)} CWC</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {v.unbondings.length > 0 && (
        <>
          <h3>Unbonding</h3>
          <ul>
            {v.unbondings.map((u) => (
              <li key={`${u.validator}/${u.creationHeight}`}>
                {coins(u.balance)} CWC from <AddressLink address={u.validator} />, started at <BlockLink id={u.creationHeight} />, completes {when(u.completionTime)}
              </li>
            ))}
          </ul>
        </>
      )}
      {v.redelegations.length > 0 && (
        <>
          <h3>Redelegations</h3>
          <ul>
            {v.redelegations.map((r) => (
              <li key={`${r.src}/${r.dst}/${r.creationHeight}`}>
                {coins(r.initialBalance)} CWC from <AddressLink address={r.src} /> to <AddressLink address={r.dst} />, matures {when(r.completionTime)}
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

function RewardsCard({ address, height }: { address: string; height?: number }) {
  const r = useAsync(() => client.request('staking_getRewards', [address]), [address, height]);
  const [why, setWhy] = useState<Map<string, string>>(new Map());
  const history = r.value?.history ?? [];
  const key = history.map((h) => `${h.height}/${h.cause}/${h.amount}`).join(',');
  useEffect(() => {
    let alive = true;
    if (history.length) void occasions(address, history).then((m) => alive && setWhy(m), () => undefined);
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [address, key]);
  if (r.error) return <Failed error={r.error} />;
  if (!r.value) return <Loading />;
  const v = r.value;
  const pending = BigInt(v.pendingTotal.provision) + BigInt(v.pendingTotal.tip);
  return (
    <Card title="Rewards" id="rewards">
      <Fields
        rows={[
          ['Pending (a claim pays now)', `${coins(pending)} CWC (provision ${coins(v.pendingTotal.provision)}, tips ${coins(v.pendingTotal.tip)})`],
          ...v.commissionDue.map((c): [string, string] => [`Commission due on ${c.validator.slice(0, 12)}…`, `${coins(c.amount)} CWC`]),
          ['Earned so far', `provision ${coins(v.earned.provision)} · tips ${coins(v.earned.tip)} · commission ${coins(v.earned.commission)} · pool fee ${coins(v.earned.poolFee)} CWC`],
        ]}
      />
      {history.length === 0 ? (
        <p class="muted">No reward paid to this address yet (pending rewards are paid on a claim, and automatically when a delegation changes).</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table data-testid="rewards-history">
            <caption class="sr-only">Rewards paid, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Block</th>
                <th scope="col">Amount</th>
                <th scope="col">Cause</th>
                <th scope="col">Paid on</th>
                <th scope="col">Validator</th>
              </tr>
            </thead>
            <tbody>
              {history
                .map((h, i) => ({ h, i }))
                .reverse()
                .map(({ h, i }) => (
                  <tr key={i} data-testid="reward-row">
                    <td>
                      <BlockLink id={h.height} />
                    </td>
                    <td>{coins(h.amount)} CWC</td>
                    <td>{CAUSE_TEXT[h.cause as RewardCause] ?? h.cause}</td>
                    <td>{why.get(`${i}`) ?? '…'}</td>
                    <td>
                      <AddressLink address={h.validator} />
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      {history.length > 0 && <p class="note">The node keeps only each account's most recent rewards (staking_getRewards history); "paid on" is read from the transactions of the block each was paid in.</p>}
    </Card>
  );
}

/** An address's delegations and rewards, with an input to look up another address. */
export function StakingAccount({ address, fallback }: { address?: string; fallback?: string }) {
  const head = useHead();
  const shown = address ?? fallback;
  const [q, setQ] = useState(shown ?? '');
  useEffect(() => setQ(shown ?? ''), [shown]);
  const submit = (e: Event) => {
    e.preventDefault();
    if (q.trim()) go('staking', q.trim());
  };
  return (
    <section aria-labelledby="acct-h">
      <h2 id="acct-h">Delegations and rewards of an address</h2>
      <form class="inline card" onSubmit={submit}>
        <label for="stake-addr">Address</label>
        <input id="stake-addr" class="grow mono" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} placeholder="cw1…" spellcheck={false} autocomplete="off" data-testid="stake-address" />
        <button type="submit">Show</button>
      </form>
      {shown && (
        <div class="stack">
          <Delegations address={shown} height={head?.height} />
          <RewardsCard address={shown} height={head?.height} />
        </div>
      )}
    </section>
  );
}
