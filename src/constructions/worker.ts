/**
 * Worker-thread entry point of {@link runJobs}: builds the solver named by its start data once,
 * then solves the jobs it is sent, one at a time, and posts each result back (typed arrays are
 * transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { WorkerInit } from './parallel.js';
import { SubsetSolver, subsetSpecFromJson, type SubsetJob, type SubsetSpecJson } from './subset-construct.js';
import { gadgetSpecFromJson, solveGadgetJob, type GadgetJob, type GadgetSpecJson } from './construct.js';
import { RULES } from './rules.js';
import type { GadgetConstruction } from '../theory/construction-name.js';

const init = workerData as WorkerInit;
let solve: (job: unknown) => { result: unknown; transfer: ArrayBuffer[] };
try {
  if (init.kind === 'subset') {
    const solver = new SubsetSolver(subsetSpecFromJson(init.spec as SubsetSpecJson));
    solve = (job) => {
      const result = solver.solve(job as SubsetJob);
      return { result, transfer: [result.used.buffer as ArrayBuffer] };
    };
  } else {
    const spec = gadgetSpecFromJson(init.spec as GadgetSpecJson);
    const rule = RULES[spec.construction as GadgetConstruction];
    solve = (job) => {
      const result = solveGadgetJob(spec, rule, job as GadgetJob);
      return { result, transfer: [result.data.buffer as ArrayBuffer] };
    };
  }
} catch (e) {
  solve = () => {
    throw e;
  };
}

parentPort?.on('message', (m: { id: number; job: unknown }) => {
  try {
    const { result, transfer } = solve(m.job);
    parentPort?.postMessage({ id: m.id, result }, transfer);
  } catch (e) {
    // an input error keeps its meaning across the thread boundary (the class itself does not survive cloning)
    if (e instanceof InputError) parentPort?.postMessage({ id: m.id, inputError: e.message });
    else parentPort?.postMessage({ id: m.id, error: (e as Error).stack ?? String(e) });
  }
});
