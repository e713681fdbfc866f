import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BROWSER_SAFE = ['src/wallet/mnemonic.ts', 'src/wallet/hd.ts', 'src/wallet/keystore.ts', 'src/wallet/wallet.ts'];

/** Every module reachable from `file` through relative imports, with the bare specifiers each one imports. */
function walk(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const text = readFileSync(join(root, file), 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
  seen.set(file, specs);
  for (const s of specs) {
    if (s.startsWith('.')) walk(join(dirname(file), s).replace(/\.js$/, '.ts'), seen);
  }
  return seen;
}

test('browser-safe wallet modules import no node: module, directly or transitively', () => {
  for (const entry of BROWSER_SAFE) {
    for (const [file, specs] of walk(entry)) {
      for (const s of specs) {
        assert.ok(!s.startsWith('node:') && !['fs', 'path', 'os', 'crypto'].includes(s), `${entry} reaches ${file} which imports ${s}`);
      }
    }
  }
});
