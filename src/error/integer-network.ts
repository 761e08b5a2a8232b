/**
 * Exact forward passes over integers: each layer W_i = M_i / q_i with an integer matrix M_i and
 * q_i the least common multiple of the layer's denominators (the largest one when all are powers
 * of two, as for every weight of G and of generated targets).
 *
 * With x = X / q_x, h_i = sigma(M_i h_{i-1}) / (q_x q_1 ... q_i) holds exactly, since ReLU commutes
 * with positive scaling. No fraction is reduced inside the loop, so a pass costs one BigInt
 * multiply-add per weight, many times cheaper than the same pass over reduced rationals; only
 * the final ratio ||D(x)||^2 / ||x||^2 is reduced, once. The result is the exact rational.
 */
import { Rational, gcd, isPowerOfTwo } from '../numeric/rational.js';
import type { Network } from '../network/network.js';
import type { FixedNetwork } from './linear-bounds.js';

/** A network as integer matrices with one denominator per layer. */
export interface IntegerNetwork {
  readonly layers: readonly { readonly m: readonly (readonly bigint[])[]; readonly q: bigint }[];
}

/**
 * The integer form of a network; `checkpoint` (called once per row) may throw to abandon it.
 *
 * @example
 * ```ts
 * toIntegerNetwork({ layers: [[[Rational.of(1, 2), Rational.of(1, 3)]]] }).layers[0]; // { m: [[3n, 2n]], q: 6n }
 * ```
 */
export function toIntegerNetwork(net: Network, checkpoint?: () => void): IntegerNetwork {
  return {
    layers: net.layers.map((w) => {
      const dens = new Set<bigint>();
      for (const row of w) for (const v of row) dens.add(v.den);
      let q = 1n;
      for (const den of dens) {
        if (isPowerOfTwo(den) && isPowerOfTwo(q)) q = den > q ? den : q;
        else q = (q / gcd(q, den)) * den;
      }
      const factor = new Map<bigint, bigint>();
      for (const den of dens) factor.set(den, q / den);
      const m = w.map((row) => {
        checkpoint?.();
        return row.map((v) => v.num * (factor.get(v.den) as bigint));
      });
      return { m, q };
    }),
  };
}

/**
 * The integer form of a fixed-point network whose weights are all exact (`net.exact`): the
 * fixed-point integers over 2^fracBits. No conversion work, no extra memory.
 *
 * @example
 * ```ts
 * const fnet = toFixedNetwork(net);
 * if (fnet.exact) integerFromFixed(fnet); // same function as toIntegerNetwork(net)
 * ```
 */
export function integerFromFixed(net: FixedNetwork): IntegerNetwork {
  if (!net.exact) throw new RangeError('integerFromFixed needs a network whose weights are exact in fixed point');
  const q = 1n << BigInt(net.fracBits);
  return { layers: net.w.map((m) => ({ m, q })) };
}

/**
 * The exact output of an integer network at X / q_x: numerators and the common denominator.
 *
 * @example
 * ```ts
 * integerForward(toIntegerNetwork(net), [1n, 2n], 4n); // { y: [...], q: 4n * q_1 * ... }
 * ```
 */
export function integerForward(
  net: IntegerNetwork,
  x: readonly bigint[],
  qx: bigint,
  checkpoint?: () => void,
): { y: bigint[]; q: bigint } {
  let h: readonly bigint[] = x;
  let q = qx;
  const L = net.layers.length;
  net.layers.forEach(({ m, q: ql }, i) => {
    const out: bigint[] = new Array<bigint>(m.length);
    for (let r = 0; r < m.length; r++) {
      checkpoint?.();
      const row = m[r] as readonly bigint[];
      let s = 0n;
      for (let j = 0; j < row.length; j++) {
        const w = row[j] as bigint;
        if (w !== 0n) s += w * (h[j] as bigint);
      }
      out[r] = i < L - 1 && s < 0n ? 0n : s;
    }
    h = out;
    q *= ql;
  });
  return { y: [...h], q };
}

/**
 * A rational vector as integer numerators over one common denominator.
 *
 * @example
 * ```ts
 * commonDenominator([Rational.of(1, 2), Rational.of(3, 4)]); // { x: [2n, 3n], q: 4n }
 * ```
 */
export function commonDenominator(x: readonly Rational[]): { x: bigint[]; q: bigint } {
  let q = 1n;
  for (const v of x) {
    if (isPowerOfTwo(v.den) && isPowerOfTwo(q)) q = v.den > q ? v.den : q;
    else q = (q / gcd(q, v.den)) * v.den;
  }
  return { x: x.map((v) => v.num * (q / v.den)), q };
}

/**
 * Exact ||A(x) - B(x)||^2 / ||x||^2 at a non-zero rational point, from the integer forms.
 *
 * @example
 * ```ts
 * integerRatioSquared(toIntegerNetwork(a), toIntegerNetwork(b), x); // equals ratioSquared(a, b, x)
 * ```
 */
export function integerRatioSquared(
  a: IntegerNetwork,
  b: IntegerNetwork,
  x: readonly Rational[],
  checkpoint?: () => void,
): Rational {
  const { x: num, q } = commonDenominator(x);
  let nx = 0n;
  for (const v of num) nx += v * v;
  if (nx === 0n) throw new RangeError('ratio at the zero vector');
  const ya = integerForward(a, num, q, checkpoint);
  const yb = integerForward(b, num, q, checkpoint);
  // D_k = ya_k / qa - yb_k / qb = (ya_k qb - yb_k qa) / (qa qb); ||x||^2 = nx / q^2
  let s = 0n;
  ya.y.forEach((v, k) => {
    const t = v * yb.q - (yb.y[k] as bigint) * ya.q;
    s += t * t;
  });
  const den = ya.q * yb.q;
  return Rational.of(s * q * q, den * den * nx);
}
