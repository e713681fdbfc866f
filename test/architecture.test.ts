/**
 * Guards the layering in ARCHITECTURE.md: a folder imports only from its own layer or lower ones,
 * browser-safe folders never import `node:` modules, and no runtime import cycle exists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '../src');

/** Layer rank by folder (first path segment under src/, or the file name). */
const RANK: Record<string, number> = {
  'errors.ts': 0,
  'index.ts': 12,
  encoding: 1,
  util: 1,
  crypto: 2,
  primitives: 3,
  params: 3,
  api: 3,
  wallet: 4,
  consensus: 5,
  state: 5,
  storage: 6,
  chain: 7,
  mempool: 8,
  miner: 8,
  nft: 8,
  pool: 9,
  p2p: 9,
  rpc: 9,
  client: 9,
  node: 10,
  testing: 10,
  cli: 11,
  web: 11,
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function layerOf(file: string): string {
  return relative(SRC, file).split('/')[0];
}

function imports(file: string): Array<{ spec: string; typeOnly: boolean }> {
  const text = readFileSync(file, 'utf8');
  const out: Array<{ spec: string; typeOnly: boolean }> = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) out.push({ spec: m[3], typeOnly: !!m[2] });
  for (const m of text.matchAll(/await import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1], typeOnly: false });
  return out;
}

const all = files(SRC);

test('every folder under src/ has a layer', () => {
  for (const f of all) assert.ok(layerOf(f) in RANK, `no layer for ${relative(SRC, f)}: add it to ARCHITECTURE.md and this test`);
});

test('lower layers never import higher ones', () => {
  const bad: string[] = [];
  for (const f of all) {
    for (const { spec } of imports(f)) {
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(f), spec.replace(/\.js$/, '.ts'));
      const from = layerOf(f);
      const to = layerOf(target);
      if (RANK[to] > RANK[from]) bad.push(`${relative(SRC, f)} -> ${relative(SRC, target)}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('browser-safe code (client, wallet except its file store, encoding, crypto/{hash,keys,address}, primitives, state/proof, the RPC schemas in api/ and modules/*/api.ts) imports no node: module', () => {
  const browser = (f: string) => {
    const r = relative(SRC, f);
    if (r === 'wallet/wallet-store.ts' || r === 'crypto/native.ts') return false;
    return /^(client|wallet|encoding|primitives|api)\//.test(r) || /^crypto\/(hash|keys|address)\.ts$/.test(r) || r === 'state/proof.ts' || /^state\/modules\/[^/]+\/api\.ts$/.test(r);
  };
  const bad: string[] = [];
  for (const f of all.filter(browser)) {
    for (const { spec, typeOnly } of imports(f)) if (!typeOnly && (spec.startsWith('node:') || spec === 'secp256k1' || spec === 'classic-level')) bad.push(`${relative(SRC, f)} imports ${spec}`);
  }
  assert.deepEqual(bad, []);
});

test('no runtime import cycles', () => {
  const graph = new Map<string, string[]>();
  for (const f of all) {
    graph.set(
      f,
      imports(f)
        .filter((i) => !i.typeOnly && i.spec.startsWith('.'))
        .map((i) => resolve(dirname(f), i.spec.replace(/\.js$/, '.ts'))),
    );
  }
  const state = new Map<string, 1 | 2>();
  const cycles: string[] = [];
  const visit = (f: string, stack: string[]) => {
    if (state.get(f) === 2) return;
    if (state.get(f) === 1) {
      cycles.push([...stack.slice(stack.indexOf(f)), f].map((x) => relative(SRC, x)).join(' -> '));
      return;
    }
    state.set(f, 1);
    for (const g of graph.get(f) ?? []) visit(g, [...stack, f]);
    state.set(f, 2);
  };
  for (const f of all) visit(f, []);
  assert.deepEqual(cycles, []);
});

test('RPC schema files (api/, modules/*/api.ts) are schema-only: they import no handler, state access or server code', () => {
  const schemaFile = (r: string) => /^api\//.test(r) || /^state\/modules\/[^/]+\/api\.ts$/.test(r);
  const bad: string[] = [];
  for (const f of all.filter((x) => schemaFile(relative(SRC, x)))) {
    for (const { spec } of imports(f)) {
      if (!spec.startsWith('.')) continue;
      const target = relative(SRC, resolve(dirname(f), spec.replace(/\.js$/, '.ts')));
      if (/(^|\/)(endpoint|method|commands|module)\.ts$/.test(target) || /^(rpc|chain|storage|node|mempool|miner)\//.test(target) || target === 'state/state-machine.ts') bad.push(`${relative(SRC, f)} -> ${target}`);
    }
  }
  assert.deepEqual(bad, []);
});
