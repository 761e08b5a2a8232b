/**
 * Positive homogeneity of bias-free ReLU networks, N(c x) = c N(x) for c >= 0, checked exactly:
 * it is what reduces the sup over the ball to the sup over the sphere (and to the cube's faces).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { difference, intoBall, ratioSquared, squaredNorm } from '../../src/error/difference.js';
import { forward } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { directionArb, networkArb } from './arbitraries.js';

const nonNegative = fc
  .tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 5000 }))
  .map(([p, q]) => Rational.of(p, q));
const shape = { maxHiddenLayers: 3, maxWidth: 5 };

describe('positive homogeneity', () => {
  it('N(c x) = c N(x) exactly for every c >= 0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((d) => fc.tuple(networkArb(d, 2, shape), directionArb(d))),
        nonNegative,
        ([net, x], c) => {
          const lhs = forward(
            net,
            x.map((v) => v.mul(c)),
          );
          const rhs = forward(net, x).map((v) => v.mul(c));
          expect(lhs.map(String)).toEqual(rhs.map(String));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('negative scalings are not homogeneous in general (the sup needs the whole sphere)', () => {
    // relu(x) at x = 1 and x = -1
    const net = { layers: [[[Rational.ONE]], [[Rational.ONE]]] };
    expect(forward(net, [Rational.MINUS_ONE])[0]?.toString()).toBe('0');
    expect(forward(net, [Rational.ONE])[0]?.toString()).toBe('1');
  });

  it('D = A - B is homogeneous, so ||D(x)||^2 / ||x||^2 depends only on the direction', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((d) => fc.tuple(networkArb(d, 2, shape), networkArb(d, 2, shape), directionArb(d))),
        nonNegative.filter((c) => c.sign() > 0),
        ([a, b, x], c) => {
          const y = x.map((v) => v.mul(c));
          expect(ratioSquared(a, b, y)).toEqualRational(ratioSquared(a, b, x));
          expect(
            squaredNorm(difference(a, b, y)).eq(
              squaredNorm(difference(a, b, x))
                .mul(c)
                .mul(c),
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('intoBall keeps the direction and lands in the closed unit ball exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((d) => directionArb(d)),
        (x) => {
          const y = intoBall(x);
          expect(squaredNorm(y)).toBeLessOrEqual(Rational.ONE);
          // y = c x with c > 0: all ratios y_m / x_m equal and positive
          const ratios = x.flatMap((v, m) => (v.isZero() ? [] : [(y[m] as Rational).div(v)]));
          expect(ratios.every((r) => r.sign() > 0 && r.eq(ratios[0] as Rational))).toBe(true);
          x.forEach((v, m) => {
            if (v.isZero()) expect((y[m] as Rational).isZero()).toBe(true);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
