/**
 * The stated pool of construction D against exact characterisations: k is the least integer
 * >= C_D log2(2 N_w / min(eta, delta)) (decided in integers: x^p <= 2^(k q) < x^p 2^q for
 * C_D = p/q), the tolerance is the product construction's L/S bound, no union bound is claimed,
 * the calibrated constant is the committed calibration's, and `slth width` says "calibrated, not
 * proven" in text and JSON.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/numeric/rational.js';
import { gWidthsFor, statedWidth } from '../../src/theory/stated-width.js';
import { certifiedEta } from '../../src/theory/eta.js';
import { ceilCLog2, subsetActiveWeightsUpper, subsetPool, SUBSET_LUEKER_C } from '../../src/theory/subset-width.js';
import { InputError } from '../../src/errors.js';
import { runCli } from '../_support/cli.js';

const R = (s: string): Rational => Rational.parse(s);

/** C log2 x <= k, decided in integers (x = a/b > 1, C = p/q). */
function atMost(C: Rational, x: Rational, k: bigint): boolean {
  if (k < 0n) return false;
  return x.num ** C.num <= (1n << (k * C.den)) * x.den ** C.num;
}

describe('ceilCLog2: the least integer >= C log2 x', () => {
  it('is characterised exactly in integers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 2, max: 10 ** 6 }),
        fc.integer({ min: 1, max: 1000 }),
        (p, q, a, b) => {
          fc.pre(a > b);
          const C = Rational.of(p, q);
          const x = Rational.of(a, b);
          const k = ceilCLog2(C, x);
          expect(atMost(C, x, k)).toBe(true);
          expect(atMost(C, x, k - 1n)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('hits exact integers (x a power of two) on the nose', () => {
    expect(ceilCLog2(Rational.of(5, 2), Rational.of(16))).toBe(10n);
    expect(ceilCLog2(Rational.of(32, 3), Rational.of(8))).toBe(32n);
    expect(ceilCLog2(Rational.of(32, 3), Rational.of(1024))).toBe(107n); // 320/3 = 106.67
  });
  it('decides in integers when C log2 x is closer to an integer than the brackets can tell', () => {
    // x = 2^10 (1 -+ 2^-400): C log2 x = 10 -+ 2^-400 / ln 2, far inside the ln brackets' width
    const below = Rational.of((1n << 400n) - 1n, 1n << 390n);
    const above = Rational.of((1n << 400n) + 1n, 1n << 390n);
    expect(ceilCLog2(Rational.ONE, below)).toBe(10n);
    expect(ceilCLog2(Rational.ONE, above)).toBe(11n);
    // just above 1: C log2 x is a tiny positive number, so the least integer above it is 1
    expect(ceilCLog2(Rational.ONE, Rational.of(10n ** 90n + 1n, 10n ** 90n))).toBe(1n);
  });
  it('falls back to the larger (safe) integer only for constants with a huge numerator', () => {
    // C = 10000: C log2 2 = 10000 exactly, decided in integers
    expect(ceilCLog2(Rational.of(10_000), Rational.of(2))).toBe(10_000n);
    // C = 10001: beyond the integer test's size limit, so the upper bracket's ceiling
    expect(ceilCLog2(Rational.of(10_001), Rational.of(2))).toBe(10_002n);
  });
  it('refuses C <= 0 and x <= 1 with messages that name them', () => {
    expect(() => ceilCLog2(Rational.ZERO, Rational.of(4))).toThrow(
      new InputError('the constant C_D must be > 0, got 0'),
    );
    expect(() => ceilCLog2(Rational.of(-1), Rational.of(4))).toThrow(/C_D must be > 0, got -1$/);
    expect(() => ceilCLog2(Rational.ONE, Rational.ONE)).toThrow(new RangeError('ceilCLog2: x must be > 1, got 1'));
    expect(() => ceilCLog2(Rational.ONE, Rational.of(1, 2))).toThrow(/x must be > 1, got 1\/2$/);
  });
});

describe('subsetPool and subsetActiveWeightsUpper', () => {
  it('k = ceil(C log2(2 N_w / min(eta, delta))), with the smaller of eta and delta', () => {
    const C = Rational.of(5, 2);
    // 2 N_w / min = 2 * 4 / (1/2) = 16: k = 2.5 * 4 = 10
    expect(subsetPool(4, Rational.of(1, 2), Rational.of(3, 4), C).k).toBe(10n);
    expect(subsetPool(4, Rational.of(3, 4), Rational.of(1, 2), C).k).toBe(10n);
    const { log2Term } = subsetPool(4, Rational.of(1, 2), Rational.of(3, 4), C);
    expect(log2Term.ge(Rational.of(4))).toBe(true); // a certified upper bound of log2 16 = 4
    expect(log2Term.le(Rational.parse('4.000001'))).toBe(true);
  });
  it('refuses a constant <= 0 or absurdly large, naming luekerC', () => {
    const at = (c: Rational): unknown => {
      try {
        subsetPool(4, Rational.of(1, 2), Rational.of(1, 2), c);
      } catch (e) {
        return e;
      }
      return null;
    };
    for (const c of [Rational.ZERO, Rational.of(-3)]) {
      const e = at(c);
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).message).toBe(`luekerC must be > 0, got ${c.toString()}`);
      expect((e as InputError).params).toEqual(['luekerC']);
    }
    expect(at(Rational.of(1_000_000))).toBeNull();
    const big = at(Rational.of(1_000_001));
    expect(big).toBeInstanceOf(InputError);
    expect((big as InputError).message).toBe('luekerC is absurdly large (> 1e6): 1.00000e6');
    expect((big as InputError).params).toEqual(['luekerC']);
  });
  it('active weights: sum over layers of k_i n_{i-1} (1 + n_i)', () => {
    expect(subsetActiveWeightsUpper([2, 3, 1], [10n, 10n])).toBe(140);
    expect(subsetActiveWeightsUpper([2, 3, 1], [10n, 7n])).toBe(80 + 42);
    expect(subsetActiveWeightsUpper([5, 4], [3n])).toBe(3 * 5 * 5);
    expect(subsetActiveWeightsUpper([5], [])).toBe(0);
  });
});

describe('statedWidth for subset', () => {
  it('eta = the product bound, k from the formula, G widths k n_{i-1}, no union bound', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 2, maxLength: 4 }),
        fc.constantFrom('0.1', '0.01', '1/3'),
        fc.constantFrom('1e-9', '0.01', '0.5'),
        fc.option(fc.constantFrom('8', '32/3', '5/2'), { nil: undefined }),
        (widths, epsText, deltaText, cText) => {
          const eps = R(epsText);
          const delta = R(deltaText);
          const C = cText === undefined ? SUBSET_LUEKER_C : R(cText);
          const s = statedWidth({
            widths,
            eps,
            delta,
            construction: 'subset',
            luekerC: cText === undefined ? undefined : C,
          });
          const nw = widths.slice(1).reduce((acc, n, i) => acc + n * (widths[i] as number), 0);
          expect(s.eta.eq(certifiedEta('product', widths, eps))).toBe(true);
          expect(s.cEta.eq(s.eta)).toBe(true);
          const x = Rational.of(2 * nw).div(Rational.min(s.eta, delta));
          const k = s.pool[0] as bigint;
          expect(s.pool.every((v) => v === k)).toBe(true);
          expect(s.pool.length).toBe(widths.length - 1);
          expect(atMost(C, x, k)).toBe(true);
          expect(atMost(C, x, k - 1n)).toBe(false);
          expect(s.luekerC?.eq(C)).toBe(true);
          // the reported log2 term is an upper bound: 2^(log2Term) >= x, i.e. C log2Term >= C log2 x
          const l2 = s.log2Term as Rational;
          expect(Math.log2(x.toNumber())).toBeLessThanOrEqual(l2.toNumber() * (1 + 1e-12));
          expect(s.gWidths).toEqual(gWidthsFor('subset', widths, s.pool));
          expect(s.failureBound).toBeNull();
          expect(s.pCandidate).toEqual([]);
          expect(s.activeWeights).toBe(subsetActiveWeightsUpper(widths, s.pool));
          expect(s.activeWeightsExact).toBe(false);
          expect(s.hypothesis).toBe('H');
          expect(s.depth).toBe(2 * (widths.length - 1));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('784-500-10 at eps = 0.1, delta = 1e-6: 422 units per input coordinate', () => {
    const s = statedWidth({ widths: [784, 500, 10], eps: R('0.1'), delta: R('1e-6'), construction: 'subset' });
    expect(s.pool).toEqual([422n, 422n]);
    expect(s.gWidths).toEqual([784n, 330848n, 500n, 211000n, 10n]);
    expect(s.hiddenUnits).toBe(541848n);
  });

  it('the calibrated constant is the committed calibration', () => {
    const doc = JSON.parse(
      readFileSync(new URL('../../fixtures/calibration/subset-products.json', import.meta.url), 'utf8'),
    ) as { C: string; format: string; seeds: { count: number } };
    expect(doc.format).toBe('slth-subset-calibration/1');
    expect(Rational.parse(doc.C).eq(SUBSET_LUEKER_C)).toBe(true);
    expect(doc.seeds.count).toBe(1000);
  });
});

describe('slth width --construction subset', () => {
  it('says calibrated, not proven, in text and JSON, with the same keys as the other constructions', async () => {
    const text = await runCli([
      'width',
      '--widths',
      '2,8,8,1',
      '--eps',
      '0.1',
      '--delta',
      '0.01',
      '--construction',
      'subset',
    ]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('calibrated, not proven');
    expect(text.out).toContain('none applies');
    expect(text.out).toContain("Pensia et al.'s lower bound");
    const j = await runCli([
      'width',
      '--widths',
      '2,8,8,1',
      '--eps',
      '0.1',
      '--delta',
      '0.01',
      '--construction',
      'subset',
      '--json',
    ]);
    const doc = JSON.parse(j.out) as Record<string, unknown>;
    const pair = JSON.parse(
      (
        await runCli([
          'width',
          '--widths',
          '2,8,8,1',
          '--eps',
          '0.1',
          '--delta',
          '0.01',
          '--construction',
          'pair',
          '--json',
        ])
      ).out,
    ) as Record<string, unknown>;
    for (const key of Object.keys(pair)) expect(doc).toHaveProperty(key);
    expect(doc['constantCalibrated']).toBe(true);
    expect(doc['luekerC']).toBe(SUBSET_LUEKER_C.toString());
    expect(doc['failureBound']).toBeNull();
    expect(doc['pool']).toEqual([158, 158, 158]);
    const custom = JSON.parse(
      (
        await runCli([
          'width',
          '--widths',
          '2,8,8,1',
          '--eps',
          '0.1',
          '--delta',
          '0.01',
          '--construction',
          'subset',
          '--lueker-c',
          '4',
          '--json',
        ])
      ).out,
    ) as Record<string, unknown>;
    expect(custom['luekerC']).toBe('4');
    const bad = await runCli([
      'width',
      '--widths',
      '2,1',
      '--eps',
      '0.1',
      '--delta',
      '0.01',
      '--construction',
      'subset',
      '--lueker-c',
      '0',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--lueker-c must be > 0');
    const notSubset = await runCli([
      'width',
      '--widths',
      '2,1',
      '--eps',
      '0.1',
      '--delta',
      '0.01',
      '--construction',
      'pair',
      '--lueker-c',
      '3',
    ]);
    expect(notSubset.code).toBe(2);
    expect(notSubset.err).toContain('subset construction only');
  });
});
