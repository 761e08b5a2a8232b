/**
 * Binary floating-point numbers with explicit directed rounding, for certified bounds of
 * positive quantities (binomial tail sums at large n).
 *
 * A value is `m * 2^e` with `m >= 0` a BigInt of at most {@link PREC} bits and `e` a JS integer
 * (no overflow or underflow in any range this project meets). Every operation takes a direction:
 * 'down' returns a value <= the exact result, 'up' a value >= it. Only positive operands meet
 * here (sums, products and quotients of positives are monotone), so rounding every step down
 * gives a certified lower bound of the whole expression and rounding every step up a certified
 * upper bound, without trusting any library's rounding.
 *
 * Not exported from the package: an internal of `stats/`.
 */
import { bitLength } from './rational.js';
import { Rational } from './rational.js';

/** Rounding direction: 'down' gives a lower bound, 'up' an upper bound. */
export type Dir = 'down' | 'up';

/** Mantissa bits kept after every operation. @example `bitLength(fromInt(3n, 'up').m) === PREC // true` */
export const PREC = 128;

/** A non-negative binary float `m * 2^e`. */
export interface DFloat {
  readonly m: bigint;
  readonly e: number;
}

/** The opposite direction. @example `flip('up') // 'down'` */
export function flip(dir: Dir): Dir {
  return dir === 'up' ? 'down' : 'up';
}

/** Zero. @example `add(D_ZERO, fromInt(1n, 'up'), 'up') // 1` */
export const D_ZERO: DFloat = { m: 0n, e: 0 };

/**
 * Rounds `m * 2^e` (m >= 0) to exactly PREC mantissa bits in the given direction.
 *
 * @example
 * ```ts
 * normalize(3n, 0, 'down'); // { m: 3n << 126n, e: -126 }
 * ```
 */
export function normalize(m: bigint, e: number, dir: Dir): DFloat {
  if (m < 0n) throw new RangeError('DFloat is for non-negative values');
  if (m === 0n) return D_ZERO;
  const len = bitLength(m);
  if (len <= PREC) {
    const s = PREC - len;
    return { m: m << BigInt(s), e: e - s };
  }
  const s = BigInt(len - PREC);
  let r = m >> s;
  if (dir === 'up' && r << s !== m) {
    r += 1n;
    if (bitLength(r) > PREC) return { m: r >> 1n, e: e + Number(s) + 1 }; // r = 2^PREC exactly: even
  }
  return { m: r, e: e + Number(s) };
}

/**
 * A non-negative integer, rounded.
 *
 * @example
 * ```ts
 * fromInt(10n, 'up');
 * ```
 */
export function fromInt(k: bigint, dir: Dir): DFloat {
  return normalize(k, 0, dir);
}

/**
 * The exact rational value of a DFloat.
 *
 * @example
 * ```ts
 * toRational(fromInt(3n, 'up')).toString(); // '3'
 * ```
 */
export function toRational(a: DFloat): Rational {
  return a.m === 0n ? Rational.ZERO : Rational.dyadic(a.m, a.e);
}

/** Values below 2^-FLOOR_BITS are not converted exactly (their exact form would be huge). @example `toRationalClamped(tiny, 'up').eq(Rational.dyadic(1n, -FLOOR_BITS))` */
export const FLOOR_BITS = 16384;

/**
 * The value as a short rational, rounded: exact unless it lies below 2^-{@link FLOOR_BITS}, in
 * which case 'down' gives 0 and 'up' gives 2^-FLOOR_BITS (both still certified bounds; only an
 * alpha below 2^-16384 could notice).
 *
 * @example
 * ```ts
 * toRationalClamped(pow(fromInt(1n, 'up'), 10, 'up'), 'up').toString(); // '1'
 * ```
 */
export function toRationalClamped(a: DFloat, dir: Dir): Rational {
  if (a.m === 0n) return Rational.ZERO;
  if (magnitude(a) < -FLOOR_BITS) return dir === 'down' ? Rational.ZERO : Rational.dyadic(1n, -FLOOR_BITS);
  return Rational.dyadic(a.m, a.e);
}

/**
 * Product, rounded.
 *
 * @example
 * ```ts
 * mul(fromInt(3n, 'up'), fromInt(5n, 'up'), 'up'); // 15
 * ```
 */
export function mul(a: DFloat, b: DFloat, dir: Dir): DFloat {
  return normalize(a.m * b.m, a.e + b.e, dir);
}

/**
 * Product by a non-negative integer, rounded.
 *
 * @example
 * ```ts
 * mulInt(fromInt(3n, 'up'), 5n, 'up'); // 15
 * ```
 */
export function mulInt(a: DFloat, k: bigint, dir: Dir): DFloat {
  return normalize(a.m * k, a.e, dir);
}

/**
 * Quotient by a positive integer, rounded.
 *
 * @example
 * ```ts
 * divInt(fromInt(1n, 'up'), 3n, 'up'); // >= 1/3
 * ```
 */
export function divInt(a: DFloat, k: bigint, dir: Dir): DFloat {
  if (k <= 0n) throw new RangeError('divInt needs a positive divisor');
  if (a.m === 0n) return D_ZERO;
  const shift = PREC + bitLength(k) + 1;
  const num = a.m << BigInt(shift);
  let q = num / k;
  if (dir === 'up' && q * k !== num) q += 1n;
  return normalize(q, a.e - shift, dir);
}

/**
 * Quotient of two DFloats (b > 0), rounded.
 *
 * @example
 * ```ts
 * div(fromInt(1n, 'down'), fromInt(3n, 'up'), 'down'); // <= 1/3
 * ```
 */
export function div(a: DFloat, b: DFloat, dir: Dir): DFloat {
  if (b.m === 0n) throw new RangeError('division by zero');
  if (a.m === 0n) return D_ZERO;
  const shift = PREC + bitLength(b.m) + 1;
  const num = a.m << BigInt(shift);
  let q = num / b.m;
  if (dir === 'up' && q * b.m !== num) q += 1n;
  return normalize(q, a.e - b.e - shift, dir);
}

/** Binary magnitude: the value lies in [2^(mag-1), 2^mag). -Infinity for 0. @example `magnitude(fromInt(5n, 'up')) // 3` */
export function magnitude(a: DFloat): number {
  return a.m === 0n ? -Infinity : bitLength(a.m) + a.e;
}

/**
 * Sum of two non-negative values, rounded. A summand below one unit in the last place of the
 * other is dropped ('down') or replaced by that unit ('up'), so huge exponent gaps stay cheap.
 *
 * @example
 * ```ts
 * add(fromInt(1n, 'up'), fromInt(2n, 'up'), 'up'); // 3
 * ```
 */
export function add(a: DFloat, b: DFloat, dir: Dir): DFloat {
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  const [big, small] = magnitude(a) >= magnitude(b) ? [a, b] : [b, a];
  if (magnitude(small) <= big.e) {
    // 0 < small < 2^big.e = one unit in the last place of big
    return dir === 'down' ? big : normalize(big.m + 1n, big.e, 'up');
  }
  const e = Math.min(big.e, small.e);
  const sum = (big.m << BigInt(big.e - e)) + (small.m << BigInt(small.e - e));
  return normalize(sum, e, dir);
}

/**
 * `a^k` for an integer k >= 0 by square and multiply, every step rounded the same way.
 *
 * @example
 * ```ts
 * pow(fromInt(3n, 'up'), 4, 'up'); // 81
 * ```
 */
export function pow(a: DFloat, k: number, dir: Dir): DFloat {
  if (!Number.isSafeInteger(k) || k < 0) throw new RangeError('pow needs an integer exponent >= 0');
  let result = fromInt(1n, dir);
  let base = a;
  let n = k;
  while (n > 0) {
    if (n % 2 === 1) result = mul(result, base, dir);
    n = Math.floor(n / 2);
    if (n > 0) base = mul(base, base, dir);
  }
  return result;
}

/**
 * A non-negative rational, rounded.
 *
 * @example
 * ```ts
 * fromRational(Rational.of(1, 3), 'down'); // <= 1/3
 * ```
 */
export function fromRational(q: Rational, dir: Dir): DFloat {
  if (q.sign() < 0) throw new RangeError('DFloat is for non-negative values');
  return divInt(fromInt(q.num, dir), q.den, dir);
}

/**
 * Binomial coefficient C(n, k), rounded (min(k, n-k) multiplications and divisions).
 *
 * @example
 * ```ts
 * toRational(binomial(10, 3, 'up')).toString(); // '120'
 * ```
 */
export function binomial(n: number, k: number, dir: Dir): DFloat {
  if (k < 0 || k > n) return D_ZERO;
  const j = Math.min(k, n - k);
  let c = fromInt(1n, dir);
  for (let i = 1; i <= j; i++) c = divInt(mulInt(c, BigInt(n - j + i), dir), BigInt(i), dir);
  return c;
}
