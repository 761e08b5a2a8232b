/**
 * Lemma 4 (Lipschitz error propagation): the one-layer inequality and the layer recursion,
 * checked exactly at generated points; the a-priori bounds at the stated eta; and the negative
 * control: without H the H-formula prod(1 + a_i) - 1 fails, with an exact witness.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Matrix, Network } from '../../src/network/network.js';
import { generateTarget } from '../../src/network/generate.js';
import { spectralAtMostOne } from '../../src/network/norms.js';
import { expBracket } from '../../src/numeric/certified.js';
import { Rational } from '../../src/numeric/rational.js';
import { CONSTRUCTIONS } from '../../src/theory/construction-name.js';
import type { PerturbedLayer } from '../../src/lemmas/lipschitz.js';
import { spectralUpper } from '../../src/network/norms.js';
import { lemma4Chain, weightNormUpper } from '../../src/theory/lemma4.js';
import {
  aprioriBound,
  ballPoints,
  checkLipschitz,
  errorMagnitudes,
  hBound,
  oneLayerCheck,
  perturbedForward,
  randomPerturbation,
  searchHViolation,
  squaredNorm,
} from '../../src/lemmas/lipschitz.js';
import { dyadicArb } from './_arbitraries.js';

/** Lemma 4's chain on paired per-layer (s_i, a_i). */
const lemma4Bound = (s: readonly Rational[], a: readonly Rational[]): Rational =>
  lemma4Chain(s.map((si, i) => ({ layer: i + 1, s: si, a: a[i] as Rational })));

const ONE = Rational.ONE;
const matrixArb = (rows: number, cols: number, scale: Rational): fc.Arbitrary<Matrix> =>
  fc.array(
    fc.array(
      dyadicArb.map((v) => v.mul(scale)),
      { minLength: cols, maxLength: cols },
    ),
    { minLength: rows, maxLength: rows },
  );
const plain = (net: Network): PerturbedLayer[] =>
  net.layers.map((w) => ({
    w,
    ePlus: w.map((r) => r.map(() => Rational.ZERO)),
    eMinus: w.map((r) => r.map(() => Rational.ZERO)),
  }));
const diff2 = (a: readonly Rational[], b: readonly Rational[]): Rational => squaredNorm(a.map((v, i) => v.sub(b[i]!)));

describe('lipschitz: one layer', () => {
  test('||sigma((W+E) h~) - sigma(W h)|| <= s Delta + a (B + Delta), exactly (any W, E, h, h~)', () => {
    const dims = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }));
    fc.assert(
      fc.property(
        dims.chain(([r, c]) =>
          fc.tuple(
            matrixArb(r, c, Rational.of(2)),
            matrixArb(r, c, Rational.of(1, 4)),
            matrixArb(r, c, Rational.of(1, 4)),
            fc.array(dyadicArb, { minLength: c, maxLength: c }),
            fc.array(dyadicArb, { minLength: c, maxLength: c }),
            fc.boolean(),
            fc.boolean(),
          ),
        ),
        ([w, e1, e2, h, hT, linear, relu]) =>
          oneLayerCheck({ w, ePlus: e1, eMinus: linear ? e1 : e2 }, h, hT, relu).holds,
      ),
      { numRuns: 200 },
    );
  });
});

describe('lipschitz: the recursion', () => {
  test('with every s_i = 1 the recursion is prod(1 + a_i) - 1 <= exp(sum a_i) - 1', () => {
    fc.assert(
      fc.property(
        fc.array(
          dyadicArb.map((v) => v.abs()),
          { minLength: 1, maxLength: 6 },
        ),
        (a) => {
          const d = lemma4Bound(
            a.map(() => ONE),
            a,
          );
          return d.eq(hBound(a)) && d.le(expBracket(Rational.sum(a)).upper.sub(ONE));
        },
      ),
    );
  });

  test('targets under H: the exact error at ball points is <= Delta_l = prod(1 + a_i) - 1', () => {
    fc.assert(
      fc.property(
        fc.constantFrom([1, 2, 1], [2, 3, 1], [3, 3, 2], [2, 2, 2, 1]),
        fc.string({ unit: fc.constantFrom('x', 'y', '7'), minLength: 1, maxLength: 5 }),
        fc.constantFrom('1/100', '1/10', '1/2'),
        (widths, seed, c) => {
          const net = generateTarget(widths, seed);
          const pert = randomPerturbation(net, Rational.parse(c), seed);
          const a = pert.map((l) => spectralUpper(errorMagnitudes(l)));
          const s = net.layers.map(weightNormUpper);
          if (!s.every((v) => v.eq(ONE))) return false;
          const bound = lemma4Bound(s, a);
          const b2 = bound.mul(bound);
          return (
            bound.eq(hBound(a)) &&
            ballPoints(widths[0]!, 12, seed).every((x) =>
              diff2(perturbedForward(pert, x), perturbedForward(plain(net), x)).le(b2),
            )
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  test('targets violating H: the general recursion with s_i >= ||W_i||_2 still bounds the error', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
          .chain(([d, n]) =>
            fc.tuple(matrixArb(n, d, Rational.of(3)), matrixArb(1, n, Rational.of(3)), fc.constant(d)),
          ),
        fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom('p', 'q') }),
        ([w1, w2, d], seed) => {
          const net: Network = { layers: [w1, w2] };
          const pert = randomPerturbation(net, Rational.of(1, 5), seed);
          const bound = lemma4Bound(
            net.layers.map(weightNormUpper),
            pert.map((l) => spectralUpper(errorMagnitudes(l))),
          );
          return ballPoints(d, 10, seed).every((x) =>
            diff2(perturbedForward(pert, x), perturbedForward(plain(net), x)).le(bound.mul(bound)),
          );
        },
      ),
      { numRuns: 80 },
    );
  });

  test('a-priori bound prod(1 + c(eta) sqrt(n_i n_{i-1})) - 1 <= eps at the stated eta, every construction', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 2, maxLength: 5 }),
        fc.constantFrom('1/100', '1/10', '1/2', '2'),
        fc.constantFrom(...CONSTRUCTIONS),
        (widths, eps, c) => {
          const r = aprioriBound(widths, Rational.parse(eps), c);
          return r.holds && r.bound.le(r.expBound);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('lipschitz: negative control and the checker', () => {
  test('NEGATIVE CONTROL: a seeded search finds a non-H target whose error exceeds prod(1 + a_i) - 1, exactly', () => {
    const v = searchHViolation('neg-control');
    expect(v).toBeDefined();
    const w = v!;
    expect(w.net.layers.some((m) => !spectralAtMostOne(m))).toBe(true);
    const err2 = diff2(perturbedForward(w.layers, w.x), perturbedForward(plain(w.net), w.x));
    expect(err2).toEqualRational(w.errorSquared);
    expect(squaredNorm(w.x)).toBeLessOrEqual(ONE);
    expect(err2).toBeAbove(w.hFormula.mul(w.hFormula));
    expect(err2).toBeLessOrEqual(w.generalBound.mul(w.generalBound));
  });

  test('NEGATIVE CONTROL: W = 2I twice, |e| = 1/10: error 0.41 at x = 1 exceeds 1.1^2 - 1 = 0.21', () => {
    const two = [[Rational.of(2)]];
    const e = [[Rational.of(1, 10)]];
    const layers: PerturbedLayer[] = [
      { w: two, ePlus: e, eMinus: e },
      { w: two, ePlus: e, eMinus: e },
    ];
    const err = perturbedForward(layers, [ONE])[0]!.sub(Rational.of(4));
    const a = layers.map((l) => spectralUpper(errorMagnitudes(l)));
    expect(err.toString()).toBe('41/100');
    expect(hBound([Rational.of(1, 10), Rational.of(1, 10)]).toString()).toBe('21/100');
    expect(hBound(a)).toBeBelow(Rational.parse('0.2100001')); // a_i: certified sqrt bounds just above 1/10
    expect(err).toBeAbove(hBound(a));
    expect(err.le(lemma4Bound([Rational.of(2), Rational.of(2)], a))).toBe(true);
  });

  test('the checker holds on generated targets (H), control included', () => {
    const r = checkLipschitz(generateTarget([2, 3, 1], 'chk'), 'generated', { points: 8 });
    expect(r.holds).toBe(true);
    expect(r.figures['negative control (no H): caught']).toMatch(/^yes/);
  });
});
