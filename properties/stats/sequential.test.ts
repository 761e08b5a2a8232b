import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational } from '../../src/numeric/rational.js';
import { upperBound } from '../../src/stats/clopper-pearson.js';
import { fixedTest, lookAlpha, lookSchedule, minimalFixedTrials, sequentialTest } from '../../src/stats/sequential.js';
import { threeWayVerdict, type Verdict } from '../../src/stats/verdict.js';
import { pmfList } from './helpers.js';

/**
 * Exact probability that the sequential test returns `which`, by dynamic programming over the
 * failure count at each look (paths that stopped are removed).
 */
function sequentialProbability(
  p: Rational,
  delta: Rational,
  alpha: Rational,
  schedule: readonly number[],
  which: Verdict,
): Rational {
  let alive: Rational[] = [Rational.ONE]; // alive[c] = P(c failures so far, not stopped)
  let n = 0;
  let total = Rational.ZERO;
  schedule.forEach((m, index) => {
    const step = pmfList(m - n, p);
    const next: Rational[] = Array.from({ length: m + 1 }, () => Rational.ZERO);
    alive.forEach((a, c) => {
      if (a.isZero()) return;
      step.forEach((s, j) => {
        next[c + j] = (next[c + j] as Rational).add(a.mul(s));
      });
    });
    n = m;
    const a = lookAlpha(alpha, index + 1);
    alive = next.map((mass, c) => {
      if (mass.isZero()) return mass;
      const v = threeWayVerdict(c, m, delta, a).verdict;
      if (v === 'inconclusive') return mass;
      if (v === which) total = total.add(mass);
      return Rational.ZERO;
    });
  });
  return total;
}

/** A deterministic Bernoulli(p) sequence from a seed (fast-check supplies the seed). */
function bernoulli(seed: number, p: number): (i: number) => boolean {
  return (i) => {
    let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
    return h / 2 ** 32 < p;
  };
}

describe('look schedule', () => {
  test('strictly increasing, ends at maxTrials, alpha_k sums below alpha', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 1.1, max: 4, noNaN: true }),
        (max, first, growth) => {
          const s = lookSchedule(max, first, growth);
          expect(s[s.length - 1]).toBe(max);
          for (let i = 1; i < s.length; i++) expect((s[i] as number) > (s[i - 1] as number)).toBe(true);
          const alpha = Rational.of(1, 20);
          const spent = Rational.sum(s.map((_, k) => lookAlpha(alpha, k + 1)));
          expect(spent).toBeBelow(alpha);
        },
      ),
      { numRuns: 200 },
    );
    expect(lookSchedule(100)).toEqual([10, 20, 40, 80, 100]);
    expect(() => lookSchedule(0)).toThrow(InputError);
    expect(() => lookSchedule(10, 1, 1)).toThrow(InputError);
  });
});

describe('sequential test', () => {
  test('anytime validity, exactly: P(wrong verdict) <= alpha for every p (small budgets)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 24 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 99 }),
        fc.constantFrom(Rational.of(1, 20), Rational.of(1, 5), Rational.of(1, 2)),
        (max, first, dPct, pPct, alpha) => {
          const delta = Rational.of(dPct, 100);
          const p = Rational.of(pPct, 100);
          const schedule = lookSchedule(max, first, 2);
          const wrong = p.le(delta) ? 'refuted' : 'supported';
          expect(sequentialProbability(p, delta, alpha, schedule, wrong)).toBeLessOrEqual(alpha);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('calls every trial exactly once, in order, and stops at the first deciding look', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 3000 }),
        (seed, p, max) => {
          const calls: number[] = [];
          const f = bernoulli(seed, p);
          const r = sequentialTest((i) => (calls.push(i), f(i)), Rational.of(1, 10), Rational.of(1, 20), max);
          expect(calls).toEqual(Array.from({ length: r.trials }, (_, i) => i));
          expect(r.looks.slice(0, -1).every((l) => l.verdict === 'inconclusive')).toBe(true);
          const last = r.looks[r.looks.length - 1];
          expect(last?.verdict).toBe(r.verdict);
          expect(last?.trials).toBe(r.trials);
          expect(r.trials <= max).toBe(true);
          if (r.verdict === 'inconclusive') expect(r.trials).toBe(max);
        },
      ),
      { numRuns: 100 },
    );
  });

  test('on decided cases it never needs more trials than the fixed-n test at the same alpha (savings reported)', () => {
    const alpha = Rational.of(1, 20);
    const rows: string[] = [];
    const cases: { name: string; delta: Rational; trial: (i: number) => boolean; budget: number; expect: Verdict }[] = [
      { name: '0 failures', delta: Rational.of(1, 10), trial: () => false, budget: 10_000, expect: 'supported' },
      { name: '0 failures', delta: Rational.of(1, 100), trial: () => false, budget: 10_000, expect: 'supported' },
      { name: '0 failures', delta: Rational.of(1, 1000), trial: () => false, budget: 100_000, expect: 'supported' },
      { name: 'all failures', delta: Rational.of(1, 10), trial: () => true, budget: 10_000, expect: 'refuted' },
      { name: 'all failures', delta: Rational.of(9, 10), trial: () => true, budget: 10_000, expect: 'refuted' },
      {
        name: 'every 10th fails',
        delta: Rational.of(1, 100),
        trial: (i) => i % 10 === 9,
        budget: 10_000,
        expect: 'refuted',
      },
      {
        name: 'every 1000th fails',
        delta: Rational.of(1, 10),
        trial: (i) => i % 1000 === 999,
        budget: 10_000,
        expect: 'supported',
      },
    ];
    for (const c of cases) {
      const fixed = fixedTest(c.trial, c.delta, alpha, c.budget);
      const seq = sequentialTest(c.trial, c.delta, alpha, c.budget);
      expect(fixed.verdict).toBe(c.expect);
      expect(seq.verdict).toBe(c.expect);
      expect(seq.trials).toBeLessThanOrEqual(fixed.trials);
      expect(seq.trials).toBeLessThan(fixed.trials);
      const minimal = c.expect === 'supported' ? minimalFixedTrials(seq.failures, c.delta, alpha, c.budget) : undefined;
      rows.push(
        `${c.name.padEnd(18)} delta=${c.delta.toString().padEnd(6)} fixed n=${String(fixed.trials).padEnd(7)} sequential n=${String(seq.trials).padEnd(6)} ` +
          `saving ${(100 * (1 - seq.trials / fixed.trials)).toFixed(1)}%` +
          (minimal === undefined
            ? ''
            : `  (best fixed n designed for ${seq.failures} failures: ${minimal}, ratio ${(seq.trials / minimal).toFixed(2)})`),
      );
      if (minimal !== undefined) expect(seq.trials / minimal).toBeLessThan(5);
    }
    console.log(`sequential vs fixed-n at alpha = 1/20:\n${rows.join('\n')}`);
  });

  test('random decided cases: sequential uses <= trials than fixed-n, and agrees whenever both decide with p far from delta', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(0.001, 0.5, 0.9), (seed, p) => {
        const delta = Rational.of(1, 10);
        const alpha = Rational.of(1, 20);
        const f = bernoulli(seed, p);
        const fixed = fixedTest(f, delta, alpha, 4000);
        const seq = sequentialTest(f, delta, alpha, 4000);
        expect(seq.trials).toBeLessThanOrEqual(fixed.trials);
        const truth: Verdict = p < 0.1 ? 'supported' : 'refuted';
        expect(fixed.verdict).toBe(truth);
        expect(seq.verdict).toBe(truth);
      }),
      { numRuns: 25 },
    );
  });

  test('minimalFixedTrials is the least n that supports the claim', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 2, max: 50 }), (failures, inv) => {
        const delta = Rational.of(1, inv);
        const alpha = Rational.of(1, 20);
        const n = minimalFixedTrials(failures, delta, alpha, 100_000);
        expect(n).toBeDefined();
        const m = n as number;
        expect(upperBound(failures, m, alpha)).toBeLessOrEqual(delta);
        if (m - 1 >= Math.max(failures, 1)) expect(upperBound(failures, m - 1, alpha)).toBeAbove(delta);
      }),
      { numRuns: 40 },
    );
    expect(minimalFixedTrials(0, Rational.of(1, 10), Rational.of(1, 20), 10)).toBeUndefined();
    expect(minimalFixedTrials(0, Rational.of(1, 10), Rational.of(1, 20), 10_000)).toBe(29);
  });
});
