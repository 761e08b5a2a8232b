/**
 * The exact matchers (properties/_setup/matchers.ts) pass and fail as their names say, and a
 * failure prints both values, not "expected false to be true".
 */
import { describe, expect, test } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';

const third = Rational.of(1, 3);

describe('exact matchers', () => {
  test('pass on true comparisons', () => {
    expect(third).toEqualRational('1/3');
    expect(third).toBeLessOrEqual(third);
    expect(third).toBeLessOrEqual('0.34');
    expect(third).toBeGreaterOrEqual('0.33');
    expect(third).toBeBelow(1);
    expect(third).toBeAbove(0n);
    expect(third).not.toEqualRational('0.333');
  });

  test('fail with both values in the message', () => {
    expect(() => expect(third).toEqualRational('0.333')).toThrow(
      'expected 1/3 (~3.33333e-1) to be equal to 333/1000 (~3.33000e-1)',
    );
    expect(() => expect(third).toBeBelow('1/3')).toThrow('expected 1/3 (~3.33333e-1) to be < 1/3 (~3.33333e-1)');
    expect(() => expect(Rational.ONE).toBeLessOrEqual('1/2')).toThrow('expected 1 to be <= 1/2 (~5.00000e-1)');
    expect(() => expect(third).not.toEqualRational(third)).toThrow('expected 1/3 (~3.33333e-1) not to be equal to');
  });

  test('refuse a received value that is not a Rational', () => {
    expect(() => expect(0.5).toEqualRational('1/2')).toThrow(
      'toEqualRational: expected a Rational, received number 0.5',
    );
    expect(() => expect(undefined).toBeAbove(0)).toThrow('expected a Rational, received undefined');
  });
});
