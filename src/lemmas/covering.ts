/**
 * Lemma 2 (eps0-covering of [-1, 1]).
 *
 * (a) A finite set S of reals eps0-covers [-1, 1] (every z in [-1, 1] is within eps0 of S) iff,
 *     with T = S cap [-1 - eps0, 1 + eps0] sorted, T is non-empty, min T <= -1 + eps0,
 *     max T >= 1 - eps0 and every gap between consecutive points of T is <= 2 eps0. For S inside
 *     [-1, 1], T = S. When S does not cover, an exact uncovered point is -1, 1 or the midpoint of
 *     a gap > 2 eps0. The decision is exact.
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
import type { Network } from '../network/network.js';
import { lnBracket, lnUpper } from '../numeric/certified.js';
import { Rational, trailingZeros } from '../numeric/rational.js';
import { Cursor, checkSeed } from '../random/scheme.js';
import type { Quantity } from '../numeric/quantity.js';
import { exactQ, expQ, formatQ, leQ, mulQ, powQ, subQ } from '../numeric/quantity.js';
import { lambdaLength, pairCandidateProbability } from '../theory/candidate-probability.js';
import type { LemmaResult } from './result.js';
import { bracketFigure, exactOrBracket, roundOutward } from '../numeric/figure.js';

/** Lemma name. */
export const NAME = 'covering';

/** The statement checked. */
export const STATEMENT =
  'S eps0-covers [-1,1] iff min T <= -1+eps0, max T >= 1-eps0 and sorted gaps of T <= 2 eps0 ' +
  '(T = S cap [-1-eps0, 1+eps0]); P_cover(k,eps0) = sum_{j<=2} sum_{m<k} (-1)^{j+m} C(2,j) C(k-1,m) ' +
  '(1-(j/2+m)eps0)_+^k exactly; 1 - P_cover <= M(1-1/M)^k <= M e^{-k/M}, M = ceil(2/eps0)';

const MINUS_ONE = Rational.MINUS_ONE;
const ONE = Rational.ONE;
const TWO = Rational.of(2);

// ---------------------------------------------------------------------------------------------
// (a) the exact decision

/** Why a set does or does not cover. */
export type CoverReason = 'covered' | 'empty' | 'left-end' | 'right-end' | 'gap';

/** The exact decision of {@link decideCover}. */
export interface CoverDecision {
  readonly covers: boolean;
  readonly reason: CoverReason;
  /** |T|: points within eps0 of [lo, hi]. */
  readonly relevant: number;
  /** min T and max T (undefined when T is empty). */
  readonly first: Rational | undefined;
  readonly last: Rational | undefined;
  /** Largest gap between consecutive points of T (undefined when |T| < 2). */
  readonly maxGap: Rational | undefined;
  /** The two points around {@link maxGap}. */
  readonly maxGapAt: readonly [Rational, Rational] | undefined;
  /** An exact point of [lo, hi] at distance > eps0 from every point (when not covered). */
  readonly uncovered: Rational | undefined;
}

/**
 * Sorts exact values ascending (a copy).
 *
 * @example
 * ```ts
 * sortRationals([Rational.ONE, Rational.ZERO]).map(String); // ['0', '1']
 * ```
 */
export function sortRationals(values: readonly Rational[]): Rational[] {
  return [...values].sort((a, b) => a.cmp(b));
}

/**
 * Decides exactly whether the closed eps0-neighbourhoods of `points` cover [lo, hi] (default
 * [-1, 1]); see the module comment for the criterion and the uncovered witness.
 *
 * @example
 * ```ts
 * decideCover(['-0.9', '0', '0.9'].map((s) => Rational.parse(s)), Rational.parse('0.5')).covers; // true
 * decideCover([Rational.ZERO], Rational.parse('0.5')).uncovered?.toString(); // '-1'
 * ```
 */
export function decideCover(
  points: readonly Rational[],
  eps0: Rational,
  lo: Rational = MINUS_ONE,
  hi: Rational = ONE,
): CoverDecision {
  if (eps0.sign() < 0) throw new InputError(`eps0 must be >= 0, got ${eps0.toString()}`);
  if (lo.gt(hi)) throw new InputError('empty interval');
  const left = lo.sub(eps0);
  const right = hi.add(eps0);
  const t = sortRationals(points.filter((s) => s.ge(left) && s.le(right)));
  let widest: { gap: Rational; at: [Rational, Rational] } | undefined;
  for (let i = 1; i < t.length; i++) {
    const a = t[i - 1] as Rational;
    const b = t[i] as Rational;
    const g = b.sub(a);
    if (widest === undefined || g.gt(widest.gap)) widest = { gap: g, at: [a, b] };
  }
  const base = { relevant: t.length, first: t[0], last: t[t.length - 1], maxGap: widest?.gap, maxGapAt: widest?.at };
  if (t.length === 0) return { ...base, covers: false, reason: 'empty', uncovered: lo };
  const first = t[0] as Rational;
  const last = t[t.length - 1] as Rational;
  if (first.gt(lo.add(eps0))) return { ...base, covers: false, reason: 'left-end', uncovered: lo };
  if (last.lt(hi.sub(eps0))) return { ...base, covers: false, reason: 'right-end', uncovered: hi };
  if (widest !== undefined && widest.gap.gt(eps0.add(eps0))) {
    return { ...base, covers: false, reason: 'gap', uncovered: widest.at[0].add(widest.at[1]).div(TWO) };
  }
  return { ...base, covers: true, reason: 'covered', uncovered: undefined };
}

/**
 * Exact distance from z to the nearest point of a non-empty ascending list (binary search).
 *
 * @example
 * ```ts
 * distanceToSorted(Rational.parse('0.4'), [Rational.ZERO, Rational.ONE]).toString(); // '2/5'
 * ```
 */
export function distanceToSorted(z: Rational, sorted: readonly Rational[]): Rational {
  if (sorted.length === 0) throw new RangeError('empty set');
  let lo = 0;
  let hi = sorted.length; // first index with value > z
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as Rational).le(z)) lo = mid + 1;
    else hi = mid;
  }
  let best: Rational | undefined;
  for (const i of [lo - 1, lo]) {
    const s = sorted[i];
    if (s === undefined) continue;
    const d = s.sub(z).abs();
    if (best === undefined || d.lt(best)) best = d;
  }
  return best as Rational;
}

/**
 * Independent exact verification of a cover decision (used to catch broken deciders): a claimed
 * cover is checked at every point where the distance to S is locally maximal on [lo, hi] (the
 * endpoints and the midpoints of consecutive points); a claimed non-cover must come with an
 * uncovered point of [lo, hi] whose distance to S is > eps0.
 *
 * @example
 * ```ts
 * const s = [Rational.ZERO];
 * verifyCoverDecision(s, Rational.ONE, decideCover(s, Rational.ONE)).ok; // true
 * ```
 */
export function verifyCoverDecision(
  points: readonly Rational[],
  eps0: Rational,
  d: Pick<CoverDecision, 'covers' | 'uncovered'>,
  lo: Rational = MINUS_ONE,
  hi: Rational = ONE,
): { ok: boolean; reason: string } {
  const sorted = sortRationals(points);
  if (!d.covers) {
    const z = d.uncovered;
    if (z === undefined) return { ok: false, reason: 'non-cover without an uncovered point' };
    if (z.lt(lo) || z.gt(hi)) return { ok: false, reason: `uncovered point ${z.toString()} outside [lo, hi]` };
    if (sorted.length === 0) return { ok: true, reason: 'empty set covers nothing' };
    const dist = distanceToSorted(z, sorted);
    return dist.gt(eps0)
      ? { ok: true, reason: 'uncovered point verified' }
      : { ok: false, reason: `claimed uncovered point ${z.toString()} is within eps0 (distance ${dist.toString()})` };
  }
  if (sorted.length === 0) return { ok: false, reason: 'empty set claimed to cover' };
  const probes: Rational[] = [lo, hi];
  for (let i = 1; i < sorted.length; i++) {
    const m = (sorted[i - 1] as Rational).add(sorted[i] as Rational).div(TWO);
    if (m.ge(lo) && m.le(hi)) probes.push(m);
  }
  for (const z of probes) {
    const dist = distanceToSorted(z, sorted);
    if (dist.gt(eps0))
      return { ok: false, reason: `claimed cover, but ${z.toString()} is at distance ${dist.toString()} > eps0` };
  }
  return { ok: true, reason: 'cover verified at all local maxima of the distance' };
}

// ---------------------------------------------------------------------------------------------
// (b) the exact coverage probability

function checkK(k: number): void {
  if (!Number.isSafeInteger(k) || k < 0 || k > 10_000_000)
    throw new InputError(`k must be an integer from 0 to 10^7, got ${k}`);
}

function checkEps0(eps0: Rational): void {
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

// ---------------------------------------------------------------------------------------------
// (c) bin bound, fixed target, pair

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

// ---------------------------------------------------------------------------------------------
// (d) least k

function checkProb(prob: Rational): void {
  if (prob.sign() <= 0 || prob.ge(ONE))
    throw new InputError(`prob must be in (0, 1), got ${prob.toString()}`, { params: ['prob'] });
}

/** The least k reaching a probability, and how it was established. */
export interface LeastK {
  readonly k: number;
  /** The probability at k and at k - 1 (the latter below the goal). */
  readonly at: Quantity;
  readonly before: Quantity;
  readonly method: string;
}

/**
 * The exact least k with P_cover(k, eps0) >= prob (P_cover increases with k): binary search on
 * [0, K] with K = ceil(M ln(M / (1 - prob))) from the bin bound, every step exact.
 *
 * @example
 * ```ts
 * minKCover(Rational.of(1, 4), Rational.parse('0.99')).k; // 40
 * ```
 */
export function minKCover(eps0: Rational, prob: Rational): LeastK {
  checkEps0(eps0);
  checkProb(prob);
  const M = TWO.div(eps0).ceil();
  // M >= 1 and M / (1 - prob) > 1, so the bound is >= 1
  let hi = Number(
    Rational.of(M)
      .mul(lnUpper(Rational.of(M).div(ONE.sub(prob))))
      .ceil(),
  );
  if (!(hi <= 10_000_000))
    throw new InputError(
      `eps0 = ${eps0.toScientific(6)} is too small: the search bound for k, ceil(M ln(M / (1 - P))), exceeds 10^7`,
    );
  checkK(hi);
  while (coverProbability(hi, eps0).lt(prob)) hi *= 2; // never happens (bin bound); kept for safety
  let lo = 0; // P_cover(0) = 0 < prob
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (coverProbability(mid, eps0).ge(prob)) hi = mid;
    else lo = mid;
  }
  return {
    k: hi,
    at: exactQ(coverProbability(hi, eps0)),
    before: exactQ(coverProbability(hi - 1, eps0)),
    method: 'binary search, exact P_cover at every step',
  };
}

/**
 * The least k with 1 - (1 - p)^k >= prob, i.e. k = ceil(ln(1 - prob) / ln(1 - p)): certified by
 * ln brackets, then confirmed exactly at k and k - 1 whenever the powers have at most a few
 * million bits (else by the certified brackets alone, and the method says so).
 *
 * @example
 * ```ts
 * minKGeometric(Rational.of(1, 2), Rational.parse('0.99')).k; // 7
 * ```
 */
export function minKGeometric(p: Rational, prob: Rational): LeastK {
  checkProb(prob);
  if (p.sign() < 0 || p.gt(ONE))
    throw new InputError(`per-candidate probability must be in [0, 1], got ${p.toString()}`);
  if (p.isZero()) throw new InputError('per-candidate probability is 0: no k suffices');
  const goal = exactQ(prob);
  const success = (k: number): Quantity => subQ(exactQ(ONE), powQ(ONE.sub(p), k));
  if (p.ge(ONE)) return { k: 1, at: success(1), before: success(0), method: 'p = 1' };
  const A = lnBracket(ONE.sub(prob)); // ln(1 - prob) < 0
  const B = lnBracket(ONE.sub(p)); // ln(1 - p) < 0
  // k >= ln(1-prob)/ln(1-p) = |A|/|B|
  const kLo = A.upper.neg().div(B.lower.neg()).ceil();
  const kHi = A.lower.neg().div(B.upper.neg()).ceil();
  let lo = Number(kLo) - 1;
  let hi = Number(kHi);
  if (hi < 1) hi = 1;
  if (lo < 0) lo = 0;
  checkK(hi);
  // invariant: success(lo) < prob <= success(hi); resolve any remaining interval by certified tests
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const ok = leQ(goal, success(mid));
    if (ok === undefined) throw new Error('undecided certified comparison in minKGeometric');
    if (ok) hi = mid;
    else lo = mid;
  }
  const at = success(hi);
  const before = success(hi - 1);
  const confirmed = leQ(goal, at) === true && leQ(goal, before) === false;
  if (!confirmed) throw new Error('minKGeometric: the certified least k could not be confirmed');
  const exact = at.exact !== undefined && before.exact !== undefined;
  return {
    k: hi,
    at,
    before,
    method: exact
      ? 'ln brackets, confirmed exactly at k and k-1'
      : 'ln brackets, confirmed by certified brackets at k and k-1',
  };
}

// ---------------------------------------------------------------------------------------------
// (e) the table

/** One row of {@link coverTable}. */
export interface CoverTableRow {
  readonly eps0: Rational;
  /** Pair gadget, worst case |w| = 1: per candidate eps0^2/4. */
  readonly pair: LeastK;
  /** Covering all of [-1, 1]. */
  readonly cover: LeastK;
  /** One fixed target, worst case |w| = 1: per sample eps0/2. */
  readonly fixed: LeastK;
}

/** The default eps0 values of the table. */
export const TABLE_EPS0: readonly string[] = ['1/4', '1/8', '1/16', '1/32', '1/64'];

/**
 * Samples needed for probability `prob` by the pair (u ~ w and v ~ 1), covering and one fixed
 * target, for several eps0: all exact least k.
 *
 * @example
 * ```ts
 * coverTable([Rational.of(1, 4)], Rational.parse('0.99'))[0].pair.k; // 293
 * ```
 */
export function coverTable(eps0s: readonly Rational[], prob: Rational): CoverTableRow[] {
  return eps0s.map((eps0) => ({
    eps0,
    pair: minKGeometric(pairCandidateProbability(ONE, eps0), prob),
    cover: minKCover(eps0, prob),
    fixed: minKGeometric(lambdaLength(ONE, eps0).div(TWO), prob),
  }));
}

/**
 * The table as text, with k eps0^2 and k eps0 columns that show the 1/eps0^2 versus
 * (1/eps0) log(1/eps0) growth.
 *
 * @example
 * ```ts
 * formatCoverTable(coverTable([Rational.of(1, 4)], Rational.parse('0.99')), Rational.parse('0.99'));
 * ```
 */
export function formatCoverTable(rows: readonly CoverTableRow[], prob: Rational): string {
  const head = ['eps0', 'pair k', 'k*eps0^2', 'cover k', 'k*eps0', 'fixed k', 'k*eps0'];
  const body = rows.map((r) => [
    r.eps0.toString(),
    String(r.pair.k),
    Rational.of(r.pair.k).mul(r.eps0).mul(r.eps0).toDecimal(3, 'nearest'),
    String(r.cover.k),
    Rational.of(r.cover.k).mul(r.eps0).toDecimal(3, 'nearest'),
    String(r.fixed.k),
    Rational.of(r.fixed.k).mul(r.eps0).toDecimal(3, 'nearest'),
  ]);
  const widthsCol = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widthsCol[i] as number)).join('  ');
  return [
    `least number of samples k with success probability >= ${prob.toString()} (exact least k; worst case |w| = 1):`,
    line(head),
    ...body.map(line),
    'pair: some candidate has |u - w| <= eps0 and |v - 1| <= eps0 (per candidate eps0^2/4): k ~ (4/eps0^2) ln(1/delta)',
    'cover: k points eps0-cover all of [-1, 1] (exact P_cover): k ~ (2/eps0) ln(2/(eps0 delta))',
    'fixed: one fixed target within eps0 of some point (per point eps0/2): k ~ (2/eps0) ln(1/delta)',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Monte-Carlo sanity label (never a verdict)

/**
 * Coverage frequency of `trials` seeded samples of k points of G (scheme slth-g/1, layer 1,
 * column t for trial t, rows 0..k-1: the grid law of MATH section 0), each decided exactly.
 *
 * @example
 * ```ts
 * empiricalCoverage(30, Rational.of(1, 8), 100, 'mc').successes; // about 100 * P_cover
 * ```
 */
export function empiricalCoverage(
  k: number,
  eps0: Rational,
  trials: number,
  seed: string,
): { successes: number; trials: number } {
  checkSeed(seed);
  checkK(k);
  let successes = 0;
  for (let t = 0; t < trials; t++) {
    const c = new Cursor(seed, 1, t, 0);
    const pts: Rational[] = [];
    for (let i = 0; i < k; i++) pts.push(Rational.fromFloat(c.next()));
    if (decideCover(pts, eps0).covers) successes++;
  }
  return { successes, trials };
}

/**
 * Exact P(X <= x) for X ~ Binomial(n, p), p rational.
 *
 * @example
 * ```ts
 * binomialCdf(2, Rational.of(1, 2), 0).toString(); // '1/4'
 * ```
 */
export function binomialCdf(n: number, p: Rational, x: number): Rational {
  if (x < 0) return Rational.ZERO;
  if (x >= n) return ONE;
  // sum_{i<=x} C(n,i) p^i (1-p)^{n-i} with p = a/b: numerator sum C(n,i) a^i (b-a)^{n-i} over b^n
  const a = p.num;
  const b = p.den;
  const N = BigInt(n);
  let binom = 1n;
  let s = 0n;
  for (let i = 0; i <= x; i++) {
    if (i > 0) binom = (binom * (N - BigInt(i) + 1n)) / BigInt(i);
    s += binom * a ** BigInt(i) * (b - a) ** (N - BigInt(i));
  }
  return Rational.of(s, b ** N);
}

/** The result of {@link binomialAcceptance}. */
export interface BinomialAcceptance {
  readonly accepted: boolean;
  /** Certified lower bounds of P(X <= x) and P(X >= x) under the bracket of p. */
  readonly lowerTail: Rational;
  readonly upperTail: Rational;
}

/**
 * Exact two-sided binomial acceptance test: is `successes` out of `trials` consistent, at level
 * alpha, with a success probability p known through a bracket? Accepts iff both tails
 * P(X <= x) and P(X >= x) exceed alpha/2 for every p in the bracket (the bracket is rounded
 * outward to 64-bit dyadics, so the tails are exact rationals).
 *
 * @example
 * ```ts
 * binomialAcceptance(50, 100, exactQ(Rational.of(1, 2)), Rational.parse('1e-6')).accepted; // true
 * ```
 */
export function binomialAcceptance(
  successes: number,
  trials: number,
  p: Quantity,
  alpha: Rational,
): BinomialAcceptance {
  const shift = 64;
  const floorD = (q: Rational): Rational => roundOutward(q, 'floor', shift);
  const ceilD = (q: Rational): Rational => roundOutward(q, 'ceil', shift);
  const pl = Rational.max(Rational.ZERO, floorD(p.lower));
  const pu = Rational.min(ONE, ceilD(p.upper));
  const lowerTail = binomialCdf(trials, pu, successes); // P(X <= x) decreases in p
  const upperTail = ONE.sub(binomialCdf(trials, pl, successes - 1)); // P(X >= x) increases in p
  const half = alpha.div(TWO);
  return { accepted: lowerTail.gt(half) && upperTail.gt(half), lowerTail, upperTail };
}

// ---------------------------------------------------------------------------------------------
// the checks

/** The verdict of named certified checks (see {@link checksVerdict}). */
export interface ChecksVerdict {
  /** True when every check is certainly true. */
  readonly holds: boolean;
  /** `check NAME` -> 'yes' (true), 'NO' (false) or 'undecided' (undefined), in order. */
  readonly figures: Readonly<Record<string, string>>;
  /** The checks that are not certainly true, NAME -> 'false' | 'undefined' (undefined when holds). */
  readonly witness: Readonly<Record<string, string>> | undefined;
}

/**
 * Combines named certified checks (true, false, or undefined = undecided) into a verdict: it
 * holds only when every check is certainly true.
 *
 * @example
 * ```ts
 * checksVerdict([['a', true], ['b', undefined]]).witness; // { b: 'undefined' }
 * ```
 */
export function checksVerdict(checks: readonly (readonly [string, boolean | undefined])[]): ChecksVerdict {
  const holds = checks.every(([, v]) => v === true);
  const figures: Record<string, string> = {};
  for (const [name, v] of checks) figures[`check ${name}`] = v === true ? 'yes' : v === false ? 'NO' : 'undecided';
  const witness = holds
    ? undefined
    : Object.fromEntries(checks.filter(([, v]) => v !== true).map(([n, v]) => [n, String(v)]));
  return { holds, figures, witness };
}

/** Options of {@link checkCovering}. */
export interface CoveringOptions {
  /** Target weight of the fixed-target and pair figures (default 1, the worst case). */
  readonly w?: Rational;
  /** Monte-Carlo trials for the sanity label (default 0: none). */
  readonly trials?: number;
  readonly seed?: string;
}

/**
 * Lemma 2 at (k, eps0): exact P_cover, the bin bounds, the fixed-target and pair probabilities,
 * and the checks 0 <= P_cover <= 1, 1 - P_cover <= M(1-1/M)^k <= M e^{-k/M} and
 * P_cover <= P(fixed target w is hit) (covering implies hitting w).
 *
 * @example
 * ```ts
 * checkCovering(2000, Rational.of(1, 100)).holds; // true
 * ```
 */
export function checkCovering(k: number, eps0: Rational, opts: CoveringOptions = {}): LemmaResult {
  checkK(k);
  checkEps0(eps0);
  if (eps0.gt(TWO))
    throw new InputError(
      `eps0 must be <= 2 (at a larger radius any point covers [-1, 1]), got ${eps0.toScientific(6)}`,
    );
  const w = opts.w ?? ONE;
  const P = coverProbability(k, eps0);
  const fail = subQ(exactQ(ONE), exactQ(P)).exact as Rational; // 1 - P without a gcd of huge numbers
  const bins = binBound(k, eps0);
  const fixed = fixedTargetSuccess(k, w, eps0);
  const pair = pairSuccess(k, w, eps0);
  const pairWorst = subQ(exactQ(ONE), powQ(ONE.sub(eps0.mul(eps0).div(Rational.of(4))), k));
  const inUnit = P.sign() >= 0 && P.le(ONE);
  const binOk = leQ(exactQ(fail), bins.bound);
  const expOk = leQ(bins.bound, bins.expBound);
  const fixedOk = leQ(exactQ(P), fixed);
  const checks: [string, boolean | undefined][] = [
    ['0 <= P_cover <= 1', inUnit],
    ['1 - P_cover <= M(1-1/M)^k', binOk],
    ['M(1-1/M)^k <= M e^{-k/M}', expOk],
    ['P_cover <= 1 - (1 - lambda(w)/2)^k', fixedOk],
  ];
  const verdict = checksVerdict(checks);
  const holds = verdict.holds;
  const figures: Record<string, string> = {
    k: String(k),
    eps0: eps0.toString(),
    'P_cover(k, eps0)': exactOrBracket(P),
    'P_cover (exact, 17 digits)': bracketFigure({ lower: P, upper: P }),
    '1 - P_cover (exact, 17 digits)': bracketFigure({ lower: fail, upper: fail }),
    M: bins.M.toString(),
    'M (1-1/M)^k': formatQ(bins.bound),
    'M e^{-k/M}': formatQ(bins.expBound),
    w: w.toString(),
    'fixed target 1-(1-lambda(w)/2)^k': formatQ(fixed),
    'pair 1-(1-(lambda(w)/2)(eta/2))^k, eta=eps0': formatQ(pair),
    'pair worst case 1-(1-eta^2/4)^k': formatQ(pairWorst),
  };
  Object.assign(figures, verdict.figures);
  const notes = [
    'P_cover is exact: one BigInt numerator over (2q)^k for eps0 = p/q (continuous law); brackets only round the printing',
    `float64 evaluation of the same sum (estimate, not used): ${coverProbabilityFloat(k, eps0.toNumber())}`,
  ];
  if (opts.trials && opts.trials > 0) {
    const seed = opts.seed ?? 'covering';
    const mc = empiricalCoverage(k, eps0, opts.trials, seed);
    const acc = binomialAcceptance(mc.successes, mc.trials, exactQ(P), Rational.parse('1e-6'));
    figures['Monte-Carlo coverage (sanity label)'] = `${mc.successes}/${mc.trials}`;
    notes.push(
      `Monte-Carlo sanity label (seed ${seed}, G layer 1 columns 0..${mc.trials - 1}, grid law): ${acc.accepted ? 'consistent' : 'INCONSISTENT'} with P_cover at level 1e-6 (exact binomial test); never a verdict`,
    );
  }
  const witness = verdict.witness;
  return {
    lemma: NAME,
    input: `k=${k}, eps0=${eps0.toString()}`,
    holds,
    statement: STATEMENT,
    exact: bins.expBound.exact !== undefined && fixed.exact !== undefined,
    figures,
    ...(witness ? { witness } : {}),
    notes,
  };
}

/** A cover decider with the signature of {@link decideCover} on [-1, 1]. */
export type CoverDecider = (points: readonly Rational[], eps0: Rational) => CoverDecision;

/**
 * Lemma 2(a) on a given finite set: the exact decision, verified independently
 * ({@link verifyCoverDecision}); `holds` means the decision and its witness check out. `decide`
 * (default {@link decideCover}) is a parameter so that a broken decider can be shown to be caught.
 *
 * @example
 * ```ts
 * checkCoverSet([Rational.ZERO], Rational.ONE, 'S = {0}').figures['covers']; // 'yes'
 * ```
 */
export function checkCoverSet(
  points: readonly Rational[],
  eps0: Rational,
  input: string,
  decide: CoverDecider = decideCover,
): LemmaResult {
  checkEps0(eps0);
  const d = decide(points, eps0);
  const v = verifyCoverDecision(points, eps0, d);
  const figures: Record<string, string> = {
    points: String(points.length),
    eps0: eps0.toString(),
    covers: d.covers ? 'yes' : 'no',
    reason: d.reason,
    'points within eps0 of [-1,1]': String(d.relevant),
    'min T': d.first ? d.first.toString() : '-',
    'max T': d.last ? d.last.toString() : '-',
    'max gap of T': d.maxGap ? d.maxGap.toString() : '-',
    '2 eps0': eps0.add(eps0).toString(),
  };
  if (d.uncovered) {
    figures['uncovered point'] = d.uncovered.toString();
    if (points.length > 0)
      figures['its distance to S'] = distanceToSorted(d.uncovered, sortRationals(points)).toString();
  }
  const base = { lemma: NAME, input, statement: STATEMENT, exact: true, figures, notes: [v.reason] };
  return v.ok ? { ...base, holds: true } : { ...base, holds: false, witness: { reason: v.reason } };
}

/**
 * Lemma 2 on a target: every weight w is a fixed target; checks P_cover <= P(w is hit) at
 * k = 64, eps0 = 1/8 exactly, and that the distinct weights themselves are decided exactly
 * (by `decide`, default {@link decideCover}, through {@link checkCoverSet}).
 *
 * @example
 * ```ts
 * checkCoveringOnTarget(net, 'fixtures/targets/d1-single.json').holds; // true
 * ```
 */
export function checkCoveringOnTarget(net: Network, input: string, decide: CoverDecider = decideCover): LemmaResult {
  const k = 64;
  const eps0 = Rational.of(1, 8);
  const P = coverProbability(k, eps0);
  const weights = net.layers.flatMap((m) => m.flatMap((row) => [...row]));
  const inRange = weights.filter((w) => w.abs().le(ONE)); // the statement is about w in [-1, 1]
  let worst: { w: Rational; q: Quantity } | undefined;
  for (const w of inRange) {
    const q = fixedTargetSuccess(k, w, eps0);
    if (!worst || q.upper.lt(worst.q.upper)) worst = { w, q };
  }
  const ok = worst === undefined || leQ(exactQ(P), worst.q) === true;
  const set = checkCoverSet(weights, eps0, input, decide);
  const figures: Record<string, string> = {
    k: String(k),
    eps0: eps0.toString(),
    'P_cover(k, eps0)': exactOrBracket(P),
    'least P(weight w is hit)': worst ? formatQ(worst.q) : '-',
    'at w': worst ? worst.w.toString() : '-',
    'target weights eps0-cover [-1,1]': set.figures['covers'] as string,
    'weights outside [-1, 1] (not fixed targets of the lemma)': String(weights.length - inRange.length),
  };
  const holds = ok && set.holds;
  return {
    lemma: NAME,
    input,
    holds,
    statement: STATEMENT,
    exact: true,
    figures,
    ...(holds ? {} : { witness: { w: worst?.w.toString() ?? '-' } }),
  };
}
