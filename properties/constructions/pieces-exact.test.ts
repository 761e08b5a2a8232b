/**
 * The small pieces of the constructions, each against hand values or an independent derivation:
 * the qualifying rules at their exact boundaries (|x - y| = eta qualifies, eta + 2^-60 does not)
 * and the float prefilter's margin, the gadget's error coefficient and value on every sign case,
 * the norms and the Lemma 4 chain (closed form prod(s_i + a_i) - prod(s_i)), and the product
 * construction's per-candidate probability against a 100-digit evaluation of its integral.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';
import { MARGIN, RULES } from '../../src/constructions/rules.js';
import { gadgetError, gadgetValue, type GadgetWeights } from '../../src/constructions/gadget.js';
import { spectralUpper } from '../../src/network/norms.js';
import { lemma4Chain, weightNormUpper, type LayerBound } from '../../src/theory/lemma4.js';
import { productProbabilityBracket, productProbabilityLower } from '../../src/theory/candidate-probability.js';

const R = (s: string): Rational => Rational.parse(s);
const tiny = Rational.dyadic(1n, -60);

describe('qualifying rules: exact boundaries', () => {
  const eta = R('1/8');
  const w = R('3/8');
  const near = (centre: Rational): Rational[] => [centre, centre.add(eta), centre.sub(eta)];
  const far = (centre: Rational): Rational[] => [centre.add(eta).add(tiny), centre.sub(eta).sub(tiny)];

  it('pair: + side u ~ w, v ~ 1; - side u ~ -w, v ~ -1', () => {
    const r = RULES.pair;
    for (const u of near(w)) for (const v of near(Rational.ONE)) expect(r.plusExact(u, v, w, eta)).toBe(true);
    for (const u of far(w)) expect(r.plusExact(u, Rational.ONE, w, eta)).toBe(false);
    for (const v of far(Rational.ONE)) expect(r.plusExact(w, v, w, eta)).toBe(false);
    for (const u of near(w.neg()))
      for (const v of near(Rational.MINUS_ONE)) expect(r.minusExact(u, v, w, eta)).toBe(true);
    for (const u of far(w.neg())) expect(r.minusExact(u, Rational.MINUS_ONE, w, eta)).toBe(false);
    for (const v of far(Rational.MINUS_ONE)) expect(r.minusExact(w.neg(), v, w, eta)).toBe(false);
    // the sides do not mix
    expect(r.plusExact(w.neg(), Rational.MINUS_ONE, w, eta)).toBe(false);
    expect(r.minusExact(w, Rational.ONE, w, eta)).toBe(false);
  });

  it('shared: + side u ~ 1, v ~ w; - side u ~ -1, v ~ -w', () => {
    const r = RULES.shared;
    for (const u of near(Rational.ONE)) for (const v of near(w)) expect(r.plusExact(u, v, w, eta)).toBe(true);
    for (const u of far(Rational.ONE)) expect(r.plusExact(u, w, w, eta)).toBe(false);
    for (const v of far(w)) expect(r.plusExact(Rational.ONE, v, w, eta)).toBe(false);
    for (const u of near(Rational.MINUS_ONE))
      for (const v of near(w.neg())) expect(r.minusExact(u, v, w, eta)).toBe(true);
    for (const u of far(Rational.MINUS_ONE)) expect(r.minusExact(u, w.neg(), w, eta)).toBe(false);
    for (const v of far(w.neg())) expect(r.minusExact(Rational.MINUS_ONE, v, w, eta)).toBe(false);
    expect(r.plusExact(Rational.MINUS_ONE, w.neg(), w, eta)).toBe(false);
    expect(r.minusExact(Rational.ONE, w, w, eta)).toBe(false);
  });

  it('product: the sign of u picks the side (u = 0 qualifies for neither), u v ~ w', () => {
    const r = RULES.product;
    const u = R('1/2');
    for (const v of [w.div(u), w.add(eta).div(u), w.sub(eta).div(u)]) {
      expect(r.plusExact(u, v, w, eta)).toBe(true);
      expect(r.minusExact(u.neg(), v.neg(), w, eta)).toBe(true);
      expect(r.minusExact(u, v, w, eta)).toBe(false);
      expect(r.plusExact(u.neg(), v.neg(), w, eta)).toBe(false);
    }
    for (const v of [w.add(eta).add(tiny).div(u), w.sub(eta).sub(tiny).div(u)]) {
      expect(r.plusExact(u, v, w, eta)).toBe(false);
      expect(r.minusExact(u.neg(), v.neg(), w, eta)).toBe(false);
    }
    // w = 0 with u = 0: |u v - w| = 0 <= eta, but u is neither positive nor negative
    expect(r.plusExact(Rational.ZERO, Rational.ONE, Rational.ZERO, eta)).toBe(false);
    expect(r.minusExact(Rational.ZERO, Rational.ONE, Rational.ZERO, eta)).toBe(false);
    expect(r.plusFloat(0, 1, 0, 0.125)).toBe(false);
    expect(r.minusFloat(0, 1, 0, 0.125)).toBe(false);
  });

  it('float prefilters: relaxed by exactly MARGIN = 1e-9 on each test, boundary included', () => {
    expect(MARGIN).toBe(1e-9);
    // eta chosen so that eta + MARGIN is a short dyadic X: then every deviation below is exact
    const X = [0.125, 0.25, 0.375, 0.1875, 0.3125, 0.0625].find((x) => x - MARGIN + MARGIN === x);
    if (X === undefined) throw new Error('test setup: no exact boundary found');
    const e = X - MARGIN;
    const w0 = 0.25;
    const cases: [string, (d1: number, d2: number) => [number, number, boolean, boolean]][] = [
      // [u, v, plus expected?, minus expected?] around each rule's centres
      ['pair', (d1, d2) => [w0 + d1, 1 + d2, true, false]],
      ['pair', (d1, d2) => [-w0 - d1, -1 - d2, false, true]],
      ['shared', (d1, d2) => [1 + d1, w0 + d2, true, false]],
      ['shared', (d1, d2) => [-1 - d1, -w0 - d2, false, true]],
    ];
    const inside = e + MARGIN / 2;
    const outside = X + 2 ** -40;
    for (const [name, make] of cases) {
      const r = RULES[name as 'pair' | 'shared'];
      for (const [d1, d2, ok] of [
        [inside, 0, true],
        [-inside, 0, true],
        [0, inside, true],
        [0, -inside, true],
        [X, 0, true],
        [-X, 0, true],
        [0, X, true],
        [0, -X, true],
        [outside, 0, false],
        [-outside, 0, false],
        [0, outside, false],
        [0, -outside, false],
        [outside, outside, false],
      ] as [number, number, boolean][]) {
        const [u, v, plus, minus] = make(d1, d2);
        expect(r.plusFloat(u, v, w0, e)).toBe(plus && ok);
        expect(r.minusFloat(u, v, w0, e)).toBe(minus && ok);
      }
    }
    const p = RULES.product;
    for (const [d, ok] of [
      [inside, true],
      [-inside, true],
      [X, true],
      [-X, true],
      [outside, false],
      [-outside, false],
    ] as [number, boolean][]) {
      expect(p.plusFloat(0.5, 2 * (w0 + d), w0, e)).toBe(ok);
      expect(p.minusFloat(-0.5, -2 * (w0 + d), w0, e)).toBe(ok);
      expect(p.minusFloat(0.5, 2 * (w0 + d), w0, e)).toBe(false);
      expect(p.plusFloat(-0.5, -2 * (w0 + d), w0, e)).toBe(false);
    }
  });

  it('the prefilter never rejects a candidate the exact rule accepts (random candidates near the centres)', () => {
    const names = ['pair', 'shared', 'product'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        (name, a, b, c) => {
          const r = RULES[name];
          const w1 = Rational.of(c, 1000);
          const e = R('1/64');
          const u = Rational.of(a, 1000);
          const v = Rational.of(b, 1000);
          if (r.plusExact(u, v, w1, e))
            expect(r.plusFloat(u.toNumber(), v.toNumber(), w1.toNumber(), e.toNumber())).toBe(true);
          if (r.minusExact(u, v, w1, e))
            expect(r.minusFloat(u.toNumber(), v.toNumber(), w1.toNumber(), e.toNumber())).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the gadget: e = max(|g(1) - w|, |g(-1) + w|) and |g(y) - w y| <= e |y|', () => {
  const g = (uPlus: string, vPlus: string, uMinus: string, vMinus: string): GadgetWeights => ({
    uPlus: R(uPlus),
    vPlus: R(vPlus),
    uMinus: R(uMinus),
    vMinus: R(vMinus),
  });

  it('hand cases over every sign pattern of u+ and u-', () => {
    // exact gadget
    expect(gadgetError(R('1/2'), g('1/2', '1', '-1/2', '-1')).toString()).toBe('0');
    // u+ > 0 > u-: right |3/8 - 1/3| = 1/24, left |-1/2 + 1/3| = 1/6
    expect(gadgetError(R('1/3'), g('3/4', '1/2', '-1/4', '-2')).toString()).toBe('1/6');
    // both positive: right |1/2 + 1/4 - 0| = 3/4, left 0
    expect(gadgetError(R('0'), g('1/2', '1', '1/4', '1')).toString()).toBe('3/4');
    // both negative: right |0 - 1/8| = 1/8, left |1/2 - 1/4 + 1/8| = 3/8
    expect(gadgetError(R('1/8'), g('-1/2', '1', '-1/4', '-1')).toString()).toBe('3/8');
    // u+ < 0 < u-: right |2 * 1/4 - (-1/2)| = 1, left |3 * 1/3 + (-1/2)| = 1/2
    expect(gadgetError(R('-1/2'), g('-1/3', '3', '1/4', '2')).toString()).toBe('1');
    // zeros: units that never fire leave |w| on both sides
    expect(gadgetError(R('-3/5'), g('0', '7', '0', '-7')).toString()).toBe('3/5');
  });

  it('gadgetValue on hand cases', () => {
    const h = g('3/4', '1/2', '-1/4', '-2');
    expect(gadgetValue(h, R('1')).toString()).toBe('3/8');
    expect(gadgetValue(h, R('-1')).toString()).toBe('-1/2');
    expect(gadgetValue(h, R('2')).toString()).toBe('3/4');
    expect(gadgetValue(h, R('-4')).toString()).toBe('-2');
    expect(gadgetValue(h, R('0')).toString()).toBe('0');
    expect(gadgetValue(g('1/2', '1', '1/4', '1'), R('-3')).toString()).toBe('0');
  });

  it('random gadgets: the coefficient is attained at y = +-1 and bounds every y', () => {
    const q = fc.integer({ min: -64, max: 64 }).map((k) => Rational.of(k, 32));
    fc.assert(
      fc.property(q, q, q, q, q, q, (uPlus, vPlus, uMinus, vMinus, w, y) => {
        const h = { uPlus, vPlus, uMinus, vMinus };
        const e = gadgetError(w, h);
        const at1 = gadgetValue(h, Rational.ONE).sub(w).abs();
        const atM1 = gadgetValue(h, Rational.MINUS_ONE).add(w).abs();
        expect(e).toEqualRational(Rational.max(at1, atM1));
        expect(gadgetValue(h, y).sub(w.mul(y)).abs()).toBeLessOrEqual(e.mul(y.abs()));
      }),
      { numRuns: 300 },
    );
  });
});

describe('bounds: norms and the Lemma 4 chain', () => {
  it('spectralUpper is the smaller of the Frobenius and sqrt(||E||_1 ||E||_inf) bounds', () => {
    expect(spectralUpper([[R('1/64')]]).toString()).toBe('1/64');
    expect(spectralUpper([[R('-1/64')]]).toString()).toBe('1/64');
    expect(spectralUpper([[R('0'), R('0')]]).toString()).toBe('0');
    // one row (3/10, 4/10): Frobenius 1/2 exactly, row-col sqrt(4/10 * 7/10) = 0.529
    expect(spectralUpper([[R('3/10'), R('4/10')]]).toString()).toBe('1/2');
    // diagonal 1/4: row-col 1/4 exactly, Frobenius sqrt(2)/4
    expect(
      spectralUpper([
        [R('1/4'), R('0')],
        [R('0'), R('1/4')],
      ]).toString(),
    ).toBe('1/4');
  });

  it('weightNormUpper is exactly 1 when ||W||_2 <= 1, else a certified upper bound', () => {
    expect(weightNormUpper([[R('1/2')]]).toString()).toBe('1');
    expect(weightNormUpper([[R('3/5'), R('4/5')]]).toString()).toBe('1');
    expect(weightNormUpper([[R('2')]]).toString()).toBe('2');
    const s = weightNormUpper([[R('1'), R('1')]]); // sqrt 2
    expect(s.mul(s)).toBeGreaterOrEqual(R('2'));
    expect(s).toBeBelow(R('1.4142136'));
  });

  it('lemma4Chain: hand values and the closed form prod(s_i + a_i) - prod(s_i)', () => {
    const L = (a: string, s: string, layer = 1): LayerBound => ({ layer, a: R(a), s: R(s) });
    expect(lemma4Chain([]).toString()).toBe('0');
    expect(lemma4Chain([L('1/10', '1')]).toString()).toBe('1/10');
    expect(lemma4Chain([L('1/10', '1'), L('1/5', '2', 2)]).toString()).toBe('21/50');
    expect(lemma4Chain([L('1/10', '2'), L('1/10', '3', 2), L('1/10', '1', 3)]).toString()).toBe('1161/1000');
    const q = fc.integer({ min: 0, max: 40 }).map((k) => Rational.of(k, 16));
    fc.assert(
      fc.property(fc.array(fc.tuple(q, q), { minLength: 1, maxLength: 5 }), (pairs) => {
        const layers = pairs.map(([a, s], i) => ({ layer: i + 1, a, s }));
        const prodSA = pairs.reduce((acc, [a, s]) => acc.mul(s.add(a)), Rational.ONE);
        const prodS = pairs.reduce((acc, [, s]) => acc.mul(s), Rational.ONE);
        expect(lemma4Chain(layers)).toEqualRational(prodSA.sub(prodS));
      }),
      { numRuns: 100 },
    );
  });
});

describe('product construction: per-candidate probability p(w)', () => {
  const D = Decimal.clone({ precision: 100 });
  const dec = (q: Rational): Decimal => new D(q.toDecimal(110, 'nearest'));
  /** (1/4) * integral over [|w| - eta, |w| + eta] cap [-1, 1] of ln(1/|z|), via G(t) = t (1 - ln |t|). */
  function reference(w: Rational, eta: Rational): Decimal {
    const x = dec(w.abs());
    const e = dec(eta);
    const a = D.max(x.sub(e), -1);
    const b = D.min(x.add(e), 1);
    const G = (t: Decimal): Decimal => (t.isZero() ? new D(0) : t.mul(new D(1).sub(t.abs().ln())));
    return G(b).sub(G(a)).div(4);
  }
  const contains = (w: Rational, eta: Rational): void => {
    const br = productProbabilityBracket(w, eta);
    const ref = reference(w, eta);
    const slack = new D('1e-90');
    expect(dec(br.lower).lte(ref.add(slack))).toBe(true);
    expect(dec(br.upper).gte(ref.sub(slack))).toBe(true);
    expect(br.upper.sub(br.lower)).toBeBelow(R('1e-50'));
    expect(br.lower.sign()).toBeGreaterThanOrEqual(0);
  };

  it('brackets the exact integral in every regime (a >= 0, a < 0, a = 0, clipped at +-1)', () => {
    const cases: [string, string][] = [
      ['1', '1/100'], // a >= 0, b clipped at 1
      ['1/2', '1/100'], // a >= 0, interior
      ['-1/2', '1/100'], // sign of w irrelevant
      ['1/200', '1/100'], // a < 0: the interval straddles 0
      ['0', '1/100'],
      ['1/4', '1/4'], // a = 0 exactly
      ['0', '3'], // clipped at both ends: p = (1/4) * 2
      ['9/10', '1/2'],
    ];
    for (const [w, eta] of cases) contains(R(w), R(eta));
    const full = productProbabilityBracket(R('0'), R('3'));
    expect(full.lower).toBeLessOrEqual(R('1/2'));
    expect(full.upper).toBeGreaterOrEqual(R('1/2'));
    expect(full.lower).toBeAbove(R('0.4999999999'));
  });

  it('a crude independent check: the midpoint rule agrees to 1e-4', () => {
    for (const [w, eta] of [
      ['0.3', '0.05'],
      ['0.02', '0.05'],
    ] as const) {
      const x = Number(w);
      const e = Number(eta);
      const a = Math.max(x - e, -1);
      const b = Math.min(x + e, 1);
      const n = 200_000;
      let s = 0;
      for (let i = 0; i < n; i++) {
        const z = a + ((i + 0.5) * (b - a)) / n;
        s += -Math.log(Math.abs(z));
      }
      const mid = (s * (b - a)) / n / 4;
      const br = productProbabilityBracket(R(w), R(eta));
      expect(Math.abs(br.lower.toNumber() - mid)).toBeLessThan(1e-4 * mid + 1e-6);
    }
  });

  it('symmetric in w, decreasing in |w|, and the lower bound is what the width uses', () => {
    const eta = R('1/50');
    expect(productProbabilityBracket(R('-3/10'), eta)).toEqual(productProbabilityBracket(R('3/10'), eta));
    let prev = productProbabilityBracket(R('0'), eta);
    for (let k = 1; k <= 20; k++) {
      const cur = productProbabilityBracket(Rational.of(k, 20), eta);
      expect(cur.upper).toBeBelow(prev.lower);
      prev = cur;
    }
    expect(productProbabilityLower(R('7/10'), eta)).toEqual(productProbabilityBracket(R('7/10'), eta).lower);
    // p(1) ~ eta^2 / 8 for small eta (F(1) - F(1 - eta) ~ eta^2 / 2)
    const p1 = productProbabilityLower(Rational.ONE, R('1/100')).toNumber();
    expect(Math.abs(p1 / (1e-4 / 8) - 1)).toBeLessThan(0.01);
  });

  it('never negative, even when the probability is far below the bracket precision', () => {
    const br = productProbabilityBracket(Rational.ONE, R('1e-40'));
    expect(br.lower.sign()).toBeGreaterThanOrEqual(0);
    expect(br.upper).toBeAbove(br.lower);
  });
});
