/**
 * Lemma claims: probabilistic statements about i.i.d. U[-1, 1] samples (no target network), made
 * falsifiable with the same {@link Claim} interface as the constructions. The target argument of
 * every method is ignored (`applies` returns null for any target) and the claims are marked
 * `targetFree`, so a falsification run holds the target fixed and searches G seeds only.
 * The samples of a trial with G seed S are G layer 1, column 0, rows 0..k-1 (scheme slth-g/1, the
 * grid law of MATH section 0), as in `slth lemma covering` and `slth lemma subset-sum --seed S`.
 *
 * - `covering` (MATH 4.2): "k i.i.d. U[-1, 1] draws eps0-cover [-1, 1] with probability
 *   >= 1 - delta", eps0 = params.eps, with the stated k the least k whose bin bound
 *   M (1 - 1/M)^k (M = ceil(2/eps0)) is <= delta. Since 1 - P_cover <= M (1 - 1/M)^k, the claim
 *   is a theorem at the stated k; undersized k (--width-scale, --pool) breaks it. A trial decides
 *   the cover exactly (Lemma 2(a)) and a failure names an exact uncovered point.
 * - `subset-sum` (MATH 3D, 4.6): "n >= C log2(2/eps) i.i.d. U[-1, 1] values have subset sums that
 *   eps-cover [-1, 1] with probability >= 1 - delta", stated n = ceil(C log2(2/eps)) (exact, see
 *   {@link statedSubsetSumN}). Lueker's lemma gives no explicit C, so C is an input: the registered
 *   claim `subset-sum` uses {@link LUEKER_C}, calibrated empirically by
 *   `scripts/calibrate-lueker.ts` (fixtures/calibration/lueker.json) for delta = eps, the lemma's
 *   own probability; it is NOT a constant from the literature. `subset-sum@<C>` (C a decimal, e.g.
 *   `subset-sum@3.5`) is the same claim with the user's C, and {@link subsetSumClaim} builds it in
 *   code. n is capped at {@link MAX_SUBSET_SUM_N}.
 *
 * The subset-sum cover is decided exactly by {@link subsetSumCoverByIntervals}: the union
 * U_k = union over subset sums s of v_1..v_k of [s - eps, s + eps] satisfies
 * U_k = U_{k-1} cup (U_{k-1} + v_k), and clipping U_k to the points that the remaining values can
 * still move into [-1, 1] loses nothing on [-1, 1]. Its size stays below about
 * (2 + sum |v|) / (2 eps) intervals, so n = 40 is cheap where enumerating 2^40 sums is not.
 */
import { InputError } from '../errors.js';
import { lnBracket } from '../numeric/certified.js';
import { requireOpenUnit, requirePositive } from '../numeric/range.js';
import { Rational, gcd } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import { Cursor, checkSeed } from '../random/scheme.js';
import type { CoverReason } from '../lemmas/cover-decision.js';
import { minKGeometric } from '../lemmas/least-k.js';
import { decideCover, distanceToSorted } from '../lemmas/cover-decision.js';
import { gValues } from '../lemmas/subset-sum.js';
import type { Claim, ClaimParams, Outcome } from './claims.js';

const ONE = Rational.ONE;
const TWO = Rational.of(2);

/** Largest number of draws of one covering trial. @example `coveringTrial('a', MAX_COVERING_K + 1, eps0) // throws InputError` */
export const MAX_COVERING_K = 10_000_000;
/** Largest n of one subset-sum trial (the exact decision's cap). @example `subsetSumClaim(Rational.of(100)).trial(t, 'a', p) // throws: n > MAX_SUBSET_SUM_N` */
export const MAX_SUBSET_SUM_N = 40;

/**
 * The Lueker constant C of the registered `subset-sum` claim: the empirical calibration of
 * `scripts/calibrate-lueker.ts`, max over eps in {1/4, ..., 1/128} of n_min(eps) / log2(2/eps),
 * n_min the least n whose exact Clopper-Pearson lower bound (alpha = 0.05, 1000 seeds) of the
 * cover probability is >= 1 - eps. Copied from fixtures/calibration/lueker.json (`C`); a test
 * checks that the two agree. Calibrated, not a constant from the literature.
 *
 * @example
 * ```ts
 * LUEKER_C.toString(); // '8/3' (attained at eps = 1/4)
 * ```
 */
export const LUEKER_C: Rational = Rational.of(8, 3);

function show(q: Rational): string {
  return q.isInteger() ? q.toString() : `${q.toString()} (~${q.toScientific(6)})`;
}

/**
 * A stated sample count under the claim parameters: `pool` replaces it, `widthScale` multiplies it
 * (rounded up, at least 1).
 *
 * @example
 * ```ts
 * scaledCount(149n, { eps, delta, widthScale: Rational.parse('0.2') }); // 30n
 * ```
 */
export function scaledCount(stated: bigint, p: ClaimParams): bigint {
  if (p.pool !== undefined && p.widthScale !== undefined)
    throw new InputError('give at most one of --width-scale and --pool');
  if (p.pool !== undefined) {
    if (p.pool < 1n) throw new InputError(`pool size must be >= 1, got ${p.pool}`);
    return p.pool;
  }
  if (p.widthScale !== undefined) {
    requirePositive(p.widthScale, 'widthScale');
    const k = Rational.of(stated).mul(p.widthScale).ceil();
    return k < 1n ? 1n : k;
  }
  return stated;
}

// ---------------------------------------------------------------------------------------------
// covering

/**
 * The stated sample count of the covering claim: the least k with M (1 - 1/M)^k <= delta,
 * M = ceil(2/eps0), i.e. the least k with 1 - (1 - 1/M)^k >= 1 - delta/M (certified ln
 * brackets, confirmed exactly at k and k - 1 by `minKGeometric`).
 *
 * @example
 * ```ts
 * coveringStatedK(Rational.parse('0.1'), Rational.parse('0.01')); // 149n: 20 (19/20)^149 <= 1/100 < 20 (19/20)^148
 * ```
 */
export function coveringStatedK(eps0: Rational, delta: Rational): bigint {
  requirePositive(eps0, 'eps');
  requireOpenUnit(delta, 'delta');
  const M = TWO.div(eps0).ceil();
  if (M <= 1n) return 1n; // one point anywhere in [-1, 1] is within eps0 >= 2 of all of it
  const least = minKGeometric(Rational.of(1n, M), ONE.sub(delta.div(Rational.of(M))));
  return BigInt(least.k);
}

/** The exact outcome of one covering trial. @example `coveringTrial('a', 30, eps0).uncovered // -1 (no draw near -1)` */
export interface CoveringTrial {
  readonly k: number;
  readonly covers: boolean;
  readonly reason: CoverReason;
  /** An exact point of [-1, 1] farther than eps0 from every draw (when not covered). */
  readonly uncovered: Rational | undefined;
  /** Its exact distance to the nearest draw. */
  readonly distance: Rational | undefined;
  /** The two consecutive draws around the largest gap (reason 'gap'). */
  readonly gapAt: readonly [Rational, Rational] | undefined;
  readonly maxGap: Rational | undefined;
}

/**
 * Draws k points of G (layer 1, column 0, rows 0..k-1) and decides exactly whether they
 * eps0-cover [-1, 1] (Lemma 2(a), `decideCover`). The draws are float64 values that are exact
 * dyadics, so ordering them as numbers is exact; every comparison with eps0 is done in rationals.
 *
 * @example
 * ```ts
 * coveringTrial('a', 30, Rational.parse('0.1')).covers; // false for most seeds: 30 draws are too few
 * ```
 */
export function coveringTrial(seed: string, k: number, eps0: Rational): CoveringTrial {
  checkSeed(seed);
  if (!Number.isSafeInteger(k) || k < 1 || k > MAX_COVERING_K)
    throw new InputError(`the number of draws must be an integer from 1 to ${MAX_COVERING_K}, got ${k}`);
  const c = new Cursor(seed, 1, 0, 0);
  const floats = new Float64Array(k);
  for (let i = 0; i < k; i++) floats[i] = c.next();
  floats.sort(); // numeric order of exact values: exact
  const pts = Array.from(floats, (x) => Rational.fromFloat(x));
  const d = decideCover(pts, eps0);
  const distance = d.uncovered === undefined ? undefined : distanceToSorted(d.uncovered, pts);
  if (distance !== undefined && !distance.gt(eps0))
    throw new Error('covering trial: the uncovered point is within eps0 of a draw (bug)');
  return {
    k,
    covers: d.covers,
    reason: d.reason,
    uncovered: d.uncovered,
    distance,
    gapAt: d.reason === 'gap' ? d.maxGapAt : undefined,
    maxGap: d.maxGap,
  };
}

function coveringReason(t: CoveringTrial, eps0: Rational): string {
  const z = t.uncovered as Rational;
  const at = `z = ${show(z)} is at exact distance ${show(t.distance as Rational)} > eps0 = ${eps0.toString()} from every draw`;
  if (t.reason === 'gap' && t.gapAt) {
    return `${t.k} draws do not eps0-cover [-1, 1]: consecutive draws ${show(t.gapAt[0])} and ${show(t.gapAt[1])} are ${show(t.maxGap as Rational)} > 2 eps0 apart; ${at}`;
  }
  if (t.reason === 'left-end') return `${t.k} draws do not eps0-cover [-1, 1]: no draw in [-1, -1 + eps0]; ${at}`;
  if (t.reason === 'right-end') return `${t.k} draws do not eps0-cover [-1, 1]: no draw in [1 - eps0, 1]; ${at}`;
  return `${t.k} draws do not eps0-cover [-1, 1]; ${at}`;
}

/**
 * The covering claim (MATH 4.2): see the module comment.
 *
 * @example
 * ```ts
 * const o = coveringClaim.trial(anyTarget, 'a', { eps: Rational.parse('0.1'), delta: Rational.parse('0.01') });
 * o.status; // 'success' (k = 149 draws)
 * ```
 */
export const coveringClaim: Claim = {
  id: 'covering',
  targetFree: true,
  statement:
    'k i.i.d. U[-1,1] draws (G layer 1, column 0) eps0-cover [-1,1] with probability >= 1 - delta, eps0 = eps, k the least k with M (1-1/M)^k <= delta, M = ceil(2/eps0) (the bin bound)',
  applies(_target: Network) {
    return null;
  },
  statedPool(_target, p) {
    return [coveringStatedK(p.eps, p.delta)];
  },
  trial(_target, seed, p): Outcome {
    const stated = coveringStatedK(p.eps, p.delta);
    const k = scaledCount(stated, p);
    if (k > BigInt(MAX_COVERING_K)) throw new InputError(`k = ${k} draws is above the limit ${MAX_COVERING_K}`);
    const t = coveringTrial(seed, Number(k), p.eps);
    const pool = [k.toString()];
    const figures: Record<string, string> = {
      k: k.toString(),
      statedK: stated.toString(),
      eps0: p.eps.toString(),
      M: TWO.div(p.eps).ceil().toString(),
    };
    if (t.covers) return { status: 'success', reason: `${k} draws eps0-cover [-1, 1] (exact decision)`, pool, figures };
    const z = t.uncovered as Rational;
    return {
      status: 'failure',
      reason: coveringReason(t, p.eps),
      location: { layer: 1, row: 0, col: 0, side: `${t.reason} z=${z.toString()}` },
      pool,
      figures: { ...figures, uncovered: z.toString(), distance: (t.distance as Rational).toString() },
    };
  },
  replayCommand(_file, seed, p) {
    const k = scaledCount(coveringStatedK(p.eps, p.delta), p);
    return `slth lemma covering --k ${k} --eps0 ${p.eps.toString()} --trials 1 --seed ${seed}`;
  },
};

// ---------------------------------------------------------------------------------------------
// subset sums

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

/**
 * The stated n of the subset-sum claim: the least integer n >= C log2(2/eps) (and >= 1), exact:
 * certified ln brackets decide it unless C log2(2/eps) is within their width of an integer m,
 * in which case C log2(2/eps) <= m is decided as (2/eps)^p <= 2^(m q) in integers (C = p/q).
 *
 * @example
 * ```ts
 * statedSubsetSumN(Rational.of(5, 2), Rational.of(1, 8)); // 10n: 2.5 * log2(16) = 10 exactly
 * ```
 */
export function statedSubsetSumN(C: Rational, eps: Rational): bigint {
  if (C.sign() <= 0) throw new InputError(`C must be > 0, got ${C.toString()}`);
  if (eps.sign() <= 0 || eps.ge(ONE)) throw new InputError(`eps must be in (0, 1), got ${eps.toString()}`);
  const x = TWO.div(eps); // > 2
  const lx = lnBracket(x);
  const l2 = lnBracket(TWO);
  const tLo = C.mul(lx.lower).div(l2.upper);
  const tHi = C.mul(lx.upper).div(l2.lower);
  let n: bigint;
  if (tLo.ceil() === tHi.ceil()) n = tLo.ceil();
  else {
    // tLo <= m < tHi for m = ceil(tLo): is C log2 x <= m, i.e. x^p <= 2^(m q)?
    const m = tLo.ceil();
    const p = C.num;
    const q = C.den;
    if (p > 100_000n || m * q > 10_000_000n)
      throw new InputError(
        `C = ${C.toString()} is too long a fraction to decide ceil(C log2(2/eps)) exactly; round it`,
      );
    const le = x.num ** p <= x.den ** p * (1n << (m * q));
    n = le ? m : m + 1n;
  }
  return n < 1n ? 1n : n;
}

function subsetSumN(C: Rational, p: ClaimParams): { stated: bigint; n: bigint } {
  const stated = statedSubsetSumN(C, p.eps);
  return { stated, n: scaledCount(stated, p) };
}

function subsetSumReason(r: IntervalCover): string {
  const z = r.uncovered as Rational;
  const hole = r.hole as readonly [Rational, Rational];
  const head = `the 2^${r.n} subset sums of ${r.n} draws do not eps-cover [-1, 1]`;
  if (r.reason === 'gap' && r.gapSums && r.maxGap) {
    return `${head}: consecutive subset sums ${show(r.gapSums[0])} and ${show(r.gapSums[1])} are ${show(r.maxGap)} > 2 eps apart (the largest gap); z = ${show(z)} is at exact distance ${show(r.maxGap.div(TWO))} > eps from every subset sum`;
  }
  if (r.reason === 'left-end')
    return `${head}: no subset sum within eps of -1; every z in [-1, ${show(hole[1])}) is uncovered, e.g. z = -1`;
  if (r.reason === 'right-end')
    return `${head}: no subset sum within eps of 1; every z in (${show(hole[0])}, 1] is uncovered, e.g. z = 1`;
  return `${head}: no subset sum within eps of [-1, 1]; z = ${show(z)}`;
}

function subsetSumClaimWithId(C: Rational, id: string): Claim {
  const calibrated = C.eq(LUEKER_C) ? ' (the calibrated default, fixtures/calibration/lueker.json)' : ' (user input)';
  return {
    id,
    targetFree: true,
    statement: `n >= C log2(2/eps) i.i.d. U[-1,1] values (G layer 1, column 0) have subset sums that eps-cover [-1,1] with probability >= 1 - delta, C = ${C.toString()}${calibrated}; stated n = ceil(C log2(2/eps)), at most ${MAX_SUBSET_SUM_N}`,
    applies(_target: Network) {
      return null;
    },
    statedPool(_target, p) {
      return [statedSubsetSumN(C, p.eps)];
    },
    trial(_target, seed, p): Outcome {
      requireOpenUnit(p.delta, 'delta');
      const { stated, n } = subsetSumN(C, p);
      if (n > BigInt(MAX_SUBSET_SUM_N))
        throw new InputError(
          `n = ${n} values exceeds the cap of ${MAX_SUBSET_SUM_N} of the exact subset-sum decision (C = ${C.toString()}, eps = ${p.eps.toString()})`,
        );
      const r = subsetSumCoverByIntervals(gValues(seed, Number(n)), p.eps);
      const pool = [n.toString()];
      const figures: Record<string, string> = {
        n: n.toString(),
        statedN: stated.toString(),
        C: C.toString(),
        eps: p.eps.toString(),
      };
      if (r.covers)
        return {
          status: 'success',
          reason: `the subset sums of ${n} draws eps-cover [-1, 1] (exact; already the first ${r.coveredAt} do)`,
          pool,
          figures,
        };
      const z = r.uncovered as Rational;
      const extra: Record<string, string> = { uncovered: z.toString(), reason: r.reason };
      if (r.maxGap) extra['maxGap'] = r.maxGap.toString();
      return {
        status: 'failure',
        reason: subsetSumReason(r),
        location: { layer: 1, row: 0, col: 0, side: `${r.reason} z=${z.toString()}` },
        pool,
        figures: { ...figures, ...extra },
      };
    },
    replayCommand(_file, seed, p) {
      const { n } = subsetSumN(C, p);
      return `slth lemma subset-sum --seed ${seed} --n ${n} --eps ${p.eps.toString()}`;
    },
  };
}

/**
 * The subset-sum claim with a user's C (MATH 3D: C is an input, never a hidden constant). Its id
 * is `subset-sum@<C>` (C as given) unless C is the calibrated {@link LUEKER_C}.
 *
 * @example
 * ```ts
 * subsetSumClaim(Rational.of(3)).statedPool(anyTarget, { eps: Rational.of(1, 8), delta })[0]; // 12n
 * ```
 */
export function subsetSumClaim(C: Rational, id?: string): Claim {
  return subsetSumClaimWithId(C, id ?? (C.eq(LUEKER_C) ? 'subset-sum' : subsetSumId(C)));
}

/**
 * The id of the subset-sum claim with constant C: `subset-sum@<C>` with C as a decimal when it is
 * one with at most 6 fraction digits, else as `<p>_<q>` (no '/', so the id is a folder name).
 *
 * @example
 * ```ts
 * subsetSumId(Rational.of(7, 2)); // 'subset-sum@3.5'
 * subsetSumId(Rational.of(19, 7)); // 'subset-sum@19_7'
 * ```
 */
export function subsetSumId(C: Rational): string {
  const scaled = C.mul(Rational.of(10n ** 6n));
  if (scaled.isInteger()) {
    const text = C.toDecimal(6, 'nearest').replace(/\.?0+$/, '');
    return `subset-sum@${text}`;
  }
  return `subset-sum@${C.num}_${C.den}`;
}

const SUBSET_SUM_ID = /^subset-sum@(?:(\d{1,6}(?:\.\d{1,6})?)|(\d{1,6})_(\d{1,6}))$/;

/**
 * Resolves a parametrised lemma claim id: `subset-sum@<C>` with C a decimal (e.g.
 * `subset-sum@3.5`) or a fraction p/q written `p_q` (e.g. `subset-sum@19_7`), or undefined for
 * any other id. Used by `claimById`, so
 * `slth falsify --claim subset-sum@3.5` and the counterexample database carry the user's C.
 *
 * @example
 * ```ts
 * lemmaClaimById('subset-sum@3.5')?.statedPool(anyTarget, params); // with C = 7/2
 * ```
 */
export function lemmaClaimById(id: string): Claim | undefined {
  const m = SUBSET_SUM_ID.exec(id);
  if (!m) return undefined;
  const C = m[1] !== undefined ? Rational.parse(m[1]) : Rational.of(BigInt(m[2] as string), BigInt(m[3] as string));
  if (C.sign() <= 0) throw new InputError(`C must be > 0 in '${id}'`);
  return subsetSumClaimWithId(C, id);
}

/**
 * The lemma claims registered in `CLAIMS`: `covering` and `subset-sum` (C = {@link LUEKER_C}).
 *
 * @example
 * ```ts
 * LEMMA_CLAIMS.map((c) => c.id); // ['covering', 'subset-sum']
 * ```
 */
export const LEMMA_CLAIMS: readonly Claim[] = [coveringClaim, subsetSumClaim(LUEKER_C)];
