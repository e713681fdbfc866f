/**
 * Command output: `--json` prints one JSON document on stdout (bigints as decimal strings, bytes as
 * hex) for machines; otherwise short aligned text for people. Notes and warnings go to stderr.
 */
import { bytesToHex } from '../encoding/hex.js';

/** Streams a command writes to. */
export interface CliIo {
  readonly stdout: { write(s: string): unknown; isTTY?: boolean };
  readonly stderr: { write(s: string): unknown; isTTY?: boolean };
}

/** The process's own streams. */
export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

/** JSON text of any value: bigints as decimal strings, Uint8Arrays as hex. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? bytesToHex(v) : v), 2);
}

/** Prints `data` as JSON when `json` is set, else the human text (a string or lines). */
export function emit(io: CliIo, json: boolean, data: unknown, human: () => string | readonly string[]): void {
  if (json) {
    io.stdout.write(toJsonText(data) + '\n');
    return;
  }
  const h = human();
  const text = typeof h === 'string' ? h : h.join('\n');
  if (text !== '') io.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

/** `key: value` lines with the values aligned. */
export function fields(rows: ReadonlyArray<readonly [string, unknown]>): string[] {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${(k + ':').padEnd(width + 1)} ${v === null || v === undefined ? '-' : String(v)}`);
}

/** A text table: header row and rows, columns padded to the widest cell. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}
