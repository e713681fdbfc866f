/**
 * State keys are byte strings `<module>/<store>/` + suffix. In memory they are held as latin1
 * strings (one char per byte) so they can key a Map without copying into hex.
 */
const enc = new TextEncoder();

/** Converts key bytes to the latin1 map key. */
export function keyToString(key: Uint8Array): string {
  let s = '';
  for (let i = 0; i < key.length; i++) s += String.fromCharCode(key[i]);
  return s;
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
