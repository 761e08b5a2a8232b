/**
 * Shared arbitraries, a plain reference implementation of rational arithmetic and the helpers that
 * run a property both ways: it must hold on the real code (`fc.assert`) and must be refuted on a
 * deliberately broken variant (`fc.check(...).failed`), so that no property is vacuous.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';

// ---------------------------------------------------------------------------------------------
// Running properties
// ---------------------------------------------------------------------------------------------

/** Asserts that a property holds (throws with the shrunk counterexample otherwise). */
export function holds<T>(prop: fc.IProperty<T>, params: fc.Parameters<T> = {}): void {
  fc.assert(prop, params);
}

/**
 * Asserts that a property is refuted (negative control). A failure caused by a TypeError,
 * ReferenceError or SyntaxError would mean a bug in the test itself, not a refutation, so those do
 * not count.
 */
export function refutes<T>(prop: fc.IProperty<T>, params: fc.Parameters<T> = {}): void {
  const details = fc.check(prop, { numRuns: 1000, endOnFailure: true, ...params });
  expect(details.failed, 'the negative control was not refuted').toBe(true);
  const err = details.errorInstance;
  const testBug = err instanceof TypeError || err instanceof ReferenceError || err instanceof SyntaxError;
  expect(testBug, `negative control failed for the wrong reason: ${String(err)}`).toBe(false);
}

// ---------------------------------------------------------------------------------------------
// Reference arithmetic: pairs [num, den], plain Euclid, nothing shared with src/
// ---------------------------------------------------------------------------------------------

/** A plain fraction `[num, den]` with den > 0 and gcd 1. */
export type Frac = readonly [bigint, bigint];

/** Euclid on absolute values (independent of src/numeric's gcd). */
export function refGcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** The canonical pair of n/d (d != 0). */
export function refNorm(n: bigint, d: bigint): Frac {
  if (d === 0n) throw new RangeError('zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (n === 0n) return [0n, 1n];
  const g = refGcd(n, d);
  return [n / g, d / g];
}

export const refAdd = (a: Frac, b: Frac): Frac => refNorm(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
export const refSub = (a: Frac, b: Frac): Frac => refNorm(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
export const refMul = (a: Frac, b: Frac): Frac => refNorm(a[0] * b[0], a[1] * b[1]);
export const refDiv = (a: Frac, b: Frac): Frac => refNorm(a[0] * b[1], a[1] * b[0]);
export const refCmp = (a: Frac, b: Frac): number => {
  const l = a[0] * b[1];
  const r = b[0] * a[1];
  return l < r ? -1 : l > r ? 1 : 0;
};

/** The pair of a Rational. */
export const frac = (q: Rational): Frac => [q.num, q.den];

/** True when q is in canonical form: den > 0, gcd(|num|, den) = 1, and 0 is 0/1. */
export function isCanonical(q: Rational): boolean {
  if (q.den <= 0n) return false;
  if (q.num === 0n) return q.den === 1n;
  return refGcd(q.num, q.den) === 1n;
}

/** Exact equality of a Rational with a pair (representation, which is canonical on both sides). */
export const sameAs = (q: Rational, f: Frac): boolean => q.num === f[0] && q.den === f[1];

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

const BIG = 1n << 80n;

/** Small fractions: many collisions, zero, integers, equal denominators. */
export const smallRational: fc.Arbitrary<Rational> = fc
  .tuple(fc.integer({ min: -40, max: 40 }), fc.integer({ min: 1, max: 12 }))
  .map(([n, d]) => Rational.of(n, d));

/** General fractions with up to 80-bit numerators and 64-bit denominators. */
export const generalRational: fc.Arbitrary<Rational> = fc
  .tuple(fc.bigInt({ min: -BIG, max: BIG }), fc.bigInt({ min: 1n, max: 1n << 64n }))
  .map(([n, d]) => Rational.of(n, d));

/** Dyadic rationals m * 2^e. */
export const dyadicRational: fc.Arbitrary<Rational> = fc
  .tuple(fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }), fc.integer({ min: -200, max: 200 }))
  .map(([m, e]) => Rational.dyadic(m, e));

/** Every finite double, with -0, subnormals and the max finite value among the edge cases. */
export const finiteDouble: fc.Arbitrary<number> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(
    -0,
    0,
    Number.MIN_VALUE,
    -Number.MIN_VALUE,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    2.2250738585072014e-308, // smallest normal
    2.225073858507201e-308, // largest subnormal
    Number.EPSILON,
    1 - Number.EPSILON / 2,
    0.1,
    -0.1,
  ),
  // subnormals specifically (fc.double rarely lands there)
  fc.integer({ min: 1, max: 2 ** 31 }).chain((k) => fc.constantFrom(k * Number.MIN_VALUE, -k * Number.MIN_VALUE)),
);

export const floatRational: fc.Arbitrary<Rational> = finiteDouble.map((x) => Rational.fromFloat(x));

/** A mixture of every kind above. */
export const anyRational: fc.Arbitrary<Rational> = fc.oneof(
  smallRational,
  generalRational,
  dyadicRational,
  floatRational,
);

/** Non-zero rationals. */
export const nonZeroRational: fc.Arbitrary<Rational> = anyRational.filter((q) => !q.isZero());

/** Positive rationals (for order-compatibility with multiplication and for ln). */
export const positiveRational: fc.Arbitrary<Rational> = nonZeroRational.map((q) => q.abs());

// ---------------------------------------------------------------------------------------------
// Float bit tweaks
// ---------------------------------------------------------------------------------------------

const VIEW = new DataView(new ArrayBuffer(8));

function bitsOf(x: number): bigint {
  VIEW.setFloat64(0, x);
  return VIEW.getBigUint64(0);
}

function fromBits(b: bigint): number {
  VIEW.setBigUint64(0, b);
  return VIEW.getFloat64(0);
}

/** The next double above x (x finite; -0 and 0 both go to MIN_VALUE). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const b = bitsOf(x);
  return x > 0 ? fromBits(b + 1n) : fromBits(b - 1n);
}

/** The next double below x. */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

/** True when the 53-bit significand of the finite double x is even (ties-to-even target). */
export function hasEvenSignificand(x: number): boolean {
  return (bitsOf(x) & 1n) === 0n;
}
