/**
 * The float64 boundary: decodeFloat, fromFloat (exact) and toNumber (correctly rounded, ties to
 * even, overflow to ±Infinity), with -0, subnormals and the max finite value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational, decodeFloat } from '../../src/numeric/rational.js';
import {
  anyRational,
  dyadicRational,
  finiteDouble,
  generalRational,
  hasEvenSignificand,
  holds,
  isCanonical,
  nextDown,
  nextUp,
  refutes,
} from './support.js';

type Decode = (x: number) => { mantissa: bigint; exponent: number };

/** Broken decode: treats subnormals as normals (adds the hidden bit, biased exponent 0). */
const DECODE_SUBNORMAL_BUG: Decode = (x) => {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  const bits = v.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const m = (bits & ((1n << 52n) - 1n)) | (1n << 52n);
  const sign = bits >> 63n === 1n ? -1n : 1n;
  if (x === 0) return { mantissa: 0n, exponent: 0 };
  return { mantissa: sign * m, exponent: biased - 1075 };
};

const decodeReconstructs = (decode: Decode) =>
  fc.property(finiteDouble, (x) => {
    const { mantissa, exponent } = decode(x);
    const exact = Rational.dyadic(mantissa, exponent);
    // Rational.dyadic is exact; the float product m * 2^e is exact too (the result is representable)
    return exact.eq(Rational.fromFloat(x)) && Number(mantissa) * 2 ** exponent === x;
  });

describe('decodeFloat', () => {
  it('mantissa * 2^exponent reconstructs every finite double exactly', () => {
    holds(decodeReconstructs(decodeFloat), { numRuns: 3000 });
    refutes(decodeReconstructs(DECODE_SUBNORMAL_BUG), { examples: [[Number.MIN_VALUE]] });
  });
  it('mantissa is odd (or 0 for ±0), |mantissa| < 2^53, sign carried by the mantissa', () => {
    const normalForm = (decode: Decode) =>
      fc.property(finiteDouble, (x) => {
        const { mantissa, exponent } = decode(x);
        if (x === 0) return mantissa === 0n && exponent === 0;
        const a = mantissa < 0n ? -mantissa : mantissa;
        const bits = a.toString(2).length;
        return a % 2n === 1n && bits <= 53 && mantissa < 0n === x < 0 && exponent >= -1074 && exponent + bits <= 1024;
      });
    holds(normalForm(decodeFloat), { numRuns: 3000 });
    // the raw IEEE fields (hidden bit added, trailing zeros kept) are not the normal form
    refutes(normalForm(DECODE_SUBNORMAL_BUG));
  });
  it('edge cases', () => {
    expect(decodeFloat(0.75)).toEqual({ mantissa: 3n, exponent: -2 });
    expect(decodeFloat(-0)).toEqual({ mantissa: 0n, exponent: 0 });
    expect(decodeFloat(Number.MIN_VALUE)).toEqual({ mantissa: 1n, exponent: -1074 });
    expect(decodeFloat(Number.MAX_VALUE)).toEqual({ mantissa: (1n << 53n) - 1n, exponent: 971 });
    expect(decodeFloat(2 ** 1023)).toEqual({ mantissa: 1n, exponent: 1023 });
  });
  it('rejects NaN and ±Infinity with InputError', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      expect(() => decodeFloat(bad)).toThrow(InputError);
      expect(() => Rational.fromFloat(bad)).toThrow(InputError);
      expect(() => Rational.fromJson(bad)).toThrow(InputError);
    }
  });
});

describe('fromFloat -> toNumber round trip', () => {
  type FromFloat = (x: number) => Rational;
  const roundTrip = (fromFloat: FromFloat) =>
    fc.property(finiteDouble, (x) => {
      const q = fromFloat(x);
      return isCanonical(q) && Object.is(q.toNumber(), x === 0 ? 0 : x);
    });
  it('is the identity on every finite double (-0 becomes 0)', () => {
    holds(
      roundTrip((x) => Rational.fromFloat(x)),
      { numRuns: 5000 },
    );
    // a 15-digit decimal detour is not exact
    refutes(roundTrip((x) => Rational.parse(x.toPrecision(15))));
  });
  it('fromFloat is dyadic, fromJson(number) is fromFloat, -0 is 0', () => {
    holds(
      fc.property(
        finiteDouble,
        (x) => Rational.fromFloat(x).isDyadic() && Rational.fromJson(x).eq(Rational.fromFloat(x)),
      ),
    );
    expect(Rational.fromFloat(-0)).toEqualRational(Rational.ZERO);
    expect(Object.is(Rational.fromFloat(-0).toNumber(), 0)).toBe(true);
  });
  it('fromFloat is strictly monotone: it preserves the order of doubles', () => {
    holds(
      fc.property(
        finiteDouble,
        finiteDouble,
        (x, y) => Math.sign(Rational.fromFloat(x).cmp(Rational.fromFloat(y))) === Math.sign(x - y),
      ),
      { numRuns: 2000 },
    );
  });
  it('extreme values', () => {
    const cases: [number, string][] = [
      [Number.MIN_VALUE, `1/${1n << 1074n}`],
      [Number.MAX_VALUE, `${((1n << 53n) - 1n) << 971n}`],
      [0.1, '3602879701896397/36028797018963968'],
      [-0.5, '-1/2'],
    ];
    for (const [x, text] of cases) expect(Rational.fromFloat(x).toString()).toBe(text);
  });
});

describe('toNumber is correctly rounded (ties to even)', () => {
  type ToNumber = (q: Rational) => number;
  const MAX = Rational.fromFloat(Number.MAX_VALUE);
  /** The overflow threshold: MAX + half an ulp (2^970). Values >= it round to Infinity. */
  const OVERFLOW = MAX.add(Rational.dyadic(1n, 970));

  const correctlyRounded = (toNumber: ToNumber, q: Rational): boolean => {
    const y = toNumber(q);
    if (!Number.isFinite(y)) return y === (q.sign() > 0 ? Infinity : -Infinity) && q.abs().ge(OVERFLOW);
    if (q.abs().ge(OVERFLOW)) return false;
    const err = q.sub(Rational.fromFloat(y)).abs();
    for (const n of [nextUp(y), nextDown(y)]) {
      if (!Number.isFinite(n)) continue; // beyond max finite: handled by the OVERFLOW check
      const c = err.cmp(q.sub(Rational.fromFloat(n)).abs());
      if (c > 0) return false; // a neighbour is strictly closer
      if (c === 0 && !hasEvenSignificand(y)) return false; // a tie must go to the even one
    }
    return true;
  };
  /** Rationals spanning the whole double range, the subnormal range and beyond both ends. */
  const wideRational = fc.oneof(
    anyRational,
    fc
      .tuple(fc.oneof(generalRational, dyadicRational), fc.integer({ min: -1200, max: 1100 }))
      .map(([q, s]) => q.shift(s)),
  );
  /** Exact midpoints between adjacent doubles: the tie cases. */
  const midpoints = finiteDouble
    .filter((x) => Number.isFinite(nextUp(x)))
    .map((x) =>
      Rational.fromFloat(x)
        .add(Rational.fromFloat(nextUp(x)))
        .shift(-1),
    );
  /** Points just around the midpoints and the overflow threshold. */
  const nearTies = fc
    .tuple(midpoints, fc.constantFrom(-1, 1), fc.integer({ min: 1080, max: 1200 }))
    .map(([m, s, k]) => m.add(Rational.dyadic(BigInt(s), -k)));
  const nearOverflow = fc
    .tuple(fc.constantFrom(-1n, 0n, 1n), fc.integer({ min: 900, max: 1000 }), fc.boolean())
    .map(([s, k, neg]) => {
      const q = OVERFLOW.add(Rational.dyadic(s, k));
      return neg ? q.neg() : q;
    });

  const prop = (toNumber: ToNumber, arb: fc.Arbitrary<Rational>) =>
    fc.property(arb, (q) => correctlyRounded(toNumber, q));
  const real: ToNumber = (q) => q.toNumber();
  /** Broken: numerator and denominator rounded separately, then divided (double rounding). */
  const naive: ToNumber = (q) => Number(q.num) / Number(q.den);
  /** Broken: rounds ties away from zero. */
  const tiesAway: ToNumber = (q) => {
    const y = q.toNumber();
    const up = q.sign() > 0 ? nextUp(y) : nextDown(y);
    const tie = q
      .sub(Rational.fromFloat(y))
      .abs()
      .eq(q.sub(Rational.fromFloat(up)).abs());
    return tie ? up : y;
  };

  /** Broken: rounds toward zero (truncation). */
  const truncating: ToNumber = (q) => {
    const y = q.toNumber();
    return Rational.fromFloat(y).abs().gt(q.abs()) ? (q.sign() > 0 ? nextDown(y) : nextUp(y)) : y;
  };

  it('no neighbour of the result is closer, on the whole range', () => {
    holds(prop(real, wideRational), { numRuns: 3000 });
    refutes(prop(naive, wideRational));
  });
  it('exact midpoints round to the even neighbour', () => {
    holds(prop(real, midpoints), { numRuns: 2000 });
    refutes(prop(tiesAway, midpoints));
    expect(Rational.fromFloat(1).add(Rational.dyadic(1n, -53)).toNumber()).toBe(1);
    expect(Rational.fromFloat(1).add(Rational.dyadic(3n, -53)).toNumber()).toBe(1 + 2 * Number.EPSILON);
    expect(Rational.dyadic(1n, -1075).toNumber()).toBe(0); // half of MIN_VALUE: tie to 0 (even)
    expect(Rational.dyadic(3n, -1075).toNumber()).toBe(2 * Number.MIN_VALUE);
  });
  it('values just off a midpoint round to the nearer side', () => {
    holds(prop(real, nearTies), { numRuns: 2000 });
    refutes(prop(truncating, nearTies));
  });
  it('overflow threshold: below it rounds to ±MAX_VALUE, at or above it to ±Infinity', () => {
    holds(prop(real, nearOverflow), { numRuns: 500 });
    refutes(prop(truncating, nearOverflow));
    expect(OVERFLOW.toNumber()).toBe(Infinity);
    expect(OVERFLOW.sub(Rational.dyadic(1n, -100)).toNumber()).toBe(Number.MAX_VALUE);
    expect(OVERFLOW.neg().toNumber()).toBe(-Infinity);
    expect(Rational.dyadic(1n, 5000).toNumber()).toBe(Infinity);
    expect(Rational.dyadic(1n, -5000).toNumber()).toBe(0);
  });
  it('toNumber is monotone (weakly)', () => {
    holds(
      fc.property(wideRational, wideRational, (a, b) => a.cmp(b) > 0 || a.toNumber() <= b.toNumber()),
      { numRuns: 2000 },
    );
  });
});
