/**
 * The node's logger: pino, one child per component (`chain`, `miner`, `rpc`, ...). Lines go to
 * stdout as JSON, or as short text lines for people (`12:00:01.250 INFO  [chain] block height=3 ...`).
 */
import { pino, type Logger } from 'pino';
import type { LogFormat, LogLevel } from './config.js';

/** A pino logger. */
export type NodeLogger = Logger;

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const SKIP = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'component', 'v']);

function fmtValue(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v;
  return JSON.stringify(v) ?? String(v);
}

/** Formats one pino JSON line as a text line (unparseable input is returned unchanged). */
export function prettyLine(json: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : json + '\n';
  }
  const t = typeof o.time === 'number' ? new Date(o.time).toISOString().slice(11, 23) : '';
  const level = (LEVEL_NAMES[o.level as number] ?? String(o.level)).padEnd(5);
  const comp = typeof o.component === 'string' ? ` [${o.component}]` : '';
  const fields = Object.entries(o)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${k}=${fmtValue(v)}`)
    .join(' ');
  return `${t} ${level}${comp} ${String(o.msg ?? '')}${fields ? ' ' + fields : ''}\n`;
}

/** Options of `createLogger`. */
export interface LoggerOptions {
  readonly level: LogLevel;
  readonly format: LogFormat;
  /** Where lines go (default process.stdout). */
  readonly stream?: { write(s: string): unknown; isTTY?: boolean };
}

/** A root logger at `level`, pretty or JSON (`auto`: pretty on a terminal). */
export function createLogger(o: LoggerOptions): NodeLogger {
  const out = o.stream ?? process.stdout;
  const pretty = o.format === 'pretty' || (o.format === 'auto' && out.isTTY === true);
  const dest = { write: (line: string) => void out.write(pretty ? prettyLine(line) : line) };
  return pino({ level: o.level, base: undefined }, dest);
}
