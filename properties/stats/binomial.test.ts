import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational } from '../../src/numeric/rational.js';
import { binomialCdf, binomialCdfBound, binomialPmf, binomialSurvival, choose } from '../../src/stats/binomial.js';
import { pascal, pmfList, probabilityArb } from './helpers.js';

describe('exact binomial probabilities', () => {
  test('choose agrees with Pascal', () => {
    for (const n of [0, 1, 7, 30]) pascal(n).forEach((c, k) => expect(choose(n, k)).toBe(c));
    expect(choose(5, -1)).toBe(0n);
    expect(choose(5, 6)).toBe(0n);
  });

  test('CDF is the running sum of the pmf and the survival its complement (exact)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        probabilityArb,
        fc.constantFrom(Rational.ZERO, Rational.ONE, undefined),
        (n, p0, edge) => {
          const p = edge ?? p0;
          const pmf = pmfList(n, p);
          let s = Rational.ZERO;
          for (let k = 0; k <= n; k++) {
            expect(binomialPmf(n, k, p)).toEqualRational(pmf[k] as Rational);
            s = s.add(pmf[k] as Rational);
            expect(binomialCdf(n, k, p)).toEqualRational(s);
            expect(binomialSurvival(n, k + 1, p)).toEqualRational(Rational.ONE.sub(s));
          }
          expect(binomialCdf(n, -1, p).isZero()).toBe(true);
          expect(s).toEqualRational(Rational.ONE);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('bad inputs are InputErrors', () => {
    expect(() => binomialCdf(-1, 0, Rational.of(1, 2))).toThrow(InputError);
    expect(() => binomialCdf(3, 0, Rational.of(3, 2))).toThrow(InputError);
    expect(() => binomialCdfBound(3, 0, Rational.of(-1, 2), 'up')).toThrow(InputError);
    expect(() => binomialPmf(3.5, 0, Rational.of(1, 2))).toThrow(InputError);
  });
});

describe('certified CDF bounds (directed rounding)', () => {
  test("'down' <= exact <= 'up', and both within 2^-100 relative", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        probabilityArb,
        (n, r, p) => {
          const k = Math.min(n, Math.floor(r * (n + 1)));
          const exact = binomialCdf(n, k, p);
          const lo = binomialCdfBound(n, k, p, 'down');
          const hi = binomialCdfBound(n, k, p, 'up');
          expect(lo).toBeLessOrEqual(exact);
          expect(exact).toBeLessOrEqual(hi);
          const slack = Rational.dyadic(1n, -100).mul(exact.add(Rational.dyadic(1n, -200)));
          expect(hi.sub(lo)).toBeLessOrEqual(slack);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('n = 10^5, p = 1/2: P(X <= n/2) = 1/2 + C(n, n/2) / 2^(n+1) is bracketed tightly', () => {
    const n = 100_000;
    const exact = Rational.of(1, 2).add(Rational.of(choose(n, n / 2), 1n << BigInt(n + 1)));
    const lo = binomialCdfBound(n, n / 2, Rational.of(1, 2), 'down');
    const hi = binomialCdfBound(n, n / 2, Rational.of(1, 2), 'up');
    expect(lo.le(exact) && exact.le(hi)).toBe(true);
    expect(hi.sub(lo)).toBeBelow(Rational.dyadic(1n, -100));
  });

  test('n = 10^6 far tails stay certified and cheap (terms below 2^-16384 clamp safely)', () => {
    const n = 1_000_000;
    const p = Rational.of(1, 2);
    // P(X <= 10) ~ 2^-1e6 * C(1e6, 10): far below 2^-16384
    expect(binomialCdfBound(n, 10, p, 'down').isZero()).toBe(true);
    expect(binomialCdfBound(n, 10, p, 'up')).toEqualRational(Rational.dyadic(1n, -16384));
    // P(X <= n - 10) = 1 - tiny
    expect(binomialCdfBound(n, n - 10, p, 'up')).toEqualRational(Rational.ONE);
    expect(binomialCdfBound(n, n - 10, p, 'down')).toBeBelow(Rational.ONE);
  });
});
