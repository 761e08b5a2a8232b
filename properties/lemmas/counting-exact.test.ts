/**
 * Lemma 6b (counting), exact figures: the explicit bound 4 (d n + n^2 l), G's widths and
 * parameter counts, Pensia et al.'s bound (signs of log2(1/(2 eps)), strict brackets) and every
 * figure of `checkCounting`, recomputed by hand or from width.ts's pools with the formulas of the
 * module comment.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import type { ConstructionName } from '../../src/theory/construction-name.js';
import { statedWidth } from '../../src/theory/stated-width.js';
import {
  NAME,
  STATEMENT,
  activeWeightBound,
  checkCounting,
  constructionCount,
  gParameterCount,
  hiddenWidths,
  pensiaLowerBound,
} from '../../src/lemmas/counting.js';
import { textual } from '../_support/lemma-result.js';

const r = (n: number, d = 1): Rational => Rational.of(n, d);
const q = (s: string): Rational => Rational.parse(s);
const EPS = r(1, 10);
const DELTA = q('1e-9');

/** A target with the given widths and every weight equal to `w`. */
function constant(widths: readonly number[], w: Rational): Network {
  return {
    layers: widths.slice(1).map((n, i) => Array.from({ length: n }, () => Array.from({ length: widths[i]! }, () => w))),
  };
}

/** sum_i m_i (n_{i-1} + n_i) with m_i from the construction's rule, written out here. */
function params(construction: ConstructionName, widths: readonly number[], pool: readonly bigint[]): bigint {
  let total = 0n;
  pool.forEach((k, i) => {
    const nIn = BigInt(widths[i]!);
    const nOut = BigInt(widths[i + 1]!);
    const m = construction === 'pair' ? k * nIn * nOut : k * nIn;
    total += m * (nIn + nOut);
  });
  return total;
}

describe('counting: formulas', () => {
  test('name and statement', () => {
    expect(NAME).toBe('counting');
    expect(STATEMENT).toBe(
      'active weights: pair = 4 N_w, shared <= 4 N_w, product <= 4 N_w, and 4 N_w <= 4 (d n + n^2 l) (n = max_{i>=1} n_i); ' +
        'G has depth 2l and sum_i m_i (n_{i-1} + n_i) parameters; Pensia et al.: >= d^2 log2(1/(2 eps)) - 1 parameters are necessary',
    );
  });

  test('4 (d n + n^2 l) by hand: d is n_0 only, n excludes n_0, l counts layers', () => {
    expect(activeWeightBound([2, 4, 1])).toBe(160n); // 4 (8 + 16*2)
    expect(activeWeightBound([5, 1, 1])).toBe(28n); // n = 1 even though d = 5: 4 (5 + 2)
    expect(activeWeightBound([1, 3])).toBe(48n); // 4 (3 + 9)
    expect(activeWeightBound([3, 2, 7, 4])).toBe(4n * (3n * 7n + 49n * 3n));
    expect(activeWeightBound([10, 1])).toBe(44n); // 4 (10 + 1)
  });

  test('4 (d n + n^2 l) equals its definition on random widths', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 6 }), (ws) => {
        const d = BigInt(ws[0]!);
        const n = BigInt(ws.slice(1).reduce((a, b) => (b > a ? b : a), 0));
        const l = BigInt(ws.length - 1);
        return activeWeightBound(ws) === 4n * (d * n + n * n * l);
      }),
    );
  });

  test('G parameters by hand, including G without hidden layers', () => {
    expect(gParameterCount([2n, 60n, 3n, 30n, 1n])).toBe(420n);
    expect(gParameterCount([4n, 10n, 2n])).toBe(60n);
    expect(gParameterCount([4n])).toBe(0n);
    expect(gParameterCount([4n, 10n])).toBe(0n); // an incomplete layer is not counted
    expect(gParameterCount([])).toBe(0n);
    expect(gParameterCount([1n, 2n, 3n, 4n, 5n, 6n, 7n])).toBe(2n * 4n + 4n * 8n + 6n * 12n);
  });

  test('hidden widths by hand: pair k n_i n_{i-1}, shared and product k n_{i-1}', () => {
    expect(hiddenWidths('pair', [2, 3, 1], [10n, 7n])).toEqual([60n, 21n]);
    expect(hiddenWidths('shared', [2, 3, 1], [10n, 7n])).toEqual([20n, 21n]);
    expect(hiddenWidths('product', [2, 3, 1], [10n, 7n])).toEqual([20n, 21n]);
    expect(hiddenWidths('pair', [4, 5], [3n])).toEqual([60n]);
    expect(hiddenWidths('product', [4, 5], [3n])).toEqual([12n]);
    expect(hiddenWidths('pair', [4], [])).toEqual([]);
  });

  test('Pensia: log2(1/(2 eps)) = 1 (eps = 1/4), 0 (eps = 1/2), -1 (eps = 1): strict, tight brackets', () => {
    const cases: [Rational, number, Rational][] = [
      [r(1, 4), 3, r(8)], // 9 * 1 - 1
      [r(1, 8), 3, r(17)], // 9 * 2 - 1
      [ONE(), 3, r(-10)], // 9 * (-1) - 1
      [r(1, 4), 1, r(0)],
      [ONE(), 2, r(-5)],
    ];
    for (const [eps, d, value] of cases) {
      const b = pensiaLowerBound(d, eps);
      expect(b.lower).toBeBelow(value);
      expect(value).toBeBelow(b.upper);
      expect(b.upper.sub(b.lower)).toBeBelow(q('1e-40'));
    }
    // ln 1 = 0 exactly: the bracket is the point d^2 * 0 - 1
    const half = pensiaLowerBound(5, r(1, 2));
    expect(half.lower.toString()).toBe('-1');
    expect(half.upper.toString()).toBe('-1');
  });

  test('Pensia bracket contains d^2 log2(1/(2 eps)) - 1 on random inputs (checked through 2^x)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 200 }), (d, e) => {
        const eps = r(e, 100); // from 1/100 to 2: log2 of either sign
        const b = pensiaLowerBound(d, eps);
        // lower <= d^2 log2(x) - 1 <= upper with x = 1/(2 eps); compare through floats with a margin
        const v = d * d * Math.log2(1 / (2 * (e / 100))) - 1;
        const tol = 1e-9 * Math.max(1, Math.abs(v));
        return (
          b.lower.le(b.upper) &&
          b.lower.toNumber() <= v + tol &&
          v - tol <= b.upper.toNumber() &&
          b.upper.sub(b.lower).lt(q('1e-30'))
        );
      }),
      { numRuns: 60 },
    );
  });
});

function ONE(): Rational {
  return Rational.ONE;
}

describe('counting: the checker', () => {
  test('constructionCount: every field, recomputed from the stated pools', () => {
    const ws = [2, 3, 1];
    const net = constant(ws, r(1, 4));
    for (const c of ['pair', 'shared', 'product'] as const) {
      const res = constructionCount(net, c, EPS, DELTA);
      const sw = statedWidth({ widths: ws, eps: EPS, delta: DELTA, construction: c });
      expect(res.construction).toBe(c);
      expect(res.hypothesis).toBe('H');
      expect(res.stated).toEqual(sw);
      expect(res.activeWeights).toBe(4 * 9);
      expect(res.activeExact).toBe(c === 'pair');
      expect(res.depth).toBe(4);
      expect(res.gParameters).toBe(params(c, ws, sw.pool));
      expect(res.problems).toEqual([]);
    }
    const hp = constructionCount(net, 'product', EPS, DELTA, true);
    expect(hp.hypothesis).toBe("H'");
    expect(hp.stated).toEqual(
      statedWidth({ widths: ws, eps: EPS, delta: DELTA, construction: 'product', hprime: true }),
    );
    expect(hp.problems).toEqual([]);
  });

  test("checkCounting: the whole result on [2, 3, 1] (H' holds: a product (H') run is added)", () => {
    const ws = [2, 3, 1];
    const net = constant(ws, r(1, 4)); // (1/4)^2 * 3 <= 1: H' holds
    const res = checkCounting(net, 'fixed');
    const figures: Record<string, string> = {
      widths: '2,3,1',
      'N_w (target weights)': '9',
      'd, n = max_{i>=1} n_i, l': '2, 3, 2',
      '4 (d n + n^2 l)': String(4 * (2 * 3 + 9 * 2)),
      eps: '1/10',
      delta: '1/1000000000',
    };
    const runs: [string, ConstructionName, boolean, string][] = [
      ['pair', 'pair', false, '='],
      ['shared', 'shared', false, '<='],
      ['product (H)', 'product', false, '<='],
      ["product (H')", 'product', true, '<='],
    ];
    for (const [tag, c, hprime, rel] of runs) {
      const sw = statedWidth({ widths: ws, eps: EPS, delta: DELTA, construction: c, hprime });
      const p = params(c, ws, sw.pool);
      figures[`${tag}: active weights`] = `${rel} 4 N_w = 36`;
      figures[`${tag}: eta`] = sw.eta.toString();
      figures[`${tag}: pool k per layer`] = sw.pool.map(String).join(', ');
      figures[`${tag}: G depth`] = '4';
      figures[`${tag}: G parameters`] = p.toString();
      figures[`${tag}: G parameters / N_w`] = Rational.of(p, 9n).toScientific(4, 'nearest');
    }
    figures['Pensia lower bound d^2 log2(1/(2 eps)) - 1, d = n_0 = 2'] = '[8.2877123795494493e0, 8.2877123795494494e0]'; // 4 log2 5 - 1
    figures['Pensia lower bound at d = n = 3'] = '[1.9897352853986261e1, 1.9897352853986262e1]'; // 9 log2 5 - 1
    expect(textual(res)).toEqual({
      lemma: 'counting',
      input: 'fixed',
      holds: true,
      statement: STATEMENT,
      exact: true,
      figures,
      notes: [
        'the constant 4 is derived (two units per weight, two edges per unit); n = max_{i>=1} n_i, so n_1 d <= d n and n_i n_{i-1} <= n^2',
        "Pensia et al.'s bound is for approximating every d x d matrix with one network; shown for scale, not compared as a verdict",
      ],
    });
    expect(Object.keys(res)).not.toContain('witness');
    // the pair figures differ from the shared ones when n_out > 1
    expect(res.figures['pair: G parameters']).not.toBe(res.figures['shared: G parameters']);
    expect(4 * Math.log2(5) - 1).toBeCloseTo(8.2877123795494493, 12);
    expect(9 * Math.log2(5) - 1).toBeCloseTo(19.897352853986261, 12);
  });

  test("checkCounting: H' fails (|w| = 1 with fan-in 2): no product (H') figures; eps and delta are passed through", () => {
    const net: Network = { layers: [[[ONE(), r(-1, 2)]]] };
    const eps = r(1, 4);
    const delta = q('1e-6');
    const res = checkCounting(net, 'no hprime', eps, delta);
    expect(res.holds).toBe(true);
    expect(Object.keys(res.figures).filter((k) => k.startsWith('product'))).toEqual([
      'product (H): active weights',
      'product (H): eta',
      'product (H): pool k per layer',
      'product (H): G depth',
      'product (H): G parameters',
      'product (H): G parameters / N_w',
    ]);
    expect(res.figures['eps']).toBe('1/4');
    expect(res.figures['delta']).toBe('1/1000000');
    expect(res.figures['d, n = max_{i>=1} n_i, l']).toBe('2, 1, 1');
    expect(res.figures['4 (d n + n^2 l)']).toBe('12');
    const sw = statedWidth({ widths: [2, 1], eps, delta, construction: 'pair' });
    expect(res.figures['pair: eta']).toBe(sw.eta.toString());
    expect(res.figures['pair: pool k per layer']).toBe(sw.pool.join(', '));
    // eps = 1/4: log2(1/(2 eps)) = 1, so the Pensia bounds straddle d^2 - 1 = 3 and n^2 - 1 = 0
    const pD = res.figures['Pensia lower bound d^2 log2(1/(2 eps)) - 1, d = n_0 = 2']!;
    expect(pD.startsWith('[2.99999999999999') && pD.includes(', 3.0000000000000')).toBe(true);
    expect(res.figures['Pensia lower bound at d = n = 1']).toMatch(/^\[-[0-9.]+e-\d+, [0-9.]+e-\d+\]$/);
  });

  test('checkCounting: pools over several layers are listed in order', () => {
    const ws = [3, 2, 2, 1];
    const net = constant(ws, r(1, 8));
    const res = checkCounting(net, 'three layers');
    const sw = statedWidth({ widths: ws, eps: EPS, delta: DELTA, construction: 'shared' });
    expect(sw.pool.length).toBe(3);
    expect(res.figures['shared: pool k per layer']).toBe(sw.pool.map((k) => k.toString()).join(', '));
    expect(res.figures['shared: G depth']).toBe('6');
    expect(res.figures['N_w (target weights)']).toBe('12');
    expect(res.figures['d, n = max_{i>=1} n_i, l']).toBe('3, 2, 3');
    expect(res.figures['4 (d n + n^2 l)']).toBe(String(4 * (3 * 2 + 4 * 3)));
  });
});
