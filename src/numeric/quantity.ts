/**
 * A real quantity known either exactly (a rational) or through a certified enclosure
 * [lower, upper], with the interval arithmetic the lemma checkers need. Exactness propagates:
 * an operation on two exact quantities is exact. Certified endpoints are rounded outward to a
 * fixed number of significant bits so that long products do not grow huge denominators.
 */
import type { Bracket } from './certified.js';
import { expBracket, lnBracket } from './certified.js';
import { Rational, bitLength } from './rational.js';
import { bracketFigure, exactOrBracket, roundOutward } from './figure.js';

/** An exact value (`exact` set, lower = upper = exact) or a certified enclosure. */
export interface Quantity {
  readonly exact: Rational | undefined;
  readonly lower: Rational;
  readonly upper: Rational;
}

/** Significant bits kept by certified endpoints. */
export const KEEP_BITS = 192;

/**
 * An exact quantity.
 *
 * @example
 * ```ts
 * exactQ(Rational.of(1, 3)).exact; // 1/3
 * ```
 */
export function exactQ(q: Rational): Quantity {
  return { exact: q, lower: q, upper: q };
}

/** Rounds q outward to KEEP_BITS significant bits (exact if already short; BigInt only, no gcd). */
function roundBits(q: Rational, dir: 'floor' | 'ceil'): Rational {
  return roundOutward(q, dir, KEEP_BITS);
}

/**
 * A certified quantity from a bracket (endpoints rounded outward to {@link KEEP_BITS} bits).
 *
 * @example
 * ```ts
 * certifiedQ(lnBracket(Rational.of(2))).exact; // undefined
 * ```
 */
export function certifiedQ(b: Bracket): Quantity {
  if (b.lower.gt(b.upper)) throw new RangeError('bracket with lower > upper');
  return { exact: undefined, lower: roundBits(b.lower, 'floor'), upper: roundBits(b.upper, 'ceil') };
}

/**
 * Sum.
 *
 * @example
 * ```ts
 * addQ(exactQ(Rational.ONE), exactQ(Rational.ONE)).exact; // 2
 * ```
 */
export function addQ(a: Quantity, b: Quantity): Quantity {
  if (a.exact && b.exact) return exactQ(a.exact.add(b.exact));
  return certifiedQ({ lower: a.lower.add(b.lower), upper: a.upper.add(b.upper) });
}

/**
 * Difference.
 *
 * @example
 * ```ts
 * subQ(exactQ(Rational.ONE), exactQ(Rational.ONE)).exact; // 0
 * ```
 */
export function subQ(a: Quantity, b: Quantity): Quantity {
  if (a.exact && b.exact) return exactQ(a.exact.sub(b.exact));
  return certifiedQ({ lower: a.lower.sub(b.upper), upper: a.upper.sub(b.lower) });
}

/**
 * Product (any signs).
 *
 * @example
 * ```ts
 * mulQ(exactQ(Rational.of(2)), exactQ(Rational.of(3))).exact; // 6
 * ```
 */
export function mulQ(a: Quantity, b: Quantity): Quantity {
  if (a.exact && b.exact) return exactQ(a.exact.mul(b.exact));
  const c = [a.lower.mul(b.lower), a.lower.mul(b.upper), a.upper.mul(b.lower), a.upper.mul(b.upper)];
  return certifiedQ({ lower: c.reduce((x, y) => Rational.min(x, y)), upper: c.reduce((x, y) => Rational.max(x, y)) });
}

/**
 * Default size (bits of p/q) above which powers are certified rather than exact. Exact values of
 * this size still cost a gcd when two of them are added, so callers that combine many powers pass
 * a smaller limit.
 */
export const EXACT_POWER_BITS = 200_000;

/**
 * base^k for 0 <= base <= 1 and an integer k >= 0: exact when the exact value has at most
 * `maxBits` bits, else certified as exp(k ln base) with decimal.js directed rounding.
 *
 * @example
 * ```ts
 * powQ(Rational.of(1, 2), 10).exact; // 1/1024
 * powQ(Rational.parse('0.999'), 10 ** 7).exact; // undefined (certified bracket)
 * ```
 */
export function powQ(base: Rational, k: number | bigint, maxBits = EXACT_POWER_BITS): Quantity {
  const K = BigInt(k);
  if (K < 0n) throw new RangeError('negative exponent');
  if (base.sign() < 0 || base.gt(Rational.ONE)) throw new RangeError('powQ needs 0 <= base <= 1');
  if (K === 0n) return exactQ(Rational.ONE);
  if (base.isZero() || base.eq(Rational.ONE)) return exactQ(base);
  const bits = BigInt(bitLength(base.num) + bitLength(base.den)) * K;
  if (bits <= BigInt(maxBits)) return exactQ(base.pow(Number(K)));
  const ln = lnBracket(base);
  const kq = Rational.of(K);
  const lo = kq.mul(ln.lower);
  const hi = kq.mul(ln.upper);
  const floorArg = Rational.of(-1_000_000);
  const lower = lo.lt(floorArg) ? Rational.ZERO : expBracket(lo).lower;
  const upper = expBracket(Rational.max(hi, floorArg)).upper;
  return certifiedQ({ lower, upper: Rational.min(upper, Rational.ONE) });
}

/**
 * Certified exp(q).
 *
 * @example
 * ```ts
 * expQ(Rational.ONE).lower.toDecimal(4, 'floor'); // '2.7182'
 * ```
 */
export function expQ(q: Rational): Quantity {
  if (q.isZero()) return exactQ(Rational.ONE);
  return certifiedQ(expBracket(q));
}

/**
 * The printed form: `p/q` (or the bracket of a huge exact value) when exact, else `[lower, upper]`.
 *
 * @example
 * ```ts
 * formatQ(exactQ(Rational.of(1, 4))); // '1/4'
 * ```
 */
export function formatQ(q: Quantity): string {
  return q.exact ? exactOrBracket(q.exact) : bracketFigure(q);
}

/**
 * Certified comparison a <= b: true (certainly), false (certainly not), undefined (undecided).
 *
 * @example
 * ```ts
 * leQ(exactQ(Rational.ZERO), exactQ(Rational.ONE)); // true
 * ```
 */
export function leQ(a: Quantity, b: Quantity): boolean | undefined {
  if (a.upper.le(b.lower)) return true;
  if (a.lower.gt(b.upper)) return false;
  return undefined;
}
