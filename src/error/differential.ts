/**
 * Certified bounds of the DIFFERENCE D(x) = A(x) - B(x) over a box, propagated layer by layer
 * (differential verification in the style of ReluDiff and NeuroDiff, Paulsen, Wang and Wang 2020).
 *
 * Bounding A and B separately and subtracting loses everything when A tracks B: the two bounds are
 * as wide as the networks' values, while D is tiny. Here B's pre-activations z_i and the
 * differences delta z_i = z~_i - z_i are propagated together (the {@link DifferenceForm} gives
 * delta z_1 = E_1 x + S x^- and delta z_i = P_i delta h_{i-1} + E_i h_{i-1}), each as a pair of
 * affine functions l(x) <= . <= u(x) on the box. A's pre-activations are z + delta z.
 *
 * Through a ReLU, f = sigma(z + dz) - sigma(z) (the difference after the activation) obeys, since
 * sigma is monotone and 1-Lipschitz,
 *
 *   min(dz, 0) <= f <= max(dz, 0)            always,
 *   f >= dz   if B's unit is active (z >= 0),   f >= 0 if it is inactive (z <= 0),
 *   f <= dz   if A's unit is active (z + dz >= 0), f <= 0 if it is inactive.
 *
 * The first row is the crossing case (one unit active, the other inactive, or either undecided
 * on the box); for dz in [dl, du] with dl < 0 < du it is relaxed by chords,
 * min(dz, 0) >= mu (dz - du) with mu = -dl / (du - dl) and max(dz, 0) <= lambda (dz - dl) with
 * lambda = du / (du - dl). A second candidate is the two units' own triangle relaxations
 * (linear-bounds.ts) subtracted, sigma(z + dz) - sigma(z); it is exact when both units are decided
 * (e.g. B inactive and A active gives f = z + dz) and the tighter end of the two candidates is
 * kept. The `_dropCrossing` option is a deliberately broken variant for negative controls: it
 * assumes A's unit is in the same state as B's whenever B's is decided, i.e. it forgets the
 * crossing case.
 *
 * Arithmetic: fixed-point dyadics rounded outward exactly as in linear-bounds.ts (every matrix
 * entry nearest, with slack times a magnitude bound for inexact entries); no float64. In the
 * symbolic mode the affine functions have d coefficients; the concrete mode (interval
 * arithmetic, constants only) costs d + 1 times less and serves large inputs.
 */
import type { DifferenceForm } from './difference-form.js';
import { ceilDiv, ceilShift, FRAC_BITS } from '../numeric/fixed.js';
import {
  affineMax,
  affineMin,
  ratioBoundSquared,
  roundAffine,
  rowNormUpper,
  type Affine,
  toFixedMatrix,
  type FixedBox,
  type FixedMatrix,
  type OutputBounds,
} from './linear-bounds.js';
import type { Matrix } from '../network/network.js';

/** A {@link DifferenceForm} in fixed point. */
export interface FixedDifferenceForm {
  readonly inputDim: number;
  readonly fracBits: number;
  /** B's layers W_1..W_l. */
  readonly reference: readonly FixedMatrix[];
  /** P_1..P_l (P_1 enters only through E_1). */
  readonly effective: readonly FixedMatrix[];
  /** E_1..E_l, formed in fixed point. */
  readonly diff: readonly FixedMatrix[];
  /** S (layer 1, coefficient of x^-; zeros when the form has none). */
  readonly negative: FixedMatrix;
  /** True when every entry of S is 0 (then x^- is skipped). */
  readonly negativeZero: boolean;
}

/** Options of {@link differenceBounds}. */
export interface DifferenceBoundOptions {
  /** Affine functions of x (default) or constants only (interval arithmetic, much cheaper). */
  readonly symbolic?: boolean;
  /** Called once per unit; may throw to abandon the computation (wall-clock budget). */
  readonly checkpoint?: () => void;
  /**
   * Bound over the unit ball instead of the box (implies constants; pass the cube as the box):
   * z_1 in [-r, r] and dz_1 in [-e, e] with r >= ||W_1[k]||, e >= ||E_1[k]|| + ||S[k]||.
   */
  readonly ball?: boolean;
  /** NEGATIVE CONTROL ONLY: forget the crossing case (unsound; tests must catch it). */
  readonly _dropCrossing?: boolean;
}

/** P - W entry by entry; an entry is inexact when either input is (off by at most one unit). */
function difference(p: FixedMatrix, w: FixedMatrix): FixedMatrix {
  return {
    w: p.w.map((row, r) => row.map((v, j) => v - ((w.w[r] as readonly bigint[])[j] as bigint))),
    inexact: p.inexact.map((row, r) => row.map((f, j) => f | ((w.inexact[r] as Uint8Array)[j] as number))),
  };
}

/**
 * Converts a difference form to fixed point (`fracBits` fractional bits, default
 * {@link FRAC_BITS}; the boxes must use the same scale). E_i = P_i - W_i is formed from the
 * fixed-point P_i and W_i: exact when both are, else off by at most one unit, which the slack of
 * inexact entries covers.
 *
 * @example
 * ```ts
 * const ff = toFixedForm(differenceForm(sub, target)!);
 * ```
 */
export function toFixedForm(
  form: DifferenceForm,
  fracBits = FRAC_BITS,
  checkpoint?: () => void,
  known: { readonly reference?: readonly FixedMatrix[]; readonly effective?: readonly FixedMatrix[] } = {},
): FixedDifferenceForm {
  if (!Number.isSafeInteger(fracBits) || fracBits < 1)
    throw new RangeError(`fracBits must be an integer >= 1, got ${fracBits}`);
  const reference = known.reference ?? form.reference.layers.map((m) => toFixedMatrix(m, fracBits, checkpoint));
  const effective = known.effective ?? form.effective.map((m) => toFixedMatrix(m, fracBits, checkpoint));
  const d = (form.reference.layers[0] as Matrix)[0]?.length ?? 0;
  const rows = (form.reference.layers[0] as Matrix).length;
  const negativeZero = form.negative === undefined || form.negative.every((row) => row.every((q) => q.isZero()));
  return {
    inputDim: d,
    fracBits,
    reference,
    effective,
    diff: effective.map((p, i) => difference(p, reference[i] as FixedMatrix)),
    negative: form.negative
      ? toFixedMatrix(form.negative, fracBits, checkpoint)
      : {
          w: Array.from({ length: rows }, () => new Array<bigint>(d).fill(0n)),
          inexact: Array.from({ length: rows }, () => new Uint8Array(d)),
        },
    negativeZero,
  };
}

/** Bounds of a vector of quantities: affine lower/upper functions and a bound of |value|. */
interface Layer {
  lower: Affine[];
  upper: Affine[];
  mag: bigint[];
}

function zeros(n: number): bigint[] {
  return new Array<bigint>(n).fill(0n);
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);
const maxB = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** acc += sum_j M[r][j] * (upper or lower of v_j by sign), for an upper (acc U) and a lower (acc L) bound. */
function accumulate(row: readonly bigint[], rowInexact: Uint8Array, v: Layer, accU: bigint[], accL: bigint[]): bigint {
  let slack = 0n;
  const n = accU.length;
  for (let j = 0; j < row.length; j++) {
    if (rowInexact[j]) slack += v.mag[j] as bigint;
    const w = row[j] as bigint;
    if (w === 0n) continue;
    const pu = (w > 0n ? v.upper[j] : v.lower[j]) as Affine;
    const pl = (w > 0n ? v.lower[j] : v.upper[j]) as Affine;
    if (pu === pl) {
      // an exactly known input (e.g. x itself): one product serves both bounds
      for (let m = 0; m < n; m++) {
        const c = pu[m] as bigint;
        if (c === 0n) continue;
        const t = w * c;
        accU[m] = (accU[m] as bigint) + t;
        accL[m] = (accL[m] as bigint) + t;
      }
      continue;
    }
    for (let m = 0; m < n; m++) {
      accU[m] = (accU[m] as bigint) + w * (pu[m] as bigint);
      accL[m] = (accL[m] as bigint) + w * (pl[m] as bigint);
    }
  }
  return slack;
}

/** The input x and x^- = sigma(-x) on the box, symbolic (s = d coefficients) or concrete (s = 0). */
function inputs(box: FixedBox, s: number, bits: number): { x: Layer; xneg: Layer } {
  const FRAC = BigInt(bits);
  const one = 1n << FRAC;
  const d = box.lo.length;
  const x: Layer = { lower: [], upper: [], mag: [] };
  const xneg: Layer = { lower: [], upper: [], mag: [] };
  for (let m = 0; m < d; m++) {
    const lo = box.lo[m] as bigint;
    const hi = box.hi[m] as bigint;
    if (s > 0) {
      const e = zeros(s + 1);
      e[m] = one;
      x.lower.push(e);
      x.upper.push(e);
    } else {
      x.lower.push([lo]);
      x.upper.push([hi]);
    }
    x.mag.push(maxB(abs(lo), abs(hi)));
    // x^- = sigma(-x)
    if (lo >= 0n) {
      xneg.lower.push(zeros(s + 1));
      xneg.upper.push(zeros(s + 1));
    } else if (hi <= 0n) {
      if (s > 0) {
        const e = zeros(s + 1);
        e[m] = -one;
        xneg.lower.push(e);
        xneg.upper.push(e);
      } else {
        xneg.lower.push([-hi]);
        xneg.upper.push([-lo]);
      }
    } else if (s > 0) {
      // sigma(y), y = -x in [-hi, -lo]: y <= ... upper lambda (y + hi), lambda = -lo / (hi - lo), up
      const lambda = ceilDiv(-lo << FRAC, hi - lo);
      const acc = zeros(s + 1);
      acc[m] = -lambda * one;
      acc[s] = lambda * hi;
      xneg.upper.push(roundAffine(acc, 0n, true, FRAC));
      const e = zeros(s + 1);
      if (-lo >= hi) e[m] = -one; // sigma(y) >= y when it loses less area than sigma(y) >= 0
      xneg.lower.push(e);
    } else {
      xneg.lower.push([0n]);
      xneg.upper.push([-lo]);
    }
    xneg.mag.push(lo < 0n ? -lo : 0n);
  }
  return { x, xneg };
}

/**
 * The triangle relaxation of sigma(z) for lower(x) <= z <= upper(x) with concrete bounds
 * l <= z <= u on the box: exact when l >= 0 or u <= 0, else sigma(z) <= lambda (upper(x) - l) with
 * lambda = u / (u - l) rounded up, and sigma(z) >= z or >= 0 (whichever loses less area).
 */
function reluRelaxation(
  lower: Affine,
  upper: Affine,
  l: bigint,
  u: bigint,
  FRAC: bigint,
): { lower: Affine; upper: Affine } {
  const n = lower.length;
  if (u <= 0n) return { lower: zeros(n), upper: zeros(n) };
  if (l >= 0n) return { lower, upper };
  const lambda = ceilDiv(u << FRAC, u - l);
  const s = n - 1;
  return {
    // (with constants, n = 1, sigma(z) >= 0 is always the tighter of the two)
    lower: n > 1 && u >= -l ? lower : zeros(n),
    upper: roundAffine(
      upper.map((c, m) => lambda * (m === s ? c - l : c)),
      0n,
      true,
      FRAC,
    ),
  };
}

/** Layer 1 in the symbolic mode: z = W_1 x and E_1 x, the same functions of x on every box. */
interface FirstLayer {
  readonly zU: readonly Affine[];
  readonly zL: readonly Affine[];
  readonly eU: readonly Affine[];
  readonly eL: readonly Affine[];
}

const FIRST_LAYERS = new WeakMap<FixedDifferenceForm, FirstLayer>();

/**
 * W_1 x and E_1 x as affine functions of x, computed once per form; the slack of inexact entries
 * uses |x_m| <= 1, valid on every box of the cube.
 */
function firstLayer(form: FixedDifferenceForm): FirstLayer {
  const hit = FIRST_LAYERS.get(form);
  if (hit) return hit;
  const d = form.inputDim;
  const FRAC = BigInt(form.fracBits);
  const one = 1n << FRAC;
  const x: Layer = { lower: [], upper: [], mag: [] };
  for (let m = 0; m < d; m++) {
    const e = zeros(d + 1);
    e[m] = one;
    x.lower.push(e);
    x.upper.push(e);
    x.mag.push(one);
  }
  const W = form.reference[0] as FixedMatrix;
  const E = form.diff[0] as FixedMatrix;
  const out = { zU: [] as Affine[], zL: [] as Affine[], eU: [] as Affine[], eL: [] as Affine[] };
  for (let k = 0; k < W.w.length; k++) {
    const zUacc = zeros(d + 1);
    const zLacc = zeros(d + 1);
    const zSlack = accumulate(W.w[k] as bigint[], W.inexact[k] as Uint8Array, x, zUacc, zLacc);
    out.zU.push(roundAffine(zUacc, zSlack, true, FRAC));
    out.zL.push(roundAffine(zLacc, zSlack, false, FRAC));
    // E_1 x stays at the double scale: the S x^- terms join it before one rounding
    const eUacc = zeros(d + 1);
    const eLacc = zeros(d + 1);
    const eSlack = accumulate(E.w[k] as bigint[], E.inexact[k] as Uint8Array, x, eUacc, eLacc);
    eUacc[d] = (eUacc[d] as bigint) + eSlack;
    eLacc[d] = (eLacc[d] as bigint) - eSlack;
    out.eU.push(eUacc);
    out.eL.push(eLacc);
  }
  FIRST_LAYERS.set(form, out);
  return out;
}

/**
 * Certified affine lower and upper bounds of every output of D = A - B over the box, for the pair
 * given by its fixed-point difference form (symbolic by default, `symbolic: false` for concrete
 * intervals: constant functions). Sound for boxes inside [-1, 1]^d.
 *
 * @example
 * ```ts
 * const { lower, upper } = differenceBounds(toFixedForm(form), face);
 * affineMax(upper[0], face); // >= max over the face of A(x)_0 - B(x)_0
 * ```
 */
export function differenceBounds(
  form: FixedDifferenceForm,
  box: FixedBox,
  options: DifferenceBoundOptions = {},
): OutputBounds {
  const bits = form.fracBits;
  const FRAC = BigInt(bits);
  const ball = options.ball ?? false;
  const symbolic = !ball && (options.symbolic ?? true);
  const s = symbolic ? form.inputDim : 0;
  const evalBox: FixedBox = symbolic ? box : { lo: [], hi: [] };
  const max = (f: Affine): bigint => affineMax(f, evalBox, bits);
  const min = (f: Affine): bigint => affineMin(f, evalBox, bits);
  const drop = options._dropCrossing === true;
  const { x, xneg } = inputs(box, s, bits);
  let h = x; // B's activations
  let delta: Layer = { lower: [], upper: [], mag: [] }; // h~ - h (none before layer 1)
  const L = form.reference.length;
  for (let i = 0; i < L; i++) {
    const W = form.reference[i] as FixedMatrix;
    const E = form.diff[i] as FixedMatrix;
    const P = form.effective[i] as FixedMatrix;
    const nextH: Layer = { lower: [], upper: [], mag: [] };
    const nextD: Layer = { lower: [], upper: [], mag: [] };
    const first = i === 0 && symbolic ? firstLayer(form) : undefined;
    for (let k = 0; k < W.w.length; k++) {
      options.checkpoint?.();
      // dz = E h + (i = 0 ? S x^- : P delta)
      let dzU: Affine;
      let dzL: Affine;
      if (ball && i === 0) {
        const e =
          rowNormUpper(E.w[k] as bigint[], E.inexact[k] as Uint8Array) +
          rowNormUpper(form.negative.w[k] as bigint[], form.negative.inexact[k] as Uint8Array);
        [dzL, dzU] = [[-e], [e]];
      } else {
        const dUacc = first ? [...(first.eU[k] as Affine)] : zeros(s + 1);
        const dLacc = first ? [...(first.eL[k] as Affine)] : zeros(s + 1);
        let dSlack = first ? 0n : accumulate(E.w[k] as bigint[], E.inexact[k] as Uint8Array, h, dUacc, dLacc);
        if (i === 0) {
          if (!form.negativeZero)
            dSlack += accumulate(
              form.negative.w[k] as bigint[],
              form.negative.inexact[k] as Uint8Array,
              xneg,
              dUacc,
              dLacc,
            );
        } else {
          dSlack += accumulate(P.w[k] as bigint[], P.inexact[k] as Uint8Array, delta, dUacc, dLacc);
        }
        dzU = roundAffine(dUacc, dSlack, true, FRAC);
        dzL = roundAffine(dLacc, dSlack, false, FRAC);
      }
      if (i === L - 1) {
        nextD.upper.push(dzU);
        nextD.lower.push(dzL);
        continue;
      }
      // B: z = W h
      let zU: Affine;
      let zL: Affine;
      if (ball && i === 0) {
        const r = rowNormUpper(W.w[k] as bigint[], W.inexact[k] as Uint8Array);
        [zL, zU] = [[-r], [r]];
      } else if (first) {
        zU = first.zU[k] as Affine;
        zL = first.zL[k] as Affine;
      } else {
        const zUacc = zeros(s + 1);
        const zLacc = zeros(s + 1);
        const zSlack = accumulate(W.w[k] as bigint[], W.inexact[k] as Uint8Array, h, zUacc, zLacc);
        zU = roundAffine(zUacc, zSlack, true, FRAC);
        zL = roundAffine(zLacc, zSlack, false, FRAC);
      }
      const zu = max(zU);
      const zl = min(zL);
      const du = max(dzU);
      const dl = min(dzL);
      // A's pre-activation z + dz (exact sums of fixed-point functions)
      const gL = zL.map((c, m) => c + (dzL[m] as bigint));
      const gU = zU.map((c, m) => c + (dzU[m] as bigint));
      const gu = max(gU);
      const gl = min(gL);
      // A's and B's ReLUs on their own: the triangle relaxation
      const bActive = zl >= 0n;
      const bInactive = zu <= 0n;
      let aActive = gl >= 0n;
      let aInactive = gu <= 0n;
      if (drop && (bActive || bInactive)) {
        aActive = bActive;
        aInactive = bInactive;
      }
      const bRelu = reluRelaxation(zL, zU, zl, zu, FRAC);
      nextH.lower.push(bRelu.lower);
      nextH.upper.push(bRelu.upper);
      nextH.mag.push(zu > 0n ? zu : 0n);
      const aRelu = aActive
        ? { lower: gL, upper: gU }
        : aInactive
          ? { lower: zeros(s + 1), upper: zeros(s + 1) }
          : reluRelaxation(gL, gU, gl, gu, FRAC);
      // the difference after the ReLU: the rules above ...
      let lowerDiff: Affine;
      if (bActive) lowerDiff = dzL;
      else if (bInactive || dl >= 0n) lowerDiff = zeros(s + 1);
      else if (du <= 0n) lowerDiff = dzL;
      else {
        // min(dz, 0) >= mu (dz - du), mu = -dl / (du - dl) rounded up (dz - du <= 0)
        const mu = ceilDiv(-dl << FRAC, du - dl);
        lowerDiff = roundAffine(
          dzL.map((c, m) => mu * (m === s ? c - du : c)),
          0n,
          false,
          FRAC,
        );
      }
      let upperDiff: Affine;
      if (aActive) upperDiff = dzU;
      else if (aInactive || du <= 0n) upperDiff = zeros(s + 1);
      else if (dl >= 0n) upperDiff = dzU;
      else {
        // max(dz, 0) <= lambda (dz - dl), lambda = du / (du - dl) rounded up (dz - dl >= 0)
        const lambda = ceilDiv(du << FRAC, du - dl);
        upperDiff = roundAffine(
          dzU.map((c, m) => lambda * (m === s ? c - dl : c)),
          0n,
          true,
          FRAC,
        );
      }
      if ((bActive && aActive) || (bInactive && aInactive)) {
        // both decided alike: the rules are exact (f = dz, or f = 0)
        nextD.lower.push(lowerDiff);
        nextD.upper.push(upperDiff);
        nextD.mag.push(bActive ? maxB(abs(dl), abs(du)) : 0n);
        continue;
      }
      // ... or the two relaxations subtracted (exact when both units are decided); the tighter one
      const lowerSep = aRelu.lower.map((c, m) => c - (bRelu.upper[m] as bigint));
      const upperSep = aRelu.upper.map((c, m) => c - (bRelu.lower[m] as bigint));
      const lowerDiffMin = min(lowerDiff);
      const lowerSepMin = min(lowerSep);
      const upperDiffMax = max(upperDiff);
      const upperSepMax = max(upperSep);
      const lower = lowerSepMin > lowerDiffMin ? lowerSep : lowerDiff;
      const upper = upperSepMax < upperDiffMax ? upperSep : upperDiff;
      const lo = lowerSepMin > lowerDiffMin ? lowerSepMin : lowerDiffMin;
      const hi = upperSepMax < upperDiffMax ? upperSepMax : upperDiffMax;
      nextD.lower.push(lower);
      nextD.upper.push(upper);
      nextD.mag.push(maxB(abs(lo), abs(hi)));
    }
    h = nextH;
    delta = nextD;
  }
  return { lower: delta.lower, upper: delta.upper };
}

/**
 * A certified upper bound (fixed point, rounded up) of max over the box of ||D(x)||^2 / ||x||^2
 * from {@link differenceBounds}; the box must avoid 0 (a face of the cube does). With `ball`, a
 * bound of sup ||D(x)||^2 over the unit ball (pass the cube as the box).
 *
 * @example
 * ```ts
 * differentialBoxBound(toFixedForm(form), face); // fixed-point bound of the squared ratio
 * ```
 */
export function differentialBoxBound(
  form: FixedDifferenceForm,
  box: FixedBox,
  options: DifferenceBoundOptions = {},
): bigint {
  const bits = form.fracBits;
  const symbolic = !options.ball && (options.symbolic ?? true);
  const { lower, upper } = differenceBounds(form, box, options);
  if (!options.ball) return ratioBoundSquared(lower, upper, box, symbolic, bits);
  // over the ball sup ||D||^2 <= sum c_k^2
  let sum = 0n;
  upper.forEach((u, k) => {
    const c = maxB(abs(u[0] as bigint), abs((lower[k] as Affine)[0] as bigint));
    sum += c * c;
  });
  return ceilShift(sum, BigInt(bits));
}
