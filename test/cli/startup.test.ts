/**
 * The CLI starts fast because `coinworks --help` and client commands never load the node's heavy
 * parts: the static import graph of the entry point and of each client command reaches no node,
 * storage, chain, server, miner or state-machine code, and none of fastify, pino, ws, classic-level
 * or secp256k1 (commands load them with `await import()` only when they run a node).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(import.meta.dirname, '../../src');

/** Files reachable from `file` through static imports (type-only ones excluded), with their bare specifiers. */
function staticGraph(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  seen.set(file, specs.filter((s) => !s.startsWith('.')));
  for (const s of specs) if (s.startsWith('.')) staticGraph(resolve(dirname(file), s.replace(/\.js$/, '.ts')), seen);
  return seen;
}

const HEAVY_PACKAGES = ['fastify', 'pino', 'ws', 'classic-level', 'secp256k1'];
// node/config.ts (path expansion) and node/errors.ts are plain functions; the rest of node/ starts a node.
const HEAVY_FILES = /^node\/(?!config\.ts$|errors\.ts$)|^(storage|chain|rpc|miner|mempool)\/|^state\/state-machine\.ts$|^crypto\/native\.ts$/;

for (const entry of ['cli/main.ts', 'cli/commands/block.ts', 'cli/commands/tx.ts', 'cli/commands/balance.ts', 'cli/commands/supply.ts', 'cli/commands/send.ts', 'cli/commands/mine.ts', 'cli/commands/wallet.ts', 'cli/commands/multisig.ts', 'cli/commands/asset.ts', 'cli/commands/market.ts']) {
  test(`${entry} statically loads no node, server, database or native-crypto code`, () => {
    const bad: string[] = [];
    for (const [file, bare] of staticGraph(join(SRC, entry))) {
      const r = relative(SRC, file);
      if (HEAVY_FILES.test(r)) bad.push(r);
      for (const b of bare) if (HEAVY_PACKAGES.includes(b)) bad.push(`${r} imports ${b}`);
    }
    assert.deepEqual(bad, []);
  });
}

// Read commands given a plain address load no wallet crypto (scrypt, AES, HD keys) and no proof
// code until they need it (`await import()` on a label, a signature or --prove): issue 14, item 3.
for (const entry of ['cli/commands/balance.ts', 'cli/commands/block.ts', 'cli/commands/supply.ts', 'cli/commands/tx.ts']) {
  test(`${entry} statically loads no wallet keystore, HD keys or state-proof code`, () => {
    const bad: string[] = [];
    for (const [file, bare] of staticGraph(join(SRC, entry))) {
      const r = relative(SRC, file);
      if (/^wallet\/(keystore|wallet|hd|mnemonic|wallet-store)\.ts$|^state\/proof\.ts$/.test(r)) bad.push(r);
      for (const b of bare) if (/^@noble\/(ciphers|hashes\/scrypt)|^@scure\/bip(32|39)/.test(b)) bad.push(`${r} imports ${b}`);
    }
    assert.deepEqual(bad, []);
  });
}
