/**
 * Threshold studies: the empirical least pool size at which a claim's success rate reaches
 * 1 - delta, found by halving the stated width until the claim is refuted and then bisecting (on
 * a log scale) between the last supported and the first refuted size. Every evaluated size runs
 * a fixed number of trials (trial i uses the G seed `<base>.<i>` at every size: common random
 * numbers, so the failure counts of nested pools are comparable); its verdict uses a Bonferroni
 * share of alpha, so all verdicts of a study hold together with probability >= 1 - alpha. The ratio stated / threshold shows how
 * loose the explicit-constant theorem is.
 */
import { Rational } from '../numeric/rational.js';
import { countJson } from '../numeric/json-values.js';
import type { Network } from '../network/network.js';
import { lowerBound, upperBound } from '../stats/clopper-pearson.js';
import { threeWayVerdict, type Verdict } from '../stats/verdict.js';
import { claimById } from './claims.js';
import { type ClaimParams } from './claim-types.js';
import { runTrials, shardIndices } from './trials.js';

/** One evaluated pool size. */
export interface ThresholdPoint {
  /** Scale factor applied to the stated pools. */
  readonly scale: Rational;
  /** Pool size of the first target layer at this scale. */
  readonly pool: bigint;
  readonly failures: number;
  readonly trials: number;
  /** Two-sided exact (Clopper-Pearson) band at level alpha_each, certified. */
  readonly lower: Rational;
  readonly upper: Rational;
  readonly verdict: Verdict;
}

/** The result of a threshold study. */
export interface ThresholdResult {
  readonly claim: string;
  readonly statedPool: bigint;
  readonly points: readonly ThresholdPoint[];
  /** Smallest evaluated pool size whose verdict is 'supported' (null if none). */
  readonly threshold: bigint | null;
  /** Largest evaluated pool size whose verdict is 'refuted' (null if none). */
  readonly refutedBelow: bigint | null;
  readonly alphaEach: Rational;
  readonly trialsPerPoint: number;
}

/**
 * One point of a threshold study as typed JSON (counts as numbers, exact values as "p/q").
 *
 * @example
 * ```ts
 * study.points.map(thresholdPointJson); // [{ pool: 5526, scale: '1', failures: 0, ... }]
 * ```
 */
export function thresholdPointJson(p: ThresholdPoint): Record<string, unknown> {
  return {
    pool: countJson(p.pool),
    scale: p.scale.toString(),
    failures: p.failures,
    trials: p.trials,
    lower: p.lower.toString(),
    upper: p.upper.toString(),
    verdict: p.verdict,
  };
}

/** Options of {@link thresholdStudy}. */
export interface ThresholdOptions {
  readonly claim: string;
  readonly target: Network;
  readonly params: ClaimParams;
  readonly alpha: Rational;
  readonly trials: number;
  readonly base: string;
  readonly workers: number;
  /** Bisection steps after the halving phase (default 6). */
  readonly bisections?: number;
  readonly onPoint?: (p: ThresholdPoint) => void;
}

/**
 * Runs a threshold study.
 *
 * @example
 * ```ts
 * const t = await thresholdStudy({ claim: 'pair', target, params, alpha, trials: 40, base: 'th', workers: 2 });
 * t.threshold; // e.g. 900n, against t.statedPool = 5479n
 * ```
 */
export async function thresholdStudy(opts: ThresholdOptions): Promise<ThresholdResult> {
  const claim = claimById(opts.claim);
  const stated = claim.statedPool(opts.target, opts.params)[0] as bigint;
  const halvings = Math.max(1, stated.toString(2).length);
  const bisections = opts.bisections ?? 6;
  const alphaEach = opts.alpha.div(Rational.of(halvings + bisections + 1));
  const half = alphaEach.div(Rational.of(2));
  const points: ThresholdPoint[] = [];
  const poolAt = (s: Rational): bigint => {
    const k = Rational.of(stated).mul(s).ceil();
    return k < 1n ? 1n : k;
  };
  const evaluate = async (scale: Rational): Promise<ThresholdPoint> => {
    const known = points.find((p) => p.pool === poolAt(scale));
    if (known) return known;
    // common random numbers: trial i uses the same G seed at every size
    const outcomes = await runTrials(
      opts.claim,
      opts.target,
      { ...opts.params, widthScale: scale, pool: undefined },
      opts.base,
      shardIndices(0, opts.trials),
      opts.workers,
    );
    const failures = outcomes.filter((o) => o.outcome.status !== 'success').length;
    const v = threeWayVerdict(failures, opts.trials, opts.params.delta, alphaEach);
    const p: ThresholdPoint = {
      scale,
      pool: poolAt(scale),
      failures,
      trials: opts.trials,
      lower: lowerBound(failures, opts.trials, half),
      upper: upperBound(failures, opts.trials, half),
      verdict: v.verdict,
    };
    points.push(p);
    opts.onPoint?.(p);
    return p;
  };
  // halving phase
  let good: Rational | null = null;
  let bad: Rational | null = null;
  let s = Rational.ONE;
  for (let i = 0; i < halvings; i++) {
    const p = await evaluate(s);
    if (p.verdict === 'refuted') {
      bad = s;
      break;
    }
    if (p.verdict === 'supported') good = s;
    if (p.pool === 1n) break;
    s = s.div(Rational.of(2));
  }
  // bisection on a log scale (geometric mean rounded to a dyadic) between good and bad
  if (good && bad) {
    for (let i = 0; i < bisections; i++) {
      const pg = poolAt(good);
      const pb = poolAt(bad);
      if (pg - pb <= 1n) break;
      const mid = Rational.dyadic(BigInt(Math.round(Math.sqrt(good.toNumber() * bad.toNumber()) * 2 ** 40)), -40);
      if (poolAt(mid) === pg || poolAt(mid) === pb) break;
      const p = await evaluate(mid);
      if (p.verdict === 'supported') good = mid;
      else if (p.verdict === 'refuted') bad = mid;
      else bad = mid; // inconclusive: keep looking above it
    }
  }
  const supported = points.filter((p) => p.verdict === 'supported').map((p) => p.pool);
  const refuted = points.filter((p) => p.verdict === 'refuted').map((p) => p.pool);
  points.sort((a, b) => (a.pool < b.pool ? -1 : a.pool > b.pool ? 1 : 0));
  return {
    claim: opts.claim,
    statedPool: stated,
    points,
    threshold: supported.length ? supported.reduce((a, b) => (a < b ? a : b)) : null,
    refutedBelow: refuted.length ? refuted.reduce((a, b) => (a > b ? a : b)) : null,
    alphaEach,
    trialsPerPoint: opts.trials,
  };
}
