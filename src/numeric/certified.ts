/**
 * Certified rational bounds of irrational quantities: sqrt (exact BigInt integer square roots),
 * ln and exp (decimal.js with directed rounding, widened by one more unit in the last place so
 * that the bound holds even if the library's last digit were off by one).
 *
 * Every function returns a {@link Bracket}: rationals `lower <= true value <= upper`.
 */
import { Decimal } from 'decimal.js';
import { InputError } from '../errors.js';
import { Rational } from './rational.js';

/** A certified enclosure `lower <= value <= upper` of a real number. */
export interface Bracket {
  readonly lower: Rational;
  readonly upper: Rational;
}

/**
 * Largest integer r with r^2 <= n (n >= 0), by Newton's method on BigInt.
 *
 * @example
 * ```ts
 * isqrt(17n); // 4n
 * ```
 */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}

/**
 * Certified bracket of sqrt(q) for q >= 0 with dyadic endpoints of `bits` fractional bits:
 * `lower^2 <= q <= upper^2` holds exactly. Exact squares give lower = upper.
 *
 * @example
 * ```ts
 * const { lower, upper } = sqrtBracket(Rational.of(2), 64);
 * lower.mul(lower).le(Rational.of(2)); // true
 * ```
 */
export function sqrtBracket(q: Rational, bits = 128): Bracket {
  if (q.sign() < 0) throw new RangeError('sqrt of a negative number');
  const scale = 1n << BigInt(2 * bits);
  const lowInt = isqrt((q.num * scale) / q.den);
  const hiRad = (q.num * scale + q.den - 1n) / q.den; // ceil
  let hiInt = isqrt(hiRad);
  if (hiInt * hiInt < hiRad) hiInt += 1n;
  return { lower: Rational.dyadic(lowInt, -bits), upper: Rational.dyadic(hiInt, -bits) };
}

/**
 * Certified lower bound of sqrt(q).
 *
 * @example
 * ```ts
 * sqrtLower(Rational.of(4)).toString(); // '2'
 * ```
 */
export function sqrtLower(q: Rational, bits = 128): Rational {
  return sqrtBracket(q, bits).lower;
}

/**
 * Certified upper bound of sqrt(q).
 *
 * @example
 * ```ts
 * sqrtUpper(Rational.of(4)).toString(); // '2'
 * ```
 */
export function sqrtUpper(q: Rational, bits = 128): Rational {
  return sqrtBracket(q, bits).upper;
}

/** Digits used by the decimal.js bridges. */
export const DEFAULT_DIGITS = 60;

type DecimalCtor = typeof Decimal;

function context(digits: number, rounding: Decimal.Rounding): DecimalCtor {
  return Decimal.clone({ precision: digits, rounding, toExpNeg: -9e15, toExpPos: 9e15, minE: -9e15, maxE: 9e15 });
}

/** Exact conversion of a finite Decimal to a rational (Decimals are finite decimal fractions). */
function decimalToRational(d: Decimal): Rational {
  if (!d.isFinite()) throw new RangeError('non-finite decimal');
  return Rational.parse(d.toString());
}

/** A Decimal that is <= q ('floor') or >= q ('ceil'), with `digits` significant digits. */
function toDecimal(q: Rational, D: DecimalCtor): Decimal {
  return new D(q.num.toString()).div(new D(q.den.toString()));
}

/** One unit in the last place of `d` at `digits` significant digits, as a rational. */
function ulp(d: Decimal, digits: number): Rational {
  if (d.isZero()) return Rational.dyadic(1n, -4000);
  const e = d.e - digits + 1; // exponent of the last kept digit
  return e >= 0 ? Rational.of(10n ** BigInt(e)) : Rational.of(1n, 10n ** BigInt(-e));
}

/**
 * Certified bracket of ln(q) for q > 0, good to about `digits` significant digits.
 *
 * @example
 * ```ts
 * const { lower, upper } = lnBracket(Rational.of(2));
 * lower.toDecimal(6, 'floor'); // '0.693147'
 * ```
 */
export function lnBracket(q: Rational, digits = DEFAULT_DIGITS): Bracket {
  if (q.sign() <= 0) throw new RangeError('ln of a non-positive number');
  if (q.eq(Rational.ONE)) return { lower: Rational.ZERO, upper: Rational.ZERO };
  const Dn = context(digits, Decimal.ROUND_FLOOR);
  const Up = context(digits, Decimal.ROUND_CEIL);
  const lo = toDecimal(q, Dn).ln();
  const hi = toDecimal(q, Up).ln();
  return {
    lower: decimalToRational(lo).sub(ulp(lo, digits)),
    upper: decimalToRational(hi).add(ulp(hi, digits)),
  };
}

/**
 * Certified bracket of exp(q), good to about `digits` significant digits. |q| is limited to
 * 10^6 (beyond that the value is not representable in any useful way).
 *
 * @example
 * ```ts
 * expBracket(Rational.ONE).upper.toDecimal(5, 'ceil'); // '2.71829'
 * ```
 */
export function expBracket(q: Rational, digits = DEFAULT_DIGITS): Bracket {
  if (q.isZero()) return { lower: Rational.ONE, upper: Rational.ONE };
  if (q.abs().gt(Rational.of(1_000_000))) throw new InputError(`exp argument too large: ${q.toScientific(6)}`);
  const Dn = context(digits, Decimal.ROUND_FLOOR);
  const Up = context(digits, Decimal.ROUND_CEIL);
  const lo = toDecimal(q, Dn).exp();
  const hi = toDecimal(q, Up).exp();
  const lower = decimalToRational(lo).sub(ulp(lo, digits));
  return {
    lower: lower.sign() > 0 ? lower : Rational.ZERO,
    upper: decimalToRational(hi).add(ulp(hi, digits)),
  };
}

/**
 * Certified lower bound of ln(q).
 *
 * @example
 * ```ts
 * lnLower(Rational.of(10)).toDecimal(3, 'floor'); // '2.302'
 * ```
 */
export function lnLower(q: Rational, digits = DEFAULT_DIGITS): Rational {
  return lnBracket(q, digits).lower;
}

/**
 * Certified upper bound of ln(q).
 *
 * @example
 * ```ts
 * lnUpper(Rational.of(10)).toDecimal(3, 'ceil'); // '2.303'
 * ```
 */
export function lnUpper(q: Rational, digits = DEFAULT_DIGITS): Rational {
  return lnBracket(q, digits).upper;
}

/**
 * Rounds a rational down to a dyadic with `bits` fractional bits (a shorter certified lower
 * bound), useful to keep certified quantities small.
 *
 * @example
 * ```ts
 * floorDyadic(Rational.of(1, 3), 4).toString(); // '5/16'
 * ```
 */
export function floorDyadic(q: Rational, bits: number): Rational {
  return Rational.dyadic(q.shift(bits).floor(), -bits);
}

/**
 * Rounds a rational up to a dyadic with `bits` fractional bits (a shorter certified upper bound).
 *
 * @example
 * ```ts
 * ceilDyadic(Rational.of(1, 3), 4).toString(); // '3/8'
 * ```
 */
export function ceilDyadic(q: Rational, bits: number): Rational {
  return Rational.dyadic(q.shift(bits).ceil(), -bits);
}

/**
 * Formats a bracket as `[lower, upper]` with `significant` digits, rounded outward.
 *
 * @example
 * ```ts
 * formatBracket(lnBracket(Rational.of(2)), 6); // '[6.93147e-1, 6.93148e-1]'
 * ```
 */
export function formatBracket(b: Bracket, significant = 17): string {
  return `[${b.lower.toScientific(significant, 'floor')}, ${b.upper.toScientific(significant, 'ceil')}]`;
}

/**
 * Certified upper bound of (1 - p)^k for 0 <= p < 1 and k >= 0 (exact for small k).
 *
 * @example
 * ```ts
 * powOneMinusUpper(Rational.of(1, 2), 3n).toString(); // '1/8'
 * ```
 */
export function powOneMinusUpper(p: Rational, k: bigint): Rational {
  const base = Rational.ONE.sub(p);
  if (base.sign() <= 0) return Rational.ZERO;
  if (k <= 64n) return base.pow(Number(k));
  // (1-p)^k = exp(k ln(1-p)) <= exp(k * upper(ln(1-p))); keep the exponent a short dyadic
  const exponent = ceilDyadic(Rational.of(k).mul(lnUpper(base)), 64);
  return expBracket(exponent).upper;
}
