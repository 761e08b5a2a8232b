/**
 * The d = 2 sector sweep against brute force, and its negative control.
 *
 * Brute force: on a fine grid of directions the sampled maximum m must satisfy
 * m <= sup <= m + Lip * h, where h is the largest gap between consecutive sample points on the
 * circle and Lip <= prod ||W_i||_F (A) + prod ||W_i||_F (B) is a Lipschitz constant of D. The grid
 * runs in float64 (a test, not a verdict), so both sides get a 1e-9 allowance.
 *
 * Negative control: a sweep that skips the breakpoints of one layer must be caught by the exact
 * sampling property ||D(x)||^2 <= sup^2 ||x||^2.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { difference, squaredNorm } from '../../src/error/difference.js';
import { cross, type Direction } from '../../src/error/directions.js';
import { sectorSweepValue } from '../../src/error/sector-sweep.js';
import { linearSectors } from '../../src/error/sectors.js';
import { supError } from '../../src/error/sup-error.js';
import { compareSurdRational, surdBracket, surdToRational, type Surd } from '../../src/numeric/surd.js';
import { forwardFloat, toFloat, type Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { networkArb, unitCirclePoint } from './arbitraries.js';

const shape = { maxHiddenLayers: 2, maxWidth: 3 };

function lipschitz(net: Network): number {
  let l = 1;
  for (const m of net.layers) {
    let s = 0;
    for (const row of m) for (const w of row) s += w.toNumber() ** 2;
    l *= Math.sqrt(s);
  }
  return l;
}

/** max over N equally spaced directions of ||D(x)|| (float64), and the largest chord between them. */
function bruteForce(a: Network, b: Network, n: number): { max: number; chord: number } {
  const fa = toFloat(a);
  const fb = toFloat(b);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const x = [Math.cos(t), Math.sin(t)];
    const ya = forwardFloat(fa, x);
    const yb = forwardFloat(fb, x);
    let s = 0;
    ya.forEach((v, k) => (s += (v - (yb[k] as number)) ** 2));
    max = Math.max(max, Math.sqrt(s));
  }
  return { max, chord: 2 * Math.sin(Math.PI / n) };
}

function supFloat(s: Surd): number {
  return Math.sqrt(surdBracket(s, 64).upper.toNumber());
}

describe('sector sweep vs brute-force sampling (d = 2)', () => {
  it('sampled max <= sup <= sampled max + Lip * h', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }).chain((o) => fc.tuple(networkArb(2, o, shape), networkArb(2, o, shape))),
        ([a, b]) => {
          const r = supError(a, b);
          const sup = supFloat(r.supSquaredSurd as Surd);
          const { max, chord } = bruteForce(a, b, 4096);
          const lip = lipschitz(a) + lipschitz(b);
          expect(max).toBeLessThanOrEqual(sup * (1 + 1e-9) + 1e-12);
          expect(sup).toBeLessThanOrEqual(max + lip * chord * (1 + 1e-9) + 1e-12);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the sectors tile the circle in counter-clockwise order, each shorter than pi', () => {
    fc.assert(
      fc.property(fc.tuple(networkArb(2, 1, shape), networkArb(2, 1, shape)), ([a, b]) => {
        const sectors = linearSectors(a, b);
        sectors.forEach((s, i) => {
          expect(cross(s.p, s.q).sign()).toBe(1);
          const next = sectors[(i + 1) % sectors.length] as { p: Direction };
          expect(next.p[0].eq(s.q[0]) && next.p[1].eq(s.q[1])).toBe(true);
        });
        expect(sectors[0]?.p.map(String)).toEqual(['1', '0']);
      }),
      { numRuns: 100 },
    );
  });

  it('on every sector, A and B agree exactly with their sector maps at interior and end points', () => {
    fc.assert(
      fc.property(fc.tuple(networkArb(2, 2, shape), networkArb(2, 2, shape)), ([a, b]) => {
        for (const s of linearSectors(a, b)) {
          const mid: Direction = [s.p[0].add(s.q[0]), s.p[1].add(s.q[1])];
          const quarter: Direction = [s.p[0].mul(Rational.of(3)).add(s.q[0]), s.p[1].mul(Rational.of(3)).add(s.q[1])];
          for (const x of [s.p, s.q, mid, quarter]) {
            const d = difference(a, b, x);
            const lin = s.mapA.map((g, k) => {
              const h = s.mapB[k] as Direction;
              return g[0].sub(h[0]).mul(x[0]).add(g[1].sub(h[1]).mul(x[1]));
            });
            expect(d.map(String)).toEqual(lin.map(String));
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('negative control: a sweep that skips one layer of breakpoints', () => {
  // A(x) = -3 relu(x2 - x1) - 3 relu(-x1 - x2), B = 0. The zero lines are the diagonals, strictly
  // inside the quadrants; sup^2 = 36 at (-1, 0). Without the cuts of A's hidden layer, the second
  // quadrant is taken as linear with only unit 1 active and the sweep claims 18.
  const m = (rows: number[][]): Rational[][] => rows.map((r) => r.map((v) => Rational.of(v)));
  const A: Network = {
    layers: [
      m([
        [-1, 1],
        [-1, -1],
      ]),
      m([[-3, -3]]),
    ],
  };
  const B: Network = { layers: [m([[0, 0]]), m([[0]])] };
  const skip = { skipBreakpoints: { network: 'A' as const, layer: 0 } };

  const samplingProperty = (a: Network, b: Network, claimed: Surd) =>
    fc.property(unitCirclePoint, (x) => compareSurdRational(claimed, squaredNorm(difference(a, b, x))) >= 0);

  it('the correct sweep gives 36 and passes the sampling property', () => {
    const good = sectorSweepValue(A, B);
    expect(surdToRational(good)?.toString()).toBe('36');
    expect(fc.check(samplingProperty(A, B, good), { numRuns: 500, seed: 1 }).failed).toBe(false);
  });

  it('the faulty sweep claims 18 and the sampling property catches it', () => {
    const bad = sectorSweepValue(A, B, skip);
    expect(surdToRational(bad)?.toString()).toBe('18');
    const out = fc.check(samplingProperty(A, B, bad), { numRuns: 500, seed: 1 });
    expect(out.failed).toBe(true);
  });

  it('on random networks too, the sampling property refutes the faulty sweep', () => {
    const withHidden = { minHiddenLayers: 1, maxHiddenLayers: 2, maxWidth: 3 };
    const prop = fc.property(
      fc.tuple(networkArb(2, 1, withHidden), networkArb(2, 1, withHidden)),
      fc.array(unitCirclePoint, { minLength: 20, maxLength: 20 }),
      ([a, b], xs) => {
        const claimed = sectorSweepValue(a, b, skip);
        return xs.every((x) => compareSurdRational(claimed, squaredNorm(difference(a, b, x))) >= 0);
      },
    );
    expect(fc.check(prop, { numRuns: 300, seed: 7 }).failed).toBe(true);
  });
});
