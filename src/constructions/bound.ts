/**
 * The certified Lemma 4 bound of a subnetwork, computed by the producer. (The kernel recomputes it
 * on its own; this copy only fills in the certificate's stated figures.)
 *
 * a_i is a certified upper bound of ||E_i||_2 (E_i the matrix of realised gadget errors), s_i of
 * ||W_i||_2 (1 when hypothesis H holds for the layer, decided exactly). With B_0 = 1, Delta_0 = 0:
 * Delta_i = s_i Delta_{i-1} + a_i (B_{i-1} + Delta_{i-1}), B_i = s_i B_{i-1}; the bound is Delta_l.
 */
import { Rational } from '../numeric/rational.js';
import type { Matrix } from '../network/network.js';
import { frobeniusUpper, rowColUpper, spectralAtMostOne, spectralUpper } from '../network/norms.js';

/** Per-layer figures of the bound. */
export interface LayerBound {
  readonly layer: number;
  readonly a: Rational;
  readonly s: Rational;
}

/**
 * Certified upper bound of ||E||_2 for an error matrix: the smaller of the Frobenius bound and
 * sqrt(||E||_1 ||E||_inf).
 *
 * @example
 * ```ts
 * errorNormUpper([[Rational.parse('0.01')]]); // a 128-bit dyadic just above 1/100
 * ```
 */
export function errorNormUpper(e: Matrix): Rational {
  return Rational.min(frobeniusUpper(e), rowColUpper(e));
}

/**
 * Certified upper bound s of ||W||_2: exactly 1 when ||W||_2 <= 1 is decided, else a cheap bound.
 *
 * @example
 * ```ts
 * weightNormUpper([[Rational.parse('0.5')]]).toString(); // '1'
 * ```
 */
export function weightNormUpper(w: Matrix): Rational {
  return spectralAtMostOne(w) ? Rational.ONE : spectralUpper(w);
}

/**
 * The Lemma 4 chain: Delta_l from per-layer (a_i, s_i).
 *
 * @example
 * ```ts
 * lemma4Chain([{ layer: 1, a: Rational.parse('0.1'), s: Rational.ONE }]).toString(); // '1/10'
 * ```
 */
export function lemma4Chain(layers: readonly LayerBound[]): Rational {
  let B = Rational.ONE;
  let D = Rational.ZERO;
  for (const { a, s } of layers) {
    D = s.mul(D).add(a.mul(B.add(D)));
    B = s.mul(B);
  }
  return D;
}
