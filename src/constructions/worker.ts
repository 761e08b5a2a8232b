/**
 * Worker-thread entry point of {@link runJobs}: builds the solver named by its start data once,
 * then solves the jobs it is sent, one at a time, and posts each result back.
 *
 * Results are copied, never transferred: transferring an ArrayBuffer detaches it, and the first
 * detach in a thread makes V8 drop its optimized code and check every later typed-array access
 * for detachment. On construction D's benchmark (b) that made a worker about 10% slower than the
 * same solver on the main thread; a copy of a job's result costs well under a millisecond.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { WorkerInit } from './parallel.js';
import { SubsetSolver, subsetSpecFromJson, type SubsetJob, type SubsetSpecJson } from './subset-construct.js';
import { gadgetSpecFromJson, solveGadgetJob, type GadgetJob, type GadgetSpecJson } from './construct.js';
import { RULES } from './rules.js';
import type { GadgetConstruction } from '../theory/construction-name.js';

const init = workerData as WorkerInit;
let solve: (job: unknown) => unknown;
try {
  if (init.kind === 'subset') {
    const solver = new SubsetSolver(subsetSpecFromJson(init.spec as SubsetSpecJson));
    solve = (job) => solver.solve(job as SubsetJob);
  } else {
    const spec = gadgetSpecFromJson(init.spec as GadgetSpecJson);
    const rule = RULES[spec.construction as GadgetConstruction];
    solve = (job) => solveGadgetJob(spec, rule, job as GadgetJob);
  }
} catch (e) {
  solve = () => {
    throw e;
  };
}

parentPort?.on('message', (m: { id: number; job: unknown }) => {
  try {
    parentPort?.postMessage({ id: m.id, result: solve(m.job) });
  } catch (e) {
    // an input error keeps its meaning across the thread boundary (the class itself does not survive cloning)
    if (e instanceof InputError) parentPort?.postMessage({ id: m.id, inputError: e.message });
    else parentPort?.postMessage({ id: m.id, error: (e as Error).stack ?? String(e) });
  }
});
