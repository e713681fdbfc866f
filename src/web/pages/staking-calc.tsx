/**
 * Staking page: the yield calculator. Amount, days, where the stake goes (a validator, whose live
 * commission applies, or the staking pool, whose fee applies) and how often rewards are restaked;
 * the rates are staking_getApr's at the head, the maths is yield.ts (the same as `coinworks stake calc`).
 */
import { useState } from 'preact/hooks';
import type { MethodResult } from '../../client/index.js';
import { client, useAsync, useHead } from '../rpc.js';
import { coins, parseCoins, short } from '../format.js';
import { calcYield, COMPOUNDING } from '../yield.js';
import { Card, Failed, Fields } from '../ui.js';
import { pct } from './staking-format.js';

type Validators = MethodResult<'staking_getValidators'>['validators'];

/** The calculator; `validators` fill the "via" choice. */
export function YieldCalculator({ validators }: { validators: Validators }) {
  const head = useHead();
  const [amount, setAmount] = useState('100');
  const [days, setDays] = useState('365');
  const [via, setVia] = useState(validators[0] ? `v:${validators[0].address}` : 'pool');
  const [n, setN] = useState(365);
  const validator = via.startsWith('v:') ? via.slice(2) : null;
  const apr = useAsync(() => client.request('staking_getApr', [validator, via === 'pool', n]), [head?.height, via, n]);
  let result: ReturnType<typeof calcYield> | undefined;
  let inputError = '';
  try {
    const d = Number(days);
    if (!Number.isInteger(d) || d < 1 || d > 36_525) throw new Error('days: a whole number from 1 to 36525');
    if (apr.value) result = calcYield(parseCoins(amount), d, apr.value, n);
  } catch (e) {
    inputError = (e as Error).message;
  }
  return (
    <Card title="Yield calculator" id="yield-calc">
      <form class="calc" onSubmit={(e) => e.preventDefault()}>
        <label class="calc-field">
          Amount (CWC)
          <input inputMode="decimal" value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} data-testid="calc-amount" />
        </label>
        <label class="calc-field">
          Days
          <input inputMode="numeric" value={days} onInput={(e) => setDays((e.target as HTMLInputElement).value)} data-testid="calc-days" />
        </label>
        <label class="calc-field">
          Stake with
          <select value={via} onChange={(e) => setVia((e.target as HTMLSelectElement).value)} data-testid="calc-via">
            {validators.map((v) => (
              <option key={v.address} value={`v:${v.address}`}>
                validator {short(v.address, 10, 4)} (commission {pct(v.commission.rate)})
              </option>
            ))}
            <option value="pool">the staking pool (its fee)</option>
          </select>
        </label>
        <label class="calc-field">
          Restake rewards
          <select value={String(n)} onChange={(e) => setN(Number((e.target as HTMLSelectElement).value))} data-testid="calc-compounding">
            {COMPOUNDING.map(([k, label]) => (
              <option key={k} value={String(k)}>
                {label} ({k} a year)
              </option>
            ))}
          </select>
        </label>
      </form>
      {inputError && (
        <p class="error" role="alert">
          {inputError}
        </p>
      )}
      {apr.error ? <Failed error={apr.error} /> : null}
      {result && apr.value && (
        <div data-testid="calc-result" aria-live="polite">
          <Fields
            rows={[
              ['APR (live, before commission and fee)', pct((Number(result.grossApr) / 1e18).toString())],
              ['Commission', pct(apr.value.commission)],
              ['Pool fee', pct(apr.value.poolFee)],
              ['APR after them', pct(apr.value.apr)],
              ['Reward before fees', `${coins(result.gross, 8)} CWC`],
              ['Commission taken', `${coins(result.commission, 8)} CWC`],
              ['Pool fee taken', `${coins(result.poolFee, 8)} CWC`],
              [`Expected reward in ${days} days (claimed)`, <strong data-testid="calc-net">{coins(result.net, 8)} CWC</strong>],
              [`If restaked ${COMPOUNDING.find(([k]) => k === n)?.[1] ?? ''}`, <span data-testid="calc-restaked">{coins(result.restaked, 8)} CWC</span>],
            ]}
          />
          <p class="note">At the rates of block {head?.height ?? '…'}: they move with inflation and the bonded ratio; tips come on top and are not counted. Same figures as `coinworks stake calc`.</p>
        </div>
      )}
    </Card>
  );
}
