/**
 * The difference form of a pair of networks: D = A - B written layer by layer at B's layer
 * boundaries, so that the difference of the two networks can be propagated instead of bounding
 * each network on its own (see {@link differenceBounds} in differential.ts).
 *
 * Let B have layers W_1, ..., W_l, h_0 = x, z_i = W_i h_{i-1}, h_i = sigma(z_i). The form holds
 * exact rational matrices P_i (i >= 2), E_i = P_i - W_i (i >= 1) and S (layer 1) such that A's
 * pre-activations z~_i at the same boundaries satisfy, for every real x,
 *
 *   z~_1 - z_1 = E_1 x + S x^-            (x^- = sigma(-x) coordinatewise),
 *   z~_i - z_i = P_i (h~_{i-1} - h_{i-1}) + E_i h_{i-1}   (i >= 2),
 *
 * with h~_i = sigma(z~_i) for i < l and A(x) = z~_l. Two shapes of A are recognised:
 *
 * - same shape as B (same depth and widths): P_i = A_i, E_i = A_i - W_i, S = 0;
 * - a depth-doubling subnetwork (depth 2l, as a certificate's G~): A's layers 2i-1 and 2i simulate
 *   B's layer i, and every unit of layer 2i-1 has at most one incoming weight u (from input j).
 *   Such a unit computes sigma(u y) with y = h~_{i-1}[j], which is (u)_+ y when y >= 0 and
 *   (u)_- (-y) when y <= 0 ((a)_+ = max(a, 0), (a)_- = max(-a, 0)). So with V the weights of layer
 *   2i, P_i[r, j] = sum_t V[r, t] (u_t)_+ and Q[r, j] = sum_t V[r, t] (u_t)_- (units t reading
 *   input j), z~_i = P_i h~_{i-1} exactly for i >= 2 (h~_{i-1} >= 0), and
 *   z~_1 = P_1 x^+ + Q x^- = P_1 x + (P_1 + Q) x^-, so E_1 = P_1 - W_1 and S = P_1 + Q.
 *
 * Everything here is exact rational arithmetic; the form is an identity, not an approximation.
 * Any other pair has no difference form (undefined), and the sup error falls back to bounding the
 * two networks separately.
 */
import { Rational } from '../numeric/rational.js';
import { widths, type Matrix, type Network } from '../network/network.js';

/** How A's layers were aligned with B's. */
export type AlignmentKind = 'same-shape' | 'depth-doubling';

/** The exact difference form of a pair (A, B); see the module comment. */
export interface DifferenceForm {
  readonly kind: AlignmentKind;
  /** True when the form describes (B, A) instead of (A, B): D changes sign, ||D|| does not. */
  readonly swapped: boolean;
  /** The reference network B (layers W_1..W_l). */
  readonly reference: Network;
  /** `effective[i]` is P_{i+1}; `effective[0]` (P_1) is kept for evaluation only. */
  readonly effective: readonly Matrix[];
  /** `diff[i]` is E_{i+1} = P_{i+1} - W_{i+1}. */
  readonly diff: readonly Matrix[];
  /** S, the coefficient of x^- in layer 1 (all zero for same-shape pairs). */
  readonly negative: Matrix;
}

/** Options of {@link differenceForm}. */
export interface DifferenceFormOptions {
  /** Called now and then; throw from it to abandon a long computation (the wall-clock budget). */
  readonly checkpoint?: () => void;
}

function zeroMatrix(rows: number, cols: number): Rational[][] {
  return Array.from({ length: rows }, () => new Array<Rational>(cols).fill(Rational.ZERO));
}

function subtract(p: Matrix, w: Matrix): Rational[][] {
  return p.map((row, r) => row.map((v, j) => v.sub((w[r] as readonly Rational[])[j] as Rational)));
}

function sameWidths(a: Network, b: Network): boolean {
  const wa = widths(a);
  const wb = widths(b);
  return wa.length === wb.length && wa.every((n, i) => n === wb[i]);
}

/** The input index of each unit of a layer whose units have at most one incoming weight, or undefined. */
function singleInputs(u: Matrix): (number | -1)[] | undefined {
  const out: (number | -1)[] = [];
  for (const row of u) {
    let j0 = -1;
    for (let j = 0; j < row.length; j++) {
      if ((row[j] as Rational).isZero()) continue;
      if (j0 >= 0) return undefined;
      j0 = j;
    }
    out.push(j0);
  }
  return out;
}

/**
 * Collapses A (depth 2l, single-input units in odd layers) onto B's boundaries: [P_i, Q_i] per
 * target layer, or undefined when A does not have that shape.
 */
function collapse(a: Network, b: Network, checkpoint?: () => void): { p: Rational[][]; q: Rational[][] }[] | undefined {
  const l = b.layers.length;
  if (a.layers.length !== 2 * l) return undefined;
  const out: { p: Rational[][]; q: Rational[][] }[] = [];
  for (let i = 0; i < l; i++) {
    const u = a.layers[2 * i] as Matrix;
    const v = a.layers[2 * i + 1] as Matrix;
    const w = b.layers[i] as Matrix;
    const nIn = w[0]?.length ?? 0;
    if ((u[0]?.length ?? -1) !== nIn || v.length !== w.length) return undefined;
    const inputs = singleInputs(u);
    if (!inputs) return undefined;
    const p = zeroMatrix(w.length, nIn);
    const q = zeroMatrix(w.length, nIn);
    v.forEach((row, r) => {
      checkpoint?.();
      const pr = p[r] as Rational[];
      const qr = q[r] as Rational[];
      row.forEach((vt, t) => {
        const j = inputs[t] as number;
        if (j < 0 || vt.isZero()) return;
        const ut = (u[t] as readonly Rational[])[j] as Rational;
        if (ut.sign() > 0) pr[j] = (pr[j] as Rational).add(vt.mul(ut));
        else qr[j] = (qr[j] as Rational).sub(vt.mul(ut));
      });
    });
    out.push({ p, q });
  }
  return out;
}

function formOf(a: Network, b: Network, swapped: boolean, checkpoint?: () => void): DifferenceForm | undefined {
  if (sameWidths(a, b)) {
    const d = widths(b)[0] as number;
    const first = b.layers[0] as Matrix;
    return {
      kind: 'same-shape',
      swapped,
      reference: b,
      effective: a.layers,
      diff: a.layers.map((m, i) => subtract(m, b.layers[i] as Matrix)),
      negative: zeroMatrix(first.length, d),
    };
  }
  const parts = collapse(a, b, checkpoint);
  if (!parts) return undefined;
  const first = parts[0] as { p: Rational[][]; q: Rational[][] };
  return {
    kind: 'depth-doubling',
    swapped,
    reference: b,
    effective: parts.map((x) => x.p),
    diff: parts.map((x, i) => subtract(x.p, b.layers[i] as Matrix)),
    negative: first.p.map((row, r) => row.map((v, j) => v.add((first.q[r] as Rational[])[j] as Rational))),
  };
}

/**
 * The difference form of (A, B), trying (B, A) as well (A may be the target and B the
 * subnetwork); undefined when neither order has one. Exact; `checkpoint` may throw to abandon it.
 *
 * @example
 * ```ts
 * const form = differenceForm(sub, target); // a certificate's G~ against its target
 * form?.kind; // 'depth-doubling'
 * ```
 */
export function differenceForm(
  a: Network,
  b: Network,
  options: DifferenceFormOptions = {},
): DifferenceForm | undefined {
  return formOf(a, b, false, options.checkpoint) ?? formOf(b, a, true, options.checkpoint);
}

/**
 * The non-reference network of the form (A, or B when the form is swapped) rebuilt from the form
 * alone, as a function: depth l + 1, a first layer [I; -I] giving (x^+, x^-), then [P_1, Q] with
 * Q = S - P_1, then P_2, ..., P_l. Tests evaluate it exactly to check that the form is an identity.
 *
 * @example
 * ```ts
 * forward(alignedNetwork(form), x); // equals forward(a, x) exactly
 * ```
 */
export function alignedNetwork(form: DifferenceForm): Network {
  const d = (form.reference.layers[0] as Matrix)[0]?.length ?? 0;
  const lift: Rational[][] = [];
  for (let m = 0; m < d; m++) lift.push(Array.from({ length: d }, (_, k) => (k === m ? Rational.ONE : Rational.ZERO)));
  for (let m = 0; m < d; m++)
    lift.push(Array.from({ length: d }, (_, k) => (k === m ? Rational.MINUS_ONE : Rational.ZERO)));
  // z~_1 = P_1 x^+ + Q x^- with Q = S - P_1; P_1 = E_1 + W_1
  const w1 = form.reference.layers[0] as Matrix;
  const p1 = (form.diff[0] as Matrix).map((row, r) =>
    row.map((e, j) => e.add((w1[r] as readonly Rational[])[j] as Rational)),
  );
  const first = p1.map((row, r) => [
    ...row,
    ...row.map((p, j) => ((form.negative[r] as readonly Rational[])[j] as Rational).sub(p)),
  ]);
  // the lift's outputs x^+, x^- are >= 0, so the ReLU after [I; -I] is exact
  return { layers: [lift, first, ...form.effective.slice(1)] };
}
