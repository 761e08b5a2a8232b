/**
 * Lemma 3 (union bound), precision of the certified figures (docs/MATH.md §5.3): P(at least one
 * of independent events) = 1 - prod (1 - f)^c and every pair-construction figure is exact, or a
 * certified bracket that contains the exact value and has relative width <= 1e-15, at every pool
 * size up to 10^15; P_fail and its bounds decrease in k. Negative controls: the Bonferroni pair
 * [c f - C(c,2) f^2, c f] (the old bracket) fails the width property, and a bracket evaluated at the
 * wrong end of f's bracket fails the containment property.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Network } from '../../src/network/network.js';
import { generateTarget } from '../../src/network/generate.js';
import { readNetworkFile } from '../../src/network/json.js';
import { expBracket } from '../../src/numeric/certified.js';
import type { Bracket } from '../../src/numeric/certified.js';
import { Rational } from '../../src/numeric/rational.js';
import type { Wide } from '../../src/numeric/wide.js';
import { bracketW, formatW, leW, relativeWidth, wideToBracket } from '../../src/numeric/wide.js';
import type { PairFailure } from '../../src/lemmas/union-bound.js';
import { independentUnionW, pairFailureProbability, pairUnionBoundResult } from '../../src/lemmas/union-bound.js';
import { pairCandidateProbability } from '../../src/theory/candidate-probability.js';

const ONE = Rational.ONE;
const ZERO = Rational.ZERO;
const R = (p: bigint | number, q: bigint | number = 1): Rational => Rational.of(p, q);
const q = (s: string): Rational => Rational.parse(s);
const TOL = q('1e-15');

/** A group of `count` events whose probability f lies in [lo, hi] (the exact f is `f`). */
interface Group {
  readonly f: Rational;
  readonly lo: Rational;
  readonly hi: Rational;
  readonly count: number;
}

/** An implementation of the certified union 1 - prod (1 - f)^c on brackets of f. */
type UnionImpl = (groups: readonly Group[]) => Bracket;

const real: UnionImpl = (groups) =>
  wideToBracket(independentUnionW(groups.map((g) => ({ f: bracketW({ lower: g.lo, upper: g.hi }), count: g.count }))));

/** The exact union. */
function exactUnion(groups: readonly Group[]): Rational {
  let keep = ONE;
  for (const g of groups) keep = keep.mul(ONE.sub(g.f).pow(g.count));
  return ONE.sub(keep);
}

/** The old bracket: Bonferroni per group, then the union recurrence end by end. */
const bonferroni: UnionImpl = (groups) => {
  let lo = ZERO;
  let hi = ZERO;
  for (const g of groups) {
    const c = R(g.count);
    const pairs = R(g.count * (g.count - 1), 2);
    const gLo = Rational.max(ZERO, c.mul(g.lo).sub(pairs.mul(g.hi).mul(g.hi)));
    const gHi = Rational.min(ONE, c.mul(g.hi));
    lo = lo.add(gLo.mul(ONE.sub(lo)));
    hi = Rational.min(ONE, hi.add(gHi.mul(ONE.sub(hi))));
  }
  return { lower: lo, upper: hi };
};

/** Monotone evaluation at the wrong end: the upper end from f's lower end (exact arithmetic). */
const wrongEnd: UnionImpl = (groups) => {
  const at = (pick: (g: Group) => Rational): Rational =>
    ONE.sub(groups.reduce((k, g) => k.mul(ONE.sub(pick(g)).pow(g.count)), ONE));
  return { lower: at((g) => g.lo), upper: at((g) => g.lo) };
};

/** Probabilities: tiny (10^-e), moderate p/q, and close to 1. */
const fArb: fc.Arbitrary<Rational> = fc.oneof(
  fc.integer({ min: 16, max: 120 }).map((e) => R(3n, 10n ** BigInt(e))),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1000, max: 100_000 })).map(([a, b]) => R(a, b)),
  fc.integer({ min: 2, max: 1000 }).map((d) => ONE.sub(R(1, d))),
);

/** f with a bracket of relative half-width `rel` around it (clipped to [0, 1]). */
function around(f: Rational, rel: Rational, count: number): Group {
  const d = f.mul(rel);
  return { f, lo: Rational.max(ZERO, f.sub(d)), hi: Rational.min(ONE, f.add(d)), count };
}

const groupsArb = (rel: fc.Arbitrary<Rational>): fc.Arbitrary<Group[]> =>
  fc.array(
    fc.tuple(fArb, rel, fc.integer({ min: 1, max: 40 })).map(([f, r, c]) => around(f, r, c)),
    { minLength: 1, maxLength: 5 },
  );

/** Brackets of f that are points (width from the 128-bit rounding only). */
const pointGroups = groupsArb(fc.constant(ZERO));
/** Brackets of f of relative half-width up to 1e-3 (or points). */
const wideGroups = groupsArb(
  fc.oneof(
    fc.constant(ZERO),
    fc.integer({ min: 1, max: 1000 }).map((n) => R(n, 1_000_000)),
  ),
);

/** The bracket contains the exact union. */
const containsProp = (impl: UnionImpl) =>
  fc.property(wideGroups, (groups) => {
    const b = impl(groups);
    const x = exactUnion(groups);
    return b.lower.le(x) && x.le(b.upper);
  });

/** On point inputs the bracket has relative width <= 1e-15. */
const widthProp = (impl: UnionImpl) =>
  fc.property(pointGroups, (groups) => {
    const b = impl(groups);
    const x = exactUnion(groups);
    return b.upper.sub(b.lower).le(x.mul(TOL));
  });

describe('independentUnionW: 1 - prod (1 - f)^c on brackets of f', () => {
  test('the bracket contains the exact value (inputs of relative width up to 1e-3)', () => {
    fc.assert(containsProp(real), { numRuns: 150 });
  });

  test('on exact inputs the bracket has relative width <= 1e-15 (tiny, moderate and near-1 f)', () => {
    fc.assert(widthProp(real), { numRuns: 150 });
    // and both regimes occur: the series (sum c f <= 2^-30) and the product
    const tiny: Group[] = [around(q('3e-40'), ZERO, 7), around(q('1e-35'), ZERO, 3)];
    const big: Group[] = [around(q('1/3'), ZERO, 7), around(q('3e-40'), ZERO, 3)];
    for (const g of [tiny, big]) {
      const b = real(g);
      const x = exactUnion(g);
      expect(b.lower).toBeLessOrEqual(x);
      expect(b.upper).toBeGreaterOrEqual(x);
      expect(b.upper.sub(b.lower)).toBeLessOrEqual(x.mul(q('1e-30')));
    }
  });

  test('exact f give the exact union', () => {
    const w = independentUnionW([
      { f: bracketW({ lower: R(1, 2), upper: R(1, 2) }), count: 1 },
      { f: { ...bracketW({ lower: R(1, 3), upper: R(1, 3) }), exact: R(1, 3) }, count: 2 },
    ]);
    expect(w.exact).toBeUndefined(); // one inexact input
    const e = independentUnionW([
      { f: { ...bracketW({ lower: R(1, 2), upper: R(1, 2) }), exact: R(1, 2) }, count: 1 },
      { f: { ...bracketW({ lower: R(1, 3), upper: R(1, 3) }), exact: R(1, 3) }, count: 2 },
    ]);
    // 1 - (1/2)(2/3)^2 = 7/9
    expect(e.exact).toEqualRational(R(7, 9));
  });

  test('NEGATIVE CONTROL: the Bonferroni pair [c f - C(c,2) f^2, c f] fails the width property', () => {
    // it contains the value (it is a valid bound) ...
    fc.assert(containsProp(bonferroni), { numRuns: 100 });
    // ... but it is not tight
    const run = fc.check(widthProp(bonferroni), { numRuns: 300 });
    expect(run.failed).toBe(true);
  });

  test('NEGATIVE CONTROL: evaluating the upper end at f.lower fails the containment property', () => {
    const run = fc.check(containsProp(wrongEnd), { numRuns: 300 });
    expect(run.failed).toBe(true);
    // and it passes the width property: width alone would not catch it
    fc.assert(widthProp(wrongEnd), { numRuns: 50 });
  });
});

// ---------------------------------------------------------------------------------------------
// the pair construction

/** Exact f = 2 (1 - p)^k - (1 - 2p)^k (an independent recomputation). */
function fExact(w: Rational, eta: Rational, k: number): Rational {
  const p = pairCandidateProbability(w, eta);
  return ONE.sub(p).pow(k).mul(R(2)).sub(ONE.sub(p).sub(p).pow(k));
}

/** All exact figures of the pair construction (weight by weight, no grouping). */
function exactFigures(net: Network, eta: Rational, k: number) {
  let keep = ONE;
  let sumF = ZERO;
  let sides = ZERO;
  let n = 0;
  for (const m of net.layers)
    for (const row of m)
      for (const w of row) {
        const f = fExact(w, eta, k);
        keep = keep.mul(ONE.sub(f));
        sumF = sumF.add(f);
        sides = sides.add(R(2).mul(ONE.sub(pairCandidateProbability(w, eta)).pow(k)));
        n++;
      }
  const uniform = R(2 * n).mul(ONE.sub(eta.mul(eta).div(R(4))).pow(k));
  return { pFail: ONE.sub(keep), sumF, sides, uniform, n };
}

/** The value is the exact one, or a certified bracket around it of relative width <= 1e-15. */
function expectTight(w: Wide, x: Rational): void {
  if (w.exact) {
    expect(w.exact).toEqualRational(x);
    return;
  }
  const b = wideToBracket(w);
  expect(b.lower).toBeLessOrEqual(x);
  expect(b.upper).toBeGreaterOrEqual(x);
  expect(b.upper.sub(b.lower)).toBeLessOrEqual(x.mul(TOL));
  expect(relativeWidth(w)).toBeLessThanOrEqual(1e-15);
}

/** Weights from a small set, so that |w| repeats (groups of several weights). */
const weightArb = fc.constantFrom('0', '1/2', '-1/2', '1/4', '-3/4', '1', '-1', '7/8').map(q);
const netArb: fc.Arbitrary<Network> = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
  .chain(([d, h]) =>
    fc
      .tuple(
        fc.array(fc.array(weightArb, { minLength: d, maxLength: d }), { minLength: h, maxLength: h }),
        fc.array(weightArb, { minLength: h, maxLength: h }),
      )
      .map(([w1, w2]) => ({ layers: [w1, [w2]] })),
  );
const etaArb = fc.constantFrom('1/4', '1/8', '3/10', '1/2', '1/10').map(q);

describe('pair construction: every figure exact or tight around the exact value', () => {
  test('P_fail, sum f, sides and uniform bounds at pools 1..1000 (exact rationals as reference)', () => {
    fc.assert(
      fc.property(netArb, etaArb, fc.integer({ min: 1, max: 1000 }), (net, eta, k) => {
        const r = pairFailureProbability(net, eta, BigInt(k));
        const x = exactFigures(net, eta, k);
        expectTight(r.pFail, x.pFail);
        expectTight(r.sumF, x.sumF);
        expectTight(r.sidesBound, x.sides);
        expectTight(r.uniformBound, x.uniform);
        // 2 N exp(-k eta^2/4): overlaps a 100-digit decimal.js bracket, relative width <= 1e-15
        const e = expBracket(R(-k).mul(eta).mul(eta).div(R(4)), 100);
        const b = wideToBracket(r.expBound);
        expect(b.lower).toBeLessOrEqual(e.upper.mul(R(2 * x.n)));
        expect(b.upper).toBeGreaterOrEqual(e.lower.mul(R(2 * x.n)));
        expect(relativeWidth(r.expBound)).toBeLessThanOrEqual(1e-15);
      }),
      { numRuns: 40 },
    );
  });

  test('equal |w| with c f near 1, where the old bracket was [0, 1] or nearly: now tight', () => {
    const h = R(1, 2);
    const two: Network = { layers: [[[h], [h.neg()]], [[h, h]]] };
    const nine: Network = {
      layers: [
        [
          [h, h],
          [h.neg(), h],
          [h, h],
        ],
        [[h, h.neg(), h]],
      ],
    };
    // a 62-bit eta makes the powers certified already at k = 40
    const eta = R(1, 4).add(Rational.dyadic(1n, -60));
    for (const [net, k] of [
      [two, 40],
      [two, 80],
      [nine, 40],
      [nine, 120],
    ] as const) {
      const r = pairFailureProbability(net, eta, BigInt(k));
      expect(r.exact).toBe(false);
      const x = exactFigures(net, eta, k);
      expectTight(r.pFail, x.pFail);
      // the old bracket of the same figure is far wider
      const f = wideToBracket(r.worst!.f);
      const old = bonferroni([{ f: f.lower, lo: f.lower, hi: f.upper, count: x.n }]);
      expect(old.upper.sub(old.lower)).toBeAbove(x.pFail.mul(q('1e-3')));
    }
  });
});

describe('pair construction: monotone in k, at every pool size', () => {
  const under = (seed: string): Network => generateTarget([2, 3, 1], seed);

  test('P_fail and its bounds never increase with k (certified comparisons, pools up to 10^15)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', '1'), minLength: 1, maxLength: 4 }),
        etaArb,
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        (seed, eta, k1, d) => {
          const k2 = k1 + d > 10n ** 15n ? 10n ** 15n : k1 + d;
          const net = under(seed);
          const a = pairFailureProbability(net, eta, k1);
          const b = pairFailureProbability(net, eta, k2);
          const pairs: [Wide, Wide][] = [
            [b.pFail, a.pFail],
            [b.sumF, a.sumF],
            [b.sidesBound, a.sidesBound],
            [b.uniformBound, a.uniformBound],
            [b.expBound, a.expBound],
          ];
          for (const [later, earlier] of pairs) expect(leW(later, earlier)).not.toBe(false);
          // doubling a pool of at least 16/eta^2 divides P_fail by at least e^4: a certified strict order
          if (k1 * (eta.mul(eta).num * 1n) >= 16n * eta.mul(eta).den && k2 >= 2n * k1)
            expect(leW(b.pFail, a.pFail)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** log10 of 2 sum_g c_g (1 - p_g)^k by decimal.js (an independent computation), as [exponent, mantissa]. */
function log10Reference(net: Network, eta: Rational, k: bigint): [bigint, Decimal] {
  const D = Decimal.clone({ precision: 80 });
  const counts = new Map<string, { p: Rational; c: number }>();
  for (const m of net.layers)
    for (const row of m)
      for (const w of row) {
        const key = w.abs().toString();
        const g = counts.get(key);
        if (g) g.c++;
        else counts.set(key, { p: pairCandidateProbability(w, eta), c: 1 });
      }
  const lnTerms = [...counts.values()].map(({ p, c }) => {
    const base = new D(ONE.sub(p).num.toString()).div(new D(ONE.sub(p).den.toString()));
    return new D(2 * c).ln().add(base.ln().mul(new D(k.toString())));
  });
  const top = lnTerms.reduce((a, b) => (a.gt(b) ? a : b));
  const sum = lnTerms.reduce((s, t) => s.add(t.sub(top).exp()), new D(0));
  const log10 = top.add(sum.ln()).div(new D(10).ln());
  const e = log10.floor();
  return [BigInt(e.toFixed(0)), new D(10).pow(log10.sub(e))];
}

describe('pair construction at large pools: tight and right', () => {
  const fixtures = ['d2-small', 'd3-tight', 'd4-wide'].map((n) => ({
    name: n,
    net: readNetworkFile(`fixtures/targets/${n}.json`),
  }));

  test.each(fixtures)('$name: every figure has relative width <= 1e-15 at pools 10^3 .. 10^15', ({ net }) => {
    for (const eta of [q('1/10'), q('1/1000')]) {
      for (let e = 3n; e <= 15n; e += 2n) {
        const r = pairFailureProbability(net, eta, 10n ** e);
        for (const w of [r.pFail, r.sumF, r.sidesBound, r.uniformBound, r.expBound]) {
          expect(relativeWidth(w)).toBeLessThanOrEqual(1e-15);
        }
        expect(pairUnionBoundResult(r, true, 'x').holds).toBe(true);
      }
    }
  });

  test.each(fixtures)('$name: at pools >= 10^6 the printed P_fail agrees with decimal.js to 14 digits', ({ net }) => {
    const eta = q('1/10');
    for (const k of [10n ** 6n, 10n ** 9n, 123456789012345n, 10n ** 15n]) {
      const fig = formatW(pairFailureProbability(net, eta, k).pFail);
      const m = /^\[(\d\.\d{16})e(-?\d+), (\d\.\d{16})e(-?\d+)\]$/.exec(fig);
      expect(m).not.toBeNull();
      const [exp, mant] = log10Reference(net, eta, k);
      // at these pools f = 2 (1 - p)^k to 1e-90 relative and P_fail = sum c f to 1e-90
      expect(BigInt(m![2] as string)).toBe(exp);
      expect(BigInt(m![4] as string)).toBe(exp);
      expect(Math.abs(Number(m![1]) - mant.toNumber())).toBeLessThan(1e-13);
      expect(Math.abs(Number(m![3]) - mant.toNumber())).toBeLessThan(1e-13);
    }
  });

  test('the verdict still only says "yes" on certified comparisons at 10^15', () => {
    const net = fixtures[0]!.net;
    const r: PairFailure = pairFailureProbability(net, q('1/10'), 10n ** 15n);
    const res = pairUnionBoundResult(r, true, 'k = 10^15');
    expect(res.holds).toBe(true);
    // P_fail = sum f (1 - O(f)) with f about 10^-(2 10^12): equal within the brackets, no violation
    expect(res.figures['check P_fail <= sum f']).toBe('consistent (brackets overlap, no certified order)');
    expect(res.figures['check 2 N_w (1-eta^2/4)^k <= 2 N_w exp(-k eta^2/4)']).toBe('yes');
    // swapping P_fail and the uniform bound is a certified violation, found at this magnitude too
    const swapped = pairUnionBoundResult({ ...r, pFail: r.uniformBound, uniformBound: r.pFail }, true, 'swapped');
    expect(swapped.holds).toBe(false);
  });
});
