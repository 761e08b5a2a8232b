/**
 * Lemma 2(b)-(e) (covering): exact P_cover against the formula of docs/MATH.md §5.2 and closed forms, reduced
 * output, input validation with exact messages, the bin bound, fixed-target and pair figures, the
 * least k (including exact-integer and certified boundaries), the table text, the Monte-Carlo
 * label and the exact binomial test.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { gcd, Rational } from '../../src/numeric/rational.js';
import { Cursor } from '../../src/random/scheme.js';
import { binomialCdf } from '../../src/stats/binomial.js';
import { binomialAcceptance, empiricalCoverage } from '../../src/lemmas/cover-sampling.js';
import { TABLE_EPS0, coverTable, formatCoverTable } from '../../src/lemmas/cover-table.js';
import { minKCover, minKGeometric } from '../../src/lemmas/least-k.js';
import {
  binBound,
  coverProbability,
  coverProbabilityFloat,
  fixedTargetSuccess,
  pairSuccess,
} from '../../src/lemmas/cover-probability.js';
import { decideCover } from '../../src/lemmas/cover-decision.js';
import { lambdaLength, pairCandidateProbability } from '../../src/theory/candidate-probability.js';
import type { Quantity } from '../../src/numeric/quantity.js';
import { exactQ } from '../../src/numeric/quantity.js';
import { roundOutward } from '../../src/numeric/figure.js';
import { pCoverNaive } from './_reference.js';

const R = (s: string): Rational => Rational.parse(s);
const ONE = Rational.ONE;
const ZERO = Rational.ZERO;

/** C(n, i) as a BigInt. */
function choose(n: number, i: number): bigint {
  let c = 1n;
  for (let t = 1; t <= i; t++) c = (c * BigInt(n - t + 1)) / BigInt(t);
  return c;
}

/** P(X <= x), X ~ Binomial(n, p), summed term by term in Rationals. */
function cdfNaive(n: number, p: Rational, x: number): Rational {
  let s = ZERO;
  for (let i = 0; i <= Math.min(x, n); i++)
    s = s.add(
      Rational.of(choose(n, i))
        .mul(p.pow(i))
        .mul(ONE.sub(p).pow(n - i)),
    );
  return s;
}

/** 1 - (1 - p)^k. */
const geometric = (p: Rational, k: number): Rational => ONE.sub(ONE.sub(p).pow(k));

/** A canonical rational: den > 0 and gcd(num, den) = 1 (so num/den printing is exact). */
const isReduced = (q: Rational): boolean =>
  q.den > 0n && gcd(q.num < 0n ? -q.num : q.num, q.den) === 1n && (q.num !== 0n || q.den === 1n);

const eps0Arb = fc
  .tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 100 }))
  .map(([a, b]) => Rational.of(a, b));

describe('coverProbability: exact values', () => {
  test('k = 0 gives 0 for every eps0', () => {
    for (const e of ['1/100', '1/2', '1', '3', '1e-30']) {
      const p = coverProbability(0, R(e));
      expect(p.toString()).toBe('0');
      expect(p.den).toBe(1n);
    }
  });

  test('k = 2 closed form: P = (eps0^2 - 2 (1 - eps0)^2) / 2 for 2/3 <= eps0 <= 1', () => {
    // x < y cover iff u = x + 1 <= e, v = 1 - y <= e and y - x <= 2e, i.e. u + v >= 2 - 2e; the
    // region has area e^2 - (2 - 2e)^2 / 2 when 2 - 2e <= e, and P = 2 * area / 4
    for (const e of ['2/3', '3/4', '4/5', '9/10', '1']) {
      const eps = R(e);
      const oneMinus = ONE.sub(eps);
      const want = eps.mul(eps).sub(Rational.of(2).mul(oneMinus).mul(oneMinus)).div(Rational.of(2));
      expect([e, coverProbability(2, eps).toString()]).toEqual([e, want.toString()]);
    }
    expect(coverProbability(2, R('3/4')).toString()).toBe('7/32');
    expect(coverProbability(2, R('1/2')).toString()).toBe('0');
    expect(coverProbability(2, R('1')).toString()).toBe('1/2');
    expect(coverProbability(2, R('2')).toString()).toBe('1');
  });

  test('known small values (hand-checked against the formula)', () => {
    expect(coverProbability(1, R('3/2')).toString()).toBe('1/2');
    expect(coverProbability(1, R('2')).toString()).toBe('1');
    expect(coverProbability(1, R('1')).toString()).toBe('0');
    expect(coverProbability(3, R('1/2')).toString()).toBe('3/32');
  });

  test('property: equals the formula of docs/MATH.md §5.2, printed identically (so the result is reduced), for many denominators', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), eps0Arb, (k, e) => {
        const p = coverProbability(k, e);
        expect(isReduced(p)).toBe(true);
        expect(p.toString()).toBe(pCoverNaive(k, e).toString());
      }),
      { numRuns: 400 },
    );
  });

  test('denominators with repeated odd primes (9, 25, 27, 45, 49, 75, 81) are fully reduced', () => {
    for (const q of [9, 25, 27, 45, 49, 75, 81, 121, 135, 225]) {
      for (const a of [1, 2, 4, 7]) {
        for (const k of [1, 2, 3, 4, 5, 6, 7, 8]) {
          const e = Rational.of(a, q);
          const p = coverProbability(k, e);
          expect(isReduced(p)).toBe(true);
          expect(p.toString()).toBe(pCoverNaive(k, e).toString());
        }
      }
    }
  });

  test('a raw numerator with more factors of an odd prime than (2q)^k is reduced exactly (not past the denominator)', () => {
    for (const e of ['19/48', '20/51', '28/75', '73/80']) {
      const p = coverProbability(3, R(e));
      expect(isReduced(p)).toBe(true);
      expect([e, p.toString()]).toEqual([e, pCoverNaive(3, R(e)).toString()]);
    }
  });

  test('a denominator above 2^40 (no factoring) is still exact and reduced', () => {
    const e = Rational.of(3n * 2n ** 40n, 2n ** 41n + 3n); // about 3/2
    for (let k = 1; k <= 6; k++) {
      const p = coverProbability(k, e);
      expect(isReduced(p)).toBe(true);
      expect(p.toString()).toBe(pCoverNaive(k, e).toString());
    }
  });

  test('tiny eps0 (1e-30, the smallest accepted) is fast and exactly 0 for small k', () => {
    const t = performance.now();
    expect(coverProbability(3, R('1e-30')).toString()).toBe('0');
    expect(coverProbability(40, R('1e-30')).toString()).toBe('0');
    expect(performance.now() - t).toBeLessThan(500);
  });

  test('large k with large eps0 is fast (few non-zero terms)', () => {
    const t = performance.now();
    const p = coverProbability(3000, R('1/2'));
    expect(performance.now() - t).toBeLessThan(2000);
    expect(ONE.sub(p)).toBeBelow(R('1e-300'));
    expect(isReduced(p)).toBe(true);
  });
});

describe('coverProbability: input validation (exact messages)', () => {
  test('k must be a safe integer in [0, 10^7]', () => {
    for (const k of [-1, 1.5, Number.NaN, 10_000_001, 2 ** 60]) {
      expect(() => coverProbability(k, R('1/2'))).toThrow(InputError);
      expect(() => coverProbability(k, R('1/2'))).toThrow(`k must be an integer from 0 to 10^7, got ${k}`);
    }
    expect(() => binBound(10_000_001, R('1/2'))).toThrow('k must be an integer from 0 to 10^7, got 10000001');
    expect(() => empiricalCoverage(-1, R('1/2'), 1, 'seed')).toThrow('k must be an integer from 0 to 10^7, got -1');
    // the upper end 10^7 itself is accepted (no trials: no work)
    expect(empiricalCoverage(10_000_000, R('1/2'), 0, 'seed')).toEqual({ successes: 0, trials: 0 });
  });

  test('eps0 must be > 0 and >= 1e-30', () => {
    expect(() => coverProbability(1, ZERO)).toThrow(InputError);
    expect(() => coverProbability(1, ZERO)).toThrow('eps0 must be > 0, got 0');
    expect(() => coverProbability(1, R('-1/3'))).toThrow('eps0 must be > 0, got -1/3');
    expect(() => coverProbability(1, Rational.of(1n, 2n * 10n ** 30n))).toThrow(InputError);
    expect(() => coverProbability(1, Rational.of(1n, 2n * 10n ** 30n))).toThrow(
      'eps0 is absurdly small (< 1e-30): 5.00000e-31',
    );
    expect(() => coverProbability(1, R('1e-30'))).not.toThrow();
    expect(() => binBound(1, ZERO)).toThrow('eps0 must be > 0, got 0');
    expect(() => minKCover(ZERO, R('1/2'))).toThrow('eps0 must be > 0, got 0');
  });
});

describe('coverProbabilityFloat: accurate for small k (the estimate is only bad through cancellation)', () => {
  test('property: within 1e-9 of the exact value for k <= 10', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        eps0Arb,
        (k, e) => Math.abs(coverProbabilityFloat(k, e.toNumber()) - coverProbability(k, e).toNumber()) < 1e-9,
      ),
      { numRuns: 300 },
    );
    expect(coverProbabilityFloat(3, 0.5)).toBe(0.09375);
    expect(coverProbabilityFloat(5, 0.3)).toBeCloseTo(pCoverNaive(5, R('0.3')).toNumber(), 12);
  });
});

describe('lambdaLength, fixed target, pair', () => {
  test('exact lambda at the ends, inside, past the ends and outside', () => {
    const cases: [string, string, string][] = [
      ['1', '1/10', '1/10'],
      ['-1', '1/10', '1/10'],
      ['0', '1/10', '1/5'],
      ['0', '3', '2'],
      ['1/2', '1', '3/2'],
      ['-1/2', '1', '3/2'],
      ['5', '1', '0'],
      ['-5', '1', '0'],
      ['2', '1', '0'],
      ['3/2', '1', '1/2'],
    ];
    for (const [w, eta, want] of cases) expect([w, eta, lambdaLength(R(w), R(eta)).toString()]).toEqual([w, eta, want]);
  });

  test('fixed target: 1 - (1 - lambda/2)^k exactly', () => {
    expect(fixedTargetSuccess(1, ZERO, R('1/2')).exact?.toString()).toBe('1/2');
    expect(fixedTargetSuccess(2, ONE, R('1/2')).exact?.toString()).toBe('7/16');
    expect(fixedTargetSuccess(3, R('-1'), R('1/2')).exact?.toString()).toBe('37/64');
    expect(fixedTargetSuccess(0, ZERO, R('1/2')).exact?.toString()).toBe('0');
    expect(fixedTargetSuccess(5, R('7'), R('1/2')).exact?.toString()).toBe('0');
  });

  test('pair: (lambda(w)/2)(lambda(1)/2) per candidate, 1 - (1 - p)^k over k', () => {
    expect(pairCandidateProbability(ONE, R('1/10')).toString()).toBe('1/400');
    expect(pairCandidateProbability(ZERO, R('1/10')).toString()).toBe('1/200');
    expect(pairCandidateProbability(ZERO, R('2')).toString()).toBe('1');
    expect(pairSuccess(1, ONE, R('1/10')).exact?.toString()).toBe('1/400');
    expect(pairSuccess(2, ZERO, R('1/10')).exact?.toString()).toBe('399/40000');
  });
});

describe('binBound', () => {
  test('M = ceil(2/eps0), bound = M (1 - 1/M)^k exactly, expBound brackets M e^{-k/M}', () => {
    const b = binBound(3, R('1/2'));
    expect(b.M).toBe(4n);
    expect(b.bound.exact?.toString()).toBe('27/16');
    const want = 4 * Math.exp(-3 / 4);
    expect(b.expBound.exact).toBeUndefined();
    expect(b.expBound.lower.toNumber()).toBeCloseTo(want, 14);
    expect(b.expBound.upper.toNumber()).toBeCloseTo(want, 14);
    expect(b.expBound.lower).toBeLessOrEqual(b.expBound.upper);
    const c = binBound(2, R('3/10')); // 2/eps0 = 20/3: M = 7 (ceil, not floor)
    expect(c.M).toBe(7n);
    expect(c.bound.exact?.toString()).toBe('36/7');
    expect(c.expBound.upper.toNumber()).toBeCloseTo(7 * Math.exp(-2 / 7), 14);
  });

  test('k = 0: bound = expBound = M exactly; eps0 = 2: M = 1, bound 0', () => {
    const b = binBound(0, R('1/2'));
    expect([b.M, b.bound.exact?.toString(), b.expBound.exact?.toString()]).toEqual([4n, '4', '4']);
    const c = binBound(5, R('2'));
    expect([c.M, c.bound.exact?.toString()]).toEqual([1n, '0']);
    expect(c.expBound.upper.toNumber()).toBeCloseTo(Math.exp(-5), 16);
  });
});

describe('least k', () => {
  test('prob must be in (0, 1), with an exact message', () => {
    for (const p of ['0', '1', '-1/2', '3/2']) {
      expect(() => minKCover(R('1/4'), R(p))).toThrow(InputError);
      expect(() => minKCover(R('1/4'), R(p))).toThrow(`prob must be in (0, 1), got ${R(p).toString()}`);
      expect(() => minKGeometric(R('1/4'), R(p))).toThrow(`prob must be in (0, 1), got ${R(p).toString()}`);
    }
  });

  test('minKCover(1/4, 0.99) = 40 with the exact probabilities at k and k - 1', () => {
    const r = minKCover(R('1/4'), R('0.99'));
    expect(r.k).toBe(40);
    expect(r.at.exact?.toString()).toBe(pCoverNaive(40, R('1/4')).toString());
    expect(r.before.exact?.toString()).toBe(pCoverNaive(39, R('1/4')).toString());
    expect(r.at.exact).toBeGreaterOrEqual(R('0.99'));
    expect(r.before.exact).toBeBelow(R('0.99'));
    expect(r.method).toBe('binary search, exact P_cover at every step');
  });

  test('minKCover with eps0 >= 2 (M = 1): one point suffices', () => {
    const r = minKCover(R('3'), R('1/2'));
    expect([r.k, r.at.exact?.toString(), r.before.exact?.toString()]).toEqual([1, '1', '0']);
    expect(minKCover(R('2'), R('0.99')).k).toBe(1);
  });

  test('minKCover refuses an eps0 whose search bound exceeds 10^7', () => {
    expect(() => minKCover(R('1e-6'), R('0.99'))).toThrow(InputError);
    expect(() => minKCover(R('1e-6'), R('0.99'))).toThrow(
      'eps0 = 1.00000e-6 is too small: the search bound for k, ceil(M ln(M / (1 - P))), exceeds 10^7',
    );
  });

  test('minKGeometric: p = 1 needs one sample; p = 0 and p outside [0, 1] are refused', () => {
    const r = minKGeometric(ONE, R('0.99'));
    expect([r.k, r.at.exact?.toString(), r.before.exact?.toString(), r.method]).toEqual([1, '1', '0', 'p = 1']);
    expect(() => minKGeometric(ZERO, R('1/2'))).toThrow(InputError);
    expect(() => minKGeometric(ZERO, R('1/2'))).toThrow('per-candidate probability is 0: no k suffices');
    for (const p of ['-1/2', '3/2', '1000000000000000000000/999999999999999999999']) {
      expect(() => minKGeometric(R(p), R('1/2'))).toThrow(InputError);
      expect(() => minKGeometric(R(p), R('1/2'))).toThrow(
        `per-candidate probability must be in [0, 1], got ${R(p).toString()}`,
      );
    }
  });

  test('minKGeometric: exact values with the exact method', () => {
    const r = minKGeometric(R('1/2'), R('0.99'));
    expect([r.k, r.at.exact?.toString(), r.before.exact?.toString(), r.method]).toEqual([
      7,
      '127/128',
      '63/64',
      'ln brackets, confirmed exactly at k and k-1',
    ]);
  });

  test('minKGeometric when ln(1 - prob) / ln(1 - p) is exactly an integer (the certified search must resolve it)', () => {
    const cases: [string, string, number][] = [
      ['1/2', '3/4', 2],
      ['1/2', '7/8', 3],
      ['1/3', '5/9', 2],
      ['1/4', '7/16', 2],
      ['1/2', '1/2', 1],
      ['1/2', '1023/1024', 10],
    ];
    for (const [p, prob, k] of cases) {
      const r = minKGeometric(R(p), R(prob));
      expect([p, prob, r.k]).toEqual([p, prob, k]);
      expect(r.at.exact?.toString()).toBe(geometric(R(p), k).toString());
      expect(r.before.exact?.toString()).toBe(geometric(R(p), k - 1).toString());
    }
  });

  test('minKGeometric just above an exact integer ratio (the ln brackets cannot separate k - 1 from k)', () => {
    // ln(1 - prob) / ln(1/2) = 2 + about 2^-1999: k = 3, and success(2) = 3/4 < prob by 2^-2000
    const prob = R('3/4').add(Rational.dyadic(1n, -2000));
    const r = minKGeometric(R('1/2'), prob);
    expect(r.k).toBe(3);
    expect([r.at.exact?.toString(), r.before.exact?.toString()]).toEqual(['7/8', '3/4']);
  });

  test('property: minKGeometric is the least k, by direct exact search, for any p and prob', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 1, max: 999 }),
        (a, b, c) => {
          const p = Rational.of(Math.min(a, b - 1), b);
          const prob = Rational.of(c, 1000);
          let k = 0;
          while (geometric(p, k).lt(prob)) k++;
          return minKGeometric(p, prob).k === k;
        },
      ),
      { numRuns: 200 },
    );
  });

  test('minKGeometric: certified method once the power at k has more than 200000 bits', () => {
    // p = 1/2000: 1 - p = 1999/2000 has 11 + 11 = 22 bits, so k = 9091 is the first certified power
    const r = minKGeometric(R('1/2000'), R('0.989394543980'));
    expect(r.k).toBe(9091);
    expect(r.at.exact).toBeUndefined();
    expect(r.before.exact?.toString()).toBe(geometric(R('1/2000'), 9090).toString());
    expect(r.method).toBe('ln brackets, confirmed by certified brackets at k and k-1');
    const big = minKGeometric(R('1e-6'), R('0.99'));
    expect(big.k).toBe(Math.ceil(Math.log(0.01) / Math.log1p(-1e-6)));
    expect(big.method).toBe('ln brackets, confirmed by certified brackets at k and k-1');
  });
});

describe('table', () => {
  test('the default eps0 values', () => {
    expect(TABLE_EPS0).toEqual(['1/4', '1/8', '1/16', '1/32', '1/64']);
  });

  test('rows are exact least k (checked by direct search) and the text is exact', () => {
    const prob = R('0.99');
    const rows = coverTable([R('1/4'), R('1/8')], prob);
    for (const r of rows) {
      const e = r.eps0;
      let kp = 0;
      while (geometric(e.mul(e).div(Rational.of(4)), kp).lt(prob)) kp++;
      let kf = 0;
      while (geometric(e.div(Rational.of(2)), kf).lt(prob)) kf++;
      let kc = 0;
      while (coverProbability(kc, e).lt(prob)) kc++;
      expect([r.pair.k, r.fixed.k, r.cover.k]).toEqual([kp, kf, kc]);
    }
    expect(rows.map((r) => [r.eps0.toString(), r.pair.k, r.cover.k, r.fixed.k])).toEqual([
      ['1/4', 293, 40, 35],
      ['1/8', 1177, 84, 72],
    ]);
    expect(formatCoverTable(rows, prob)).toBe(
      [
        'least number of samples k with success probability >= 99/100 (exact least k; worst case |w| = 1):',
        'eps0  pair k  k*eps0^2  cover k  k*eps0  fixed k  k*eps0',
        ' 1/4     293    18.312       40  10.000       35   8.750',
        ' 1/8    1177    18.391       84  10.500       72   9.000',
        'pair: some candidate has |u - w| <= eps0 and |v - 1| <= eps0 (per candidate eps0^2/4): k ~ (4/eps0^2) ln(1/delta)',
        'cover: k points eps0-cover all of [-1, 1] (exact P_cover): k ~ (2/eps0) ln(2/(eps0 delta))',
        'fixed: one fixed target within eps0 of some point (per point eps0/2): k ~ (2/eps0) ln(1/delta)',
      ].join('\n'),
    );
  });

  test('column widths grow with the widest cell', () => {
    const prob = R('1/2');
    const rows = coverTable([R('3/100')], prob);
    const lines = formatCoverTable(rows, prob).split('\n');
    const head = lines[1] as string;
    const row = lines[2] as string;
    expect(head.length).toBe(row.length);
    expect(head.startsWith(' eps0  pair k  ')).toBe(true);
    expect(row.startsWith(`3/100  ${String(rows[0]?.pair.k).padStart(6)}  `)).toBe(true);
  });
});

describe('Monte-Carlo label and the exact binomial test', () => {
  /** Recomputes the coverage count from the same seeded stream, decided by brute force. */
  function recount(k: number, eps0: Rational, trials: number, seed: string): number {
    let n = 0;
    for (let t = 0; t < trials; t++) {
      const c = new Cursor(seed, 1, t, 0);
      const pts: Rational[] = [];
      for (let i = 0; i < k; i++) pts.push(Rational.fromFloat(c.next()));
      if (pts.length === 0) continue;
      const sorted = [...pts].sort((a, b) => a.cmp(b));
      const probes = [R('-1'), ONE];
      for (let i = 1; i < sorted.length; i++)
        probes.push((sorted[i - 1] as Rational).add(sorted[i] as Rational).div(Rational.of(2)));
      const covered = probes.filter((z) => z.abs().le(ONE)).every((z) => pts.some((s) => s.sub(z).abs().le(eps0)));
      if (covered) n++;
    }
    return n;
  }

  test('the count equals an independent recount of the same seeded points', () => {
    for (const [k, e, trials, seed] of [
      [6, R('1/4'), 60, 'a'],
      [12, R('1/4'), 60, 'mc-12'],
      [3, R('1/2'), 80, 'b'],
      [2, R('3/4'), 80, 'c'],
    ] as const) {
      const mc = empiricalCoverage(k, e, trials, seed);
      expect(mc.trials).toBe(trials);
      expect(mc.successes).toBe(recount(k, e, trials, seed));
    }
  });

  test('edge cases: no trials, no points, and a radius that always covers', () => {
    expect(empiricalCoverage(5, R('1/2'), 0, 'x')).toEqual({ successes: 0, trials: 0 });
    expect(empiricalCoverage(0, R('1/2'), 7, 'x')).toEqual({ successes: 0, trials: 7 });
    expect(empiricalCoverage(1, R('2'), 9, 'x')).toEqual({ successes: 9, trials: 9 });
    expect(() => empiricalCoverage(1, R('2'), 1, 'bad seed!')).toThrow(InputError);
  });

  test('decideCover on one seeded trial agrees with the count', () => {
    const c = new Cursor('one', 1, 0, 0);
    const pts = [c.next(), c.next(), c.next(), c.next()].map((x) => Rational.fromFloat(x));
    expect(empiricalCoverage(4, R('1/2'), 1, 'one').successes).toBe(decideCover(pts, R('1/2')).covers ? 1 : 0);
  });

  test('binomialCdf: boundaries and the term-by-term sum', () => {
    expect(binomialCdf(5, -1, R('1/3')).toString()).toBe('0');
    expect(binomialCdf(5, 0, R('1/3')).toString()).toBe(R('2/3').pow(5).toString());
    expect(binomialCdf(5, 5, R('1/3')).toString()).toBe('1');
    expect(binomialCdf(5, 9, R('1/3')).toString()).toBe('1');
    expect(binomialCdf(5, 4, R('1/3')).toString()).toBe(ONE.sub(R('1/3').pow(5)).toString());
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: -2, max: 14 }),
        (n, a, b, x) => {
          const p = Rational.of(Math.min(a, b), b);
          return binomialCdf(n, x, p).toString() === (x < 0 ? '0' : cdfNaive(n, p, x).toString());
        },
      ),
      { numRuns: 300 },
    );
  });

  test('binomialAcceptance: exact tails and the strict threshold alpha/2', () => {
    const half = exactQ(R('1/2'));
    const a = binomialAcceptance(3, 10, half, R('1e-6'));
    expect([a.accepted, a.lowerTail.toString(), a.upperTail.toString()]).toEqual([true, '11/64', '121/128']);
    expect(binomialAcceptance(3, 10, half, R('11/32')).accepted).toBe(false); // alpha/2 = lower tail exactly
    expect(binomialAcceptance(3, 10, half, R('11/32').sub(R('1e-9'))).accepted).toBe(true);
    expect(binomialAcceptance(7, 10, half, R('11/32')).accepted).toBe(false); // upper tail 11/64 now
    const zero = binomialAcceptance(0, 10, half, R('1e-6'));
    expect([zero.lowerTail.toString(), zero.upperTail.toString()]).toEqual(['1/1024', '1']);
  });

  test('binomialAcceptance on a bracket: the lower tail at the upper end, the upper tail at the lower end, clipped to [0, 1]', () => {
    const br: Quantity = { exact: undefined, lower: R('1/4'), upper: R('1/2') };
    const r = binomialAcceptance(3, 10, br, R('1e-6'));
    expect(r.lowerTail.toString()).toBe(cdfNaive(10, R('1/2'), 3).toString());
    expect(r.upperTail.toString()).toBe(ONE.sub(cdfNaive(10, R('1/4'), 2)).toString());
    const wide: Quantity = { exact: undefined, lower: R('-1/4'), upper: R('5/4') };
    const w = binomialAcceptance(3, 10, wide, R('1e-6'));
    expect([w.accepted, w.lowerTail.toString(), w.upperTail.toString()]).toEqual([false, '0', '0']);
  });

  test('binomialAcceptance rounds a long p outward: both tails are lower bounds of the exact tails', () => {
    const p = Rational.of(2n ** 200n, 3n ** 127n); // about 0.8, 200 + 202 bits
    const r = binomialAcceptance(4, 6, exactQ(p), R('1e-6'));
    expect(r.lowerTail.toString()).toBe(binomialCdf(6, 4, roundOutward(p, 'ceil', 64)).toString());
    expect(r.upperTail.toString()).toBe(ONE.sub(binomialCdf(6, 3, roundOutward(p, 'floor', 64))).toString());
    expect(r.lowerTail).toBeBelow(cdfNaive(6, p, 4));
    expect(r.upperTail).toBeBelow(ONE.sub(cdfNaive(6, p, 3)));
  });
});
