/**
 * Lemma 4 (Lipschitz error propagation), exact figures: hand-computed values of every building
 * block (the recursion, the H-formula, perturbed layers, error and weight norm bounds, the
 * one-layer inequality at its equality case), the seeded streams (errors, ball points, the
 * negative-control search) and the checker's figures, verdicts and witnesses, recomputed
 * independently from the pieces.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Matrix, Network } from '../../src/network/network.js';
import { generateTarget } from '../../src/network/generate.js';
import { spectralAtMostOne } from '../../src/network/norms.js';
import { expBracket, sqrtBracket, sqrtUpper } from '../../src/numeric/certified.js';
import { Rational } from '../../src/numeric/rational.js';
import { cOfEta, certifiedEta, sUpper } from '../../src/theory/eta.js';
import { CONSTRUCTIONS } from '../../src/theory/construction-name.js';
import { bracketFigure } from '../../src/numeric/figure.js';
import type { PerturbedLayer } from '../../src/lemmas/lipschitz.js';
import { spectralUpper } from '../../src/network/norms.js';
import { lemma4Chain, weightNormUpper } from '../../src/theory/lemma4.js';
import {
  NAME,
  STATEMENT,
  aprioriBound,
  ballPoints,
  checkLipschitz,
  checkPoint,
  errorMagnitudes,
  hBound,
  lipschitzVerdict,
  oneLayerCheck,
  perturbedApply,
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
const ZERO = Rational.ZERO;
const R = (t: string): Rational => Rational.parse(t);
const M = (rows: string[][]): Matrix => rows.map((r) => r.map(R));
const V = (xs: string[]): Rational[] => xs.map(R);
const str = (xs: readonly Rational[]): string[] => xs.map(String);
const zerosOf = (w: Matrix): Matrix => w.map((r) => r.map(() => ZERO));
const plain = (net: Network): PerturbedLayer[] => net.layers.map((w) => ({ w, ePlus: zerosOf(w), eMinus: zerosOf(w) }));
const diff2 = (a: readonly Rational[], b: readonly Rational[]): Rational => squaredNorm(a.map((v, i) => v.sub(b[i]!)));
const prod = (xs: readonly Rational[]): Rational => xs.reduce((p, v) => p.mul(v), ONE);
const reluR = (v: Rational): Rational => (v.sign() > 0 ? v : ZERO);

/** Brute-force perturbed layer: sum_j (w + (y >= 0 ? e+ : e-)) y, written independently. */
function bruteApply(l: PerturbedLayer, h: readonly Rational[]): Rational[] {
  const out: Rational[] = [];
  for (let r = 0; r < l.w.length; r++) {
    let s = ZERO;
    for (let j = 0; j < h.length; j++) {
      const y = h[j]!;
      const e = y.sign() < 0 ? l.eMinus[r]![j]! : l.ePlus[r]![j]!;
      s = s.add(l.w[r]![j]!.mul(y)).add(e.mul(y));
    }
    out.push(s);
  }
  return out;
}

/** Brute-force forward pass (ReLU after every layer but the last). */
function bruteForward(layers: readonly PerturbedLayer[], x: readonly Rational[]): Rational[] {
  let h = [...x];
  for (let i = 0; i < layers.length; i++) {
    h = bruteApply(layers[i]!, h);
    if (i + 1 < layers.length) h = h.map(reluR);
  }
  return h;
}

/** Regression pins of the seeded streams (seed 's'): E+ then E- of a 1 x 2 layer at c = 1, and ballPoints(2, 5, 's')[4]. */
const PINNED_ERRORS = ['93475365/1073741824', '-80003083/268435456', '2144883/67108864', '-1060099717/1073741824'];
const PINNED_POINT = [
  '-162051778938995404190045985/1237940039285380274899124224',
  '4909150251208200001477004335/4951760157141521099596496896',
];

const matrixArb = (rows: number, cols: number, scale: Rational): fc.Arbitrary<Matrix> =>
  fc.array(
    fc.array(
      dyadicArb.map((v) => v.mul(scale)),
      { minLength: cols, maxLength: cols },
    ),
    { minLength: rows, maxLength: rows },
  );

describe('lipschitz exact: the recursion and the H-formula', () => {
  test('Lemma 4 chain: empty chain is 0, and hand values', () => {
    expect(lemma4Bound([], []).toString()).toBe('0');
    expect(lemma4Bound([ONE], [R('1/10')]).toString()).toBe('1/10');
    expect(lemma4Bound([ONE, ONE], [R('1/10'), R('1/10')]).toString()).toBe('21/100');
    // D1 = 1/10, B1 = 2; D2 = 3/10 + (1/5)(2 + 1/10) = 18/25 = 2.1 * 3.2 - 6
    expect(lemma4Bound([R('2'), R('3')], [R('1/10'), R('1/5')]).toString()).toBe('18/25');
    // s = 1/2 (contracting): D1 = 1/4, B1 = 1/2; D2 = 1/8 + (1/4)(1/2 + 1/4) = 5/16
    expect(lemma4Bound([R('1/2'), R('1/2')], [R('1/4'), R('1/4')]).toString()).toBe('5/16');
    expect(lemma4Bound([R('5')], [ZERO]).toString()).toBe('0');
  });

  test('lemma4Bound = prod(s_i + a_i) - prod(s_i) (closed form), any s_i, a_i >= 0', () => {
    const pos = dyadicArb.map((v) => v.abs().mul(Rational.of(3)));
    fc.assert(
      fc.property(fc.array(fc.tuple(pos, pos), { maxLength: 6 }), (pairs) => {
        const s = pairs.map(([x]) => x);
        const a = pairs.map(([, y]) => y);
        const closed = prod(pairs.map(([x, y]) => x.add(y))).sub(prod(s));
        return lemma4Bound(s, a).eq(closed);
      }),
      { numRuns: 100 },
    );
  });

  test('hBound: empty is 0, hand values, and prod(1 + a_i) - 1 for any a_i', () => {
    expect(hBound([]).toString()).toBe('0');
    expect(hBound([R('1/10')]).toString()).toBe('1/10');
    expect(hBound([R('1/10'), R('1/10')]).toString()).toBe('21/100');
    expect(hBound([R('1/2'), R('1/3'), R('1')]).toString()).toBe('3'); // 3/2 * 4/3 * 2 - 1
    expect(hBound([R('-1/2')]).toString()).toBe('-1/2');
    fc.assert(
      fc.property(fc.array(dyadicArb, { maxLength: 6 }), (a) => hBound(a).eq(prod(a.map((v) => ONE.add(v))).sub(ONE))),
      { numRuns: 100 },
    );
  });

  test('squaredNorm: hand values', () => {
    expect(squaredNorm([]).toString()).toBe('0');
    expect(squaredNorm(V(['3', '4'])).toString()).toBe('25');
    expect(squaredNorm(V(['-3', '4'])).toString()).toBe('25');
    expect(squaredNorm(V(['1/2', '-1/3', '1'])).toString()).toBe('49/36');
  });
});

describe('lipschitz exact: perturbed layers and norm bounds', () => {
  test('perturbedApply: E+ for y >= 0, E- for y < 0, per row', () => {
    const layer: PerturbedLayer = {
      w: M([
        ['1', '2'],
        ['-1', '3'],
      ]),
      ePlus: M([
        ['1/10', '1/5'],
        ['1/7', '1/9'],
      ]),
      eMinus: M([
        ['-1/10', '-1/5'],
        ['-1/7', '-1/9'],
      ]),
    };
    // row 0: (1 + 1/10) * 1 + (2 - 1/5) * (-1) = -7/10; row 1: (-1 + 1/7) * 1 + (3 - 1/9) * (-1) = -6/7 - 26/9
    expect(str(perturbedApply(layer, V(['1', '-1'])))).toEqual(['-7/10', '-236/63']);
    // row 0: (1 - 1/10)(-1) + (2 + 1/5)(1/2) = 1/5; row 1: (-1 - 1/7)(-1) + (3 + 1/9)(1/2) = 8/7 + 14/9
    expect(str(perturbedApply(layer, V(['-1', '1/2'])))).toEqual(['1/5', '170/63']);
    expect(str(perturbedApply(layer, V(['0', '0'])))).toEqual(['0', '0']);
    expect(str(perturbedApply({ w: [[ONE]], ePlus: [[R('1/10')]], eMinus: [[ZERO]] }, [ONE]))).toEqual(['11/10']);
    expect(perturbedApply({ w: [], ePlus: [], eMinus: [] }, [ONE])).toEqual([]);
  });

  test('perturbedApply agrees with a brute-force evaluation (any shapes, signs, errors)', () => {
    const dims = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }));
    fc.assert(
      fc.property(
        dims.chain(([r, c]) =>
          fc.tuple(
            matrixArb(r, c, Rational.of(2)),
            matrixArb(r, c, Rational.of(1, 4)),
            matrixArb(r, c, Rational.of(1, 4)),
            fc.array(dyadicArb, { minLength: c, maxLength: c }),
          ),
        ),
        ([w, ePlus, eMinus, h]) => {
          const l = { w, ePlus, eMinus };
          const got = perturbedApply(l, h);
          const want = bruteApply(l, h);
          return got.length === want.length && got.every((v, i) => v.eq(want[i]!));
        },
      ),
      { numRuns: 100 },
    );
  });

  test('perturbedForward: ReLU between layers, none after the last', () => {
    const z = (w: Matrix): PerturbedLayer => ({ w, ePlus: zerosOf(w), eMinus: zerosOf(w) });
    const l1 = z(M([['1'], ['-1']]));
    // x = 1: hidden (1, -1) -> ReLU (1, 0); output 1 * 1 + 1 * 0 = 1 (without the ReLU it would be 0)
    expect(str(perturbedForward([l1, z(M([['1', '1']]))], [ONE]))).toEqual(['1']);
    // the last layer keeps its sign: -1 (a ReLU there would give 0)
    expect(str(perturbedForward([l1, z(M([['-1', '0']]))], [ONE]))).toEqual(['-1']);
    expect(str(perturbedForward([z(M([['-2']]))], [ONE]))).toEqual(['-2']);
    expect(str(perturbedForward([], V(['1/3', '-1'])))).toEqual(['1/3', '-1']);
    // three layers: ReLU after the first and the second
    expect(str(perturbedForward([z(M([['-1']])), z(M([['1']])), z(M([['-1']]))], [ONE]))).toEqual(['0']);
    expect(str(perturbedForward([z(M([['1']])), z(M([['-1']])), z(M([['-1']]))], [ONE]))).toEqual(['0']);
    expect(str(perturbedForward([z(M([['1']])), z(M([['1']])), z(M([['-1']]))], [ONE]))).toEqual(['-1']);
  });

  test('perturbedForward agrees with a brute-force forward pass', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }))
          .chain(([d, n, o]) =>
            fc.tuple(
              matrixArb(n, d, Rational.of(2)),
              matrixArb(o, n, Rational.of(2)),
              fc.array(dyadicArb, { minLength: d, maxLength: d }),
            ),
          ),
        fc.string({ minLength: 1, maxLength: 3, unit: fc.constantFrom('u', 'v') }),
        ([w1, w2, x], seed) => {
          const pert = randomPerturbation({ layers: [w1, w2] }, Rational.of(1, 3), seed);
          const got = perturbedForward(pert, x);
          const want = bruteForward(pert, x);
          return got.every((v, i) => v.eq(want[i]!)) && got.length === want.length;
        },
      ),
      { numRuns: 60 },
    );
  });

  test('errorMagnitudes: entrywise max(|E+|, |E-|)', () => {
    const l: PerturbedLayer = {
      w: M([
        ['0', '0'],
        ['0', '0'],
      ]),
      ePlus: M([
        ['-1/10', '1/5'],
        ['0', '-3'],
      ]),
      eMinus: M([
        ['1/20', '-3/10'],
        ['-1/7', '2'],
      ]),
    };
    expect(errorMagnitudes(l).map(str)).toEqual([
      ['1/10', '3/10'],
      ['1/7', '3'],
    ]);
    expect(errorMagnitudes({ w: [[ONE]], ePlus: [[R('-1/10')]], eMinus: [[R('1/20')]] }).map(str)).toEqual([['1/10']]);
  });

  test('spectralUpper: the smaller of the Frobenius and row-column bounds', () => {
    expect(spectralUpper([[R('1/64')]]).toString()).toBe('1/64');
    expect(spectralUpper([[R('1/100')]])).toBeAbove(R('1/100')); // certified: a 128-bit dyadic just above
    // identity: Frobenius sqrt(2), row-column sqrt(1 * 1) = 1
    expect(
      spectralUpper(
        M([
          ['1', '0'],
          ['0', '1'],
        ]),
      ).toString(),
    ).toBe('1');
    // [[1, 1], [1, 0]]: Frobenius sqrt(3) < row-column sqrt(2 * 2) = 2
    expect(
      spectralUpper(
        M([
          ['1', '1'],
          ['1', '0'],
        ]),
      ).eq(sqrtUpper(Rational.of(3))),
    ).toBe(true);
    expect(spectralUpper(M([['3', '4']])).toString()).toBe('5');
    expect(spectralUpper(M([['0', '0']])).toString()).toBe('0');
  });

  test('weightNormUpper: exactly 1 under H, else the smaller cheap bound', () => {
    expect(weightNormUpper([[R('1/2')]]).toString()).toBe('1');
    expect(weightNormUpper(M([['3/5', '4/5']])).toString()).toBe('1');
    expect(weightNormUpper(M([['-1']])).toString()).toBe('1');
    expect(weightNormUpper([[R('2')]]).toString()).toBe('2');
    expect(weightNormUpper(M([['-3', '4']])).toString()).toBe('5');
    expect(
      weightNormUpper(
        M([
          ['1', '1'],
          ['1', '0'],
        ]),
      ).eq(sqrtUpper(Rational.of(3))),
    ).toBe(true);
    expect(
      weightNormUpper(
        M([
          ['2', '0'],
          ['0', '2'],
        ]),
      ).toString(),
    ).toBe('2'); // row-column beats Frobenius 2 sqrt(2)
  });
});

describe('lipschitz exact: the one-layer inequality', () => {
  test('equality case: W = 1, E = 0, h = 1, h~ = 0 gives LHS^2 = RHS^2 = 1 (and holds)', () => {
    const layer: PerturbedLayer = { w: [[ONE]], ePlus: [[ZERO]], eMinus: [[ZERO]] };
    for (const withRelu of [true, false]) {
      const c = oneLayerCheck(layer, [ONE], [ZERO], withRelu);
      expect(c.holds).toBe(true);
      expect([c.lhsSquared, c.rhs, c.s, c.a, c.delta, c.b].map(String)).toEqual(['1', '1', '1', '0', '1', '1']);
    }
  });

  test('exact figures with errors: the sign picks E-, the reference uses no errors, ReLU by default', () => {
    const layer: PerturbedLayer = { w: [[ONE]], ePlus: [[R('1/8')]], eMinus: [[R('1/4')]] };
    // G h~ = (1 + 1/4)(-1) = -5/4, W h = 1; s = 1, a = 1/4, Delta = 2, B = 1, RHS = 2 + (1/4) 3 = 11/4
    const lin = oneLayerCheck(layer, [ONE], [R('-1')], false);
    expect([lin.lhsSquared, lin.rhs, lin.s, lin.a, lin.delta, lin.b].map(String)).toEqual([
      '81/16',
      '11/4',
      '1',
      '1/4',
      '2',
      '1',
    ]);
    expect(lin.holds).toBe(true);
    const rel = oneLayerCheck(layer, [ONE], [R('-1')]);
    expect(rel.lhsSquared.toString()).toBe('1'); // sigma(-5/4) = 0 vs sigma(1) = 1
    expect(rel.rhs.toString()).toBe('11/4');
    // h = h~ = 1: only the error acts: (9/8 - 1)^2 = 1/64 <= (a B)^2 = 1/16
    const same = oneLayerCheck(layer, [ONE], [ONE]);
    expect([same.lhsSquared, same.rhs, same.delta].map(String)).toEqual(['1/64', '1/4', '0']);
    // equality with errors, no ReLU: h = -1, h~ = -2: LHS = |(1 + 1/4)(-2) + 1| = 3/2 = RHS = 1 + (1/4)(1 + 1)
    const neg = oneLayerCheck(layer, [R('-1')], [R('-2')], false);
    expect([neg.lhsSquared, neg.rhs].map(String)).toEqual(['9/4', '3/2']);
    expect(neg.holds).toBe(true);
    expect(oneLayerCheck(layer, [R('-1')], [R('-2')]).lhsSquared.toString()).toBe('0');
  });

  test('non-H weights: s is the certified bound, RHS = s Delta + a (B + Delta)', () => {
    const layer: PerturbedLayer = { w: [[R('2')]], ePlus: [[R('1/4')]], eMinus: [[R('1/4')]] };
    // G h~ = (9/4)(1/2) = 9/8, W h = 2; LHS^2 = (7/8)^2; s = 2, a = 1/4, Delta = 1/2, B = 1: RHS = 1 + (1/4)(3/2) = 11/8
    const c = oneLayerCheck(layer, [ONE], [R('1/2')], false);
    expect([c.lhsSquared, c.rhs, c.s, c.a, c.delta, c.b].map(String)).toEqual([
      '49/64',
      '11/8',
      '2',
      '1/4',
      '1/2',
      '1',
    ]);
  });

  test('the reported figures are the certified norms of the inputs (any W, E, h, h~)', () => {
    const dims = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }));
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
          ),
        ),
        ([w, ePlus, eMinus, h, hT, withRelu]) => {
          const layer = { w, ePlus, eMinus };
          const c = oneLayerCheck(layer, h, hT, withRelu);
          const act = (v: Rational[]): Rational[] => (withRelu ? v.map(reluR) : v);
          const lhs = diff2(
            act(bruteApply(layer, hT)),
            act(bruteApply({ w, ePlus: zerosOf(w), eMinus: zerosOf(w) }, h)),
          );
          const delta = sqrtUpper(diff2(hT, h));
          const b = sqrtUpper(squaredNorm(h));
          const s = weightNormUpper(w);
          const a = spectralUpper(errorMagnitudes(layer));
          return (
            c.lhsSquared.eq(lhs) &&
            c.delta.eq(delta) &&
            c.b.eq(b) &&
            c.s.eq(s) &&
            c.a.eq(a) &&
            c.rhs.eq(s.mul(delta).add(a.mul(b.add(delta)))) &&
            c.holds === lhs.le(c.rhs.mul(c.rhs)) &&
            c.holds
          );
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('lipschitz exact: seeded streams', () => {
  test('randomPerturbation: shapes, E+ != E-, entries k c / 2^30 with -2^30 <= k < 2^30, spread over [-c, c]', () => {
    const net = generateTarget([3, 4, 2], 'pert');
    const c = R('1/3');
    const pert = randomPerturbation(net, c, 's');
    expect(pert.length).toBe(2);
    const scale = Rational.dyadic(1n, 30);
    const ks: bigint[] = [];
    pert.forEach((l, i) => {
      expect(l.w).toBe(net.layers[i]);
      for (const e of [l.ePlus, l.eMinus]) {
        expect(e.map((r) => r.length)).toEqual(net.layers[i]!.map((r) => r.length));
        for (const row of e)
          for (const v of row) {
            const k = v.div(c).mul(scale);
            expect(k.den).toBe(1n);
            ks.push(k.num);
          }
      }
      expect(l.ePlus.map(str)).not.toEqual(l.eMinus.map(str));
    });
    expect(ks.length).toBe(2 * (12 + 8));
    expect(ks.every((k) => k >= -(1n << 30n) && k < 1n << 30n)).toBe(true);
    expect(ks.some((k) => k < -(1n << 28n))).toBe(true);
    expect(ks.some((k) => k > 1n << 28n)).toBe(true);
    expect(new Set(ks.map(String)).size).toBe(ks.length);
  });

  test('randomPerturbation: deterministic, seed-dependent, linear in c (regression pin of the stream)', () => {
    const net: Network = { layers: [M([['1', '1']])] };
    const a = randomPerturbation(net, ONE, 's');
    const b = randomPerturbation(net, ONE, 's');
    expect(a[0]!.ePlus.map(str)).toEqual(b[0]!.ePlus.map(str));
    expect(a[0]!.eMinus.map(str)).toEqual(b[0]!.eMinus.map(str));
    expect(randomPerturbation(net, ONE, 't')[0]!.ePlus.map(str)).not.toEqual(a[0]!.ePlus.map(str));
    const scaled = randomPerturbation(net, R('1/10'), 's');
    expect(scaled[0]!.ePlus.map((r) => r.map((v) => v.mul(Rational.of(10)).toString()))).toEqual(a[0]!.ePlus.map(str));
    expect([...a[0]!.ePlus[0]!, ...a[0]!.eMinus[0]!].map(String)).toEqual(PINNED_ERRORS);
  });

  test('ballPoints: the +-e_j first, truncated to count', () => {
    expect(ballPoints(2, 0, 's')).toEqual([]);
    expect(ballPoints(2, 1, 's').map(str)).toEqual([['1', '0']]);
    expect(ballPoints(2, 3, 's').map(str)).toEqual([
      ['1', '0'],
      ['-1', '0'],
      ['0', '1'],
    ]);
    expect(ballPoints(3, 6, 's').map(str)).toEqual([
      ['1', '0', '0'],
      ['-1', '0', '0'],
      ['0', '1', '0'],
      ['0', '-1', '0'],
      ['0', '0', '1'],
      ['0', '0', '-1'],
    ]);
    expect(ballPoints(1, 2, 'x').map(str)).toEqual([['1'], ['-1']]);
  });

  test('ballPoints: then seeded points on or just inside the unit sphere, deterministic and seed-dependent', () => {
    for (const d of [1, 2, 3]) {
      const pts = ballPoints(d, 2 * d + 6, 'sphere');
      expect(pts.length).toBe(2 * d + 6);
      const rest = pts.slice(2 * d);
      for (const x of rest) {
        expect(x.length).toBe(d);
        const n = squaredNorm(x);
        expect(n).toBeLessOrEqual(ONE);
        expect(n).toBeGreaterOrEqual(ONE.sub(Rational.dyadic(1n, -50)));
        expect(x.every((v) => v.den > 1n)).toBe(true); // not basis vectors
      }
      expect(new Set(rest.map((x) => str(x).join(';'))).size).toBe(rest.length);
      expect(ballPoints(d, 2 * d + 6, 'sphere').map(str)).toEqual(pts.map(str));
      expect(
        ballPoints(d, 2 * d + 6, 'other')
          .slice(2 * d)
          .map(str),
      ).not.toEqual(rest.map(str));
    }
    expect(ballPoints(2, 5, 's')[4]!.map(String)).toEqual(PINNED_POINT);
  });

  test('searchHViolation: none within 0 trials; the first hit is minimal in the number of trials', () => {
    expect(searchHViolation('neg-control', 0)).toBeUndefined();
    const v = searchHViolation('neg-control')!;
    expect(v.trial).toBe(4);
    expect(searchHViolation('neg-control', 4)).toBeUndefined();
    expect(searchHViolation('neg-control', 5)?.trial).toBe(4);
    expect(searchHViolation('c', 1)?.trial).toBe(0);
  });

  test('searchHViolation: the witness is consistent with its seed, shape, errors and point', () => {
    const shapes = [
      [1, 1, 1],
      [2, 2, 1],
      [1, 2, 2, 1],
      [2, 3, 2],
    ];
    for (const seed of ['neg-control', 'a', 'b', 'c', 'lipschitz']) {
      const v = searchHViolation(seed)!;
      expect(v).toBeDefined();
      const shape = shapes[v.trial % 4]!;
      expect([v.net.layers[0]![0]!.length, ...v.net.layers.map((m) => m.length)]).toEqual(shape);
      for (const m of v.net.layers)
        for (const row of m)
          for (const w of row) {
            expect(w.abs()).toBeLessOrEqual(R('2'));
            expect(w.mul(Rational.dyadic(1n, 29)).den).toBe(1n);
          }
      expect(v.net.layers.some((m) => !spectralAtMostOne(m))).toBe(true);
      const pert = randomPerturbation(v.net, R('1/10'), `${seed}/${v.trial}`);
      expect(v.layers.map((l) => l.ePlus.map(str))).toEqual(pert.map((l) => l.ePlus.map(str)));
      expect(v.layers.map((l) => l.eMinus.map(str))).toEqual(pert.map((l) => l.eMinus.map(str)));
      const a = pert.map((l) => spectralUpper(errorMagnitudes(l)));
      expect(v.hFormula).toEqualRational(hBound(a));
      expect(v.generalBound.eq(lemma4Bound(v.net.layers.map(weightNormUpper), a))).toBe(true);
      // x is the first point of the trial's stream that exceeds the H-formula
      const pts = ballPoints(shape[0]!, 8, `${seed}/${v.trial}`);
      const hf2 = v.hFormula.mul(v.hFormula);
      const errs = pts.map((x) => diff2(bruteForward(pert, x), bruteForward(plain(v.net), x)));
      const first = errs.findIndex((e) => e.gt(hf2));
      expect(first).toBeGreaterThanOrEqual(0);
      expect(str(v.x)).toEqual(str(pts[first]!));
      expect(v.errorSquared).toEqualRational(errs[first]!);
      expect(v.errorSquared).toBeLessOrEqual(v.generalBound.mul(v.generalBound));
    }
  });

  test('searchHViolation: regression pin of the neg-control witness', () => {
    const v = searchHViolation('neg-control')!;
    expect(str(v.x)).toEqual(['1']);
    expect(v.hFormula.toString()).toBe(
      '16726958670405911815301887654840187692659960338720523403004518868162670630011/115792089237316195423570985008687907853269984665640564039457584007913129639936',
    );
    expect(v.errorSquared.toString()).toBe(
      '175918027919303935481505323471757593001/3323069989462289682259517650700861440000',
    );
  });
});

describe('lipschitz exact: the a-priori bound', () => {
  test('every field recomputed from width.ts: eta, c(eta), prod(1 + c u_i) - 1, exp(c S) - 1', () => {
    for (const [widths, eps] of [
      [[2, 4, 1], '1/10'],
      [[3, 3], '1/2'],
      [[1, 5, 2, 1], '1/100'],
    ] as const) {
      for (const c of CONSTRUCTIONS) {
        const e = R(eps);
        const r = aprioriBound(widths, e, c);
        const eta = certifiedEta(c, widths, e);
        const cEta = cOfEta(c, eta);
        let p = ONE;
        for (let i = 0; i + 1 < widths.length; i++)
          p = p.mul(ONE.add(cEta.mul(sqrtUpper(Rational.of(widths[i]! * widths[i + 1]!)))));
        expect(r.construction).toBe(c);
        expect(r.eta).toEqualRational(eta);
        expect(r.cEta).toEqualRational(cEta);
        expect(r.cEta).toEqualRational(c === 'product' ? eta : eta.mul(R('2').add(eta)));
        expect(r.bound).toEqualRational(p.sub(ONE));
        expect(r.expBound).toEqualRational(expBracket(cEta.mul(sUpper(widths))).upper.sub(ONE));
        expect(r.holds).toBe(true);
        expect(r.bound).toBeLessOrEqual(e);
        expect(r.bound).toBeAbove(ZERO);
      }
    }
  });

  test('one layer of width 1 -> 1: bound = c(eta) exactly', () => {
    const r = aprioriBound([1, 1], R('1/10'), 'product');
    expect(r.bound).toEqualRational(r.cEta);
    expect(r.cEta).toEqualRational(r.eta);
  });
});

/** The checker's figures recomputed from the pieces (and brute-force forward passes). */
function expectedFigures(net: Network, eps: Rational, seed: string, count: number): Record<string, string> {
  const ws = [net.layers[0]![0]!.length, ...net.layers.map((m) => m.length)];
  const s = net.layers.map(weightNormUpper);
  const pair = aprioriBound(ws, eps, 'pair');
  const product = aprioriBound(ws, eps, 'product');
  const pert = randomPerturbation(net, pair.cEta, seed);
  const a = pert.map((l) => spectralUpper(errorMagnitudes(l)));
  let worst = ZERO;
  let worstX: Rational[] | undefined;
  for (const x of ballPoints(ws[0]!, count, seed)) {
    const e = diff2(bruteForward(pert, x), bruteForward(plain(net), x));
    if (e.gt(worst)) {
      worst = e;
      worstX = x;
    }
  }
  const br = (v: Rational): string => bracketFigure({ lower: v, upper: v });
  const f: Record<string, string> = {
    widths: ws.join(','),
    'H holds (exact)': s.every((v) => v.eq(ONE)) ? 'yes' : 'no',
    s_i: s.map(String).join(', '),
    'c(eta) (pair, stated eta)': pair.cEta.toString(),
    'a_i (realised |e| <= c(eta), seeded)': a.map(br).join(', '),
    'Delta_l (Lemma 4 recursion)': lemma4Bound(s, a).toString(),
    'prod(1 + a_i) - 1': hBound(a).toString(),
    'max ||G~(x) - F(x)|| over points': bracketFigure(sqrtBracket(worst)),
    points: String(count),
    'one-layer inequality violations': '0',
    'pair: prod(1 + c(eta) sqrt(n_i n_{i-1})) - 1': `${br(pair.bound)} <= eps = ${eps.toString()}: yes`,
    'product: prod(1 + eta sqrt(n_i n_{i-1})) - 1': `${br(product.bound)} <= eps: yes`,
    'pair: exp(c(eta) S) - 1 (certified upper)': br(pair.expBound),
  };
  if (worstX) f['worst point x'] = worstX.map(String).join(', ');
  return f;
}

describe('lipschitz exact: one point and the verdict', () => {
  test('checkPoint: the exact error, and the failure record when it exceeds Delta_l^2', () => {
    const layers: PerturbedLayer[] = [{ w: [[ONE]], ePlus: [[R('1/4')]], eMinus: [[R('1/4')]] }];
    const ok = checkPoint(layers, [ONE], R('1/16'));
    expect(ok.errorSquared.toString()).toBe('1/16');
    expect(ok.oneLayerFailures).toBe(0);
    expect(ok.failure).toBeUndefined();
    expect(checkPoint(layers, [ONE], ZERO).failure).toEqual({ x: '1', errorSquared: '1/16', 'Delta_l^2': '0' });
    // two layers, x = (1/2, -1/2): hidden ReLU cuts the negative unit; the output layer keeps its sign
    const two: PerturbedLayer[] = [
      {
        w: M([
          ['1', '0'],
          ['0', '1'],
        ]),
        ePlus: M([
          ['1/4', '0'],
          ['0', '1/4'],
        ]),
        eMinus: M([
          ['1/8', '0'],
          ['0', '1/8'],
        ]),
      },
      { w: M([['-1', '-1']]), ePlus: M([['1/2', '1/2']]), eMinus: M([['1/2', '1/2']]) },
    ];
    // G~: hidden (5/8, -9/16) -> (5/8, 0), output (-1 + 1/2)(5/8) = -5/16; F: hidden (1/2, 0), output -1/2: error 3/16
    const r = checkPoint(two, V(['1/2', '-1/2']), R('1/100'));
    expect(r.errorSquared.toString()).toBe('9/256');
    expect(r.oneLayerFailures).toBe(0);
    expect(r.failure).toEqual({ x: '1/2, -1/2', errorSquared: '9/256', 'Delta_l^2': '1/100' });
    expect(checkPoint(two, V(['1/2', '-1/2']), R('9/256')).failure).toBeUndefined();
    expect(checkPoint([], V(['1/3']), ZERO)).toEqual({ errorSquared: ZERO, oneLayerFailures: 0, failure: undefined });
  });

  test('checkPoint agrees with brute-force passes and never finds a one-layer violation', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
          .chain(([d, n]) =>
            fc.tuple(
              matrixArb(n, d, Rational.of(2)),
              matrixArb(1, n, Rational.of(2)),
              fc.array(dyadicArb, { minLength: d, maxLength: d }),
            ),
          ),
        fc.string({ minLength: 1, maxLength: 3, unit: fc.constantFrom('m', 'n') }),
        fc.constantFrom('0', '1/1000', '1/10', '1'),
        ([w1, w2, x], seed, dt) => {
          const net: Network = { layers: [w1, w2] };
          const pert = randomPerturbation(net, Rational.of(1, 5), seed);
          const e = diff2(bruteForward(pert, x), bruteForward(plain(net), x));
          const r = checkPoint(pert, x, R(dt));
          return r.errorSquared.eq(e) && r.oneLayerFailures === 0 && (r.failure === undefined) === e.le(R(dt));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('lipschitzVerdict: every combination of its parts', () => {
    const f = { x: '1', errorSquared: '1', 'Delta_l^2': '0' };
    for (const failure of [undefined, f])
      for (const pairHolds of [true, false])
        for (const productHolds of [true, false])
          for (const controlOk of [true, false]) {
            const v = lipschitzVerdict(failure, pairHolds, productHolds, controlOk);
            const holds = failure === undefined && pairHolds && productHolds && controlOk;
            expect(v.holds).toBe(holds);
            if (failure) expect(v.witness).toBe(f);
            else if (holds) expect(v.witness).toBeUndefined();
            else
              expect(v.witness).toEqual({
                reason: pairHolds && productHolds ? 'negative control not caught' : 'a-priori bound exceeds eps',
              });
          }
    expect(lipschitzVerdict(undefined, true, false, true)).toEqual({
      holds: false,
      witness: { reason: 'a-priori bound exceeds eps' },
    });
    expect(lipschitzVerdict(undefined, false, true, false)).toEqual({
      holds: false,
      witness: { reason: 'a-priori bound exceeds eps' },
    });
    expect(lipschitzVerdict(undefined, true, true, true)).toEqual({ holds: true, witness: undefined });
  });
});

describe('lipschitz exact: the checker', () => {
  test('eps = 1/1000: the pair and product a-priori figures differ and are each exact', () => {
    const net = generateTarget([2, 3, 1], 'eps3');
    const r = checkLipschitz(net, 'e', { points: 4, skipControl: true, seed: 'e3', eps: R('1/1000') });
    expect(r.figures).toEqual(expectedFigures(net, R('1/1000'), 'e3', 4));
    const pairFig = r.figures['pair: prod(1 + c(eta) sqrt(n_i n_{i-1})) - 1']!;
    const prodFig = r.figures['product: prod(1 + eta sqrt(n_i n_{i-1})) - 1']!;
    expect(pairFig.split(' <= ')[0]).not.toBe(prodFig.split(' <= ')[0]);
    expect(pairFig.endsWith(' <= eps = 1/1000: yes')).toBe(true);
    expect(prodFig.endsWith(' <= eps: yes')).toBe(true);
  });

  test('name and statement (pinned text)', () => {
    expect(NAME).toBe('lipschitz');
    expect(STATEMENT).toBe(
      '||sigma((W+E)h~) - sigma(Wh)|| <= s Delta + a (B + Delta); Delta_i <= s_i Delta_{i-1} + a_i (B_{i-1} + Delta_{i-1}) ' +
        'bounds sup_{||x||<=1} ||G~(x) - F(x)||; under H it is prod(1 + a_i) - 1, and prod(1 + c(eta) sqrt(n_i n_{i-1})) - 1 <= eps ' +
        'at the stated eta; without H the H-formula fails (exact witness)',
    );
  });

  test('under H, control skipped: every figure, the notes, no witness', () => {
    const net = generateTarget([2, 3, 1], 'chk');
    const r = checkLipschitz(net, 'generated', { points: 8, skipControl: true, seed: 'q' });
    expect(r.lemma).toBe(NAME);
    expect(r.lemma).toBe('lipschitz');
    expect(r.input).toBe('generated');
    expect(r.statement).toBe(STATEMENT);
    expect(r.exact).toBe(true);
    expect(r.holds).toBe(true);
    expect('witness' in r).toBe(false);
    const want = expectedFigures(net, R('1/10'), 'q', 8);
    expect(r.figures).toEqual(want);
    expect(Object.keys(r.figures)).toEqual(Object.keys(want));
    expect(r.figures['H holds (exact)']).toBe('yes');
    expect(r.figures['s_i']).toBe('1, 1');
    expect(r.notes).toEqual([
      'all comparisons exact (squares of norms against squares of rational upper bounds); brackets only print sqrt of exact values',
      's_i = 1: H decided exactly (I - W^T W PSD)',
    ]);
  });

  test('violating H: general recursion, s_i certified, its own note', () => {
    const net: Network = { layers: [M([['2', '-1']]), M([['3']])] };
    const r = checkLipschitz(net, 'nonH', { points: 6, skipControl: true, seed: 'z', eps: R('1/2') });
    expect(r.holds).toBe(true);
    const want = expectedFigures(net, R('1/2'), 'z', 6);
    expect(r.figures).toEqual(want);
    expect(r.figures['H holds (exact)']).toBe('no');
    expect(r.figures['s_i']).toBe(`${weightNormUpper(M([['2', '-1']])).toString()}, 3`);
    expect(r.figures['pair: prod(1 + c(eta) sqrt(n_i n_{i-1})) - 1']).toMatch(/ <= eps = 1\/2: yes$/);
    expect(r.figures['Delta_l (Lemma 4 recursion)']).not.toBe(r.figures['prod(1 + a_i) - 1']);
    expect(r.notes?.[1]).toBe('target violates H: s_i are certified upper bounds of ||W_i||_2');
    expect(r.witness).toBeUndefined();
  });

  test('H on some layers only: H does not hold, s_i mixes 1 and a certified bound', () => {
    const net: Network = { layers: [M([['1/2', '1/2']]), M([['2']])] };
    const r = checkLipschitz(net, 'mixed', { points: 5, skipControl: true, seed: 'mx' });
    expect(r.figures['H holds (exact)']).toBe('no');
    expect(r.figures['s_i']).toBe('1, 2');
    expect(r.figures).toEqual(expectedFigures(net, R('1/10'), 'mx', 5));
    expect(r.notes?.[1]).toBe('target violates H: s_i are certified upper bounds of ||W_i||_2');
    expect(r.holds).toBe(true);
  });

  test('last layer with negative outputs and a hidden layer the ReLU cuts: the exact max error', () => {
    const net: Network = {
      layers: [
        M([
          ['1/2', '-1/2'],
          ['-1/2', '1/2'],
          ['1/2', '1/2'],
        ]),
        M([['-1/2', '1/2', '-1/2']]),
      ],
    };
    const r = checkLipschitz(net, 'signs', { points: 10, skipControl: true, seed: 'sg' });
    expect(r.figures).toEqual(expectedFigures(net, R('1/10'), 'sg', 10));
    expect(r.holds).toBe(true);
  });

  test('zero points: the max error is 0 and there is no worst point', () => {
    const net = generateTarget([2, 2, 1], 'zero');
    const r = checkLipschitz(net, 'z', { points: 0, skipControl: true });
    expect(r.figures['points']).toBe('0');
    expect(r.figures['max ||G~(x) - F(x)|| over points']).toBe(bracketFigure(sqrtBracket(ZERO)));
    expect('worst point x' in r.figures).toBe(false);
    expect(r.holds).toBe(true);
  });

  test('defaults: eps = 1/10, 32 points, seed "lipschitz", control on (trial 7 of that seed)', () => {
    const net = generateTarget([1, 2, 1], 'defaults');
    const r = checkLipschitz(net, 'd');
    const v = searchHViolation('lipschitz')!;
    expect(v.trial).toBe(7);
    const br = (q: Rational): string => bracketFigure({ lower: q, upper: q });
    expect(r.figures).toEqual({
      ...expectedFigures(net, R('1/10'), 'lipschitz', 32),
      'negative control (no H): caught': `yes, trial 7: ||G~(x)-F(x)||^2 = ${br(v.errorSquared)} > (prod(1+a_i)-1)^2 = ${br(v.hFormula.mul(v.hFormula))}`,
      'negative control: general Lemma 4 bound still holds': 'yes',
    });
    expect(r.holds).toBe(true);
    expect(r.witness).toBeUndefined();
    expect(checkLipschitz(net, 'd', { seed: 'lipschitz', eps: R('1/10'), points: 32 }).figures).toEqual(r.figures);
  });

  test('the control is run with the given seed', () => {
    const net = generateTarget([1, 1], 'ctl');
    const r = checkLipschitz(net, 'c', { points: 2, seed: 'c' });
    expect(r.figures['negative control (no H): caught']).toMatch(/^yes, trial 0: /);
    expect(r.figures['negative control: general Lemma 4 bound still holds']).toBe('yes');
    expect(r.holds).toBe(true);
  });

  test('NEGATIVE: a control search that finds nothing refutes, with the reason', () => {
    const net = generateTarget([1, 2, 1], 'nc');
    const r = checkLipschitz(net, 'nc', { points: 2, seed: 'neg-control', controlTrials: 4 });
    expect(r.holds).toBe(false);
    expect(r.figures['negative control (no H): caught']).toBe('NO (search found nothing)');
    expect('negative control: general Lemma 4 bound still holds' in r.figures).toBe(false);
    expect(r.witness).toEqual({ reason: 'negative control not caught' });
    // one more trial finds it (trial 4)
    const ok = checkLipschitz(net, 'nc', { points: 2, seed: 'neg-control', controlTrials: 5 });
    expect(ok.holds).toBe(true);
    expect(ok.figures['negative control (no H): caught']).toMatch(/^yes, trial 4: /);
    // skipping the control never refutes, and prints nothing about it
    const skipped = checkLipschitz(net, 'nc', { points: 2, seed: 'neg-control', controlTrials: 0, skipControl: true });
    expect(skipped.holds).toBe(true);
    expect(Object.keys(skipped.figures).some((k) => k.startsWith('negative control'))).toBe(false);
    expect(skipped.witness).toBeUndefined();
  });
});
