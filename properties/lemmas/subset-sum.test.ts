/**
 * Lemma 6a (subset-sum cover): the fast exact decision agrees with full enumeration; the uncovered
 * witness is exact; a decider that misses the last gap is caught; n = 24 runs in seconds.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';
import { sortRationals, verifyCoverDecision } from '../../src/lemmas/cover-decision.js';
import {
  checkSubsetSum,
  gProducts,
  gValues,
  subsetSumCover,
  subsetSumCoverReference,
} from '../../src/lemmas/subset-sum.js';
import { dyadicArb, fractionArb } from './_arbitraries.js';

const ONE = Rational.ONE;
const epsArb = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 10, max: 400 }))
  .map(([a, b]) => Rational.of(a, b));
const valuesArb = fc.array(
  fc.oneof(
    dyadicArb,
    dyadicArb.map((v) => v.mul(Rational.of(3))),
    fractionArb.map((v) => (v.abs().gt(Rational.of(3)) ? v.inv() : v)),
  ),
  { minLength: 0, maxLength: 11 },
);

/** A BROKEN decider over the sorted sums of T: its gap loop stops one short (misses the last gap). */
function decideMissingLastGap(
  sums: readonly Rational[],
  eps: Rational,
): { covers: boolean; uncovered: Rational | undefined } {
  const t = sortRationals(sums.filter((s) => s.ge(ONE.neg().sub(eps)) && s.le(ONE.add(eps))));
  if (t.length === 0 || t[0]!.gt(ONE.neg().add(eps))) return { covers: false, uncovered: ONE.neg() };
  if (t[t.length - 1]!.lt(ONE.sub(eps))) return { covers: false, uncovered: ONE };
  for (let i = 1; i < t.length - 1; i++) {
    if (t[i]!.sub(t[i - 1]!).gt(eps.add(eps)))
      return { covers: false, uncovered: t[i]!.add(t[i - 1]!).div(Rational.of(2)) };
  }
  return { covers: true, uncovered: undefined };
}

describe('subset-sum', () => {
  test('the meet-in-the-middle decision equals full enumeration: cover, min T, max T, exact max gap', () => {
    fc.assert(
      fc.property(valuesArb, epsArb, (vs, eps) => {
        const a = subsetSumCover(vs, eps);
        const b = subsetSumCoverReference(vs, eps);
        const same = (x: Rational | undefined, y: Rational | undefined): boolean =>
          x === undefined ? y === undefined : y !== undefined && x.eq(y);
        return (
          a.covers === b.covers &&
          same(a.maxGap, b.maxGap) &&
          same(a.first, b.first) &&
          same(a.last, b.last) &&
          a.relevant === BigInt(b.sums.filter((s) => s.abs().le(ONE.add(eps))).length)
        );
      }),
      { numRuns: 200 },
    );
  });

  test('seeded G values and products agree with enumeration too (n <= 14)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }),
        fc.constantFrom('a', 'b', 'c', 'd'),
        fc.boolean(),
        epsArb,
        (n, seed, products, eps) => {
          const vs = products ? gProducts(seed, n) : gValues(seed, n);
          const a = subsetSumCover(vs, eps);
          const b = subsetSumCoverReference(vs, eps);
          return a.covers === b.covers && (a.maxGap === undefined ? b.maxGap === undefined : a.maxGap.eq(b.maxGap!));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('the uncovered point is exact: in [-1, 1] and farther than eps from every subset sum', () => {
    fc.assert(
      fc.property(valuesArb, epsArb, (vs, eps) => {
        const a = subsetSumCover(vs, eps);
        if (a.covers) return a.uncovered === undefined;
        const sums = subsetSumCoverReference(vs, eps).sums;
        return verifyCoverDecision(sums, eps, a).ok && a.uncoveredDistance!.gt(eps);
      }),
      { numRuns: 150 },
    );
  });

  test('NEGATIVE CONTROL: a cover decision missing the last gap is caught', () => {
    const v = ['-1/8', '-1/4', '-1/2', '-1/8', '2'].map((s) => Rational.parse(s));
    const eps = Rational.of(1, 16);
    const sums = subsetSumCoverReference(v, eps).sums;
    const broken = decideMissingLastGap(sums, eps);
    expect(broken.covers).toBe(true);
    expect(verifyCoverDecision(sums, eps, broken).ok).toBe(false);
    const good = subsetSumCover(v, eps);
    expect(good.covers).toBe(false);
    expect(good.reason).toBe('gap');
    expect(good.uncovered?.toString()).toBe('1/2');
    // a grid of negative sixteenths plus one large value: the shape where only the last gap is wide
    const gridPlusOneArb = fc
      .tuple(fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 17, max: 48 }))
      .map(([neg, big]) => [...neg.map((k) => Rational.of(-k, 16)), Rational.of(big, 16)]);
    const run = fc.check(
      fc.property(
        gridPlusOneArb,
        fc.constantFrom(Rational.of(1, 32), Rational.of(1, 16), Rational.of(1, 8)),
        (vs, e) => {
          const s = subsetSumCoverReference(vs, e).sums;
          return verifyCoverDecision(s, e, decideMissingLastGap(s, e)).ok;
        },
      ),
      { numRuns: 500 },
    );
    expect(run.failed).toBe(true);
  });

  // its running time is measured by `npm run bench:lemmas`, not asserted here
  test('n = 24 from G: exact decision', () => {
    const r = checkSubsetSum(gValues('bench', 24), Rational.parse('0.001'), 'n = 24');
    expect(r.figures['covers']).toBe('yes');
    expect(r.figures['max gap of T (17 digits)']).toBe('[7.1156119734183675e-6, 7.1156119734183676e-6]');
  });
});
