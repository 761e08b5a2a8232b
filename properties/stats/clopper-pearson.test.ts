import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational } from '../../src/numeric/rational.js';
import { binomialCdf, binomialCdfBound } from '../../src/stats/binomial.js';
import {
  BISECTION_BITS,
  lowerBound,
  lowerBoundDetailed,
  upperBound,
  upperBoundDetailed,
} from '../../src/stats/clopper-pearson.js';
import { alphaArb, lowerMiss, memo, pmfList, probabilityArb, upperMiss } from './helpers.js';

const GRID = Rational.dyadic(1n, -BISECTION_BITS);

/** Upper and lower bounds at every x = 0..n for (n, alpha), memoised. */
const boundsOf = memo((key: string) => {
  const [nText, alphaText] = key.split('|') as [string, string];
  const n = Number(nText);
  const alpha = Rational.parse(alphaText);
  const xs = Array.from({ length: n + 1 }, (_, x) => x);
  return { upper: xs.map((x) => upperBound(x, n, alpha)), lower: xs.map((x) => lowerBound(x, n, alpha)) };
});

describe('coverage, checked against exact binomial sums', () => {
  test('P_p(UCB(X) < p) <= alpha and P_p(LCB(X) > p) <= alpha, exactly, for n <= 25', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25 }), alphaArb, probabilityArb, (n, alpha, p) => {
        const b = boundsOf(`${n}|${alpha.toString()}`);
        const pmf = pmfList(n, p);
        expect(upperMiss(b.upper, p, pmf)).toBeLessOrEqual(alpha);
        expect(lowerMiss(b.lower, p, pmf)).toBeLessOrEqual(alpha);
      }),
      { numRuns: 300 },
    );
  });

  test('the bounds are tight: just below UCB(x) (at the root minus 2 grid steps) coverage is violated for some p', () => {
    // the CP bound is the least conservative valid bound: at p slightly above U' - 2^-59 the
    // miss probability P_p(U'(X) < p) reaches P(X <= x) > alpha for that x.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), alphaArb, fc.nat(), (n, alpha, xr) => {
        const x = xr % n; // x < n, so the bound is below 1
        const u = upperBound(x, n, alpha);
        expect(binomialCdf(n, x, u)).toBeLessOrEqual(alpha); // certified
        const below = u.sub(GRID.shift(1));
        expect(binomialCdf(n, x, below)).toBeAbove(alpha); // and within two grid steps
      }),
      { numRuns: 200 },
    );
  });
});

describe('certificates and shape', () => {
  test('P(Bin(n, U) <= x) <= alpha and P(Bin(n, L) >= x) <= alpha hold exactly, both engines', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.nat(),
        alphaArb,
        fc.constantFrom('exact', 'directed') as fc.Arbitrary<'exact' | 'directed'>,
        (n, xr, alpha, engine) => {
          const x = xr % (n + 1);
          const u = upperBoundDetailed(x, n, alpha, { engine });
          const l = lowerBoundDetailed(x, n, alpha, { engine });
          if (x < n) expect(binomialCdf(n, x, u.value)).toBeLessOrEqual(alpha);
          else expect(u.value).toEqualRational(Rational.ONE);
          if (x > 0) expect(Rational.ONE.sub(binomialCdf(n, x - 1, l.value))).toBeLessOrEqual(alpha);
          else expect(l.value.isZero()).toBe(true);
          expect(u.description.length).toBeGreaterThan(10);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('the exact and directed engines agree within 2^-55 (n <= 300)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), alphaArb, (n, xr, alpha) => {
        const x = xr % (n + 1);
        const opts = { closedForm: false } as const;
        const ue = upperBound(x, n, alpha, { ...opts, engine: 'exact' });
        const ud = upperBound(x, n, alpha, { ...opts, engine: 'directed' });
        const le = lowerBound(x, n, alpha, { ...opts, engine: 'exact' });
        const ld = lowerBound(x, n, alpha, { ...opts, engine: 'directed' });
        const tol = Rational.dyadic(1n, -55);
        expect(ud.sub(ue).abs()).toBeLessOrEqual(tol);
        expect(ld.sub(le).abs()).toBeLessOrEqual(tol);
        // directed is never less conservative than the exact grid optimum
        expect(ud).toBeGreaterOrEqual(ue);
        expect(ld).toBeLessOrEqual(le);
      }),
      { numRuns: 60 },
    );
  });

  test('UCB >= failures/trials >= LCB, all in [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1200 }), fc.nat(), alphaArb, (n, xr, alpha) => {
        const x = xr % (n + 1);
        const phat = Rational.of(x, n);
        const u = upperBound(x, n, alpha);
        const l = lowerBound(x, n, alpha);
        expect(u.ge(phat) && phat.ge(l)).toBe(true);
        expect(l.sign() >= 0 && u.le(Rational.ONE)).toBe(true);
        if (x > 0 && x < n) expect(u.gt(phat) && phat.gt(l)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  test('monotone: non-decreasing in failures, non-increasing in trials (exact engine)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(), alphaArb, (n, xr, alpha) => {
        const x = xr % n; // x + 1 <= n
        expect(upperBound(x, n, alpha)).toBeLessOrEqual(upperBound(x + 1, n, alpha));
        expect(lowerBound(x, n, alpha)).toBeLessOrEqual(lowerBound(x + 1, n, alpha));
        expect(upperBound(x, n + 1, alpha)).toBeLessOrEqual(upperBound(x, n, alpha));
        expect(lowerBound(x, n + 1, alpha)).toBeLessOrEqual(lowerBound(x, n, alpha));
        expect(lowerBound(x + 1, n + 1, alpha)).toBeLessOrEqual(lowerBound(x + 1, n, alpha));
      }),
      { numRuns: 200 },
    );
  });

  test('agrees with reference values (scipy beta.ppf, 12 digits) including n = 10^5', () => {
    const a = Rational.of(1, 20);
    const cases: [number, number, string, string][] = [
      [0, 100, '0.029513049607', '0'],
      [5, 10, '0.777558898992', '0.222441101008'],
      [10, 10, '1', '0.741134449107'],
      [3, 50, '0.147837176364', '0.016551859189'],
      [1, 100000, '0.000047437757', '0.000000512933'],
      [50, 100000, '0.000632828693', '0.000389666880'],
      [50000, 100000, '0.502605717740', '0.497394282260'],
      [99999, 100000, '0.999999487067', '0.999952562243'],
      [3, 1001, '0.007727535559', '0.000817357557'],
    ];
    const tol = Rational.parse('2e-12');
    for (const [x, n, u, l] of cases) {
      const ub = upperBoundDetailed(x, n, a);
      const lb = lowerBoundDetailed(x, n, a);
      expect(ub.value.sub(Rational.parse(u)).abs().le(tol), `U(${x}, ${n})`).toBe(true);
      expect(lb.value.sub(Rational.parse(l)).abs().le(tol), `L(${x}, ${n})`).toBe(true);
      if (n > 1000 && x > 0 && x < n) {
        expect(ub.method).toBe('directed');
        expect(binomialCdfBound(n, x, ub.value, 'up')).toBeLessOrEqual(a);
      }
    }
    expect(upperBoundDetailed(0, 100, a).method).toBe('closed-form');
    expect(lowerBoundDetailed(10, 10, a).method).toBe('closed-form');
  });

  test('the closed forms at x = 0 and x = n are certified and within 2^-58 of the bisection', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), alphaArb, (n, alpha) => {
        const u = upperBoundDetailed(0, n, alpha);
        const l = lowerBoundDetailed(n, n, alpha);
        expect(u.method).toBe('closed-form');
        expect(l.method).toBe('closed-form');
        expect(Rational.ONE.sub(u.value).pow(n)).toBeLessOrEqual(alpha);
        expect(l.value.pow(n)).toBeLessOrEqual(alpha);
        const tol = Rational.dyadic(1n, -58);
        expect(
          u.value
            .sub(upperBound(0, n, alpha, { closedForm: false }))
            .abs()
            .le(tol),
        ).toBe(true);
        expect(
          l.value
            .sub(lowerBound(n, n, alpha, { closedForm: false }))
            .abs()
            .le(tol),
        ).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  test('delta = 1e-9 scale: 0 failures in 3e9 trials, alpha = 1e-6', () => {
    const u = upperBoundDetailed(0, 3_000_000_000, Rational.parse('1e-6'));
    expect(u.method).toBe('closed-form');
    expect(u.value).toBeAbove(Rational.parse('1e-9')); // ln(1e6)/3e9 ~ 4.6e-9
    expect(upperBound(0, 15_000_000_000, Rational.parse('1e-6'))).toBeLessOrEqual(Rational.parse('1e-9'));
    expect(upperBound(1, 15_000_000_000, Rational.parse('1e-6'))).toBeAbove(Rational.parse('1e-9')); // ~1.11e-9
    expect(upperBound(1, 20_000_000_000, Rational.parse('1e-6'))).toBeLessOrEqual(Rational.parse('1e-9')); // ~8.4e-10
  });

  test('bad inputs are InputErrors', () => {
    const a = Rational.of(1, 20);
    expect(() => upperBound(3, 2, a)).toThrow(InputError);
    expect(() => upperBound(-1, 2, a)).toThrow(InputError);
    expect(() => lowerBound(1, 2, Rational.ZERO)).toThrow(InputError);
    expect(() => lowerBound(1, 2, Rational.ONE)).toThrow(InputError);
    expect(() => upperBound(0.5, 2, a)).toThrow(InputError);
    expect(upperBound(0, 0, a)).toEqualRational(Rational.ONE);
    expect(lowerBound(0, 0, a).isZero()).toBe(true);
  });
});

describe('negative control: the Wald interval', () => {
  /** One-sided Wald upper bound p_hat + z sqrt(p_hat (1 - p_hat) / n), in float64 (an estimate). */
  function waldUpper(x: number, n: number, z: number): Rational {
    const ph = x / n;
    return Rational.fromFloat(Math.min(1, ph + z * Math.sqrt((ph * (1 - ph)) / n)));
  }

  test('fails the exact coverage check for some small n (fc.check finds it)', () => {
    const alpha = Rational.of(1, 20);
    const z = 1.6448536269514722; // the 95% normal quantile
    const details = fc.check(
      fc.property(fc.integer({ min: 1, max: 25 }), probabilityArb, (n, p) => {
        const bounds = Array.from({ length: n + 1 }, (_, x) => waldUpper(x, n, z));
        return upperMiss(bounds, p, pmfList(n, p)).le(alpha);
      }),
      { numRuns: 1000 },
    );
    expect(details.failed).toBe(true);
    // and an explicit one: n = 10, p = 1/10 misses whenever X = 0, probability 0.9^10 ~ 0.35
    const pmf = pmfList(10, Rational.of(1, 10));
    const miss = upperMiss(
      Array.from({ length: 11 }, (_, x) => waldUpper(x, 10, z)),
      Rational.of(1, 10),
      pmf,
    );
    expect(miss).toBeAbove(Rational.of(1, 3));
  });
});
