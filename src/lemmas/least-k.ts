/**
 * Lemma 2(d), least sample counts (docs/MATH.md §5.2): the exact least k with P_cover(k, eps0) >= P
 * and the least k with 1 - (1 - p)^k >= P for a per-candidate probability p (one fixed target,
 * the post's pair gadget), each confirmed exactly at k and k - 1.
 */
import { InputError } from '../errors.js';
import { lnBracket, lnUpper } from '../numeric/certified.js';
import { Rational } from '../numeric/rational.js';
import type { Quantity } from '../numeric/quantity.js';
import { exactQ, leQ, powQ, subQ } from '../numeric/quantity.js';
import { checkEps0, checkK, coverProbability } from './cover-probability.js';

const ONE = Rational.ONE;
const TWO = Rational.of(2);

function checkProb(prob: Rational): void {
  if (prob.sign() <= 0 || prob.ge(ONE))
    throw new InputError(`prob must be in (0, 1), got ${prob.toString()}`, { params: ['prob'] });
}

/** The least k reaching a probability, and how it was established. */
export interface LeastK {
  readonly k: number;
  /** The probability at k and at k - 1 (the latter below the goal). */
  readonly at: Quantity;
  readonly before: Quantity;
  readonly method: string;
}

/**
 * The exact least k with P_cover(k, eps0) >= prob (P_cover increases with k): binary search on
 * [0, K] with K = ceil(M ln(M / (1 - prob))) from the bin bound, every step exact.
 *
 * @example
 * ```ts
 * minKCover(Rational.of(1, 4), Rational.parse('0.99')).k; // 40
 * ```
 */
export function minKCover(eps0: Rational, prob: Rational): LeastK {
  checkEps0(eps0);
  checkProb(prob);
  const M = TWO.div(eps0).ceil();
  // M >= 1 and M / (1 - prob) > 1, so the bound is >= 1
  let hi = Number(
    Rational.of(M)
      .mul(lnUpper(Rational.of(M).div(ONE.sub(prob))))
      .ceil(),
  );
  if (!(hi <= 10_000_000))
    throw new InputError(
      `eps0 = ${eps0.toScientific(6)} is too small: the search bound for k, ceil(M ln(M / (1 - P))), exceeds 10^7`,
    );
  checkK(hi);
  while (coverProbability(hi, eps0).lt(prob)) hi *= 2; // never happens (bin bound); kept for safety
  let lo = 0; // P_cover(0) = 0 < prob
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (coverProbability(mid, eps0).ge(prob)) hi = mid;
    else lo = mid;
  }
  return {
    k: hi,
    at: exactQ(coverProbability(hi, eps0)),
    before: exactQ(coverProbability(hi - 1, eps0)),
    method: 'binary search, exact P_cover at every step',
  };
}

/**
 * The least k with 1 - (1 - p)^k >= prob, i.e. k = ceil(ln(1 - prob) / ln(1 - p)): certified by
 * ln brackets, then confirmed exactly at k and k - 1 whenever the powers have at most a few
 * million bits (else by the certified brackets alone, and the method says so).
 *
 * @example
 * ```ts
 * minKGeometric(Rational.of(1, 2), Rational.parse('0.99')).k; // 7
 * ```
 */
export function minKGeometric(p: Rational, prob: Rational): LeastK {
  checkProb(prob);
  if (p.sign() < 0 || p.gt(ONE))
    throw new InputError(`per-candidate probability must be in [0, 1], got ${p.toString()}`);
  if (p.isZero()) throw new InputError('per-candidate probability is 0: no k suffices');
  const goal = exactQ(prob);
  const success = (k: number): Quantity => subQ(exactQ(ONE), powQ(ONE.sub(p), k));
  if (p.ge(ONE)) return { k: 1, at: success(1), before: success(0), method: 'p = 1' };
  const A = lnBracket(ONE.sub(prob)); // ln(1 - prob) < 0
  const B = lnBracket(ONE.sub(p)); // ln(1 - p) < 0
  // k >= ln(1-prob)/ln(1-p) = |A|/|B|
  const kLo = A.upper.neg().div(B.lower.neg()).ceil();
  const kHi = A.lower.neg().div(B.upper.neg()).ceil();
  let lo = Number(kLo) - 1;
  let hi = Number(kHi);
  if (hi < 1) hi = 1;
  if (lo < 0) lo = 0;
  checkK(hi);
  // invariant: success(lo) < prob <= success(hi); resolve any remaining interval by certified tests
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const ok = leQ(goal, success(mid));
    if (ok === undefined) throw new Error('undecided certified comparison in minKGeometric');
    if (ok) hi = mid;
    else lo = mid;
  }
  const at = success(hi);
  const before = success(hi - 1);
  const confirmed = leQ(goal, at) === true && leQ(goal, before) === false;
  if (!confirmed) throw new Error('minKGeometric: the certified least k could not be confirmed');
  const exact = at.exact !== undefined && before.exact !== undefined;
  return {
    k: hi,
    at,
    before,
    method: exact
      ? 'ln brackets, confirmed exactly at k and k-1'
      : 'ln brackets, confirmed by certified brackets at k and k-1',
  };
}
