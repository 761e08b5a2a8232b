/**
 * Lemma 4 (docs/MATH.md §5.4): the certified error-propagation bound of a subnetwork. The
 * constructions fill in their certificates' stated figures with it and the lemma checker checks
 * it; the kernel recomputes it with its own code.
 *
 * a_i is a certified upper bound of ||E_i||_2 (E_i the matrix of realised gadget errors), s_i of
 * ||W_i||_2 (1 when hypothesis H holds for the layer, decided exactly). With B_0 = 1, Delta_0 = 0:
 * Delta_i = s_i Delta_{i-1} + a_i (B_{i-1} + Delta_{i-1}), B_i = s_i B_{i-1}; the bound is Delta_l.
 */
import { Rational } from '../numeric/rational.js';
import type { Matrix } from '../network/network.js';
import { spectralAtMostOne, spectralUpper } from '../network/norms.js';

/** Per-layer figures of the bound. */
export interface LayerBound {
  readonly layer: number;
  readonly a: Rational;
  readonly s: Rational;
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
