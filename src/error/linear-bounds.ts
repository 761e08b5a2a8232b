/**
 * Certified linear bounds of a bias-free ReLU network over a box (symbolic interval propagation).
 *
 * For a box X = prod [lo_m, hi_m] inside [-1, 1]^d, every unit gets two affine functions
 * l(x) = l . x + l_0 and u(x) = u . x + u_0 with l(x) <= unit(x) <= u(x) for all x in X. They are
 * propagated layer by layer:
 *
 * - linear layer z = W h: u_z = sum_{w > 0} w u_h + sum_{w < 0} w l_h, and symmetrically for l_z;
 * - ReLU with concrete pre-activation bounds lb <= z <= ub on X (from minimising l, maximising u):
 *   ub <= 0 gives 0; lb >= 0 keeps (l, u); otherwise the triangle relaxation
 *   relu(z) <= lambda (u(x) - lb) with lambda >= ub / (ub - lb), and relu(z) >= z or >= 0
 *   (whichever loses less area: z when ub >= -lb).
 *
 * All numbers are fixed-point dyadics (`fracBits` fractional bits, default {@link FRAC_BITS};
 * boxes must use the same scale as the network) rounded outward:
 * coefficients are rounded down and the error (at most one unit per coordinate, as |x_m| <= 1)
 * is added to the constant of an upper function and subtracted from that of a lower function;
 * weights that are not fixed-point numbers are replaced by the nearest one, and the difference
 * (at most half a unit) times a bound on |h| is added to the constant as slack. So the bounds hold
 * for the exact real network, with no float64 anywhere.
 */
import type { Matrix, Network } from '../network/network.js';
import type { Rational } from '../numeric/rational.js';
import { isqrt } from '../numeric/certified.js';
import { ceilDiv, ceilShift, FRAC_BITS, floorShift, toFixedNearest } from '../numeric/fixed.js';

/** A matrix in fixed point: nearest values, and flags (1) for the entries that are not exact. */
export interface FixedMatrix {
  readonly w: readonly (readonly bigint[])[];
  /** `inexact[k][j]` is 1 when the entry differs from the exact one (by at most one unit). */
  readonly inexact: readonly Uint8Array[];
}

/** A network's weights as fixed-point numbers, with the layers' exactness flags. */
export interface FixedNetwork {
  readonly inputDim: number;
  /** Fractional bits of every fixed-point number used with this network. */
  readonly fracBits: number;
  /** `w[i][k][j]`: nearest fixed-point weight. */
  readonly w: readonly (readonly (readonly bigint[])[])[];
  /** `inexact[i][k][j]`: 1 when the weight differs from its fixed-point value (by <= half a unit). */
  readonly inexact: readonly (readonly Uint8Array[])[];
  /** True when every weight is exact in fixed point. */
  readonly exact: boolean;
}

/**
 * A matrix of exact rationals in fixed point (nearest, `fracBits` fractional bits).
 *
 * @example
 * ```ts
 * toFixedMatrix([[Rational.of(1, 3)]], 4); // { w: [[5n]], inexact: [Uint8Array [1]] }
 * ```
 */
export function toFixedMatrix(m: Matrix, fracBits = FRAC_BITS, checkpoint?: () => void): FixedMatrix {
  const w: bigint[][] = [];
  const inexact: Uint8Array[] = [];
  for (const row of m) {
    checkpoint?.();
    const vals = new Array<bigint>(row.length);
    const flags = new Uint8Array(row.length);
    for (let j = 0; j < row.length; j++) {
      const c = toFixedNearest(row[j] as Rational, fracBits);
      vals[j] = c.value;
      if (!c.exact) flags[j] = 1;
    }
    w.push(vals);
    inexact.push(flags);
  }
  return { w, inexact };
}

/**
 * Converts a network's exact weights to fixed point (nearest) with `fracBits` fractional bits
 * (default {@link FRAC_BITS}; small values exist to test the outward rounding), recording which
 * weights are inexact.
 *
 * @example
 * ```ts
 * const fnet = toFixedNetwork(net);
 * ```
 */
export function toFixedNetwork(net: Network, fracBits = FRAC_BITS, checkpoint?: () => void): FixedNetwork {
  if (!Number.isSafeInteger(fracBits) || fracBits < 1)
    throw new RangeError(`fracBits must be an integer >= 1, got ${fracBits}`);
  const mats = net.layers.map((m) => toFixedMatrix(m, fracBits, checkpoint));
  return {
    inputDim: net.layers[0]?.[0]?.length ?? 0,
    fracBits,
    w: mats.map((m) => m.w),
    inexact: mats.map((m) => m.inexact),
    exact: mats.every((m) => m.inexact.every((row) => row.every((f) => f === 0))),
  };
}

/**
 * Layer i of a fixed-point network as a {@link FixedMatrix}.
 *
 * @example
 * ```ts
 * fixedLayer(toFixedNetwork(net), 0).w; // W_1 in fixed point
 * ```
 */
export function fixedLayer(net: FixedNetwork, i: number): FixedMatrix {
  return { w: net.w[i] as readonly (readonly bigint[])[], inexact: net.inexact[i] as readonly Uint8Array[] };
}

/** An axis-aligned box in fixed point: lo[m] <= x_m <= hi[m], inside [-1, 1]^d. */
export interface FixedBox {
  readonly lo: readonly bigint[];
  readonly hi: readonly bigint[];
}

/** An affine function in fixed point: coefficients c[0..d-1] and constant c[d]. */
export type Affine = bigint[];

/** Lower and upper affine bounds of the network's outputs over a box. */
export interface OutputBounds {
  readonly lower: Affine[];
  readonly upper: Affine[];
}

/**
 * A certified upper bound (fixed point, rounded up) of max over the box of an affine function
 * (`fracBits` fractional bits, default {@link FRAC_BITS}).
 *
 * @example
 * ```ts
 * affineMax([FIXED_ONE, 0n], { lo: [-FIXED_ONE], hi: [FIXED_ONE] }); // FIXED_ONE
 * ```
 */
export function affineMax(f: Affine, box: FixedBox, fracBits = FRAC_BITS): bigint {
  const FRAC = BigInt(fracBits);
  const d = box.lo.length;
  let s = (f[d] as bigint) << FRAC;
  for (let m = 0; m < d; m++) {
    const c = f[m] as bigint;
    if (c > 0n) s += c * (box.hi[m] as bigint);
    else if (c < 0n) s += c * (box.lo[m] as bigint);
  }
  return ceilShift(s, FRAC);
}

/**
 * A certified lower bound (fixed point, rounded down) of min over the box of an affine function
 * (`fracBits` fractional bits, default {@link FRAC_BITS}).
 *
 * @example
 * ```ts
 * affineMin([FIXED_ONE, 0n], { lo: [-FIXED_ONE], hi: [FIXED_ONE] }); // -FIXED_ONE
 * ```
 */
export function affineMin(f: Affine, box: FixedBox, fracBits = FRAC_BITS): bigint {
  const FRAC = BigInt(fracBits);
  const d = box.lo.length;
  let s = (f[d] as bigint) << FRAC;
  for (let m = 0; m < d; m++) {
    const c = f[m] as bigint;
    if (c > 0n) s += c * (box.lo[m] as bigint);
    else if (c < 0n) s += c * (box.hi[m] as bigint);
  }
  return floorShift(s, FRAC);
}

/**
 * Rounds a double-precision (2 FRAC bits) affine function to fixed point, soundly: up for an upper
 * bound (`up`), down for a lower bound. `slack` (2 FRAC scale, >= 0) is added (up) or subtracted.
 * Sound on inputs with |x_m| <= 1: each coefficient is rounded down and its error (< 1 unit per
 * coordinate) moves the constant outward.
 *
 * @example
 * ```ts
 * roundAffine([3n, 5n], 0n, true, 1n); // [1n, 4n]: x/2 + 2 >= 3x/4 + 5/4 when |x| <= 1 (1 fractional bit)
 * ```
 */
export function roundAffine(acc: bigint[], slack: bigint, up: boolean, FRAC: bigint): Affine {
  const d = acc.length - 1;
  const out: Affine = new Array<bigint>(d + 1);
  let errUnits = 0n;
  for (let m = 0; m < d; m++) {
    const v = acc[m] as bigint;
    const r = floorShift(v, FRAC);
    if (r << FRAC !== v) errUnits += 1n;
    out[m] = r;
  }
  const c = acc[d] as bigint;
  out[d] = up ? ceilShift(c + slack, FRAC) + errUnits : floorShift(c - slack, FRAC) - errUnits;
  return out;
}

function zeros(n: number): bigint[] {
  return new Array<bigint>(n).fill(0n);
}

/** Options of {@link outputBounds}. */
export interface OutputBoundOptions {
  /** Affine functions of x (default) or constants only (interval arithmetic, d + 1 times cheaper). */
  readonly symbolic?: boolean;
  /** Called once per unit; may throw to abandon the computation (wall-clock budget). */
  readonly checkpoint?: () => void;
  /**
   * Bound over the unit ball instead of the box (implies constants): the first layer's
   * pre-activations lie in [-r, r] with r >= the row's Euclidean norm ({@link rowNormUpper}).
   */
  readonly ball?: boolean;
}

/**
 * A certified upper bound (fixed point, rounded up) of the Euclidean norm of a matrix row given
 * in fixed point, so of max |row . x| over ||x||_2 <= 1; inexact entries (off by at most one unit
 * each) add one unit per entry.
 *
 * @example
 * ```ts
 * rowNormUpper([3n * FIXED_ONE, 4n * FIXED_ONE], [false, false]); // 5n * FIXED_ONE
 * ```
 */
export function rowNormUpper(row: readonly bigint[], inexact: ArrayLike<number>): bigint {
  let s = 0n;
  let slack = 0n;
  for (let j = 0; j < row.length; j++) {
    const w = row[j] as bigint;
    s += w * w;
    if (inexact[j]) slack += 1n;
  }
  const r = isqrt(s);
  return (r * r === s ? r : r + 1n) + slack;
}

/**
 * Certified lower and upper affine bounds of every output of `net` over `box` (constant functions,
 * arrays of length 1, with `symbolic: false` or `ball: true`).
 *
 * @example
 * ```ts
 * const { lower, upper } = outputBounds(toFixedNetwork(net), box);
 * affineMax(upper[0], box); // >= max of output 0 over the box
 * ```
 */
export function outputBounds(net: FixedNetwork, box: FixedBox, options: OutputBoundOptions = {}): OutputBounds {
  const d = net.inputDim;
  const bits = net.fracBits;
  const FRAC = BigInt(bits);
  const ball = options.ball ?? false;
  const symbolic = !ball && (options.symbolic ?? true);
  const s = symbolic ? d : 0;
  const evalBox: FixedBox = symbolic ? box : { lo: [], hi: [] };
  // input layer: h_m = x_m exactly
  let lower: Affine[] = [];
  let upper: Affine[] = [];
  let mag: bigint[] = []; // bound of |h_j| on the box
  for (let m = 0; m < d; m++) {
    const lo = box.lo[m] as bigint;
    const hi = box.hi[m] as bigint;
    if (symbolic) {
      const e = zeros(d + 1);
      e[m] = 1n << FRAC;
      lower.push(e);
      upper.push(e);
    } else {
      lower.push([lo]);
      upper.push([hi]);
    }
    mag.push(lo < 0n ? (-lo > hi ? -lo : hi) : hi);
  }
  const L = net.w.length;
  for (let i = 0; i < L; i++) {
    const W = net.w[i] as readonly (readonly bigint[])[];
    const I = net.inexact[i] as readonly Uint8Array[];
    const nextLower: Affine[] = [];
    const nextUpper: Affine[] = [];
    const nextMag: bigint[] = [];
    for (let k = 0; k < W.length; k++) {
      options.checkpoint?.();
      const row = W[k] as readonly bigint[];
      const rowInexact = I[k] as Uint8Array;
      const accU = zeros(s + 1);
      const accL = zeros(s + 1);
      let slack = 0n;
      for (let j = 0; j < row.length; j++) {
        const w = row[j] as bigint;
        if (rowInexact[j]) slack += mag[j] as bigint;
        if (w === 0n) continue;
        const hu = upper[j] as Affine;
        const hl = lower[j] as Affine;
        const pu = w > 0n ? hu : hl;
        const pl = w > 0n ? hl : hu;
        for (let m = 0; m <= s; m++) {
          accU[m] = (accU[m] as bigint) + w * (pu[m] as bigint);
          accL[m] = (accL[m] as bigint) + w * (pl[m] as bigint);
        }
      }
      let zu = roundAffine(accU, slack, true, FRAC);
      let zl = roundAffine(accL, slack, false, FRAC);
      if (ball && i === 0) {
        const r = rowNormUpper(row, rowInexact);
        zu = [r];
        zl = [-r];
      }
      if (i === L - 1) {
        nextUpper.push(zu);
        nextLower.push(zl);
        continue;
      }
      const ub = affineMax(zu, evalBox, bits);
      const lb = affineMin(zl, evalBox, bits);
      if (ub <= 0n) {
        nextUpper.push(zeros(s + 1));
        nextLower.push(zeros(s + 1));
        nextMag.push(0n);
      } else if (lb >= 0n) {
        nextUpper.push(zu);
        nextLower.push(zl);
        nextMag.push(ub);
      } else {
        // relu(z) <= lambda (z - lb) <= lambda (u(x) - lb), lambda = ub / (ub - lb) rounded up
        const lambda = ceilDiv(ub << FRAC, ub - lb);
        const acc = zu.map((c, m) => lambda * (m === s ? c - lb : c));
        nextUpper.push(roundAffine(acc, 0n, true, FRAC));
        // (with constants, sigma(z) >= 0 is always the tighter of the two)
        nextLower.push(s > 0 && ub >= -lb ? zl : zeros(s + 1));
        nextMag.push(ub);
      }
    }
    lower = nextLower;
    upper = nextUpper;
    mag = nextMag;
  }
  return { lower, upper };
}

/**
 * min over the box of ||x||^2 in fixed point (exact; 0 when the box contains 0 in every
 * coordinate's range). A RangeError when it is 0.
 *
 * @example
 * ```ts
 * minSquaredNorm(face) >= FIXED_ONE * FIXED_ONE; // on a face of the cube
 * ```
 */
export function minSquaredNorm(box: FixedBox): bigint {
  let n = 0n;
  box.lo.forEach((lo, m) => {
    const hi = box.hi[m] as bigint;
    if (lo > 0n) n += lo * lo;
    else if (hi < 0n) n += hi * hi;
  });
  if (n === 0n) throw new RangeError('box bound on a box that contains 0');
  return n;
}

/**
 * A certified upper bound (fixed point, rounded up) of max over the box of ||D(x)||^2 / ||x||^2
 * from affine bounds lower_k(x) <= D_k(x) <= upper_k(x) on the box (the box must avoid 0).
 *
 * For each output, |D_k(x)| / ||x|| is bounded in two ways and the smaller is used:
 * c_k / sqrt(n_X) with c_k = max |bounds| on the box and n_X = min ||x||^2 on the box; and, for
 * affine bounds u . x + u_0 (Cauchy-Schwarz, u . x <= ||u|| ||x||),
 * D_k(x) / ||x|| <= ||u|| + max(u_0, 0) / sqrt(n_X), likewise for -lower_k. The first is tight
 * where the box is small, the second where the bounds are nearly linear (every unit decided)
 * whatever the box's size, as near a maximiser.
 * `symbolic: false` means the bounds are constants (arrays of length 1).
 *
 * @example
 * ```ts
 * const { lower, upper } = outputBounds(fnet, face);
 * ratioBoundSquared(lower, upper, face); // >= max over the face of N(x)^2 / ||x||^2
 * ```
 */
export function ratioBoundSquared(
  lower: readonly Affine[],
  upper: readonly Affine[],
  box: FixedBox,
  symbolic = true,
  fracBits = FRAC_BITS,
): bigint {
  const FRAC = BigInt(fracBits);
  const evalBox: FixedBox = symbolic ? box : { lo: [], hi: [] };
  const n = minSquaredNorm(box); // 2 FRAC scale
  const rootN = isqrt(n); // FRAC scale, <= sqrt(n): a lower bound of min ||x||
  let sum = 0n; // 2 FRAC scale
  upper.forEach((u, k) => {
    const l = lower[k] as Affine;
    const hi = affineMax(u, evalBox, fracBits);
    const lo = affineMin(l, evalBox, fracBits);
    const ahi = hi < 0n ? -hi : hi;
    const alo = lo < 0n ? -lo : lo;
    const c = ahi > alo ? ahi : alo;
    let term = ceilDiv(((c * c) << FRAC) << FRAC, n); // c^2 / n_X at 2 FRAC scale
    if (symbolic && rootN > 0n) {
      const side = (f: Affine, sign: bigint): bigint => {
        // sign * f(x) / ||x|| <= ||f_lin|| + max(sign f_0, 0) / sqrt(n_X), FRAC scale, rounded up
        const d = f.length - 1;
        let s2 = 0n;
        for (let m = 0; m < d; m++) s2 += (f[m] as bigint) * (f[m] as bigint);
        const r = isqrt(s2);
        const norm = r * r === s2 ? r : r + 1n;
        const c0 = sign * (f[d] as bigint);
        return norm + (c0 > 0n ? ceilDiv(c0 << FRAC, rootN) : 0n);
      };
      const a = side(u, 1n);
      const b = side(l, -1n);
      const cs = a > b ? a : b;
      const csTerm = cs * cs;
      if (csTerm < term) term = csTerm;
    }
    sum += term;
  });
  return ceilShift(sum, FRAC);
}
