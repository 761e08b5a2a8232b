/**
 * Lemma 2 (covering): the exact decision, the exact coverage probability and its bounds, the least
 * k, and two negative controls (a decider that forgets the endpoints; float64 evaluation).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';
import type { CoverDecision } from '../../src/lemmas/cover-decision.js';
import { checkCoverSet, checkCovering } from '../../src/lemmas/covering.js';
import { binomialCdf } from '../../src/stats/binomial.js';
import { binomialAcceptance, empiricalCoverage } from '../../src/lemmas/cover-sampling.js';
import { coverTable } from '../../src/lemmas/cover-table.js';
import { minKCover, minKGeometric } from '../../src/lemmas/least-k.js';
import {
  binBound,
  coverProbability,
  coverProbabilityFloat,
  fixedTargetSuccess,
} from '../../src/lemmas/cover-probability.js';
import { decideCover, sortRationals, verifyCoverDecision } from '../../src/lemmas/cover-decision.js';
import { lambdaLength } from '../../src/theory/candidate-probability.js';
import { exactQ, leQ } from '../../src/numeric/quantity.js';
import { dyadicArb } from './_arbitraries.js';
import { pCoverNaive } from './_reference.js';

const ONE = Rational.ONE;
const eps0Arb = fc
  .tuple(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 256 }))
  .map(([a, b]) => Rational.of(a, b));
const smallEps0Arb = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 40 }))
  .map(([a, b]) => Rational.of(a, b));
const setArb = fc.array(dyadicArb, { minLength: 0, maxLength: 40 });

/** A BROKEN decider: forgets the endpoint conditions (only looks at gaps). */
function decideWithoutEndpoints(
  points: readonly Rational[],
  eps0: Rational,
): Pick<CoverDecision, 'covers' | 'uncovered'> {
  const t = sortRationals(points);
  if (t.length === 0) return { covers: false, uncovered: ONE.neg() };
  for (let i = 1; i < t.length; i++) {
    const a = t[i - 1] as Rational;
    const b = t[i] as Rational;
    if (b.sub(a).gt(eps0.add(eps0))) return { covers: false, uncovered: a.add(b).div(Rational.of(2)) };
  }
  return { covers: true, uncovered: undefined };
}

describe('covering (a): exact decision', () => {
  test('every decision is confirmed by the independent verification (probes at all local maxima)', () => {
    fc.assert(
      fc.property(setArb, eps0Arb, (s, e) => {
        const d = decideCover(s, e);
        return verifyCoverDecision(s, e, d).ok;
      }),
      { numRuns: 300 },
    );
  });

  test('a grid of spacing 2 eps0 starting at -1 + eps0 covers; removing an endpoint point does not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), (m) => {
        const e = Rational.of(1, m);
        const pts = Array.from({ length: m }, (_, i) =>
          Rational.of(-1)
            .add(e)
            .add(e.mul(Rational.of(2 * i))),
        );
        const covers = decideCover(pts, e).covers;
        const d2 = decideCover(pts.slice(1), e);
        return covers && !d2.covers && d2.uncovered !== undefined && d2.uncovered.eq(Rational.of(-1));
      }),
    );
  });

  test('NEGATIVE CONTROL: a decider that forgets the endpoint conditions is caught', () => {
    const run = fc.check(
      fc.property(setArb, eps0Arb, (s, e) => verifyCoverDecision(s, e, decideWithoutEndpoints(s, e)).ok),
      { numRuns: 300 },
    );
    expect(run.failed).toBe(true);
    // and an explicit one: S = {0}, eps0 = 1/2 has no gaps but misses -1
    expect(
      verifyCoverDecision(
        [Rational.ZERO],
        Rational.of(1, 2),
        decideWithoutEndpoints([Rational.ZERO], Rational.of(1, 2)),
      ).ok,
    ).toBe(false);
    expect(checkCoverSet([Rational.ZERO], Rational.of(1, 2), 'S={0}').figures['covers']).toBe('no');
  });
});

describe('covering (b, c): exact P_cover and its bounds', () => {
  test('the BigInt evaluation equals the formula of docs/MATH.md §5.2 term by term (small k)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), eps0Arb, (k, e) => coverProbability(k, e).eq(pCoverNaive(k, e))),
      { numRuns: 150 },
    );
  });

  test('k = 1: P_cover = min(1, (eps0 - 1)_+) (one point must be within eps0 of both -1 and 1)', () => {
    fc.assert(
      fc.property(eps0Arb, (e) => {
        const expected = Rational.min(ONE, Rational.max(Rational.ZERO, e.sub(ONE)));
        return coverProbability(1, e).eq(expected);
      }),
    );
  });

  test('0 <= P_cover <= 1, increasing in k and in eps0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150 }), smallEps0Arb, fc.integer({ min: 1, max: 10 }), (k, e, bump) => {
        const p = coverProbability(k, e);
        const inUnit = p.sign() >= 0 && p.le(ONE);
        const monoK = coverProbability(k + bump, e).ge(p);
        const monoE = coverProbability(k, e.add(Rational.of(bump, 100))).ge(p);
        return inUnit && monoK && monoE;
      }),
      { numRuns: 120 },
    );
  });

  test('bin bound: 1 - P_cover <= M(1-1/M)^k <= M e^{-k/M}; covering implies hitting any fixed w', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), smallEps0Arb, dyadicArb, (k, e, w) => {
        const p = coverProbability(k, e);
        const b = binBound(k, e);
        return (
          leQ(exactQ(ONE.sub(p)), b.bound) === true &&
          leQ(b.bound, b.expBound) === true &&
          leQ(exactQ(p), fixedTargetSuccess(k, w, e)) === true
        );
      }),
      { numRuns: 80 },
    );
  });

  test('lambda(w) >= eps0 on [-1, 1] (eps0 <= 2), = 2 eps0 inside', () => {
    fc.assert(
      fc.property(dyadicArb, smallEps0Arb, (w, e) => lambdaLength(w, e).ge(e) && lambdaLength(w, e).le(e.add(e))),
    );
    expect(lambdaLength(Rational.ZERO, Rational.of(1, 10)).toString()).toBe('1/5');
  });

  test('k = 2000, eps0 = 1/100: exact, under a second, and checked', () => {
    const t = performance.now();
    const r = checkCovering(2000, Rational.of(1, 100));
    expect(performance.now() - t).toBeLessThan(1000);
    expect(r.holds).toBe(true);
    expect(r.figures['P_cover (exact, 17 digits)']).toBe('[9.9990772592232130e-1, 9.9990772592232131e-1]');
  });

  test('NEGATIVE CONTROL: float64 evaluation of P_cover(200, 1/100) is wrong (catastrophic cancellation)', () => {
    const exact = coverProbability(200, Rational.of(1, 100));
    const float = coverProbabilityFloat(200, 0.01);
    expect(exact).toBeBelow(Rational.parse('1e-26'));
    expect(exact.sign()).toBe(1);
    // the float result is larger than the exact value by more than 10^20 times
    expect(Rational.fromFloat(Math.abs(float))).toBeAbove(exact.mul(Rational.parse('1e20')));
  });

  test('Monte-Carlo coverage of seeded G samples is consistent with the exact P_cover (exact binomial test, sanity)', () => {
    for (const [k, e] of [
      [30, Rational.of(1, 8)],
      [12, Rational.of(1, 4)],
    ] as const) {
      const mc = empiricalCoverage(k, e, 300, `mc-${k}`);
      const acc = binomialAcceptance(mc.successes, mc.trials, exactQ(coverProbability(k, e)), Rational.parse('1e-6'));
      expect(acc.accepted).toBe(true);
      // and a wrong probability is rejected
      const wrong = binomialAcceptance(mc.successes, mc.trials, exactQ(Rational.of(1, 1000)), Rational.parse('1e-6'));
      expect(wrong.accepted).toBe(mc.successes < 5);
    }
  });

  test('binomial cdf sums to 1 and matches small cases', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 9 }), (n, a) =>
        binomialCdf(n, n, Rational.of(a, 10)).eq(ONE),
      ),
    );
    expect(binomialCdf(3, 1, Rational.of(1, 2)).toString()).toBe('1/2');
  });
});

describe('covering (d, e): least k and the growth table', () => {
  test('minKCover: P_cover(k) >= P > P_cover(k - 1), exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 24 }), fc.constantFrom('1/2', '9/10', '0.99'), (m, p) => {
        const e = Rational.of(1, m);
        const prob = Rational.parse(p);
        const r = minKCover(e, prob);
        return coverProbability(r.k, e).ge(prob) && coverProbability(r.k - 1, e).lt(prob);
      }),
      { numRuns: 30 },
    );
  });

  test('minKGeometric agrees with a direct exact search for small p', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.constantFrom('1/2', '9/10', '0.99'), (b, p) => {
        const q = Rational.of(1, b);
        const prob = Rational.parse(p);
        let k = 0;
        while (ONE.sub(ONE.sub(q).pow(k)).lt(prob)) k++;
        return minKGeometric(q, prob).k === k;
      }),
      { numRuns: 40 },
    );
  });

  test('table: the pair needs ~ 1/eps0^2 samples, covering and a fixed target ~ 1/eps0', () => {
    const eps0s = ['1/4', '1/8', '1/16', '1/32'].map((s) => Rational.parse(s));
    const rows = coverTable(eps0s, Rational.parse('0.99'));
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1]!;
      const b = rows[i]!;
      // halving eps0 multiplies the pair count by ~4, covering and fixed by ~2 (plus a log factor)
      expect(b.pair.k / a.pair.k).toBeGreaterThan(3.9);
      expect(b.cover.k / a.cover.k).toBeLessThan(2.3);
      expect(b.fixed.k / a.fixed.k).toBeLessThan(2.1);
      expect(b.cover.k).toBeGreaterThanOrEqual(b.fixed.k); // covering all of [-1,1] is harder than one point
    }
    expect(rows[0]!.pair.k).toBe(293);
    expect(rows[0]!.cover.k).toBe(40);
  });
});
