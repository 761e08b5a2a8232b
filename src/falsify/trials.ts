/**
 * Running many independent trials of a claim: trial i uses the G seed `<base>.<i>`, so a trial's
 * outcome depends only on its index. Trials run on a pool of worker threads (`workers`), and the
 * outcomes are gathered by index, so the results are identical to a single worker. `shard i/n`
 * keeps only the indices congruent to i mod n, so machines can split one study deterministically.
 */
import { InputError } from '../errors.js';
import { siblingModule, startWorker } from '../threads/start.js';
import type { Network } from '../network/network.js';
import { networkToJson } from '../network/json.js';
import { claimById } from './claims.js';
import { type ClaimParams, type Outcome } from './claim-types.js';
import { paramsToJson } from './database.js';

/** A shard: this machine runs the indices i with i mod count === index. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Parses `i/n` (0 <= i < n).
 *
 * @example
 * ```ts
 * parseShard('1/4'); // { index: 1, count: 4 }
 * ```
 */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new InputError(`shard must look like i/n, got '${text}'`, { params: ['shard'] });
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 10_000 || index >= count)
    throw new InputError(`shard i/n needs 0 <= i < n <= 10000, got '${text}'`, { params: ['shard'] });
  return { index, count };
}

/**
 * The G seed of trial i.
 *
 * @example
 * ```ts
 * trialSeed('study', 7); // 'study.7'
 * ```
 */
export function trialSeed(base: string, i: number): string {
  return `${base}.${i}`;
}

/**
 * The trial indices in [from, to) that belong to a shard.
 *
 * @example
 * ```ts
 * shardIndices(0, 10, { index: 1, count: 3 }); // [1, 4, 7]
 * ```
 */
export function shardIndices(from: number, to: number, shard: Shard = { index: 0, count: 1 }): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) if (i % shard.count === shard.index) out.push(i);
  return out;
}

/** A job as sent to a worker: plain JSON values only. */
export interface TrialJob {
  readonly claim: string;
  readonly target: { format: string; layers: string[][][] };
  readonly params: ReturnType<typeof paramsToJson>;
  readonly base: string;
  readonly indices: number[];
}

/** One trial's outcome with its index. */
export interface IndexedOutcome {
  readonly index: number;
  readonly outcome: Outcome;
}

/**
 * Runs trials in this thread.
 *
 * @example
 * ```ts
 * runTrialsHere(claimById('pair'), target, params, 'study', [0, 1, 2]);
 * ```
 */
export function runTrialsHere(
  claimId: string,
  target: Network,
  params: ClaimParams,
  base: string,
  indices: readonly number[],
  onDone?: () => void,
): IndexedOutcome[] {
  const claim = claimById(claimId);
  return indices.map((index) => {
    const outcome = claim.trial(target, trialSeed(base, index), params);
    onDone?.();
    return { index, outcome };
  });
}

/** The worker module of {@link runTrials}. */
const WORKER_URL = siblingModule(import.meta.url, 'worker');

/**
 * Runs trials on `workers` threads (1 = in this thread); outcomes sorted by index.
 *
 * @example
 * ```ts
 * await runTrials('pair', target, params, 'study', [0, 1, 2, 3], 2);
 * ```
 */
export async function runTrials(
  claimId: string,
  target: Network,
  params: ClaimParams,
  base: string,
  indices: readonly number[],
  workers: number,
  onDone?: () => void,
): Promise<IndexedOutcome[]> {
  if (workers <= 1 || indices.length <= 1) return runTrialsHere(claimId, target, params, base, indices, onDone);
  const n = Math.min(workers, indices.length);
  const chunks: number[][] = Array.from({ length: n }, () => []);
  indices.forEach((idx, k) => (chunks[k % n] as number[]).push(idx));
  const job = (chunk: number[]): TrialJob => ({
    claim: claimId,
    target: networkToJson(target),
    params: paramsToJson(params),
    base,
    indices: chunk,
  });
  const parts = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<IndexedOutcome[]>((resolve, reject) => {
          const w = startWorker(WORKER_URL, job(chunk));
          w.on('message', (m: { done?: true; result?: IndexedOutcome[]; inputError?: string; params?: string[] }) => {
            if (m.done) onDone?.();
            if (m.result) resolve(m.result);
            if (m.inputError !== undefined) reject(new InputError(m.inputError, { params: m.params ?? [] }));
          });
          w.on('error', reject);
          w.on('exit', (code) => {
            if (code !== 0) reject(new Error(`trial worker exited with code ${code}`));
          });
        }),
    ),
  );
  return parts.flat().sort((a, b) => a.index - b.index);
}
