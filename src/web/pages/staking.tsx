/**
 * Staking: validators (power, commission, jailed, bonded), APR and APY live, and the staking pool's
 * exchange rate; "not on this network" on a proof-of-work chain (the node answers RPC_NO_STAKING).
 */
import { client, isAbsent, useAsync, useHead } from '../rpc.js';
import { coins, short } from '../format.js';
import { Absent, AddressLink, Card, Failed, Fields, Loading, Stat } from '../ui.js';

/** A rate as a percent: 2 decimals, more significant digits when tiny, exponent when huge (a devnet's APR at a tiny bonded ratio). */
export function pct(r: string): string {
  const v = Number(r) * 100;
  if (v !== 0 && Math.abs(v) < 0.01) return `${v.toPrecision(3)} %`;
  if (Math.abs(v) >= 1e6) return `${v.toExponential(2)} %`;
  return `${v.toFixed(2)} %`;
}

/** The staking page. */
export function Staking() {
  const head = useHead();
  const vals = useAsync(() => client.request('staking_getValidators'), [head?.height]);
  const apr = useAsync(() => client.request('staking_getApr'), [head?.height]);
  const pool = useAsync(() => client.request('staking_getPool'), [head?.height]);
  if (vals.error && isAbsent(vals.error))
    return (
      <>
        <h1>Staking</h1>
        <Absent what="Staking" why="This chain is secured by proof of work: there are no validators, delegations or staking rewards. See the Mining page." />
      </>
    );
  if (vals.error) return <Failed error={vals.error} />;
  if (!vals.value) return <Loading />;
  const v = vals.value;
  return (
    <>
      <h1>Staking</h1>
      <div class="stats">
        <Stat label="APR" value={apr.value ? pct(apr.value.apr) : '…'} id="staking-apr" />
        <Stat label="APY" value={apr.value ? pct(apr.value.apy) : '…'} id="staking-apy" />
        <Stat label="Bonded" value={`${coins(v.totals.bonded)} CWC`} />
        <Stat label="Validators" value={`${v.activeSet.validators.length} active of ${v.validators.length}`} />
      </div>
      <Card title="Validators" id="validators">
        <div class="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Validator</th>
                <th scope="col">Power</th>
                <th scope="col">Commission</th>
                <th scope="col">Self-stake</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {v.validators.map((x) => (
                <tr key={x.address}>
                  <td>
                    <AddressLink address={x.operator} />
                  </td>
                  <td>{x.power}</td>
                  <td>{pct(x.commission.rate)}</td>
                  <td>{coins(x.selfStake)}</td>
                  <td>{x.tombstoned ? 'tombstoned' : x.jailed ? 'jailed' : x.bonded ? 'active' : 'inactive'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title="Staking pool">
        {pool.error ? (
          <Failed error={pool.error} />
        ) : pool.value ? (
          <Fields
            rows={[
              ['Exchange rate (CWC per share)', pool.value.rate],
              ['Pooled', `${coins(pool.value.pooled)} CWC`],
              ['Fee', pct(pool.value.feeRate)],
              ['Minimum deposit', `${coins(pool.value.minDeposit)} CWC`],
              ['Validators run by the pool', pool.value.validators.map((x) => short(x.address)).join(', ') || 'none'],
            ]}
          />
        ) : (
          <Loading />
        )}
      </Card>
      {apr.value && (
        <Card title="Yield">
          <Fields
            rows={[
              ['Inflation', pct(apr.value.inflation)],
              ['Bonded ratio', pct(apr.value.bondedRatio)],
              ['Community tax', pct(apr.value.communityTax)],
              ['Next block provision', `${coins(apr.value.nextBlockProvision)} CWC`],
            ]}
          />
        </Card>
      )}
    </>
  );
}
