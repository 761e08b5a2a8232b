/**
 * The three-way verdict of a probabilistic claim "P(fail) <= delta" (docs/MATH.md §9), from
 * independent trials and one-sided Clopper-Pearson bounds at level alpha:
 *
 * - supported    if UCB(p_fail) <= delta,
 * - refuted      if LCB(p_fail) >  delta,
 * - inconclusive otherwise.
 *
 * Error control: if the claim is false (p_fail > delta), P(supported) <= P(UCB < p_fail) <= alpha;
 * if it is true (p_fail <= delta), P(refuted) <= P(LCB > p_fail) <= alpha. Only one of the two
 * errors is possible for a given p_fail, so each verdict is wrong with probability <= alpha.
 * Several claims share a budget alpha through {@link splitAlpha} (Bonferroni).
 */
import { InputError } from '../errors.js';
import { requireOpenUnit } from '../numeric/range.js';
import { Rational } from '../numeric/rational.js';
import { checkCounts, lowerBoundDetailed, upperBoundDetailed, type CpOptions } from './clopper-pearson.js';

/** The three verdicts. */
export type Verdict = 'supported' | 'refuted' | 'inconclusive';

/** A verdict with everything needed to reproduce it. */
export interface VerdictResult {
  readonly verdict: Verdict;
  /** Failed trials (inconclusive trials count as failures). */
  readonly failures: number;
  readonly trials: number;
  /** The claimed failure probability. */
  readonly delta: Rational;
  /** Level of the bounds (the probability that this verdict is wrong is at most alpha). */
  readonly alpha: Rational;
  /** How the bounds were computed. */
  readonly method: string;
  /** Certified one-sided lower confidence bound of p_fail. */
  readonly lower: Rational;
  /** Certified one-sided upper confidence bound of p_fail. */
  readonly upper: Rational;
}

/**
 * Validates delta in (0, 1).
 *
 * @example
 * ```ts
 * checkDelta(Rational.parse('1e-9')); // ok
 * ```
 */
export function checkDelta(delta: Rational): void {
  requireOpenUnit(delta, 'delta');
}

/**
 * The verdict from (failures, trials) at level alpha.
 *
 * @example
 * ```ts
 * const v = threeWayVerdict(0, 3000, Rational.of(1, 100), Rational.of(1, 20));
 * v.verdict; // 'supported' (UCB ~ 0.000998 <= 0.01)
 * ```
 */
export function threeWayVerdict(
  failures: number,
  trials: number,
  delta: Rational,
  alpha: Rational,
  options?: CpOptions,
): VerdictResult {
  checkCounts(failures, trials, alpha);
  checkDelta(delta);
  const up = upperBoundDetailed(failures, trials, alpha, options);
  const lo = lowerBoundDetailed(failures, trials, alpha, options);
  const verdict: Verdict = up.value.le(delta) ? 'supported' : lo.value.gt(delta) ? 'refuted' : 'inconclusive';
  return {
    verdict,
    failures,
    trials,
    delta,
    alpha,
    method: `one-sided Clopper-Pearson at level alpha; upper: ${up.method} (${up.description}); lower: ${lo.method} (${lo.description})`,
    lower: lo.value,
    upper: up.value,
  };
}

/**
 * Bonferroni split of a total level alpha over `claims` claims: alpha / claims each, so the
 * probability that any verdict is wrong is at most alpha (union bound).
 *
 * @example
 * ```ts
 * splitAlpha(Rational.of(1, 20), 5).toString(); // '1/100'
 * ```
 */
export function splitAlpha(alpha: Rational, claims: number): Rational {
  if (!Number.isSafeInteger(claims) || claims < 1)
    throw new InputError(`claims must be an integer >= 1, got ${claims}`);
  if (alpha.sign() <= 0 || alpha.ge(Rational.ONE))
    throw new InputError(`alpha must be in (0, 1), got ${alpha.toString()}`);
  return alpha.div(Rational.of(claims));
}

/**
 * A verdict as JSON (schemas/common.schema.json#/$defs/statisticalVerdict): exact values as "p/q" strings.
 *
 * @example
 * ```ts
 * verdictJson(threeWayVerdict(0, 100, Rational.of(1, 10), Rational.of(1, 20))).verdict; // 'supported'
 * ```
 */
export function verdictJson(v: VerdictResult): Record<string, unknown> {
  return {
    verdict: v.verdict,
    failures: v.failures,
    trials: v.trials,
    delta: v.delta.toString(),
    alpha: v.alpha.toString(),
    method: v.method,
    lower: v.lower.toString(),
    upper: v.upper.toString(),
  };
}
