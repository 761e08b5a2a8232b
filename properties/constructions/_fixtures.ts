/** Shared test data for construction and kernel properties. */
import fc from 'fast-check';
import { Rational } from '../../src/numeric/rational.js';
import { generateTarget } from '../../src/network/generate.js';
import type { Network } from '../../src/network/network.js';

/** Small target shapes: d in 1..3, 1..3 layers of width 1..3. Shrinks toward fewer, narrower layers. */
export const widthsArb = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }))
  .map(([d, rest]) => [d, ...rest]);

/** Seeds from a safe alphabet. */
export const seedArb = fc.stringMatching(/^[a-z0-9]{1,8}$/);

/** A target satisfying H exactly, from a shape and a generator seed. */
export const targetArb = fc
  .tuple(widthsArb, seedArb)
  .map(([w, s]): { widths: number[]; target: Network } => ({ widths: w, target: generateTarget(w, s) }));

/** eps values used at stated widths. */
export const epsArb = fc.constantFrom('1/2', '1/4', '1/10').map((e) => Rational.parse(e));

/** delta used at stated widths (the width grows only like ln(1/delta)). */
export const DELTA = Rational.parse('1e-9');

/** A rational point of the closed unit ball (a grid point scaled so that ||x||^2 <= 1 exactly). */
export function ballPointArb(d: number): fc.Arbitrary<Rational[]> {
  return fc
    .array(fc.noBias(fc.integer({ min: -(2 ** 16), max: 2 ** 16 })), { minLength: d, maxLength: d })
    .map((ks) => {
      const x = ks.map((k) => Rational.of(k, 2 ** 16));
      const n2 = x.reduce((s, v) => s.add(v.mul(v)), Rational.ZERO);
      return n2.le(Rational.ONE) ? x : x.map((v) => v.div(Rational.of(d)));
    });
}

/** ||a - b||^2 exactly. */
export function distSquared(a: readonly Rational[], b: readonly Rational[]): Rational {
  return a.reduce((s, v, i) => {
    const dlt = v.sub(b[i] as Rational);
    return s.add(dlt.mul(dlt));
  }, Rational.ZERO);
}
