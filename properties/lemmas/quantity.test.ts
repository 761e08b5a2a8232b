/**
 * The lemma checkers' quantities (src/lemmas/_internals/quantity.ts): exact arithmetic stays exact,
 * certified intervals enclose every exact result, endpoints are rounded outward to KEEP_BITS bits,
 * powers switch from exact to certified at the size limit, and comparisons decide only when certain.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expBracket, lnBracket } from '../../src/numeric/certified.js';
import { Rational, bitLength, trailingZeros } from '../../src/numeric/rational.js';
import type { Quantity } from '../../src/numeric/quantity.js';
import {
  EXACT_POWER_BITS,
  KEEP_BITS,
  addQ,
  certifiedQ,
  expQ,
  exactQ,
  formatQ,
  leQ,
  mulQ,
  powQ,
  subQ,
} from '../../src/numeric/quantity.js';
import { fractionArb } from './_arbitraries.js';

const R = (p: bigint | number, q: bigint | number = 1): Rational => Rational.of(p, q);

/** A certified quantity whose endpoints are short (no outward rounding happens). */
const interval = (lo: Rational, hi: Rational): Quantity => certifiedQ({ lower: lo, upper: hi });

/** A (possibly degenerate) interval [lo, hi] of short fractions and a point inside it. */
const intervalArb: fc.Arbitrary<{ lo: Rational; hi: Rational; x: Rational }> = fc
  .tuple(fractionArb, fractionArb, fc.integer({ min: 0, max: 16 }))
  .map(([a, b, t]) => {
    const lo = Rational.min(a, b);
    const hi = Rational.max(a, b);
    return { lo, hi, x: lo.add(hi.sub(lo).mul(R(t, 16))) };
  });

/** Significant bits of a dyadic m 2^k with m odd (the bits of m). */
const dyadicBits = (q: Rational): number => {
  expect(q.isDyadic()).toBe(true);
  return bitLength(q.num) - trailingZeros(q.num);
};

const inside = (q: Quantity, x: Rational): boolean => q.lower.le(x) && x.le(q.upper);

describe('exactQ / certifiedQ', () => {
  test('exactQ carries the value in all three fields', () => {
    const q = exactQ(R(1, 3));
    expect(q.exact?.toString()).toBe('1/3');
    expect(q.lower.toString()).toBe('1/3');
    expect(q.upper.toString()).toBe('1/3');
  });

  test('certifiedQ keeps short endpoints as they are and is never exact', () => {
    const q = certifiedQ({ lower: R(-1, 3), upper: R(2, 7) });
    expect(q.exact).toBeUndefined();
    expect(q.lower.toString()).toBe('-1/3');
    expect(q.upper.toString()).toBe('2/7');
    // a degenerate bracket is allowed (lower = upper)
    const d = certifiedQ({ lower: R(5, 9), upper: R(5, 9) });
    expect([d.lower.toString(), d.upper.toString(), d.exact]).toEqual(['5/9', '5/9', undefined]);
  });

  test('certifiedQ rejects lower > upper with the exact reason', () => {
    expect(() => certifiedQ({ lower: R(1, 2), upper: R(1, 3) })).toThrow(new RangeError('bracket with lower > upper'));
    expect(() => certifiedQ({ lower: R(1), upper: R(-1) })).toThrow(RangeError);
  });

  test('certifiedQ rounds long endpoints outward to KEEP_BITS significant bits', () => {
    expect(KEEP_BITS).toBe(192);
    for (const v of [R(1n, 3n ** 300n), R(-(7n ** 250n), 3n ** 200n), R(5n ** 400n, 3n ** 17n), R(-1n, 3n ** 301n)]) {
      const q = certifiedQ({ lower: v, upper: v });
      expect(q.exact).toBeUndefined();
      expect(q.lower).toBeBelow(v);
      expect(q.upper).toBeAbove(v);
      // about KEEP_BITS bits: at most one more than KEEP_BITS, far fewer than the input's
      expect(dyadicBits(q.lower)).toBeLessThanOrEqual(KEEP_BITS + 1);
      expect(dyadicBits(q.upper)).toBeLessThanOrEqual(KEEP_BITS + 1);
      expect(dyadicBits(q.lower)).toBeGreaterThanOrEqual(KEEP_BITS - 2);
      // and tight: the width is below |v| 2^(2 - KEEP_BITS)
      expect(q.upper.sub(q.lower)).toBeLessOrEqual(v.abs().shift(2 - KEEP_BITS));
    }
  });
});

describe('addQ / subQ / mulQ', () => {
  test('exact operands give the exact result (examples)', () => {
    expect(addQ(exactQ(Rational.ONE), exactQ(Rational.ONE)).exact?.toString()).toBe('2');
    expect(subQ(exactQ(Rational.ONE), exactQ(Rational.ONE)).exact?.toString()).toBe('0');
    expect(mulQ(exactQ(R(2)), exactQ(R(3))).exact?.toString()).toBe('6');
    expect(addQ(exactQ(R(3)), exactQ(R(-7, 4))).exact?.toString()).toBe('5/4');
    expect(addQ(exactQ(R(1, 6)), exactQ(R(5))).exact?.toString()).toBe('31/6');
    expect(subQ(exactQ(R(1, 6)), exactQ(R(1, 3))).exact?.toString()).toBe('-1/6');
    expect(subQ(exactQ(R(2)), exactQ(R(1, 3))).exact?.toString()).toBe('5/3');
    expect(mulQ(exactQ(R(6)), exactQ(R(5, 4))).exact?.toString()).toBe('15/2');
    expect(mulQ(exactQ(R(2, 9)), exactQ(R(-3))).exact?.toString()).toBe('-2/3');
    expect(mulQ(exactQ(R(0)), exactQ(R(2, 9))).exact?.toString()).toBe('0');
    expect(mulQ(exactQ(R(-4, 15)), exactQ(R(5, 8))).exact?.toString()).toBe('-1/6');
  });

  test('exact operands: the result equals exact rational arithmetic, in all fields', () => {
    fc.assert(
      fc.property(fractionArb, fractionArb, fc.integer({ min: -50, max: 50 }), (a, b, n) => {
        for (const [x, y] of [
          [a, b],
          [R(n), b],
          [a, R(n)],
        ] as const) {
          const cases: [Quantity, Rational][] = [
            [addQ(exactQ(x), exactQ(y)), x.add(y)],
            [subQ(exactQ(x), exactQ(y)), x.sub(y)],
            [mulQ(exactQ(x), exactQ(y)), x.mul(y)],
          ];
          for (const [q, want] of cases) {
            expect(q.exact).toEqualRational(want);
            expect(q.lower.eq(want) && q.upper.eq(want)).toBe(true);
          }
        }
      }),
    );
  });

  test('one certified operand makes the result certified, with the interval formulas', () => {
    const a = interval(R(-2), R(3));
    const b = interval(R(-5), R(7));
    const s = addQ(a, b);
    expect([s.exact, s.lower.toString(), s.upper.toString()]).toEqual([undefined, '-7', '10']);
    const d = subQ(a, b);
    expect([d.exact, d.lower.toString(), d.upper.toString()]).toEqual([undefined, '-9', '8']);
    // products -2*-5 = 10, -2*7 = -14, 3*-5 = -15, 3*7 = 21
    const m = mulQ(a, b);
    expect([m.exact, m.lower.toString(), m.upper.toString()]).toEqual([undefined, '-15', '21']);
    // mixed exact and certified, in both orders
    const e = exactQ(R(1, 2));
    const c = interval(R(1, 3), R(2, 3));
    for (const q of [addQ(e, c), addQ(c, e)])
      expect([q.exact, q.lower.toString(), q.upper.toString()]).toEqual([undefined, '5/6', '7/6']);
    const d1 = subQ(e, c);
    expect([d1.exact, d1.lower.toString(), d1.upper.toString()]).toEqual([undefined, '-1/6', '1/6']);
    const d2 = subQ(c, e);
    expect([d2.exact, d2.lower.toString(), d2.upper.toString()]).toEqual([undefined, '-1/6', '1/6']);
    const d3 = subQ(exactQ(R(1)), c);
    expect([d3.lower.toString(), d3.upper.toString()]).toEqual(['1/3', '2/3']);
    const m1 = mulQ(exactQ(R(-3)), c);
    expect([m1.exact, m1.lower.toString(), m1.upper.toString()]).toEqual([undefined, '-2', '-1']);
    const m2 = mulQ(c, exactQ(R(-3)));
    expect([m2.exact, m2.lower.toString(), m2.upper.toString()]).toEqual([undefined, '-2', '-1']);
  });

  test('interval results are the tightest enclosures (short endpoints): every point result lies inside, the ends are attained', () => {
    fc.assert(
      fc.property(intervalArb, intervalArb, (A, B) => {
        const a = interval(A.lo, A.hi);
        const b = interval(B.lo, B.hi);
        const ends = (f: (x: Rational, y: Rational) => Rational): Rational[] => [
          f(A.lo, B.lo),
          f(A.lo, B.hi),
          f(A.hi, B.lo),
          f(A.hi, B.hi),
        ];
        const check = (q: Quantity, f: (x: Rational, y: Rational) => Rational): void => {
          expect(q.exact).toBeUndefined();
          const e = ends(f);
          expect(q.lower).toEqualRational(e.reduce((x, y) => Rational.min(x, y)));
          expect(q.upper).toEqualRational(e.reduce((x, y) => Rational.max(x, y)));
          expect(inside(q, f(A.x, B.x))).toBe(true);
        };
        check(addQ(a, b), (x, y) => x.add(y));
        check(subQ(a, b), (x, y) => x.sub(y));
        check(mulQ(a, b), (x, y) => x.mul(y));
      }),
    );
  });
});

describe('powQ', () => {
  test('rejects a negative exponent and a base outside [0, 1], with the exact reasons', () => {
    expect(() => powQ(R(1, 2), -1)).toThrow(new RangeError('negative exponent'));
    expect(() => powQ(R(1, 2), -1n)).toThrow(new RangeError('negative exponent'));
    expect(() => powQ(R(-1, 2), 3)).toThrow(new RangeError('powQ needs 0 <= base <= 1'));
    expect(() => powQ(R(3, 2), 3)).toThrow(new RangeError('powQ needs 0 <= base <= 1'));
    expect(() => powQ(R(-1, 1000), 0)).toThrow(new RangeError('powQ needs 0 <= base <= 1'));
    expect(() => powQ(R(1001, 1000), 0)).toThrow(new RangeError('powQ needs 0 <= base <= 1'));
  });

  test('k = 0 gives exactly 1, for every base in [0, 1] (0^0 = 1 included)', () => {
    for (const b of [R(0), R(1, 2), R(1), R(999, 1000)]) {
      for (const k of [0, 0n] as const) {
        const q = powQ(b, k, 0);
        expect(q.exact?.toString()).toBe('1');
        expect([q.lower.toString(), q.upper.toString()]).toEqual(['1', '1']);
      }
    }
  });

  test('bases 0 and 1 stay exact for any k, whatever the size limit', () => {
    for (const k of [1, 7, 10n ** 12n]) {
      expect(powQ(R(0), k, 0).exact?.toString()).toBe('0');
      expect(powQ(R(1), k, 0).exact?.toString()).toBe('1');
      expect(powQ(R(0), k).exact?.toString()).toBe('0');
      expect(powQ(R(1), k).exact?.toString()).toBe('1');
    }
  });

  test('exact up to maxBits bits (bits of p plus bits of q, times k), certified just above', () => {
    // 1/2 has 1 + 2 = 3 bits, so (1/2)^10 counts 30 bits
    expect(powQ(R(1, 2), 10, 30).exact?.toString()).toBe('1/1024');
    expect(powQ(R(1, 2), 10n, 30).exact?.toString()).toBe('1/1024');
    expect(powQ(R(1, 2), 10, 29).exact).toBeUndefined();
    expect(powQ(R(1, 2), 11, 33).exact?.toString()).toBe('1/2048');
    expect(powQ(R(1, 2), 11, 32).exact).toBeUndefined();
    // 2/3: 2 + 2 = 4 bits per factor
    expect(powQ(R(2, 3), 5, 20).exact?.toString()).toBe('32/243');
    expect(powQ(R(2, 3), 5, 19).exact).toBeUndefined();
    // 5/7: 3 + 3 = 6 bits per factor
    expect(powQ(R(5, 7), 3, 18).exact?.toString()).toBe('125/343');
    expect(powQ(R(5, 7), 3, 17).exact).toBeUndefined();
    // the default limit is EXACT_POWER_BITS = 200000 bits: (1/2)^66666 is 199998 bits, (1/2)^66667 is 200001
    expect(EXACT_POWER_BITS).toBe(200_000);
    expect(powQ(R(1, 2), 66_666).exact).toEqualRational(R(1n, 2n ** 66_666n));
    const big = powQ(R(1, 2), 66_667);
    expect(big.exact).toBeUndefined();
    expect(inside(big, R(1n, 2n ** 66_667n))).toBe(true);
  });

  test('exact powers agree with repeated multiplication', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 40 }),
        (a, b, k) => {
          const base = R(Math.min(a, b), b);
          let want = Rational.ONE;
          for (let i = 0; i < k; i++) want = want.mul(base);
          const q = powQ(base, k);
          expect(q.exact).toEqualRational(want);
        },
      ),
    );
  });

  test('certified powers enclose the exact power tightly (about 50 digits), below 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 2, max: 1000 }),
        fc.integer({ min: 1, max: 60 }),
        (a, b, k) => {
          fc.pre(a < b);
          const base = R(a, b);
          const want = base.pow(k);
          const q = powQ(base, k, 0);
          expect(q.exact).toBeUndefined();
          expect(inside(q, want)).toBe(true);
          expect(q.upper).toBeLessOrEqual(Rational.ONE);
          expect(q.lower.sign()).toBe(1);
          expect(q.upper.sub(q.lower)).toBeLessOrEqual(want.mul(R(1n, 10n ** 45n)));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('a certified power of a base close to 1 is capped at 1 from above', () => {
    // (1 - 10^-70)^1: the exp(ln) upper end lies above 1 and is capped
    const base = Rational.ONE.sub(R(1n, 10n ** 70n));
    const q = powQ(base, 1, 0);
    expect(q.exact).toBeUndefined();
    expect(q.upper.toString()).toBe('1');
    expect(q.lower).toBeLessOrEqual(base);
    expect(q.lower).toBeAbove(R(1, 2));
  });

  test('certified powers are the certified exp of k ln(base), end by end', () => {
    for (const [base, k] of [
      [R(1, 2), 1000],
      [R(2, 3), 77],
      [R(999, 1000), 12_345],
    ] as const) {
      const q = powQ(base, k, 0);
      const ln = lnBracket(base);
      expect(q.exact).toBeUndefined();
      expect(q.lower).toEqualRational(certifiedQ(expBracket(R(k).mul(ln.lower))).lower);
      expect(q.upper).toEqualRational(certifiedQ(expBracket(R(k).mul(ln.upper))).upper);
      expect(q.lower.sign()).toBe(1);
      expect(inside(q, base.pow(k))).toBe(true);
    }
  });
});

describe('expQ', () => {
  test('exp(0) is exactly 1', () => {
    const q = expQ(Rational.ZERO);
    expect(q.exact?.toString()).toBe('1');
    expect([q.lower.toString(), q.upper.toString()]).toEqual(['1', '1']);
  });

  test('exp(q) for q != 0 is a tight certified enclosure', () => {
    const e = expQ(Rational.ONE);
    expect(e.exact).toBeUndefined();
    expect(e.lower.toDecimal(4, 'floor')).toBe('2.7182');
    // e = 2.71828182845904523536028747135266249775724709369995...
    const eLo = Rational.parse('2.71828182845904523536028747135266249775724709369995');
    const eHi = Rational.parse('2.71828182845904523536028747135266249775724709369996');
    expect(e.lower).toBeBelow(eHi);
    expect(e.upper).toBeAbove(eLo);
    expect(e.upper.sub(e.lower)).toBeBelow(R(1n, 10n ** 50n));
    const m = expQ(R(-1));
    expect(m.exact).toBeUndefined();
    expect(m.lower.mul(eLo)).toBeBelow(Rational.ONE);
    expect(m.upper.mul(eHi)).toBeAbove(Rational.ONE);
    expect(m.upper.sub(m.lower)).toBeBelow(R(1n, 10n ** 50n));
  });
});

describe('formatQ', () => {
  test('exact values print as p/q, certified ones as a 17-digit outward bracket', () => {
    expect(formatQ(exactQ(R(1, 4)))).toBe('1/4');
    expect(formatQ(exactQ(R(-7)))).toBe('-7');
    expect(formatQ(certifiedQ({ lower: R(1, 3), upper: R(1, 3) }))).toBe(
      '[3.3333333333333333e-1, 3.3333333333333334e-1]',
    );
    expect(formatQ(certifiedQ({ lower: R(1, 4), upper: R(1, 2) }))).toBe(
      '[2.5000000000000000e-1, 5.0000000000000000e-1]',
    );
    // a huge exact value prints as the bracket of its exact value, with its size
    expect(formatQ(exactQ(R(1n, 3n ** 2000n)))).toBe(
      '[5.7212451947729489e-955, 5.7212451947729490e-955] (exact value, 3171 bits of p/q)',
    );
  });
});

describe('leQ', () => {
  test('true when certainly <=, false when certainly >, undefined when the intervals overlap', () => {
    expect(leQ(exactQ(Rational.ZERO), exactQ(Rational.ONE))).toBe(true);
    expect(leQ(exactQ(Rational.ONE), exactQ(Rational.ONE))).toBe(true);
    expect(leQ(exactQ(Rational.ONE), exactQ(Rational.ZERO))).toBe(false);
    // touching ends: a.upper = b.lower is certainly <=
    expect(leQ(interval(R(0), R(1)), interval(R(1), R(2)))).toBe(true);
    // a.lower = b.upper with a wider a: undecided, not false
    expect(leQ(interval(R(1), R(2)), interval(R(0), R(1)))).toBe(undefined);
    expect(leQ(interval(R(1), R(2)), exactQ(R(1)))).toBe(undefined);
    expect(leQ(interval(R(1), R(2)), interval(R(0), R(999, 1000)))).toBe(false);
    expect(leQ(interval(R(0), R(2)), interval(R(1), R(3)))).toBe(undefined);
    expect(leQ(exactQ(R(3, 2)), interval(R(1), R(2)))).toBe(undefined);
  });

  test('the verdict is never wrong for points of the intervals', () => {
    fc.assert(
      fc.property(intervalArb, intervalArb, (A, B) => {
        const v = leQ(interval(A.lo, A.hi), interval(B.lo, B.hi));
        if (v === true) expect(A.hi.le(B.lo) && A.x.le(B.x)).toBe(true);
        else if (v === false) expect(A.lo.gt(B.hi) && A.x.gt(B.x)).toBe(true);
        else expect(A.hi.gt(B.lo) && A.lo.le(B.hi)).toBe(true);
      }),
    );
  });
});

describe('powQ far below exp(-10^6)', () => {
  // slow (one exp(-10^6) at 60 digits): kept last so that faster tests decide first
  test('below exp(-10^6) the lower end is 0 and the upper end is the certified exp(-10^6)', () => {
    // (1/2)^(2 10^6) = exp(-1386294.36...), beyond the exp argument range of 10^6
    const q = powQ(R(1, 2), 2_000_000);
    expect(q.exact).toBeUndefined();
    expect(q.lower.toString()).toBe('0');
    expect(q.upper.sign()).toBe(1);
    // 2^-2000000 < upper <= exp(-10^6) (rounded outward) < 10^-434294
    expect(q.upper).toBeAbove(R(1n, 2n ** 2_000_000n));
    expect(q.upper).toBeBelow(R(1n, 10n ** 434_294n));
    expect(q.upper).toBeAbove(R(1n, 10n ** 434_295n));
  });
});
