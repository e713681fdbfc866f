/**
 * Vite build of the web dashboard: src/web/ → dist/dashboard/ (served by the node at the RPC port's
 * root, src/rpc/dashboard.ts). Preact's JSX runtime, hashed asset names (cached as immutable),
 * relative URLs, no source maps; nothing is fetched at run time. `npm run build` runs it after tsc.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: here('../../dist/dashboard'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    assetsDir: 'assets',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 400,
  },
});
