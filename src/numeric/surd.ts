/**
 * Exact real numbers of the form `r + sqrt(s)` with rationals r and s >= 0 (quadratic surds).
 *
 * The largest value of a quadratic form x^T Q x / x^T x of a 2x2 rational matrix Q is such a
 * number, so the exact sup of a d = 2 network difference with vector output is one. Surds are
 * compared exactly (no floating point) and bracketed with certified rationals.
 */
import { isqrt, sqrtBracket, type Bracket } from './certified.js';
import { Rational } from './rational.js';

/** The real number `rational + sqrt(radicand)`, radicand >= 0. */
export interface Surd {
  readonly rational: Rational;
  readonly radicand: Rational;
}

/**
 * The exact rational square root of q >= 0 when q is the square of a rational, else undefined.
 *
 * @example
 * ```ts
 * rationalSqrt(Rational.of(9, 4))?.toString(); // '3/2'
 * rationalSqrt(Rational.of(2)); // undefined
 * ```
 */
export function rationalSqrt(q: Rational): Rational | undefined {
  if (q.sign() < 0) return undefined;
  const n = isqrt(q.num);
  if (n * n !== q.num) return undefined;
  const d = isqrt(q.den);
  if (d * d !== q.den) return undefined;
  return Rational.of(n, d);
}

/**
 * The surd `q + sqrt(0)` of a rational.
 *
 * @example
 * ```ts
 * surdOf(Rational.ONE); // { rational: 1, radicand: 0 }
 * ```
 */
export function surdOf(q: Rational): Surd {
  return { rational: q, radicand: Rational.ZERO };
}

/**
 * Rewrites `r + sqrt(s)` as a plain rational when s is a rational square.
 *
 * @example
 * ```ts
 * surdToRational({ rational: Rational.ONE, radicand: Rational.of(4) })?.toString(); // '3'
 * ```
 */
export function surdToRational(x: Surd): Rational | undefined {
  const root = rationalSqrt(x.radicand);
  return root === undefined ? undefined : x.rational.add(root);
}

/** Sign of `d + sqrt(s1) - sqrt(s2)` for rational d and s1, s2 >= 0, decided exactly. */
function signOfDifference(d: Rational, s1: Rational, s2: Rational): -1 | 0 | 1 {
  const t = s1.cmp(s2); // sign of sqrt(s1) - sqrt(s2)
  const ds = d.sign();
  if (ds >= 0 && t >= 0) return ds === 0 && t === 0 ? 0 : 1;
  if (ds <= 0 && t <= 0) return -1;
  // opposite signs: compare |d| with |sqrt(s1) - sqrt(s2)|; (sqrt(s1) - sqrt(s2))^2 = s1 + s2 - 2 sqrt(s1 s2)
  // |t| vs |d|  <=>  s1 + s2 - d^2 vs 2 sqrt(s1 s2)
  const e = s1.add(s2).sub(d.mul(d));
  let cmpTD: -1 | 0 | 1; // sign of |t| - |d|, i.e. of (s1 + s2 - d^2) - 2 sqrt(s1 s2)
  if (e.sign() < 0) cmpTD = -1;
  else cmpTD = e.mul(e).cmp(Rational.of(4).mul(s1).mul(s2));
  if (cmpTD === 0) return 0;
  // the larger magnitude decides the sign
  return cmpTD > 0 ? t : ds;
}

/**
 * Exact comparison of two surds: -1, 0 or 1 as a <, =, > b.
 *
 * @example
 * ```ts
 * const a = { rational: Rational.ZERO, radicand: Rational.of(2) }; // sqrt 2
 * compareSurd(a, surdOf(Rational.parse('1.41421'))); // 1
 * ```
 */
export function compareSurd(a: Surd, b: Surd): -1 | 0 | 1 {
  return signOfDifference(a.rational.sub(b.rational), a.radicand, b.radicand);
}

/**
 * Exact comparison of a surd with a rational: -1, 0 or 1 as x <, =, > q.
 *
 * @example
 * ```ts
 * compareSurdRational({ rational: Rational.ONE, radicand: Rational.of(2) }, Rational.of(3)); // -1
 * ```
 */
export function compareSurdRational(x: Surd, q: Rational): -1 | 0 | 1 {
  return compareSurd(x, surdOf(q));
}

/**
 * A certified rational bracket of `r + sqrt(s)` (`bits` fractional bits for the root).
 *
 * @example
 * ```ts
 * surdBracket({ rational: Rational.ONE, radicand: Rational.of(2) }); // [2.41421356..., 2.41421356...]
 * ```
 */
export function surdBracket(x: Surd, bits = 128): Bracket {
  const root = rationalSqrt(x.radicand);
  if (root !== undefined) {
    const v = x.rational.add(root);
    return { lower: v, upper: v };
  }
  const b = sqrtBracket(x.radicand, bits);
  return { lower: x.rational.add(b.lower), upper: x.rational.add(b.upper) };
}

/**
 * A certified bracket of sqrt(r + sqrt(s)) for a surd r + sqrt(s) >= 0: the sup from its square.
 *
 * @example
 * ```ts
 * surdSqrtBracket(surdOf(Rational.of(4))); // { lower: 2, upper: 2 }
 * ```
 */
export function surdSqrtBracket(x: Surd, bits = 128): Bracket {
  const exact = surdToRational(x);
  if (exact !== undefined) {
    const root = rationalSqrt(exact);
    if (root !== undefined) return { lower: root, upper: root };
    return sqrtBracket(exact, bits);
  }
  const inner = surdBracket(x, bits + 8);
  const lo = inner.lower.sign() > 0 ? inner.lower : Rational.ZERO;
  return { lower: sqrtBracket(lo, bits).lower, upper: sqrtBracket(inner.upper, bits).upper };
}

/**
 * Text form of a surd: `p/q` when rational, else `r + sqrt(s)`.
 *
 * @example
 * ```ts
 * formatSurd({ rational: Rational.ONE, radicand: Rational.of(2) }); // '1 + sqrt(2)'
 * ```
 */
export function formatSurd(x: Surd): string {
  const exact = surdToRational(x);
  if (exact !== undefined) return exact.toString();
  return x.rational.isZero()
    ? `sqrt(${x.radicand.toString()})`
    : `${x.rational.toString()} + sqrt(${x.radicand.toString()})`;
}
