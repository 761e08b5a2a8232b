/**
 * The binomial distribution Bin(n, p) for a rational p: exact probabilities (BigInt rationals)
 * and certified one-sided bounds of the CDF for large n (binary floats with directed rounding,
 * see `_internals/directed.ts`).
 *
 * Notation: X ~ Bin(n, p), CDF(n, k, p) = P(X <= k) = sum_{i=0..k} C(n,i) p^i (1-p)^(n-i).
 */
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';
import {
  add,
  binomial,
  div,
  divInt,
  flip,
  fromInt,
  magnitude,
  mulInt,
  mul,
  pow,
  PREC,
  toRationalClamped,
  type DFloat,
  type Dir,
} from '../numeric/directed.js';

/** Rounding direction of a certified bound: 'down' gives a value <= the exact one, 'up' >=. */
export type BoundDirection = Dir;

function checkNk(n: number, k: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new InputError(`trials must be an integer >= 0, got ${n}`);
  if (!Number.isSafeInteger(k)) throw new InputError(`count must be an integer, got ${k}`);
}

function checkP(p: Rational): void {
  if (p.sign() < 0 || p.gt(Rational.ONE)) throw new InputError(`p must lie in [0, 1], got ${p.toString()}`);
}

/**
 * Exact binomial coefficient C(n, k) (0 outside 0..n).
 *
 * @example
 * ```ts
 * choose(5, 2); // 10n
 * ```
 */
export function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  const j = Math.min(k, n - k);
  let c = 1n;
  for (let i = 1; i <= j; i++) c = (c * BigInt(n - j + i)) / BigInt(i);
  return c;
}

/**
 * Exact P(X = k) for X ~ Bin(n, p).
 *
 * @example
 * ```ts
 * binomialPmf(2, 1, Rational.of(1, 2)).toString(); // '1/2'
 * ```
 */
export function binomialPmf(n: number, k: number, p: Rational): Rational {
  checkNk(n, k);
  checkP(p);
  if (k < 0 || k > n) return Rational.ZERO;
  return Rational.of(choose(n, k))
    .mul(p.pow(k))
    .mul(Rational.ONE.sub(p).pow(n - k));
}

/** sum_{i=0..k} C(n,i) s^i b^(n-i) (0 <= k <= n), exactly, by Horner. */
function lowerSum(n: number, k: number, s: bigint, b: bigint): bigint {
  // H = sum_{i=0..k} C(n,i) s^i b^(k-i) by Horner (coefficients in increasing i), times b^(n-k).
  const coef: bigint[] = [];
  let c = 1n;
  let sp = 1n;
  for (let i = 0; i <= k; i++) {
    coef.push(c * sp);
    c = (c * BigInt(n - i)) / BigInt(i + 1);
    sp *= s;
  }
  let h = 0n;
  for (let i = 0; i <= k; i++) h = h * b + (coef[i] as bigint);
  return h * b ** BigInt(n - k);
}

/**
 * Exact P(X <= k) for X ~ Bin(n, p), p rational. The shorter side is summed (the lower tail when
 * k <= n/2, else 1 minus the upper tail): O(min(k, n-k)) BigInt operations on numbers of about
 * n * log2(den p) bits (fine up to n of a few thousand).
 *
 * @example
 * ```ts
 * binomialCdf(3, 0, Rational.of(1, 2)).toString(); // '1/8'
 * ```
 */
export function binomialCdf(n: number, k: number, p: Rational): Rational {
  checkNk(n, k);
  checkP(p);
  if (k < 0) return Rational.ZERO;
  if (k >= n) return Rational.ONE;
  const s = p.num;
  const t = p.den;
  const b = t - s;
  const tn = t ** BigInt(n);
  if (2 * k <= n) return Rational.of(lowerSum(n, k, s, b), tn);
  // P(X > k) = sum_{i=k+1..n} C(n,i) s^i b^(n-i) / t^n = sum_{j=0..n-k-1} C(n,j) b^j s^(n-j) / t^n
  return Rational.ONE.sub(Rational.of(lowerSum(n, n - k - 1, b, s), tn));
}

/**
 * Exact P(X >= k) for X ~ Bin(n, p).
 *
 * @example
 * ```ts
 * binomialSurvival(3, 3, Rational.of(1, 2)).toString(); // '1/8'
 * ```
 */
export function binomialSurvival(n: number, k: number, p: Rational): Rational {
  return Rational.ONE.sub(binomialCdf(n, k - 1, p));
}

/**
 * Sum of the binomial terms t_i = C(n,i) p^i q^(n-i) from i = start moving by `step` (-1: down
 * to 0, +1: up to n), where the terms decrease geometrically from `start` on. Rounded in `dir`;
 * the sum stops once the remaining terms are below 2^-(PREC+16) of the partial sum, and for 'up'
 * their geometric bound t_i r/(1-r) is added (r the current ratio, which bounds every later
 * ratio because the ratios keep decreasing).
 */
const binomialCache = new Map<string, DFloat>();

/** C(n, k) rounded in `dir`, memoised (bisections ask for the same coefficient 60 times). */
function binomialCached(n: number, k: number, dir: Dir): DFloat {
  const key = `${n}/${k}/${dir}`;
  const hit = binomialCache.get(key);
  if (hit) return hit;
  const c = binomial(n, k, dir);
  if (binomialCache.size >= 64) binomialCache.clear();
  binomialCache.set(key, c);
  return c;
}

function geometricSide(n: number, start: number, step: -1 | 1, a: bigint, b: bigint, tn: DFloat, dir: Dir): DFloat {
  // t_start = C(n, start) a^start b^(n-start) / den^n, den^n passed as tn (rounded against dir).
  let t = div(
    mul(
      mul(binomialCached(n, start, dir), pow(fromInt(a, dir), start, dir), dir),
      pow(fromInt(b, dir), n - start, dir),
      dir,
    ),
    tn,
    dir,
  );
  let sum = t;
  let i = start;
  for (;;) {
    const next = i + step;
    if (next < 0 || next > n) break;
    // ratio t_next / t_i
    const rNum = step === -1 ? BigInt(i) * b : BigInt(n - i) * a;
    const rDen = step === -1 ? BigInt(n - i + 1) * a : BigInt(i + 1) * b;
    if (rNum < rDen) {
      // remaining terms <= t_i * r / (1 - r) = t_i * rNum / (rDen - rNum)
      const tail = divInt(mulInt(t, rNum, 'up'), rDen - rNum, 'up');
      if (magnitude(tail) < magnitude(sum) - PREC - 16) {
        return dir === 'up' ? add(sum, tail, 'up') : sum;
      }
    }
    t = divInt(mulInt(t, rNum, dir), rDen, dir);
    sum = add(sum, t, dir);
    i = next;
  }
  return sum;
}

/**
 * A certified bound of P(X <= k) for X ~ Bin(n, p): with 'down' the result is <= the exact
 * probability, with 'up' it is >=, and it is within about n 2^-120 (relative) of it. Cost is
 * O(min(k, n-k)) for the binomial coefficient plus O(sqrt(n)) terms around the mode, so n up to
 * 10^6 is fine. The side of the sum whose terms decrease away from k is summed (the lower tail
 * when k is below the mode, else 1 minus the upper tail, subtracted exactly).
 *
 * @example
 * ```ts
 * binomialCdfBound(100000, 10, Rational.of(1, 10000), 'up'); // >= P(Bin(1e5, 1e-4) <= 10)
 * ```
 */
export function binomialCdfBound(n: number, k: number, p: Rational, dir: BoundDirection): Rational {
  checkNk(n, k);
  checkP(p);
  if (k < 0) return Rational.ZERO;
  if (k >= n) return Rational.ONE;
  if (p.isZero()) return Rational.ONE;
  if (p.eq(Rational.ONE)) return Rational.ZERO;
  const a = p.num;
  const b = p.den - p.num;
  const den = p.den;
  // Lower side {0..k} has decreasing terms going down from k iff t_{k-1}/t_k < 1 for the first
  // step, i.e. k b < (n-k+1) a; the ratios keep decreasing further down.
  if (BigInt(k) * b < BigInt(n - k + 1) * a) {
    const tn = pow(fromInt(den, flip(dir)), n, flip(dir));
    return toRationalClamped(geometricSide(n, k, -1, a, b, tn, dir), dir);
  }
  // Otherwise the upper tail {k+1..n} has decreasing terms going up from k+1.
  const tailDir = flip(dir);
  const tn = pow(fromInt(den, dir), n, dir);
  const tail = toRationalClamped(geometricSide(n, k + 1, 1, a, b, tn, tailDir), tailDir);
  const v = Rational.ONE.sub(tail);
  return v.sign() < 0 ? Rational.ZERO : v;
}
