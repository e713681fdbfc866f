/**
 * Reading a JSON file too large for one string: V8 caps a string at 536,870,888 characters
 * (`buffer.constants.MAX_STRING_LENGTH`, about 512 MiB), and a genesis of 10,000,000 allocations
 * is about 1.1 GB of JSON. The file is parsed as a stream (@streamparser/json, which follows
 * JSON.parse to the letter): the named top-level values are returned, and each element of one
 * top-level array is handed over as it is parsed, so neither the text nor the array is ever held.
 */
import { createReadStream } from 'node:fs';
import { JSONParser } from '@streamparser/json';

/** What `readJsonStream` reads. */
export interface JsonStreamSpec {
  /** Top-level keys whose values are returned whole. */
  readonly values: readonly string[];
  /** The top-level key of the array whose elements go to `onItem`, one by one. */
  readonly items: string;
  /** Called with each element of `items` and its index; may throw to stop the read. */
  readonly onItem: (value: unknown, index: number) => void;
}

/** A file that is not JSON, or not of the shape asked for: the reason, for the caller's error. */
export class JsonStreamError extends Error {}

/** Reads `path` as one JSON object (see the file comment); returns the `values` found. */
export async function readJsonStream(path: string, spec: JsonStreamSpec): Promise<Map<string, unknown>> {
  const parser = new JSONParser({ paths: [`$.${spec.items}.*`, ...spec.values.map((k) => `$.${k}`)], keepStack: false });
  const found = new Map<string, unknown>();
  let ended = false;
  let failure: unknown;
  let own: unknown;
  parser.onEnd = () => {
    ended = true;
  };
  parser.onError = (e) => {
    failure ??= e;
  };
  parser.onValue = ({ value, key, stack }) => {
    if (stack.length === 1) {
      if (typeof key === 'string') found.set(key, value);
      return;
    }
    try {
      if (typeof key !== 'number') throw new JsonStreamError(`"${spec.items}" must be an array`);
      spec.onItem(value, key);
    } catch (e) {
      // Ours (or the caller's), not the parser's: passed on as it is.
      own = e;
      throw e;
    }
  };
  let first = true;
  const check = () => {
    if (failure === undefined) return;
    if (own !== undefined) throw own;
    throw new JsonStreamError(`not valid JSON (${(failure as Error).message})`);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    if (first) {
      // The shape the paths assume: one object at the top (an array would yield nothing).
      const at = bytes.findIndex((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
      if (at >= 0) {
        if (bytes[at] !== 0x7b) throw new JsonStreamError('must hold a JSON object');
        first = false;
      }
    }
    try {
      parser.write(bytes);
    } catch (e) {
      failure ??= e;
    }
    check();
  }
  if (first) throw new JsonStreamError('not valid JSON (the file is empty)');
  if (!ended) {
    try {
      parser.end();
    } catch (e) {
      failure ??= e;
    }
    check();
  }
  return found;
}
