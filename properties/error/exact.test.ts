/**
 * The exact sup error for d = 1 and d = 2: never below an exactly evaluated sample, attained at
 * its witness, symmetric, zero on (A, A), and the triangle inequality on brackets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { squaredNorm, difference, ratioSquared } from '../../src/error/difference.js';
import { decides } from '../../src/error/result.js';
import { supError } from '../../src/error/sup-error.js';
import { compareSurd, compareSurdRational } from '../../src/numeric/surd.js';
import { InputError } from '../../src/errors.js';
import type { Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { ballPointArb, directionArb, networkArb, unitCirclePoint } from './arbitraries.js';

const shape = { maxHiddenLayers: 2, maxWidth: 4 };
const pair = (d: number, out: number): fc.Arbitrary<[Network, Network]> =>
  fc.tuple(networkArb(d, out, shape), networkArb(d, out, shape));
const outDim = fc.integer({ min: 1, max: 3 });

describe('d = 1 (exact-d1)', () => {
  it('supSquared >= ||D(x)||^2 / ||x||^2 for every sample, with equality at the witness', () => {
    fc.assert(
      fc.property(
        outDim.chain((o) => pair(1, o)),
        fc.array(directionArb(1), { minLength: 1, maxLength: 10 }),
        ([a, b], xs) => {
          const r = supError(a, b);
          expect(r.method).toBe('exact-d1');
          expect(r.exact).toBe(true);
          const s = r.supSquared as Rational;
          for (const x of xs) expect(ratioSquared(a, b, x)).toBeLessOrEqual(s);
          expect(
            squaredNorm(difference(a, b, r.witness as Rational[])).eq(s.mul(squaredNorm(r.witness as Rational[]))),
          ).toBe(true);
          expect(squaredNorm(r.witness as Rational[])).toBeLessOrEqual(Rational.ONE);
          expect(r.lower.mul(r.lower).le(s) && s.le(r.upper.mul(r.upper))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a scalar output gives the sup itself exactly: |D(+-1)|', () => {
    fc.assert(
      fc.property(pair(1, 1), ([a, b]) => {
        const r = supError(a, b);
        expect(r.lower).toEqualRational(r.upper);
        const d1 = difference(a, b, [Rational.ONE])[0] as Rational;
        const dm = difference(a, b, [Rational.MINUS_ONE])[0] as Rational;
        expect(r.lower.eq(Rational.max(d1.abs(), dm.abs()))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('d = 2 (exact-sector-sweep)', () => {
  it('never below exact samples on the unit circle and in the ball (squares compared exactly)', () => {
    fc.assert(
      fc.property(
        outDim.chain((o) => pair(2, o)),
        fc.array(unitCirclePoint, { minLength: 1, maxLength: 12 }),
        fc.array(ballPointArb(2), { minLength: 1, maxLength: 6 }),
        ([a, b], circle, ball) => {
          const r = supError(a, b);
          expect(r.method).toBe('exact-sector-sweep');
          const sup2 = r.supSquaredSurd;
          expect(sup2).toBeDefined();
          if (!sup2) return;
          for (const x of circle) {
            expect(squaredNorm(x)).toEqualRational(Rational.ONE);
            expect(compareSurdRational(sup2, squaredNorm(difference(a, b, x)))).toBeGreaterThanOrEqual(0);
          }
          for (const x of ball) {
            // ||D(x)||^2 <= sup^2 ||x||^2, i.e. the ratio is <= sup^2 (x = 0 is trivially fine)
            if (squaredNorm(x).isZero()) continue;
            expect(compareSurdRational(sup2, ratioSquared(a, b, x))).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('scalar output: supSquared is rational and attained at the witness exactly', () => {
    fc.assert(
      fc.property(pair(2, 1), ([a, b]) => {
        const r = supError(a, b);
        expect(r.supSquared).toBeDefined();
        expect(r.attained).toBe(true);
        const w = r.witness as Rational[];
        const s = r.supSquared as Rational;
        expect(squaredNorm(w)).toBeLessOrEqual(Rational.ONE);
        expect(squaredNorm(difference(a, b, w))).toEqualRational(s.mul(squaredNorm(w)));
        expect(r.lower.mul(r.lower).le(s) && s.le(r.upper.mul(r.upper))).toBe(true);
        expect(r.upperSquared).toEqualRational(s);
      }),
      { numRuns: 200 },
    );
  });

  it('vector output: the witness attains the sup when flagged, and is never above it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((o) => pair(2, o)),
        ([a, b]) => {
          const r = supError(a, b);
          const sup2 = r.supSquaredSurd;
          if (!sup2) throw new Error('missing supSquaredSurd');
          const c = compareSurdRational(sup2, r.witnessSquared);
          if (r.attained) expect(c).toBe(0);
          else expect(c).toBeGreaterThan(0);
          expect(r.witnessSquared).toEqualRational(ratioSquared(a, b, r.witness as Rational[]));
          expect(compareSurdRational(sup2, r.upperSquared)).toBeLessThanOrEqual(0);
          expect(compareSurdRational(sup2, r.lower.mul(r.lower))).toBeGreaterThanOrEqual(0);
          expect(compareSurdRational(sup2, r.upper.mul(r.upper))).toBeLessThanOrEqual(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('symmetric: sup(A, B) = sup(B, A) exactly', () => {
    fc.assert(
      fc.property(
        outDim.chain((o) => pair(2, o)),
        ([a, b]) => {
          const ab = supError(a, b).supSquaredSurd;
          const ba = supError(b, a).supSquaredSurd;
          if (!ab || !ba) throw new Error('missing supSquaredSurd');
          expect(compareSurd(ab, ba)).toBe(0);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('sup(A, A) = 0 exactly, through the sweep (no shortcut for d <= 2)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }).chain((d) => outDim.chain((o) => networkArb(d, o, shape))),
        (a) => {
          const r = supError(a, a);
          expect(r.exact).toBe(true);
          expect(r.supSquared?.isZero()).toBe(true);
          expect(r.upper.isZero()).toBe(true);
          expect(decides(r, Rational.ZERO)).toBe('<= eps');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('triangle inequality on brackets: lower(A, C) <= upper(A, B) + upper(B, C)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 2 })
          .chain((d) =>
            outDim.chain((o) => fc.tuple(networkArb(d, o, shape), networkArb(d, o, shape), networkArb(d, o, shape))),
          ),
        ([a, b, c]) => {
          const ac = supError(a, c);
          const ab = supError(a, b);
          const bc = supError(b, c);
          expect(ac.lower).toBeLessOrEqual(ab.upper.add(bc.upper));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('decides exactly: <= eps at eps = sup (rational case), > eps just below it', () => {
    fc.assert(
      fc.property(pair(2, 1), ([a, b]) => {
        const r = supError(a, b);
        const s = r.supSquared as Rational;
        if (!r.lower.eq(r.upper)) return; // the sup itself is irrational: eps = sup is not rational
        expect(decides(r, r.lower)).toBe('<= eps');
        if (s.sign() > 0) expect(decides(r, r.lower.mul(Rational.of(1023, 1024)))).toBe('> eps');
      }),
      { numRuns: 100 },
    );
  });
});

describe('input validation', () => {
  it('different input or output dimensions are an InputError', () => {
    const one = Rational.ONE;
    const a: Network = { layers: [[[one, one]], [[one]]] };
    const b3: Network = { layers: [[[one, one, one]], [[one]]] };
    const b2out: Network = { layers: [[[one, one]], [[one], [one]]] };
    expect(() => supError(a, b3)).toThrow(InputError);
    expect(() => supError(a, b2out)).toThrow(/output dimensions differ/);
    expect(() => decides(supError(a, a), Rational.MINUS_ONE)).toThrow(InputError);
    expect(() => supError(b3, b3, { maxBoxes: 0, method: 'branch-and-bound' })).toThrow(InputError);
  });
});
