/**
 * The subset search of construction D (subset sums, docs/MATH.md §4.5): given the values z_t of one side
 * of a pool (z_t = u_t v_{r,t} over the units whose u has one sign) and a target weight w, choose
 * S minimising |sum_{t in S} z_t - w|.
 *
 * Exact optimum ({@link closestSubset}, n <= {@link MAX_EXACT_VALUES} values). Meet in the middle:
 * the values are split into halves A (first floor(n/2)) and B; each half's 2^m subset sums are
 * listed in sorted order by repeated merging (L_{b+1} = merge(L_b, L_b + z_b), linear per step)
 * with the bit mask of each sum. The lists are float64: fl(s + z) is monotone in s, so each merge
 * yields a sorted list. A two-pointer sweep (for each a ascending, the first b with
 * fl(fl(a + b) - w) >= 0 only moves down) finds the float-best distance f*. Every float distance
 * differs from its exact distance by at most a rigorous margin M (below), so
 *
 *   exact optimum d* <= (exact distance of the float-best pair) <= f* + M,
 *
 * and every exactly optimal pair has float distance <= d* + M <= f* + 2M. A second sweep lists
 * every pair with float distance <= f* + 2M (for fixed a the float distance is monotone in b, so
 * these b form a contiguous run around the crossing), and each listed pair is evaluated exactly
 * (BigInt numerators over a common denominator). The result is the exact optimum, with the
 * canonical tie-break: least exact distance, then fewest values, then the lexicographically least
 * index list. When more than {@link MAX_CANDIDATES} pairs are listed (massive cancellation, many
 * equal sums), or the margin is not small against the values, the same two sweeps run over exact
 * BigInt half lists instead ('exact' method), so the float search never decides anything.
 *
 * The margin. Each float value f_t is within 2^-52 |f_t| of its exact value (the inputs are
 * correctly rounded: a float product u v, or a rational's nearest double). A half-list entry is
 * the float sum of at most m values, computed by m roundings each <= 2^-53 V (V = sum |f_t|); the
 * pair sum and the difference with the float target add two roundings of at most 2^-53 (V + |w|),
 * and the float target is within 2^-53 |w| of w. So |float distance - exact distance| <=
 * (n + 6) 2^-52 (V + |w|); slth uses M = (n + 8) 2^-50 (V + |w|) + 2^-1000.
 *
 * Beyond the exact range ({@link searchSubset}, n > exact limit): meet in the middle over growing
 * prefixes of the side (16, 20, 24, ..., 40 values, {@link PREFIXES}), stopping at the first prefix
 * whose exact optimum is within eta. It always returns a subset within eta when one exists among
 * the 40 first values, and it reports `optimal: true` only when the whole side was searched.
 */
import { InputError } from '../errors.js';
import { Rational, gcd } from '../numeric/rational.js';
import { sortedSubsetSums } from '../numeric/sorted-sums.js';

/** Most values solved exactly in one meet in the middle (2^20 sums per half list). @example `closestSubset(side, w) // side.float.length <= MAX_EXACT_VALUES` */
export const MAX_EXACT_VALUES = 40;
/** Prefix lengths of the search beyond the exact range. @example `PREFIXES[0] // 16` */
export const PREFIXES: readonly number[] = [16, 20, 24, 28, 32, 36, 40];
/** Most candidate pairs evaluated exactly before the float search hands over to the exact one. @example `closestSubset(side, w).method // 'exact' beyond MAX_CANDIDATES ties` */
export const MAX_CANDIDATES = 4096;
/** Most exactly tied optima enumerated by the exact search. @example `closestSubset(manyEqualValues, w) // throws beyond MAX_TIES` */
export const MAX_TIES = 1 << 16;

/** One side's values: float64 approximations and exact numerators over a common denominator. */
export interface SideValues {
  /** f_t, each the correctly rounded double of its exact value z_t (within 2^-52 |f_t|). */
  readonly float: Float64Array;
  /** The exact numerator of z_t: z_t = num(t) / den. */
  readonly num: (t: number) => bigint;
  /** Common denominator, > 0. */
  readonly den: bigint;
}

/** The chosen subset of one side. */
export interface SubsetChoice {
  /** Indices into the side's values, increasing. */
  readonly subset: readonly number[];
  /** The exact sum: sumNum / den. */
  readonly sumNum: bigint;
  /** |sum - w| = distNum / distDen exactly (distDen = den * w.den, not reduced). */
  readonly distNum: bigint;
  readonly distDen: bigint;
  /** |sum - w|, exact (reduced on each access: {@link distNum} / {@link distDen}). */
  readonly error: Rational;
  /** The exact optimum over the whole side (false when only a prefix was searched). */
  readonly optimal: boolean;
  /** How many leading values were searched. */
  readonly searched: number;
  /** How the last meet in the middle was decided: float search with exact resolution, or exact. */
  readonly method: 'float' | 'exact';
}

/** Options (negative controls only, and a precomputed float target). */
export interface SearchOptions {
  /** The nearest double of w, when the caller has it (saves a conversion per call). */
  readonly wFloat?: number;
  /** @internal Negative control: take the float-best pair without the exact resolution. */
  readonly _skipTieBreak?: boolean;
  /** @internal Negative control: drop the last entry of each half list. */
  readonly _dropLast?: boolean;
  /** @internal Force the exact BigInt search. */
  readonly _forceExact?: boolean;
}

const TWO52 = 2 ** 52;
const DEN104 = 1n << 104n;

/**
 * The side of products z_t = u_t v_t of G weights (each a multiple of 2^-52 in (-1, 1)): floats
 * u_t v_t (correctly rounded) and exact numerators (u_t 2^52)(v_t 2^52) over 2^104.
 *
 * @example
 * ```ts
 * const side = productSide([0.5, 0.25], [0.5, -1]); // values 1/4 and -1/4
 * side.num(1); // -(2n ** 102n)
 * ```
 */
export function productSide(u: ArrayLike<number>, v: ArrayLike<number>): SideValues {
  const n = u.length;
  if (v.length !== n) throw new RangeError('productSide: u and v differ in length');
  const all = Int32Array.from({ length: n }, (_, t) => t);
  return new ProductSides().load(Float64Array.from(u), Float64Array.from(v), all, 0);
}

/**
 * Reusable buffers for the product sides of one pool row: `load` gathers the units at `offsets`
 * (u from `u[base + t]`, v from `v[base + t]`) into a side of products, without allocating per
 * call. The side returned is valid until the next `load`.
 *
 * @example
 * ```ts
 * const sides = new ProductSides();
 * const side = sides.load(u, v, Int32Array.of(0, 3), 0); // the products u_0 v_0 and u_3 v_3
 * ```
 */
export class ProductSides {
  private float = new Float64Array(64);
  private U = new Float64Array(64);
  private V = new Float64Array(64);

  /** The side of products at the given offsets (each u and v a G weight). */
  load(u: Float64Array, v: Float64Array, offsets: Int32Array, base: number): SideValues {
    const m = offsets.length;
    if (this.float.length < m) {
      this.float = new Float64Array(2 * m);
      this.U = new Float64Array(2 * m);
      this.V = new Float64Array(2 * m);
    }
    const F = this.float;
    const U = this.U;
    const V = this.V;
    for (let q = 0; q < m; q++) {
      const t = base + (offsets[q] as number);
      const a = u[t] as number;
      const b = v[t] as number;
      const A = a * TWO52;
      const B = b * TWO52;
      if (!Number.isSafeInteger(A) || !Number.isSafeInteger(B) || Math.abs(a) >= 1 || Math.abs(b) >= 1)
        throw new RangeError(`ProductSides: ${a} or ${b} is not a G weight (a multiple of 2^-52 in (-1, 1))`);
      F[q] = a * b;
      U[q] = A;
      V[q] = B;
    }
    return { float: F.subarray(0, m), num: (t) => BigInt(U[t] as number) * BigInt(V[t] as number), den: DEN104 };
  }
}

/**
 * The side of arbitrary exact values (tests, small inputs): floats are their nearest doubles.
 *
 * @example
 * ```ts
 * const side = rationalSide([Rational.of(1, 3), Rational.of(-1, 5)]);
 * side.den; // 15n
 * ```
 */
export function rationalSide(values: readonly Rational[]): SideValues {
  let den = 1n;
  for (const v of values) den = (den / gcd(den, v.den)) * v.den;
  const nums = values.map((v) => v.num * (den / v.den));
  return { float: Float64Array.from(values, (v) => v.toNumber()), num: (t) => nums[t] as bigint, den };
}

// ---------------------------------------------------------------------------------------------
// float half lists (scratch buffers grow on demand and are reused: one search at a time per thread)

// (always typed arrays, passed to the loops as arguments: the hot loops stay monomorphic)
let sortA0 = new Float64Array(256);
let sortA1 = new Float64Array(256);
let sortB0 = new Float64Array(256);
let sortB1 = new Float64Array(256);
let byMaskA = new Float64Array(256);
let byMaskB = new Float64Array(256);

function scratch(size: number): void {
  if (sortA0.length >= size) return;
  sortA0 = new Float64Array(size);
  sortA1 = new Float64Array(size);
  sortB0 = new Float64Array(size);
  sortB1 = new Float64Array(size);
  byMaskA = new Float64Array(size);
  byMaskB = new Float64Array(size);
}

/**
 * Sorted float subset sums of f[from .. from + count), built in the buffers p and q by merging
 * L_{b+1} = merge(L_b, L_b + f_b); returns the buffer holding them. Each entry is the float sum
 * of its values added in increasing index order, the same float as {@link unsortedHalf}'s.
 */
function floatHalf(f: Float64Array, from: number, count: number, p: Float64Array, q: Float64Array): Float64Array {
  let S = p;
  let OS = q;
  S[0] = 0;
  let len = 1;
  for (let b = 0; b < count; b++) {
    const c = f[from + b] as number;
    let i = 0;
    let k = 0;
    let o = 0;
    let right = (S[0] as number) + c;
    while (i < len && k < len) {
      const left = S[i] as number;
      if (left <= right) {
        OS[o++] = left;
        i++;
      } else {
        OS[o++] = right;
        k++;
        if (k < len) right = (S[k] as number) + c;
      }
    }
    while (i < len) OS[o++] = S[i++] as number;
    while (k < len) OS[o++] = (S[k++] as number) + c;
    len = o;
    const t = S;
    S = OS;
    OS = t;
  }
  return S;
}

/** The same float sums indexed by their bit mask (U[mask] = sum of the values of mask), by doubling. */
function unsortedHalf(f: Float64Array, from: number, count: number, out: Float64Array): void {
  out[0] = 0;
  let len = 1;
  for (let b = 0; b < count; b++) {
    const c = f[from + b] as number;
    for (let i = 0; i < len; i++) out[len + i] = (out[i] as number) + c;
    len *= 2;
  }
}

function popcount(x: number): number {
  let c = 0;
  for (let y = x; y !== 0; y &= y - 1) c++;
  return c;
}

/** Index list of a pair of half masks (A holds indices 0..h-1, B indices h..). */
function indices(maskA: number, maskB: number, h: number, n: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < h; b++) if ((maskA >>> b) & 1) out.push(b);
  for (let b = 0; b < n - h; b++) if ((maskB >>> b) & 1) out.push(h + b);
  return out;
}

/** A candidate with its exact distance numerator |sum q - p den|. */
interface Exact {
  readonly maskA: number;
  readonly maskB: number;
  readonly sumNum: bigint;
  readonly dist: bigint;
}

/** Canonical order of exact candidates: distance, then fewer values, then lexicographic index list. */
function better(x: Exact, y: Exact, h: number, n: number): boolean {
  if (x.dist !== y.dist) return x.dist < y.dist;
  const cx = popcount(x.maskA) + popcount(x.maskB);
  const cy = popcount(y.maskA) + popcount(y.maskB);
  if (cx !== cy) return cx < cy;
  const ix = indices(x.maskA, x.maskB, h, n);
  const iy = indices(y.maskA, y.maskB, h, n);
  for (let k = 0; k < ix.length; k++) if (ix[k] !== iy[k]) return (ix[k] as number) < (iy[k] as number);
  return false;
}

function absBig(a: bigint): bigint {
  return a < 0n ? -a : a;
}

/** The exact evaluation of half masks. */
function evaluator(side: SideValues, n: number, h: number, w: Rational): (maskA: number, maskB: number) => Exact {
  const num = side.num;
  const target = w.num * side.den;
  return (maskA, maskB) => {
    let s = 0n;
    for (let b = 0; b < h; b++) if ((maskA >>> b) & 1) s += num(b);
    for (let b = 0; b < n - h; b++) if ((maskB >>> b) & 1) s += num(h + b);
    return { maskA, maskB, sumNum: s, dist: absBig(s * w.den - target) };
  };
}

function choice(
  best: Exact,
  side: SideValues,
  n: number,
  h: number,
  w: Rational,
  method: 'float' | 'exact',
): SubsetChoice {
  return new Choice(indices(best.maskA, best.maskB, h, n), best.sumNum, best.dist, side.den * w.den, true, n, method);
}

/** A search result (a class: one shape, and `error` on the prototype rather than a getter per object). */
class Choice implements SubsetChoice {
  constructor(
    readonly subset: readonly number[],
    readonly sumNum: bigint,
    readonly distNum: bigint,
    readonly distDen: bigint,
    readonly optimal: boolean,
    readonly searched: number,
    readonly method: 'float' | 'exact',
  ) {}

  get error(): Rational {
    return Rational.of(this.distNum, this.distDen);
  }
}

/** Candidate buffers of the float sweep (reused): the pair's two float sums and its float distance. */
let candA: Float64Array = new Float64Array(256);
let candB: Float64Array = new Float64Array(256);
let candD: Float64Array = new Float64Array(256);

/**
 * The float search of the module comment, in one sweep; undefined when it hands over to the exact
 * search. For each a (ascending) the crossing b (first with fl(fl(a + b) - T) >= 0) only moves
 * down; the best float distance so far, d_best, only decreases; from the crossing the sweep lists
 * every b whose float distance is <= d_best + 2M (the float distance is monotone in b on each side
 * of the crossing). Every pair within f* + 2M of the final best f* <= d_best is listed when its a
 * is visited; the list is filtered to f* + 2M at the end. The sorted lists hold sums only: the
 * masks of a listed float sum are found in the unsorted lists (index = mask; every mask whose
 * float sum equals it), and every mask pair is resolved exactly.
 */
function floatSearch(
  side: SideValues,
  n: number,
  w: Rational,
  T: number,
  opts: SearchOptions,
): SubsetChoice | undefined {
  const f = side.float;
  const h = n >> 1;
  let V = 0;
  for (let t = 0; t < n; t++) V += Math.abs(f[t] as number);
  if (!Number.isFinite(V) || !Number.isFinite(T)) return undefined;
  const twoM = 2 * ((n + 8) * 2 ** -50 * (V + Math.abs(T)) + 2 ** -1000);
  scratch(1 << (n - h));
  const A = floatHalf(f, 0, h, sortA0, sortA1);
  const B = floatHalf(f, h, n - h, sortB0, sortB1);
  const drop = opts._dropLast && n >= 2 ? 1 : 0;
  const lenA = (1 << h) - (h > 0 ? drop : 0);
  const lenB = (1 << (n - h)) - drop;
  let best = Infinity;
  let count = 0;
  let j = lenB;
  for (let i = 0; i < lenA; i++) {
    const a = A[i] as number;
    while (j > 0 && a + (B[j - 1] as number) - T >= 0) j--;
    if (j > 0) {
      const d = -(a + (B[j - 1] as number) - T);
      if (d < best) best = d;
    }
    if (j < lenB) {
      const d = a + (B[j] as number) - T;
      if (d < best) best = d;
    }
    const lim = best + twoM;
    for (let k = j - 1; k >= 0; k--) {
      const d = -(a + (B[k] as number) - T);
      if (d > lim) break;
      if (count === candA.length) {
        count = prune(count, best + twoM);
        if (count > MAX_CANDIDATES) return undefined;
      }
      candA[count] = a;
      candB[count] = B[k] as number;
      candD[count++] = d;
    }
    for (let k = j; k < lenB; k++) {
      const d = a + (B[k] as number) - T;
      if (d > lim) break;
      if (count === candA.length) {
        count = prune(count, best + twoM);
        if (count > MAX_CANDIDATES) return undefined;
      }
      candA[count] = a;
      candB[count] = B[k] as number;
      candD[count++] = d;
    }
  }
  count = prune(count, best + twoM);
  if (count > MAX_CANDIDATES) return undefined;
  // masks of the listed float sums, from the unsorted lists
  const UA = byMaskA;
  const UB = byMaskB;
  unsortedHalf(f, 0, h, UA);
  unsortedHalf(f, h, n - h, UB);
  const masksOf = (U: Float64Array, len: number, x: number): number[] => {
    const out: number[] = [];
    for (let m = 0; m < len; m++) if (U[m] === x) out.push(m);
    return out;
  };
  const evaluate = evaluator(side, n, h, w);
  let chosen: Exact | undefined;
  let chosenD = Infinity;
  // Each distinct pair of float sums (a, b) is resolved over every mask pair with those sums. The
  // number of such mask pairs is at most `count` (<= MAX_CANDIDATES): a kept pair has a float
  // distance <= the final limit, which is <= every limit of the sweep, so each sorted entry equal
  // to a was listed with each entry equal to b (equal entries are adjacent, with equal distances),
  // and the sorted lists hold the same float sums as the mask-indexed ones.
  let seen: Set<string> | undefined;
  for (let c = 0; c < count; c++) {
    const a = candA[c] as number;
    const b = candB[c] as number;
    const d = candD[c] as number;
    if (opts._skipTieBreak) {
      // negative control: the first float-best pair, no exact comparison among its masks or others
      if (d < chosenD) {
        chosenD = d;
        chosen = evaluate(masksOf(UA, 1 << h, a)[0] as number, masksOf(UB, 1 << (n - h), b)[0] as number);
      }
      continue;
    }
    if (count > 1) {
      const key = `${a}:${b}`;
      seen ??= new Set<string>();
      if (seen.has(key)) continue;
      seen.add(key);
    }
    const ma = masksOf(UA, 1 << h, a);
    const mb = masksOf(UB, 1 << (n - h), b);
    for (const x of ma) {
      for (const y of mb) {
        const e = evaluate(x, y);
        if (!chosen || better(e, chosen, h, n)) chosen = e;
      }
    }
  }
  if (!chosen) throw new Error('subset search: the float-best pair was not listed (bug)');
  return choice(chosen, side, n, h, w, 'float');
}

/** Keeps the listed pairs within `lim`, compacting the buffers (grown when still half full); returns the count. */
function prune(count: number, lim: number): number {
  let k = 0;
  for (let c = 0; c < count; c++) {
    if ((candD[c] as number) <= lim) {
      candA[k] = candA[c] as number;
      candB[k] = candB[c] as number;
      candD[k++] = candD[c] as number;
    }
  }
  if (k * 2 > candA.length) {
    const grow = (x: Float64Array): Float64Array => {
      const y = new Float64Array(x.length * 2);
      y.set(x);
      return y;
    };
    candA = grow(candA);
    candB = grow(candB);
    candD = grow(candD);
  }
  return k;
}

/** The same two sweeps over exact BigInt half lists. */
function exactSearch(side: SideValues, n: number, w: Rational, opts: SearchOptions): SubsetChoice {
  const h = n >> 1;
  const items = Array.from({ length: n }, (_, t) => side.num(t) * w.den);
  const target = w.num * side.den;
  const A = sortedSubsetSums(items.slice(0, h));
  const B = sortedSubsetSums(items.slice(h));
  const drop = opts._dropLast && n >= 2 ? 1 : 0;
  const lenA = A.sums.length - (h > 0 ? drop : 0);
  const lenB = B.sums.length - drop;
  let dBest = -1n;
  let j = lenB;
  for (let i = 0; i < lenA; i++) {
    const t = target - (A.sums[i] as bigint);
    while (j > 0 && (B.sums[j - 1] as bigint) >= t) j--;
    if (j < lenB) {
      const d = (B.sums[j] as bigint) - t;
      if (dBest < 0n || d < dBest) dBest = d;
    }
    if (j > 0) {
      const d = t - (B.sums[j - 1] as bigint);
      if (dBest < 0n || d < dBest) dBest = d;
    }
  }
  const evaluate = evaluator(side, n, h, w);
  let best: Exact | undefined;
  let ties = 0;
  j = lenB;
  for (let i = 0; i < lenA; i++) {
    const t = target - (A.sums[i] as bigint);
    while (j > 0 && (B.sums[j - 1] as bigint) >= t) j--;
    for (let k = j - 1; k >= 0 && t - (B.sums[k] as bigint) <= dBest; k--) {
      if (++ties > MAX_TIES)
        throw new InputError(`more than ${MAX_TIES} exactly tied optimal subsets (degenerate values)`);
      const e = evaluate(A.masks[i] as number, B.masks[k] as number);
      if (!best || better(e, best, h, n)) best = e;
    }
    for (let k = j; k < lenB && (B.sums[k] as bigint) - t <= dBest; k++) {
      if (++ties > MAX_TIES)
        throw new InputError(`more than ${MAX_TIES} exactly tied optimal subsets (degenerate values)`);
      const e = evaluate(A.masks[i] as number, B.masks[k] as number);
      if (!best || better(e, best, h, n)) best = e;
    }
  }
  if (!best) throw new Error('subset search: no optimum listed (bug)');
  return choice(best, side, n, h, w, 'exact');
}

/**
 * The exactly optimal subset of the first `count` values of a side (default: all, at most
 * {@link MAX_EXACT_VALUES}): least |sum - w|, then fewest values, then least index list.
 *
 * @example
 * ```ts
 * const side = rationalSide(['0.5', '0.25', '-0.125'].map((s) => Rational.parse(s)));
 * closestSubset(side, Rational.parse('0.375')).subset; // [0, 2]
 * ```
 */
export function closestSubset(
  side: SideValues,
  w: Rational,
  opts: SearchOptions & { readonly count?: number } = {},
): SubsetChoice {
  return closestOf(side, w, opts.count ?? side.float.length, opts);
}

/** {@link closestSubset} of the first n values (the count given apart: no options object per call). */
function closestOf(side: SideValues, w: Rational, n: number, opts: SearchOptions): SubsetChoice {
  if (!Number.isSafeInteger(n) || n < 0 || n > side.float.length)
    throw new RangeError(`closestSubset: count ${n} outside 0..${side.float.length}`);
  if (n > MAX_EXACT_VALUES)
    throw new InputError(`exact subset search over ${n} values is beyond the limit of ${MAX_EXACT_VALUES}`);
  if (side.den <= 0n) throw new RangeError('closestSubset: the denominator must be positive');
  // exact zeros never belong to the canonical optimum (same sum with fewer values): search without them
  const f = side.float;
  let zeros = 0;
  for (let t = 0; t < n; t++) if (f[t] === 0 && side.num(t) === 0n) zeros++;
  if (zeros > 0) {
    const keep: number[] = [];
    for (let t = 0; t < n; t++) if (!(f[t] === 0 && side.num(t) === 0n)) keep.push(t);
    const sub: SideValues = {
      float: Float64Array.from(keep, (t) => f[t] as number),
      num: (k) => side.num(keep[k] as number),
      den: side.den,
    };
    const c = closestOf(sub, w, keep.length, opts);
    const subset = c.subset.map((k) => keep[k] as number);
    return new Choice(subset, c.sumNum, c.distNum, c.distDen, c.optimal, n, c.method);
  }
  const res = opts._forceExact ? undefined : floatSearch(side, n, w, opts.wFloat ?? w.toNumber(), opts);
  return res ?? exactSearch(side, n, w, opts);
}

/**
 * The search of construction D for one side: the exact optimum when the side has at most
 * `exactLimit` values (default {@link MAX_EXACT_VALUES}); beyond, the exact optimum of growing
 * prefixes ({@link PREFIXES}) until one is within eta (else the last prefix's optimum, which
 * is then not within eta). `optimal` is true only when the whole side was searched.
 *
 * @example
 * ```ts
 * const c = searchSubset(side, w, Rational.parse('0.01'));
 * c.error.le(Rational.parse('0.01')); // true when some subset of the searched values is within eta
 * ```
 */
export function searchSubset(
  side: SideValues,
  w: Rational,
  eta: Rational,
  opts: SearchOptions & { readonly exactLimit?: number } = {},
): SubsetChoice {
  const n = side.float.length;
  const limit = Math.min(opts.exactLimit ?? MAX_EXACT_VALUES, MAX_EXACT_VALUES);
  if (n <= limit) return closestSubset(side, w, opts);
  let last: SubsetChoice | undefined;
  // PREFIXES ends at MAX_EXACT_VALUES (a property test pins it)
  for (const p of PREFIXES) {
    const count = Math.min(p, n);
    const c = closestOf(side, w, count, opts);
    last = new Choice(c.subset, c.sumNum, c.distNum, c.distDen, count === n, count, c.method);
    // distNum / distDen <= eta, in integers
    if (c.distNum * eta.den <= eta.num * c.distDen || count === n) return last;
  }
  return last as SubsetChoice;
}
