/**
 * Certified enclosures of any magnitude (src/numeric/wide.ts): every bracket contains the exact
 * value (checked in exact rationals where the value is a rational of moderate size), widths are
 * the stated ones, exact values stay exact, and the printed figures are rounded outward at every
 * magnitude (the log10 printing of huge exponents agrees with exact printing where both run).
 * Negative controls: an end rounded the wrong way, a power evaluated without outward rounding.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expBracket } from '../../src/numeric/certified.js';
import type { DFloat } from '../../src/numeric/directed.js';
import { fromRational, mul, normalize, pow, toRational } from '../../src/numeric/directed.js';
import { Rational } from '../../src/numeric/rational.js';
import type { Wide } from '../../src/numeric/wide.js';
import {
  addW,
  bracketW,
  cmpD,
  exactW,
  expNegW,
  formatDifferenceW,
  formatW,
  leW,
  mulW,
  powIntW,
  powW,
  relativeWidth,
  shrinkW,
  subD,
  subW,
  wideToBracket,
} from '../../src/numeric/wide.js';
import { holds, refutes } from './support.js';

const R = (p: bigint | number, q: bigint | number = 1): Rational => Rational.of(p, q);
const ONE = Rational.ONE;

/** x lies in the bracket of w. */
const contains = (w: Wide, x: Rational): boolean => {
  const b = wideToBracket(w);
  return b.lower.le(x) && x.le(b.upper);
};

/** A printed scientific number ('1.5e-3', '-2e0', '0') as an exact rational. */
function parseSci(s: string): Rational {
  return Rational.parse(s);
}

/** The two ends of a printed bracket '[a, b]'. */
function ends(figure: string): [Rational, Rational] {
  const m = /^\[(\S+), (\S+)\]$/.exec(figure);
  if (!m) throw new Error(`not a bracket: ${figure}`);
  return [parseSci(m[1] as string), parseSci(m[2] as string)];
}

/** Probabilities p/q in (0, 1) with q up to 2^20, and a few tiny ones. */
const probArb: fc.Arbitrary<Rational> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 2 ** 20 }), fc.integer({ min: 1, max: 2 ** 20 }))
    .map(([a, b]) => R(Math.min(a, b), Math.max(a, b) + 1)),
  fc.integer({ min: 30, max: 300 }).map((e) => R(1n, 10n ** BigInt(e))),
);

/** Non-negative binary floats with exponents of moderate size. */
const dfloatArb: fc.Arbitrary<DFloat> = fc
  .tuple(fc.bigInt({ min: 0n, max: (1n << 140n) - 1n }), fc.integer({ min: -400, max: 400 }))
  .map(([m, e]) => normalize(m, e, 'down'));

describe('cmpD and subD', () => {
  test('cmpD is the exact order of the values', () => {
    holds(
      fc.property(dfloatArb, dfloatArb, (a, b) => {
        const want = toRational(a).cmp(toRational(b));
        expect(cmpD(a, b)).toBe(want);
      }),
    );
  });

  test('subD rounds the exact difference down or up, within one unit of the 128-bit mantissa', () => {
    holds(
      fc.property(dfloatArb, dfloatArb, (x, y) => {
        const [a, b] = cmpD(x, y) >= 0 ? [x, y] : [y, x];
        const exact = toRational(a).sub(toRational(b));
        const down = toRational(subD(a, b, 'down'));
        const up = toRational(subD(a, b, 'up'));
        expect(down).toBeLessOrEqual(exact);
        expect(up).toBeGreaterOrEqual(exact);
        // tight: within 2^-126 of a (the larger operand)
        expect(up.sub(down)).toBeLessOrEqual(toRational(a).shift(-125));
      }),
    );
  });

  test('subD with a subtrahend far below the last place stays cheap and certified', () => {
    const a = fromRational(R(3, 7), 'down');
    const b: DFloat = { m: 1n, e: -1_000_000_000 };
    expect(toRational(subD(a, b, 'down'))).toBeBelow(toRational(a));
    expect(toRational(subD(a, b, 'up'))).toEqualRational(toRational(a));
    expect(() => subD(b, a, 'down')).toThrow(RangeError);
  });
});

describe('Wide arithmetic', () => {
  test('exact operands stay exact; certified brackets contain the exact result', () => {
    holds(
      fc.property(probArb, probArb, (x, y) => {
        const [a, b] = x.ge(y) ? [x, y] : [y, x];
        expect(addW(exactW(a), exactW(b)).exact).toEqualRational(a.add(b));
        expect(mulW(exactW(a), exactW(b)).exact).toEqualRational(a.mul(b));
        expect(subW(exactW(a), exactW(b)).exact).toEqualRational(a.sub(b));
        const ca = bracketW({ lower: a, upper: a });
        const cb = bracketW({ lower: b, upper: b });
        expect(contains(addW(ca, cb), a.add(b))).toBe(true);
        expect(contains(mulW(ca, cb), a.mul(b))).toBe(true);
        expect(contains(subW(ca, cb), a.sub(b))).toBe(true);
        expect(leW(cb, ca)).not.toBe(false);
      }),
    );
  });

  test('leW decides only when certain; exact values compare exactly', () => {
    expect(leW(exactW(R(1, 3)), exactW(R(1, 3)))).toBe(true);
    expect(leW(exactW(R(1, 2)), exactW(R(1, 3)))).toBe(false);
    const third = bracketW({ lower: R(1, 3), upper: R(1, 3) });
    expect(leW(third, third)).toBeUndefined();
    expect(leW(third, exactW(R(1, 2)))).toBe(true);
    expect(leW(exactW(R(1, 2)), third)).toBe(false);
  });

  test('subW refuses brackets that prove a < b; shrinkW drops long exact values only', () => {
    expect(() => subW(bracketW({ lower: R(1, 4), upper: R(1, 3) }), exactW(R(1, 2)))).toThrow(RangeError);
    expect(shrinkW(exactW(R(1, 3)), 3).exact).toEqualRational(R(1, 3));
    expect(shrinkW(exactW(R(1, 3)), 2).exact).toBeUndefined();
  });
});

describe('powW / powIntW', () => {
  test('exact below the size limit, certified above: contains base^k, relative width <= k 2^-124', () => {
    holds(
      fc.property(probArb, fc.integer({ min: 1, max: 300 }), (base, k) => {
        const exact = base.pow(k);
        expect(powW(base, BigInt(k)).exact === undefined || powW(base, BigInt(k)).exact!.eq(exact)).toBe(true);
        const c = powW(base, BigInt(k), 0);
        expect(c.exact).toBeUndefined();
        expect(contains(c, exact)).toBe(true);
        expect(relativeWidth(c)).toBeLessThanOrEqual((k + 2) * 2 ** -124);
        expect(contains(powIntW(bracketW({ lower: base, upper: base }), k), exact)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  test('k up to 10^15: relative width below 1e-20, and (1 - p)^(2k) = ((1 - p)^k)^2 within the brackets', () => {
    holds(
      fc.property(probArb, fc.bigInt({ min: 1000n, max: 10n ** 15n }), (q, k) => {
        // bases in [1/2, 1): the union-bound lemma's (1 - p+)^k, whose powers stay above 2^-(10^15)
        const base = ONE.sub(q.div(R(2)));
        const once = powW(base, k);
        const twice = powW(base, 2n * k);
        expect(relativeWidth(once)).toBeLessThan(1e-20);
        // the square of the bracket of (1-p)^k must overlap the bracket of (1-p)^(2k)
        const sq = mulW(once, once);
        expect(cmpD(sq.lower, twice.upper)).toBeLessThanOrEqual(0);
        expect(cmpD(twice.lower, sq.upper)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });

  test('a power far below 2^-(2^52) is bracketed by [0, 2^-(2^51)]', () => {
    const w = powW(R(1n, 10n ** 300n), 10n ** 15n);
    expect(w.lower.m).toBe(0n);
    expect(w.upper).toEqual({ m: 1n, e: -(2 ** 51) });
  });

  test('NEGATIVE CONTROL: binary powering with every step rounded down is not an upper bound', () => {
    const naiveUpper = (base: Rational, k: number): Rational => toRational(pow(fromRational(base, 'down'), k, 'down'));
    refutes(
      fc.property(probArb, fc.integer({ min: 2, max: 300 }), (base, k) => naiveUpper(base, k).ge(base.pow(k))),
      { numRuns: 300 },
    );
  });
});

describe('expNegW', () => {
  test('agrees with a 120-digit decimal.js bracket (t up to 10^5), relative width below 1e-20', () => {
    holds(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 1, max: 10 ** 4 }))
          .map(([a, b]) => R(a, b * 10 ** 4)),
        (t) => {
          const w = expNegW(t);
          const ref = expBracket(t.neg(), 120);
          const b = wideToBracket(w);
          expect(b.lower).toBeLessOrEqual(ref.upper);
          expect(ref.lower).toBeLessOrEqual(b.upper);
          expect(relativeWidth(w)).toBeLessThan(1e-20);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('exp(0) = 1 exactly; exp(-t) for t = 10^12 prints its exact decimal exponent', () => {
    expect(expNegW(Rational.ZERO).exact).toEqualRational(ONE);
    // e^-(10^12) = 10^(-434294481903.25...): mantissa 10^0.748... = 5.6...
    const f = formatW(expNegW(R(10n ** 12n)));
    expect(f).toMatch(/^\[5\.\d{16}e-434294481904, 5\.\d{16}e-434294481904\]$/);
  });
});

describe('formatW: outward rounding at every magnitude', () => {
  test('moderate values: the printed ends bracket the value', () => {
    holds(
      fc.property(dfloatArb, dfloatArb, (x, y) => {
        const [lo, hi] = cmpD(x, y) <= 0 ? [x, y] : [y, x];
        const w: Wide = { exact: undefined, lower: lo, upper: hi };
        const [a, b] = ends(formatW(w));
        expect(a).toBeLessOrEqual(toRational(lo));
        expect(b).toBeGreaterOrEqual(toRational(hi));
      }),
    );
  });

  test('beyond 2^16384 bits the log10 printing equals exact printing (values where both run)', () => {
    holds(
      fc.property(
        fc.bigInt({ min: 1n << 127n, max: (1n << 128n) - 1n }),
        fc.integer({ min: 16_400, max: 40_000 }),
        (m, e) => {
          const x: DFloat = { m, e: -e };
          const exact = toRational(x);
          const w: Wide = { exact: undefined, lower: x, upper: x };
          const fig = formatW(w);
          expect(fig).toBe(`[${exact.toScientific(17, 'floor')}, ${exact.toScientific(17, 'ceil')}]`);
        },
      ),
      { numRuns: 25 },
    );
  });

  test('huge exponents: x and 10 x print with the same mantissa and exponents one apart', () => {
    const sci = /^\[(\d\.\d{16})e(-?\d+), (\d\.\d{16})e(-?\d+)\]$/;
    holds(
      fc.property(
        fc.bigInt({ min: 1n << 127n, max: (1n << 128n) - 1n }),
        fc.integer({ min: 10 ** 5, max: 10 ** 15 }),
        (m, e) => {
          const x: DFloat = { m, e: -e };
          const ten = mul(x, fromRational(R(10), 'down'), 'down'); // exact: 10 m has 132 bits, rounded to 128
          const a = sci.exec(formatW({ exact: undefined, lower: x, upper: x }));
          const b = sci.exec(formatW({ exact: undefined, lower: ten, upper: ten }));
          expect(a).not.toBeNull();
          expect(b).not.toBeNull();
          // lower ends: the mantissa of 10 x (rounded down by at most 2^-127) is that of x, or one unit below
          const ma = BigInt((a![1] as string).replace('.', ''));
          const mb = BigInt((b![1] as string).replace('.', ''));
          expect(BigInt(b![2] as string)).toBe(BigInt(a![2] as string) + 1n);
          expect(ma - mb === 0n || ma - mb === 1n).toBe(true);
          // the printed bracket of x has width one unit of the 17th digit or two
          const lo = BigInt((a![1] as string).replace('.', ''));
          const hi = BigInt((a![3] as string).replace('.', ''));
          expect(a![2]).toBe(a![4]);
          expect(hi - lo >= 0n && hi - lo <= 2n).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });

  test('signed differences print with their sign, exact when both are exact', () => {
    expect(formatDifferenceW(exactW(R(1, 4)), exactW(R(1, 2)))).toBe('-1/4');
    const a = bracketW({ lower: R(1, 3), upper: R(1, 3) });
    const [lo, hi] = ends(formatDifferenceW(a, exactW(R(1, 2))));
    expect(lo).toBeLessOrEqual(R(-1, 6));
    expect(hi).toBeGreaterOrEqual(R(-1, 6));
    expect(hi.sign()).toBe(-1);
    const [lo2, hi2] = ends(formatDifferenceW(exactW(R(1, 2)), a));
    expect(lo2).toBeLessOrEqual(R(1, 6));
    expect(hi2).toBeGreaterOrEqual(R(1, 6));
  });

  test('NEGATIVE CONTROL: printing the lower end rounded up is caught by the outward property', () => {
    const broken = (w: Wide): string => {
      const e = toRational(w.lower);
      return `[${e.toScientific(17, 'ceil')}, ${toRational(w.upper).toScientific(17, 'ceil')}]`;
    };
    refutes(
      fc.property(dfloatArb, (x) => {
        const [a] = ends(broken({ exact: undefined, lower: x, upper: x }));
        return x.m === 0n || a.le(toRational(x));
      }),
    );
  });
});
