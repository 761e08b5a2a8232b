/**
 * Lemma 6a (subset-sum cover, Lueker type; docs/MATH.md §5.6). Given values v_1, ..., v_n, the 2^n subset
 * sums sum_{t in S} v_t (S ranging over all subsets, the empty one giving 0) eps-cover [-1, 1]
 * iff, with T the sums lying in [-1 - eps, 1 + eps] (with multiplicity), T is non-empty,
 * min T <= -1 + eps, max T >= 1 - eps and every gap between consecutive elements of T is <= 2 eps
 * (Lemma 2's criterion). Lueker: n >= C log(2/eps) i.i.d. U[-1, 1] values cover w.p. >= 1 - eps;
 * C is not explicit in the literature, so slth reports the exact figures and lets users calibrate.
 *
 * The checker decides the cover exactly and reports the exact max gap of T and an exact
 * uncovered point (with its exact distance to the nearest subset sum), for n up to about 27:
 *
 * - All values are scaled to integers over a common denominator D (a power of two for float64
 *   inputs) and split into two halves whose 2^(n/2) subset sums are enumerated and sorted as
 *   BigInts (meet in the middle). Exact queries on the pair of sorted halves (largest sum <= x,
 *   smallest sum >= x, number of sums <= x) cost O(2^(n/2)) each.
 * - To find the large gaps without sorting 2^n BigInts, the sums inside the window are generated
 *   as float64 and sorted natively. Each float is within err = V 2^-51 (+ tiny terms, V = sum |v_t|)
 *   of its exact sum, so every exact gap g of T shows as a float gap >= g - 2 err, and every float
 *   gap G contains an exact gap >= G - 2 err. The float gaps are only a search aid: the largest
 *   ones are resolved by exact queries at their midpoints, in decreasing order, until no
 *   unexamined float gap can hide an exact gap larger than the best one found. The endpoints,
 *   the max gap, the uncovered point and its distance are all exact.
 * - The float search is an accelerator only. When it cannot resolve the gaps (values so large,
 *   or eps so small, that float64 cannot separate sums 2 eps apart: eps <= 64 err; values beyond
 *   float64's range; degenerate inputs), T is merged exactly instead: each element of the smaller
 *   half A contributes the sorted run of B inside the window, and a heap merges the runs, so T is
 *   scanned in order in O(|T| log |A|) BigInt comparisons without storing it. The decision is then
 *   exact for values of any magnitude (as long as |T| <= MAX_EXACT_WINDOW).
 *
 * The same check applies to products u_t v_t of a U(0, 1] and a U[-1, 1] draw (construction D's
 * coefficients), whose subset sums the construction uses.
 */
import { MaxHeap } from '../numeric/max-heap.js';
import { InputError } from '../errors.js';
import { Rational, gcd } from '../numeric/rational.js';
import { checkSeed, lineCursor } from '../random/scheme.js';
import type { CoverReason } from './cover-decision.js';
import { decideCover } from './cover-decision.js';
import type { LemmaResult } from './result.js';
import { FigureBook } from './result.js';

/** Lemma number, as in docs/MATH.md §5 and `slth lemma list`. */
export const NUMBER = '6a';

/** The section of docs/MATH.md that states and proves the lemma. */
export const SECTION = 'docs/MATH.md §5.6';

/** Lemma name. */
export const NAME = 'subset-sum';

/** The statement checked. */
export const STATEMENT =
  'the 2^n subset sums of v_1..v_n eps-cover [-1,1] iff T = sums in [-1-eps, 1+eps] is non-empty, ' +
  'min T <= -1+eps, max T >= 1-eps and consecutive gaps of T are <= 2 eps (exact; Lueker: n >= C log(2/eps) ' +
  'U[-1,1] values suffice w.p. >= 1-eps, C calibrated, never hidden)';

const ONE = Rational.ONE;

/** Largest n accepted. */
export const MAX_N = 32;
/** Largest number of subset sums in the window [-1 - eps, 1 + eps] handled by the fast path. */
export const MAX_WINDOW = 1 << 26;
/** Largest |T| merged exactly when the float search cannot resolve the gaps. */
export const MAX_EXACT_WINDOW = 1 << 22;

/** The exact verdict of {@link subsetSumCover}. */
export interface SubsetSumCover {
  readonly n: number;
  readonly eps: Rational;
  readonly covers: boolean;
  readonly reason: CoverReason;
  /** |T|: subset sums (with multiplicity) in [-1 - eps, 1 + eps]. */
  readonly relevant: bigint;
  readonly first: Rational | undefined;
  readonly last: Rational | undefined;
  /** The largest gap between consecutive elements of T (exact), when |T| >= 2. */
  readonly maxGap: Rational | undefined;
  readonly maxGapAt: readonly [Rational, Rational] | undefined;
  /** An exact point of [-1, 1] farther than eps from every subset sum (when not covered). */
  readonly uncovered: Rational | undefined;
  /** Its exact distance to the nearest subset sum. */
  readonly uncoveredDistance: Rational | undefined;
  /** Exact queries spent resolving float gaps (or sums merged, when the search was exact). */
  readonly queries: number;
  /** How the max gap was found: the float search (with exact resolution), or the exact merge of T. */
  readonly search: 'float' | 'exact';
}

function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** All 2^m subset sums of integer values, sorted ascending. */
function halfSums(values: readonly bigint[]): bigint[] {
  let sums: bigint[] = [0n];
  for (const v of values) {
    const next = new Array<bigint>(sums.length * 2);
    for (let i = 0; i < sums.length; i++) {
      next[2 * i] = sums[i] as bigint;
      next[2 * i + 1] = (sums[i] as bigint) + v;
    }
    sums = next;
  }
  return sums.sort(cmpBig);
}

/** Exact queries on the multiset {a + b : a in A, b in B} for sorted A, B. */
class SumQueries {
  constructor(
    private readonly a: readonly bigint[],
    private readonly b: readonly bigint[],
  ) {}

  /** max{a + b <= x}, or undefined. */
  predLE(x: bigint): bigint | undefined {
    const { a, b } = this;
    let j = b.length - 1;
    let best: bigint | undefined;
    for (let i = 0; i < a.length; i++) {
      const ai = a[i] as bigint;
      while (j >= 0 && ai + (b[j] as bigint) > x) j--;
      if (j < 0) break;
      const s = ai + (b[j] as bigint);
      if (best === undefined || s > best) best = s;
    }
    return best;
  }

  /** min{a + b >= x}, or undefined. */
  succGE(x: bigint): bigint | undefined {
    const { a, b } = this;
    let j = b.length; // smallest index with a_i + b_j >= x
    let best: bigint | undefined;
    for (let i = 0; i < a.length; i++) {
      const ai = a[i] as bigint;
      while (j > 0 && ai + (b[j - 1] as bigint) >= x) j--;
      if (j < b.length) {
        const s = ai + (b[j] as bigint);
        if (best === undefined || s < best) best = s;
      }
    }
    return best;
  }

  /** #{(a, b) : a + b <= x}. */
  countLE(x: bigint): bigint {
    const { a, b } = this;
    let j = b.length;
    let count = 0n;
    for (let i = 0; i < a.length; i++) {
      const ai = a[i] as bigint;
      while (j > 0 && ai + (b[j - 1] as bigint) > x) j--;
      count += BigInt(j);
    }
    return count;
  }
}

function checkInputs(values: readonly Rational[], eps: Rational): void {
  if (values.length > MAX_N) throw new InputError(`at most ${MAX_N} values (2^n subset sums), got ${values.length}`);
  if (eps.sign() <= 0) throw new InputError(`eps must be > 0, got ${eps.toString()}`, { params: ['eps'] });
  if (eps.ge(ONE)) throw new InputError(`eps must be < 1, got ${eps.toString()}`, { params: ['eps'] });
}

/** First index j in [0, len] with pred(j) true, for a monotone predicate (false...false true...true). */
function firstTrue(len: number, pred: (j: number) => boolean): number {
  let lo = 0;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Decides exactly whether the subset sums of `values` eps-cover [-1, 1] (see the module comment
 * for the method), with the exact max gap of T and an exact uncovered point.
 *
 * @example
 * ```ts
 * const v = ['0.5', '0.25', '-0.125', '-1'].map((s) => Rational.parse(s));
 * subsetSumCover(v, Rational.parse('1/16')).reason; // 'right-end': the largest sum, 3/4, is below 1 - eps
 * ```
 */
export function subsetSumCover(values: readonly Rational[], eps: Rational): SubsetSumCover {
  checkInputs(values, eps);
  const n = values.length;
  let D = 1n;
  for (const v of values) D = (D / gcd(D, v.den)) * v.den;
  const ints = values.map((v) => v.num * (D / v.den));
  const h = n >> 1;
  const A = halfSums(ints.slice(0, h));
  const B = halfSums(ints.slice(h));
  const Q = new SumQueries(A, B);
  const toQ = (x: bigint): Rational => Rational.of(x, D);
  const loQ = ONE.neg().sub(eps);
  const hiQ = ONE.add(eps);
  const Lx = loQ.mul(Rational.of(D)).ceil(); // sums >= Lx are >= -1 - eps
  const Hx = hiQ.mul(Rational.of(D)).floor();
  const relevant = Q.countLE(Hx) - Q.countLE(Lx - 1n);
  const firstX = Q.succGE(Lx);
  const lastX = Q.predLE(Hx);
  const first = firstX !== undefined && firstX <= Hx ? toQ(firstX) : undefined;
  const last = lastX !== undefined && lastX >= Lx ? toQ(lastX) : undefined;

  // ---- max gap of T: float search, exact resolution
  let maxGap: Rational | undefined;
  let maxGapAt: [Rational, Rational] | undefined;
  let queries = 0;
  let search: 'float' | 'exact' = 'float';
  if (relevant >= 2n && first && last) {
    if (first.eq(last)) {
      maxGap = Rational.ZERO;
      maxGapAt = [first, last];
    } else {
      const found = resolveMaxGap(values, eps, A, B, D, Q, Lx, Hx);
      let res: { pred: bigint; succ: bigint; queries: number };
      if (found === 'unresolved') {
        search = 'exact';
        res = mergeMaxGap(A, B, Lx, Hx, relevant, n);
      } else res = found ?? walkMaxGap(Q, firstX as bigint, lastX as bigint);
      queries = res.queries;
      maxGap = toQ(res.succ - res.pred);
      maxGapAt = [toQ(res.pred), toQ(res.succ)];
    }
  }

  // ---- decision and witness
  const twoEps = eps.add(eps);
  let covers = false;
  let reason: CoverReason;
  let uncovered: Rational | undefined;
  if (!first || !last) {
    reason = 'empty';
    uncovered = ONE.neg();
  } else if (first.gt(ONE.neg().add(eps))) {
    reason = 'left-end';
    uncovered = ONE.neg();
  } else if (last.lt(ONE.sub(eps))) {
    reason = 'right-end';
    uncovered = ONE;
  } else if (maxGap && maxGapAt && maxGap.gt(twoEps)) {
    reason = 'gap';
    uncovered = maxGapAt[0].add(maxGapAt[1]).div(Rational.of(2));
  } else {
    reason = 'covered';
    covers = true;
  }
  let uncoveredDistance: Rational | undefined;
  if (uncovered) {
    const zD = uncovered.mul(Rational.of(D));
    const p = Q.predLE(zD.floor());
    const s = Q.succGE(zD.ceil());
    const dists = [p, s]
      .filter((x): x is bigint => x !== undefined)
      .map((x) =>
        toQ(x)
          .sub(uncovered as Rational)
          .abs(),
      );
    uncoveredDistance = dists.reduce((m, d) => (d.lt(m) ? d : m));
    if (!uncoveredDistance.gt(eps))
      throw new Error(`subset-sum: uncovered point ${uncovered.toString()} is within eps of a sum (bug)`);
  }
  return {
    n,
    eps,
    covers,
    reason,
    relevant,
    first,
    last,
    maxGap,
    maxGapAt,
    uncovered,
    uncoveredDistance,
    queries,
    search,
  };
}

/** Thrown inside the float search when it gives up (degenerate inputs); the caller merges T exactly. */
class FloatSearchGaveUp extends Error {}

/** First index j of the sorted `b` with x + b[j] >= bound (strict: > bound). */
function firstIndex(b: readonly bigint[], x: bigint, bound: bigint, strict: boolean): number {
  return firstTrue(b.length, (j) => (strict ? x + (b[j] as bigint) > bound : x + (b[j] as bigint) >= bound));
}

/**
 * The largest gap of T by merging it exactly (the fallback when the float search cannot resolve):
 * for each a of A the run of B with a + b in [Lx, Hx], merged by a heap in increasing order.
 */
function mergeMaxGap(
  A: readonly bigint[],
  B: readonly bigint[],
  Lx: bigint,
  Hx: bigint,
  relevant: bigint,
  n: number,
): { pred: bigint; succ: bigint; queries: number } {
  if (relevant > BigInt(MAX_EXACT_WINDOW))
    throw new InputError(
      `more than ${MAX_EXACT_WINDOW} subset sums lie near [-1, 1] and float64 cannot separate them at this eps: n = ${n} is too large`,
    );
  const heap = new MaxHeap<number>();
  const pos = new Int32Array(A.length);
  const end = new Int32Array(A.length);
  A.forEach((a, i) => {
    pos[i] = firstIndex(B, a, Lx, false);
    end[i] = firstIndex(B, a, Hx, true);
    if ((pos[i] as number) < (end[i] as number)) heap.push(-(a + (B[pos[i] as number] as bigint)), i); // smallest sum first
  });
  let prev: bigint | undefined;
  let pred = 0n;
  let succ = 0n;
  let merged = 0;
  while (heap.size > 0) {
    const top = heap.pop() as { key: bigint; item: number };
    const key = -top.key;
    const run = top.item;
    merged++;
    if (prev !== undefined && (merged === 2 || key - prev > succ - pred)) {
      pred = prev;
      succ = key;
    }
    prev = key;
    const next = (pos[run] as number) + 1;
    pos[run] = next;
    if (next < (end[run] as number)) heap.push(-((A[run] as bigint) + (B[next] as bigint)), run); // smallest sum first
  }
  return { pred, succ, queries: merged };
}

/** A float gap between consecutive floats of the sorted window. */
interface FloatGap {
  readonly left: number;
  readonly right: number;
  readonly size: number;
}

/** The float window: sums fa[i] + fb[j] for j in [lo[i], hi[i]), as a stream. */
interface FloatWindow {
  readonly fa: Float64Array;
  readonly fb: Float64Array;
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly count: number;
}

/** Coarse segments of the two-level bucketing (fine buckets of a segment fit in cache). */
const COARSE = 1024;

/**
 * The gaps between consecutive floats of the window, without a full sort when possible. Fine
 * buckets of width w (about count/4 of them) are indexed by the monotone map
 * floor((f - min) / w), so consecutive floats in sorted order lie in one bucket (gap < w, up to
 * rounding: < wSafe) or in consecutive non-empty buckets (gap = min of the next - max of the
 * previous). The floats are first scattered into COARSE segments of consecutive fine buckets
 * (a counting sort, two streaming passes), then each segment's fine buckets are filled in
 * cache. Gaps >= theta > wSafe are listed from the buckets; for smaller theta the segments are
 * sorted (each alone: together they are then globally sorted) and scanned.
 */
function floatGapFinder(win: FloatWindow): {
  max: number;
  list: (theta: number) => FloatGap[];
  largestBelow: (theta: number) => number;
} {
  const { fa, fb, lo, hi, count } = win;
  if (count < 2) return { max: -Infinity, list: () => [], largestBelow: () => -Infinity };
  let minF = Infinity;
  let maxF = -Infinity;
  for (let i = 0; i < fa.length; i++) {
    if ((hi[i] as number) <= (lo[i] as number)) continue;
    const x = fa[i] as number;
    const a = x + (fb[lo[i] as number] as number);
    const b = x + (fb[(hi[i] as number) - 1] as number);
    if (a < minF) minF = a;
    if (b > maxF) maxF = b;
  }
  const range = maxF - minF;
  const nb = Math.max(COARSE, Math.floor(count / 4));
  const per = Math.ceil(nb / COARSE); // fine buckets per coarse segment
  const w = range / nb;
  const wSafe = w * (1 + 2 ** -40) + (range + 1) * 2 ** -45;
  const inv = w > 0 ? 1 / w : 0;
  const fine = (f: number): number => {
    const g = Math.floor((f - minF) * inv);
    return g >= nb ? nb - 1 : g;
  };
  // counting sort into coarse segments
  const start = new Int32Array(COARSE + 1);
  for (let i = 0; i < fa.length; i++) {
    const x = fa[i] as number;
    for (let j = lo[i] as number; j < (hi[i] as number); j++) {
      const c = Math.floor(fine(x + (fb[j] as number)) / per);
      start[c + 1] = (start[c + 1] as number) + 1;
    }
  }
  for (let c = 0; c < COARSE; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const G = new Float64Array(count);
  const fill = Int32Array.from(start.subarray(0, COARSE));
  for (let i = 0; i < fa.length; i++) {
    const x = fa[i] as number;
    for (let j = lo[i] as number; j < (hi[i] as number); j++) {
      const f = x + (fb[j] as number);
      const c = Math.floor(fine(f) / per);
      G[fill[c] as number] = f;
      fill[c] = (fill[c] as number) + 1;
    }
  }
  // fine buckets, one coarse segment at a time; cross gaps as typed arrays
  const bMin = new Float64Array(per);
  const bMax = new Float64Array(per);
  const crossLeft = new Float64Array(nb);
  const crossRight = new Float64Array(nb);
  let crossCount = 0;
  let crossMax = -Infinity;
  let prev = -Infinity;
  for (let c = 0; c < COARSE; c++) {
    const s0 = start[c] as number;
    const s1 = start[c + 1] as number;
    if (s1 === s0) continue;
    bMin.fill(Infinity);
    bMax.fill(-Infinity);
    const base = c * per;
    for (let k = s0; k < s1; k++) {
      const f = G[k] as number;
      const b = fine(f) - base;
      if (f < (bMin[b] as number)) bMin[b] = f;
      if (f > (bMax[b] as number)) bMax[b] = f;
    }
    for (let b = 0; b < per; b++) {
      const m = bMin[b] as number;
      if (m === Infinity) continue;
      if (prev !== -Infinity) {
        const size = m - prev;
        crossLeft[crossCount] = prev;
        crossRight[crossCount] = m;
        crossCount++;
        if (size > crossMax) crossMax = size;
      }
      prev = bMax[b] as number;
    }
  }
  let sorted = false;
  const sortedGaps = (theta: number): FloatGap[] => {
    if (!sorted) {
      for (let c = 0; c < COARSE; c++) G.subarray(start[c] as number, start[c + 1] as number).sort();
      sorted = true;
    }
    const out: FloatGap[] = [];
    for (let i = 0; i + 1 < count; i++) {
      const g = (G[i + 1] as number) - (G[i] as number);
      if (g >= theta) {
        if (out.length >= MAX_CANDIDATES) throw new FloatSearchGaveUp();
        out.push({ left: G[i] as number, right: G[i + 1] as number, size: g });
      }
    }
    return out;
  };
  const sortedMax = (): number => {
    sortedGaps(Infinity);
    let m = -Infinity;
    for (let i = 0; i + 1 < count; i++) m = Math.max(m, (G[i + 1] as number) - (G[i] as number));
    return m;
  };
  const useBuckets = w > 0 && crossMax > wSafe;
  const max = useBuckets ? crossMax : sortedMax();
  const list = (theta: number): FloatGap[] => {
    let out: FloatGap[];
    if (useBuckets && theta > wSafe) {
      out = [];
      for (let i = 0; i < crossCount; i++) {
        const size = (crossRight[i] as number) - (crossLeft[i] as number);
        if (size >= theta) {
          if (out.length >= MAX_CANDIDATES) throw new FloatSearchGaveUp();
          out.push({ left: crossLeft[i] as number, right: crossRight[i] as number, size });
        }
      }
    } else out = sortedGaps(theta);
    return out.sort((x, y) => y.size - x.size);
  };
  const largestBelow = (theta: number): number => {
    let m = -Infinity;
    if (useBuckets) {
      for (let i = 0; i < crossCount; i++) {
        const size = (crossRight[i] as number) - (crossLeft[i] as number);
        if (size < theta && size > m) m = size;
      }
      if (m > wSafe) return m;
    }
    sortedGaps(Infinity);
    m = -Infinity;
    for (let i = 0; i + 1 < count; i++) {
      const size = (G[i + 1] as number) - (G[i] as number);
      if (size < theta && size > m) m = size;
    }
    return m;
  };
  return { max, list, largestBelow };
}

/** Most float gaps examined exactly before giving up (degenerate inputs only). */
const MAX_CANDIDATES = 5000;

/**
 * The largest gap of T by walking T exactly from min T to max T (one successor query per
 * distinct point): the fallback when all gaps of T are below the float resolution. Then the float
 * search had listed every float gap of the window (its threshold was <= 0), so |T| <= MAX_CANDIDATES + 1.
 */
function walkMaxGap(Q: SumQueries, firstX: bigint, lastX: bigint): { pred: bigint; succ: bigint; queries: number } {
  let pred = firstX;
  let succ = firstX;
  let queries = 0;
  for (let x = firstX; x < lastX;) {
    const s = Q.succGE(x + 1n) as bigint;
    queries++;
    if (s - x > succ - pred) {
      pred = x;
      succ = s;
    }
    x = s;
  }
  return { pred, succ, queries };
}

/**
 * The largest gap of T, resolved exactly (see the module comment), or undefined when the largest
 * gap found is <= 2 err or none was found after listing every float gap: a float gap's midpoint
 * lies inside the exact gap it straddles only when that gap exceeds 2 err, so smaller gaps can
 * hide in one float gap (sums sharing a float). The caller then walks T exactly.
 */
function resolveMaxGap(
  values: readonly Rational[],
  eps: Rational,
  A: readonly bigint[],
  B: readonly bigint[],
  D: bigint,
  Q: SumQueries,
  Lx: bigint,
  Hx: bigint,
): { pred: bigint; succ: bigint; queries: number } | undefined | 'unresolved' {
  try {
    return floatMaxGap(values, eps, A, B, D, Q, Lx, Hx);
  } catch (e) {
    if (e instanceof FloatSearchGaveUp) return 'unresolved';
    throw e;
  }
}

function floatMaxGap(
  values: readonly Rational[],
  eps: Rational,
  A: readonly bigint[],
  B: readonly bigint[],
  D: bigint,
  Q: SumQueries,
  Lx: bigint,
  Hx: bigint,
): { pred: bigint; succ: bigint; queries: number } | undefined {
  const Dq = Rational.of(D);
  const fa = Float64Array.from(A, (x) => Rational.of(x, D).toNumber());
  const fb = Float64Array.from(B, (x) => Rational.of(x, D).toNumber());
  const V = Rational.sum(values.map((v) => v.abs())).toNumber() * (1 + 2 ** -40);
  const epsF = eps.toNumber();
  // |float sum - exact sum| <= err; float subtraction of two window floats errs by <= 2^-52 (3 + 2 eps)
  const err = 2 * (V * 2 ** -51 + (3 + 2 * epsF) * 2 ** -52 + 2 ** -1000);
  // float64 cannot separate sums 2 eps apart (or the values are beyond its range): merge T exactly
  if (!(epsF > 64 * err) || !Number.isFinite(err)) throw new FloatSearchGaveUp();
  const Lf = -(1 + epsF) * (1 + 2 ** -50) - 2 * err;
  const Hf = -Lf;
  const lo = new Int32Array(fa.length);
  const hi = new Int32Array(fa.length);
  let count = 0;
  for (let i = 0; i < fa.length; i++) {
    const x = fa[i] as number;
    lo[i] = firstTrue(fb.length, (j) => x + (fb[j] as number) >= Lf);
    hi[i] = firstTrue(fb.length, (j) => x + (fb[j] as number) > Hf);
    count += (hi[i] as number) - (lo[i] as number);
    if (count > MAX_WINDOW)
      throw new InputError(`more than ${MAX_WINDOW} subset sums lie near [-1, 1]: n = ${values.length} is too large`);
  }
  const gapsAbove = floatGapFinder({ fa, fb, lo, hi, count });
  const examined = new Set<string>();
  let best: { pred: bigint; succ: bigint } | undefined;
  let queries = 0;
  const resolve = (left: number, right: number): void => {
    const t = Rational.fromFloat(left).add(Rational.fromFloat(right)).div(Rational.of(2));
    const X = t.mul(Dq).floor();
    const pred = Q.predLE(X);
    const succ = Q.succGE(X + 1n);
    queries += 2;
    if (pred === undefined || succ === undefined || pred < Lx || succ > Hx) return;
    if (!best || succ - pred > best.succ - best.pred) best = { pred, succ };
  };
  let theta = gapsAbove.max - 4 * err;
  for (let round = 0; round < 10_000; round++) {
    const cand = gapsAbove.list(theta).filter((g) => !examined.has(`${g.left}:${g.right}`));
    for (const g of cand) {
      examined.add(`${g.left}:${g.right}`);
      resolve(g.left, g.right);
    }
    const b = best as { pred: bigint; succ: bigint } | undefined;
    if (b) {
      // unexamined float gaps are < theta, hence hide exact gaps < theta + 2 err
      const bestQ = Rational.of(b.succ - b.pred, D);
      if (bestQ.ge(Rational.fromFloat(theta).add(Rational.fromFloat(2 * err))))
        return bestQ.gt(Rational.fromFloat(2 * err)) ? { ...b, queries } : undefined;
      theta = Math.min(theta, bestQ.toNumber() - 4 * err);
      continue;
    }
    // nothing valid yet (only gaps at the window's edges): lower theta to the next largest gap
    const next = gapsAbove.largestBelow(theta);
    // every float gap was listed and none resolved inside the window (sums sharing a float): walk T
    if (next === -Infinity) return undefined;
    theta = next;
  }
  // degenerate input (gaps below the float resolution everywhere): merge T exactly
  throw new FloatSearchGaveUp();
}

/**
 * The reference decision by full enumeration of the 2^n sums as rationals and Lemma 2's
 * {@link decideCover} (n <= 18): an independent check of {@link subsetSumCover}.
 *
 * @example
 * ```ts
 * subsetSumCoverReference([Rational.ONE], Rational.parse('0.9')).covers; // true
 * ```
 */
export function subsetSumCoverReference(
  values: readonly Rational[],
  eps: Rational,
): {
  covers: boolean;
  maxGap: Rational | undefined;
  first: Rational | undefined;
  last: Rational | undefined;
  sums: Rational[];
} {
  if (values.length > 18) throw new InputError('the reference enumeration takes at most 18 values');
  let sums: Rational[] = [Rational.ZERO];
  for (const v of values) sums = sums.flatMap((s) => [s, s.add(v)]);
  const d = decideCover(sums, eps);
  return { covers: d.covers, maxGap: d.maxGap, first: d.first, last: d.last, sums };
}

/**
 * n values U[-1, 1] of G (scheme slth-g/1): layer 1, column 0, rows 0..n-1.
 *
 * @example
 * ```ts
 * gValues('s', 4).length; // 4
 * ```
 */
export function gValues(seed: string, n: number): Rational[] {
  checkSeed(seed);
  const c = lineCursor(seed, 1, 0, 0);
  return Array.from({ length: n }, () => Rational.fromFloat(c.next()));
}

/**
 * n products u_t v_t with u_t = |G[1][t][0]| in [0, 1] (U(0, 1] up to a null set) and
 * v_t = G[2][0][t] in [-1, 1), exact (products of dyadics).
 *
 * @example
 * ```ts
 * gProducts('s', 4).every((z) => z.abs().le(Rational.ONE)); // true
 * ```
 */
export function gProducts(seed: string, n: number): Rational[] {
  checkSeed(seed);
  const cu = lineCursor(seed, 1, 0, 0);
  const cv = lineCursor(seed, 2, 0, 0);
  return Array.from({ length: n }, () => Rational.fromFloat(Math.abs(cu.next())).mul(Rational.fromFloat(cv.next())));
}

/**
 * Parses a JSON array of values (numbers are their exact doubles, strings exact decimals or p/q).
 *
 * @example
 * ```ts
 * parseValueArray([0.5, '1/3'], 'values.json').map(String); // ['1/2', '1/3']
 * ```
 */
export function parseValueArray(doc: unknown, where: string): Rational[] {
  if (!Array.isArray(doc)) throw new InputError(`${where}: expected a JSON array of numbers or strings`);
  return doc.map((v, i) => {
    try {
      return Rational.fromJson(v);
    } catch (e) {
      throw new InputError(`${where}: entry ${i}: ${(e as Error).message}`);
    }
  });
}

/**
 * Lemma 6a on given values: the exact decision and figures. `holds` means the decision was
 * reached and verified (the uncovered point's distance is re-checked exactly); "does not cover"
 * is a legitimate outcome, not a refutation.
 *
 * @example
 * ```ts
 * checkSubsetSum(gValues('s', 20), Rational.parse('0.01'), 'G seed s, n = 20').figures['covers'];
 * ```
 */
export function checkSubsetSum(values: readonly Rational[], eps: Rational, input: string): LemmaResult {
  const r = subsetSumCover(values, eps);
  const book = new FigureBook()
    .count('n', 'n', r.n)
    .exact('eps', 'eps', eps, eps.toString())
    .count('subsetSums', 'subset sums', 1n << BigInt(r.n))
    .boolean('covers', 'covers', r.covers)
    .text('reason', 'reason', r.reason)
    .count('relevant', '|T| (sums in [-1-eps, 1+eps])', r.relevant);
  const exactText = (id: string, label: string, q: Rational | undefined): void => {
    if (q === undefined) book.none(id, label);
    else book.exact(id, label, q, q.toString());
  };
  exactText('minT', 'min T', r.first);
  exactText('maxT', 'max T', r.last);
  exactText('maxGap', 'max gap of T', r.maxGap);
  if (r.maxGap) book.certified('maxGapDigits', 'max gap of T (17 digits)', { lower: r.maxGap, upper: r.maxGap });
  else book.none('maxGapDigits', 'max gap of T (17 digits)');
  book.exact('twoEps', '2 eps', eps.add(eps), eps.add(eps).toString());
  const at = r.maxGapAt;
  if (at)
    book.line('max gap between', `${at[0].toString()} and ${at[1].toString()}`, (b) =>
      b.exact('maxGapFrom', 'max gap between: lower sum', at[0]).exact('maxGapTo', 'max gap between: upper sum', at[1]),
    );
  if (r.uncovered) {
    exactText('uncovered', 'uncovered point', r.uncovered);
    exactText('uncoveredDistance', 'its distance to the nearest subset sum', r.uncoveredDistance);
  }
  book.inNotes((b) =>
    b
      .text('search', 'gap search: float (float64 locates gaps) or exact (T merged exactly)', r.search)
      .count('exactQueries', 'exact queries (search float) or sums merged exactly (search exact)', r.queries),
  );
  return {
    lemma: NAME,
    input,
    holds: true,
    statement: STATEMENT,
    exact: true,
    figures: book.figures,
    typed: book.typed,
    checks: [],
    notes: [
      r.search === 'float'
        ? `exact: meet in the middle over a common denominator; float64 only locates candidate gaps (${r.queries} exact queries)`
        : `exact: meet in the middle over a common denominator; float64 cannot separate these sums at this eps, so T was merged exactly (${r.queries} sums)`,
    ],
  };
}
