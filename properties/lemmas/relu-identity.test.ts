/**
 * Lemma 1 (ReLU identities): exact on dyadic grids, decimal strings, fractions and IEEE edge
 * doubles; broken activations (leaky, shifted) are caught.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { relu } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import type { Activation } from '../../src/lemmas/relu-identity.js';
import {
  checkReluIdentities,
  defaultValues,
  firstViolation,
  identityDifference,
  identityGadget,
  identityHomogeneity,
  parseValues,
} from '../../src/lemmas/relu-identity.js';
import { decimalArb, dyadicArb, exactValueArb, fractionArb, ieeeArb } from './_arbitraries.js';

const leaky: Activation = (a) => (a.sign() >= 0 ? a : a.mul(Rational.of(1, 100)));
const shifted: Activation = (a) => relu(a.sub(Rational.dyadic(1n, -50)));

describe('relu-identity', () => {
  test.each([
    ['dyadic grid k/2^30', dyadicArb],
    ['decimal strings', decimalArb],
    ['fractions', fractionArb],
    ['IEEE edge doubles', ieeeArb],
  ])('a = sigma(a) - sigma(-a) and the gadget identity on %s', (_name, arb) => {
    fc.assert(
      fc.property(arb, arb, (a, y) => identityDifference(a) === undefined && identityGadget(a, y) === undefined),
    );
  });

  test('positive homogeneity for c > 0 and the c < 0 form, all value kinds', () => {
    fc.assert(fc.property(exactValueArb, exactValueArb, (c, a) => identityHomogeneity(c, a) === undefined));
  });

  test('the checker holds on the built-in values, including -0, 5e-324 and MAX_VALUE', () => {
    const r = checkReluIdentities(defaultValues());
    expect(r.holds).toBe(true);
    expect(r.exact).toBe(true);
    expect(defaultValues().some((v) => v.eq(Rational.fromFloat(5e-324)))).toBe(true);
  });

  test('--values parses exact decimals: 0.1 is 1/10', () => {
    expect(parseValues('0.1, -3/7, 1e-3').map(String)).toEqual(['1/10', '-3/7', '1/1000']);
  });

  test('NEGATIVE CONTROL: a leaky ReLU (0.01 a for a < 0) is caught', () => {
    const run = fc.check(fc.property(exactValueArb, (a) => identityDifference(a, leaky) === undefined));
    expect(run.failed).toBe(true);
    const r = checkReluIdentities([Rational.of(-1)], 'leaky', leaky);
    expect(r.holds).toBe(false);
    expect(r.witness?.['identity']).toBe('a = sigma(a) - sigma(-a)');
    expect(r.witness?.['rhs']).toBe('-101/100');
  });

  test('NEGATIVE CONTROL: a shifted ReLU max(a - 2^-50, 0) is caught, and only exactly', () => {
    const run = fc.check(fc.property(dyadicArb, dyadicArb, (w, y) => firstViolation([w, y], shifted) === undefined));
    expect(run.failed).toBe(true);
    // at a = 1 the shift changes sigma(1) - sigma(-1) to 1 - 2^-50, which exact arithmetic sees
    expect(firstViolation([Rational.ONE], shifted)).toBeDefined();
  });
});
