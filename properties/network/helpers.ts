/**
 * Shared helpers of the network property suites: a capturing Io, arbitraries of exact weights.
 */
import fc from 'fast-check';
import type { Matrix, Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';

export { runCli, type Run } from '../_support/cli.js';

/** Uniform dyadic k / 2^20 in [-1, 1] (no bias towards special values). */
export const dyadic20 = fc.noBias(fc.integer({ min: -(2 ** 20), max: 2 ** 20 })).map((k) => Rational.of(k, 2 ** 20));

/** Uniform dyadic k / 2^10 in [-1, 1]. */
export const dyadic10 = fc.noBias(fc.integer({ min: -(2 ** 10), max: 2 ** 10 })).map((k) => Rational.of(k, 2 ** 10));

/** A rational p/q with |p| <= 1000, 1 <= q <= 1000 (not dyadic in general). */
export const smallRational = fc
  .tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 1000 }))
  .map(([p, q]) => Rational.of(p, q));

/**
 * A matrix of the given shape with entries from `entry`.
 *
 * @example
 * ```ts
 * matrixArb(2, 3, dyadic20);
 * ```
 */
export function matrixArb(rows: number, cols: number, entry: fc.Arbitrary<Rational>): fc.Arbitrary<Matrix> {
  return fc.array(fc.array(entry, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
}

/**
 * A network with widths drawn from `widthsArb` and entries from `entry`.
 *
 * @example
 * ```ts
 * networkArb(fc.constant([2, 3, 1]), dyadic10);
 * ```
 */
export function networkArb(
  widthsArb: fc.Arbitrary<number[]>,
  entry: fc.Arbitrary<Rational>,
): fc.Arbitrary<{ widths: number[]; net: Network }> {
  return widthsArb.chain((ws) => {
    const mats = ws.slice(1).map((n, i) => matrixArb(n, ws[i] as number, entry));
    return fc.tuple(...mats).map((layers) => ({ widths: ws, net: { layers } }));
  });
}

/** Widths n_0..n_l with 1 <= l <= maxDepth and 1 <= n_i <= maxWidth. */
export function widthsArb(maxDepth: number, maxWidth: number): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 1, max: maxWidth }), { minLength: 2, maxLength: maxDepth + 1 });
}

/** Rational matrix from a list of rows of strings (exact). */
export function mat(rows: readonly (readonly (string | number)[])[]): Rational[][] {
  return rows.map((r) => r.map((x) => (typeof x === 'number' ? Rational.of(x) : Rational.parse(x))));
}

/** Multiplies every entry by c. */
export function scale(m: Matrix, c: Rational): Rational[][] {
  return m.map((r) => r.map((x) => x.mul(c)));
}
