/**
 * Lemma 2(b, c), coverage probabilities (docs/MATH.md §5.2).
 *
 * (b) For k i.i.d. U[-1, 1] points (the continuous law), the uniform-spacings inclusion-exclusion
 *     gives the exact coverage probability
 *       P_cover(k, eps0) = sum_{j=0..2} sum_{m=0..k-1} (-1)^{j+m} C(2,j) C(k-1,m) (1 - (j/2 + m) eps0)_+^k.
 *     For eps0 = p/q every term is (2q - (j + 2m) p)^k / (2q)^k, so the sum is one BigInt
 *     numerator over (2q)^k: P_cover is computed exactly for every k (only printing rounds, as a
 *     bracket of the exact value). In float64 the alternating sum cancels catastrophically.
 * (c) Bin bound: with M = ceil(2/eps0) bins, 1 - P_cover <= M (1 - 1/M)^k <= M e^{-k/M}. One fixed
 *     target w is hit with probability 1 - (1 - lambda(w)/2)^k, lambda(w) = |[w - eps0, w + eps0]
 *     cap [-1, 1]|; the post's pair (u ~ w and v ~ 1 within eta) has per-candidate probability
 *     (lambda(w)/2)(lambda_v/2) >= eta^2/4, so it needs ~ (4/eta^2) ln(1/delta) samples per weight
 *     where covering needs only ~ (2/eps0) ln(2/(eps0 delta)).
 */
import { InputError } from '../errors.js';
import { Rational, trailingZeros } from '../numeric/rational.js';
import type { Quantity } from '../numeric/quantity.js';
import { exactQ, expQ, mulQ, powQ, subQ } from '../numeric/quantity.js';
import { lambdaLength, pairCandidateProbability } from '../theory/candidate-probability.js';

const ONE = Rational.ONE;
const TWO = Rational.of(2);

/**
 * Validates a sample count k (an integer >= 1).
 *
 * @example
 * ```ts
 * checkK(10); // ok
 * ```
 */
export function checkK(k: number): void {
  if (!Number.isSafeInteger(k) || k < 0 || k > 10_000_000)
    throw new InputError(`k must be an integer from 0 to 10^7, got ${k}`);
}

/**
 * Validates a covering radius eps0 > 0.
 *
 * @example
 * ```ts
 * checkEps0(Rational.of(1, 8)); // ok
 * ```
 */
export function checkEps0(eps0: Rational): void {
  if (eps0.sign() <= 0) throw new InputError(`eps0 must be > 0, got ${eps0.toString()}`);
  if (eps0.lt(Rational.of(1n, 10n ** 30n)))
    throw new InputError(`eps0 is absurdly small (< 1e-30): ${eps0.toScientific(6)}`);
}

/** Prime factors of n (trial division; n < 2^40), or undefined when n is too large to factor. */
function smallPrimeFactors(n: bigint): bigint[] | undefined {
  if (n > 1n << 40n) return undefined;
  const out: bigint[] = [];
  let m = n;
  for (let p = 2n; p * p <= m; p += p === 2n ? 1n : 2n) {
    if (m % p === 0n) {
      out.push(p);
      while (m % p === 0n) m /= p;
    }
  }
  if (m > 1n) out.push(m);
  return out;
}

/** num / den reduced, knowing that every prime of den divides `base` (den = base^k). */
function reduceOverPowerOf(num: bigint, den: bigint, base: bigint): Rational {
  if (num === 0n) return Rational.ZERO;
  const primes = smallPrimeFactors(base);
  if (!primes) return Rational.of(num, den);
  let n = num;
  let d = den;
  for (const p of primes) {
    if (p === 2n) {
      const z = BigInt(Math.min(trailingZeros(n), trailingZeros(d)));
      n >>= z;
      d >>= z;
      continue;
    }
    while (n % p === 0n && d % p === 0n) {
      n /= p;
      d /= p;
    }
  }
  // every common prime has been removed: the fraction is reduced
  return Rational.unsafe(n, d);
}

/**
 * The exact coverage probability P_cover(k, eps0) of k i.i.d. U[-1, 1] points (continuous law),
 * by the inclusion-exclusion of the module comment, as one BigInt numerator over (2q)^k.
 *
 * @example
 * ```ts
 * coverProbability(1, Rational.parse('3/2')).toString(); // '1/2'
 * coverProbability(2000, Rational.of(1, 100)).toScientific(6); // '9.99908e-1'
 * ```
 */
export function coverProbability(k: number, eps0: Rational): Rational {
  checkK(k);
  checkEps0(eps0);
  if (k === 0) return Rational.ZERO;
  const p = eps0.num;
  const q = eps0.den;
  const K = BigInt(k);
  // coefficient of (2q - c p)^k, c = j + 2m: sum over j of (-1)^{j+m} C(2, j) C(k-1, m)
  const binomAt = new Map<number, bigint>();
  let num = 0n;
  // bases with c > cMax are <= 0 and contribute (.)_+^k = 0; c <= cMax keeps every base >= 0
  const cMax = (2n * q) / p;
  const mMax = Number(cMax / 2n < K - 1n ? cMax / 2n : K - 1n);
  let binom = 1n;
  for (let m = 0; m <= mMax; m++) {
    if (m > 0) binom = (binom * (K - BigInt(m))) / BigInt(m);
    binomAt.set(m, binom);
  }
  const cTop = Number(cMax < BigInt(2 * mMax + 2) ? cMax : BigInt(2 * mMax + 2));
  for (let c = 0; c <= cTop; c++) {
    const base = 2n * q - BigInt(c) * p;
    let coef = 0n;
    for (let j = 0; j <= 2; j++) {
      // m = (c - j) / 2 must be an index 0..mMax of binomAt (odd c - j or c < j: no such term)
      const m = (c - j) / 2;
      const b = binomAt.get(m);
      if (b === undefined) continue;
      const term = (j === 1 ? 2n : 1n) * b;
      coef += (j + m) % 2 === 0 ? term : -term;
    }
    num += coef * base ** K;
  }
  const den = (2n * q) ** K;
  return reduceOverPowerOf(num, den, 2n * q);
}

/**
 * The same inclusion-exclusion in float64: an ESTIMATE that cancels catastrophically for
 * moderate k (at k = 200, eps0 = 0.01 it returns about 1.7e-6 where the exact value is about
 * 3e-27). Shown only to demonstrate why slth computes P_cover exactly.
 *
 * @example
 * ```ts
 * coverProbabilityFloat(200, 0.01); // wrong by twenty orders of magnitude
 * ```
 */
export function coverProbabilityFloat(k: number, eps0: number): number {
  let s = 0;
  const c2 = [1, 2, 1];
  for (let j = 0; j <= 2; j++) {
    let b = 1;
    for (let m = 0; m <= k - 1; m++) {
      if (m > 0) b = (b * (k - m)) / m;
      const base = 1 - (j / 2 + m) * eps0;
      if (base <= 0) break;
      s += ((j + m) % 2 === 0 ? 1 : -1) * (c2[j] as number) * b * base ** k;
    }
  }
  return s;
}

/** The bin bound of the probability of not covering. */
export interface BinBound {
  readonly M: bigint;
  /** M (1 - 1/M)^k, exact (or certified for huge k). */
  readonly bound: Quantity;
  /** M e^{-k/M}, certified. */
  readonly expBound: Quantity;
}

/**
 * The bin bound with M = ceil(2/eps0): 1 - P_cover <= M (1 - 1/M)^k <= M e^{-k/M}.
 *
 * @example
 * ```ts
 * binBound(2000, Rational.of(1, 100)).M; // 200n
 * ```
 */
export function binBound(k: number, eps0: Rational): BinBound {
  checkK(k);
  checkEps0(eps0);
  const M = TWO.div(eps0).ceil();
  const Mq = exactQ(Rational.of(M));
  const bound = mulQ(Mq, powQ(ONE.sub(Rational.of(1n, M)), k));
  const arg = Rational.of(BigInt(-k), M);
  const e = arg.lt(Rational.of(-1_000_000))
    ? { exact: undefined, lower: Rational.ZERO, upper: expQ(Rational.of(-1_000_000)).upper }
    : expQ(arg);
  return { M, bound, expBound: mulQ(Mq, e) };
}

/**
 * Probability that one fixed target w is within eps0 of at least one of k i.i.d. U[-1, 1] points:
 * 1 - (1 - lambda(w)/2)^k.
 *
 * @example
 * ```ts
 * formatQ(fixedTargetSuccess(1, Rational.ZERO, Rational.parse('0.5'))); // '1/2'
 * ```
 */
export function fixedTargetSuccess(k: number, w: Rational, eps0: Rational): Quantity {
  const p = lambdaLength(w, eps0).div(TWO);
  return subQ(exactQ(ONE), powQ(ONE.sub(p), k));
}

/**
 * Probability that some of k candidates is good for the + side of the pair gadget of w:
 * 1 - (1 - p)^k with p = {@link pairCandidateProbability}.
 *
 * @example
 * ```ts
 * formatQ(pairSuccess(1, Rational.ONE, Rational.parse('0.1'))); // '1/400'
 * ```
 */
export function pairSuccess(k: number, w: Rational, eta: Rational): Quantity {
  return subQ(exactQ(ONE), powQ(ONE.sub(pairCandidateProbability(w, eta)), k));
}
