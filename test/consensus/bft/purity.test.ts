/**
 * The BFT library's own layering rules, on top of test/architecture.test.ts: no file under
 * src/consensus/bft/ imports chain/, storage/ or state/ (consensus is layer 5), except the chain
 * adapter (`chain-engine.ts`, the engine seam's implementation, and `set-module.ts`, its state
 * module), which judges blocks against the validator sets in state; every file but the
 * file-backed sign-state store is browser-safe (no node: module, no native binding), so a light
 * client can verify certificates and evidence; and the state machine reads no clock and draws no
 * randomness.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '../../../src');
const DIR = join(SRC, 'consensus/bft');
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

function importsOf(file: string): Array<{ spec: string; typeOnly: boolean }> {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => ({ spec: m[3], typeOnly: !!m[2] }));
}

/** Every source file reached by runtime imports from `file`. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const { spec, typeOnly } of importsOf(file)) {
    if (typeOnly || !spec.startsWith('.')) continue;
    closure(resolve(dirname(file), spec.replace(/\.js$/, '.ts')), seen);
  }
  return seen;
}

/** The chain adapter: the only files that read state (they never import chain/ or storage/). */
const ADAPTER = ['chain-engine.ts', 'set-module.ts'];

test('consensus/bft imports nothing from chain/, storage/, state/ or any higher layer (the chain adapter may read state/)', () => {
  const bad: string[] = [];
  for (const f of files) {
    for (const { spec } of importsOf(join(DIR, f))) {
      if (!spec.startsWith('.')) continue;
      const top = relative(SRC, resolve(DIR, spec.replace(/\.js$/, '.ts'))).split('/')[0];
      const allowed = ['consensus', 'encoding', 'crypto', 'errors.ts', 'util', 'primitives', 'params', ...(ADAPTER.includes(f) ? ['state'] : [])];
      if (!allowed.includes(top)) bad.push(`${f} -> ${spec}`);
    }
  }
  assert.deepEqual(bad, []);
  // The state machine and the rest of the library never reach the adapter.
  const reach = files.filter((f) => !ADAPTER.includes(f)).filter((f) => importsOf(join(DIR, f)).some(({ spec }) => ADAPTER.some((a) => spec.endsWith(a.replace('.ts', '.js')))));
  assert.deepEqual(reach, []);
});

test('everything but sign-state-file.ts is browser-safe, including what it imports', () => {
  const bad: string[] = [];
  for (const f of files.filter((x) => x !== 'sign-state-file.ts')) {
    for (const dep of closure(join(DIR, f))) {
      if (relative(SRC, dep) === 'crypto/native.ts') bad.push(`${f} reaches crypto/native.ts`);
      for (const { spec, typeOnly } of importsOf(dep)) {
        if (!typeOnly && (spec.startsWith('node:') || spec === 'secp256k1' || spec === 'classic-level')) bad.push(`${f} reaches ${relative(SRC, dep)} importing ${spec}`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

test('the state machine and its parts read no clock and draw no randomness', () => {
  const forbidden = /\b(Date\.now|new Date|performance\.now|Math\.random|setTimeout|setInterval|setImmediate|process\.hrtime|getRandomValues|randomSecretKey|randomBytes)\b/;
  const bad = files.filter((f) => forbidden.test(readFileSync(join(DIR, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
  assert.deepEqual(bad, []);
});
