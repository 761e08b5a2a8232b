/**
 * The Monte-Carlo sanity label of Lemma 2 (docs/MATH.md §5.2), never a verdict: coverage of k
 * draws of G counted over seeded trials, and an exact two-sided binomial acceptance test of the
 * count against the exact P_cover.
 */
import { Rational } from '../numeric/rational.js';
import { Cursor, checkSeed } from '../random/scheme.js';
import type { Quantity } from '../numeric/quantity.js';
import { roundOutward } from '../numeric/figure.js';
import { binomialCdf } from '../stats/binomial.js';
import { decideCover } from './cover-decision.js';
import { checkK } from './cover-probability.js';

const ONE = Rational.ONE;
const TWO = Rational.of(2);

/**
 * Coverage frequency of `trials` seeded samples of k points of G (scheme slth-g/1, layer 1,
 * column t for trial t, rows 0..k-1: the grid law of docs/MATH.md §1), each decided exactly.
 *
 * @example
 * ```ts
 * empiricalCoverage(30, Rational.of(1, 8), 100, 'mc').successes; // about 100 * P_cover
 * ```
 */
export function empiricalCoverage(
  k: number,
  eps0: Rational,
  trials: number,
  seed: string,
): { successes: number; trials: number } {
  checkSeed(seed);
  checkK(k);
  let successes = 0;
  for (let t = 0; t < trials; t++) {
    const c = new Cursor(seed, 1, t, 0);
    const pts: Rational[] = [];
    for (let i = 0; i < k; i++) pts.push(Rational.fromFloat(c.next()));
    if (decideCover(pts, eps0).covers) successes++;
  }
  return { successes, trials };
}

/** The result of {@link binomialAcceptance}. */
export interface BinomialAcceptance {
  readonly accepted: boolean;
  /** Certified lower bounds of P(X <= x) and P(X >= x) under the bracket of p. */
  readonly lowerTail: Rational;
  readonly upperTail: Rational;
}

/**
 * Exact two-sided binomial acceptance test: is `successes` out of `trials` consistent, at level
 * alpha, with a success probability p known through a bracket? Accepts iff both tails
 * P(X <= x) and P(X >= x) exceed alpha/2 for every p in the bracket (the bracket is rounded
 * outward to 64-bit dyadics, so the tails are exact rationals).
 *
 * @example
 * ```ts
 * binomialAcceptance(50, 100, exactQ(Rational.of(1, 2)), Rational.parse('1e-6')).accepted; // true
 * ```
 */
export function binomialAcceptance(
  successes: number,
  trials: number,
  p: Quantity,
  alpha: Rational,
): BinomialAcceptance {
  const shift = 64;
  const floorD = (q: Rational): Rational => roundOutward(q, 'floor', shift);
  const ceilD = (q: Rational): Rational => roundOutward(q, 'ceil', shift);
  const pl = Rational.max(Rational.ZERO, floorD(p.lower));
  const pu = Rational.min(ONE, ceilD(p.upper));
  const lowerTail = binomialCdf(trials, successes, pu); // P(X <= x) decreases in p
  const upperTail = ONE.sub(binomialCdf(trials, successes - 1, pl)); // P(X >= x) increases in p
  const half = alpha.div(TWO);
  return { accepted: lowerTail.gt(half) && upperTail.gt(half), lowerTail, upperTail };
}
