/**
 * Running construction jobs on worker threads. A construction is cut into independent jobs (rows
 * or weights of one target layer, see subset-construct.ts and construct.ts); a pool of workers
 * solves them in any order, and the results are handed back strictly in job order, so whatever
 * the number of threads the merged result, and the certificate written from it, are the same
 * bytes. One worker receives the run's plain-data specification once, then jobs one at a time
 * (the next job goes to whichever worker is idle).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { siblingModule, startWorker } from '../threads/start.js';
import { InputError } from '../errors.js';

/** What a worker is started with: which solver, and its specification as plain JSON data. */
export interface WorkerInit {
  readonly kind: 'subset' | 'gadget';
  readonly spec: unknown;
}

/** A worker's reply to one job. */
interface Reply {
  readonly id: number;
  readonly result?: unknown;
  readonly inputError?: string;
  readonly error?: string;
}

/** The worker module of {@link runJobs}. */
const WORKER_URL = siblingModule(import.meta.url, 'worker');

/**
 * The default number of threads: the machine's available parallelism.
 *
 * @example
 * ```ts
 * defaultThreads(); // e.g. 2
 * ```
 */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Solves `jobs` on `threads` worker threads and calls `onResult(index, result)` in job order
 * (a result waits until every earlier one was delivered). Rejects with the first worker error
 * (an InputError keeps its class across the thread boundary).
 *
 * @example
 * ```ts
 * await runJobs({ kind: 'subset', spec }, jobs, 2, (i, r) => merger.add(r as SubsetJobResult));
 * ```
 */
export async function runJobs(
  init: WorkerInit,
  jobs: readonly unknown[],
  threads: number,
  onResult: (index: number, result: unknown) => void,
): Promise<void> {
  if (jobs.length === 0) return;
  const n = Math.max(1, Math.min(threads, jobs.length));
  const workers: Worker[] = [];
  const pending = new Map<number, unknown>();
  let next = 0; // next job to dispatch
  let deliver = 0; // next result to hand over
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: Error): void => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      const dispatch = (w: Worker): void => {
        if (next < jobs.length) {
          const id = next++;
          w.postMessage({ id, job: jobs[id] });
        }
      };
      for (let k = 0; k < n; k++) {
        const w = startWorker(WORKER_URL, init);
        workers.push(w);
        w.on('message', (m: Reply) => {
          if (failed) return;
          if (m.inputError !== undefined) return fail(new InputError(m.inputError));
          if (m.error !== undefined) return fail(new Error(`construction worker: ${m.error}`));
          pending.set(m.id, m.result);
          dispatch(w);
          try {
            while (pending.has(deliver)) {
              const r = pending.get(deliver);
              pending.delete(deliver);
              onResult(deliver, r);
              deliver += 1;
            }
          } catch (e) {
            return fail(e as Error);
          }
          if (deliver === jobs.length) resolve();
        });
        w.on('error', (e) => fail(e));
        w.on('exit', (code) => {
          if (code !== 0 && deliver < jobs.length) fail(new Error(`construction worker exited with code ${code}`));
        });
        dispatch(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
