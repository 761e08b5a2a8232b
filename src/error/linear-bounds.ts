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
import type { Network } from '../network/network.js';
import { ceilDiv, ceilShift, FRAC_BITS, floorShift, toFixedNearest } from '../numeric/fixed.js';

/** A network's weights as fixed-point numbers, with the layers' exactness flags. */
export interface FixedNetwork {
  readonly inputDim: number;
  /** Fractional bits of every fixed-point number used with this network. */
  readonly fracBits: number;
  /** `w[i][k][j]`: nearest fixed-point weight. */
  readonly w: readonly (readonly bigint[])[][];
  /** `inexact[i][k][j]`: the weight differs from its fixed-point value (by <= half a unit). */
  readonly inexact: readonly (readonly boolean[])[][];
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
export function toFixedNetwork(net: Network, fracBits = FRAC_BITS): FixedNetwork {
  if (!Number.isSafeInteger(fracBits) || fracBits < 1)
    throw new RangeError(`fracBits must be an integer >= 1, got ${fracBits}`);
  const w: bigint[][][] = [];
  const inexact: boolean[][][] = [];
  for (const m of net.layers) {
    const wl: bigint[][] = [];
    const il: boolean[][] = [];
    for (const row of m) {
      const conv = row.map((q) => toFixedNearest(q, fracBits));
      wl.push(conv.map((c) => c.value));
      il.push(conv.map((c) => !c.exact));
    }
    w.push(wl);
    inexact.push(il);
  }
  return { inputDim: net.layers[0]?.[0]?.length ?? 0, fracBits, w, inexact };
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
 */
function roundAffine(acc: bigint[], slack: bigint, up: boolean, FRAC: bigint): Affine {
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

/**
 * Certified lower and upper affine bounds of every output of `net` over `box`.
 *
 * @example
 * ```ts
 * const { lower, upper } = outputBounds(toFixedNetwork(net), box);
 * affineMax(upper[0], box); // >= max of output 0 over the box
 * ```
 */
export function outputBounds(net: FixedNetwork, box: FixedBox): OutputBounds {
  const d = net.inputDim;
  const bits = net.fracBits;
  const FRAC = BigInt(bits);
  // input layer: h_m = x_m exactly
  let lower: Affine[] = [];
  let upper: Affine[] = [];
  let mag: bigint[] = []; // bound of |h_j| on the box
  for (let m = 0; m < d; m++) {
    const e = zeros(d + 1);
    e[m] = 1n << FRAC;
    lower.push(e);
    upper.push(e);
    const lo = box.lo[m] as bigint;
    const hi = box.hi[m] as bigint;
    mag.push(lo < 0n ? (-lo > hi ? -lo : hi) : hi);
  }
  const L = net.w.length;
  for (let i = 0; i < L; i++) {
    const W = net.w[i] as readonly (readonly bigint[])[];
    const I = net.inexact[i] as readonly (readonly boolean[])[];
    const nextLower: Affine[] = [];
    const nextUpper: Affine[] = [];
    const nextMag: bigint[] = [];
    for (let k = 0; k < W.length; k++) {
      const row = W[k] as readonly bigint[];
      const rowInexact = I[k] as readonly boolean[];
      const accU = zeros(d + 1);
      const accL = zeros(d + 1);
      let slack = 0n;
      for (let j = 0; j < row.length; j++) {
        const w = row[j] as bigint;
        if (rowInexact[j]) slack += mag[j] as bigint;
        if (w === 0n) continue;
        const hu = upper[j] as Affine;
        const hl = lower[j] as Affine;
        const pu = w > 0n ? hu : hl;
        const pl = w > 0n ? hl : hu;
        for (let m = 0; m <= d; m++) {
          accU[m] = (accU[m] as bigint) + w * (pu[m] as bigint);
          accL[m] = (accL[m] as bigint) + w * (pl[m] as bigint);
        }
      }
      const zu = roundAffine(accU, slack, true, FRAC);
      const zl = roundAffine(accL, slack, false, FRAC);
      if (i === L - 1) {
        nextUpper.push(zu);
        nextLower.push(zl);
        continue;
      }
      const ub = affineMax(zu, box, bits);
      const lb = affineMin(zl, box, bits);
      if (ub <= 0n) {
        nextUpper.push(zeros(d + 1));
        nextLower.push(zeros(d + 1));
        nextMag.push(0n);
      } else if (lb >= 0n) {
        nextUpper.push(zu);
        nextLower.push(zl);
        nextMag.push(ub);
      } else {
        // relu(z) <= lambda (z - lb) <= lambda (u(x) - lb), lambda = ub / (ub - lb) rounded up
        const lambda = ceilDiv(ub << FRAC, ub - lb);
        const acc = zu.map((c, m) => lambda * (m === d ? c - lb : c));
        nextUpper.push(roundAffine(acc, 0n, true, FRAC));
        nextLower.push(ub >= -lb ? zl : zeros(d + 1));
        nextMag.push(ub);
      }
    }
    lower = nextLower;
    upper = nextUpper;
    mag = nextMag;
  }
  return { lower, upper };
}
