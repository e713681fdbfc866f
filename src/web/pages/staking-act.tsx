/**
 * Staking page, acting: delegate to a validator (staking.delegate) and deposit into the staking pool
 * (staking-pool.deposit), signed in the page by its account (account.tsx) through the client SDK's
 * sendCommand; the node fills nothing secret in, the key never leaves the page.
 */
import { useState } from 'preact/hooks';
import { sendCommand, type MethodResult } from '../../client/index.js';
import { decodeAddress } from '../../crypto/address.js';
import { DelegateParams } from '../../state/modules/staking/schemas.js';
import { DepositParams } from '../../state/modules/staking-pool/schemas.js';
import { ActionStatus, useAccount, useAction } from '../account.js';
import { client } from '../rpc.js';
import { coins, parseCoins, short } from '../format.js';
import { Card } from '../ui.js';
import { pct } from './staking-format.js';

type Validators = MethodResult<'staking_getValidators'>['validators'];

/** Delegate and deposit forms for the page's account. */
export function StakeActions({ validators, minDeposit }: { validators: Validators; minDeposit?: string }) {
  const { account } = useAccount();
  const [validator, setValidator] = useState(validators[0]?.address ?? '');
  const [amount, setAmount] = useState('10');
  const [deposit, setDeposit] = useState('1');
  const [err, setErr] = useState('');
  const del = useAction();
  const dep = useAction();
  if (!account) return <p class="muted">Pick an account above to delegate or deposit into the pool.</p>;
  const onDelegate = (e: Event) => {
    e.preventDefault();
    setErr('');
    let units: bigint;
    try {
      units = parseCoins(amount);
    } catch (x) {
      return setErr((x as Error).message);
    }
    void del.run(
      () => sendCommand(client, { ...account, module: 'staking', command: 'delegate', schema: DelegateParams, params: { validator: decodeAddress(validator), amount: units } }),
      (h) => `delegated ${coins(units)} CWC to ${short(validator, 10, 4)} in block ${h}`,
    );
  };
  const onDeposit = (e: Event) => {
    e.preventDefault();
    setErr('');
    let units: bigint;
    try {
      units = parseCoins(deposit);
      if (minDeposit && units < BigInt(minDeposit)) throw new Error(`the smallest deposit is ${coins(minDeposit)} CWC`);
    } catch (x) {
      return setErr((x as Error).message);
    }
    void dep.run(
      () => sendCommand(client, { ...account, module: 'staking-pool', command: 'deposit', schema: DepositParams, params: { amount: units } }),
      (h) => `deposited ${coins(units)} CWC into the pool in block ${h}`,
    );
  };
  return (
    <Card title={`Stake as ${account.label}`} id="stake-actions">
      <form class="calc" onSubmit={onDelegate}>
        <label class="calc-field">
          Validator
          <select value={validator} onChange={(e) => setValidator((e.target as HTMLSelectElement).value)} data-testid="delegate-validator">
            {validators.map((v) => (
              <option key={v.address} value={v.address}>
                {short(v.address, 10, 4)} (commission {pct(v.commission.rate)})
              </option>
            ))}
          </select>
        </label>
        <label class="calc-field">
          Amount to delegate (CWC)
          <input inputMode="decimal" value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} data-testid="delegate-amount" />
        </label>
        <button type="submit" disabled={del.state.busy} data-testid="delegate-submit">
          Delegate
        </button>
      </form>
      <ActionStatus s={del.state} id="delegate" what="Delegation" />
      <form class="calc" onSubmit={onDeposit}>
        <label class="calc-field">
          Amount to deposit into the staking pool (CWC{minDeposit ? `, at least ${coins(minDeposit)}` : ''})
          <input inputMode="decimal" value={deposit} onInput={(e) => setDeposit((e.target as HTMLInputElement).value)} data-testid="deposit-amount" />
        </label>
        <button type="submit" disabled={dep.state.busy} data-testid="deposit-submit">
          Deposit
        </button>
      </form>
      <ActionStatus s={dep.state} id="deposit" what="Deposit" />
      {err && (
        <p class="error" role="alert">
          {err}
        </p>
      )}
    </Card>
  );
}
