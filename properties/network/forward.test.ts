import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { forward, forwardFloat, toFloat } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { dyadic10, networkArb, smallRational, widthsArb } from './helpers.js';

describe('exact forward pass against the float64 forward pass', () => {
  test('equal bit for bit on short dyadics (10-bit weights and inputs, depth <= 3, width <= 4)', () => {
    // Every partial sum is a multiple of 2^-40 of magnitude <= 4^3, so it fits in 53 bits.
    fc.assert(
      fc.property(
        networkArb(widthsArb(3, 4), dyadic10).chain(({ widths, net }) =>
          fc.tuple(
            fc.constant(net),
            fc.array(dyadic10, { minLength: widths[0] as number, maxLength: widths[0] as number }),
          ),
        ),
        ([net, x]) => {
          const exact = forward(net, x);
          const approx = forwardFloat(
            toFloat(net),
            x.map((v) => v.toNumber()),
          );
          expect(Array.from(approx)).toEqual(exact.map((v) => v.toNumber()));
          exact.forEach((v, i) => expect(Rational.fromFloat(approx[i] as number)).toEqualRational(v));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('agree within a relative tolerance on general rationals', () => {
    fc.assert(
      fc.property(
        networkArb(widthsArb(4, 6), smallRational).chain(({ widths, net }) =>
          fc.tuple(
            fc.constant(net),
            fc.array(smallRational, { minLength: widths[0] as number, maxLength: widths[0] as number }),
          ),
        ),
        ([net, x]) => {
          const exact = forward(net, x);
          const approx = forwardFloat(
            toFloat(net),
            x.map((v) => v.toNumber()),
          );
          // crude a-priori scale: product over layers of (1 + max row sum of |W|), times max |x|
          let scaleBound = Math.max(1, ...x.map((v) => Math.abs(v.toNumber())));
          for (const m of net.layers)
            scaleBound *= 1 + Math.max(...m.map((r) => r.reduce((s, w) => s + Math.abs(w.toNumber()), 0)));
          exact.forEach((v, i) =>
            expect(Math.abs(v.toNumber() - (approx[i] as number))).toBeLessThanOrEqual(1e-12 * scaleBound),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('semantics of the exact forward pass', () => {
  const q = (s: string): Rational => Rational.parse(s);

  test('no ReLU after the last layer, ReLU after hidden layers', () => {
    expect(forward({ layers: [[[q('-1')]]] }, [Rational.ONE]).map(String)).toEqual(['-1']);
    expect(forward({ layers: [[[q('-1')]], [[q('1')]]] }, [Rational.ONE]).map(String)).toEqual(['0']);
    expect(forward({ layers: [[[q('1')], [q('-1')]], [[q('1'), q('-1')]]] }, [q('-3/7')]).map(String)).toEqual([
      '-3/7',
    ]); // a = sigma(a) - sigma(-a)
  });

  test('positive homogeneity: F(a x) = a F(x) for a >= 0, exactly', () => {
    fc.assert(
      fc.property(
        networkArb(widthsArb(3, 4), smallRational).chain(({ widths, net }) =>
          fc.tuple(
            fc.constant(net),
            fc.array(smallRational, { minLength: widths[0] as number, maxLength: widths[0] as number }),
            smallRational.map((a) => a.abs()),
          ),
        ),
        ([net, x, a]) => {
          const lhs = forward(
            net,
            x.map((v) => v.mul(a)),
          );
          const rhs = forward(net, x).map((v) => v.mul(a));
          lhs.forEach((v, i) => expect(v).toEqualRational(rhs[i] as Rational));
        },
      ),
      { numRuns: 200 },
    );
  });
});
