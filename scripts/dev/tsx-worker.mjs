// Development only: the bootstrap of worker threads when slth runs from its TypeScript sources
// (vitest, tsx). It registers tsx in the new thread, then loads the worker module named in
// workerData. The installed package runs compiled dist/ and never loads this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.__module);
