/**
 * The import rules of ARCHITECTURE.md as pure functions over an in-memory file list, so
 * test/architecture.test.ts can run them on src/ and on planted bad imports alike. Paths are
 * relative to src/ with `/` separators (`state/modules/market/method.ts`).
 */
import { posix } from 'node:path';

/** One source file: its path under src/ and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/**
 * How a file reaches another: a static `import`/`export … from`, a type-only one, a dynamic
 * `import()`, or a worker module loaded by URL (`new URL('./w.js', import.meta.url)`, which
 * `spawnWorker` / `new Worker` run: it is a runtime dependency the import graph cannot see).
 */
export type ImportKind = 'static' | 'type' | 'dynamic' | 'worker';

/** One import, resolved: `to` is a path under src/ (`.ts`) for relative specifiers, else the bare one. */
export interface Import {
  readonly from: string;
  readonly spec: string;
  readonly to: string;
  readonly kind: ImportKind;
}

/** Layer rank by folder (first path segment under src/, or the file name): ARCHITECTURE.md's list. */
export const RANK: Readonly<Record<string, number>> = {
  'errors.ts': 0,
  'index.ts': 13,
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
  'mining-pool': 9,
  p2p: 9,
  rpc: 9,
  client: 9,
  validator: 10,
  node: 11,
  testing: 11,
  cli: 12,
  web: 12,
};

/**
 * Where ARCHITECTURE.md orders the folders of one layer: each folder listed here may import only
 * the same-layer folders named for it (a folder of an ordered layer that is not listed imports
 * none). Layers not listed (util/encoding, primitives/params, rpc/client/p2p/pool, node/testing,
 * cli/web) are not ordered.
 */
export const SAME_LAYER: Readonly<Record<number, Readonly<Record<string, readonly string[]>>>> = {
  // An engine contributes state modules and checks blocks against the parent state; the state
  // machine never sees the engine.
  5: { consensus: ['state'], state: [] },
  // The NFT miner reuses the SHA-256d kernel; the miner and the mempool know nothing of each other.
  8: { nft: ['miner'], miner: [], mempool: [] },
};

/**
 * Proof of work is one engine behind the seam: the generic layers never import `consensus/pow`
 * (DESIGN.md, issue 8). Only these paths (folders end in `/`) may.
 */
export const POW_IMPORTERS: readonly string[] = ['consensus/pow/', 'miner/', 'mining-pool/', 'pool/', 'client/proof.ts', 'node/', 'testing/'];

const STATIC = /^\s*(import|export)\s+(type\s+)?[^'";]*?\bfrom\s+['"]([^'"]+)['"]/gm;
const BARE = /^\s*import\s+['"]([^'"]+)['"]/gm;
const DYNAMIC = /(typeof\s+)?\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const WORKER_URL = /new\s+URL\(\s*['"](\.{1,2}\/[^'"]+\.(?:[cm]?js|[cm]?ts))['"]\s*,\s*import\.meta\.url\s*,?\s*\)/g;

/** Resolves `spec` as written in `from` to a path under src/ (`.ts`), or returns it unchanged if bare. */
export function resolveSpec(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  return posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.[cm]?js$/, '.ts');
}

/** `text` without block comments and whole-line `//` comments (doc examples are not imports). */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** Every import of one file. */
export function importsOf(file: SourceFile): Import[] {
  const out: Import[] = [];
  const text = stripComments(file.text);
  const add = (spec: string, kind: ImportKind) => out.push({ from: file.path, spec, to: resolveSpec(file.path, spec), kind });
  for (const m of text.matchAll(STATIC)) add(m[3], m[2] ? 'type' : 'static');
  for (const m of text.matchAll(BARE)) add(m[1], 'static');
  for (const m of text.matchAll(DYNAMIC)) add(m[2], m[1] ? 'type' : 'dynamic');
  for (const m of text.matchAll(WORKER_URL)) add(m[1], 'worker');
  return out;
}

/** Folder (first segment) of a path under src/. */
export function layerOf(path: string): string {
  return path.split('/')[0];
}

/** Relative imports that stay inside src/. */
function internal(files: readonly SourceFile[]): Import[] {
  return files.flatMap(importsOf).filter((i) => i.spec.startsWith('.') && !i.to.startsWith('..'));
}

const show = (i: Import) => `${i.from} -> ${i.to}${i.kind === 'worker' ? ' (worker)' : ''}`;

/** Files whose folder has no layer. */
export function unlayered(files: readonly SourceFile[]): string[] {
  return files.filter((f) => !(layerOf(f.path) in RANK)).map((f) => f.path);
}

/** Rule: a folder imports only from its own layer or lower ones. */
export function layerViolations(files: readonly SourceFile[]): string[] {
  return internal(files)
    .filter((i) => RANK[layerOf(i.to)] > RANK[layerOf(i.from)])
    .map(show);
}

/** Rule: between folders of one ordered layer, only the imports `SAME_LAYER` allows. */
export function sameLayerViolations(files: readonly SourceFile[]): string[] {
  return internal(files)
    .filter((i) => {
      const a = layerOf(i.from);
      const b = layerOf(i.to);
      if (a === b || RANK[a] !== RANK[b]) return false;
      const order = SAME_LAYER[RANK[a]];
      if (!order) return false;
      return !(order[a] ?? []).includes(b);
    })
    .map(show);
}

/** Rule: only `POW_IMPORTERS` import `consensus/pow`. */
export function powViolations(files: readonly SourceFile[]): string[] {
  return internal(files)
    .filter((i) => i.to.startsWith('consensus/pow/') && !POW_IMPORTERS.some((p) => (p.endsWith('/') ? i.from.startsWith(p) : i.from === p)))
    .map(show);
}

const MODULES = 'state/modules/';

/** The module folder a path under src/ belongs to (`market` for state/modules/market/…), if any. */
export function moduleOf(path: string): string | undefined {
  if (!path.startsWith(MODULES)) return undefined;
  const rest = path.slice(MODULES.length).split('/');
  return rest.length > 1 ? rest[0] : undefined;
}

/**
 * Rule: state modules reach each other only through `method.ts` (Lisk's method seam). A file of
 * module `b` imports from module `a` only `state/modules/a/method.ts` (and b's RPC face, its
 * `api.ts` / `endpoint.ts`, also a's RPC face); the module list
 * (`state/modules/index.ts`) imports each module's `module.ts` or `method.ts`; the state machine
 * and the rest of `state/` outside `modules/` import no module at all (fees and nonces come
 * through the `TxFeeHandler` hooks).
 */
export function moduleViolations(files: readonly SourceFile[]): string[] {
  return internal(files)
    .filter((i) => {
      const target = moduleOf(i.to);
      if (target === undefined) return false;
      const source = moduleOf(i.from);
      if (source === target) return false;
      const file = i.to.slice(`${MODULES}${target}/`.length);
      // A module's RPC face (schema-only api.ts, endpoint.ts) may build on other modules' RPC faces;
      // everything else of a module reaches another module through its method.ts only.
      const face = (f: string): boolean => f === 'api.ts' || f === 'endpoint.ts';
      if (source !== undefined) return file !== 'method.ts' && !(face(i.from.slice(`${MODULES}${source}/`.length)) && face(file));
      // The module lists: index.ts takes module.ts / method.ts, command-params.ts each module's api.ts.
      if (i.from === `${MODULES}command-params.ts`) return file !== 'api.ts';
      if (i.from.startsWith(MODULES)) return file !== 'method.ts' && file !== 'module.ts';
      return layerOf(i.from) === 'state';
    })
    .map(show);
}

/** Runtime import cycles (type-only imports and worker URLs do not form a cycle). */
export function importCycles(files: readonly SourceFile[]): string[] {
  const graph = new Map<string, string[]>();
  for (const f of files) graph.set(f.path, []);
  for (const i of internal(files)) if (i.kind === 'static' || i.kind === 'dynamic') graph.get(i.from)?.push(i.to);
  const state = new Map<string, 1 | 2>();
  const cycles: string[] = [];
  const visit = (f: string, stack: string[]) => {
    if (state.get(f) === 2) return;
    if (state.get(f) === 1) {
      cycles.push([...stack.slice(stack.indexOf(f)), f].join(' -> '));
      return;
    }
    state.set(f, 1);
    for (const g of graph.get(f) ?? []) visit(g, [...stack, f]);
    state.set(f, 2);
  };
  for (const f of graph.keys()) visit(f, []);
  return cycles;
}
