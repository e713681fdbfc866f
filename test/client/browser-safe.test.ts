import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every module reachable from `file` through relative imports (type-only ones included), with the bare specifiers each imports. */
function walk(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const text = readFileSync(join(root, file), 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
  seen.set(file, specs);
  for (const s of specs) if (s.startsWith('.')) walk(join(dirname(file), s).replace(/\.js$/, '.ts'), seen);
  return seen;
}

test('the client SDK imports no node: module (or Node built-in, or the server), directly or transitively', () => {
  const files = walk('src/client/index.ts');
  assert.ok(files.size > 10);
  for (const [file, specs] of files) {
    assert.ok(!file.startsWith('src/rpc/') && !file.startsWith('src/chain/') && !file.startsWith('src/storage/'), `client reaches ${file}`);
    // Schemas yes (api/, modules/*/api.ts), handlers never.
    assert.ok(!/endpoint\.ts$/.test(file) && file !== 'src/state/state-machine.ts', `client reaches handler code ${file}`);
    for (const s of specs) {
      assert.ok(!s.startsWith('node:') && !['fs', 'path', 'os', 'crypto', 'events', 'http', 'net', 'ws', 'fastify', 'secp256k1'].includes(s), `client reaches ${file} which imports ${s}`);
    }
  }
});
