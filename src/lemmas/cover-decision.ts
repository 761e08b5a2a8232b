/**
 * Lemma 2(a), the exact covering decision (docs/MATH.md §5.2): a finite set S of reals eps0-covers
 * [-1, 1] (every z in [-1, 1] is within eps0 of S) iff, with T = S cap [-1 - eps0, 1 + eps0]
 * sorted, T is non-empty, min T <= -1 + eps0, max T >= 1 - eps0 and every gap between
 * consecutive points of T is <= 2 eps0. For S inside [-1, 1], T = S; the restriction matters
 * otherwise (S = {-5, 0, 5} covers [-1, 1] at eps0 = 1 though its gaps are 5). When S does not
 * cover, an exact uncovered point is -1, 1 or the midpoint of a gap > 2 eps0.
 */
import { InputError } from '../errors.js';
import { Rational } from '../numeric/rational.js';

const MINUS_ONE = Rational.MINUS_ONE;
const ONE = Rational.ONE;
const TWO = Rational.of(2);

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

/** A cover decider with the signature of {@link decideCover} on [-1, 1]. */
export type CoverDecider = (points: readonly Rational[], eps0: Rational) => CoverDecision;
