/**
 * Starting a worker thread on one of slth's modules, the same way from compiled JavaScript (the
 * installed package: the module itself) and from TypeScript sources (development and tests: a
 * small bootstrap, scripts/dev/tsx-worker.mjs, registers tsx in the new thread first).
 */
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker running `module` (a URL of a .js or .ts file) with `data` as its workerData.
 * Inside the worker, read the data with `workerData` as usual.
 *
 * @example
 * ```ts
 * const w = startWorker(new URL('./worker.js', import.meta.url), { indices: [0, 1] });
 * w.on('message', (m) => console.log(m));
 * ```
 */
export function startWorker(module: URL, data: object): Worker {
  if (module.pathname.endsWith('.ts')) {
    const bootstrap = new URL('../../scripts/dev/tsx-worker.mjs', import.meta.url);
    return new Worker(bootstrap, { workerData: { ...data, __module: module.href } });
  }
  return new Worker(module, { workerData: data });
}

/**
 * The URL of a sibling module of `base` (an import.meta.url), in the form the running code uses:
 * `name.ts` when running from sources, `name.js` when compiled.
 *
 * @example
 * ```ts
 * siblingModule(import.meta.url, 'worker'); // file:///.../falsify/worker.js (or .ts)
 * ```
 */
export function siblingModule(base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}
