/**
 * Four statements the README once overstated, each with the test that would have caught it, and
 * a check that the README now says what docs/MATH.md proves:
 *
 * (a) covering needs the restriction to T = S cap [-1 - eps0, 1 + eps0] (docs/MATH.md §5.2);
 * (b) `exists` for several outputs is max(sum_r err+_r^2, sum_r err-_r^2) <= eps^2, not "two
 *     subset-sum problems per output" (§7);
 * (c) the d = 2 sector maximum of a vector output is along the top eigenvector of M^T M, not a
 *     gradient (§6.3);
 * (d) "p is linear in eta under H'" needs n_{i-1} >= 2 (§4.4).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { CoverDecider, CoverDecision } from '../../src/lemmas/cover-decision.js';
import { decideCover, sortRationals, verifyCoverDecision } from '../../src/lemmas/cover-decision.js';
import { checkCoverSet } from '../../src/lemmas/covering.js';
import type { Direction } from '../../src/error/directions.js';
import { insideClosedShortArc } from '../../src/error/directions.js';
import { sectorMaximum } from '../../src/error/sector-max.js';
import { supErrorD2 } from '../../src/error/sector-sweep.js';
import { exists } from '../../src/existence/exists.js';
import type { Network } from '../../src/network/network.js';
import { compareSurdRational, surdToRational } from '../../src/numeric/surd.js';
import { Rational } from '../../src/numeric/rational.js';
import { weight } from '../../src/random/scheme.js';
import { statedWidth } from '../../src/theory/stated-width.js';

const ONE = Rational.ONE;
const ZERO = Rational.ZERO;
const R = (p: number | bigint, q: number | bigint = 1): Rational => Rational.of(p, q);
const q = (s: string): Rational => Rational.parse(s);

/** The README as one line of text (markdown line breaks removed). */
const README = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');

/** Asserts that the README says `text` (or, with `present` false, no longer says it). */
function expectReadme(text: string, present = true): void {
  expect(README.includes(text), `README ${present ? 'lacks' : 'still says'}: ${text}`).toBe(present);
}

describe('(a) covering: the criterion applies to T = S cap [-1 - eps0, 1 + eps0] (docs/MATH.md §5.2)', () => {
  /** The overstated criterion: ends and gaps of all of S, without the restriction to T. */
  const unrestricted: CoverDecider = (points, eps0): CoverDecision => {
    const s = sortRationals(points);
    const first = s[0];
    const last = s[s.length - 1];
    let maxGap: Rational | undefined;
    let at: [Rational, Rational] | undefined;
    for (let i = 1; i < s.length; i++) {
      const g = s[i]!.sub(s[i - 1]!);
      if (!maxGap || g.gt(maxGap)) {
        maxGap = g;
        at = [s[i - 1]!, s[i]!];
      }
    }
    const base = { relevant: s.length, first, last, maxGap, maxGapAt: at };
    if (!first || !last) return { ...base, covers: false, reason: 'empty', uncovered: ONE.neg() };
    if (first.gt(ONE.neg().add(eps0))) return { ...base, covers: false, reason: 'left-end', uncovered: ONE.neg() };
    if (last.lt(ONE.sub(eps0))) return { ...base, covers: false, reason: 'right-end', uncovered: ONE };
    if (maxGap && at && maxGap.gt(eps0.add(eps0)))
      return { ...base, covers: false, reason: 'gap', uncovered: at[0].add(at[1]).div(R(2)) };
    return { ...base, covers: true, reason: 'covered', uncovered: undefined };
  };

  test('S = {-5, 0, 5}, eps0 = 1 covers [-1, 1] though its gaps are 5', () => {
    const S = ['-5', '0', '5'].map(q);
    const d = decideCover(S, ONE);
    expect(d.covers).toBe(true);
    expect(d.relevant).toBe(1); // T = {0}
    expect(checkCoverSet(S, ONE, 'S = {-5, 0, 5}').holds).toBe(true);
    // the unrestricted criterion says "no" (gap 5 > 2): refuted, its "uncovered point" -5/2 is not in [-1, 1]
    const wrong = unrestricted(S, ONE);
    expect(wrong.covers).toBe(false);
    expect(verifyCoverDecision(S, ONE, wrong).ok).toBe(false);
    expect(checkCoverSet(S, ONE, 'unrestricted', unrestricted).holds).toBe(false);
  });

  test('NEGATIVE CONTROL: the unrestricted criterion is refuted on random sets with far points', () => {
    const point = fc.integer({ min: -40, max: 40 }).map((k) => R(k, 8));
    const prop = (decide: CoverDecider) =>
      fc.property(fc.array(point, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 16 }), (ps, e) => {
        const eps0 = R(e, 16);
        return verifyCoverDecision(ps, eps0, decide(ps, eps0)).ok;
      });
    fc.assert(prop(decideCover), { numRuns: 300 });
    expect(fc.check(prop(unrestricted), { numRuns: 300 }).failed).toBe(true);
  });

  test('the README states the criterion with T (and its example)', () => {
    expectReadme('T = S cap [-1 - eps0, 1 + eps0]');
    expectReadme('S = {-5, 0, 5} covers at eps0 = 1 though its gaps are 5');
  });
});

describe('(b) exists, several outputs: max(sum_r err+_r^2, sum_r err-_r^2) <= eps^2 (docs/MATH.md §7)', () => {
  const target: Network = { layers: [[[q('1/2')], [q('-3/8')]]] };
  const pool = 6;

  /** The first seed where every output's two subset-sum problems are solvable within eps = max_r error_r, and no mask is. */
  function findCase(): { seed: string; eps: Rational } {
    for (let i = 0; i < 200; i++) {
      const seed = `readme-b-${i}`;
      const first = exists(target, pool, seed, ONE);
      const eps = first.outputs.map((o) => o.error).reduce((a, b) => Rational.max(a, b));
      if (eps.isZero()) continue;
      const r = exists(target, pool, seed, eps);
      if (r.outputs.every((o) => o.positive.withinEps && o.negative.withinEps) && !r.exists) return { seed, eps };
    }
    throw new Error('no case found');
  }

  /** Brute force over all families (T_0, T_1): the least sup error^2 (at x = 1 or x = -1), exactly. */
  function bruteMinimalSquared(seed: string): Rational {
    const u = Array.from({ length: pool }, (_, t) => weight(seed, 1, t, 0));
    const v = [0, 1].map((r) => Array.from({ length: pool }, (_, t) => weight(seed, 2, r, t)));
    const w = target.layers[0]!.map((row) => row[0]!);
    const relu = (x: Rational): Rational => (x.sign() > 0 ? x : ZERO);
    // per output and mask: the error at x = 1 and at x = -1
    const perOutput = [0, 1].map((r) =>
      Array.from({ length: 1 << pool }, (_, mask) => {
        let at1 = ZERO;
        let atm1 = ZERO;
        for (let t = 0; t < pool; t++) {
          if (!(mask & (1 << t))) continue;
          at1 = at1.add(v[r]![t]!.mul(relu(u[t]!)));
          atm1 = atm1.add(v[r]![t]!.mul(relu(u[t]!.neg())));
        }
        const e1 = at1.sub(w[r]!);
        const e2 = atm1.sub(w[r]!.neg());
        return [e1.mul(e1), e2.mul(e2)] as const;
      }),
    );
    let best: Rational | undefined;
    for (const a of perOutput[0]!)
      for (const b of perOutput[1]!) {
        const sup = Rational.max(a[0].add(b[0]), a[1].add(b[1]));
        if (!best || sup.lt(best)) best = sup;
      }
    return best!;
  }

  test('every output within eps on both sides, yet no mask: exists says "no", as brute force does', () => {
    const { seed, eps } = findCase();
    const r = exists(target, pool, seed, eps);
    // the overstated criterion ("two subset-sum problems per output") would say "a mask exists"
    expect(r.outputs.every((o) => o.positive.withinEps && o.negative.withinEps)).toBe(true);
    expect(r.outputs.every((o) => o.withinEps)).toBe(true);
    // the right criterion, and slth's answer
    expect(r.minimalSupSquared).toBeAbove(eps.mul(eps));
    expect(r.exists).toBe(false);
    // an independent brute force over all 2^12 masks agrees
    const brute = bruteMinimalSquared(seed);
    expect(brute).toEqualRational(r.minimalSupSquared);
    expect(brute).toBeAbove(eps.mul(eps));
  });

  test('the README states the vector criterion, not "two subset-sum problems per output"', () => {
    expectReadme('iff two subset-sum problems per output have solutions', false);
    expectReadme('max(sum_r err+_r^2, sum_r err-_r^2) <= eps^2');
  });
});

describe('(c) d = 2, vector outputs: the sector maximum is along the top eigenvector of M^T M (docs/MATH.md §6.3)', () => {
  /** R(x) = ||M x||^2 / ||x||^2, exactly. */
  const rayleigh = (m: readonly Direction[], x: Direction): Rational =>
    m
      .reduce((s, [a, b]) => {
        const y = a.mul(x[0]).add(b.mul(x[1]));
        return s.add(y.mul(y));
      }, ZERO)
      .div(x[0].mul(x[0]).add(x[1].mul(x[1])));

  /** The overstated rule: the larger endpoint value, or R at +-g_r (some output's gradient) in the arc. */
  const gradientRule = (p: Direction, q2: Direction, m: readonly Direction[]): Rational => {
    let best = Rational.max(rayleigh(m, p), rayleigh(m, q2));
    for (const g of m)
      for (const s of [g, [g[0].neg(), g[1].neg()] as Direction])
        if (!(s[0].isZero() && s[1].isZero()) && insideClosedShortArc(p, q2, s))
          best = Rational.max(best, rayleigh(m, s));
    return best;
  };

  test('M = [[2, 1], [1, 1]]: the sup^2 is 7/2 + sqrt(45/4), above R at every gradient direction', () => {
    const a: Network = {
      layers: [
        [
          [R(2), R(1)],
          [R(1), R(1)],
        ],
      ],
    };
    const b: Network = {
      layers: [
        [
          [ZERO, ZERO],
          [ZERO, ZERO],
        ],
      ],
    };
    const res = supErrorD2(a, b);
    const value = res.supSquaredSurd!;
    expect(value.rational).toEqualRational(R(7, 2));
    expect(value.radicand).toEqualRational(R(45, 4));
    expect(surdToRational(value)).toBeUndefined(); // irrational: no gradient direction attains it
    // the gradients (2, 1), (1, 1) and of the output sum (3, 2) give 34/5, 13/2, 89/13, all below
    const m: Direction[] = [
      [R(2), R(1)],
      [R(1), R(1)],
    ];
    for (const g of [...m, [R(3), R(2)] as Direction]) expect(compareSurdRational(value, rayleigh(m, g))).toBe(1);
    // a rational direction near the top eigenvector beats every gradient direction, exactly
    const near: Direction = [q('0.8507'), q('0.5257')];
    expect(rayleigh(m, near)).toBeAbove(R(89, 13));
    expect(compareSurdRational(value, rayleigh(m, near))).toBe(1);
  });

  test('NEGATIVE CONTROL: the gradient rule equals the exact sector maximum for scalar outputs only', () => {
    const entry = fc.integer({ min: -4, max: 4 }).map((k) => R(k));
    const row = fc.tuple(entry, entry).map(([x, y]) => [x, y] as Direction);
    const arcs: [Direction, Direction][] = [
      [
        [ONE, ZERO],
        [ZERO, ONE],
      ],
      [
        [ZERO, ONE],
        [ONE.neg(), ZERO],
      ],
    ];
    const agrees = (rows: fc.Arbitrary<Direction[]>) =>
      fc.property(rows, fc.constantFrom(...arcs), (m, [p, q2]) => {
        const exact = sectorMaximum(p, q2, m).value;
        const naive = gradientRule(p, q2, m);
        // the rule never overshoots; it is right iff it attains the exact maximum
        expect(compareSurdRational(exact, naive)).toBeGreaterThanOrEqual(0);
        return compareSurdRational(exact, naive) === 0;
      });
    fc.assert(agrees(fc.array(row, { minLength: 1, maxLength: 1 })), { numRuns: 200 });
    expect(fc.check(agrees(fc.array(row, { minLength: 2, maxLength: 3 })), { numRuns: 200 }).failed).toBe(true);
  });

  test('the README names the top eigenvector of M^T M for vector outputs', () => {
    expectReadme('top eigenvector of M^T M');
    expectReadme("in the direction of the sector's gradient. The", false);
  });
});

describe("(d) product under H': p is linear in eta only for n_{i-1} >= 2 (docs/MATH.md §4.4)", () => {
  const input = (widths: number[], eps: string, hprime: boolean) =>
    statedWidth({ widths, eps: q(eps), delta: q('1e-9'), construction: 'product', hprime });

  test("widths 1,1: the H' pool equals the H pool; widths 2,1: it is far smaller", () => {
    for (const eps of ['0.1', '0.01', '0.001']) {
      const one = input([1, 1], eps, true);
      expect(one.hypothesis).toBe("H'");
      expect(one.pool).toEqual(input([1, 1], eps, false).pool);
      expect(one.pCandidate[0]).toEqualRational(input([1, 1], eps, false).pCandidate[0]!);
      const two = input([2, 1], eps, true);
      expect(two.pool[0]! * 10n).toBeLessThan(input([2, 1], eps, false).pool[0]!);
    }
  });

  test('n_{i-1} = 2: p >= 0.079 eta (linear); n_{i-1} = 1: p / eta -> 0 (about eta / 8)', () => {
    for (const eps of ['0.1', '0.01', '0.001', '0.0001']) {
      const two = input([2, 1], eps, true);
      expect(two.pCandidate[0]).toBeGreaterOrEqual(two.eta.mul(q('0.079')));
      const one = input([1, 1], eps, true);
      expect(one.pCandidate[0]).toBeBelow(one.eta.mul(one.eta).div(R(8)).div(ONE.sub(one.eta)).mul(R(2)));
    }
    // the ratio p / eta shrinks tenfold with eta for n = 1, and stays put for n = 2
    const ratio = (w: number[], eps: string): number => {
      const s = input(w, eps, true);
      return s.pCandidate[0]!.div(s.eta).toNumber();
    };
    expect(ratio([1, 1], '0.0001') / ratio([1, 1], '0.001')).toBeLessThan(0.2);
    expect(ratio([2, 1], '0.0001') / ratio([2, 1], '0.001')).toBeGreaterThan(0.8);
  });

  test('the README says the linearity needs n_{i-1} >= 2', () => {
    expectReadme('with n_{i-1} >= 2 it is linear in eta');
    expectReadme("For n_{i-1} = 1, H' is H and the H' pool equals the H pool");
    expectReadme("under H' (|w| <= 1/sqrt(n_{i-1})) it is linear in eta", false);
  });
});
