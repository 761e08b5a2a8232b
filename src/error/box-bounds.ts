/**
 * How branch-and-bound bounds ||D(x)||^2 / ||x||^2 on a box, chosen once per pair:
 *
 * - `differential`: the pair has a difference form (a certificate's G~ against its target, or
 *   any other depth-doubling subnetwork of single-input units) and the difference is
 *   propagated ({@link differentialBoxBound});
 * - `differential+separate`: A and B have the same shape; both bounds are computed and the
 *   smaller one is used (the difference wins when A tracks B, the separate bounds can win for
 *   unrelated networks);
 * - `separate`: any other pair; A and B are bounded on their own ({@link boxBoundSquared}).
 *
 * Every bound is certified; `cost` estimates BigInt multiply-adds per box so that the caller can
 * decide between symbolic and concrete bounds deterministically (without timing anything).
 */
import type { Network } from '../network/network.js';
import { coarseBound, coarseFormPair, coarsePair, type CoarsePair } from './coarse.js';
import { differenceForm, type DifferenceForm } from './difference-form.js';
import { differentialBoxBound, toFixedForm, type FixedDifferenceForm } from './differential.js';
import { ceilShift } from '../numeric/fixed.js';
import {
  outputBounds,
  ratioBoundSquared,
  fixedLayer,
  toFixedNetwork,
  type Affine,
  type FixedBox,
  type FixedMatrix,
  type FixedNetwork,
  type OutputBoundOptions,
} from './linear-bounds.js';
import { floatMatrix, type FloatPair } from './witness.js';

/**
 * A certified upper bound (fixed point, rounded up) of max over the box of ||D(x)||^2 / ||x||^2;
 * the box must avoid 0 (on a face of the cube it does).
 *
 * @example
 * ```ts
 * boxBoundSquared(toFixedNetwork(a), toFixedNetwork(b), face); // fixed-point bound
 * ```
 */
export function boxBoundSquared(
  fa: FixedNetwork,
  fb: FixedNetwork,
  box: FixedBox,
  options: OutputBoundOptions = {},
): bigint {
  if (fa.fracBits !== fb.fracBits) throw new RangeError('boxBoundSquared: networks with different fixed-point scales');
  const bits = fa.fracBits;
  const symbolic = !options.ball && (options.symbolic ?? true);
  const ba = outputBounds(fa, box, options);
  const bb = outputBounds(fb, box, options);
  // D_k <= upper_A - lower_B and >= lower_A - upper_B, combined before being maximised
  const upper = ba.upper.map((ua, k) => ua.map((c, m) => c - ((bb.lower[k] as Affine)[m] as bigint)));
  const lower = ba.lower.map((la, k) => la.map((c, m) => c - ((bb.upper[k] as Affine)[m] as bigint)));
  if (!options.ball) return ratioBoundSquared(lower, upper, box, symbolic, bits);
  // over the ball sup ||D||^2 <= sum c_k^2
  let s = 0n;
  upper.forEach((u, k) => {
    const hi = u[0] as bigint;
    const lo = (lower[k] as Affine)[0] as bigint;
    const c = (hi < 0n ? -hi : hi) > (lo < 0n ? -lo : lo) ? hi : lo;
    s += c * c;
  });
  return ceilShift(s, BigInt(bits));
}

/** Which bound a pair gets ('coarse': interval bounds on 53-bit integers, coarse.ts, for large pairs). */
export type BoundMethod = 'separate' | 'differential' | 'differential+separate' | 'coarse';

/** How one box is bounded. */
export interface BoxBoundMode {
  /** Affine bounds in x (true) or interval constants (false). */
  readonly symbolic: boolean;
  /** Bound over the whole unit ball (the box must then be the cube; implies constants). */
  readonly ball?: boolean;
  /** Called once per unit; may throw to abandon the bound. */
  readonly checkpoint?: () => void;
}

/** A pair prepared for box bounds. */
export interface PairBounder {
  readonly method: BoundMethod;
  /** The difference form, when there is one. */
  readonly form?: DifferenceForm;
  /** The integer form of a large pair (coarse bounds), when that is the method. */
  readonly coarse?: CoarsePair;
  /** A and B in fixed point, when they were converted. */
  readonly fixed?: { readonly a: FixedNetwork; readonly b: FixedNetwork };
  /** Estimated BigInt multiply-adds of one concrete box bound (a symbolic one: times d + 1). */
  readonly cost: number;
  /** Certified upper bound (fixed point) of max over the box of ||D(x)||^2 / ||x||^2. */
  bound(box: FixedBox, mode: BoxBoundMode): bigint;
}

/** Options of {@link pairBounder}. */
export interface PairBounderOptions {
  /** 'auto' (default) picks as described in the module comment; the others force a method. */
  readonly bounds?: 'auto' | 'separate' | 'differential';
  /** Called now and then while preparing; may throw to abandon. */
  readonly checkpoint?: () => void;
  /** The pair's difference form when the caller has it (e.g. from a certificate's gadgets). */
  readonly form?: DifferenceForm;
  /** NEGATIVE CONTROL ONLY: the differential bound forgets the ReLU crossing case. */
  readonly _dropCrossing?: boolean;
}

function weights(layers: readonly { readonly w: readonly (readonly bigint[])[] }[]): number {
  let n = 0;
  for (const m of layers) n += m.w.length * (m.w[0]?.length ?? 0);
  return n;
}

/**
 * Prepares a pair for box bounds (exact difference form and fixed-point copies).
 *
 * @example
 * ```ts
 * const pb = pairBounder(sub, target); // pb.method === 'differential' for a certificate
 * pb.bound(cubeFaces(3)[0], { symbolic: true });
 * ```
 */
export function pairBounder(a: Network, b: Network, options: PairBounderOptions = {}): PairBounder {
  const want = options.bounds ?? 'auto';
  const form =
    want === 'separate' ? undefined : (options.form ?? differenceForm(a, b, { checkpoint: options.checkpoint }));
  if (want === 'differential' && !form)
    throw new RangeError('differential bounds need a difference form (same shape, or a depth-doubling subnetwork)');
  const drop = options._dropCrossing === true;
  const separate = !form || (form.kind === 'same-shape' && want === 'auto');
  let fa: FixedNetwork | undefined;
  let fb: FixedNetwork | undefined;
  let sepCost = 0;
  if (separate || form?.kind === 'same-shape') {
    fa = toFixedNetwork(a, undefined, options.checkpoint);
    fb = toFixedNetwork(b, undefined, options.checkpoint);
    if (separate) sepCost = weights(fa.w.map((w) => ({ w }))) + weights(fb.w.map((w) => ({ w })));
  }
  let fixedForm: FixedDifferenceForm | undefined;
  let diffCost = 0;
  if (form) {
    // same shape: the fixed-point layers of A and B are P and W, already converted
    const layersOf = (f: FixedNetwork): FixedMatrix[] => f.w.map((_, i) => fixedLayer(f, i));
    const known =
      fa && fb
        ? {
            reference: layersOf(form.swapped ? fa : fb),
            effective: layersOf(form.swapped ? fb : fa),
          }
        : {};
    fixedForm = toFixedForm(form, undefined, options.checkpoint, known);
    diffCost = weights(fixedForm.reference) + weights(fixedForm.diff) + weights(fixedForm.effective.slice(1));
    if (!fixedForm.negativeZero) diffCost += weights([fixedForm.negative]);
  }
  const method: BoundMethod = !fixedForm ? 'separate' : separate ? 'differential+separate' : 'differential';
  return {
    method,
    ...(form ? { form } : {}),
    ...(fa && fb ? { fixed: { a: fa, b: fb } } : {}),
    cost: 2 * (diffCost + sepCost),
    bound(box, mode) {
      const opts = { symbolic: mode.symbolic, ball: mode.ball ?? false, checkpoint: mode.checkpoint };
      const dBound = fixedForm ? differentialBoxBound(fixedForm, box, { ...opts, _dropCrossing: drop }) : undefined;
      const sBound = separate && fa && fb ? boxBoundSquared(fa, fb, box, opts) : undefined;
      if (dBound === undefined) return sBound as bigint;
      if (sBound === undefined) return dBound;
      return dBound < sBound ? dBound : sBound;
    },
  };
}

/**
 * The bounder of large pairs: interval bounds on 53-bit integers ({@link coarseBound}), always
 * concrete, through the difference form when the pair has a depth-doubling one (else A and B,
 * and for same-shape pairs their difference too); undefined when some weight is too large for
 * that scheme.
 *
 * @example
 * ```ts
 * const pb = coarseBounder(floatPair(a, b)); // pb?.method === 'coarse'
 * ```
 */
export function coarseBounder(pair: FloatPair, form?: DifferenceForm): PairBounder | undefined {
  const cp =
    form?.kind === 'depth-doubling'
      ? coarseFormPair(
          form.reference.layers.map((m) => floatMatrix(m)),
          form.effective.map((m) => floatMatrix(m)),
          form.negative ? floatMatrix(form.negative) : undefined,
        )
      : coarsePair(pair);
  if (!cp) return undefined;
  let cost = 0;
  for (const m of [...pair.a.layers, ...pair.b.layers]) cost += m.length * (m[0]?.length ?? 0);
  return {
    method: 'coarse',
    coarse: cp,
    cost,
    bound(box, mode) {
      return coarseBound(cp, mode.ball ? { ball: true } : { box }, mode.checkpoint);
    },
  };
}
