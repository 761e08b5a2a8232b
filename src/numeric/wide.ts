/**
 * Certified enclosures of non-negative reals of any magnitude: probabilities such as
 * (1 - 10^-3)^(10^15) = e^(-10^12), whose exact rational would have about 10^12 bits and whose
 * bracket by rationals would be as large. A {@link Wide} keeps the exact rational when it is
 * known (and short), and always a bracket [lower, upper] of binary floats m 2^e (`DFloat` of
 * directed.ts: 128-bit mantissas, exponents anywhere in the safe-integer range) computed with
 * directed rounding: every lower end is rounded down and every upper end up, by integer
 * arithmetic alone, so the bracket is certified without trusting any library's rounding.
 *
 * Powers base^k (0 <= base <= 1, k up to 2^53) are binary powering with every step rounded
 * outward: the relative width grows like k 2^-127, about 2^-77 at k = 10^15, and the cost is
 * about 2 log2(k) multiplications. exp(-t) for a rational t >= 0 of any size is
 * exp(-t / 2^j)^(2^j): one decimal.js exp (certifiedBracket, widened) of an argument in [0, 1],
 * then j squarings rounded outward.
 *
 * Printing uses the figure format of figure.ts (`p/q` when exact and short, else `[lower, upper]`
 * with 17 significant digits rounded outward). Ends of moderate size print from their exact
 * rational; ends beyond 2^-16384 or 2^16384 print from certified brackets of their decimal
 * logarithm, still rounded outward.
 */
import type { Bracket } from './certified.js';
import { expBracket, lnBracket } from './certified.js';
import type { DFloat, Dir } from './directed.js';
import { D_ZERO, PREC, add, div, fromRational, magnitude, mul, normalize, pow, toRational } from './directed.js';
import { exactOrBracket } from './figure.js';
import { Rational, bitLength } from './rational.js';

/** A certified enclosure lower <= x <= upper of a real x >= 0; `exact` is x when known. */
export interface Wide {
  readonly exact: Rational | undefined;
  readonly lower: DFloat;
  readonly upper: DFloat;
}

/** Significant digits of a printed end (as figure.ts). */
const DIGITS = 17;

/** Ends of a magnitude within +-PRINT_EXACT_BITS bits print from their exact rational. */
const PRINT_EXACT_BITS = 16_384;

/** Exponents are JS integers; values whose binary exponent would pass this are clamped. */
const MAX_EXPONENT = 2 ** 51;

function checkNonNegative(q: Rational): void {
  if (q.sign() < 0) throw new RangeError(`a Wide value is >= 0, got ${q.toString()}`);
}

/**
 * Compares two non-negative binary floats exactly.
 *
 * @example
 * ```ts
 * cmpD(fromRational(Rational.of(1, 3), 'down'), fromRational(Rational.of(1, 3), 'up')); // -1
 * ```
 */
export function cmpD(a: DFloat, b: DFloat): -1 | 0 | 1 {
  if (a.m === 0n || b.m === 0n) return a.m === b.m ? 0 : a.m === 0n ? -1 : 1;
  const ma = magnitude(a);
  const mb = magnitude(b);
  if (ma !== mb) return ma < mb ? -1 : 1;
  const e = Math.min(a.e, b.e);
  const x = a.m << BigInt(a.e - e);
  const y = b.m << BigInt(b.e - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * a - b for binary floats a >= b >= 0, rounded in the direction `dir`. A subtrahend below one unit
 * in the last place of a leaves a ('up') or a minus that unit ('down'), so huge exponent gaps stay
 * cheap. Throws when a < b.
 *
 * @example
 * ```ts
 * toRational(subD(fromInt(3n, 'up'), fromInt(1n, 'up'), 'down')).toString(); // '2'
 * ```
 */
export function subD(a: DFloat, b: DFloat, dir: Dir): DFloat {
  if (b.m === 0n) return a;
  const c = cmpD(a, b);
  if (c < 0) throw new RangeError('subD needs a >= b');
  if (c === 0) return D_ZERO;
  // b < 2^floorExp <= a 2^-(PREC + 3): a - b lies in (a - 2^floorExp, a)
  const floorExp = magnitude(a) - PREC - 4;
  if (magnitude(b) < floorExp) {
    if (dir === 'up') return a;
    const f = Math.min(a.e, floorExp);
    return normalize((a.m << BigInt(a.e - f)) - (1n << BigInt(floorExp - f)), f, 'down');
  }
  const e = Math.min(a.e, b.e);
  return normalize((a.m << BigInt(a.e - e)) - (b.m << BigInt(b.e - e)), e, dir);
}

/**
 * The exact value q >= 0, with its bracket rounded outward.
 *
 * @example
 * ```ts
 * exactW(Rational.of(1, 3)).exact?.toString(); // '1/3'
 * ```
 */
export function exactW(q: Rational): Wide {
  checkNonNegative(q);
  return { exact: q, lower: fromRational(q, 'down'), upper: fromRational(q, 'up') };
}

/**
 * A certified (inexact) enclosure [lower, upper].
 *
 * @example
 * ```ts
 * certifiedW(fromInt(1n, 'down'), fromInt(2n, 'up')).exact; // undefined
 * ```
 */
export function certifiedW(lower: DFloat, upper: DFloat): Wide {
  if (cmpD(lower, upper) > 0) throw new RangeError('bracket with lower > upper');
  return { exact: undefined, lower, upper };
}

/**
 * A certified enclosure from rational ends (0 <= lower <= upper), rounded outward.
 *
 * @example
 * ```ts
 * bracketW({ lower: Rational.of(1, 3), upper: Rational.of(1, 2) }).exact; // undefined
 * ```
 */
export function bracketW(b: Bracket): Wide {
  checkNonNegative(b.lower);
  return certifiedW(fromRational(b.lower, 'down'), fromRational(b.upper, 'up'));
}

/**
 * Drops the exact value (keeping its bracket) when p/q has more than `maxBits` bits: exact values
 * that large cost a gcd of huge numbers per further operation.
 *
 * @example
 * ```ts
 * shrinkW(exactW(Rational.of(1, 3)), 2).exact; // undefined (1/3 has 3 bits)
 * ```
 */
export function shrinkW(x: Wide, maxBits: number): Wide {
  if (!x.exact) return x;
  return bitLength(x.exact.num) + bitLength(x.exact.den) > maxBits ? { ...x, exact: undefined } : x;
}

/**
 * Sum.
 *
 * @example
 * ```ts
 * addW(exactW(Rational.ONE), exactW(Rational.ONE)).exact?.toString(); // '2'
 * ```
 */
export function addW(a: Wide, b: Wide): Wide {
  if (a.exact && b.exact) return exactW(a.exact.add(b.exact));
  return certifiedW(add(a.lower, b.lower, 'down'), add(a.upper, b.upper, 'up'));
}

/**
 * Product.
 *
 * @example
 * ```ts
 * mulW(exactW(Rational.of(2)), exactW(Rational.of(3))).exact?.toString(); // '6'
 * ```
 */
export function mulW(a: Wide, b: Wide): Wide {
  if (a.exact && b.exact) return exactW(a.exact.mul(b.exact));
  return certifiedW(mul(a.lower, b.lower, 'down'), mul(a.upper, b.upper, 'up'));
}

/**
 * a - b for values known to satisfy a >= b (such as 1 - P or 2 x - y with y <= x): the lower end
 * is clamped at 0 when the brackets overlap. Throws when the brackets prove a < b.
 *
 * @example
 * ```ts
 * subW(exactW(Rational.ONE), exactW(Rational.of(1, 4))).exact?.toString(); // '3/4'
 * ```
 */
export function subW(a: Wide, b: Wide): Wide {
  if (a.exact && b.exact) return exactW(a.exact.sub(b.exact));
  if (cmpD(a.upper, b.lower) < 0) throw new RangeError('subW: the brackets prove a < b');
  const lower = cmpD(a.lower, b.upper) >= 0 ? subD(a.lower, b.upper, 'down') : D_ZERO;
  return certifiedW(lower, subD(a.upper, b.lower, 'up'));
}

/**
 * Certified comparison a <= b: true (certainly), false (certainly not), undefined (undecided).
 * Two exact values compare exactly.
 *
 * @example
 * ```ts
 * leW(exactW(Rational.ZERO), exactW(Rational.ONE)); // true
 * ```
 */
export function leW(a: Wide, b: Wide): boolean | undefined {
  if (a.exact && b.exact) return a.exact.le(b.exact);
  if (cmpD(a.upper, b.lower) <= 0) return true;
  if (cmpD(a.lower, b.upper) > 0) return false;
  return undefined;
}

/** Estimated log2 of a rational 0 < q <= 1, never above the true value by more than 1. */
function log2Below(q: Rational): number {
  return bitLength(q.num) - bitLength(q.den) - 1;
}

/**
 * base^k for a rational 0 <= base <= 1 and an integer 0 <= k < 2^53: exact when p/q of the power
 * has at most `maxBits` bits, else certified by outward-rounded binary powering (relative width
 * about k 2^-127). A power below 2^-(2^52) is bracketed by [0, 2^-(2^51)].
 *
 * @example
 * ```ts
 * powW(Rational.of(1, 2), 10n).exact?.toString(); // '1/1024'
 * formatW(powW(Rational.parse('0.999'), 10n ** 15n)); // '[2.0356051192940127e-434511774018, 2.0356051192940128e-434511774018]'
 * ```
 */
export function powW(base: Rational, k: bigint, maxBits = 4_000): Wide {
  checkNonNegative(base);
  if (base.gt(Rational.ONE)) throw new RangeError('powW needs 0 <= base <= 1');
  if (k < 0n || k >= 2n ** 53n) throw new RangeError('powW needs an integer 0 <= k < 2^53');
  if (k === 0n) return exactW(Rational.ONE);
  if (base.isZero() || base.eq(Rational.ONE)) return exactW(base);
  if (BigInt(bitLength(base.num) + bitLength(base.den)) * k <= BigInt(maxBits)) return exactW(base.pow(Number(k)));
  if (log2Below(base) * Number(k) < -MAX_EXPONENT) {
    // log2 of the power is <= k ln_upper(base) / ln 2 (a float estimate, accurate to 1e-15): below
    // -2^52 the power is certainly below 2^-(2^51); above, every exponent met stays below 2^53
    const bound = (Number(k) * lnBracket(base).upper.toNumber()) / Math.LN2;
    if (bound < -2 * MAX_EXPONENT) return certifiedW(D_ZERO, { m: 1n, e: -MAX_EXPONENT });
  }
  const n = Number(k);
  return certifiedW(pow(fromRational(base, 'down'), n, 'down'), pow(fromRational(base, 'up'), n, 'up'));
}

/**
 * x^c for a bracket 0 <= x <= 1 and an integer 0 <= c < 2^53 (exact when x is exact and the
 * power has at most `maxBits` bits), by outward-rounded binary powering.
 *
 * @example
 * ```ts
 * powIntW(exactW(Rational.of(1, 2)), 3).exact?.toString(); // '1/8'
 * ```
 */
export function powIntW(x: Wide, c: number, maxBits = 4_000): Wide {
  if (!Number.isSafeInteger(c) || c < 0) throw new RangeError('powIntW needs an integer 0 <= c < 2^53');
  if (x.exact) return powW(x.exact, BigInt(c), maxBits);
  return certifiedW(pow(x.lower, c, 'down'), pow(x.upper, c, 'up'));
}

/**
 * Certified exp(-t) for a rational t >= 0 of any size: exp(-t / 2^j)^(2^j) with t / 2^j <= 1, the
 * inner exp a widened decimal.js bracket, then j squarings rounded outward. exp(0) = 1 exactly.
 *
 * @example
 * ```ts
 * formatW(expNegW(Rational.of(10n ** 12n))); // '[5.5997978423038070e-434294481904, 5.5997978423038071e-434294481904]'
 * ```
 */
export function expNegW(t: Rational): Wide {
  checkNonNegative(t);
  if (t.isZero()) return exactW(Rational.ONE);
  if (t.gt(Rational.of(2n ** 50n))) throw new RangeError('expNegW: argument beyond 2^50');
  const j = Math.max(0, bitLength(t.num) - bitLength(t.den) + 1); // t / 2^j <= 1
  const inner = expBracket(t.shift(-j).neg());
  let lo = fromRational(inner.lower, 'down');
  let hi = fromRational(inner.upper, 'up');
  for (let i = 0; i < j; i++) {
    lo = mul(lo, lo, 'down');
    hi = mul(hi, hi, 'up');
  }
  return certifiedW(lo, hi);
}

/**
 * An upper bound of the relative width (upper - lower) / lower of a bracket (0 for an exact
 * value or a zero-width bracket, +Infinity when the lower end is 0 < upper), as a float64
 * estimate of a certified DFloat ratio, rounded up.
 *
 * @example
 * ```ts
 * relativeWidth(exactW(Rational.of(1, 3))); // 0
 * ```
 */
export function relativeWidth(x: Wide): number {
  if (x.exact) return 0;
  if (cmpD(x.lower, x.upper) === 0) return 0;
  if (x.lower.m === 0n) return Infinity;
  const r = div(subD(x.upper, x.lower, 'up'), x.lower, 'up');
  const mag = magnitude(r);
  if (mag > 1024) return Infinity;
  if (mag < -1000) return 2 ** mag;
  const v = toRational(r).toNumber();
  return v * (1 + 2 ** -50);
}

/** Certified bracket of log10 of a binary float x > 0 of any magnitude. */
function log10Bracket(x: DFloat): Bracket {
  const ln2 = lnBracket(Rational.of(2));
  const ln10 = lnBracket(Rational.of(10));
  const lnm = lnBracket(Rational.of(x.m));
  const e = Rational.of(x.e);
  const lo = lnm.lower.add(e.mul(x.e >= 0 ? ln2.lower : ln2.upper));
  const hi = lnm.upper.add(e.mul(x.e >= 0 ? ln2.upper : ln2.lower));
  return {
    lower: lo.div(lo.sign() < 0 ? ln10.lower : ln10.upper),
    upper: hi.div(hi.sign() < 0 ? ln10.upper : ln10.lower),
  };
}

/** `d.ddd...e<exp>` from DIGITS integer digits m (10^(DIGITS-1) <= m < 10^DIGITS) and the exponent. */
function sciString(m: bigint, exp: bigint): string {
  const s = m.toString();
  return `${s[0]}.${s.slice(1)}e${exp}`;
}

/** x >= 0 in scientific notation, rounded down ('floor') or up ('ceil') to 17 significant digits. */
function scientificD(x: DFloat, mode: 'floor' | 'ceil'): string {
  if (x.m === 0n) return '0';
  const mag = magnitude(x);
  if (Math.abs(mag) <= PRINT_EXACT_BITS) return toRational(x).toScientific(DIGITS, mode);
  // x = 10^(D + f): print 10^f rounded, from a certified bracket of log10 x
  const ln10 = lnBracket(Rational.of(10));
  const l = log10Bracket(x);
  const top = 10n ** BigInt(DIGITS);
  if (mode === 'floor') {
    let D = l.lower.floor();
    // 10^f >= exp(f ln10_lower) >= its certified lower bound
    const mu = expBracket(l.lower.sub(Rational.of(D)).mul(ln10.lower)).lower;
    let m = mu.mul(Rational.of(top / 10n)).floor();
    if (m < top / 10n) {
      D -= 1n;
      m = mu.mul(Rational.of(top)).floor();
    }
    return sciString(m, D);
  }
  let D = l.upper.floor();
  const mu = expBracket(l.upper.sub(Rational.of(D)).mul(ln10.upper)).upper;
  let m = mu.mul(Rational.of(top / 10n)).ceil();
  if (m >= top) {
    D += 1n;
    m = mu.mul(Rational.of(top / 100n)).ceil();
  }
  return sciString(m, D);
}

/**
 * The printed figure: `p/q` (or the bracket of a huge exact value) when exact, else
 * `[lower, upper]` with 17 significant digits rounded outward, at any magnitude.
 *
 * @example
 * ```ts
 * formatW(exactW(Rational.of(1, 4))); // '1/4'
 * formatW(expNegW(Rational.of(1000))); // '[5.0759588975494567e-435, 5.0759588975494568e-435]'
 * ```
 */
export function formatW(x: Wide): string {
  if (x.exact) return exactOrBracket(x.exact);
  return `[${scientificD(x.lower, 'floor')}, ${scientificD(x.upper, 'ceil')}]`;
}

/**
 * The signed difference a - b of two brackets, printed as a figure like {@link formatW} (exact
 * `p/q` when both are exact): the enclosure [a.lower - b.upper, a.upper - b.lower].
 *
 * @example
 * ```ts
 * formatDifferenceW(exactW(Rational.of(1, 4)), exactW(Rational.of(1, 2))); // '-1/4'
 * ```
 */
export function formatDifferenceW(a: Wide, b: Wide): string {
  if (a.exact && b.exact) return exactOrBracket(a.exact.sub(b.exact));
  const end = (x: DFloat, y: DFloat, mode: 'floor' | 'ceil'): string => {
    if (cmpD(x, y) >= 0) return scientificD(subD(x, y, mode === 'floor' ? 'down' : 'up'), mode);
    const neg = scientificD(subD(y, x, mode === 'floor' ? 'up' : 'down'), mode === 'floor' ? 'ceil' : 'floor');
    return neg === '0' ? '0' : `-${neg}`;
  };
  return `[${end(a.lower, b.upper, 'floor')}, ${end(a.upper, b.lower, 'ceil')}]`;
}

/**
 * The ends of a bracket as rationals: exact for ends within 2^+-16384, else clamped outward (a
 * lower end below 2^-16384 becomes 0, an upper end below it becomes 2^-16384).
 *
 * @example
 * ```ts
 * wideToBracket(exactW(Rational.of(1, 2))).upper.toString(); // '1/2'
 * ```
 */
export function wideToBracket(x: Wide): Bracket {
  const clamp = (d: DFloat, dir: Dir): Rational => {
    if (d.m === 0n) return Rational.ZERO;
    const mag = magnitude(d);
    if (mag < -PRINT_EXACT_BITS) return dir === 'down' ? Rational.ZERO : Rational.dyadic(1n, -PRINT_EXACT_BITS);
    if (mag > PRINT_EXACT_BITS) throw new RangeError('wideToBracket: value beyond 2^16384');
    return toRational(d);
  };
  return { lower: clamp(x.lower, 'down'), upper: clamp(x.upper, 'up') };
}
