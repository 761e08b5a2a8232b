/**
 * Lemma 6a by intervals (docs/MATH.md §5.6): decides exactly whether the 2^n subset sums of
 * v_1..v_n eps-cover [-1, 1] without listing them. The union U_k = union over subset sums s of
 * v_1..v_k of [s - eps, s + eps] satisfies U_k = U_{k-1} cup (U_{k-1} + v_k), and clipping U_k to
 * the points that the remaining values can still move into [-1, 1] loses nothing on [-1, 1]. Its
 * size stays below about (2 + sum |v|) / (2 eps) intervals, so n = 40 is cheap where enumerating
 * 2^40 sums is not.
 */
import { InputError } from '../errors.js';
import { Rational, gcd } from '../numeric/rational.js';
import type { CoverReason } from './cover-decision.js';

const ONE = Rational.ONE;
const TWO = Rational.of(2);

/** The exact verdict of {@link subsetSumCoverByIntervals}. @example `subsetSumCoverByIntervals(gValues('a', 40), eps).coveredAt // least covering prefix` */
export interface IntervalCover {
  readonly n: number;
  readonly eps: Rational;
  readonly covers: boolean;
  readonly reason: CoverReason;
  /** The least prefix length n' <= n whose subset sums already cover (covering is monotone in n'). */
  readonly coveredAt: number | undefined;
  /** An exact point of [-1, 1] farther than eps from every subset sum (when not covered). */
  readonly uncovered: Rational | undefined;
  /** The maximal interval of uncovered points around it, within [-1, 1] (open at inner ends). */
  readonly hole: readonly [Rational, Rational] | undefined;
  /** Reason 'gap': the two consecutive subset sums around the largest gap, and that gap (> 2 eps). */
  readonly gapSums: readonly [Rational, Rational] | undefined;
  readonly maxGap: Rational | undefined;
  /** Largest number of disjoint intervals held at any step (the cost). */
  readonly peakIntervals: number;
}

/** Most intervals held at once before giving up (eps too small for the values). @example `subsetSumCoverByIntervals(vs, Rational.parse('1e-12')) // may throw past MAX_INTERVALS` */
export const MAX_INTERVALS = 4_000_000;

/**
 * Decides exactly whether the 2^n subset sums of `values` eps-cover [-1, 1], by the interval
 * recursion of the module comment, in integers over a common denominator. Reports the least
 * covering prefix, and when not covered an exact uncovered point with its maximal uncovered
 * interval; for a gap, the two consecutive subset sums around the largest gap (the same witness as
 * `subsetSumCover`: -1, then 1, then the midpoint of the largest gap of T).
 *
 * @example
 * ```ts
 * const v = ['0.5', '0.25', '-0.125', '-1'].map((s) => Rational.parse(s));
 * subsetSumCoverByIntervals(v, Rational.parse('1/16')).reason; // 'right-end'
 * ```
 */
export function subsetSumCoverByIntervals(
  values: readonly Rational[],
  eps: Rational,
  opts: { stopAtCover?: boolean } = {},
): IntervalCover {
  if (eps.sign() <= 0 || eps.ge(ONE)) throw new InputError(`eps must be in (0, 1), got ${eps.toString()}`);
  const n = values.length;
  let D = eps.den;
  for (const v of values) D = (D / gcd(D, v.den)) * v.den;
  const a = values.map((v) => v.num * (D / v.den));
  const E = eps.num * (D / eps.den);
  // window of step k: [-D - posRest_k, D - negRest_k], posRest/negRest over the values after k
  const posRest = new Array<bigint>(n + 1).fill(0n);
  const negRest = new Array<bigint>(n + 1).fill(0n);
  for (let k = n - 1; k >= 0; k--) {
    const x = a[k] as bigint;
    posRest[k] = (posRest[k + 1] as bigint) + (x > 0n ? x : 0n);
    negRest[k] = (negRest[k + 1] as bigint) + (x < 0n ? x : 0n);
  }
  const covered = (lo: bigint[], hi: bigint[]): boolean => {
    // the (unique) interval containing -D must reach D
    let l = 0;
    let r = lo.length;
    while (l < r) {
      const m = (l + r) >> 1;
      if ((hi[m] as bigint) < -D) l = m + 1;
      else r = m;
    }
    return l < lo.length && (lo[l] as bigint) <= -D && (hi[l] as bigint) >= D;
  };
  // step 0: the empty sum, clipped
  let lo: bigint[] = [];
  let hi: bigint[] = [];
  {
    const wl = -D - (posRest[0] as bigint);
    const wh = D - (negRest[0] as bigint);
    const l0 = -E > wl ? -E : wl;
    const h0 = E < wh ? E : wh;
    if (l0 <= h0) {
      lo = [l0];
      hi = [h0];
    }
  }
  let peak = lo.length;
  let coveredAt: number | undefined = covered(lo, hi) ? 0 : undefined;
  const stop = opts.stopAtCover ?? true;
  for (let k = 1; k <= n && !(stop && coveredAt !== undefined); k++) {
    const s = a[k - 1] as bigint;
    const wl = -D - (posRest[k] as bigint);
    const wh = D - (negRest[k] as bigint);
    const m = lo.length;
    const nlo: bigint[] = [];
    const nhi: bigint[] = [];
    let i = 0; // into U
    let j = 0; // into U + s
    let curLo = 0n;
    let curHi = 0n;
    let open = false;
    while (i < m || j < m) {
      let l: bigint;
      let h: bigint;
      if (j >= m || (i < m && (lo[i] as bigint) <= (lo[j] as bigint) + s)) {
        l = lo[i] as bigint;
        h = hi[i] as bigint;
        i++;
      } else {
        l = (lo[j] as bigint) + s;
        h = (hi[j] as bigint) + s;
        j++;
      }
      if (h < wl || l > wh) continue;
      if (l < wl) l = wl;
      if (h > wh) h = wh;
      if (open && l <= curHi) {
        if (h > curHi) curHi = h;
      } else {
        if (open) {
          nlo.push(curLo);
          nhi.push(curHi);
        }
        curLo = l;
        curHi = h;
        open = true;
      }
    }
    if (open) {
      nlo.push(curLo);
      nhi.push(curHi);
    }
    lo = nlo;
    hi = nhi;
    if (lo.length > peak) peak = lo.length;
    if (peak > MAX_INTERVALS)
      throw new InputError(
        `more than ${MAX_INTERVALS} disjoint intervals: eps = ${eps.toString()} is too small for ${n} values`,
      );
    if (coveredAt === undefined && covered(lo, hi)) coveredAt = k;
  }
  const toQ = (x: bigint): Rational => Rational.of(x, D);
  const base = { n, eps, coveredAt, peakIntervals: peak };
  if (coveredAt !== undefined)
    return {
      ...base,
      covers: true,
      reason: 'covered',
      uncovered: undefined,
      hole: undefined,
      gapSums: undefined,
      maxGap: undefined,
    };
  // not covered: lo/hi is now exactly U_n cap [-1, 1] (scaled by D)
  const none = { covers: false, gapSums: undefined, maxGap: undefined } as const;
  if (lo.length === 0) return { ...base, ...none, reason: 'empty', uncovered: ONE.neg(), hole: [ONE.neg(), ONE] };
  if ((lo[0] as bigint) > -D)
    return { ...base, ...none, reason: 'left-end', uncovered: ONE.neg(), hole: [ONE.neg(), toQ(lo[0] as bigint)] };
  const last = lo.length - 1;
  if ((hi[last] as bigint) < D)
    return { ...base, ...none, reason: 'right-end', uncovered: ONE, hole: [toQ(hi[last] as bigint), ONE] };
  let best = -1;
  for (let t = 0; t < last; t++) {
    if (best < 0 || (lo[t + 1] as bigint) - (hi[t] as bigint) > (lo[best + 1] as bigint) - (hi[best] as bigint))
      best = t;
  }
  if (best < 0) throw new Error('subset-sum intervals: not covered but no hole (bug)');
  const h0 = hi[best] as bigint;
  const h1 = lo[best + 1] as bigint;
  return {
    ...base,
    covers: false,
    reason: 'gap',
    uncovered: toQ(h0 + h1).div(TWO),
    hole: [toQ(h0), toQ(h1)],
    gapSums: [toQ(h0 - E), toQ(h1 + E)],
    maxGap: toQ(h1 - h0 + 2n * E),
  };
}
