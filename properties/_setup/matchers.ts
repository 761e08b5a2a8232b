/**
 * Vitest matchers for exact numbers, so a failed comparison prints both values instead of
 * "expected false to be true":
 *
 *   expect(a).toEqualRational(b)      a = b exactly
 *   expect(a).toBeLessOrEqual(b)      a <= b
 *   expect(a).toBeGreaterOrEqual(b)   a >= b
 *   expect(a).toBeBelow(b)            a < b
 *   expect(a).toBeAbove(b)            a > b
 *
 * `a` must be a Rational; `b` may be a Rational, an exact string ('1/3', '0.1', '1e-9') or a
 * bigint or safe integer.
 */
import { expect } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';

/** What the matchers accept as the expected value. */
export type RationalLike = Rational | string | bigint | number;

interface ExactMatchers<R = unknown> {
  toEqualRational(expected: RationalLike): R;
  toBeLessOrEqual(expected: RationalLike): R;
  toBeGreaterOrEqual(expected: RationalLike): R;
  toBeBelow(expected: RationalLike): R;
  toBeAbove(expected: RationalLike): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion<T> extends ExactMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends ExactMatchers {}
}

function toRational(v: RationalLike): Rational {
  if (v instanceof Rational) return v;
  if (typeof v === 'string') return Rational.parse(v);
  return Rational.of(typeof v === 'number' ? BigInt(v) : v);
}

function show(q: Rational): string {
  const s = q.toString();
  const text = s.length > 120 ? `${s.slice(0, 60)}...${s.slice(-40)}` : s;
  return q.isInteger() ? text : `${text} (~${q.toScientific(6)})`;
}

function comparison(name: string, word: string, test: (a: Rational, b: Rational) => boolean) {
  return function (this: { isNot: boolean }, received: unknown, expected: RationalLike) {
    if (!(received instanceof Rational)) {
      return {
        pass: false,
        message: () => `${name}: expected a Rational, received ${typeof received} ${String(received)}`,
      };
    }
    const b = toRational(expected);
    const pass = test(received, b);
    return {
      pass,
      message: () => `expected ${show(received)} ${this.isNot ? 'not ' : ''}to be ${word} ${show(b)}`,
      actual: received.toString(),
      expected: b.toString(),
    };
  };
}

expect.extend({
  toEqualRational: comparison('toEqualRational', 'equal to', (a, b) => a.eq(b)),
  toBeLessOrEqual: comparison('toBeLessOrEqual', '<=', (a, b) => a.le(b)),
  toBeGreaterOrEqual: comparison('toBeGreaterOrEqual', '>=', (a, b) => a.ge(b)),
  toBeBelow: comparison('toBeBelow', '<', (a, b) => a.lt(b)),
  toBeAbove: comparison('toBeAbove', '>', (a, b) => a.gt(b)),
});
