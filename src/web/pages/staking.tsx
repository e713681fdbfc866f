/**
 * Staking: validators (power, commission, jailed, bonded), APR and APY live, the staking pool with its
 * exchange rate over time, the yield calculator, delegating and depositing from the page's account,
 * and one address's delegations and rewards with each reward's cause (`#/staking/<address>`);
 * "not on this network" on a proof-of-work chain (the node answers RPC_NO_STAKING).
 */
import type { ComponentChildren } from 'preact';
import { client, isAbsent, useAsync, useHead } from '../rpc.js';
import { coins, short } from '../format.js';
import { AccountPicker, useAccount } from '../account.js';
import { Absent, AddressLink, Card, Failed, Fields, Loading, Stat } from '../ui.js';
import { pct } from './staking-format.js';
import { StakingAccount } from './staking-account.js';
import { PoolRateChart } from './staking-rate.js';
import { YieldCalculator } from './staking-calc.js';
import { StakeActions } from './staking-act.js';

/** The staking page; `args[0]` is an address whose delegations and rewards to show. */
export function Staking({ args = [] }: { args?: string[] }) {
  const head = useHead();
  const { account } = useAccount();
  const vals = useAsync(() => client.request('staking_getValidators'), [head?.height]);
  const apr = useAsync(() => client.request('staking_getApr'), [head?.height]);
  const pool = useAsync(() => client.request('staking_getPool', account ? [account.address] : []), [head?.height, account?.address]);
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
      {args[0] && <StakingAccount address={args[0]} />}
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
                <th scope="col">Operator</th>
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
                    <AddressLink address={x.address} />
                  </td>
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
      <Card title="Staking pool" id="staking-pool">
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
              ...(pool.value.position ? ([[`Shares of ${account?.label ?? 'this account'}`, <span data-testid="pool-position">{coins(pool.value.position.shares)} shares (worth {coins(pool.value.position.value)} CWC)</span>]] as Array<[string, ComponentChildren]>) : []),
            ]}
          />
        ) : (
          <Loading />
        )}
        <PoolRateChart />
      </Card>
      {apr.value && (
        <Card title="Yield inputs">
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
      <YieldCalculator validators={v.validators} />
      <AccountPicker devnet={/devnet$/.test(head?.network ?? '')} />
      <StakeActions validators={v.validators} minDeposit={pool.value?.minDeposit} />
      {!args[0] && <StakingAccount fallback={account?.address} />}
    </>
  );
}
