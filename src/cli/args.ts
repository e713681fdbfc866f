/**
 * Argument parsers for commander options: integers in a range, amounts, repeatable values. They
 * throw commander's InvalidArgumentError, which the CLI reports as a usage error (exit code 2).
 */
import { InvalidArgumentError } from 'commander';
import { CliError } from './errors.js';
import { parseAmount } from './amount.js';

/** Parser of an integer option in [min, max]. */
export function intArg(min: number, max: number): (v: string) => number {
  return (v: string) => {
    if (!/^\d+$/.test(v.trim())) throw new InvalidArgumentError(`must be an integer from ${min} to ${max}`);
    const n = Number(v.trim());
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be an integer from ${min} to ${max}`);
    return n;
  };
}

/** Parser of a coin amount option (decimal CWC) to base units. */
export function amountArg(v: string): bigint {
  try {
    return parseAmount(v);
  } catch (e) {
    throw new InvalidArgumentError(e instanceof CliError ? e.message.replace(/^invalid amount "[^"]*": /, '') : String(e));
  }
}

/** Parser of a non-negative integer of base units (gas prices), as bigint. */
export function unitsArg(v: string): bigint {
  if (!/^\d+$/.test(v.trim())) throw new InvalidArgumentError('must be a whole number of base units');
  return BigInt(v.trim());
}

/** Collector for a repeatable option. */
export function collect(v: string, prev: string[] | undefined): string[] {
  return [...(prev ?? []), v];
}

/** Example lines for `--help`. */
export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
