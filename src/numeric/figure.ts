/**
 * How exact and certified numbers are printed as figures: an exact value as `p/q`, a certified one
 * as `[lower, upper]` with 17 significant digits rounded outward, and an exact value whose `p/q`
 * would be enormous as the bracket of its exact value with a note of its size. Outward rounding
 * of huge rationals uses BigInt shifts only ({@link roundOutward}).
 */
import type { Bracket } from './certified.js';
import { formatBracket } from './certified.js';
import { Rational, bitLength } from './rational.js';

/** Above this many characters an exact `p/q` is printed as a bracket of its exact value instead. */
export const MAX_EXACT_CHARS = 400;

/** Significant digits of every printed bracket. */
export const BRACKET_DIGITS = 17;

/**
 * The exact `p/q` form of a rational.
 *
 * @example
 * ```ts
 * exactFigure(Rational.of(1, 3)); // '1/3'
 * ```
 */
export function exactFigure(q: Rational): string {
  return q.toString();
}

/** Sizes (bits of p plus bits of q) above which printing first rounds outward with BigInt shifts. */
const PRINT_ROUND_BITS = 4096;

/**
 * q rounded down ('floor') or up ('ceil') to a dyadic with `bits` significant bits, using BigInt
 * shifts and one division only (no gcd, so it is cheap for rationals of millions of bits).
 * Values already that short are returned unchanged.
 *
 * @example
 * ```ts
 * roundOutward(Rational.of(1, 3), 'ceil', 8).toString(); // '1/3' (already short)
 * roundOutward(Rational.of(1n, 3n ** 200n), 'ceil', 8); // a dyadic 129/2^m just above 3^-200
 * ```
 */
export function roundOutward(q: Rational, dir: 'floor' | 'ceil', bits: number): Rational {
  // short values (0 included: 0 + 1 bits) are returned unchanged
  if (bitLength(q.num) + bitLength(q.den) <= 2 * bits) return q;
  const e = bitLength(q.num) - bitLength(q.den); // |q| ~ 2^e
  const shift = bits - e; // q * 2^shift has about `bits` integer bits
  const num = q.num << BigInt(Math.max(shift, 0)); // q * 2^shift = num / den
  const den = q.den << BigInt(Math.max(-shift, 0));
  let m = num / den; // truncates toward zero (den > 0)
  if (dir === 'floor' && m * den > num)
    m -= 1n; // negative and inexact: one step down
  else if (dir === 'ceil' && m * den < num) m += 1n; // positive and inexact: one step up
  return Rational.dyadic(m, -shift);
}

/**
 * The `[lower, upper]` form of a certified bracket, 17 significant digits, rounded outward.
 *
 * @example
 * ```ts
 * bracketFigure(lnBracket(Rational.of(2))); // '[6.9314718055994530e-1, 6.9314718055994531e-1]'
 * ```
 */
export function bracketFigure(b: Bracket): string {
  return formatBracket(
    {
      lower: roundOutward(b.lower, 'floor', PRINT_ROUND_BITS / 8),
      upper: roundOutward(b.upper, 'ceil', PRINT_ROUND_BITS / 8),
    },
    BRACKET_DIGITS,
  );
}

/**
 * An exact value: `p/q` when short, else `[lower, upper]` (17 digits, outward) of the exact value
 * followed by a note of its size. The verdict behind it stays exact.
 *
 * @example
 * ```ts
 * exactOrBracket(Rational.of(1, 3)); // '1/3'
 * exactOrBracket(Rational.of(1n, 3n ** 2000n)); // '[5.7212451947729489e-955, 5.7212451947729490e-955] (exact value, 3171 bits of p/q)'
 * ```
 */
export function exactOrBracket(q: Rational): string {
  const bits = bitLength(q.num) + bitLength(q.den);
  if (bits <= PRINT_ROUND_BITS) {
    const s = q.toString();
    if (s.length <= MAX_EXACT_CHARS) return s;
  }
  return `${bracketFigure({ lower: q, upper: q })} (exact value, ${bits} bits of p/q)`;
}
