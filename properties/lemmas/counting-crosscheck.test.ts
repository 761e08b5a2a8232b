/**
 * Lemma 6b (counting), NEGATIVE CONTROLS for the cross-checks against width.ts: width.ts is
 * wrapped (vi.mock) so that one field of its stated width can be corrupted at a time; each
 * corruption must be reported with its exact problem message, and `checkCounting` must then be
 * refuted with the problems as witness. Without corruption the wrapper is transparent.
 */
import { describe, expect, test, vi } from 'vitest';
import type { Network } from '../../src/network/network.js';
import { Rational } from '../../src/numeric/rational.js';
import type * as WidthModule from '../../src/theory/stated-width.js';
import type { StatedWidth, WidthInput } from '../../src/theory/stated-width.js';
import { checkCounting, constructionCount } from '../../src/lemmas/counting.js';

/** The corruption applied to width.ts's answers (none by default). */
const corruption = vi.hoisted(() => ({
  apply: undefined as ((s: Record<string, unknown>) => Record<string, unknown>) | undefined,
}));

vi.mock('../../src/theory/stated-width.js', async (importOriginal) => {
  const actual = await importOriginal<typeof WidthModule>();
  return {
    ...actual,
    statedWidth: (input: WidthInput): StatedWidth => {
      const s = actual.statedWidth(input);
      return corruption.apply ? (corruption.apply({ ...s }) as unknown as StatedWidth) : s;
    },
  };
});

const r = (n: number, d = 1): Rational => Rational.of(n, d);
const EPS = r(1, 10);
const DELTA = Rational.parse('1e-9');
/** [2, 3, 1] with every |w| = 1/4 (H and H' hold). */
const NET: Network = {
  layers: [
    [
      [r(1, 4), r(-1, 4)],
      [r(1, 4), r(1, 4)],
      [r(-1, 4), r(1, 4)],
    ],
    [[r(1, 4), r(1, 4), r(-1, 4)]],
  ],
};

/** The problems of `construction` on NET under a corruption of width.ts. */
function problemsWith(
  construction: 'pair' | 'shared' | 'product',
  apply: (s: Record<string, unknown>) => Record<string, unknown>,
): readonly string[] {
  corruption.apply = apply;
  try {
    return constructionCount(NET, construction, EPS, DELTA).problems;
  } finally {
    corruption.apply = undefined;
  }
}

const clean = (c: 'pair' | 'shared' | 'product'): StatedWidth => constructionCount(NET, c, EPS, DELTA).stated;

describe('counting: cross-checks against width.ts (negative controls)', () => {
  test('transparent wrapper: no problems, the checker holds', () => {
    expect(constructionCount(NET, 'pair', EPS, DELTA).problems).toEqual([]);
    expect(checkCounting(NET, 'clean').holds).toBe(true);
  });

  test('wrong active weights', () => {
    expect(problemsWith('pair', (s) => ({ ...s, activeWeights: 37 }))).toEqual([
      'width.ts active weights 37 != 4 N_w = 36',
    ]);
    expect(problemsWith('shared', (s) => ({ ...s, activeWeights: 35 }))).toEqual([
      'width.ts active weights 35 != 4 N_w = 36',
    ]);
  });

  test('wrong exactness flag of the active weights', () => {
    expect(problemsWith('pair', (s) => ({ ...s, activeWeightsExact: false }))).toEqual([
      'width.ts exactness flag of active weights is false',
    ]);
    expect(problemsWith('shared', (s) => ({ ...s, activeWeightsExact: true }))).toEqual([
      'width.ts exactness flag of active weights is true',
    ]);
    expect(problemsWith('product', (s) => ({ ...s, activeWeightsExact: true }))).toEqual([
      'width.ts exactness flag of active weights is true',
    ]);
  });

  test('wrong depth', () => {
    expect(problemsWith('pair', (s) => ({ ...s, depth: 3 }))).toEqual(['depth 3 != 2l = 4']);
    expect(problemsWith('shared', (s) => ({ ...s, depth: 5 }))).toEqual(['depth 5 != 2l = 4']);
  });

  test('wrong G widths: a changed entry, an extra entry, a missing entry', () => {
    const gw = clean('shared').gWidths;
    const shown = gw.join(',');
    const bumped = gw.map((v, i) => (i === 1 ? v + 1n : v));
    expect(problemsWith('shared', (s) => ({ ...s, gWidths: bumped }))).toEqual([
      `G widths ${shown} != width.ts ${bumped.join(',')}`,
    ]);
    // the last entry changed (the output width)
    const last = gw.map((v, i) => (i === gw.length - 1 ? v + 1n : v));
    expect(problemsWith('shared', (s) => ({ ...s, gWidths: last }))).toEqual([
      `G widths ${shown} != width.ts ${last.join(',')}`,
    ]);
    // a longer list that starts with the right widths
    const longer = [...gw, 1n];
    expect(problemsWith('shared', (s) => ({ ...s, gWidths: longer }))).toEqual([
      `G widths ${shown} != width.ts ${longer.join(',')}`,
    ]);
    const shorter = gw.slice(0, -1);
    expect(problemsWith('shared', (s) => ({ ...s, gWidths: shorter }))).toEqual([
      `G widths ${shown} != width.ts ${shorter.join(',')}`,
    ]);
  });

  test('wrong G parameters and wrong target parameters', () => {
    const p = clean('pair').gParameters;
    expect(problemsWith('pair', (s) => ({ ...s, gParameters: p + 1n }))).toEqual([
      `G parameters ${p} != width.ts ${p + 1n}`,
    ]);
    expect(problemsWith('pair', (s) => ({ ...s, targetParameters: 8 }))).toEqual(['target parameters 8 != N_w = 9']);
  });

  test('a wrong pool shows as wrong G widths (recomputed from the pools, not copied)', () => {
    const sw = clean('pair');
    const pool = sw.pool.map((k) => k + 1n);
    const problems = problemsWith('pair', (s) => ({ ...s, pool }));
    expect(problems.length).toBe(2);
    expect(problems[0]!.startsWith('G widths ')).toBe(true);
    expect(problems[1]!.startsWith('G parameters ')).toBe(true);
  });

  test('several problems are all listed, and checkCounting is refuted with them as witness', () => {
    expect(problemsWith('shared', (s) => ({ ...s, depth: 1, targetParameters: 1 }))).toEqual([
      'depth 1 != 2l = 4',
      'target parameters 1 != N_w = 9',
    ]);
    corruption.apply = (s) => (s['construction'] === 'shared' ? { ...s, depth: 9 } : s);
    try {
      const res = checkCounting(NET, 'corrupted');
      expect(res.holds).toBe(false);
      expect(res.witness).toEqual({ problems: 'shared: depth 9 != 2l = 4' });
      expect(res.exact).toBe(true);
      expect(res.figures['shared: G depth']).toBe('4');
    } finally {
      corruption.apply = undefined;
    }
    corruption.apply = (s) => ({ ...s, activeWeights: 1 });
    try {
      const res = checkCounting(NET, 'all corrupted');
      expect(res.holds).toBe(false);
      // pair, shared, product (H) and product (H')
      expect(res.witness).toEqual({
        problems: ['pair', 'shared', 'product', 'product']
          .map((c) => `${c}: width.ts active weights 1 != 4 N_w = 36`)
          .join('; '),
      });
    } finally {
      corruption.apply = undefined;
    }
  });
});
