import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational } from '../../src/numeric/rational.js';
import { lowerBound, upperBound } from '../../src/stats/clopper-pearson.js';
import { splitAlpha, threeWayVerdict, verdictJson, type Verdict } from '../../src/stats/verdict.js';
import { alphaArb, memo, pmfList, probabilityArb } from './helpers.js';

const verdictsOf = memo((key: string) => {
  const [n, delta, alpha] = key.split('|') as [string, string, string];
  return Array.from(
    { length: Number(n) + 1 },
    (_, x) => threeWayVerdict(x, Number(n), Rational.parse(delta), Rational.parse(alpha)).verdict,
  );
});

function probabilityOf(verdicts: readonly Verdict[], which: Verdict, pmf: readonly Rational[]): Rational {
  let s = Rational.ZERO;
  verdicts.forEach((v, x) => {
    if (v === which) s = s.add(pmf[x] as Rational);
  });
  return s;
}

describe('three-way verdict', () => {
  test('is decided by the bounds: supported iff UCB <= delta, refuted iff LCB > delta', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.nat(), probabilityArb, alphaArb, (n, xr, delta, alpha) => {
        const x = xr % (n + 1);
        const v = threeWayVerdict(x, n, delta, alpha);
        expect(v.upper).toEqualRational(upperBound(x, n, alpha));
        expect(v.lower).toEqualRational(lowerBound(x, n, alpha));
        const expected: Verdict = v.upper.le(delta) ? 'supported' : v.lower.gt(delta) ? 'refuted' : 'inconclusive';
        expect(v.verdict).toBe(expected);
        expect([v.failures, v.trials]).toEqual([x, n]);
        expect(v.alpha.eq(alpha) && v.delta.eq(delta)).toBe(true);
        expect(v.method).toContain('Clopper-Pearson');
        expect(verdictJson(v)['verdict']).toBe(v.verdict);
      }),
      { numRuns: 100 },
    );
  });

  test('wrong verdicts have probability <= alpha, exactly (n <= 25)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25 }), probabilityArb, probabilityArb, alphaArb, (n, delta, p, alpha) => {
        const vs = verdictsOf(`${n}|${delta.toString()}|${alpha.toString()}`);
        const pmf = pmfList(n, p);
        // a true claim (p <= delta) is refuted with probability <= alpha, a false one supported
        const wrong = p.le(delta) ? probabilityOf(vs, 'refuted', pmf) : probabilityOf(vs, 'supported', pmf);
        expect(wrong).toBeLessOrEqual(alpha);
      }),
      { numRuns: 300 },
    );
  });

  test('section 7: with delta = 1e-9, no failure in 2e10 trials supports the claim and one failure in 1e3 refutes it', () => {
    const delta = Rational.parse('1e-9');
    const alpha = Rational.parse('1e-6');
    expect(threeWayVerdict(0, 20_000_000_000, delta, alpha).verdict).toBe('supported');
    expect(threeWayVerdict(0, 1_000_000, delta, alpha).verdict).toBe('inconclusive');
    expect(threeWayVerdict(1, 1000, delta, alpha).verdict).toBe('refuted');
  });

  test('splitAlpha is the Bonferroni share; bad inputs are InputErrors', () => {
    fc.assert(
      fc.property(alphaArb, fc.integer({ min: 1, max: 10_000 }), (alpha, k) => {
        const a = splitAlpha(alpha, k);
        expect(a.mul(Rational.of(k))).toEqualRational(alpha);
      }),
    );
    expect(() => splitAlpha(Rational.of(1, 20), 0)).toThrow(InputError);
    expect(() => splitAlpha(Rational.ONE, 2)).toThrow(InputError);
    expect(() => threeWayVerdict(0, 10, Rational.ZERO, Rational.of(1, 20))).toThrow(InputError);
    expect(() => threeWayVerdict(0, 10, Rational.of(1, 2), Rational.of(2))).toThrow(InputError);
    expect(() => threeWayVerdict(11, 10, Rational.of(1, 2), Rational.of(1, 20))).toThrow(InputError);
  });
});
