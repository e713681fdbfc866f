/**
 * State keys are byte strings `<module>/<store>/` + suffix. In memory they are held as latin1
 * strings (one char per byte) so they can key a Map without copying into hex.
 */
const enc = new TextEncoder();

/** Converts key bytes to the latin1 map key. */
export function keyToString(key: Uint8Array): string {
  // One call builds a flat string (state keys are short); a loop of += would allocate per byte.
  return String.fromCharCode.apply(null, key as unknown as number[]);
}

/** Converts a latin1 map key back to bytes. */
export function stringToKey(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Prefix bytes of a store: `<module>/<store>/`. */
export function storePrefix(module: string, store: string): Uint8Array {
  return enc.encode(`${module}/${store}/`);
}
