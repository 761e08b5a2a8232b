/**
 * Lemma 6b (counting): active weights against 4(dn + n^2 l), G's parameters recomputed
 * independently of width.ts, Pensia et al.'s lower bound; negative controls for wrong formulas.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { generateTarget } from '../../src/network/generate.js';
import { weightCount } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import { statedWidth } from '../../src/theory/stated-width.js';
import { CONSTRUCTIONS } from '../../src/theory/construction-name.js';
import {
  activeWeightBound,
  checkCounting,
  constructionCount,
  gParameterCount,
  hiddenWidths,
  pensiaLowerBound,
} from '../../src/lemmas/counting.js';

const widthsArb = fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 2, maxLength: 5 });
const nw = (ws: readonly number[]): number => ws.slice(1).reduce((s, n, i) => s + n * ws[i]!, 0);

describe('counting', () => {
  test('4 N_w <= 4 (d n + n^2 l) with n = max_{i>=1} n_i, for all widths', () => {
    fc.assert(fc.property(widthsArb, (ws) => BigInt(4 * nw(ws)) <= activeWeightBound(ws)));
  });

  test('every construction: active weights, depth 2l and G parameters agree with width.ts', () => {
    fc.assert(
      fc.property(
        widthsArb.filter((ws) => nw(ws) <= 150),
        fc.constantFrom(...CONSTRUCTIONS),
        fc.constantFrom('1/10', '1/100'),
        (ws, c, eps) => {
          const net = generateTarget(ws, 'count');
          const r = constructionCount(net, c, Rational.parse(eps), Rational.parse('1e-9'));
          return r.problems.length === 0 && r.activeWeights === 4 * weightCount(net) && r.depth === 2 * (ws.length - 1);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('G parameters: sum_i m_i (n_{i-1} + n_i)', () => {
    expect(gParameterCount([2n, 60n, 3n, 30n, 1n])).toBe(420n);
    expect(hiddenWidths('pair', [2, 3, 1], [10n, 10n])).toEqual([60n, 30n]);
    expect(hiddenWidths('shared', [2, 3, 1], [10n, 10n])).toEqual([20n, 30n]);
  });

  test("Pensia et al.'s bound d^2 log2(1/(2 eps)) - 1: certified bracket, exact at powers of two", () => {
    const b = pensiaLowerBound(3, Rational.of(1, 8)); // 9 * 2 - 1 = 17
    expect(b.lower.le(Rational.of(17)) && Rational.of(17).le(b.upper)).toBe(true);
    expect(b.upper.sub(b.lower)).toBeBelow(Rational.parse('1e-40'));
    const big = pensiaLowerBound(784, Rational.parse('0.01')); // 784^2 log2(50) - 1 = 3469029.07...
    expect(big.lower.gt(Rational.of(3_469_029)) && big.upper.lt(Rational.of(3_469_030))).toBe(true);
  });

  test('NEGATIVE CONTROL: the constant 4 cannot be halved (4 N_w > 2 (d n + n^2 l) is found)', () => {
    const run = fc.check(fc.property(widthsArb, (ws) => BigInt(4 * nw(ws)) <= activeWeightBound(ws) / 2n));
    expect(run.failed).toBe(true);
  });

  test('NEGATIVE CONTROL: a wrong G width formula (pair with shared pools) disagrees with the stated parameters', () => {
    const ws = [2, 3, 1];
    const sw = statedWidth({
      widths: ws,
      eps: Rational.parse('0.1'),
      delta: Rational.parse('1e-9'),
      construction: 'pair',
    });
    const wrong = hiddenWidths('shared', ws, sw.pool);
    const gw: bigint[] = [2n];
    wrong.forEach((m, i) => gw.push(m, BigInt(ws[i + 1]!)));
    expect(gParameterCount(gw)).not.toBe(sw.gParameters);
  });

  test('the checker holds on a generated target', () => {
    expect(checkCounting(generateTarget([3, 4, 1], 'c', { hprime: true }), 'generated').holds).toBe(true);
  });
});
