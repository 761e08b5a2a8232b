/**
 * The differential sup-error bound (difference-form.ts, differential.ts, coarse.ts): the form is an
 * identity; the propagated difference bounds contain D = A - B exactly at points of the box; the
 * bracket is never below exact samples, never below the exact sup for d <= 2, and contains the
 * exact samples of real certificates. NEGATIVE CONTROL: the same properties catch a propagation
 * that forgets the ReLU crossing case (`_dropCrossing`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certificateNetworks } from '../../src/certificate/subnetwork.js';
import { certify } from '../../src/constructions/certify.js';
import { CONSTRUCTIONS } from '../../src/theory/construction-name.js';
import { coarseBound, coarseFormPair, coarsePair, coarsePointLower } from '../../src/error/coarse.js';
import { difference, ratioSquared, squaredNorm } from '../../src/error/difference.js';
import { alignedNetwork, differenceForm, gadgetForm, type DifferenceForm } from '../../src/error/difference-form.js';
import { differenceBounds, differentialBoxBound, toFixedForm } from '../../src/error/differential.js';
import { fixedToRational, toFixedNearest } from '../../src/numeric/fixed.js';
import { integerRatioSquared, toIntegerNetwork } from '../../src/error/integer-network.js';
import { affineMax, affineMin, type Affine, type FixedBox } from '../../src/error/linear-bounds.js';
import { supError, supErrorOfForm } from '../../src/error/sup-error.js';
import { compareSurdRational } from '../../src/numeric/surd.js';
import { floatMatrix, floatPair } from '../../src/error/witness.js';
import { targetArbitrary, gSeedArbitrary } from '../../src/falsify/arbitraries.js';
import { forward, type Matrix, type Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { ballPointArb, directionArb, gridWeight, networkArb, thirdsWeight, weight } from './arbitraries.js';

/** Value of an affine function (fixed point) at a rational point, exactly. */
function evalAffine(f: Affine, x: readonly Rational[], bits: number): Rational {
  let s = fixedToRational(f[x.length] as bigint, bits);
  x.forEach((v, m) => (s = s.add(fixedToRational(f[m] as bigint, bits).mul(v))));
  return s;
}

/** A random sub-box of [-1, 1]^d on the grid 2^-4 and points inside it (corners included). */
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

/**
 * A depth-doubling network over the widths of b: layer 2i-1 has 1..5 units, each with at most one
 * non-zero input weight (as in a certificate's G~), layer 2i any weights.
 */
function doublingArb(b: Network, entry: fc.Arbitrary<Rational>): fc.Arbitrary<Network> {
  const layerPairs = b.layers.map((w) => {
    const nIn = (w[0] as readonly Rational[]).length;
    const nOut = w.length;
    return fc
      .integer({ min: 1, max: 5 })
      .chain((m) =>
        fc
          .tuple(
            fc.array(fc.tuple(fc.integer({ min: 0, max: nIn - 1 }), entry), { minLength: m, maxLength: m }),
            fc.array(fc.array(entry, { minLength: m, maxLength: m }), { minLength: nOut, maxLength: nOut }),
          )
          .map(
            ([units, v]) =>
              [units.map(([j, u]) => Array.from({ length: nIn }, (_, k) => (k === j ? u : Rational.ZERO))), v] as [
                Matrix,
                Matrix,
              ],
          ),
      );
  });
  return fc.tuple(...layerPairs).map((pairs) => ({ layers: pairs.flat() }));
}

/** A network with the same widths as b and independent weights. */
function sameShapeArb(b: Network, entry: fc.Arbitrary<Rational>): fc.Arbitrary<Network> {
  const mats = b.layers.map((w) =>
    fc.array(
      fc.array(entry, {
        minLength: (w[0] as readonly Rational[]).length,
        maxLength: (w[0] as readonly Rational[]).length,
      }),
      {
        minLength: w.length,
        maxLength: w.length,
      },
    ),
  );
  return fc.tuple(...mats).map((layers) => ({ layers }) as Network);
}

/** B with every weight moved by a small grid amount (a same-shape pair that tracks B). */
function nearArb(b: Network): fc.Arbitrary<Network> {
  const moves = b.layers.map((w) =>
    fc.array(
      fc.array(
        fc.integer({ min: -8, max: 8 }).map((k) => Rational.of(k, 2 ** 10)),
        { minLength: (w[0] as readonly Rational[]).length, maxLength: (w[0] as readonly Rational[]).length },
      ),
      { minLength: w.length, maxLength: w.length },
    ),
  );
  return fc.tuple(...moves).map((ms) => ({
    layers: b.layers.map((w, i) =>
      w.map((row, r) => row.map((v, j) => v.add((ms[i] as Rational[][])[r]?.[j] as Rational))),
    ),
  }));
}

const shape = { minHiddenLayers: 1, maxHiddenLayers: 2, maxWidth: 3 };
const families = [weight, thirdsWeight, gridWeight];
const entryArb = fc.constantFrom(...families);
/** Pairs (A, B) that have a difference form: depth-doubling, unrelated same-shape, near same-shape. */
const pairArb = (d: number, out: number): fc.Arbitrary<[Network, Network]> =>
  entryArb.chain((entry) =>
    networkArb(d, out, shape, entry).chain((b) =>
      fc.oneof(doublingArb(b, entry), sameShapeArb(b, entry), nearArb(b)).map((a) => [a, b] as [Network, Network]),
    ),
  );

const bitsArb = fc.constantFrom(4, 5, 8, 64);

/** The property shared by the positive test and the negative control: bounds contain D at points. */
function boundsContainD(
  a: Network,
  b: Network,
  box: FixedBox,
  points: Rational[][],
  bits: number,
  drop: boolean,
): boolean {
  const form = differenceForm(a, b) as DifferenceForm;
  const ff = toFixedForm(form, bits);
  for (const symbolic of [true, false]) {
    const { lower, upper } = differenceBounds(ff, box, { symbolic, _dropCrossing: drop });
    const evalBox = symbolic ? box : { lo: [], hi: [] };
    for (const x of points) {
      const dx = difference(a, b, x).map((v) => (form.swapped ? v.neg() : v));
      for (let k = 0; k < dx.length; k++) {
        const v = dx[k] as Rational;
        const lo = symbolic
          ? evalAffine(lower[k] as Affine, x, bits)
          : fixedToRational((lower[k] as Affine)[0] as bigint, bits);
        const hi = symbolic
          ? evalAffine(upper[k] as Affine, x, bits)
          : fixedToRational((upper[k] as Affine)[0] as bigint, bits);
        if (lo.gt(v) || v.gt(hi)) return false;
        if (fixedToRational(affineMin(lower[k] as Affine, evalBox, bits), bits).gt(v)) return false;
        if (v.gt(fixedToRational(affineMax(upper[k] as Affine, evalBox, bits), bits))) return false;
      }
    }
  }
  return true;
}

const boundsProperty = (drop: boolean) =>
  fc.property(
    fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 2 }), bitsArb)
      .chain(([d, o, bits]) => fc.tuple(pairArb(d, o), boxArb(d, bits), fc.constant(bits))),
    ([[a, b], { box, points }, bits]) => boundsContainD(a, b, box, points, bits, drop),
  );

/**
 * The bracket property: the certified upper end is never below an exact sample (d = 3, 4) nor
 * below the exact sup of the sector sweep (d = 2, branch-and-bound forced).
 */
const bracketProperty = (drop: boolean) =>
  fc.property(
    fc
      .tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 2 }))
      .chain(([d, o]) => fc.tuple(pairArb(d, o), fc.array(directionArb(d), { minLength: 4, maxLength: 12 }))),
    ([[a, b], dirs]) => {
      const d = dirs[0]?.length ?? 0;
      const r = supError(a, b, {
        maxBoxes: 60,
        budgetMs: 60_000,
        restarts: 1,
        seed: 'diff',
        bounds: 'differential',
        ...(d === 2 ? { method: 'branch-and-bound' as const } : {}),
        _dropCrossing: drop,
      });
      if (d === 2) {
        const exact = supError(a, b).supSquaredSurd;
        if (!exact) throw new Error('missing exact value');
        if (compareSurdRational(exact, r.upperSquared) > 0) return false;
      }
      return dirs.every((x) => ratioSquared(a, b, x).le(r.upperSquared));
    },
  );

describe('the difference form is an identity', () => {
  it('the aligned network equals A exactly (depth-doubling and same-shape pairs)', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 2 }))
          .chain(([d, o]) => fc.tuple(pairArb(d, o), fc.array(ballPointArb(d), { minLength: 1, maxLength: 6 }))),
        ([[a, b], xs]) => {
          const form = differenceForm(a, b) as DifferenceForm;
          expect(form).toBeDefined();
          const al = alignedNetwork(form);
          const other = form.swapped ? b : a;
          for (const x of xs) expect(forward(al, x).map(String)).toEqual(forward(other, x).map(String));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('pairs without one (other shapes, multi-input units) have none', () => {
    const b = { layers: [[[Rational.ONE, Rational.ONE]]] };
    const a = { layers: [[[Rational.ONE, Rational.ONE]], [[Rational.ONE]]] }; // depth 2, unit with two inputs
    expect(differenceForm(a, b)).toBeUndefined();
  });
});

describe('differential bounds over a box', () => {
  it('lower(x) <= A(x) - B(x) <= upper(x) exactly at points of the box, symbolic and concrete', () => {
    fc.assert(boundsProperty(false), { numRuns: 500 });
  });

  it('the box bound is >= ||D(x)||^2 / ||x||^2 on faces, and the ball bound >= ||D(x)||^2 in the ball', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 2 }), bitsArb)
          .chain(([d, o, bits]) =>
            fc.tuple(
              pairArb(d, o),
              fc.integer({ min: 0, max: 2 * d - 1 }),
              boxArb(d, bits),
              fc.constant(bits),
              fc.array(ballPointArb(d), { minLength: 1, maxLength: 4 }),
            ),
          ),
        ([[a, b], face, { box, points }, bits, ball]) => {
          const ff = toFixedForm(differenceForm(a, b) as DifferenceForm, bits);
          const m0 = Math.floor(face / 2);
          const s = face % 2 === 0 ? 1 : -1;
          const one = 1n << BigInt(bits);
          const lo = [...box.lo];
          const hi = [...box.hi];
          lo[m0] = BigInt(s) * one;
          hi[m0] = BigInt(s) * one;
          const faceBox = { lo, hi };
          for (const symbolic of [true, false]) {
            const bound = fixedToRational(differentialBoxBound(ff, faceBox, { symbolic }), bits);
            for (const p of points) {
              const x = p.map((v, m) => (m === m0 ? Rational.of(s) : v));
              expect(ratioSquared(a, b, x).le(bound)).toBe(true);
            }
          }
          const cube = { lo: lo.map(() => -one), hi: hi.map(() => one) };
          const ballBound = fixedToRational(differentialBoxBound(ff, cube, { ball: true }), bits);
          for (const x of ball) expect(squaredNorm(difference(a, b, x)).le(ballBound)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the bracket with differential bounds', () => {
  it('is never below an exact sample, and its witness is exact (d = 3, 4)', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 3, max: 4 }), fc.integer({ min: 1, max: 2 }))
          .chain(([d, o]) => fc.tuple(pairArb(d, o), fc.array(directionArb(d), { minLength: 1, maxLength: 8 }))),
        ([[a, b], dirs]) => {
          const r = supError(a, b, { maxBoxes: 120, budgetMs: 60_000, restarts: 2, seed: 'diff' });
          expect(r.boxBounds?.method).not.toBe('separate');
          expect(r.witnessSquared.le(r.upperSquared)).toBe(true);
          expect(ratioSquared(a, b, r.witness as Rational[]).eq(r.witnessSquared)).toBe(true);
          for (const x of dirs) expect(ratioSquared(a, b, x).le(r.upperSquared)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is never below the exact sup for d <= 2 (sector sweep)', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })).chain(([d, o]) => pairArb(d, o)),
        ([a, b]) => {
          const exact = supError(a, b).supSquaredSurd;
          if (!exact) throw new Error('missing exact value');
          const r = supError(a, b, {
            method: 'branch-and-bound',
            bounds: 'differential',
            maxBoxes: 80,
            budgetMs: 60_000,
            restarts: 1,
            seed: 'diff',
          });
          expect(compareSurdRational(exact, r.upperSquared)).toBeLessThanOrEqual(0);
          expect(compareSurdRational(exact, r.witnessSquared)).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('real certificates (d = 3): gadget form, bracket and exact samples', () => {
  const DELTA = Rational.parse('1e-9');
  it.each(CONSTRUCTIONS)('%s', (construction) => {
    fc.assert(
      fc.property(
        targetArbitrary({ d: { min: 3, max: 3 }, layers: { min: 1, max: 2 }, width: { min: 1, max: 2 } }),
        gSeedArbitrary(),
        fc.array(directionArb(3), { minLength: 4, maxLength: 8 }),
        (target, seed, dirs) => {
          const out = certify({ target, seed, eps: Rational.parse('1/2'), delta: DELTA, construction });
          if (!out.certificate) return;
          const { sub, target: t } = certificateNetworks(out.certificate);
          const form = gadgetForm(t, out.result.gadgets);
          // the same form as collapsing the materialised G~, and the same function
          const collapsed = differenceForm(sub, t) as DifferenceForm;
          expect(form.effective.map((m) => m.map((r) => r.map(String)))).toEqual(
            collapsed.effective.map((m) => m.map((r) => r.map(String))),
          );
          const al = alignedNetwork(form);
          for (const x of dirs) expect(forward(al, x).map(String)).toEqual(forward(sub, x).map(String));
          const r = supErrorOfForm(form, { maxBoxes: 200, budgetMs: 60_000, restarts: 2, seed: 'cert' });
          expect(r.boxBounds?.method).toBe('differential');
          expect(ratioSquared(sub, t, r.witness as Rational[]).eq(r.witnessSquared)).toBe(true);
          for (const x of dirs) expect(ratioSquared(sub, t, x).le(r.upperSquared)).toBe(true);
          const total = out.result.total;
          expect(r.witnessSquared.le(total.mul(total))).toBe(true);
        },
      ),
      { numRuns: 6 },
    );
  });
});

describe('coarse bounds (exact 53-bit integers) for large pairs', () => {
  it('ball and face bounds dominate exact samples; point lower bounds never exceed the exact ratio', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 2 }))
          .chain(([d, o]) =>
            fc.tuple(
              pairArb(d, o),
              fc.array(ballPointArb(d), { minLength: 1, maxLength: 4 }),
              fc.array(directionArb(d), { minLength: 1, maxLength: 4 }),
            ),
          ),
        ([[a, b], ball, dirs]) => {
          const form = differenceForm(a, b) as DifferenceForm;
          const pairs = [coarsePair(floatPair(a, b))];
          if (form.kind === 'depth-doubling' && !form.swapped)
            pairs.push(
              coarseFormPair(
                form.reference.layers.map((m) => floatMatrix(m)),
                form.effective.map((m) => floatMatrix(m)),
                form.negative ? floatMatrix(form.negative) : undefined,
              ),
            );
          const d = (a.layers[0] as Matrix)[0]?.length ?? 0;
          const one = 1n << 64n;
          for (const cp of pairs) {
            if (!cp) continue;
            const ballBound = fixedToRational(coarseBound(cp, { ball: true }));
            for (const x of ball) expect(squaredNorm(difference(a, b, x)).le(ballBound)).toBe(true);
            for (const x of dirs) {
              // the face of the largest coordinate of x holds the direction of x
              let m0 = 0;
              x.forEach((v, m) => (v.abs().gt((x[m0] as Rational).abs()) ? (m0 = m) : undefined));
              const s = (x[m0] as Rational).sign() >= 0 ? one : -one;
              const lo = Array.from({ length: d }, (_, m) => (m === m0 ? s : -one));
              const hi = Array.from({ length: d }, (_, m) => (m === m0 ? s : one));
              const faceBound = fixedToRational(coarseBound(cp, { box: { lo, hi } }));
              expect(ratioSquared(a, b, x).le(faceBound)).toBe(true);
              expect(coarsePointLower(cp, x).le(ratioSquared(a, b, x))).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('fixed-point and integer helpers', () => {
  it('toFixedNearest is round-half-even of q 2^bits, exact iff that is an integer', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: 1, max: 5000 })),
        fc.integer({ min: 1, max: 70 }),
        ([p, q], bits) => {
          const v = Rational.of(p, q);
          const scaled = v.shift(bits);
          expect(toFixedNearest(v, bits)).toEqual({ value: scaled.round('nearest'), exact: scaled.isInteger() });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('integer forward passes give the exact ratio', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 2 }))
          .chain(([d, o]) => fc.tuple(pairArb(d, o), directionArb(d))),
        ([[a, b], x]) => {
          expect(integerRatioSquared(toIntegerNetwork(a), toIntegerNetwork(b), x).eq(ratioSquared(a, b, x))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('NEGATIVE CONTROL: a difference propagation that drops the ReLU crossing case', () => {
  it('is caught by the box-bounds property', () => {
    const out = fc.check(boundsProperty(true), { numRuns: 2000, seed: 1 });
    expect(out.failed).toBe(true);
  });

  it('is caught by the bracket property (upper end below an exact sample)', () => {
    const out = fc.check(bracketProperty(true), { numRuns: 300, seed: 1 });
    expect(out.failed).toBe(true);
  });

  it('while the sound propagation passes the same bracket property', () => {
    fc.assert(bracketProperty(false), { numRuns: 60, seed: 1 });
  });
});
