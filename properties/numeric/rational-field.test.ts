/**
 * Rational as an ordered field: axioms, canonical form after every operation, order, cmp,
 * integer rounding, and agreement of the dyadic fast path with a plain gcd reference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational, trailingZeros } from '../../src/numeric/rational.js';
import type { Rounding } from '../../src/numeric/rational.js';
import {
  anyRational,
  dyadicRational,
  frac,
  generalRational,
  holds,
  isCanonical,
  nonZeroRational,
  positiveRational,
  refAdd,
  refCmp,
  refDiv,
  refMul,
  refNorm,
  refSub,
  refutes,
  sameAs,
  smallRational,
} from './support.js';

/** The arithmetic under test, so that a broken variant can be swapped in. */
interface Ops {
  add(a: Rational, b: Rational): Rational;
  mul(a: Rational, b: Rational): Rational;
  neg(a: Rational): Rational;
  inv(a: Rational): Rational;
}

const REAL: Ops = {
  add: (a, b) => a.add(b),
  mul: (a, b) => a.mul(b),
  neg: (a) => a.neg(),
  inv: (a) => a.inv(),
};

/** Broken: addition that skips normalisation (keeps the product denominator). */
const ADD_UNNORMALISED: Ops = { ...REAL, add: (a, b) => Rational.unsafe(a.num * b.den + b.num * a.den, a.den * b.den) };
/** Broken: multiplication that ignores the sign of the second factor. */
const MUL_ABS: Ops = { ...REAL, mul: (a, b) => a.mul(b.abs()) };
/** Broken: float addition (rounded, hence neither exact nor associative). */
const ADD_FLOAT: Ops = { ...REAL, add: (a, b) => Rational.fromFloat(a.toNumber() + b.toNumber()) };
/** Broken: a non-commutative "addition" (a + 2b). */
const ADD_SKEWED: Ops = { ...REAL, add: (a, b) => a.add(b).add(b) };
/** Broken: multiplication rounded to 2^-20 (what float thinking would do), no longer associative. */
const MUL_ROUNDED: Ops = {
  ...REAL,
  mul: (a, b) => Rational.dyadic(a.mul(b).shift(20).round('nearest'), -20),
};
/** Broken: negation that returns the value itself for dyadics. */
const NEG_DYADIC_BUG: Ops = { ...REAL, neg: (a) => (a.isDyadic() && !a.isInteger() ? a : a.neg()) };
/** Broken: inverse of the numerator only. */
const INV_NUM_ONLY: Ops = { ...REAL, inv: (a) => Rational.of(1n, a.num) };

const commutativity = (o: Ops) =>
  fc.property(anyRational, anyRational, (a, b) => o.add(a, b).eq(o.add(b, a)) && o.mul(a, b).eq(o.mul(b, a)));
const associativity = (o: Ops) =>
  fc.property(
    anyRational,
    anyRational,
    anyRational,
    (a, b, c) => o.add(o.add(a, b), c).eq(o.add(a, o.add(b, c))) && o.mul(o.mul(a, b), c).eq(o.mul(a, o.mul(b, c))),
  );
const distributivity = (o: Ops) =>
  fc.property(anyRational, anyRational, anyRational, (a, b, c) =>
    o.mul(a, o.add(b, c)).eq(o.add(o.mul(a, b), o.mul(a, c))),
  );
const identities = (o: Ops) =>
  fc.property(
    anyRational,
    (a) => o.add(a, Rational.ZERO).eq(a) && o.mul(a, Rational.ONE).eq(a) && o.mul(a, Rational.ZERO).eq(Rational.ZERO),
  );
const additiveInverse = (o: Ops) => fc.property(anyRational, (a) => o.add(a, o.neg(a)).isZero());
const multiplicativeInverse = (o: Ops) => fc.property(nonZeroRational, (a) => o.mul(a, o.inv(a)).eq(Rational.ONE));
const canonicalAfterAdd = (o: Ops) => fc.property(anyRational, anyRational, (a, b) => isCanonical(o.add(a, b)));

describe('Rational: field axioms', () => {
  it('commutativity of + and *', () => {
    holds(commutativity(REAL), { numRuns: 500 });
    refutes(commutativity(ADD_SKEWED));
  });
  it('associativity of + and *', () => {
    holds(associativity(REAL), { numRuns: 500 });
    refutes(associativity(ADD_FLOAT), { numRuns: 200 });
    refutes(associativity(MUL_ROUNDED), { numRuns: 200 });
  });
  it('distributivity', () => {
    holds(distributivity(REAL), { numRuns: 500 });
    refutes(distributivity(MUL_ABS), { numRuns: 200 });
  });
  it('identities 0 and 1, absorbing 0', () => {
    holds(identities(REAL), { numRuns: 500 });
    refutes(identities(MUL_ROUNDED));
    refutes(identities(ADD_FLOAT));
  });
  it('additive inverse', () => {
    holds(additiveInverse(REAL), { numRuns: 500 });
    refutes(additiveInverse(NEG_DYADIC_BUG));
  });
  it('multiplicative inverse', () => {
    holds(multiplicativeInverse(REAL), { numRuns: 500 });
    refutes(multiplicativeInverse(INV_NUM_ONLY));
  });
  it('sub and div are the inverses of add and mul', () => {
    holds(
      fc.property(anyRational, anyRational, (a, b) => a.sub(b).add(b).eq(a) && a.sub(b).eq(a.add(b.neg()))),
      { numRuns: 500 },
    );
    holds(
      fc.property(anyRational, nonZeroRational, (a, b) => a.div(b).mul(b).eq(a) && a.div(b).eq(a.mul(b.inv()))),
      {
        numRuns: 500,
      },
    );
  });
  it('division by zero is a RangeError, not a silent Infinity', () => {
    holds(
      fc.property(anyRational, (a) => {
        expect(() => a.div(Rational.ZERO)).toThrow(RangeError);
      }),
    );
    expect(() => Rational.ZERO.inv()).toThrow(RangeError);
    expect(() => Rational.of(1, 0)).toThrow(RangeError);
  });
});

describe('Rational: canonical form (den > 0, gcd 1, 0 = 0/1) after every operation', () => {
  const binary: [string, (a: Rational, b: Rational) => Rational][] = [
    ['add', (a, b) => a.add(b)],
    ['sub', (a, b) => a.sub(b)],
    ['mul', (a, b) => a.mul(b)],
    ['div', (a, b) => (b.isZero() ? a : a.div(b))],
    ['min', (a, b) => Rational.min(a, b)],
    ['max', (a, b) => Rational.max(a, b)],
  ];
  for (const [name, op] of binary) {
    it(name, () =>
      holds(
        fc.property(anyRational, anyRational, (a, b) => isCanonical(op(a, b))),
        { numRuns: 400 },
      ),
    );
  }
  it('neg, abs, inv, pow, shift', () => {
    holds(
      fc.property(anyRational, fc.integer({ min: 0, max: 6 }), fc.integer({ min: -300, max: 300 }), (a, k, s) => {
        const results = [a.neg(), a.abs(), a.pow(k), a.shift(s)];
        if (!a.isZero()) results.push(a.inv());
        return results.every(isCanonical);
      }),
      { numRuns: 400 },
    );
  });
  it('constructors: of (incl. negative denominators), dyadic, fromFloat, sum', () => {
    holds(
      fc.property(
        fc.bigInt({ min: -(1n << 90n), max: 1n << 90n }),
        fc.bigInt({ min: -(1n << 90n), max: 1n << 90n }).filter((d) => d !== 0n),
        fc.integer({ min: -1100, max: 1100 }),
        fc.array(anyRational, { maxLength: 8 }),
        (n, d, e, xs) =>
          isCanonical(Rational.of(n, d)) && isCanonical(Rational.dyadic(n, e)) && isCanonical(Rational.sum(xs)),
      ),
      { numRuns: 400 },
    );
  });
  it('negative control: an unnormalised add is caught', () => {
    holds(canonicalAfterAdd(REAL), { numRuns: 400 });
    refutes(canonicalAfterAdd(ADD_UNNORMALISED), { numRuns: 200 });
  });
  it('equal values have equal representations (eq is structural)', () => {
    holds(
      fc.property(anyRational, fc.bigInt({ min: 1n, max: 1n << 40n }), fc.boolean(), (a, k, negate) => {
        const s = negate ? -k : k;
        return Rational.of(a.num * s, a.den * s).eq(a);
      }),
    );
  });
});

describe('Rational: order', () => {
  type Cmp = (a: Rational, b: Rational) => number;
  const REAL_CMP: Cmp = (a, b) => a.cmp(b);
  /** Broken: compares numerators only. */
  const NUM_CMP: Cmp = (a, b) => (a.num < b.num ? -1 : a.num > b.num ? 1 : 0);
  /** Broken: compares float approximations (ties where the exact values differ). */
  const FLOAT_CMP: Cmp = (a, b) => Math.sign(a.toNumber() - b.toNumber());
  /** Broken: "equal within 1/2", which is not transitive. */
  const TOLERANT_CMP: Cmp = (a, b) => (a.sub(b).abs().lt(Rational.of(1, 2)) ? 0 : a.cmp(b));

  const crossMultiplication = (cmp: Cmp) =>
    fc.property(anyRational, anyRational, (a, b) => cmp(a, b) === refCmp(frac(a), frac(b)));
  const totalAndConsistent = (cmp: Cmp) =>
    fc.property(anyRational, anyRational, (a, b) => {
      const c = cmp(a, b);
      return cmp(b, a) === -c && (c === 0) === a.eq(b);
    });
  const transitive = (cmp: Cmp, arb: fc.Arbitrary<Rational> = anyRational) =>
    fc.property(arb, arb, arb, (a, b, c) => !(cmp(a, b) <= 0 && cmp(b, c) <= 0) || cmp(a, c) <= 0);
  const addCompatible = (cmp: Cmp) =>
    fc.property(
      anyRational,
      anyRational,
      anyRational,
      (a, b, c) => Math.sign(cmp(a.add(c), b.add(c))) === Math.sign(cmp(a, b)),
    );
  const positiveMulCompatible = (cmp: Cmp) =>
    fc.property(
      anyRational,
      anyRational,
      positiveRational,
      (a, b, c) => Math.sign(cmp(a.mul(c), b.mul(c))) === Math.sign(cmp(a, b)),
    );

  it('cmp agrees with cross-multiplication', () => {
    holds(crossMultiplication(REAL_CMP), { numRuns: 1000 });
    refutes(crossMultiplication(NUM_CMP));
    refutes(crossMultiplication(FLOAT_CMP), { examples: [[Rational.ONE, Rational.ONE.add(Rational.dyadic(1n, -60))]] });
  });
  it('total, antisymmetric, consistent with eq; lt/le/gt/ge agree with cmp', () => {
    holds(totalAndConsistent(REAL_CMP), { numRuns: 1000 });
    holds(
      fc.property(anyRational, anyRational, (a, b) => {
        const c = a.cmp(b);
        return a.lt(b) === c < 0 && a.le(b) === c <= 0 && a.gt(b) === c > 0 && a.ge(b) === c >= 0;
      }),
    );
    refutes(totalAndConsistent(FLOAT_CMP), { examples: [[Rational.ONE, Rational.ONE.add(Rational.dyadic(1n, -60))]] });
  });
  it('transitive', () => {
    holds(transitive(REAL_CMP), { numRuns: 1000 });
    refutes(transitive(TOLERANT_CMP), { examples: [[Rational.of(2), Rational.of(7, 4), Rational.of(3, 2)]] });
    // random values on a 0.1 grid of [0, 2], where chains of "equal within 1/2" are common
    refutes(
      transitive(
        TOLERANT_CMP,
        fc.integer({ min: 0, max: 20 }).map((k) => Rational.of(k, 10)),
      ),
    );
  });
  it('compatible with addition', () => {
    holds(addCompatible(REAL_CMP), { numRuns: 500 });
    refutes(addCompatible(NUM_CMP));
  });
  it('compatible with multiplication by a positive number', () => {
    holds(positiveMulCompatible(REAL_CMP), { numRuns: 500 });
    refutes(positiveMulCompatible(NUM_CMP));
  });
  it('min/max/abs/sign are consistent with the order', () => {
    holds(
      fc.property(anyRational, anyRational, (a, b) => {
        const lo = Rational.min(a, b);
        const hi = Rational.max(a, b);
        return (
          lo.le(a) &&
          lo.le(b) &&
          hi.ge(a) &&
          hi.ge(b) &&
          (lo.eq(a) || lo.eq(b)) &&
          a.abs().ge(Rational.ZERO) &&
          a.sign() === a.cmp(Rational.ZERO)
        );
      }),
    );
  });
});

describe('Rational: floor, ceil, round', () => {
  type IntFn = (q: Rational) => bigint;
  const I = (n: bigint): Rational => Rational.of(n);
  const floorProp = (floor: IntFn) =>
    fc.property(anyRational, (q) => {
      const f = I(floor(q));
      return f.le(q) && q.lt(f.add(Rational.ONE));
    });
  const ceilProp = (ceil: IntFn) =>
    fc.property(anyRational, (q) => {
      const c = I(ceil(q));
      return c.sub(Rational.ONE).lt(q) && q.le(c);
    });
  const truncProp = (trunc: IntFn) =>
    fc.property(anyRational, (q) => {
      const t = I(trunc(q));
      return t.abs().le(q.abs()) && q.abs().lt(t.abs().add(Rational.ONE)) && t.sign() * q.sign() >= 0;
    });
  const nearestOk = (nearest: IntFn, q: Rational): boolean => {
    const r = nearest(q);
    const d = q.sub(I(r)).abs();
    const half = Rational.of(1, 2);
    return d.lt(half) || (d.eq(half) && r % 2n === 0n);
  };
  const nearestProp = (nearest: IntFn, arb: fc.Arbitrary<Rational> = anyRational) =>
    fc.property(arb, (q) => nearestOk(nearest, q));
  /** Broken: BigInt division truncates toward zero, which is not floor for negatives. */
  const TRUNC_AS_FLOOR: IntFn = (q) => q.num / q.den;
  /** Broken: ceil as floor + 1, wrong on integers. */
  const FLOOR_PLUS_ONE: IntFn = (q) => q.floor() + 1n;
  /** Broken: round half away from zero instead of half to even. */
  const HALF_UP: IntFn = (q) =>
    q.sign() < 0 ? -q.abs().add(Rational.of(1, 2)).floor() : q.add(Rational.of(1, 2)).floor();
  const halves = fc.integer({ min: -50, max: 50 }).map((k) => Rational.of(2 * k + 1, 2));

  it('floor <= x < floor + 1', () => {
    holds(
      floorProp((q) => q.floor()),
      { numRuns: 1000 },
    );
    holds(floorProp((q) => q.round('floor')));
    refutes(floorProp(TRUNC_AS_FLOOR));
  });
  it('ceil - 1 < x <= ceil', () => {
    holds(
      ceilProp((q) => q.ceil()),
      { numRuns: 1000 },
    );
    holds(ceilProp((q) => q.round('ceil')));
    refutes(ceilProp(FLOOR_PLUS_ONE));
  });
  it('trunc rounds toward zero', () => {
    holds(
      truncProp((q) => q.round('trunc')),
      { numRuns: 1000 },
    );
    refutes(truncProp((q) => q.floor()));
  });
  it('nearest is within 1/2, ties to even', () => {
    holds(
      nearestProp((q) => q.round('nearest')),
      { numRuns: 1000 },
    );
    holds(nearestProp((x) => x.round('nearest'), halves));
    refutes(nearestProp(HALF_UP, halves));
    refutes(nearestProp((x) => x.floor()));
  });
  it('isInteger / floor = ceil exactly on integers; ceil(x) = -floor(-x)', () => {
    holds(fc.property(anyRational, (q) => q.isInteger() === (q.floor() === q.ceil()) && q.ceil() === -q.neg().floor()));
  });
});

describe('Rational: dyadic fast path agrees with plain gcd arithmetic', () => {
  type Bin = (a: Rational, b: Rational) => Rational;
  const agrees = (
    name: string,
    op: Bin,
    ref: (a: readonly [bigint, bigint], b: readonly [bigint, bigint]) => readonly [bigint, bigint],
    arb: fc.Arbitrary<Rational>,
  ) =>
    fc.property(arb, arb, (a, b) => {
      if (name === 'div' && b.isZero()) return true;
      return sameAs(op(a, b), ref(frac(a), frac(b)));
    });
  // dyadic pairs with the same and with different exponents, plus mixed dyadic/general pairs
  const dyadicOrMixed = fc.oneof(dyadicRational, dyadicRational, generalRational, smallRational);
  const cases: [string, Bin, typeof refAdd][] = [
    ['add', (a, b) => a.add(b), refAdd],
    ['sub', (a, b) => a.sub(b), refSub],
    ['mul', (a, b) => a.mul(b), refMul],
    ['div', (a, b) => a.div(b), refDiv],
  ];
  for (const [name, op, ref] of cases) {
    it(name, () => {
      holds(agrees(name, op, ref, dyadicRational), { numRuns: 1000 });
      holds(agrees(name, op, ref, dyadicOrMixed), { numRuns: 1000 });
    });
  }
  it('dyadic(m, e), shift and pow agree with the reference', () => {
    holds(
      fc.property(fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }), fc.integer({ min: -300, max: 300 }), (m, e) =>
        sameAs(Rational.dyadic(m, e), e >= 0 ? refNorm(m << BigInt(e), 1n) : refNorm(m, 1n << BigInt(-e))),
      ),
      { numRuns: 1000 },
    );
    holds(
      fc.property(anyRational, fc.integer({ min: -200, max: 200 }), fc.integer({ min: 0, max: 5 }), (q, s, k) => {
        const shifted = s >= 0 ? refNorm(q.num << BigInt(s), q.den) : refNorm(q.num, q.den << BigInt(-s));
        return sameAs(q.shift(s), shifted) && sameAs(q.pow(k), refNorm(q.num ** BigInt(k), q.den ** BigInt(k)));
      }),
    );
  });
  it('isDyadic is exactly "denominator is a power of two", and closed under + - *', () => {
    holds(
      fc.property(
        dyadicRational,
        dyadicRational,
        (a, b) => a.isDyadic() && a.add(b).isDyadic() && a.sub(b).isDyadic() && a.mul(b).isDyadic(),
      ),
    );
    holds(fc.property(generalRational, (q) => q.isDyadic() === (q.den.toString(2).replace(/^10*$/, '') === '')));
  });
  it('negative control: an add whose dyadic path forgets to rescale is caught', () => {
    const broken: Bin = (a, b) =>
      a.isDyadic() && b.isDyadic() ? Rational.of(a.num + b.num, a.den > b.den ? a.den : b.den) : a.add(b);
    refutes(agrees('add', broken, refAdd, dyadicRational));
  });
});

describe('Rational: rounding modes are the only values of Rounding', () => {
  it('round() dispatches on every declared mode', () => {
    const modes: Rounding[] = ['floor', 'ceil', 'trunc', 'nearest'];
    const q = Rational.of(-7, 2);
    expect(modes.map((m) => q.round(m))).toEqual([-4n, -3n, -3n, -4n]);
  });
});

describe('trailingZeros', () => {
  /** Reference: shift one bit at a time. */
  const reference = (a: bigint): number => {
    if (a === 0n) return 0;
    let x = a < 0n ? -a : a;
    let n = 0;
    while ((x & 1n) === 0n) {
      x >>= 1n;
      n += 1;
    }
    return n;
  };
  it('counts the trailing zero bits of any BigInt, on both sides of 2^1023 and of either sign', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(1n << 200n), max: 1n << 200n }),
        fc.integer({ min: 0, max: 3000 }),
        (odd, shift) => {
          const a = odd << BigInt(shift);
          expect(trailingZeros(a)).toBe(reference(a));
        },
      ),
      { numRuns: 500 },
    );
    for (const n of [0, 1, 31, 32, 52, 53, 64, 1022, 1023, 1024, 1025, 1026, 1027, 1028, 4096])
      for (const odd of [1n, 3n, -1n, -5n, (1n << 70n) + 1n]) expect(trailingZeros(odd << BigInt(n))).toBe(n);
    expect(trailingZeros(0n)).toBe(0);
  });
});
