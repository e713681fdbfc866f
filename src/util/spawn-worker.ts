/**
 * Starts a worker thread from a module that may exist as compiled JS (dist/, after tsc) or only as
 * TypeScript source (src/, run under tsx): the `.js` file next to the given module is used when it
 * exists, else the `.ts` file through tsx. On Node 20 loader hooks given to a worker with
 * `execArgv: ['--import', 'tsx']` do not reach its modules (tsx issue #354: ERR_UNKNOWN_FILE_EXTENSION),
 * so the worker runs a tiny evaluated bootstrap that registers tsx's ESM loader in the worker
 * (`tsx/esm/api` register()) and then imports the `.ts` module.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Absolute URL of tsx's ESM API (resolved from this package, not from the process's cwd). */
function tsxApiUrl(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return 'tsx/esm/api';
  }
}

/**
 * Spawns `url` (a `.js` or `.ts` module URL, e.g. `new URL('./w.js', import.meta.url)`) as a worker
 * with `workerData`; `transferList` moves ports or buffers to it.
 */
export function spawnWorker(url: URL, workerData: unknown, transferList: WorkerOptions['transferList'] = []): Worker {
  const base = fileURLToPath(url).replace(/\.(?:[cm]?js|[cm]?ts)$/, '');
  const js = `${base}.js`;
  if (existsSync(js)) return new Worker(pathToFileURL(js), { workerData, transferList });
  const ts = pathToFileURL(`${base}.ts`).href;
  const bootstrap =
    `import(${JSON.stringify(tsxApiUrl())})` +
    `.then((api) => { api.register(); return import(${JSON.stringify(ts)}); })` +
    `.catch((e) => { process.nextTick(() => { throw e; }); });`;
  return new Worker(bootstrap, { eval: true, workerData, transferList });
}
