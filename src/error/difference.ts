/**
 * The difference D(x) = A(x) - B(x) of two bias-free ReLU networks, evaluated exactly.
 *
 * D is positively homogeneous (D(c x) = c D(x) for c >= 0), so for every x != 0 the ratio
 * ||D(x)||^2 / ||x||^2 is the squared error at the unit vector x / ||x||, and it is a lower bound
 * of sup_{||x|| <= 1} ||D(x)||^2. Every lower bound the sup-error module reports is such an exact
 * ratio at a rational point.
 */
import { ensure } from '../errors.js';
import { ceilDyadic, floorDyadic, sqrtUpper } from '../numeric/certified.js';
import { Rational } from '../numeric/rational.js';
import { forward, widths, type Network } from '../network/network.js';

/** Input and output dimensions shared by the two networks. */
export interface PairDims {
  readonly inputDim: number;
  readonly outputDim: number;
}

/**
 * Checks that A and B are non-empty networks with the same input dimension d and the same
 * output dimension, and returns them. A mismatch is an {@link InputError}.
 *
 * @example
 * ```ts
 * pairDims(a, b); // { inputDim: 2, outputDim: 1 }
 * ```
 */
export function pairDims(a: Network, b: Network): PairDims {
  const wa = widths(a);
  const wb = widths(b);
  ensure(wa.length >= 2 && (wa[0] ?? 0) > 0, 'network A has no layers');
  ensure(wb.length >= 2 && (wb[0] ?? 0) > 0, 'network B has no layers');
  const da = wa[0] as number;
  const db = wb[0] as number;
  const oa = wa[wa.length - 1] as number;
  const ob = wb[wb.length - 1] as number;
  ensure(da === db, `input dimensions differ: A has d = ${da}, B has d = ${db}`);
  ensure(oa === ob, `output dimensions differ: A has ${oa} output${oa === 1 ? '' : 's'}, B has ${ob}`);
  return { inputDim: da, outputDim: oa };
}

/**
 * Exact D(x) = A(x) - B(x).
 *
 * @example
 * ```ts
 * difference(a, b, [Rational.ONE, Rational.ZERO]); // exact output vector
 * ```
 */
export function difference(a: Network, b: Network, x: readonly Rational[]): Rational[] {
  const ya = forward(a, x);
  const yb = forward(b, x);
  return ya.map((v, k) => v.sub(yb[k] as Rational));
}

/**
 * Squared Euclidean norm of a rational vector.
 *
 * @example
 * ```ts
 * squaredNorm([Rational.of(3), Rational.of(4)]).toString(); // '25'
 * ```
 */
export function squaredNorm(x: readonly Rational[]): Rational {
  let s = Rational.ZERO;
  for (const v of x) s = s.add(v.mul(v));
  return s;
}

/**
 * Exact ||D(x)||^2 / ||x||^2 for x != 0: the squared error at the direction of x, a lower bound
 * of the squared sup error.
 *
 * @example
 * ```ts
 * ratioSquared(a, b, [Rational.ONE, Rational.ONE]); // ||D(1,1)||^2 / 2
 * ```
 */
export function ratioSquared(a: Network, b: Network, x: readonly Rational[]): Rational {
  const n = squaredNorm(x);
  if (n.isZero()) throw new RangeError('ratioSquared at the zero vector');
  return squaredNorm(difference(a, b, x)).div(n);
}

/**
 * The same direction as x (a positive multiple of it) with ||result||_2 <= 1 exactly and a
 * short dyadic factor: x * c with c <= 1 / ||x|| (c = 1 when x is already in the ball).
 *
 * @example
 * ```ts
 * intoBall([Rational.of(3), Rational.of(4)]); // about [3/5, 4/5], with squared norm <= 1
 * ```
 */
export function intoBall(x: readonly Rational[]): Rational[] {
  const n = squaredNorm(x);
  if (n.le(Rational.ONE) || n.isZero()) return [...x];
  let bits = 64;
  for (;;) {
    const c = floorDyadic(Rational.ONE.div(ceilDyadic(sqrtUpper(n, bits), bits)), bits);
    const y = x.map((v) => v.mul(c));
    if (squaredNorm(y).le(Rational.ONE) && c.sign() > 0) return y;
    bits *= 2; // cannot happen with the bounds above; kept as a guard
  }
}
