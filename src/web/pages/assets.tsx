/**
 * Assets: every issued asset; for governed ones the supply against attested reserves, the reserve
 * ratio over height, and the audit trail (mints, redemptions, freezes, wipes, attestations and the
 * multisig approvals behind them) from asset_events.
 */
import type { AssetJson } from '../../client/index.js';
import { Chart } from '../chart.js';
import { ratioSeries, type CollateralPoint } from '../reserve-ratio.js';
import { int, short, when } from '../format.js';
import { client, useAsync, useHead } from '../rpc.js';
import { Absent, BlockLink, Card, Failed, Fields, Loading, TxLink } from '../ui.js';

function amount(v: string, decimals: number): string {
  const n = BigInt(v);
  const one = 10n ** BigInt(decimals);
  const frac = decimals ? '.' + (n % one).toString().padStart(decimals, '0') : '';
  return `${(n / one).toLocaleString('en-US')}${frac}`;
}

/** A trail event's data in one short line: who (owners, approvers, auditors), how much, to whom. */
export function details(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  return Object.entries(data as Record<string, unknown>)
    .filter(([k]) => !['assetId', 'reportHash'].includes(k))
    .slice(0, 5)
    .map(([k, v]) => `${k}: ${typeof v === 'string' && v.startsWith('cw1') ? short(v, 8, 4) : Array.isArray(v) ? `[${v.length}]` : typeof v === 'object' && v !== null ? '{…}' : String(v)}`)
    .join(', ');
}

function RatioChart({ a, points, head, now }: { a: AssetJson; points: readonly CollateralPoint[]; head?: number; now: string | null }) {
  const r = ratioSeries(points, head, now);
  return <Chart id={`chart-ratio-${a.assetId}`} title={`${a.symbol} reserve ratio over height (reserve / supply)`} unit="%" x={r.x} series={[{ label: 'reserve ratio', color: '#b45309', values: r.y }]} />;
}

function Governed({ a }: { a: AssetJson }) {
  const head = useHead();
  const col = useAsync(() => client.request('asset_collateral', [a.assetId]), [a.assetId, head?.height]);
  const hist = useAsync(() => client.request('asset_collateralHistory', [a.assetId, { limit: 500 }]), [a.assetId, head?.height]);
  const trail = useAsync(() => client.request('asset_events', [a.assetId, { limit: 100 }]), [a.assetId, head?.height]);
  const points = hist.value?.points ?? [];
  return (
    <Card title={`${a.symbol}: supply against reserves`} id={`asset-${a.assetId}`}>
      {col.error ? (
        <Failed error={col.error} />
      ) : col.value ? (
        <Fields
          rows={[
            ['Supply', `${amount(col.value.supply, a.decimals)} ${a.symbol}`],
            ['Attested reserve', `${amount(col.value.reserve, a.decimals)} ${a.symbol}`],
            ['Reserve ratio', col.value.ratioBps === null ? '— (no supply)' : `${(Number(col.value.ratioBps) / 100).toFixed(2)} %`],
            ['Mint limit', amount(col.value.mintLimit, a.decimals)],
          ]}
        />
      ) : (
        <Loading />
      )}
      {points.length > 0 && (
        <Chart
          id={`chart-reserve-${a.assetId}`}
          title={`${a.symbol} supply and reserve over height`}
          x={points.map((p) => p.height)}
          series={[
            { label: 'supply', color: '#2563eb', values: points.map((p) => Number(BigInt(p.supply)) / 10 ** a.decimals) },
            { label: 'reserve', color: '#059669', values: points.map((p) => Number(BigInt(p.reserve)) / 10 ** a.decimals) },
          ]}
        />
      )}
      {points.length > 0 && <RatioChart a={a} points={points} head={head?.height} now={col.value?.ratioBps ?? null} />}
      <h3>Audit trail</h3>
      {trail.error ? (
        <Failed error={trail.error} />
      ) : !trail.value ? (
        <Loading />
      ) : trail.value.events.length === 0 ? (
        <p class="muted">No events yet.</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Block</th>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Details</th>
                <th scope="col">Transaction</th>
              </tr>
            </thead>
            <tbody>
              {trail.value.events.map((e) => (
                <tr key={`${e.height}-${e.txIndex}-${e.eventIndex}`}>
                  <td>
                    <BlockLink id={e.height} />
                  </td>
                  <td>{when(e.time)}</td>
                  <td>
                    {e.module}.{e.name}
                  </td>
                  <td class="details">{details(e.data)}</td>
                  <td>{e.txId ? <TxLink id={e.txId} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

/** The assets page. */
export function Assets() {
  const head = useHead();
  const list = useAsync(() => client.request('asset_list'), [head?.height]);
  if (list.error) return <Failed error={list.error} />;
  if (!list.value) return <Loading />;
  const governed = list.value.filter((a) => a.policy === 'governed');
  return (
    <>
      <h1>Assets</h1>
      {list.value.length === 0 ? (
        <Absent what="Issued assets" why="No asset has been created on this chain yet (coinworks asset create); the native coin is on the Overview." />
      ) : (
        <Card title="Issued assets">
          <div class="table-wrap" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Symbol</th>
                  <th scope="col">Name</th>
                  <th scope="col">Policy</th>
                  <th scope="col">Created at</th>
                </tr>
              </thead>
              <tbody>
                {list.value.map((a) => (
                  <tr key={a.assetId}>
                    <td>{a.assetId}</td>
                    <td>{a.symbol}</td>
                    <td>{a.name}</td>
                    <td>{a.policy}</td>
                    <td>{int(a.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      {list.value.length > 0 && governed.length === 0 && <Absent what="Governed (reserve-backed) assets" why="None of this chain's assets is governed, so there are no attested reserves to show." />}
      {governed.map((a) => (
        <Governed key={a.assetId} a={a} />
      ))}
    </>
  );
}
