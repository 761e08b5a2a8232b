/**
 * Certified interval bounds for LARGE pairs, in exact integer arithmetic on 53-bit integers.
 *
 * The fixed-point engines (linear-bounds.ts, differential.ts) spend one BigInt operation per
 * weight and per pass, far too slow for two 1000 x 1000 networks inside a one-second budget. This
 * module computes the same kind of interval (concrete) bounds with every quantity an integer held
 * in a float64 and every operation exact:
 *
 * - weights: w~ = round(w 2^F_w) with F_w = 24. The float copy of w (num / den, each converted
 *   with one rounding, then one correctly rounded division) has relative error below 2^-51, so
 *   |w 2^F_w - w~| <= 1/2 + |w| 2^(F_w - 51) <= 1 for |w| <= 2^26: one unit per weight, added to
 *   every bound as slack times the magnitude of the input (two units for a difference of two
 *   weights). Weights above 2^8 make the module unavailable (callers fall back to BigInt), so
 *   that a row of up to 2^16 entries keeps its sums of |w~| below 2^50.
 * - activations: integers at a scale 2^-F chosen per layer so that every partial sum of
 *   |w~| |h| stays below 2^52 (the choice uses a float64 estimate with a factor-2 margin); then
 *   +, x are exact on integers, and rescaling by 2^-k with floor (lower ends) and ceil (upper
 *   ends) is exact as well.
 * - the first layer over the unit ball: |W_1[r] . x| <= ||W_1[r]||, bounded by an integer square
 *   root checked by squaring (R^2 >= s) plus sqrt(n) units for the rounding of the weights.
 *
 * Floating point appears only as a container of integers and in the one-time conversion of the
 * weights, whose error is bounded above and paid outward. Bounds are propagated for both networks
 * (separate) and, for same-shape pairs, for B and the difference (the rules of differential.ts in
 * concrete form); the tighter end wins.
 */
import { ceilDiv, FRAC_BITS } from '../numeric/fixed.js';
import type { FixedBox } from './linear-bounds.js';
import { Rational } from '../numeric/rational.js';
import type { FloatPair, RatioEvaluator } from './witness.js';

/** Fractional bits of the integer weights. */
const FW = 24;
const TWO_FW = 2 ** FW;
/** Partial sums stay below this (well inside the 2^53 of exact float64 integers). */
const LIMIT = 2 ** 52;

/**
 * One layer of integer weights w~ = round(w 2^FW) (or round(a 2^FW) - round(b 2^FW) for a
 * difference), computed on the fly from the float copies (no second copy of the weights), each
 * within `units` units (2^-FW) of the exact weight; with the largest row sum of (|w~| + units)
 * and the largest |w~|.
 */
interface IntLayer {
  readonly rows: readonly Float64Array[];
  /** Subtracted rows, for a difference of two layers. */
  readonly minus?: readonly Float64Array[];
  readonly units: number;
  readonly maxRowL1: number;
  readonly maxAbs: number;
}

/** The integer weight (r, j) of a layer. */
function at(layer: IntLayer, r: number, j: number): number {
  const w = Math.round(((layer.rows[r] as Float64Array)[j] as number) * TWO_FW);
  return layer.minus ? w - Math.round(((layer.minus[r] as Float64Array)[j] as number) * TWO_FW) : w;
}

/** The integer weights of one row, into `out`. */
function rowInto(layer: IntLayer, r: number, out: Float64Array): Float64Array {
  const a = layer.rows[r] as Float64Array;
  const b = layer.minus?.[r];
  for (let j = 0; j < a.length; j++) {
    const w = Math.round((a[j] as number) * TWO_FW);
    out[j] = b ? w - Math.round((b[j] as number) * TWO_FW) : w;
  }
  return out;
}

function layerOf(rows: readonly Float64Array[], minus?: readonly Float64Array[]): IntLayer | undefined {
  const units = minus ? 2 : 1;
  let maxRowL1 = 0;
  let maxAbs = 0;
  const probe: IntLayer = { rows, ...(minus ? { minus } : {}), units, maxRowL1: 0, maxAbs: 0 };
  for (let r = 0; r < rows.length; r++) {
    const a = rows[r] as Float64Array;
    const b = minus?.[r];
    let l1 = 0;
    for (let j = 0; j < a.length; j++) {
      // weights above 2^8 (and NaN, infinities) make the scheme unavailable
      if (!(Math.abs(a[j] as number) <= 2 ** 8) || (b && !(Math.abs(b[j] as number) <= 2 ** 8))) return undefined;
      const k = Math.abs(at(probe, r, j));
      l1 += k + units;
      if (k > maxAbs) maxAbs = k;
    }
    if (l1 > maxRowL1) maxRowL1 = l1;
  }
  return { ...probe, maxRowL1, maxAbs };
}

/** Integer layers of float copies (see the module comment), or undefined when some |w| > 2^8. */
function intLayers(layers: readonly (readonly Float64Array[])[]): IntLayer[] | undefined {
  const out: IntLayer[] = [];
  for (const m of layers) {
    const l = layerOf(m);
    if (!l) return undefined;
    out.push(l);
  }
  return out;
}

/** P - W entry by entry (two units of error). */
function minus(p: IntLayer, w: IntLayer): IntLayer {
  return layerOf(p.rows, w.rows) as IntLayer; // both passed the magnitude check already
}

/** A pair prepared for {@link coarseBound}: B, and A (separate bounds) and/or a difference form. */
export interface CoarsePair {
  readonly inputDim: number;
  /** B's layers W_1..W_l. */
  readonly b: readonly IntLayer[];
  /** A's layers, for separate bounds; absent when only a difference form is used. */
  readonly a?: readonly IntLayer[];
  /** The difference form: P_i, E_i = P_i - W_i, and S when it is not 0. */
  readonly diff?: { readonly p: readonly IntLayer[]; readonly e: readonly IntLayer[]; readonly s?: IntLayer };
}

/** Row sums below 2^48, so that scaleFor always finds a scale (rows of up to about 2^14 entries). */
function rowsFit(layers: readonly IntLayer[]): boolean {
  return layers.every((l) => l.maxRowL1 <= 2 ** 48);
}

function sameShape(a: readonly IntLayer[], b: readonly IntLayer[]): boolean {
  return (
    a.length === b.length &&
    a.every((l, i) => {
      const lb = b[i] as IntLayer;
      return l.rows.length === lb.rows.length && (l.rows[0]?.length ?? 0) === (lb.rows[0]?.length ?? 0);
    })
  );
}

/**
 * Prepares a pair given by its float copies (num / den per weight, see the module comment), or
 * undefined when some weight is too large for the integer scheme. Same-shape pairs also get the
 * difference form (P = A, E = A - B).
 *
 * @example
 * ```ts
 * const cp = coarsePair(floatPair(a, b));
 * ```
 */
export function coarsePair(pair: FloatPair): CoarsePair | undefined {
  const a = intLayers(pair.a.layers);
  const b = intLayers(pair.b.layers);
  if (!a || !b || !rowsFit([...a, ...b])) return undefined;
  const inputDim = pair.a.layers[0]?.[0]?.length ?? 0;
  if (!sameShape(a, b)) return { inputDim, a, b };
  return { inputDim, a, b, diff: { p: a, e: a.map((l, i) => minus(l, b[i] as IntLayer)) } };
}

/**
 * Prepares a difference form (float copies of W_i, P_i and S, as {@link coarsePair}): bounds of
 * the difference only, as for a certificate's G~ against its target.
 *
 * @example
 * ```ts
 * const cp = coarseFormPair(floatMatrices(form.reference.layers), floatMatrices(form.effective));
 * ```
 */
export function coarseFormPair(
  reference: readonly (readonly Float64Array[])[],
  effective: readonly (readonly Float64Array[])[],
  negative?: readonly Float64Array[],
): CoarsePair | undefined {
  const b = intLayers(reference);
  const p = intLayers(effective);
  const s = negative ? intLayers([negative]) : [];
  if (!b || !p || !s || !rowsFit([...b, ...p, ...s])) return undefined;
  return {
    inputDim: reference[0]?.[0]?.length ?? 0,
    b,
    diff: { p, e: p.map((l, i) => minus(l, b[i] as IntLayer)), ...(s[0] ? { s: s[0] } : {}) },
  };
}

/** Intervals [lo, hi] of integers at scale 2^-f (lo, hi float64 integers). */
interface Ivs {
  lo: Float64Array;
  hi: Float64Array;
  f: number;
}

function magnitude(v: Ivs): number {
  let m = 0;
  for (let j = 0; j < v.lo.length; j++) {
    const t = Math.max(Math.abs(v.lo[j] as number), Math.abs(v.hi[j] as number));
    if (t > m) m = t;
  }
  return m; // scale 2^-f
}

/** Rescales intervals to scale 2^-f (f <= v.f), outward. */
function rescale(v: Ivs, f: number): Ivs {
  if (f >= v.f) return v;
  const s = 2 ** (v.f - f);
  return { lo: v.lo.map((x) => Math.floor(x / s)), hi: v.hi.map((x) => Math.ceil(x / s)), f };
}

/**
 * The common scale for the inputs of a layer: as fine as possible (never finer than they are)
 * while maxRowL1 times the largest rescaled input stays below LIMIT / 2, which bounds every
 * partial sum of sum_j (|w~| + units) |h_j| and leaves room to add two of them exactly.
 */
function scaleFor(inputs: readonly Ivs[], maxRowL1: number): number {
  const mags = inputs.map((v) => ({ m: magnitude(v), f: v.f }));
  let f = Math.min(...inputs.map((v) => v.f));
  const fits = (g: number): boolean =>
    mags.every(({ m, f: fv }) => maxRowL1 * (Math.ceil(m / 2 ** (fv - g)) + 1) <= LIMIT / 2);
  // start from the float64 estimate, then step down until the exact check passes
  const real = Math.max(...mags.map(({ m, f: fv }) => m / 2 ** fv));
  if (real > 0) f = Math.min(f, Math.floor(Math.log2(LIMIT / (4 * maxRowL1 * real))));
  while (!fits(f)) f -= 1;
  return f;
}

/** lo/hi += M v (integer sums at scale 2^-(FW + v.f)), with `units` of slack per entry. */
function mac(layer: IntLayer, v: Ivs, lo: Float64Array, hi: Float64Array): void {
  let slack = 0;
  for (let j = 0; j < v.lo.length; j++) slack += Math.max(Math.abs(v.lo[j] as number), Math.abs(v.hi[j] as number));
  slack *= layer.units;
  const row = new Float64Array(v.lo.length);
  for (let r = 0; r < layer.rows.length; r++) {
    rowInto(layer, r, row);
    let u = 0;
    let l = 0;
    for (let j = 0; j < row.length; j++) {
      const w = row[j] as number;
      if (w > 0) {
        u += w * (v.hi[j] as number);
        l += w * (v.lo[j] as number);
      } else if (w < 0) {
        u += w * (v.lo[j] as number);
        l += w * (v.hi[j] as number);
      }
    }
    lo[r] = (lo[r] as number) + l - slack;
    hi[r] = (hi[r] as number) + u + slack;
  }
}

function affine(layers: readonly { layer: IntLayer; v: Ivs }[], n: number): Ivs {
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (const { layer, v } of layers) mac(layer, v, lo, hi);
  return { lo, hi, f: (layers[0] as { v: Ivs }).v.f + FW };
}

/** Certified upper bounds (integers at scale 2^-FW) of the rows' Euclidean norms. */
function rowNorms(layer: IntLayer): Float64Array {
  const n = layer.rows[0]?.length ?? 0;
  // integers c = ceil(|w~| / 2^k), 2^k chosen so that sum c^2 <= 2 sum w~^2 / 4^k + 2n < 2^52, where
  // sum_j w~^2 <= max|w~| sum_j |w~| (a float estimate; the margin absorbs its rounding)
  const maxSq = layer.maxAbs * layer.maxRowL1;
  let k = 0;
  while (maxSq / 4 ** k > LIMIT / 4) k += 1;
  const unit = 2 ** k;
  const slack = layer.units * Math.ceil(Math.sqrt(n)); // ||rounding errors|| <= units sqrt(n)
  const norm = new Float64Array(layer.rows.length);
  const row = new Float64Array(n);
  for (let r = 0; r < layer.rows.length; r++) {
    rowInto(layer, r, row);
    let s = 0;
    for (let j = 0; j < n; j++) {
      const c = Math.ceil(Math.abs(row[j] as number) / unit);
      s += c * c;
    }
    let root = Math.ceil(Math.sqrt(s));
    while (root * root < s) root += 1;
    norm[r] = root * unit + slack; // ||w|| <= ||c|| 2^k + ||rounding||
  }
  return norm;
}

const relu = (v: Ivs): Ivs => ({ lo: v.lo.map((x) => (x > 0 ? x : 0)), hi: v.hi.map((x) => (x > 0 ? x : 0)), f: v.f });
const symmetric = (norm: Float64Array, f: number): Ivs => ({ lo: norm.map((v) => -v), hi: norm, f });

/** The region: a box inside [-1, 1]^d (fixed point, {@link FRAC_BITS} bits) or the unit ball. */
export type CoarseRegion = { readonly box: FixedBox } | { readonly ball: true };

/** x and x^- = sigma(-x) on a box, at scale 2^-40 (outward). */
function inputs(box: FixedBox): { x: Ivs; xneg: Ivs } {
  const f = 40;
  const shift = BigInt(FRAC_BITS - f);
  const lo = Float64Array.from(box.lo, (v) => Number(v >> shift));
  const hi = Float64Array.from(box.hi, (v) => Number(-(-v >> shift)));
  return {
    x: { lo, hi, f },
    xneg: { lo: hi.map((v) => (v < 0 ? -v : 0)), hi: lo.map((v) => (v < 0 ? -v : 0)), f },
  };
}

/** One network over the region: output intervals. */
function runSeparate(layers: readonly IntLayer[], region: CoarseRegion, check?: () => void): Ivs {
  let h: Ivs | undefined = 'box' in region ? inputs(region.box).x : undefined;
  const L = layers.length;
  for (let i = 0; i < L; i++) {
    check?.();
    const layer = layers[i] as IntLayer;
    let z: Ivs;
    if (!h) z = symmetric(rowNorms(layer), FW);
    else {
      h = rescale(h, scaleFor([h], layer.maxRowL1));
      z = affine([{ layer, v: h }], layer.rows.length);
    }
    h = i < L - 1 ? relu(z) : z;
  }
  return h as Ivs;
}

/** B and the difference A - B together through a difference form (concrete rules of differential.ts). */
function runDifference(pair: CoarsePair, region: CoarseRegion, check?: () => void): Ivs {
  const diff = pair.diff as NonNullable<CoarsePair['diff']>;
  const L = pair.b.length;
  let h: Ivs | undefined;
  let delta: Ivs | undefined;
  for (let i = 0; i < L; i++) {
    check?.();
    const w = pair.b[i] as IntLayer;
    const e = diff.e[i] as IntLayer;
    const n = w.rows.length;
    let z: Ivs;
    let dz: Ivs;
    if (i === 0 && 'ball' in region) {
      // |W_1[r] . x| <= ||W_1[r]||, |E_1[r] . x + S[r] . x^-| <= ||E_1[r]|| + ||S[r]|| (||x^-|| <= ||x||)
      z = symmetric(rowNorms(w), FW);
      const en = rowNorms(e);
      if (diff.s) {
        const sn = rowNorms(diff.s);
        for (let r = 0; r < n; r++) en[r] = (en[r] as number) + (sn[r] as number);
      }
      dz = symmetric(en, FW);
    } else if (i === 0 && 'box' in region) {
      const { x, xneg } = inputs(region.box);
      const f = scaleFor([x], w.maxRowL1 + e.maxRowL1 + (diff.s?.maxRowL1 ?? 0));
      const xs = rescale(x, f);
      z = affine([{ layer: w, v: xs }], n);
      dz = affine([{ layer: e, v: xs }, ...(diff.s ? [{ layer: diff.s, v: rescale(xneg, f) }] : [])], n);
    } else {
      const p = diff.p[i] as IntLayer;
      const f = scaleFor([h as Ivs, delta as Ivs], w.maxRowL1 + e.maxRowL1 + p.maxRowL1);
      h = rescale(h as Ivs, f);
      delta = rescale(delta as Ivs, f);
      z = affine([{ layer: w, v: h }], n);
      dz = affine(
        [
          { layer: e, v: h },
          { layer: p, v: delta },
        ],
        n,
      );
    }
    if (i === L - 1) return dz;
    const next: Ivs = { lo: new Float64Array(n), hi: new Float64Array(n), f: z.f };
    for (let r = 0; r < n; r++) {
      const zl = z.lo[r] as number;
      const zu = z.hi[r] as number;
      const dl = dz.lo[r] as number;
      const du = dz.hi[r] as number;
      const gl = zl + dl;
      const gu = zu + du;
      // f = sigma(z + dz) - sigma(z): the rules, and the two ReLUs subtracted; the tighter end
      const lowerDiff = zu <= 0 ? 0 : zl >= 0 ? dl : Math.min(dl, 0);
      const upperDiff = gu <= 0 ? 0 : gl >= 0 ? du : Math.max(du, 0);
      const lowerSep = Math.max(gl, 0) - Math.max(zu, 0);
      const upperSep = Math.max(gu, 0) - Math.max(zl, 0);
      next.lo[r] = Math.max(lowerDiff, lowerSep);
      next.hi[r] = Math.min(upperDiff, upperSep);
    }
    h = relu(z);
    delta = next;
  }
  throw new Error('unreachable: a network has at least one layer');
}

/**
 * Output intervals of D = A - B: separately and through the difference form, whichever the pair
 * has (`one`: only the first available, enough at a point where both are tight).
 */
function differenceIntervals(pair: CoarsePair, region: CoarseRegion, check?: () => void, one = false): Ivs[] {
  const out: Ivs[] = [];
  if (pair.a) {
    const ra = runSeparate(pair.a, region, check);
    const rb = runSeparate(pair.b, region, check);
    const f = Math.min(ra.f, rb.f);
    const A = rescale(ra, f);
    const B = rescale(rb, f);
    out.push({ lo: A.lo.map((v, k) => v - (B.hi[k] as number)), hi: A.hi.map((v, k) => v - (B.lo[k] as number)), f });
    if (one) return out;
  }
  if (pair.diff) out.push(runDifference(pair, region, check));
  return out;
}

/**
 * A certified upper bound, in fixed point ({@link FRAC_BITS} bits, rounded up), of
 * sup over the ball of ||D(x)||^2 (region `ball`) or of max over the box of ||D(x)||^2 / ||x||^2
 * (a box avoiding 0). `check` is called once per layer and may throw to abandon.
 *
 * @example
 * ```ts
 * coarseBound(coarsePair(floatPair(a, b))!, { ball: true }); // >= sup ||A(x) - B(x)||^2 * 2^64
 * ```
 */
export function coarseBound(pair: CoarsePair, region: CoarseRegion, check?: () => void): bigint {
  const F = BigInt(FRAC_BITS);
  let n = 1n << (2n * F); // min ||x||^2 at scale 2^-2 FRAC_BITS (1 on the ball: no division)
  if ('box' in region) {
    n = 0n;
    region.box.lo.forEach((lo, m) => {
      const hi = region.box.hi[m] as bigint;
      if (lo > 0n) n += lo * lo;
      else if (hi < 0n) n += hi * hi;
    });
    if (n === 0n) throw new RangeError('box bound on a box that contains 0');
  }
  let best: bigint | undefined;
  for (const v of differenceIntervals(pair, region, check)) {
    let s = 0n; // sum_k c_k^2 at scale 2^-2f
    for (let k = 0; k < v.lo.length; k++) {
      const c = BigInt(Math.max(Math.abs(v.lo[k] as number), Math.abs(v.hi[k] as number)));
      s += c * c;
    }
    const bound = ceilDiv(s << (3n * F), n << BigInt(2 * v.f));
    if (best === undefined || bound < best) best = bound;
  }
  return best as bigint;
}

/**
 * A certified LOWER bound of ||D(x)||^2 / ||x||^2 at a rational point x != 0 (interval evaluation
 * at the point; |D_k(x)| >= the distance of its interval from 0), as an exact rational. The
 * cheap substitute for an exact evaluation when the networks are large.
 *
 * @example
 * ```ts
 * coarsePointLower(cp, x).le(ratioSquared(a, b, x)); // true
 * ```
 */
export function coarsePointLower(pair: CoarsePair, x: readonly Rational[], check?: () => void): Rational {
  const box: FixedBox = {
    lo: x.map((v) => v.shift(FRAC_BITS).floor()),
    hi: x.map((v) => v.shift(FRAC_BITS).ceil()),
  };
  let nx = Rational.ZERO;
  for (const v of x) nx = nx.add(v.mul(v));
  let best = Rational.ZERO;
  for (const v of differenceIntervals(pair, { box }, check, true)) {
    let s = 0n;
    for (let k = 0; k < v.lo.length; k++) {
      const lo = v.lo[k] as number;
      const hi = v.hi[k] as number;
      const c = BigInt(lo > 0 ? lo : hi < 0 ? -hi : 0);
      s += c * c;
    }
    const value = Rational.of(s, 1n << BigInt(2 * v.f)).div(nx);
    if (value.gt(best)) best = value;
  }
  return best;
}

/**
 * The cheap evaluator of large pairs: certified lower bounds ({@link coarsePointLower}) instead of
 * exact values.
 *
 * @example
 * ```ts
 * new CoarseEvaluator(cp).ratio(x); // <= the exact ||D(x)||^2 / ||x||^2
 * ```
 */
export class CoarseEvaluator implements RatioEvaluator {
  readonly isExact = false;
  constructor(private readonly pair: CoarsePair) {}

  /** A certified lower bound of the ratio at x. @example `ev.ratio(x)` */
  ratio(x: readonly Rational[], checkpoint?: () => void): Rational {
    return coarsePointLower(this.pair, x, checkpoint);
  }
}
