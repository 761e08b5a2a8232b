/**
 * Shared arbitraries and helpers of the sup-error suites: networks with exact dyadic weights
 * k / 2^12 (and a non-dyadic variant), rational sample points, a capturing CLI runner.
 */
import fc from 'fast-check';
import type { Matrix, Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';

/** A weight k / 2^12 with k uniform in [-2^12, 2^12]. */
export const weight: fc.Arbitrary<Rational> = fc
  .noBias(fc.integer({ min: -(2 ** 12), max: 2 ** 12 }))
  .map((k) => Rational.of(k, 2 ** 12));

/** A non-dyadic weight k / (3 * 2^12), exercising the outward rounding of inexact weights. */
export const thirdsWeight: fc.Arbitrary<Rational> = fc
  .noBias(fc.integer({ min: -(3 * 2 ** 12), max: 3 * 2 ** 12 }))
  .map((k) => Rational.of(k, 3 * 2 ** 12));

/** A weight k / 16 with |k| <= 24: exact at every fixed-point precision >= 4 bits. */
export const gridWeight: fc.Arbitrary<Rational> = fc.integer({ min: -24, max: 24 }).map((k) => Rational.of(k, 16));

/** Shape limits of {@link networkArb}. */
export interface NetShape {
  readonly minHiddenLayers?: number;
  readonly maxHiddenLayers: number;
  readonly maxWidth: number;
}

function matrixArb(rows: number, cols: number, entry: fc.Arbitrary<Rational>): fc.Arbitrary<Matrix> {
  return fc.array(fc.array(entry, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
}

/**
 * A bias-free network with input dim d, output dim `out`, minHiddenLayers (default 0) to
 * maxHiddenLayers hidden layers of
 * widths 1..maxWidth.
 *
 * @example
 * ```ts
 * networkArb(2, 1, { maxHiddenLayers: 2, maxWidth: 4 });
 * ```
 */
export function networkArb(
  d: number,
  out: number,
  shape: NetShape,
  entry: fc.Arbitrary<Rational> = weight,
): fc.Arbitrary<Network> {
  return fc
    .array(fc.integer({ min: 1, max: shape.maxWidth }), {
      minLength: shape.minHiddenLayers ?? 0,
      maxLength: shape.maxHiddenLayers,
    })
    .chain((hidden) => {
      const ws = [d, ...hidden, out];
      const mats: fc.Arbitrary<Matrix>[] = [];
      for (let i = 1; i < ws.length; i++) mats.push(matrixArb(ws[i] as number, ws[i - 1] as number, entry));
      return fc.tuple(...mats).map((layers) => ({ layers }) as Network);
    });
}

/**
 * A rational point exactly on the unit circle: ((1 - t^2), 2t) / (1 + t^2) for rational t, or
 * (-1, 0).
 *
 * @example
 * ```ts
 * fc.sample(unitCirclePoint, 1)[0]; // e.g. [3/5, 4/5]
 * ```
 */
export const unitCirclePoint: fc.Arbitrary<Rational[]> = fc.oneof(
  fc
    .tuple(fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: 1, max: 2000 }))
    .map(([p, q]) => circleAt(Rational.of(p, q))),
  fc.constant<Rational[]>([Rational.MINUS_ONE, Rational.ZERO]),
);

/**
 * The rational point of the unit circle with parameter t (tan of half its angle).
 *
 * @example
 * ```ts
 * circleAt(Rational.of(1, 2)); // [3/5, 4/5]
 * ```
 */
export function circleAt(t: Rational): Rational[] {
  const t2 = t.mul(t);
  const den = Rational.ONE.add(t2);
  return [Rational.ONE.sub(t2).div(den), Rational.of(2).mul(t).div(den)];
}

/**
 * A non-zero rational vector of dimension d with small integer numerator and a common
 * denominator (any direction; the ratio ||D(x)||^2 / ||x||^2 is scale-free).
 *
 * @example
 * ```ts
 * directionArb(3);
 * ```
 */
export function directionArb(d: number): fc.Arbitrary<Rational[]> {
  return fc
    .tuple(
      fc.array(fc.integer({ min: -4096, max: 4096 }), { minLength: d, maxLength: d }),
      fc.integer({ min: 1, max: 4096 }),
    )
    .filter(([v]) => v.some((k) => k !== 0))
    .map(([v, q]) => v.map((k) => Rational.of(k, q)));
}

/**
 * A rational point of the closed unit ball of dimension d (cube points scaled into the ball).
 *
 * @example
 * ```ts
 * ballPointArb(3);
 * ```
 */
export function ballPointArb(d: number): fc.Arbitrary<Rational[]> {
  return fc
    .array(fc.integer({ min: -4096, max: 4096 }), { minLength: d, maxLength: d })
    .map((v) => v.map((k) => Rational.of(k, 4096 * Math.ceil(Math.sqrt(d)))));
}

export { runCli, type Run } from '../_support/cli.js';
