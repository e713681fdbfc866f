/**
 * The mining pool section of the mining page, over the pool's RPC (miningPool_* methods): pool hashrate for the last hour, day and month, workers with their status,
 * alarm rules, found blocks, and a profitability calculator, typed from the pool's RPC schemas
 * through the client SDK (MiningPoolClient).
 */
import { useState } from 'preact/hooks';
import { Chart } from '../chart.js';
import { coins, int, si, when } from '../format.js';
import { MiningPoolClient } from '../../client/index.js';
import type { MethodResult } from '../../client/index.js';
import { client, errorText, useAsync, useHead } from '../rpc.js';

const pool = new MiningPoolClient(client);
import { Absent, AddressLink, BlockLink, Failed, Fields, Loading, Stat } from '../ui.js';

type PoolStats = MethodResult<'miningPool_getStats'>;
type PoolWorker = MethodResult<'miningPool_getWorkers'>[number];
type Profit = MethodResult<'miningPool_getProfitability'>;

const VIEWS = ['hour', 'day', 'month'] as const;

function Calculator() {
  const [f, setF] = useState({ hashrate: '1000000000', watts: '100', kwhPrice: '0.15', coinPrice: '1' });
  const [r, setR] = useState<{ value?: Profit; error?: string }>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      setR({ value: await pool.profitability(f) });
    } catch (x) {
      setR({ error: errorText(x) });
    }
  };
  const field = (k: keyof typeof f, label: string) => (
    <label class="calc-field">
      {label}
      <input value={f[k]} inputMode="decimal" onInput={(e) => setF({ ...f, [k]: (e.target as HTMLInputElement).value })} />
    </label>
  );
  return (
    <form onSubmit={submit} class="calc">
      {field('hashrate', 'Your hashrate (H/s)')}
      {field('watts', 'Power (W)')}
      {field('kwhPrice', 'Electricity (per kWh)')}
      {field('coinPrice', 'CWC price')}
      <button type="submit">Estimate</button>
      {r.error && (
        <p class="error" role="alert">
          {r.error}
        </p>
      )}
      {r.value && (
        <Fields
          rows={[
            ['Share of the network', `${(r.value.miner.shareOfNetwork * 100).toPrecision(3)} %`],
            ['Per day', `${coins(r.value.perDay.coins)} CWC, revenue ${r.value.perDay.revenue}, cost ${r.value.perDay.cost}, profit ${r.value.perDay.profit}`],
            ['Per month', `${coins(r.value.perMonth.coins)} CWC, revenue ${r.value.perMonth.revenue}, cost ${r.value.perMonth.cost}, profit ${r.value.perMonth.profit}`],
          ]}
        />
      )}
    </form>
  );
}

/** The pool section (shown only when the node serves miningPool_* methods). */
export function PoolSection() {
  const head = useHead();
  const [view, setView] = useState<(typeof VIEWS)[number]>('hour');
  const stats = useAsync(() => pool.stats(), [head?.height]);
  const workers = useAsync(() => pool.workers(), [head?.height]);
  const series = useAsync(() => pool.hashrate(view), [view, head?.height]);
  const alarms = useAsync(() => pool.alarms(), [head?.height]);
  if (stats.error) return <Failed error={stats.error} />;
  if (!stats.value) return <Loading />;
  const s: PoolStats = stats.value;
  if (!s.running) return <Absent what="Mining pool" why="This node serves the pool's RPC but runs no pool (start it with the pool settings)." />;
  const pts = series.value?.points ?? [];
  return (
    <>
      <div class="stats">
        <Stat label="Pool hashrate (10 min)" value={`${si(s.hashrate.current)}H/s`} id="pool-hashrate" />
        <Stat label="Last hour / day" value={`${si(s.hashrate.hour)} / ${si(s.hashrate.day)} H/s`} />
        <Stat label="Workers" value={`${s.workers.active} active, ${s.workers.inactive} inactive, ${s.workers.offline} offline`} />
        <Stat label="Blocks found" value={String(s.blocks.found)} />
      </div>
      <Fields rows={[['Stratum', s.stratum?.url ?? '—'], ['Payout', `${s.scheme.toUpperCase()}, fee ${s.feePercent} %`], ['Unpaid / paid', `${coins(s.balances.unpaid)} / ${coins(s.balances.paid)} CWC`]]} />
      <div role="group" aria-label="Hashrate view" class="inline">
        {VIEWS.map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
            Last {v}
          </button>
        ))}
      </div>
      <Chart id="chart-pool-hashrate" time title={`Pool hashrate, last ${view} (H/s)`} x={pts.map((p) => p.time)} series={[{ label: 'hashrate', color: '#0891b2', values: pts.map((p) => p.hashrate) }]} unit="H/s" />
      <h3>Workers</h3>
      {workers.error ? (
        <Failed error={workers.error} />
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Worker</th>
                <th scope="col">Status</th>
                <th scope="col">Hashrate</th>
                <th scope="col">Last share</th>
              </tr>
            </thead>
            <tbody>
              {(workers.value ?? []).map((w: PoolWorker) => (
                <tr key={w.name}>
                  <td>
                    <AddressLink address={w.address} /> {w.name.split('.').slice(1).join('.')}
                  </td>
                  <td class={w.status === 'active' ? 'ok' : w.status === 'offline' ? 'error' : ''}>{w.status}</td>
                  <td>{si(w.hashrate.current)}H/s</td>
                  {/* lastShare is in milliseconds (mining-pool/views.ts lastShareMs) */}
                  <td>{w.lastShare ? when(w.lastShare / 1000) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Alarms</h3>
      {(alarms.value ?? []).length === 0 ? (
        <p class="muted">No alarm rules (coinworks mining-pool alarm).</p>
      ) : (
        <ul>
          {alarms.value!.map((a) => (
            <li key={a.id}>
              {a.kind} at {int(a.threshold)} for <AddressLink address={a.address} />: {a.firing ? <strong class="error">firing</strong> : 'quiet'} (fired {a.fired} times)
            </li>
          ))}
        </ul>
      )}
      {s.blocks.recent.length > 0 && (
        <>
          <h3>Recent pool blocks</h3>
          <ul>
            {s.blocks.recent.slice(0, 10).map((b) => (
              <li key={b.hash}>
                <BlockLink id={b.height} /> {b.status}, {coins(b.reward)} CWC
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Profitability</h3>
      <Calculator />
    </>
  );
}
