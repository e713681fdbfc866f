/**
 * Where the node finds the web dashboard's build: `dist/dashboard/` beside the compiled node
 * (`dist/node/` → `dist/dashboard/`), or, when the node runs from `src/` (tests under tsx), the
 * repository's `dist/dashboard/`. `npm run build` makes it (vite, see src/web/).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Candidate folders, in order. */
const CANDIDATES = ['../dashboard/', '../../dist/dashboard/'];

/** The dashboard build folder, or undefined when it was not built. */
export function findDashboardDir(): string | undefined {
  for (const c of CANDIDATES) {
    const dir = fileURLToPath(new URL(c, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return undefined;
}
