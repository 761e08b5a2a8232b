/**
 * Fixed-point dyadics for certified bounds: an integer X on BigInt stands for X * 2^-FRAC_BITS.
 *
 * Branch-and-bound handles many boxes, so its bounds use fixed-point numbers instead of reduced
 * rationals; sizes stay bounded because every product is rounded back to FRAC_BITS bits, always
 * in the direction that keeps the bound valid (outward rounding). BigInt `>>` rounds towards
 * minus infinity, which is the 'floor' direction.
 */
import { Rational } from './rational.js';

/** Fractional bits of the fixed-point representation. @example `fixedToRational(1n) // 2^-FRAC_BITS` */
export const FRAC_BITS = 64;
/** Fractional bits as a BigInt shift. @example `FIXED_ONE === 1n << FRAC // true` */
export const FRAC = BigInt(FRAC_BITS);
/** The fixed-point number 1. @example `fixedToRational(FIXED_ONE).toString() // '1'` */
export const FIXED_ONE = 1n << FRAC;

/**
 * floor(x / 2^k) for BigInt x.
 *
 * @example
 * ```ts
 * floorShift(-3n, 1n); // -2n
 * ```
 */
export function floorShift(x: bigint, k: bigint): bigint {
  return x >> k;
}

/**
 * ceil(x / 2^k) for BigInt x.
 *
 * @example
 * ```ts
 * ceilShift(3n, 1n); // 2n
 * ```
 */
export function ceilShift(x: bigint, k: bigint): bigint {
  return -(-x >> k);
}

/**
 * ceil(n / d) for BigInt n and d > 0.
 *
 * @example
 * ```ts
 * ceilDiv(7n, 2n); // 4n
 * ```
 */
export function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d < n ? q + 1n : q;
}

/**
 * floor(n / d) for BigInt n and d > 0.
 *
 * @example
 * ```ts
 * floorDiv(-7n, 2n); // -4n
 * ```
 */
export function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d > n ? q - 1n : q;
}

const LOG2_CACHE = new Map<bigint, number>();
let lastDen = 1n;
let lastLog = 0;

/** log2 of a power of two (denominators repeat, so results are cached; the cache stays small). */
function log2PowerOfTwo(d: bigint): number {
  if (d === lastDen) return lastLog;
  lastDen = d;
  lastLog = log2Uncached(d);
  return lastLog;
}

function log2Uncached(d: bigint): number {
  const hit = LOG2_CACHE.get(d);
  if (hit !== undefined) return hit;
  const k = d.toString(2).length - 1;
  if (LOG2_CACHE.size < 4096) LOG2_CACHE.set(d, k);
  return k;
}

/**
 * The fixed-point number nearest to a rational (`fracBits` fractional bits), and whether it is
 * exact.
 *
 * @example
 * ```ts
 * toFixedNearest(Rational.of(1, 2)); // { value: 2n ** 63n, exact: true }
 * ```
 */
export function toFixedNearest(q: Rational, fracBits = FRAC_BITS): { value: bigint; exact: boolean } {
  // round(num 2^f / den), half to even, without reducing a fraction (this runs once per weight)
  const d = q.den;
  if ((d & (d - 1n)) === 0n) {
    // den = 2^k: a shift when k <= f (the usual case: weights of G and of generated targets)
    const k = log2PowerOfTwo(d);
    if (k <= fracBits) return { value: q.num << BigInt(fracBits - k), exact: true };
  }
  const n = q.num << BigInt(fracBits);
  if (d === 1n) return { value: n, exact: true };
  const f = floorDiv(n, d);
  const twice = (n - f * d) * 2n;
  if (twice === 0n) return { value: f, exact: true };
  if (twice < d) return { value: f, exact: false };
  if (twice > d) return { value: f + 1n, exact: false };
  return { value: f % 2n === 0n ? f : f + 1n, exact: false };
}

/**
 * The largest fixed-point number <= q.
 *
 * @example
 * ```ts
 * toFixedFloor(Rational.of(1, 3)) <= FIXED_ONE / 3n; // true
 * ```
 */
export function toFixedFloor(q: Rational): bigint {
  return q.shift(FRAC_BITS).floor();
}

/**
 * The exact rational value of a fixed-point number (`fracBits` fractional bits).
 *
 * @example
 * ```ts
 * fixedToRational(FIXED_ONE).toString(); // '1'
 * ```
 */
export function fixedToRational(x: bigint, fracBits = FRAC_BITS): Rational {
  return Rational.dyadic(x, -fracBits);
}

/**
 * A float64 estimate of a fixed-point number (for search heuristics only).
 *
 * @example
 * ```ts
 * fixedToNumber(FIXED_ONE / 4n); // 0.25
 * ```
 */
export function fixedToNumber(x: bigint): number {
  return Number(x) / 2 ** FRAC_BITS;
}
