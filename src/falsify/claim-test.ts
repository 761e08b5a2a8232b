/**
 * Statistical tests of a claim "P(trial fails) <= delta" on independent trials (trial i uses G seed
 * `<base>.<i>`; inconclusive trials count as failures):
 *
 * - {@link sequentialClaimTest}: the anytime-valid sequential test of src/stats (looks at
 *   n = 10, 20, 40, ..., level alpha/(k(k+1)) at look k), with the trials of each look run in a
 *   batch on worker threads, so the verdict is identical for any number of workers;
 * - {@link shardRun} and {@link mergeShards}: a fixed-n test split over machines: each shard runs
 *   its indices, `merge` checks that the shards fit together and gives the fixed-n verdict.
 */
import { isCount, isJsonObject as isObj } from '../network/json-shape.js';
import { InputError } from '../errors.js';
import type { Rational } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { networkToJson, parseNetwork } from '../network/json.js';
import { SequentialTest, type Look } from '../stats/sequential.js';
import { threeWayVerdict, type VerdictResult } from '../stats/verdict.js';
import type { ClaimParams, Outcome } from './claim-types.js';
import { paramsToJson, parseParams, type CounterexampleEntry } from './database.js';
import { runTrials, shardIndices, type IndexedOutcome, type Shard } from './trials.js';

/** Result of a sequential claim test. */
export interface ClaimTestResult {
  readonly claim: string;
  readonly verdict: VerdictResult;
  readonly looks: readonly Look[];
  readonly maxTrials: number;
  readonly outcomes: readonly IndexedOutcome[];
}

/** Options of a claim test. */
export interface ClaimTestOptions {
  readonly claim: string;
  readonly target: Network;
  readonly params: ClaimParams;
  readonly alpha: Rational;
  readonly maxTrials: number;
  /** Base of the trial seeds. */
  readonly base: string;
  readonly workers: number;
  /** Called after each trial with the trial count of the look under way (the test may stop there). */
  readonly onTrial?: (lookTrials: number) => void;
}

const failed = (o: Outcome): boolean => o.status !== 'success';

/**
 * Runs the sequential test, stopping at the first look that decides.
 *
 * @example
 * ```ts
 * const r = await sequentialClaimTest({ claim: 'pair', target, params, alpha, maxTrials: 200, base: 'ct', workers: 2 });
 * r.verdict.verdict; // 'supported' | 'refuted' | 'inconclusive'
 * ```
 */
export async function sequentialClaimTest(opts: ClaimTestOptions): Promise<ClaimTestResult> {
  const test = new SequentialTest(opts.params.delta, opts.alpha, opts.maxTrials);
  const outcomes: IndexedOutcome[] = [];
  let failures = 0;
  for (let n = test.nextLook; n !== undefined; n = test.nextLook) {
    const indices = shardIndices(outcomes.length, n);
    const onDone = opts.onTrial ? (): void => opts.onTrial?.(n) : undefined;
    const batch = await runTrials(opts.claim, opts.target, opts.params, opts.base, indices, opts.workers, onDone);
    for (const o of batch) {
      outcomes.push(o);
      if (failed(o.outcome)) failures += 1;
    }
    test.look(failures);
  }
  const v = test.verdict();
  return {
    claim: opts.claim,
    verdict: {
      ...v,
      alpha: opts.alpha,
      method: `sequential (looks at ${test.scheduleText()}; alpha_k = alpha/(k(k+1)), anytime valid); ${v.method}`,
    },
    looks: test.looks,
    maxTrials: opts.maxTrials,
    outcomes,
  };
}

/** Format tag of shard results. */
export const SHARD_FORMAT = 'slth-shard/1';

/** One shard's results, as written to a file. */
export interface ShardDoc {
  format: typeof SHARD_FORMAT;
  claim: string;
  params: CounterexampleEntry['params'];
  target: { format: string; layers: string[][][] };
  base: string;
  trials: number;
  shard: { index: number; count: number };
  outcomes: { index: number; status: Outcome['status']; reason: string }[];
}

/**
 * Runs one shard of a fixed-n test: the indices i < trials with i mod count = index.
 *
 * @example
 * ```ts
 * const doc = await shardRun({ ...opts, maxTrials: 1000 }, { index: 0, count: 4 });
 * ```
 */
export async function shardRun(opts: ClaimTestOptions, shard: Shard): Promise<ShardDoc> {
  const indices = shardIndices(0, opts.maxTrials, shard);
  const onDone = opts.onTrial ? (): void => opts.onTrial?.(indices.length) : undefined;
  const outcomes = await runTrials(opts.claim, opts.target, opts.params, opts.base, indices, opts.workers, onDone);
  return {
    format: SHARD_FORMAT,
    claim: opts.claim,
    params: paramsToJson(opts.params),
    target: networkToJson(opts.target),
    base: opts.base,
    trials: opts.maxTrials,
    shard: { index: shard.index, count: shard.count },
    outcomes: outcomes.map((o) => ({ index: o.index, status: o.outcome.status, reason: o.outcome.reason })),
  };
}

const STATUSES: readonly string[] = ['success', 'failure', 'inconclusive'];

/**
 * Validates a parsed shard result file (as `claim-test --shard` writes it) and returns it with
 * its parameters read. Every problem is an {@link InputError} starting with `where`.
 *
 * @example
 * ```ts
 * const { doc, params } = parseShardDoc(JSON.parse(text), 'shard-0.json');
 * ```
 */
export function parseShardDoc(value: unknown, where: string): { doc: ShardDoc; params: ClaimParams } {
  const fail = (why: string): never => {
    throw new InputError(`${where}: ${why}`);
  };
  if (!isObj(value)) return fail(`not a shard result file (expected a JSON object with "format": "${SHARD_FORMAT}")`);
  if (value['format'] !== SHARD_FORMAT)
    fail(`not a shard result file (format ${JSON.stringify(value['format'])}, expected "${SHARD_FORMAT}")`);
  if (typeof value['claim'] !== 'string') fail('claim must be a string');
  const params = parseParams(value['params'], where);
  parseNetwork(value['target'], `${where}: target`);
  if (typeof value['base'] !== 'string') fail('base must be a string');
  const trials = value['trials'];
  if (!isCount(trials) || trials < 1) fail(`trials must be a positive integer, got ${JSON.stringify(trials)}`);
  const shard = value['shard'];
  if (
    !isObj(shard) ||
    !isCount(shard['index']) ||
    !isCount(shard['count']) ||
    shard['count'] < 1 ||
    shard['index'] >= shard['count']
  ) {
    fail(`shard must be {"index": i, "count": n} with integers 0 <= i < n, got ${JSON.stringify(shard) ?? 'nothing'}`);
  }
  const outcomes = value['outcomes'];
  if (!Array.isArray(outcomes)) return fail('outcomes must be an array');
  outcomes.forEach((o: unknown, i) => {
    if (!isObj(o)) fail(`outcomes[${i}] must be an object`);
    const oo = o as Record<string, unknown>;
    if (!isCount(oo['index']))
      fail(`outcomes[${i}].index must be a non-negative integer, got ${JSON.stringify(oo['index'])}`);
    if (typeof oo['status'] !== 'string' || !STATUSES.includes(oo['status']))
      fail(`outcomes[${i}].status must be one of ${STATUSES.join(', ')}, got ${JSON.stringify(oo['status'])}`);
    if (typeof oo['reason'] !== 'string') fail(`outcomes[${i}].reason must be a string`);
  });
  return { doc: value as unknown as ShardDoc, params };
}

/**
 * Combines shard documents into one fixed-n verdict at level alpha. Every shard must come from
 * the same study (claim, parameters, target, seed base, trial count, shard count), each shard
 * exactly once, and together they must cover every trial index exactly once.
 *
 * @example
 * ```ts
 * mergeShards([doc0, doc1], alpha).verdict; // 'supported' | 'refuted' | 'inconclusive'
 * ```
 */
export function mergeShards(
  docs: readonly ShardDoc[],
  alpha: Rational,
  delta: Rational,
): VerdictResult & { claim: string } {
  const first = docs[0];
  if (!first) throw new InputError('merge needs at least one shard file');
  const key = (d: ShardDoc): string => JSON.stringify([d.claim, d.params, d.target, d.base, d.trials, d.shard.count]);
  const seenShards = new Set<number>();
  const seenIdx = new Set<number>();
  let failures = 0;
  for (const d of docs) {
    if (d.format !== SHARD_FORMAT) throw new InputError(`not a shard result (format ${JSON.stringify(d.format)})`);
    if (key(d) !== key(first))
      throw new InputError(
        `shard ${d.shard.index}/${d.shard.count} belongs to a different study than shard ${first.shard.index}/${first.shard.count}`,
      );
    if (seenShards.has(d.shard.index)) throw new InputError(`shard ${d.shard.index}/${d.shard.count} given twice`);
    seenShards.add(d.shard.index);
    for (const o of d.outcomes) {
      if (
        !Number.isSafeInteger(o.index) ||
        o.index < 0 ||
        o.index >= d.trials ||
        o.index % d.shard.count !== d.shard.index
      ) {
        throw new InputError(`shard ${d.shard.index}/${d.shard.count} holds trial ${o.index}, which is not its own`);
      }
      if (seenIdx.has(o.index)) throw new InputError(`trial ${o.index} appears twice`);
      seenIdx.add(o.index);
      if (o.status !== 'success') failures += 1;
    }
  }
  if (seenShards.size !== first.shard.count || seenIdx.size !== first.trials) {
    throw new InputError(
      `incomplete: ${seenShards.size} of ${first.shard.count} shards, ${seenIdx.size} of ${first.trials} trials`,
    );
  }
  return { ...threeWayVerdict(failures, first.trials, delta, alpha), claim: first.claim };
}
