/**
 * slth's fast-check arbitraries and falsification engine (`import { ... } from 'slth/arbitraries'`),
 * for writing properties of your own with fast-check or @fast-check/vitest: targets satisfying
 * hypothesis H exactly (and H' on request), seeds of the random network G, pool sizes, and
 * `falsify`, which searches, shrinks and reports counterexamples to a claim.
 *
 * @example
 * ```ts
 * import { test } from '@fast-check/vitest';
 * import { gSeedArbitrary, targetArbitrary } from 'slth/arbitraries';
 * import { checkH } from 'slth';
 * test.prop([targetArbitrary({ widths: [2, 3, 1] }), gSeedArbitrary()])('targets satisfy H', (t) => checkH(t).holds);
 * ```
 */
import fc from 'fast-check';
import { Rational } from './numeric/rational.js';

export type { TargetArbOptions } from './falsify/arbitraries.js';
export { gSeedArbitrary, normalise, targetArbitrary, widthsArbitrary } from './falsify/arbitraries.js';
export type { Counterexample, FalsifyOptions, FalsifyResult } from './falsify/falsify.js';
export { falsify } from './falsify/falsify.js';

/**
 * Pool sizes (units per pool) from `min` to `max`, shrinking toward `min`: undersized widths for
 * a construction whose stated pool is far larger.
 *
 * @example
 * ```ts
 * fc.sample(poolArbitrary(1, 64), 3); // e.g. [17n, 1n, 64n]
 * ```
 */
export function poolArbitrary(min = 1, max = 1_000_000): fc.Arbitrary<bigint> {
  return fc.integer({ min, max }).map((k) => BigInt(k));
}

/**
 * Exact dyadic weights uniform on the grid k / 2^bits of [-1, 1] (no bias toward small values,
 * unlike fc.double), as Rationals.
 *
 * @example
 * ```ts
 * fc.sample(uniformWeightArbitrary(10), 2); // e.g. [Rational 341/1024, Rational -7/512]
 * ```
 */
export function uniformWeightArbitrary(bits = 30): fc.Arbitrary<Rational> {
  const lim = 2 ** bits;
  return fc.noBias(fc.integer({ min: -lim, max: lim })).map((k) => Rational.dyadic(BigInt(k), -bits));
}
