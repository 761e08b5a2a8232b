/**
 * Certified brackets: isqrt, sqrtBracket (exact squares decide), lnBracket / expBracket
 * (decimal.js with directed rounding, widened by one ulp). Every bracket is checked exactly:
 * sqrt by squaring, ln by exponentiating with a more precise expBracket (and vice versa), and
 * against independent high-precision constants; Math.log / Math.exp only as a sanity tolerance.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  ceilDyadic,
  expBracket,
  floorDyadic,
  formatBracket,
  isqrt,
  lnBracket,
  sqrtBracket,
} from '../../src/numeric/certified.js';
import type { Bracket } from '../../src/numeric/certified.js';
import { Rational } from '../../src/numeric/rational.js';
import {
  anyRational,
  dyadicRational,
  finiteDouble,
  generalRational,
  holds,
  refutes,
  smallRational,
} from './support.js';

const TWO = Rational.of(2);
const pow2 = (k: number): Rational => Rational.dyadic(1n, k);

describe('isqrt', () => {
  type Isqrt = (n: bigint) => bigint;
  const floorSqrt = (isq: Isqrt) =>
    fc.property(
      fc.oneof(
        fc.bigInt({ min: 0n, max: 1n << 300n }),
        fc
          .bigInt({ min: 0n, max: 1n << 120n })
          .chain((r) =>
            fc.constantFrom(r * r, r * r - 1n, r * r + 1n, (r + 1n) * (r + 1n) - 1n).filter((n) => n >= 0n),
          ),
        fc.bigInt({ min: 0n, max: 100n }),
      ),
      (n) => {
        const r = isq(n);
        return r >= 0n && r * r <= n && n < (r + 1n) * (r + 1n);
      },
    );
  it('isqrt(n)^2 <= n < (isqrt(n)+1)^2', () => {
    holds(floorSqrt(isqrt), { numRuns: 3000 });
    // a float square root is wrong beyond 2^53
    refutes(
      floorSqrt((n) => BigInt(Math.floor(Math.sqrt(Number(n))))),
      { numRuns: 200 },
    );
  });
  it('rejects negatives', () => {
    expect(() => isqrt(-1n)).toThrow(RangeError);
  });
});

describe('sqrtBracket', () => {
  type SqrtFn = (q: Rational, bits: number) => Bracket;
  const nonNegative = fc.oneof(
    anyRational.map((q) => q.abs()),
    finiteDouble.map((x) => Rational.fromFloat(Math.abs(x))),
  );
  const bitsArb = fc.integer({ min: 1, max: 200 });

  const encloses = (sqrt: SqrtFn) =>
    fc.property(nonNegative, bitsArb, (q, bits) => {
      const { lower, upper } = sqrt(q, bits);
      return lower.sign() >= 0 && lower.mul(lower).le(q) && q.le(upper.mul(upper));
    });
  const tight = (sqrt: SqrtFn) =>
    fc.property(nonNegative, bitsArb, (q, bits) => {
      const { lower, upper } = sqrt(q, bits);
      const grid = (x: Rational): boolean => x.shift(bits).isInteger();
      return lower.le(upper) && upper.sub(lower).le(pow2(-bits)) && grid(lower) && grid(upper);
    });
  const real: SqrtFn = (q, bits) => sqrtBracket(q, bits);
  /** Broken: a float square root dressed up as a bracket. */
  const floatSqrt: SqrtFn = (q) => {
    const r = Rational.fromFloat(Math.sqrt(q.toNumber()));
    return { lower: r, upper: r };
  };
  /** Broken: forgets to round the upper end up (upper = lower). */
  const noUpperRounding: SqrtFn = (q, bits) => {
    const { lower } = sqrtBracket(q, bits);
    return { lower, upper: lower };
  };
  /** Broken: a valid enclosure, but one ulp wider than promised. */
  const sloppy: SqrtFn = (q, bits) => {
    const { lower, upper } = sqrtBracket(q, bits);
    return { lower: lower.sub(pow2(-bits)).abs(), upper: upper.add(pow2(-bits)) };
  };

  it('lower^2 <= q <= upper^2 exactly', () => {
    holds(encloses(real), { numRuns: 2000 });
    refutes(encloses(floatSqrt));
    refutes(encloses(noUpperRounding));
  });
  it('upper - lower <= 2^-bits, both on the 2^-bits grid', () => {
    holds(tight(real), { numRuns: 2000 });
    refutes(tight(sloppy));
  });
  it('exact squares of grid points give lower = upper = the root', () => {
    const exactRoot = (sqrt: SqrtFn) =>
      fc.property(
        fc.bigInt({ min: 0n, max: 1n << 100n }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (m, e, extra) => {
          const r = Rational.dyadic(m, -e);
          const { lower, upper } = sqrt(r.mul(r), e + extra);
          return lower.eq(r) && upper.eq(r);
        },
      );
    holds(exactRoot(real), { numRuns: 1000 });
    refutes(exactRoot(sloppy));
    expect(sqrtBracket(Rational.of(4)).lower.toString()).toBe('2');
    expect(sqrtBracket(Rational.ZERO).upper.toString()).toBe('0');
  });
  it('sqrt(2) agrees with 50 known digits', () => {
    const SQRT2 = Rational.parse('1.41421356237309504880168872420969807856967187537694');
    const ulp50 = Rational.parse('1e-50');
    const { lower, upper } = sqrtBracket(TWO, 200);
    expect(lower.le(SQRT2.add(ulp50)) && upper.ge(SQRT2)).toBe(true);
  });
  it('monotone: q1 <= q2 implies lower1 <= lower2 and upper1 <= upper2', () => {
    holds(
      fc.property(nonNegative, nonNegative, bitsArb, (a, b, bits) => {
        const [x, y] = a.le(b) ? [a, b] : [b, a];
        const bx = sqrtBracket(x, bits);
        const by = sqrtBracket(y, bits);
        return bx.lower.le(by.lower) && bx.upper.le(by.upper);
      }),
    );
  });
  it('rejects negatives; floorDyadic/ceilDyadic bracket within 2^-bits', () => {
    expect(() => sqrtBracket(Rational.MINUS_ONE)).toThrow(RangeError);
    holds(
      fc.property(anyRational, fc.integer({ min: 0, max: 200 }), (q, bits) => {
        const lo = floorDyadic(q, bits);
        const hi = ceilDyadic(q, bits);
        return lo.le(q) && q.le(hi) && hi.sub(lo).le(pow2(-bits)) && lo.isDyadic() && hi.isDyadic();
      }),
    );
  });
});

describe('lnBracket and expBracket', () => {
  type LnFn = (q: Rational) => Bracket;
  const real: LnFn = (q) => lnBracket(q);
  /** Broken: Math.log as a "bracket". */
  const floatLn: LnFn = (q) => {
    const v = Rational.fromFloat(Math.log(q.toNumber()));
    return { lower: v, upper: v };
  };

  // positive values whose ln is a normal double and not absurdly close to 0 (|q - 1| >= 2^-130),
  // where a 150-digit exp can tell the widened bound from ln q
  const positive = fc
    .oneof(
      generalRational,
      smallRational,
      dyadicRational.filter((q) => q.abs().toNumber() > 1e-300 && q.abs().toNumber() < 1e300),
      finiteDouble.filter((x) => x !== 0 && Number.isFinite(Math.log(Math.abs(x)))).map((x) => Rational.fromFloat(x)),
    )
    .map((q) => q.abs())
    .filter((q) => !q.isZero() && q.sub(Rational.ONE).abs().ge(pow2(-130)));

  /** exp(lower) <= q <= exp(upper), decided with a 150-digit expBracket. */
  const lnEncloses = (ln: LnFn) =>
    fc.property(positive, (q) => {
      const { lower, upper } = ln(q);
      return lower.le(upper) && expBracket(lower, 150).upper.le(q) && q.le(expBracket(upper, 150).lower);
    });
  /** ln(lower) <= x <= ln(upper), decided with a 150-digit lnBracket. */
  const argument = fc
    .oneof(
      fc.double({ min: -700, max: 700, noNaN: true }).map((x) => Rational.fromFloat(x)),
      generalRational.filter((q) => q.abs().le(Rational.of(700))),
      smallRational,
    )
    .filter((x) => x.abs().ge(pow2(-130)));
  type ExpFn = (x: Rational) => Bracket;
  const expEncloses = (exp: ExpFn) =>
    fc.property(argument, (x) => {
      const { lower, upper } = exp(x);
      return (
        lower.sign() > 0 && lower.le(upper) && lnBracket(lower, 150).upper.le(x) && x.le(lnBracket(upper, 150).lower)
      );
    });
  /** Broken: Math.exp as a "bracket". */
  const floatExp: ExpFn = (x) => {
    const v = Rational.fromFloat(Math.exp(x.toNumber()));
    return { lower: v, upper: v };
  };

  it('ln: exp(lower) <= q <= exp(upper), exactly', () => {
    holds(lnEncloses(real), { numRuns: 300 });
    refutes(lnEncloses(floatLn), { numRuns: 100 });
  });
  it('exp: ln(lower) <= x <= ln(upper), exactly', () => {
    holds(
      expEncloses((x) => expBracket(x)),
      { numRuns: 300 },
    );
    refutes(expEncloses(floatExp), { numRuns: 100 });
  });
  it('brackets are tight: width <= 1e-55 relative (60 digits)', () => {
    holds(
      fc.property(positive, (q) => {
        const { lower, upper } = lnBracket(q);
        const width = upper.sub(lower);
        return width.le(Rational.parse('1e-55').mul(Rational.ONE.add(lower.abs())));
      }),
      { numRuns: 200 },
    );
  });
  it('agree with Math.log / Math.exp within float tolerance', () => {
    holds(
      fc.property(positive, (q) => {
        const mid = lnBracket(q).lower.toNumber();
        const f = Math.log(q.toNumber());
        return Math.abs(mid - f) <= 1e-14 * Math.max(1, Math.abs(f));
      }),
      { numRuns: 300 },
    );
    holds(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (x) => {
        const e = expBracket(Rational.fromFloat(x)).lower.toNumber();
        return Math.abs(e - Math.exp(x)) <= 1e-14 * Math.exp(x);
      }),
      { numRuns: 300 },
    );
  });
  it('known constants: ln 2, ln 10, e (50 digits)', () => {
    const contains = (b: Bracket, digits: string): boolean => {
      const c = Rational.parse(digits); // truncated after 50 decimals: c <= value < c + 1e-50
      return b.lower.le(c.add(Rational.parse('1e-50'))) && b.upper.ge(c);
    };
    expect(contains(lnBracket(TWO), '0.69314718055994530941723212145817656807550013436025')).toBe(true);
    expect(contains(lnBracket(Rational.of(10)), '2.30258509299404568401799145468436420760110148862877')).toBe(true);
    expect(contains(expBracket(Rational.ONE), '2.71828182845904523536028747135266249775724709369995')).toBe(true);
    expect(contains(floatLn(TWO), '0.69314718055994530941723212145817656807550013436025')).toBe(false);
  });
  it('monotone: q1 <= q2 never gives ordered disjoint brackets the wrong way; well-separated arguments give separated brackets', () => {
    type Fn = (q: Rational) => Bracket;
    const monotone = (f: Fn, arb: fc.Arbitrary<Rational>) =>
      fc.property(arb, arb, (a, b) => {
        const [x, y] = a.le(b) ? [a, b] : [b, a];
        const bx = f(x);
        const by = f(y);
        if (bx.lower.gt(by.upper)) return false; // would certify f(x) > f(y)
        // relative separation 2^-40 is far beyond the 60-digit width
        const separated = y.sub(x).gt(x.abs().add(y.abs()).mul(pow2(-40)));
        return !separated || bx.upper.lt(by.lower);
      });
    holds(
      monotone((q) => lnBracket(q), positive),
      { numRuns: 200 },
    );
    holds(
      monotone((x) => expBracket(x), argument),
      { numRuns: 200 },
    );
    // decreasing "ln" is caught
    refutes(
      monotone((q) => lnBracket(q.inv()), positive),
      { numRuns: 200 },
    );
  });
  it('exact points and errors', () => {
    expect(lnBracket(Rational.ONE)).toEqual({ lower: Rational.ZERO, upper: Rational.ZERO });
    expect(expBracket(Rational.ZERO)).toEqual({ lower: Rational.ONE, upper: Rational.ONE });
    expect(() => lnBracket(Rational.ZERO)).toThrow(RangeError);
    expect(() => lnBracket(Rational.MINUS_ONE)).toThrow(RangeError);
    expect(() => expBracket(Rational.of(1_000_001))).toThrow(InputError);
    const tiny = expBracket(Rational.of(-1_000_000));
    expect(tiny.lower.sign() >= 0 && tiny.lower.le(tiny.upper)).toBe(true);
    expect(formatBracket(lnBracket(TWO), 6)).toBe('[6.93147e-1, 6.93148e-1]');
  });
  it('q within 1e-60 of 1: the brackets stay valid around 0', () => {
    for (const q of [Rational.ONE.add(pow2(-300)), Rational.ONE.sub(pow2(-300))]) {
      const { lower, upper } = lnBracket(q);
      // t/(1+t) <= ln(1 + t) <= t for t > -1, so these two comparisons prove the enclosure
      const t = q.sub(Rational.ONE);
      expect(lower.le(t.div(q)) && upper.ge(t)).toBe(true);
    }
  });
});
