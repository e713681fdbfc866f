/**
 * A failure recorded on chain (a receipt's or a proposal's `CODE: message`, base units: consensus
 * data) for people: when the failure's structured data is known, the message is re-worded with
 * api/amounts.ts in the asset's decimals and symbol, as the node words its own refusals; the
 * code is kept at the end as the CLI's errors show it.
 */
import { txErrorText } from '../api/amounts.js';
import type { Units } from './units.js';

/** The code of a `CODE: message` string. */
export function failureCode(s: string): string {
  const i = s.indexOf(':');
  return i < 0 ? s : s.slice(0, i);
}

/** `message (CODE)` of a recorded failure, its amounts in units when `data` is given. */
export function failureText(s: string, data: Record<string, unknown> | null, units: Units): string {
  const code = failureCode(s);
  const message = s.slice(code.length + 1).trim();
  const text = data ? txErrorText(code, data, (id) => units.unitIfLoaded(id)) : undefined;
  return `${text ?? message} (${code})`;
}
