/**
 * Guards the layering in ARCHITECTURE.md: a folder imports only from its own layer or lower ones,
 * ordered folders of one layer only in their order, only proof-of-work parts import
 * `consensus/pow`, state modules reach each other only through `method.ts`, browser-safe folders
 * never import `node:` modules, and no runtime import cycle exists. Worker modules loaded by URL
 * count as imports. Each rule is also run on a planted bad import and must report it, so a rule
 * that stops seeing anything fails here. The rules themselves are in test/architecture/rules.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import {
  importCycles,
  importsOf,
  layerViolations,
  moduleViolations,
  powViolations,
  sameLayerViolations,
  unlayered,
  type SourceFile,
} from './architecture/rules.js';

const SRC = resolve(import.meta.dirname, '../src');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') || p.endsWith('.tsx') ? [p] : [];
  });
}

/** Every source file under src/, paths relative to src/ with `/`. */
const all: SourceFile[] = walk(SRC).map((p) => ({ path: relative(SRC, p).split(sep).join('/'), text: readFileSync(p, 'utf8') }));

/** The real tree with one more file planted in it. */
function planted(path: string, text: string): SourceFile[] {
  return [...all, { path, text }];
}

test('every folder under src/ has a layer', () => {
  assert.deepEqual(unlayered(all), [], 'add the folder to ARCHITECTURE.md and RANK in test/architecture/rules.ts');
  assert.deepEqual(unlayered(planted('gadgets/x.ts', '')), ['gadgets/x.ts']);
});

test('lower layers never import higher ones', () => {
  assert.deepEqual(layerViolations(all), []);
  assert.deepEqual(layerViolations(planted('state/planted.ts', "import { Chain } from '../chain/chain.js';")), ['state/planted.ts -> chain/chain.ts']);
  // Type-only imports count: a type still couples the layers.
  assert.deepEqual(layerViolations(planted('primitives/planted.ts', "import type { Chain } from '../chain/chain.js';")), ['primitives/planted.ts -> chain/chain.ts']);
});

test('folders of one ordered layer import each other only in ARCHITECTURE.md order', () => {
  assert.deepEqual(sameLayerViolations(all), []);
  // consensus/ may import state/ (engine modules, parent-state checks), never the reverse.
  assert.deepEqual(sameLayerViolations(planted('consensus/planted.ts', "import type { StateReader } from '../state/state-view.js';")), []);
  assert.deepEqual(sameLayerViolations(planted('state/planted.ts', "import type { ConsensusEngine } from '../consensus/engine.js';")), ['state/planted.ts -> consensus/engine.ts']);
  // nft/ may import miner/; miner/ and mempool/ import no other folder of their layer.
  assert.deepEqual(sameLayerViolations(planted('miner/planted.ts', "import { Mempool } from '../mempool/mempool.js';")), ['miner/planted.ts -> mempool/mempool.ts']);
  assert.deepEqual(sameLayerViolations(planted('mempool/planted.ts', "import { renderWav } from '../nft/music.js';")), ['mempool/planted.ts -> nft/music.ts']);
});

test('only proof-of-work parts import consensus/pow (miner, mining pool, client PoW seal check, node, testing)', () => {
  // Imports left from outside the allowed set. This list may only shrink: delete a line when its import goes.
  const known: string[] = [];
  const found = powViolations(all);
  assert.deepEqual(
    found.filter((v) => !known.includes(v)),
    [],
  );
  for (const [path, ok] of [
    ['chain/planted.ts', false],
    ['state/planted.ts', false],
    ['storage/planted.ts', false],
    ['mempool/planted.ts', false],
    ['primitives/planted.ts', false],
    ['p2p/planted.ts', false],
    ['client/planted.ts', false],
    ['miner/planted.ts', true],
    ['mining-pool/planted.ts', true],
    ['client/proof.ts', true],
    ['node/planted.ts', true],
    ['testing/planted.ts', true],
    ['consensus/pow/planted.ts', true],
  ] as const) {
    const spec = `${'../'.repeat(path.split('/').length - 1)}consensus/pow/work.js`;
    const v = powViolations([{ path, text: `import { headerWork } from '${spec}';` }]);
    assert.deepEqual(v, ok ? [] : [`${path} -> consensus/pow/work.ts`], path);
  }
});

test('state modules reach each other only through method.ts; the state machine imports no module', () => {
  assert.deepEqual(moduleViolations(all), []);
  const bad = [
    // Around method.ts into another module's stores, schemas or hooks (types too).
    ['state/modules/market/commands/planted.ts', "import { tokenStore } from '../../nft/stores.js';", 'state/modules/nft/stores.ts'],
    ['state/modules/fees/planted.ts', "import type { Account } from '../accounts/stores.js';", 'state/modules/accounts/stores.ts'],
    ['state/modules/nft/planted.ts', "export { TransferChecks } from '../bank/hooks.js';", 'state/modules/bank/hooks.ts'],
    // The module list may import a module's module.ts or method.ts only.
    ['state/modules/planted.ts', "import { accountStore } from './accounts/stores.js';", 'state/modules/accounts/stores.ts'],
    // The state machine and the rest of state/ depend on no particular module.
    ['state/planted.ts', "import { getAccount } from './modules/accounts/method.js';", 'state/modules/accounts/method.ts'],
  ] as const;
  for (const [path, text, target] of bad) assert.deepEqual(moduleViolations(planted(path, text)), [`${path} -> ${target}`], text);
  const good = [
    ['state/modules/market/commands/planted.ts', "import { tokenKey } from '../../nft/method.js';"],
    ['state/modules/market/commands/planted.ts', "import { listingStore } from '../stores.js';"],
    ['state/modules/planted.ts', "import { bankModule } from './bank/module.js';"],
    // Outside state/ (rpc views, mempool) is not a module: its reads are its own layer's business.
    ['rpc/planted.ts', "import { accountStore } from '../state/modules/accounts/stores.js';"],
  ] as const;
  for (const [path, text] of good) assert.deepEqual(moduleViolations(planted(path, text)), [], text);
});

test('worker modules loaded by URL count as imports', () => {
  const workers = all.flatMap(importsOf).filter((i) => i.kind === 'worker');
  // The signature worker and the miner worker (a new one appears here when it is added).
  assert.deepEqual(workers.map((i) => `${i.from} -> ${i.to}`).sort(), ['chain/sig-verifier.ts -> chain/sig-worker.ts', 'miner/cpu-miner.ts -> miner/miner-worker.ts']);
  const text = "const w = spawnWorker(new URL('../miner/miner-worker.js', import.meta.url), null);\nnew Worker(new URL(\n  './x.js',\n  import.meta.url,\n));";
  assert.deepEqual(layerViolations(planted('state/planted.ts', text)), ['state/planted.ts -> miner/miner-worker.ts (worker)']);
  assert.deepEqual(
    importsOf({ path: 'chain/planted.ts', text }).map((i) => i.to),
    ['miner/miner-worker.ts', 'chain/x.ts'],
  );
  // A doc comment showing the pattern is not an import.
  assert.deepEqual(importsOf({ path: 'util/planted.ts', text: "/** e.g. `new URL('./w.js', import.meta.url)` */" }), []);
});

test('browser-safe code (client, web (the dashboard, but its build config), wallet except its file store, encoding, crypto/{hash,keys,address}, primitives, state/proof, the RPC schemas in api/ and modules/*/api.ts) imports no node: module', () => {
  const browser = (r: string) => {
    if (r === 'wallet/wallet-store.ts' || r === 'crypto/native.ts' || r === 'web/vite.config.ts') return false;
    return /^(client|wallet|encoding|primitives|api|web)\//.test(r) || /^crypto\/(hash|keys|address)\.ts$/.test(r) || r === 'state/proof.ts' || /^state\/modules\/[^/]+\/api\.ts$/.test(r);
  };
  const bad = (files: readonly SourceFile[]) =>
    files
      .filter((f) => browser(f.path))
      .flatMap(importsOf)
      .filter((i) => i.kind !== 'type' && (i.spec.startsWith('node:') || i.spec === 'secp256k1' || i.spec === 'classic-level'))
      .map((i) => `${i.from} imports ${i.spec}`);
  assert.deepEqual(bad(all), []);
  assert.deepEqual(bad(planted('client/planted.ts', "import { readFileSync } from 'node:fs';")), ['client/planted.ts imports node:fs']);
});

test('no runtime import cycles', () => {
  assert.deepEqual(importCycles(all), []);
  const cycle = importCycles([
    { path: 'util/a.ts', text: "import { b } from './b.js';" },
    { path: 'util/b.ts', text: "import { a } from './a.js';" },
    { path: 'util/c.ts', text: "import type { a } from './a.js';" },
  ]);
  assert.deepEqual(cycle, ['util/a.ts -> util/b.ts -> util/a.ts']);
  // Type-only imports erase at run time and form no cycle.
  assert.deepEqual(importCycles([{ path: 'util/a.ts', text: "import type { b } from './b.js';" }, { path: 'util/b.ts', text: "import { a } from './a.js';" }]), []);
});

test('RPC schema files (api/, modules/*/api.ts) are schema-only: they import no handler, state access or server code', () => {
  const schemaFile = (r: string) => /^api\//.test(r) || /^state\/modules\/[^/]+\/api\.ts$/.test(r);
  const bad = (files: readonly SourceFile[]) =>
    files
      .filter((f) => schemaFile(f.path))
      .flatMap(importsOf)
      .filter((i) => i.to !== undefined && (/(^|\/)(endpoint|method|module)\.ts$/.test(i.to) || /\/commands(\.ts|\/)/.test(i.to) || /^(rpc|chain|storage|node|mempool|miner)\//.test(i.to) || i.to === 'state/state-machine.ts'))
      .map((i) => `${i.from} -> ${i.to}`);
  assert.deepEqual(bad(all), []);
  assert.deepEqual(bad(planted('state/modules/nft/api.ts', "import { getToken } from './method.js';")), ['state/modules/nft/api.ts -> state/modules/nft/method.ts']);
});

test("a module's RPC face may use other modules' RPC faces; its internals may not", () => {
  assert.deepEqual(moduleViolations(planted('state/modules/stablecoin/endpoint.ts', "import { assetView } from '../assets/endpoint.js';")), []);
  assert.deepEqual(moduleViolations(planted('state/modules/market/api.ts', "import { TokenIdParam } from '../nft/api.js';")), []);
  assert.deepEqual(moduleViolations(planted('state/modules/market/commands/planted.ts', "import { Token } from '../../nft/api.js';")), ['state/modules/market/commands/planted.ts -> state/modules/nft/api.ts']);
  assert.deepEqual(moduleViolations(planted('state/modules/market/endpoint.ts', "import { tokenStore } from '../nft/stores.js';")), ['state/modules/market/endpoint.ts -> state/modules/nft/stores.ts']);
  assert.deepEqual(moduleViolations(planted('state/modules/command-params.ts', "import { accountStore } from './accounts/stores.js';")), ['state/modules/command-params.ts -> state/modules/accounts/stores.ts']);
});
