/**
 * Per-candidate success probabilities of the constructions (docs/MATH.md §4.2-4.4): the chance that
 * one random unit of G qualifies for one side of the gadget of a target weight w.
 *
 * Pair (A): the unit qualifies for + when u ~ w and v ~ 1 within eta, with probability
 * (lambda(w)/2)(lambda(1)/2), lambda(x) the length of [x - eta, x + eta] cap [-1, 1].
 *
 * Product (C):
 * With U ~ U(0, 1] and V ~ U[-1, 1], Z = U V has density (1/2) ln(1/|z|) on [-1, 1]. A candidate
 * unit qualifies for the + side of target weight w when u > 0 (probability 1/2) and
 * |v u - w| <= eta, so
 *
 *   p(w) = (1/2) * integral over [w - eta, w + eta] cap [-1, 1] of (1/2) ln(1/|z|) dz,
 *
 * using integral_0^t ln(1/z) dz = F(t) = t (1 - ln t). p decreases in |w|.
 */
import type { Bracket } from '../numeric/certified.js';
import { lnBracket } from '../numeric/certified.js';
import { Rational } from '../numeric/rational.js';

/** Certified bracket of F(t) = t (1 - ln t) for 0 <= t <= 1 (F(0) = 0). */
function fBracket(t: Rational): Bracket {
  if (t.isZero()) return { lower: Rational.ZERO, upper: Rational.ZERO };
  const ln = lnBracket(t);
  return { lower: t.mul(Rational.ONE.sub(ln.upper)), upper: t.mul(Rational.ONE.sub(ln.lower)) };
}

/**
 * Certified bracket of the per-candidate probability p(w) of the product construction.
 *
 * @example
 * ```ts
 * const b = productProbabilityBracket(Rational.ONE, Rational.parse('0.01'));
 * b.lower.toScientific(4, 'floor'); // about eta^2/8 = 1.25e-5
 * ```
 */
export function productProbabilityBracket(w: Rational, eta: Rational): Bracket {
  const x = w.abs();
  const a = Rational.max(x.sub(eta), Rational.MINUS_ONE);
  const b = Rational.min(x.add(eta), Rational.ONE);
  let lower: Rational;
  let upper: Rational;
  if (a.sign() >= 0) {
    const fb = fBracket(b);
    const fa = fBracket(a);
    lower = fb.lower.sub(fa.upper);
    upper = fb.upper.sub(fa.lower);
  } else {
    const fb = fBracket(b);
    const fa = fBracket(a.neg());
    lower = fb.lower.add(fa.lower);
    upper = fb.upper.add(fa.upper);
  }
  const quarter = Rational.of(1, 4);
  return { lower: Rational.max(lower.mul(quarter), Rational.ZERO), upper: upper.mul(quarter) };
}

/**
 * Certified lower bound of min over |w| <= wMax of p(w), which is p(wMax) since p decreases in |w|.
 *
 * @example
 * ```ts
 * productProbabilityLower(Rational.ONE, Rational.parse('0.01'));
 * ```
 */
export function productProbabilityLower(wMax: Rational, eta: Rational): Rational {
  return productProbabilityBracket(wMax, eta).lower;
}

/**
 * lambda(w) = length of [w - eta, w + eta] cap [-1, 1] (exact).
 *
 * @example
 * ```ts
 * lambdaLength(Rational.ONE, Rational.parse('0.1')).toString(); // '1/10'
 * ```
 */
export function lambdaLength(w: Rational, eta: Rational): Rational {
  const a = Rational.max(w.sub(eta), Rational.MINUS_ONE);
  const b = Rational.min(w.add(eta), Rational.ONE);
  return b.gt(a) ? b.sub(a) : Rational.ZERO;
}

/**
 * Per-candidate probability of the post's pair for the + side of w: (lambda(w)/2)(lambda_v/2),
 * lambda_v = |[1 - eta, 1 + eta] cap [-1, 1]|.
 *
 * @example
 * ```ts
 * pairCandidateProbability(Rational.ONE, Rational.parse('0.1')).toString(); // '1/400' = eta^2/4
 * ```
 */
export function pairCandidateProbability(w: Rational, eta: Rational): Rational {
  return lambdaLength(w, eta)
    .div(Rational.of(2))
    .mul(lambdaLength(Rational.ONE, eta).div(Rational.of(2)));
}
