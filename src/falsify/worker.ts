/**
 * Worker-thread entry point of {@link runTrials}: runs its chunk of trial indices and posts the
 * outcomes back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { parseNetwork } from '../network/json.js';
import { paramsFromJson } from './database.js';
import { runTrialsHere, type TrialJob } from './trials.js';

const job = workerData as TrialJob;
try {
  const result = runTrialsHere(
    job.claim,
    parseNetwork(job.target, 'trial job target'),
    paramsFromJson(job.params),
    job.base,
    job.indices,
    () => parentPort?.postMessage({ done: true }),
  );
  parentPort?.postMessage({ result });
} catch (e) {
  // an input error keeps its meaning across the thread boundary (the class itself does not survive cloning)
  if (!(e instanceof InputError)) throw e;
  parentPort?.postMessage({ inputError: e.message, params: e.params });
}
