/**
 * The certified bracket for d >= 3 (branch-and-bound): it contains every exactly evaluated sample,
 * its witness is exact, it is consistent under symmetry and the triangle inequality, it brackets
 * the exact d = 2 value, and the linear bounds underneath it are sound at every point of a box.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxBoundSquared, branchAndBound, cubeFaces } from '../../src/error/branch-and-bound.js';
import { difference, ratioSquared, squaredNorm } from '../../src/error/difference.js';
import { fixedToRational } from '../../src/numeric/fixed.js';
import {
  affineMax,
  affineMin,
  outputBounds,
  toFixedNetwork,
  type Affine,
  type FixedBox,
} from '../../src/error/linear-bounds.js';
import { decides } from '../../src/error/result.js';
import { supError } from '../../src/error/sup-error.js';
import { compareSurdRational } from '../../src/numeric/surd.js';
import { forward, type Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { ballPointArb, directionArb, gridWeight, networkArb, thirdsWeight, weight } from './arbitraries.js';

const shape = { maxHiddenLayers: 2, maxWidth: 4 };
const fast = { maxBoxes: 120, budgetMs: 60_000, restarts: 2, seed: 'test' };
const pair = (d: number, out: number): fc.Arbitrary<[Network, Network]> =>
  fc.tuple(networkArb(d, out, shape), networkArb(d, out, shape));
const dimsArb = fc.tuple(fc.integer({ min: 3, max: 4 }), fc.integer({ min: 1, max: 2 }));

/** Value of an affine function (fixed point) at a rational point, exactly. */
function evalAffine(f: Affine, x: readonly Rational[], bits: number): Rational {
  let s = fixedToRational(f[x.length] as bigint, bits);
  x.forEach((v, m) => (s = s.add(fixedToRational(f[m] as bigint, bits).mul(v))));
  return s;
}

/**
 * A random sub-box of [-1, 1]^d with corners on the grid 2^-4 (representable at every precision
 * tested), and points inside it, corners included.
 */
function boxArb(d: number, bits: number): fc.Arbitrary<{ box: FixedBox; points: Rational[][] }> {
  const side = fc
    .tuple(fc.integer({ min: -16, max: 16 }), fc.integer({ min: -16, max: 16 }))
    .map(([u, v]) => [Math.min(u, v), Math.max(u, v)] as const);
  const frac = fc.oneof(fc.constantFrom(0, 64), fc.integer({ min: 0, max: 64 }));
  return fc
    .tuple(
      fc.array(side, { minLength: d, maxLength: d }),
      fc.array(fc.array(frac, { minLength: d, maxLength: d }), { minLength: 1, maxLength: 8 }),
    )
    .map(([sides, fracs]) => {
      const unit = 1n << BigInt(bits - 4);
      const box: FixedBox = { lo: sides.map(([l]) => BigInt(l) * unit), hi: sides.map(([, h]) => BigInt(h) * unit) };
      const points = fracs.map((f) =>
        sides.map(([l, h], m) => Rational.of(l, 16).add(Rational.of(h - l, 16).mul(Rational.of(f[m] as number, 64)))),
      );
      return { box, points };
    });
}

/** Precisions tested: coarse ones make every rounding error large, so a wrong direction shows. */
const bitsArb = fc.constantFrom(4, 5, 8, 64);
/** One weight family per network: dyadic 2^-12, non-dyadic (inexact), or a coarse exact grid. */
const families: fc.Arbitrary<Rational>[] = [
  weight,
  thirdsWeight,
  thirdsWeight.map((w) => w.mul(Rational.of(5, 2))),
  gridWeight,
];
const mixedNetworkArb = (
  d: number,
  out: number,
  s: { maxHiddenLayers: number; maxWidth: number },
): fc.Arbitrary<Network> => fc.oneof(...families.map((f) => networkArb(d, out, s, f)));

describe('linear bounds (the certified core of branch-and-bound)', () => {
  it('lower(x) <= N(x) <= upper(x) exactly at points of the box, and the concrete bounds hold', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 4 }), bitsArb)
          .chain(([d, bits]) =>
            fc.tuple(mixedNetworkArb(d, 2, { maxHiddenLayers: 3, maxWidth: 4 }), boxArb(d, bits), fc.constant(bits)),
          ),
        ([net, { box, points }, bits]) => {
          const { lower, upper } = outputBounds(toFixedNetwork(net, bits), box);
          for (const x of points) {
            const y = forward(net, x);
            y.forEach((v, k) => {
              expect(evalAffine(lower[k] as Affine, x, bits)).toBeLessOrEqual(v);
              expect(v).toBeLessOrEqual(evalAffine(upper[k] as Affine, x, bits));
              expect(fixedToRational(affineMin(lower[k] as Affine, box, bits), bits)).toBeLessOrEqual(v);
              expect(v.le(fixedToRational(affineMax(upper[k] as Affine, box, bits), bits))).toBe(true);
            });
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it('a face box bound is >= ||D(x)||^2 / ||x||^2 at every point of the box', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 2, max: 4 }), bitsArb)
          .chain(([d, bits]) =>
            fc.tuple(
              fc.tuple(mixedNetworkArb(d, 2, shape), mixedNetworkArb(d, 2, shape)),
              fc.integer({ min: 0, max: 2 * d - 1 }),
              boxArb(d, bits),
              fc.constant(bits),
            ),
          ),
        ([[a, b], face, { box, points }, bits]) => {
          // pin one coordinate to +-1 (a face of the cube), keep the others from the random box
          const m0 = Math.floor(face / 2);
          const s = face % 2 === 0 ? 1 : -1;
          const one = 1n << BigInt(bits);
          const lo = [...box.lo];
          const hi = [...box.hi];
          lo[m0] = BigInt(s) * one;
          hi[m0] = BigInt(s) * one;
          const bound = fixedToRational(
            boxBoundSquared(toFixedNetwork(a, bits), toFixedNetwork(b, bits), { lo, hi }),
            bits,
          );
          for (const p of points) {
            const x = p.map((v, m) => (m === m0 ? Rational.of(s) : v));
            expect(ratioSquared(a, b, x)).toBeLessOrEqual(bound);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('triangle relaxation with a non-dyadic slope: the bound is tight-but-valid at the top corner', () => {
    // N(x) = relu(x) on the box [-1, 1/2] at 4 fractional bits: lambda = (1/2) / (3/2) = 1/3 is
    // not a 4-bit number; rounding it down (5/16) would give 15/32 < 1/2 = N(1/2).
    const one = Rational.ONE;
    const net: Network = { layers: [[[one]], [[one]]] };
    const box: FixedBox = { lo: [-16n], hi: [8n] };
    const { upper, lower } = outputBounds(toFixedNetwork(net, 4), box);
    const u = upper[0] as Affine;
    const half = Rational.of(1, 2);
    expect(evalAffine(u, [half], 4)).toBeGreaterOrEqual(half);
    expect(evalAffine(u, [Rational.MINUS_ONE], 4)).toBeGreaterOrEqual(Rational.ZERO);
    expect(evalAffine(lower[0] as Affine, [half], 4)).toBeLessOrEqual(half);
    expect(fixedToRational(affineMax(u, box, 4), 4)).toBeGreaterOrEqual(half);
  });

  it('the cube faces cover the sphere: every unit direction is a positive multiple of a face point', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((d) => directionArb(d)),
        (x) => {
          const d = x.length;
          const faces = cubeFaces(d, 8);
          const mu = x.reduce((s, v) => Rational.max(s, v.abs()), Rational.ZERO);
          const y = x.map((v) => v.div(mu).shift(8));
          expect(
            faces.some((f) =>
              y.every(
                (v, m) => fixedToRational(f.lo[m] as bigint, 0).le(v) && v.le(fixedToRational(f.hi[m] as bigint, 0)),
              ),
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('branch-and-bound bracket (d >= 3)', () => {
  it('contains every exactly evaluated sample; the witness is exact and in the ball', () => {
    fc.assert(
      fc.property(
        dimsArb.chain(([d, o]) =>
          fc.tuple(
            pair(d, o),
            fc.array(directionArb(d), { minLength: 1, maxLength: 8 }),
            fc.array(ballPointArb(d), { maxLength: 4 }),
          ),
        ),
        ([[a, b], dirs, ball]) => {
          const r = supError(a, b, fast);
          expect(r.method).toBe('bracket-branch-and-bound');
          expect(r.lower).toBeLessOrEqual(r.upper);
          expect(r.lower.mul(r.lower)).toBeLessOrEqual(r.witnessSquared);
          expect(r.witnessSquared).toBeLessOrEqual(r.upperSquared);
          expect(r.upperSquared).toBeLessOrEqual(r.upper.mul(r.upper));
          const w = r.witness as Rational[];
          expect(squaredNorm(w)).toBeLessOrEqual(Rational.ONE);
          expect(ratioSquared(a, b, w)).toEqualRational(r.witnessSquared);
          for (const x of dirs) expect(ratioSquared(a, b, x)).toBeLessOrEqual(r.upperSquared);
          for (const x of ball)
            expect(squaredNorm(difference(a, b, x))).toBeLessOrEqual(r.upperSquared.mul(squaredNorm(x)));
          expect(r.boxes).toBeLessThanOrEqual(fast.maxBoxes + 1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('symmetric up to the bracket: the brackets of (A, B) and (B, A) overlap', () => {
    fc.assert(
      fc.property(
        dimsArb.chain(([d, o]) => pair(d, o)),
        ([a, b]) => {
          const ab = supError(a, b, fast);
          const ba = supError(b, a, fast);
          expect(ab.lower.le(ba.upper) && ba.lower.le(ab.upper)).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('triangle inequality on brackets: lower(A, C) <= upper(A, B) + upper(B, C)', () => {
    fc.assert(
      fc.property(
        dimsArb.chain(([d, o]) => fc.tuple(networkArb(d, o, shape), networkArb(d, o, shape), networkArb(d, o, shape))),
        ([a, b, c]) => {
          const ac = supError(a, c, fast);
          expect(ac.lower).toBeLessOrEqual(supError(a, b, fast).upper.add(supError(b, c, fast).upper));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('sup(A, A) = 0; and a functionally equal rewrite of A has an exact witness value 0', () => {
    fc.assert(
      fc.property(
        dimsArb.chain(([d, o]) => networkArb(d, o, { minHiddenLayers: 1, maxHiddenLayers: 2, maxWidth: 3 })),
        (a) => {
          const same = supError(a, a, fast);
          expect(same.exact && same.upper.isZero()).toBe(true);
          // duplicate hidden unit 0 of layer 1 and halve its outgoing weights: the same function
          const [w1, w2, ...rest] = a.layers as Network['layers'][number][];
          if (!w1 || !w2) return;
          const half = Rational.of(1, 2);
          const b: Network = {
            layers: [
              [...w1, w1[0] as readonly Rational[]],
              w2.map((row) => [...row.map((v, j) => (j === 0 ? v.mul(half) : v)), (row[0] as Rational).mul(half)]),
              ...rest,
            ],
          };
          const r = supError(a, b, fast);
          expect(r.method).toBe('bracket-branch-and-bound');
          expect(r.witnessSquared.isZero()).toBe(true);
          expect(r.lower.isZero()).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('on d = 2 it brackets the exact sweep value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }).chain((o) => pair(2, o)),
        ([a, b]) => {
          const exact = supError(a, b).supSquaredSurd;
          if (!exact) throw new Error('missing exact value');
          const r = branchAndBound(a, b, fast);
          expect(compareSurdRational(exact, r.witnessSquared)).toBeGreaterThanOrEqual(0);
          expect(compareSurdRational(exact, r.upperSquared)).toBeLessThanOrEqual(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('decides soundly, and stops early once eps is decided', () => {
    fc.assert(
      fc.property(
        dimsArb.chain(([d, o]) => pair(d, o)),
        fc.integer({ min: 0, max: 400 }).map((k) => Rational.of(k, 100)),
        ([a, b], eps) => {
          const r = supError(a, b, { ...fast, eps });
          const e2 = eps.mul(eps);
          const verdict = decides(r, eps);
          if (verdict === '<= eps') expect(r.upperSquared).toBeLessOrEqual(e2);
          if (verdict === '> eps') expect(ratioSquared(a, b, r.witness as Rational[])).toBeAbove(e2);
          if (r.stopReason === 'decided') expect(verdict).not.toBe('undecided');
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is reproducible with maxBoxes and a seed', () => {
    const [a, b] = fc.sample(pair(3, 1), { numRuns: 1, seed: 11 })[0] as [Network, Network];
    const r1 = supError(a, b, fast);
    const r2 = supError(a, b, fast);
    expect(r1.upperSquared.eq(r2.upperSquared) && r1.witnessSquared.eq(r2.witnessSquared)).toBe(true);
  });
});
