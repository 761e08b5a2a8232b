/**
 * Stated widths (src/constructions/width.ts) against independent computations: the input checks
 * at their boundaries, the tolerance eta characterised by its defining inequality (c(eta) S <= L
 * and maximal to 64 bits), the pool size k as ceil(ln(2 N_w / delta) / p), G widths, counts,
 * depth, and the union-bound failure probability (exact for short pools, bracketed otherwise).
 */
import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { certify } from '../../src/constructions/certify.js';
import { checkIssuedCertificate } from '../../src/kernel/issued.js';
import { InputError } from '../../src/errors.js';
import { Rational } from '../../src/numeric/rational.js';
import { lnLower, lnUpper, sqrtLower, sqrtUpper } from '../../src/numeric/certified.js';
import { gWidthsFor, scalePools, statedWidth } from '../../src/theory/stated-width.js';
import { powOneMinusUpper } from '../../src/numeric/certified.js';
import { checkTheoremInputs } from '../../src/theory/inputs.js';
import { ETA_BITS, cOfEta, certifiedEta, layerWeights, sUpper } from '../../src/theory/eta.js';
import { CONSTRUCTIONS, type ConstructionName } from '../../src/theory/construction-name.js';
import { productProbabilityLower } from '../../src/theory/candidate-probability.js';

const R = (s: string): Rational => Rational.parse(s);
const inputError = (f: () => unknown, message: string): void => {
  expect(f).toThrow(InputError);
  expect(f).toThrow(message);
};

describe('checkTheoremInputs: each bound at its boundary', () => {
  const ok = (w: number[], eps: string, delta: string): void =>
    expect(() => checkTheoremInputs(w, R(eps), R(delta))).not.toThrow();
  it('widths', () => {
    inputError(() => checkTheoremInputs([3], R('0.1'), R('0.1')), 'a target needs at least one layer');
    inputError(() => checkTheoremInputs([], R('0.1'), R('0.1')), 'a target needs at least one layer');
    inputError(() => checkTheoremInputs([2, 0], R('0.1'), R('0.1')), 'layer widths must be positive integers, got 0');
    inputError(
      () => checkTheoremInputs([1.5, 2], R('0.1'), R('0.1')),
      'layer widths must be positive integers, got 1.5',
    );
    inputError(() => checkTheoremInputs([2, -1], R('0.1'), R('0.1')), 'layer widths must be positive integers, got -1');
    ok([1, 1], '0.1', '0.1');
  });
  it('eps in [1e-30, 1e6]', () => {
    inputError(() => checkTheoremInputs([1, 1], R('0'), R('0.1')), 'eps must be > 0, got 0');
    inputError(() => checkTheoremInputs([1, 1], R('-1/2'), R('0.1')), 'eps must be > 0, got -1/2');
    ok([1, 1], '1000000', '0.1');
    const large = R('1000000').add(R('1e-9'));
    inputError(
      () => checkTheoremInputs([1, 1], large, R('0.1')),
      `eps is absurdly large (> 1e6): ${large.toScientific(6)}`,
    );
    ok([1, 1], '1e-30', '0.1');
    inputError(
      () => checkTheoremInputs([1, 1], R('9e-31'), R('0.1')),
      `eps is absurdly small (< 1e-30): ${R('9e-31').toScientific(6)}`,
    );
  });
  it('delta in [1e-300, 1)', () => {
    inputError(() => checkTheoremInputs([1, 1], R('0.1'), R('0')), 'delta must be in (0, 1), got 0');
    inputError(() => checkTheoremInputs([1, 1], R('0.1'), R('-1')), 'delta must be in (0, 1), got -1');
    inputError(() => checkTheoremInputs([1, 1], R('0.1'), R('1')), 'delta must be in (0, 1), got 1');
    ok([1, 1], '0.1', '999/1000');
    ok([1, 1], '0.1', '1e-300');
    inputError(
      () => checkTheoremInputs([1, 1], R('0.1'), R('9e-301')),
      `delta is absurdly small (< 1e-300): ${R('9e-301').toScientific(6)}`,
    );
  });
});

describe('small helpers', () => {
  it('layerWeights, sUpper, cOfEta, gWidthsFor on hand cases', () => {
    expect(layerWeights([2, 3, 1])).toEqual([6, 3]);
    expect(layerWeights([4])).toEqual([]);
    expect(layerWeights([1, 5, 7, 2])).toEqual([5, 35, 14]);
    expect(sUpper([4, 4, 1]).toString()).toBe('6');
    const s = sUpper([2, 3, 1]); // sqrt 6 + sqrt 3
    expect(s).toBeGreaterOrEqual(sqrtLower(R('6')).add(sqrtLower(R('3'))));
    expect(s.sub(R('4.1815405503520555')).abs()).toBeBelow(R('1e-15'));
    expect(cOfEta('pair', R('1/10')).toString()).toBe('21/100');
    expect(cOfEta('shared', R('1/3')).toString()).toBe('7/9');
    expect(cOfEta('product', R('1/3')).toString()).toBe('1/3');
    expect(gWidthsFor('pair', [2, 3, 1], [10n, 7n])).toEqual([2n, 60n, 3n, 21n, 1n]);
    expect(gWidthsFor('shared', [2, 3, 1], [10n, 7n])).toEqual([2n, 20n, 3n, 21n, 1n]);
    expect(gWidthsFor('product', [4, 1], [5n])).toEqual([4n, 20n, 1n]);
  });

  it('scalePools: rounds up, never below one unit, refuses factors <= 0', () => {
    expect(scalePools([1000n], R('0.001'))).toEqual([1n]);
    expect(scalePools([1000n, 3n], R('0.0001'))).toEqual([1n, 1n]);
    expect(scalePools([1001n, 10n], R('1/2'))).toEqual([501n, 5n]);
    expect(scalePools([7n], R('3'))).toEqual([21n]);
    expect(scalePools([0n, 4n], R('1'))).toEqual([1n, 4n]);
    inputError(() => scalePools([10n], R('0')), 'widthScale must be > 0, got 0');
    inputError(() => scalePools([10n], R('-1/4')), 'widthScale must be > 0, got -1/4');
  });

  it('powOneMinusUpper: exact up to k = 64, a tight certified upper bound beyond, 0 when p >= 1', () => {
    expect(powOneMinusUpper(R('1/2'), 3n).toString()).toBe('1/8');
    expect(powOneMinusUpper(R('1/2'), 0n).toString()).toBe('1');
    expect(powOneMinusUpper(R('1/2'), 64n)).toEqualRational(Rational.dyadic(1n, -64));
    expect(powOneMinusUpper(R('1'), 5n).toString()).toBe('0');
    expect(powOneMinusUpper(R('3/2'), 5n).toString()).toBe('0');
    expect(powOneMinusUpper(R('1'), 100n).toString()).toBe('0');
    expect(powOneMinusUpper(R('2'), 65n).toString()).toBe('0');
    expect(powOneMinusUpper(R('0'), 1000n)).toBeGreaterOrEqual(Rational.ONE);
    for (const k of [65n, 100n, 1000n]) {
      const exact = R('1/2').pow(Number(k));
      const up = powOneMinusUpper(R('1/2'), k);
      expect(up).toBeGreaterOrEqual(exact);
      expect(up.div(exact)).toBeBelow(R('1.000000000001'));
    }
    const big = powOneMinusUpper(R('1/1000'), 10_000n); // (0.999)^10000 = 4.517e-5
    expect(big.sub(R('4.5173345977e-5')).abs()).toBeBelow(R('1e-14'));
  });
});

describe('certifiedEta: the largest 64-bit dyadic with c(eta) S <= ln(1 + eps)', () => {
  const cases: [ConstructionName, number[], string][] = [
    ['pair', [1, 1], '0.1'],
    ['shared', [2, 3, 1], '0.5'],
    ['product', [2, 3, 1], '0.5'],
    ['product', [8, 8, 8, 1], '0.01'],
    ['pair', [3, 1], '2'],
  ];
  it.each(cases)('%s %j eps %s', (construction, widths, epsText) => {
    const eps = R(epsText);
    const eta = certifiedEta(construction, widths, eps);
    const step = Rational.dyadic(1n, -ETA_BITS);
    expect(eta.shift(ETA_BITS).isInteger()).toBe(true);
    expect(eta.sign()).toBe(1);
    // S bracketed independently; ln(1 + eps) bracketed
    const sLow = Rational.sum(layerWeights(widths).map((p) => sqrtLower(Rational.of(p))));
    const sHigh = Rational.sum(layerWeights(widths).map((p) => sqrtUpper(Rational.of(p))));
    const lnLow = lnLower(Rational.ONE.add(eps));
    const lnHigh = lnUpper(Rational.ONE.add(eps));
    const c = (x: Rational): Rational => (construction === 'product' ? x : x.mul(Rational.of(2).add(x)));
    expect(c(eta).mul(sHigh)).toBeLessOrEqual(lnLow);
    expect(c(eta.add(step).add(step)).mul(sLow)).toBeAbove(lnHigh);
    expect(cOfEta(construction, eta)).toEqualRational(c(eta));
  });

  it('pair and shared share eta; product eta = L/S is larger', () => {
    const w = [2, 3, 1];
    const a = certifiedEta('pair', w, R('0.1'));
    expect(certifiedEta('shared', w, R('0.1'))).toEqualRational(a);
    expect(certifiedEta('product', w, R('0.1'))).toBeAbove(a);
  });

  it('refuses an eps whose eta rounds to 0', () => {
    inputError(
      () => certifiedEta('pair', [1, 1], R('1e-25')),
      'eps too small for the width formulas (eta rounds to 0)',
    );
    inputError(
      () => certifiedEta('product', [1, 1], R('1e-25')),
      'eps too small for the width formulas (eta rounds to 0)',
    );
    expect(certifiedEta('product', [1, 1], R('1e-18')).sign()).toBe(1);
  });
});

describe('statedWidth: every figure against an independent computation', () => {
  const check = (
    construction: ConstructionName,
    widths: number[],
    epsText: string,
    deltaText: string,
    hprime = false,
  ): void => {
    const eps = R(epsText);
    const delta = R(deltaText);
    const s = statedWidth({ widths, eps, delta, construction, hprime });
    const l = widths.length - 1;
    const per = widths.slice(1).map((n, i) => n * (widths[i] as number));
    const nw = per.reduce((a, b) => a + b, 0);
    const usesHPrime = hprime && construction === 'product';
    expect(s.construction).toBe(construction);
    expect(s.hypothesis).toBe(usesHPrime ? "H'" : 'H');
    expect(s.eps).toBe(eps);
    expect(s.delta).toBe(delta);
    expect(s.L).toEqualRational(lnLower(Rational.ONE.add(eps)));
    expect(s.S).toEqualRational(sUpper(widths));
    expect(s.weights).toBe(nw);
    expect(s.targetParameters).toBe(nw);
    expect(s.eta).toEqualRational(certifiedEta(construction, widths, eps));
    expect(s.cEta).toEqualRational(cOfEta(construction, s.eta));
    // per-candidate probability
    const p = widths.slice(0, -1).map((nIn) => {
      if (construction !== 'product') return s.eta.mul(s.eta).div(Rational.of(4));
      const wMax = usesHPrime ? Rational.min(Rational.ONE, sqrtUpper(Rational.of(1, nIn))) : Rational.ONE;
      return productProbabilityLower(wMax, s.eta);
    });
    expect(s.pCandidate.map(String)).toEqual(p.map(String));
    // k = ceil(ln(2 N_w / delta) / p): k p >= ln(...) > (k - 1) p
    const logUp = lnUpper(Rational.of(2 * nw).div(delta));
    expect(s.pool).toEqual(p.map((pi) => logUp.div(pi).ceil()));
    s.pool.forEach((k, i) => {
      const pi = p[i] as Rational;
      expect(Rational.of(k).mul(pi)).toBeGreaterOrEqual(logUp);
      expect(
        Rational.of(k - 1n)
          .mul(pi)
          .lt(logUp),
      ).toBe(true);
    });
    // G widths, hidden units, parameters
    const g = [BigInt(widths[0] as number)];
    let hidden = 0n;
    let params = 0n;
    for (let i = 1; i <= l; i++) {
      const nIn = BigInt(widths[i - 1] as number);
      const nOut = BigInt(widths[i] as number);
      const m = construction === 'pair' ? (s.pool[i - 1] as bigint) * nIn * nOut : (s.pool[i - 1] as bigint) * nIn;
      g.push(m, nOut);
      hidden += m;
      params += m * (nIn + nOut);
    }
    expect(s.gWidths).toEqual(g);
    expect(s.hiddenUnits).toBe(hidden);
    expect(s.gParameters).toBe(params);
    expect(s.activeWeights).toBe(4 * nw);
    expect(s.activeWeightsExact).toBe(construction === 'pair');
    expect(s.depth).toBe(2 * l);
    // failure bound: sum_i 2 n_i n_{i-1} (1 - p_i)^k_i, certified from above, and <= delta
    const fb = per.reduce(
      (acc, count, i) => acc.add(powOneMinusUpper(p[i] as Rational, s.pool[i] as bigint).mul(Rational.of(2 * count))),
      Rational.ZERO,
    );
    const f = s.failureBound as Rational;
    expect(f).toBeGreaterOrEqual(fb);
    expect(f.sub(fb)).toBeLessOrEqual(Rational.dyadic(1n, -200));
    expect(f.shift(200).isInteger()).toBe(true);
    expect(f).toBeLessOrEqual(delta);
  };

  it.each([
    ['pair', [2, 3, 1], '0.1', '1e-9'],
    ['shared', [2, 3, 1], '0.1', '1e-9'],
    ['product', [2, 3, 1], '0.1', '1e-9'],
    ['pair', [1, 1], '0.5', '1/2'],
    ['product', [4, 2, 1], '0.25', '1e-6'],
    ['shared', [1, 4, 4, 2], '1', '0.01'],
  ] as [ConstructionName, number[], string, string][])('%s %j eps %s delta %s', (construction, widths, eps, delta) => {
    check(construction, widths, eps, delta);
  });

  it("H' (product only): larger p for wide inputs, so smaller pools; ignored by pair and shared", () => {
    check('product', [4, 2, 1], '0.25', '1e-6', true);
    check('product', [1, 2, 1], '0.25', '1e-6', true);
    check('pair', [4, 2, 1], '0.25', '1e-6', true);
    const h = statedWidth({ widths: [4, 2, 1], eps: R('0.25'), delta: R('1e-6'), construction: 'product' });
    const hp = statedWidth({
      widths: [4, 2, 1],
      eps: R('0.25'),
      delta: R('1e-6'),
      construction: 'product',
      hprime: true,
    });
    expect(hp.pool[0]! < h.pool[0]!).toBe(true);
    expect(hp.pCandidate[0]!.gt(h.pCandidate[0]!)).toBe(true);
    // n_0 = 1: 1/sqrt(1) = 1, so H' changes nothing there
    const one = statedWidth({
      widths: [1, 1],
      eps: R('0.25'),
      delta: R('1e-6'),
      construction: 'product',
      hprime: true,
    });
    expect(one.pool).toEqual(
      statedWidth({ widths: [1, 1], eps: R('0.25'), delta: R('1e-6'), construction: 'product' }).pool,
    );
    expect(
      statedWidth({ widths: [4, 2, 1], eps: R('0.25'), delta: R('1e-6'), construction: 'shared', hprime: true })
        .hypothesis,
    ).toBe('H');
  });

  it('a short pool: the failure bound is exact (k <= 64)', () => {
    // eps = 1e6 would make eta huge; pair's eta is capped at 1/2, so p = eta^2/4 = 1/16 and
    // k = ceil(16 ln 4) = 23, with the exact failure bound 2 (15/16)^23
    const pair = statedWidth({ widths: [1, 1], eps: R('1000000'), delta: R('1/2'), construction: 'pair' });
    expect(pair.eta).toEqualRational('1/2');
    expect(pair.pCandidate[0]!).toEqualRational('1/16');
    expect(pair.pool).toEqual([23n]);
    expect(pair.failureBound).toEqualRational(R('15/16').pow(23).mul(Rational.of(2)));
    const prod = statedWidth({ widths: [1, 1], eps: R('1000000'), delta: R('1/2'), construction: 'product' });
    const p = prod.pCandidate[0]!;
    expect(p).toBeLessOrEqual(R('1/2'));
    expect(p).toBeAbove(R('0.4999'));
    expect(prod.pool).toEqual([3n]); // ln 4 / p = 2.77
    const exact = Rational.ONE.sub(p).pow(3).mul(Rational.of(2));
    expect(prod.failureBound).toBeGreaterOrEqual(exact);
    expect((prod.failureBound as Rational).sub(exact)).toBeLessOrEqual(Rational.dyadic(1n, -200));
  });

  it('inputs are validated first', () => {
    inputError(
      () => statedWidth({ widths: [2], eps: R('0.1'), delta: R('0.1'), construction: 'pair' }),
      'a target needs at least one layer',
    );
    inputError(
      () => statedWidth({ widths: [2, 1], eps: R('0.1'), delta: R('1'), construction: 'pair' }),
      'delta must be in (0, 1), got 1',
    );
  });

  it('grows with the shape, shrinks with eps and delta (random shapes)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 4 }),
        fc.constantFrom(...CONSTRUCTIONS),
        fc.constantFrom('0.05', '0.2', '1'),
        (widths, construction, epsText) => {
          const eps = R(epsText);
          const a = statedWidth({ widths, eps, delta: R('1e-6'), construction });
          const looser = statedWidth({ widths, eps: eps.mul(Rational.of(2)), delta: R('1e-6'), construction });
          const surer = statedWidth({ widths, eps, delta: R('1e-12'), construction });
          a.pool.forEach((k, i) => {
            expect(looser.pool[i]! <= k).toBe(true);
            expect(surer.pool[i]! > k).toBe(true);
          });
          expect(a.failureBound).toBeLessOrEqual(R('1e-6'));
          expect(surer.failureBound).toBeLessOrEqual(R('1e-12'));
          expect(looser.eta).toBeAbove(a.eta);
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('eta of pair and shared stays below 1 (one unit never serves both sides)', () => {
  test('at a huge eps the pair and shared eta is capped at 1/2; product is not capped', () => {
    const eps = Rational.of(100);
    expect(certifiedEta('pair', [1, 1], eps)).toEqualRational('1/2');
    expect(certifiedEta('shared', [1, 1], eps)).toEqualRational('1/2');
    expect(certifiedEta('product', [1, 1], eps)).toBeAbove(1);
    // below the cap nothing changes
    expect(certifiedEta('pair', [1, 1], Rational.parse('0.1'))).toBeBelow('1/2');
  });

  test('regression: at eps = 100 the pair construction keeps two distinct units and the kernel accepts', () => {
    const target = { layers: [[[Rational.parse('53/256')]]] };
    const out = certify({
      target,
      seed: 'demo',
      eps: Rational.of(100),
      delta: Rational.parse('0.1'),
      construction: 'pair',
    });
    expect(out.result.ok).toBe(true);
    const g = out.result.gadgets[0];
    expect(g?.plus.unit).not.toBe(g?.minus.unit);
    expect(out.result.activeWeights).toBe(4);
    expect(checkIssuedCertificate(out.certificate as object).verdict).toBe('ACCEPT');
  });
});
