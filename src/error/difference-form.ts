/**
 * The difference form of a pair of networks: D = A - B written layer by layer at B's layer
 * boundaries, so that the difference of the two networks can be propagated instead of bounding
 * each network on its own (see {@link differenceBounds} in differential.ts).
 *
 * Let B have layers W_1, ..., W_l, h_0 = x, z_i = W_i h_{i-1}, h_i = sigma(z_i). The form holds
 * exact rational matrices P_1, ..., P_l and S (layer 1) such that, with E_i = P_i - W_i, A's
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
 * (E_i is not stored: differential.ts forms it in fixed point, E_i = P_i - W_i entry by entry.)
 * Any other pair has no difference form (undefined), and the sup error falls back to bounding the
 * two networks separately.
 */
import { InputError } from '../errors.js';
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
  /** `effective[i]` is P_{i+1}. */
  readonly effective: readonly Matrix[];
  /** S, the coefficient of x^- in layer 1; undefined when it is 0 (same-shape pairs). */
  readonly negative?: Matrix;
  /** Q = S - P_1, A's coefficient of x^- in layer 1 (kept to rebuild A; -P_1 when absent). */
  readonly negativePart?: Matrix;
}

/** Options of {@link differenceForm}. */
export interface DifferenceFormOptions {
  /** Called now and then; throw from it to abandon a long computation (the wall-clock budget). */
  readonly checkpoint?: () => void;
}

function zeroMatrix(rows: number, cols: number): Rational[][] {
  return Array.from({ length: rows }, () => new Array<Rational>(cols).fill(Rational.ZERO));
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
  if (sameWidths(a, b)) return { kind: 'same-shape', swapped, reference: b, effective: a.layers };
  const parts = collapse(a, b, checkpoint);
  if (!parts) return undefined;
  const first = parts[0] as { p: Rational[][]; q: Rational[][] };
  return {
    kind: 'depth-doubling',
    swapped,
    reference: b,
    effective: parts.map((x) => x.p),
    negative: first.p.map((row, r) => row.map((v, j) => v.add((first.q[r] as Rational[])[j] as Rational))),
    negativePart: first.q,
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
  // z~_1 = P_1 x^+ + Q x^- with Q = S - P_1
  const p1 = form.effective[0] as Matrix;
  const q = form.negativePart;
  const first = p1.map((row, r) => [
    ...row,
    ...(q
      ? (q[r] as readonly Rational[])
      : row.map((p, j) =>
          (form.negative ? ((form.negative[r] as readonly Rational[])[j] as Rational) : Rational.ZERO).sub(p),
        )),
  ]);

  // the lift's outputs x^+, x^- are >= 0, so the ReLU after [I; -I] is exact
  return { layers: [lift, first, ...form.effective.slice(1)] };
}

/** One kept gadget as {@link gadgetForm} needs it (structurally a certificate's gadget). */
export interface FormGadget {
  readonly layer: number;
  readonly row: number;
  readonly col: number;
  readonly plus: { readonly unit: number; readonly u: Rational; readonly v: Rational };
  readonly minus: { readonly unit: number; readonly u: Rational; readonly v: Rational };
}

/**
 * The difference form of a certificate's subnetwork G~ against its target F, computed from the
 * kept gadgets in O(gadgets), without building G~: the same P_i and S as
 * `differenceForm(subnetwork(widths, gadgets), target)` (units shared by gadgets are one unit;
 * a unit's output weight to a row is the last one given, as the subnetwork builder does).
 * Gadgets that address no target weight, or a unit used with two columns or two input weights,
 * are an {@link InputError}.
 *
 * @example
 * ```ts
 * const form = gadgetForm(target, gadgets); // form.kind === 'depth-doubling'
 * ```
 */
export function gadgetForm(target: Network, gadgets: readonly FormGadget[]): DifferenceForm {
  const ws = widths(target);
  const l = target.layers.length;
  const units: Map<number, { col: number; u: Rational }>[] = Array.from({ length: l }, () => new Map());
  // output weight of (layer, row, unit), last one wins
  const outs: Map<string, { row: number; unit: number; v: Rational }>[] = Array.from({ length: l }, () => new Map());
  for (const g of gadgets) {
    const ok =
      Number.isInteger(g.layer) &&
      g.layer >= 1 &&
      g.layer <= l &&
      g.row >= 0 &&
      g.row < (ws[g.layer] as number) &&
      g.col >= 0 &&
      g.col < (ws[g.layer - 1] as number);
    if (!ok) throw new InputError(`gadget (layer ${g.layer}, row ${g.row}, col ${g.col}) addresses no target weight`);
    const um = units[g.layer - 1] as Map<number, { col: number; u: Rational }>;
    const om = outs[g.layer - 1] as Map<string, { row: number; unit: number; v: Rational }>;
    for (const s of [g.plus, g.minus]) {
      const prev = um.get(s.unit);
      if (prev && (prev.col !== g.col || !prev.u.eq(s.u)))
        throw new InputError(`unit ${s.unit} of G layer ${2 * g.layer - 1} is used inconsistently`);
      um.set(s.unit, { col: g.col, u: s.u });
      om.set(`${g.row}:${s.unit}`, { row: g.row, unit: s.unit, v: s.v });
    }
  }
  const parts = target.layers.map((w, i) => {
    const nIn = (w[0] as readonly Rational[]).length;
    const p = zeroMatrix(w.length, nIn);
    const q = zeroMatrix(w.length, nIn);
    const um = units[i] as Map<number, { col: number; u: Rational }>;
    for (const { row, unit, v } of (outs[i] as Map<string, { row: number; unit: number; v: Rational }>).values()) {
      const { col, u } = um.get(unit) as { col: number; u: Rational };
      if (v.isZero() || u.isZero()) continue;
      const pr = p[row] as Rational[];
      const qr = q[row] as Rational[];
      if (u.sign() > 0) pr[col] = (pr[col] as Rational).add(v.mul(u));
      else qr[col] = (qr[col] as Rational).sub(v.mul(u));
    }
    return { p, q };
  });
  const first = parts[0] as { p: Rational[][]; q: Rational[][] };
  return {
    kind: 'depth-doubling',
    swapped: false,
    reference: target,
    effective: parts.map((x) => x.p),
    negative: first.p.map((row, r) => row.map((v, j) => v.add((first.q[r] as Rational[])[j] as Rational))),
    negativePart: first.q,
  };
}
