/**
 * The kernel restates what it needs instead of importing it (de Bruijn: the checker shares no
 * code with the producer beyond exact numbers, the formats and the scheme of G). Each restatement
 * is checked here against the copy the constructions use:
 *
 * - kernel/norms.ts against network/norms.ts (certified norm bounds, exact ||W||_2 <= 1);
 * - kernel/stated.ts against constructions/width.ts `statedWidth` (stated eta and pools);
 * - kernel/rules.ts against constructions/rules.ts (the qualifying rules, exactly);
 * - kernel/weights.ts (seedrandom, batched) against random/scheme.ts `weightFloat` and the cursor.
 *
 * Exact matrices with known singular values (U diag(s) V with Householder U, V) decide the
 * spectral test independently of both implementations, boundary cases included.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { RULES } from '../../src/constructions/rules.js';
import { statedWidth } from '../../src/theory/stated-width.js';
import { CONSTRUCTIONS } from '../../src/theory/construction-name.js';
import { BeyondCap, FIXED_BITS, normUpper, psdBudget, spectralAtMostOne } from '../../src/kernel/norms.js';
import { ruleBreak } from '../../src/kernel/rules.js';
import { statedFor } from '../../src/kernel/stated.js';
import { readWeights } from '../../src/kernel/weights.js';
import type { Matrix } from '../../src/network/network.js';
import * as reference from '../../src/network/norms.js';
import { isqrt } from '../../src/numeric/certified.js';
import { Rational } from '../../src/numeric/rational.js';
import { Cursor, weightFloat } from '../../src/random/scheme.js';

const ONE = Rational.ONE;
const dyadic = (bits: number): fc.Arbitrary<Rational> =>
  fc.noBias(fc.integer({ min: -(2 ** 30), max: 2 ** 30 })).map((k) => Rational.dyadic(BigInt(k), -bits));
const general = fc
  .tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 1000 }))
  .map(([p, q]) => Rational.of(p, q));
/** A float64 in (-1, 1) with any exponent down to the subnormals, as its exact rational. */
const float64 = fc
  .tuple(fc.noBias(fc.integer({ min: 1, max: 2 ** 30 })), fc.integer({ min: 30, max: 1074 + 30 }), fc.boolean())
  .map(([m, e, neg]) => Rational.fromFloat((neg ? -1 : 1) * m * 2 ** -Math.min(e, 1074)));

function matrix(entry: fc.Arbitrary<Rational>, maxSide = 5): fc.Arbitrary<Rational[][]> {
  return fc
    .tuple(fc.integer({ min: 1, max: maxSide }), fc.integer({ min: 1, max: maxSide }))
    .chain(([r, c]) => fc.array(fc.array(entry, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));
}
const scaleBy = (m: Matrix, c: Rational): Rational[][] => m.map((row) => row.map((x) => x.mul(c)));

function matMul(a: Matrix, b: Matrix): Rational[][] {
  return a.map((row) =>
    Array.from({ length: b[0]?.length ?? 0 }, (_, j) =>
      row.reduce((s, x, k) => s.add(x.mul(b[k]?.[j] as Rational)), Rational.ZERO),
    ),
  );
}
/** The Householder reflection I - 2 v v^T / (v^T v): orthogonal and rational. */
function householder(v: readonly number[]): Rational[][] {
  const vv = v.reduce((s, x) => s + x * x, 0);
  return v.map((a, i) =>
    v.map((b, j) => (i === j ? ONE : Rational.ZERO).sub(vv === 0 ? Rational.ZERO : Rational.of(2 * a * b, vv))),
  );
}
/** U diag(s) V: an m x n matrix whose singular values are exactly |s|. */
function withSingularValues(u: readonly number[], v: readonly number[], s: readonly Rational[]): Rational[][] {
  const d = u.map((_, i) => v.map((__, j) => (i === j ? (s[i] ?? Rational.ZERO) : Rational.ZERO)));
  return matMul(matMul(householder(u), d), householder(v));
}
const around = (x: Rational, bits: number): Rational[] => [
  x,
  x.add(Rational.dyadic(1n, -bits)),
  x.sub(Rational.dyadic(1n, -bits)),
];

describe('kernel/norms.ts against network/norms.ts', () => {
  test('the certified bound of ||M||_2 equals the reference on float64 and dyadic matrices', () => {
    fc.assert(
      fc.property(fc.oneof(matrix(float64), matrix(dyadic(20)), matrix(dyadic(1000))), (m) => {
        expect(normUpper(m).eq(reference.spectralUpper(m))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('on general rationals it is a certified bound, at most 2^-120 above the reference', () => {
    fc.assert(
      fc.property(matrix(general), (m) => {
        const k = normUpper(m);
        const r = reference.spectralUpper(m);
        expect(k.ge(r)).toBe(true);
        expect(k.sub(r).le(Rational.dyadic(1n, -120))).toBe(true);
        const exact = reference.layerH(m, 1);
        const k2 = k.mul(k);
        expect(k2.ge(exact.frobeniusSquared) || k2.ge(exact.rowColProduct)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('||W||_2 <= 1 decided as the reference decides it, and as the singular values say', () => {
    const vec = (n: number): fc.Arbitrary<number[]> =>
      fc.array(fc.integer({ min: -4, max: 4 }), { minLength: n, maxLength: n });
    const sv = fc.oneof(
      fc.constantFrom(ONE, ONE.neg(), Rational.ZERO, Rational.of(1, 2), ...around(ONE, 40), ...around(ONE, 3000)),
      fc.integer({ min: -16, max: 16 }).map((k) => Rational.of(k, 16)),
    );
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
          .chain(([m, n]) =>
            fc.tuple(vec(m), vec(n), fc.array(sv, { minLength: Math.min(m, n), maxLength: Math.min(m, n) })),
          ),
        ([u, v, s]) => {
          const w = withSingularValues(u, v, s);
          const truth = s.every((x) => x.abs().le(ONE));
          expect(spectralAtMostOne(w, psdBudget())).toBe(truth);
          expect(reference.spectralAtMostOne(w)).toBe(truth);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('random matrices scaled around norm 1: the same decision as the reference', () => {
    fc.assert(
      fc.property(
        fc.oneof(matrix(dyadic(20), 4), matrix(general, 4), matrix(float64, 3)),
        fc.constantFrom('1/2', '9/10', '1', '11/10', '2'),
        (m, c) => {
          const fro = reference.layerH(m, 1).frobeniusUpper;
          if (fro.isZero()) return;
          const w = scaleBy(m, Rational.parse(c).div(fro).mul(Rational.of(3, 2)));
          expect(spectralAtMostOne(w, psdBudget())).toBe(reference.spectralAtMostOne(w));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('boundary cases: norm exactly 1 with both cheap bounds above 1, a hair above, zero pivots', () => {
    const third = Rational.of(1, 3);
    const all = (n: number, x: Rational): Rational[][] =>
      Array.from({ length: n }, () => Array.from({ length: n }, () => x));
    expect(spectralAtMostOne(all(3, third), psdBudget())).toBe(true);
    expect(spectralAtMostOne(scaleBy(all(3, third), ONE.add(Rational.dyadic(1n, -200))), psdBudget())).toBe(false);
    const half = Rational.of(1, 2);
    expect(
      spectralAtMostOne(
        [
          [half, half],
          [half, half],
        ],
        psdBudget(),
      ),
    ).toBe(true);
    expect(
      spectralAtMostOne(
        [
          [ONE, Rational.ZERO],
          [Rational.ZERO, Rational.ZERO],
        ],
        psdBudget(),
      ),
    ).toBe(true);
    expect(
      spectralAtMostOne(
        [
          [ONE, half.neg()],
          [Rational.ZERO, half],
        ],
        psdBudget(),
      ),
    ).toBe(false);
    expect(spectralAtMostOne([[ONE, ONE]], psdBudget())).toBe(false);
    expect(spectralAtMostOne([[ONE.add(Rational.dyadic(1n, -FIXED_BITS))]], psdBudget())).toBe(false);
    expect(spectralAtMostOne([[Rational.of(-1)]], psdBudget())).toBe(true);
  });

  test('the exact test charges the budget, and refuses beyond it with the figures', () => {
    const third = Rational.of(1, 3);
    const w = Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => third));
    const budget = psdBudget();
    expect(budget).toEqual({ cost: 2.5e13, products: 2 ** 24 });
    expect(spectralAtMostOne(w, budget)).toBe(true);
    // n = 3, d = 3 (2 bits), m = 3: beta = 2 * 2 + 2 + 2 = 8, cost 3^5 * 64, 27 products
    expect(budget).toEqual({ cost: 2.5e13 - 243 * 64, products: 2 ** 24 - 27 });
    // a cheap decision costs nothing
    expect(spectralAtMostOne([[Rational.of(1, 2)]], budget)).toBe(true);
    expect(budget.cost).toBe(2.5e13 - 243 * 64);
    expect(() => spectralAtMostOne(w, { cost: 243 * 64 - 1, products: 100 })).toThrow(
      new BeyondCap(
        "the exact test of ||W||_2 <= 1 on a 3 x 3 layer (n = 3, 8-bit integers) costs n^5 beta^2 = 15552, beyond the 15551 left of the certificate's cap",
      ),
    );
    expect(spectralAtMostOne(w, { cost: 243 * 64, products: 27 })).toBe(true);
    expect(() => spectralAtMostOne(w, { cost: 1e9, products: 26 })).toThrow(
      "the exact test of ||W||_2 <= 1 on a 3 x 3 layer needs 27 products for its Gram matrix, beyond the 26 left of the certificate's cap",
    );
    const wide = [w[0] as Rational[], w[1] as Rational[]]; // 2 x 3: n = 2, m = 3
    expect(() => spectralAtMostOne(scaleBy(wide, Rational.of(3, 2)), { cost: 1e9, products: 11 })).toThrow(
      /on a 2 x 3 layer needs 12 products/,
    );
  });

  test('a row or a column of squared norm > 1 refutes before any exact work', () => {
    const f = Rational.of(4, 5);
    const none = { cost: 0, products: 0 };
    expect(spectralAtMostOne([[f, f]], none)).toBe(false);
    expect(spectralAtMostOne([[f], [f]], none)).toBe(false);
    const a = Rational.of(2, 3); // rows and columns of squared norm 8/9: the exact test is needed
    expect(() =>
      spectralAtMostOne(
        [
          [a, a],
          [a, a.neg()],
        ],
        none,
      ),
    ).toThrow(BeyondCap);
    // one row of two too long (the other zero), columns fine: still refuted at once
    expect(
      spectralAtMostOne(
        [
          [f, f],
          [Rational.ZERO, Rational.ZERO],
        ],
        none,
      ),
    ).toBe(false);
    expect(
      spectralAtMostOne(
        [
          [f, Rational.ZERO],
          [f, Rational.ZERO],
        ],
        none,
      ),
    ).toBe(false);
  });

  test('either cheap bound <= 1 decides without exact work', () => {
    const none = { cost: 0, products: 0 };
    const q = (x: string): Rational => Rational.parse(x);
    // ||W||_F^2 = 0.99 <= 1 < ||W||_1 ||W||_inf = 1.44
    expect(
      spectralAtMostOne(
        [
          [q('0.9'), q('0.3')],
          [q('0.3'), q('0')],
        ],
        none,
      ),
    ).toBe(true);
    // ||W||_1 ||W||_inf = 0.64 <= 1 < ||W||_F^2 = 1.28
    expect(
      spectralAtMostOne(
        [
          [q('0.8'), q('0')],
          [q('0'), q('0.8')],
        ],
        none,
      ),
    ).toBe(true);
  });

  test('costs print exactly below 10^7, with three digits from 10^7 on', () => {
    // five 2 x 2 blocks (2/3) [[1, 1], [1, -1]]: norm 0.94, both cheap bounds above 1, n = 10, d = 3,
    // beta = 2 * 2 + 4 + 2 = 10: cost exactly 10^5 * 10^2 = 10^7
    const a = Rational.of(2, 3);
    const w = Array.from({ length: 10 }, (_, r) =>
      Array.from({ length: 10 }, (_, j) =>
        r >> 1 !== j >> 1 ? Rational.ZERO : r % 2 === 1 && j % 2 === 1 ? a.neg() : a,
      ),
    );
    expect(() => spectralAtMostOne(w, { cost: 1e7 - 1, products: 1e6 }, 'layer 3: ')).toThrow(
      "layer 3: the exact test of ||W||_2 <= 1 on a 10 x 10 layer (n = 10, 10-bit integers) costs n^5 beta^2 = 1.00e+7, beyond the 9999999 left of the certificate's cap",
    );
    expect(spectralAtMostOne(w, { cost: 1e7, products: 1e6 })).toBe(true);
  });

  test('a common denominator beyond 4096 bits is refused, and a dyadic one is the largest denominator', () => {
    // c [[1, 1], [1, -1]] with c an odd multiple of 2^-4096 (refused) or 2^-4095 (decided)
    const odd = (k: number): Rational => Rational.dyadic(isqrt(1n << BigInt(2 * k - 1)) | 1n, -k);
    const pair = (c: Rational): Rational[][] => [
      [c, c],
      [c, c.neg()],
    ];
    expect(() => spectralAtMostOne(pair(odd(4096)), psdBudget())).toThrow(/which has more than 4096 bits$/);
    expect(spectralAtMostOne(pair(odd(4095)), psdBudget())).toBe(reference.spectralAtMostOne(pair(odd(4095))));
    const big = (k: number): Rational => Rational.of(1n, 2n ** BigInt(k) + 1n);
    const third = Rational.of(1, 3);
    const w = [
      [third, third, third],
      [third, third, third],
      [third, third, third.add(big(4097))],
    ];
    expect(() => spectralAtMostOne(w, psdBudget())).toThrow(
      'the exact test of ||W||_2 <= 1 on a 3 x 3 layer needs the common denominator of its weights, which has more than 4096 bits',
    );
    // c [[1, 1], [1, -1]] with c just below 1/sqrt(2), a 4000-bit dyadic: norm < 1, both cheap bounds ~ 2
    const c = Rational.dyadic(isqrt(1n << 7999n), -4000);
    const m = [
      [c, c],
      [c, c.neg()],
    ];
    expect(() => spectralAtMostOne(m, { cost: 2e9, products: 10 })).toThrow(
      /\(n = 2, 8002-bit integers\) costs n\^5 beta\^2 = 2\.05e\+9, beyond the 2\.00e\+9 left/,
    );
    expect(spectralAtMostOne(m, { cost: 1e12, products: 10 })).toBe(true);
    expect(reference.spectralAtMostOne(m)).toBe(true);
  });
});

describe('kernel/stated.ts against constructions/width.ts', () => {
  const epsArb = fc
    .tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: -30, max: 5 }))
    .map(([m, e]) =>
      Rational.of(m, 100).mul(e >= 0 ? Rational.of(10n ** BigInt(e)) : Rational.of(1n, 10n ** BigInt(-e))),
    );
  const deltaArb = fc
    .tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 300 }))
    .map(([m, e]) => Rational.of(BigInt(m), 10n ** BigInt(e)));
  const shapeArb = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 5 });

  test('the same eta and pools for random shapes, eps, delta, constructions and hypotheses', () => {
    fc.assert(
      fc.property(
        shapeArb,
        epsArb,
        deltaArb,
        fc.constantFrom(...CONSTRUCTIONS),
        fc.boolean(),
        (widths, eps, delta, construction, hprime) => {
          let ref: ReturnType<typeof statedWidth> | null = null;
          try {
            ref = statedWidth({ widths, eps, delta, construction, hprime });
          } catch {
            ref = null;
          }
          const mine = statedFor(construction, widths, eps, delta, hprime);
          if (ref === null) expect(mine).toBeNull();
          else {
            expect(mine).not.toBeNull();
            expect(mine?.eta.eq(ref.eta)).toBe(true);
            expect(mine?.pool).toEqual(ref.pool);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('no stated width outside the inputs construct accepts, exactly at their ends', () => {
    const w = [2, 3, 1];
    const d = Rational.parse('1e-9');
    const e = Rational.parse('1/10');
    for (const c of CONSTRUCTIONS) {
      // below about 1e-19 eta rounds to 0 (construct refuses eps < 1e-30 and 'eta rounds to 0')
      expect(statedFor(c, w, Rational.parse('1e-30'), d, false)).toBeNull();
      expect(() => statedWidth({ widths: w, eps: Rational.parse('1e-30'), delta: d, construction: c })).toThrow(
        /eta rounds to 0/,
      );
      expect(statedFor(c, w, Rational.parse('1e-17'), d, false)).not.toBeNull();
      expect(statedFor(c, w, Rational.of(1_000_000), d, false)).not.toBeNull();
      expect(statedFor(c, w, Rational.of(1_000_000).add(Rational.parse('1e-9')), d, false)).toBeNull();
      expect(statedFor(c, w, e, Rational.parse('1e-300'), false)).not.toBeNull();
      expect(statedFor(c, w, e, Rational.parse('1e-300').sub(Rational.parse('1e-320')), false)).toBeNull();
      expect(statedFor(c, w, e, Rational.parse('999/1000'), false)).not.toBeNull();
      expect(statedFor(c, w, e, ONE, false)).toBeNull();
      expect(statedFor(c, w, e, Rational.parse('2'), false)).toBeNull();
    }
  });

  test('eta = 1 exactly (eps = e (1 + 1e-25) - 1 on one weight): the chance integrates F from 0', () => {
    const eps = Rational.parse('1.71828182845904523536028774318084534366177062972870671023321740');
    const ref = statedWidth({ widths: [1, 1], eps, delta: Rational.parse('1e-9'), construction: 'product' });
    expect(ref.eta.toString()).toBe('1');
    const mine = statedFor('product', [1, 1], eps, Rational.parse('1e-9'), false);
    expect(mine?.eta.toString()).toBe('1');
    expect(mine?.pool).toEqual(ref.pool);
  });

  test("H' changes the product pools only, and only for fan-in above 1", () => {
    const eps = Rational.parse('1/10');
    const delta = Rational.parse('1e-9');
    for (const c of ['pair', 'shared'] as const)
      expect(statedFor(c, [4, 3, 1], eps, delta, true)).toEqual(statedFor(c, [4, 3, 1], eps, delta, false));
    const h = statedFor('product', [4, 3, 1], eps, delta, false);
    const hp = statedFor('product', [4, 3, 1], eps, delta, true);
    expect(hp?.eta.eq(h?.eta as Rational)).toBe(true);
    expect((hp?.pool[0] as bigint) < (h?.pool[0] as bigint)).toBe(true);
    expect(statedFor('product', [1, 1], eps, delta, true)).toEqual(statedFor('product', [1, 1], eps, delta, false));
  });
});

describe('kernel/rules.ts against constructions/rules.ts', () => {
  const unit = fc.noBias(fc.integer({ min: -(2 ** 20), max: 2 ** 20 })).map((k) => Rational.of(k, 2 ** 20));
  const etaArb = fc.constantFrom('1/1000', '1/64', '1/10', '1/2', '3').map((e) => Rational.parse(e));
  /** u, v near the values each rule wants, and exactly at distance eta sometimes. */
  const near = (target: Rational, eta: Rational): fc.Arbitrary<Rational> =>
    fc.oneof(
      unit,
      fc.constantFrom(target.add(eta), target.sub(eta), target.add(eta).add(Rational.dyadic(1n, -60)), target),
      unit.map((x) => target.add(x.mul(eta).mul(Rational.of(3, 2)))),
    );

  test('a side qualifies for the kernel iff the constructions rule says so (exact boundaries included)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CONSTRUCTIONS),
        fc.constantFrom('plus' as const, 'minus' as const),
        unit,
        etaArb,
        fc.boolean(),
        (construction, side, w, eta, flip) =>
          fc.assert(
            fc.property(
              construction === 'shared'
                ? near(side === 'plus' ? ONE : ONE.neg(), eta)
                : near(side === 'plus' ? w : w.neg(), eta),
              construction === 'pair'
                ? near(side === 'plus' ? ONE : ONE.neg(), eta)
                : near(side === 'plus' ? w : w.neg(), eta),
              (a, b) => {
                const [u, v] = flip ? [a, b] : [a, b];
                const rule = RULES[construction];
                const ok = side === 'plus' ? rule.plusExact(u, v, w, eta) : rule.minusExact(u, v, w, eta);
                expect(ruleBreak(construction, side, u, v, w, eta) === null).toBe(ok);
              },
            ),
            { numRuns: 20 },
          ),
      ),
      { numRuns: 60 },
    );
  });

  test('the first broken inequality is named, with its value rounded down', () => {
    const eta = Rational.parse('1/10');
    const w = Rational.parse('1/2');
    const q = (s: string): Rational => Rational.parse(s);
    expect(ruleBreak('pair', 'plus', q('0.5'), q('0.95'), w, eta)).toBeNull();
    expect(ruleBreak('pair', 'plus', q('0.75'), q('0.5'), w, eta)).toBe('|u - w| = 2.5000000e-1 > eta');
    expect(ruleBreak('pair', 'plus', q('0.5'), q('0.5'), w, eta)).toBe('|v - 1| = 5.0000000e-1 > eta');
    expect(ruleBreak('pair', 'minus', q('-0.5'), q('-0.85'), w, eta)).toBe('|v + 1| = 1.5000000e-1 > eta');
    expect(ruleBreak('pair', 'minus', q('0.5'), q('-1'), w, eta)).toBe('|u + w| = 1.0000000e0 > eta');
    expect(ruleBreak('shared', 'plus', q('0.8'), q('0.5'), w, eta)).toBe('|u - 1| = 2.0000000e-1 > eta');
    expect(ruleBreak('shared', 'plus', q('1'), q('0.7'), w, eta)).toBe('|v - w| = 2.0000000e-1 > eta');
    expect(ruleBreak('shared', 'minus', q('-1'), q('-0.3'), w, eta)).toBe('|v + w| = 2.0000000e-1 > eta');
    expect(ruleBreak('shared', 'minus', q('-0.7'), q('-0.5'), w, eta)).toBe('|u + 1| = 3.0000000e-1 > eta');
    expect(ruleBreak('product', 'plus', q('0'), q('1'), w, eta)).toBe('u = 0 is not > 0');
    expect(ruleBreak('product', 'minus', q('0'), q('1'), w, eta)).toBe('u = 0 is not < 0');
    expect(ruleBreak('product', 'minus', q('0.5'), q('1'), w, eta)).toBe('u = 5.0000000e-1 is not < 0');
    expect(ruleBreak('product', 'plus', q('-0.5'), q('-1'), w, eta)).toBe('u = -5.0000000e-1 is not > 0');
    expect(ruleBreak('product', 'plus', q('0.5'), q('0.5'), w, eta)).toBe('|u v - w| = 2.5000000e-1 > eta');
    expect(ruleBreak('product', 'minus', q('-0.5'), q('-0.8'), w, eta)).toBeNull();
    expect(ruleBreak('product', 'minus', q('-0.5'), q('-1.2'), w, eta)).toBeNull();
    expect(ruleBreak('product', 'minus', q('-0.5'), q('-1.3'), w, eta)).toBe('|u v - w| = 1.5000000e-1 > eta');
    expect(ruleBreak('pair', 'plus', q('1/3'), q('1'), w, eta)).toBe('|u - w| = 1.6666666e-1 > eta');
  });
});

describe('kernel/weights.ts (seedrandom, batched) against the scheme', () => {
  test('every address reads the weight weightFloat gives, in the order asked', () => {
    const address = fc.record({
      layer: fc.integer({ min: 1, max: 4 }),
      row: fc.oneof(fc.integer({ min: 0, max: 9000 }), fc.constantFrom(4095, 4096, 8191, 10 ** 12)),
      col: fc.oneof(fc.integer({ min: 0, max: 9000 }), fc.constantFrom(0, 4095, 4096)),
    });
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{1,6}$/), fc.array(address, { maxLength: 12 }), (seed, list) => {
        const twice = [...list, ...list.slice(0, 3)];
        const got = readWeights(seed, twice);
        expect(got.length).toBe(twice.length);
        twice.forEach((a, i) => expect(got[i]).toBe(weightFloat(seed, a.layer, a.row, a.col)));
      }),
      { numRuns: 40 },
    );
  });

  test('a whole block read in shuffled order equals the Xor4096 cursor', () => {
    const positions = Array.from({ length: 600 }, (_, i) => (i * 7919) % 4200);
    const got = readWeights(
      'blk',
      positions.map((p) => ({ layer: 3, row: p, col: 2 })),
    );
    const cursor = new Cursor('blk', 3, 2, 0);
    const line = Array.from({ length: 4200 }, () => cursor.next());
    positions.forEach((p, i) => expect(got[i]).toBe(line[p]));
    const even = readWeights('blk', [
      { layer: 2, row: 5, col: 4097 },
      { layer: 2, row: 5, col: 1 },
    ]);
    const c2 = new Cursor('blk', 2, 5, 0);
    const l2 = Array.from({ length: 4098 }, () => c2.next());
    expect([...even]).toEqual([l2[4097], l2[1]]);
  });
});
