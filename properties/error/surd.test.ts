/**
 * Exact arithmetic under the d = 2 sweep: comparison of quadratic surds r + sqrt(s) (against
 * 60-digit decimal.js and against exact constructions), their certified brackets, and the
 * trigonometry-free direction geometry (against atan2 where angles are well separated).
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareCcwAngles,
  cross,
  doubled,
  insideClosedArc,
  insideClosedShortArc,
  type Direction,
} from '../../src/error/directions.js';
import { sectorMaximum } from '../../src/error/sector-max.js';
import {
  compareSurd,
  compareSurdRational,
  rationalSqrt,
  surdBracket,
  surdSqrtBracket,
  type Surd,
} from '../../src/numeric/surd.js';
import { Rational } from '../../src/numeric/rational.js';

const D = Decimal.clone({ precision: 60 });
const small = fc
  .tuple(fc.integer({ min: -60, max: 60 }), fc.integer({ min: 1, max: 12 }))
  .map(([p, q]) => Rational.of(p, q));
const nonNeg = fc
  .tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 12 }))
  .map(([p, q]) => Rational.of(p, q));
const surdArb: fc.Arbitrary<Surd> = fc.tuple(small, nonNeg).map(([rational, radicand]) => ({ rational, radicand }));

function dec(q: Rational): Decimal {
  return new D(q.num.toString()).div(q.den.toString());
}
function decSurd(x: Surd): Decimal {
  return dec(x.rational).add(dec(x.radicand).sqrt());
}

describe('quadratic surds', () => {
  it('compareSurd agrees with 60-digit decimals when the values differ visibly, and is antisymmetric', () => {
    fc.assert(
      fc.property(surdArb, surdArb, (a, b) => {
        const c = compareSurd(a, b);
        expect(compareSurd(b, a)).toBe(-c);
        const diff = decSurd(a).sub(decSurd(b));
        if (diff.abs().gt('1e-40')) expect(c).toBe(diff.isNegative() ? -1 : 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('equal values written differently compare equal: r + sqrt(k^2) = (r + k) + sqrt(0)', () => {
    fc.assert(
      fc.property(small, small, (r, k) => {
        const a: Surd = { rational: r, radicand: k.mul(k) };
        const b: Surd = { rational: r.add(k.abs()), radicand: Rational.ZERO };
        expect(compareSurd(a, b)).toBe(0);
        expect(compareSurdRational(a, r.add(k.abs()))).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('brackets are certified: lower <= value <= upper, and the sqrt bracket squares around it', () => {
    fc.assert(
      fc.property(surdArb, (x) => {
        const b = surdBracket(x, 40);
        expect(compareSurdRational(x, b.lower)).toBeGreaterThanOrEqual(0);
        expect(compareSurdRational(x, b.upper)).toBeLessThanOrEqual(0);
        if (compareSurdRational(x, Rational.ZERO) >= 0) {
          const s = surdSqrtBracket(x, 40);
          expect(compareSurdRational(x, s.lower.mul(s.lower))).toBeGreaterThanOrEqual(0);
          expect(compareSurdRational(x, s.upper.mul(s.upper))).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('rationalSqrt finds exactly the rational squares', () => {
    fc.assert(
      fc.property(small, nonNeg, (q, s) => {
        expect(rationalSqrt(q.mul(q))).toEqualRational(q.abs());
        const r = rationalSqrt(s);
        if (r !== undefined) expect(r.mul(r)).toEqualRational(s);
      }),
      { numRuns: 500 },
    );
  });
});

const intVec: fc.Arbitrary<Direction> = fc
  .tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }))
  .filter(([a, b]) => a !== 0 || b !== 0)
  .map(([a, b]) => [Rational.of(a), Rational.of(b)] as Direction);

function ccw(u: Direction, v: Direction): number {
  const a = Math.atan2(v[1].toNumber(), v[0].toNumber()) - Math.atan2(u[1].toNumber(), u[0].toNumber());
  return a < 0 ? a + 2 * Math.PI : a;
}

describe('directions without trigonometry', () => {
  it('compareCcwAngles agrees with atan2 on well separated angles', () => {
    fc.assert(
      fc.property(intVec, intVec, intVec, (u, v, w) => {
        const av = ccw(u, v) % (2 * Math.PI);
        const aw = ccw(u, w) % (2 * Math.PI);
        if (Math.abs(av - aw) < 1e-9 || Math.abs(av - 2 * Math.PI) < 1e-9 || Math.abs(aw - 2 * Math.PI) < 1e-9) return;
        expect(compareCcwAngles(u, v, w)).toBe(av < aw ? -1 : 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('short arcs: insideClosedShortArc matches insideClosedArc; doubling doubles the angle', () => {
    fc.assert(
      fc.property(intVec, intVec, intVec, (p, q, r) => {
        if (cross(p, q).sign() <= 0) return;
        expect(insideClosedShortArc(p, q, r)).toBe(insideClosedArc(p, q, r));
        const a = ccw(p, q);
        const b = ccw(doubled(p), doubled(q));
        expect(Math.abs(b - ((2 * a) % (2 * Math.PI)))).toBeLessThan(1e-9);
      }),
      { numRuns: 2000 },
    );
  });

  it('sectorMaximum is >= the value at every direction of the arc, and equal at its witness when attained', () => {
    const matArb = fc.array(fc.tuple(small, small), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        intVec,
        intVec,
        matArb,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 64 })), { maxLength: 8 }),
        (p, q, rows, mix) => {
          if (cross(p, q).sign() <= 0) return;
          const m = rows.map(([a, b]) => [a, b] as Direction);
          const R = (u: Direction): Rational => {
            let s = Rational.ZERO;
            for (const g of m) {
              const t = g[0].mul(u[0]).add(g[1].mul(u[1]));
              s = s.add(t.mul(t));
            }
            return s.div(u[0].mul(u[0]).add(u[1].mul(u[1])));
          };
          const best = sectorMaximum(p, q, m);
          expect(insideClosedShortArc(p, q, best.witness)).toBe(true);
          const at = R(best.witness);
          expect(compareSurdRational(best.value, at)).toBe(best.attained ? 0 : 1);
          for (const [i, j] of mix) {
            if (i + j === 0) continue;
            const u: Direction = [
              p[0].mul(Rational.of(i)).add(q[0].mul(Rational.of(j))),
              p[1].mul(Rational.of(i)).add(q[1].mul(Rational.of(j))),
            ];
            expect(compareSurdRational(best.value, R(u))).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
