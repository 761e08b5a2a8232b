/**
 * Bias-free ReLU networks with exact weights.
 *
 * A network with widths n_0 = d, n_1, ..., n_l is a list of l matrices, W_i of shape
 * n_i x n_{i-1} (row-major: `layers[i-1][r][j]` is W_i[r, j]). Semantics: h_0 = x,
 * h_i = sigma(W_i h_{i-1}) for i < l, and N(x) = W_l h_{l-1} (no ReLU after the last layer).
 */
import { Rational } from '../numeric/rational.js';

/** A matrix of exact weights, row-major. */
export type Matrix = readonly (readonly Rational[])[];

/** A bias-free ReLU network: `layers[i]` is the weight matrix of layer i+1. */
export interface Network {
  readonly layers: readonly Matrix[];
}

/**
 * ReLU, sigma(a) = max(a, 0), exactly.
 *
 * @example
 * ```ts
 * relu(Rational.of(-2)).toString(); // '0'
 * ```
 */
export function relu(a: Rational): Rational {
  return a.sign() > 0 ? a : Rational.ZERO;
}

/**
 * The widths n_0, ..., n_l of a (validated) network.
 *
 * @example
 * ```ts
 * widths(net); // [3, 4, 4, 1]
 * ```
 */
export function widths(net: Network): number[] {
  const first = net.layers[0];
  if (!first) return [];
  const w = [first[0]?.length ?? 0];
  for (const m of net.layers) w.push(m.length);
  return w;
}

/**
 * Number of target weights N_w = sum_i n_i n_{i-1}.
 *
 * @example
 * ```ts
 * weightCount(net); // 3*4 + 4*4 + 4*1 = 32 for widths 3,4,4,1
 * ```
 */
export function weightCount(net: Network): number {
  let n = 0;
  for (const m of net.layers) n += m.length * (m[0]?.length ?? 0);
  return n;
}

/**
 * Exact matrix-vector product W x.
 *
 * @example
 * ```ts
 * matVec([[Rational.ONE, Rational.ONE]], [Rational.ONE, Rational.ONE]); // [2]
 * ```
 */
export function matVec(w: Matrix, x: readonly Rational[]): Rational[] {
  return w.map((row) => {
    let s = Rational.ZERO;
    for (let j = 0; j < row.length; j++) s = s.add((row[j] as Rational).mul(x[j] as Rational));
    return s;
  });
}

/**
 * Exact forward pass N(x) over rationals.
 *
 * @example
 * ```ts
 * forward(net, [Rational.parse('1/3')]); // exact outputs
 * ```
 */
export function forward(net: Network, x: readonly Rational[]): Rational[] {
  let h: Rational[] = [...x];
  net.layers.forEach((w, i) => {
    h = matVec(w, h);
    if (i < net.layers.length - 1) h = h.map(relu);
  });
  return h;
}

/** A network's weights as float64 (nearest doubles): for fast estimates only. */
export interface FloatNetwork {
  readonly layers: readonly Float64Array[][];
}

/**
 * Float64 copy of a network (each weight rounded to nearest; exact for dyadic weights that fit).
 *
 * @example
 * ```ts
 * const f = toFloat(net); forwardFloat(f, [0.5]);
 * ```
 */
export function toFloat(net: Network): FloatNetwork {
  return { layers: net.layers.map((m) => m.map((row) => Float64Array.from(row, (q) => q.toNumber()))) };
}

/**
 * Fast float64 forward pass: an estimate, never a verdict.
 *
 * @example
 * ```ts
 * forwardFloat(toFloat(net), [0.5, -0.25]);
 * ```
 */
export function forwardFloat(net: FloatNetwork, x: ArrayLike<number>): Float64Array {
  let h = Float64Array.from(x as ArrayLike<number>);
  const L = net.layers.length;
  for (let i = 0; i < L; i++) {
    const w = net.layers[i] as Float64Array[];
    const out = new Float64Array(w.length);
    for (let r = 0; r < w.length; r++) {
      const row = w[r] as Float64Array;
      let s = 0;
      for (let j = 0; j < row.length; j++) s += (row[j] as number) * (h[j] as number);
      out[r] = i < L - 1 && s < 0 ? 0 : s;
    }
    h = out;
  }
  return h;
}
