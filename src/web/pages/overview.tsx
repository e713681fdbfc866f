/**
 * Overview: the head, recent blocks, transactions per second, fees (base fee now and over height,
 * burned per block and in all) and the native supply by origin as a stacked chart over height, live.
 */
import { Chart } from '../chart.js';
import { coins, coinsFloat, int, short, ago } from '../format.js';
import { blockDeltas, txPerSecond, useFeed } from '../feed.js';
import { BlockLink, Card, Fields, Loading, Stat } from '../ui.js';

/** Supply causes in stacking order, with their colours; causes still at zero in the window are left out (burns are summed below the chart). */
export const SUPPLY_SERIES: Array<[string, string, string]> = [
  ['genesis', 'Genesis', '#6b7a99'],
  ['mining', 'Mined', '#d97706'],
  ['staking', 'Staked', '#059669'],
  ['mint', 'Minted', '#7c3aed'],
];

/** The overview page. */
export function Overview() {
  const { head, blocks, supply } = useFeed();
  if (!head) return <Loading />;
  const tps = txPerSecond(blocks);
  const last = supply[supply.length - 1];
  const burned = last ? (last.byCause['fee-burn'] ?? 0n) + (last.byCause.burn ?? 0n) : 0n;
  const total = last ? Object.entries(last.byCause).reduce((s, [k, v]) => (k === 'fee-burn' || k === 'burn' || k === 'redeem' || k === 'wipe' ? s - v : s + v), 0n) : 0n;
  const recent = blocks.slice(-10).reverse();
  const xs = supply.map((p) => p.height);
  const derived = supply.filter((p) => p.derived).length;
  return (
    <>
      <h1>Overview</h1>
      <div class="stats" data-testid="overview-stats">
        <Stat label="Height" value={int(head.height)} id="ov-height" />
        <Stat label="Head" value={<BlockLink id={head.hash} />} />
        <Stat label="Transactions / s" value={tps.toFixed(2)} id="ov-tps" />
        <Stat label="Base fee (next block)" value={`${int(head.nextBaseFeePerGas)} / gas`} id="ov-basefee" />
        <Stat label="Burned by fees" value={`${coins(burned)} CWC`} id="ov-burned" />
        <Stat label="Total supply" value={`${coins(total)} CWC`} id="ov-supply" />
      </div>
      <div class="grid2">
        <Card title="Supply by origin" id="supply-card">
          <Chart
            id="chart-supply"
            title="Native supply by origin over height (CWC, stacked)"
            x={xs}
            stacked
            unit="CWC"
            series={SUPPLY_SERIES.filter(([k]) => k === 'genesis' || supply.some((p) => (p.byCause[k] ?? 0n) !== 0n)).map(([k, label, color]) => ({ label, color, values: supply.map((p) => coinsFloat(p.byCause[k] ?? 0n)) }))}
          />
          <p class="note">
            Burned so far: {coins(last?.byCause['fee-burn'] ?? 0n)} CWC by fees{last && (last.byCause.burn ?? 0n) > 0n ? `, ${coins(last.byCause.burn)} CWC by burns` : ''}.{' '}
            {derived > 0 ? `${derived} earlier heights are reconstructed from each block's reward or provision and base fee × gas used; live heights come from supply_get.` : ''}
          </p>
        </Card>
        <Card title="Fees" id="fees-card">
          <Chart
            id="chart-fees"
            title="Base fee per gas over height"
            x={blocks.map((b) => b.height)}
            series={[{ label: 'base fee', color: '#2563eb', values: blocks.map((b) => Number(b.baseFeePerGas)) }]}
          />
          <Fields
            rows={[
              ['Base fee of the head', `${int(head.baseFeePerGas)} per gas`],
              ['Gas used by the head', int(head.gasUsed)],
              ['Burned in the last blocks', `${coins(blocks.reduce((s, b) => s + blockDeltas(b).feeBurn, 0n))} CWC over ${blocks.length} blocks`],
            ]}
          />
        </Card>
      </div>
      <Card title="Recent blocks" id="recent-blocks">
        <div class="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Height</th>
                <th scope="col">Hash</th>
                <th scope="col">Time</th>
                <th scope="col">Txs</th>
                <th scope="col">Gas used</th>
                <th scope="col">Base fee</th>
                <th scope="col">Burned</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((b) => (
                <tr key={b.hash} data-testid="block-row">
                  <td>
                    <BlockLink id={b.height} />
                  </td>
                  <td class="mono">{short(b.hash)}</td>
                  <td>{ago(b.time)}</td>
                  <td>{b.txCount}</td>
                  <td>{int(b.gasUsed)}</td>
                  <td>{int(b.baseFeePerGas)}</td>
                  <td>{coins(blockDeltas(b).feeBurn, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
